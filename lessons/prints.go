package lessons

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PrintsFile is the file, beside course.yaml, where `lessons test` writes
// what each mistake of the course makes its step's checks say (its
// fingerprint), so that a learner whose answer makes the same is told
// which mistake it looks like, without the mistakes being run again.
const PrintsFile = "fingerprints.json"

// Prints is the content of PrintsFile.
type Prints struct {
	About   string         `json:"about"`
	Lessons []LessonPrints `json:"lessons"`
}

// LessonPrints are the fingerprints of one lesson's mistakes, and what
// they were made from: Inputs, the hash of course.yaml and the lesson
// files up to this one (a later lesson cannot change them).
type LessonPrints struct {
	Lesson string       `json:"lesson"`
	Inputs string       `json:"inputs"`
	Steps  []StepPrints `json:"steps"`
}

// StepPrints are the fingerprints of one step's mistakes in one server
// language ("" for a step proved without one).
type StepPrints struct {
	Step     string         `json:"step"`
	Lang     string         `json:"lang,omitempty"`
	Mistakes []MistakePrint `json:"mistakes"`
}

// MistakePrint is what one mistake makes its step's checks say.
type MistakePrint struct {
	// ID names the mistake in its step (see FileBlock.ID); Why is its WHY.
	ID          string `json:"id"`
	Why         string `json:"why"`
	Fingerprint string `json:"fingerprint"`
	// Lang is the language it was proved in ("" for every language); it is
	// StepPrints.Lang, kept on the print once the file is read.
	Lang string `json:"-"`
}

// printsAbout says what PrintsFile is, at its top.
const printsAbout = "Written by `sandcastle lessons test`: what each mistake makes its step's checks say, " +
	"so that check can name a mistake a learner makes. Do not edit; run lessons test again when the course changes."

// MarshalPrints writes p as PrintsFile holds it.
func MarshalPrints(p Prints) []byte {
	p.About = printsAbout
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(p)
	return b.Bytes()
}

// attachPrints reads PrintsFile's data and gives each step of a lesson whose
// Inputs are current its mistakes' prints. It reports a file that cannot be
// read, and, as warnings, lessons whose prints are out of date or missing.
func attachPrints(c *Course, data []byte, r *reporter) {
	var p Prints
	if err := json.Unmarshal(data, &p); err != nil {
		r.errorf(1, "%s cannot be read (%v); delete it and run `sandcastle lessons test` to write it again", PrintsFile, err)
		return
	}
	byID := map[string]LessonPrints{}
	for _, lp := range p.Lessons {
		byID[lp.Lesson] = lp
	}
	var stale []string
	for _, l := range c.Lessons {
		if !hasMistakes(l) {
			continue
		}
		lp, ok := byID[l.ID]
		if !ok || lp.Inputs != l.Inputs {
			stale = append(stale, l.ID)
			continue
		}
		for _, sp := range lp.Steps {
			for _, s := range l.Steps {
				if s.FullID() != sp.Step {
					continue
				}
				for _, m := range sp.Mistakes {
					m.Lang = sp.Lang
					s.Prints = append(s.Prints, m)
				}
			}
		}
	}
	if len(stale) > 0 {
		r.warnf(1, "the fingerprints of %s are out of date or missing: run `sandcastle lessons test` (with --course) to write them again; "+
			"until then, check names no mistake of %s", strings.Join(stale, ", "), textOf(len(stale), "that lesson", "those lessons"))
	}
}

func textOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// hasMistakes reports whether a lesson has a mistake block.
func hasMistakes(l *Lesson) bool {
	return slices.ContainsFunc(l.Steps, func(s *Step) bool {
		return slices.ContainsFunc(s.Files, func(f *FileBlock) bool { return f.Kind == Mistake })
	})
}

// Diagnose returns the mistakes of step whose fingerprint is fp, in the
// workspace language lang.
func (s *Step) Diagnose(fp, lang string) []MistakePrint {
	var out []MistakePrint
	for _, m := range s.Prints {
		if fp != "" && m.Fingerprint == fp && (m.Lang == "" || m.Lang == lang) &&
			!slices.ContainsFunc(out, func(o MistakePrint) bool { return o.ID == m.ID }) {
			out = append(out, m)
		}
	}
	return out
}

// nameMistakes gives each mistake of each step an ID: the slug of its WHY,
// unique among the step's mistakes of its language (a mistake written for
// Go and for Python with the same WHY has one ID).
func nameMistakes(c *Course) {
	for _, s := range c.steps {
		used := map[string]bool{}
		for _, f := range s.Files {
			if f.Kind != Mistake {
				continue
			}
			id := Slug(f.Why)
			if len(id) > 60 {
				id = strings.TrimRight(id[:60], "-")
				if i := strings.LastIndex(id, "-"); i > 30 {
					id = id[:i]
				}
			}
			if id == "" {
				id = "mistake"
			}
			base := id
			for n := 2; used[f.Lang+"\x00"+id]; n++ {
				id = base + "-" + strconv.Itoa(n)
			}
			used[f.Lang+"\x00"+id] = true
			f.ID = id
		}
	}
}

// String shows a print for messages: its ID and WHY.
func (m MistakePrint) String() string { return fmt.Sprintf("%s (%s)", m.ID, m.Why) }
