package lessons

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PrintsFile is the file, beside course.yaml, where `lessons test` writes
// what each mistake of the course makes its step's checks say (its
// fingerprint), so that a learner whose answer makes the same is told
// which mistake it looks like, without the mistakes being run again.
const PrintsFile = "fingerprints.txt"

// Prints is the content of PrintsFile.
type Prints struct {
	Lessons []LessonPrints
}

// LessonPrints are the fingerprints of one lesson's mistakes, and what
// they were made from: Inputs, the hash of course.yaml and the lesson
// files up to this one (a later lesson cannot change them).
type LessonPrints struct {
	Lesson string
	Inputs string
	Steps  []StepPrints
}

// StepPrints are the fingerprints of one step's mistakes in one server
// language ("" for a step proved without one).
type StepPrints struct {
	Step     string
	Lang     string
	Mistakes []MistakePrint
}

// MistakePrint is what one mistake makes its step's checks say.
type MistakePrint struct {
	// ID names the mistake in its step (see FileBlock.ID); Why is its WHY.
	ID          string
	Why         string
	Fingerprint string
	// Lang is the language it was proved in ("" for every language); it is
	// StepPrints.Lang, kept on the print once the file is read.
	Lang string
}

// printsAbout says what PrintsFile is, at its top.
const printsAbout = `# What each mistake of the course makes its step's checks say (its fingerprint), so that
# check can name the mistake a learner's answer looks like. Written by sandcastle lessons test:
# do not edit; run lessons test again when the course changes. Lines: lesson ID INPUTS,
# step STEP-ID LANG (- for every language), then FINGERPRINT MISTAKE-ID WHY per mistake.
`

// MarshalPrints writes p as PrintsFile holds it: one line per lesson, step
// and mistake, which diff well and read fast.
func MarshalPrints(p Prints) []byte {
	var b bytes.Buffer
	b.WriteString(printsAbout)
	for _, lp := range p.Lessons {
		fmt.Fprintf(&b, "lesson %s %s\n", lp.Lesson, lp.Inputs)
		for _, sp := range lp.Steps {
			lang := sp.Lang
			if lang == "" {
				lang = "-"
			}
			fmt.Fprintf(&b, "step %s %s\n", sp.Step, lang)
			for _, m := range sp.Mistakes {
				fmt.Fprintf(&b, "%s %s %s\n", m.Fingerprint, m.ID, oneLine(m.Why))
			}
		}
	}
	return b.Bytes()
}

// isHex reports whether s is a fingerprint: hex digits.
func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return s != ""
}

// oneLine is s with its line breaks as spaces: a WHY is one line of the file.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// UnmarshalPrints reads PrintsFile's data; the error names the first line
// it cannot read.
func UnmarshalPrints(data []byte) (Prints, error) {
	var p Prints
	var lp *LessonPrints
	var sp *StepPrints
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, " ", 3)
		switch {
		case len(f) == 3 && f[0] == "lesson":
			p.Lessons = append(p.Lessons, LessonPrints{Lesson: f[1], Inputs: f[2]})
			lp, sp = &p.Lessons[len(p.Lessons)-1], nil
		case len(f) == 3 && f[0] == "step" && lp != nil:
			lang := f[2]
			if lang == "-" {
				lang = ""
			}
			lp.Steps = append(lp.Steps, StepPrints{Step: f[1], Lang: lang})
			sp = &lp.Steps[len(lp.Steps)-1]
		case len(f) == 3 && sp != nil && isHex(f[0]):
			sp.Mistakes = append(sp.Mistakes, MistakePrint{Fingerprint: f[0], ID: f[1], Why: f[2]})
		default:
			return Prints{}, fmt.Errorf("line %d is not a lesson, step or mistake line", n+1)
		}
	}
	return p, nil
}

// attachPrints reads PrintsFile's data and gives each step of a lesson whose
// Inputs are current its mistakes' prints. It reports a file that cannot be
// read, and, as warnings, lessons whose prints are out of date or missing.
func attachPrints(c *Course, data []byte, r *reporter) {
	p, err := UnmarshalPrints(data)
	if err != nil {
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
			if f.Kind != Mistake || f.Likeness != nil {
				continue // a student build's mistakes come with their ids
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
