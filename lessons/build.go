package lessons

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

// Build is course.yaml's build stamp (format 2) on a course that `lessons
// build --student` made from a full course: it names the course it was made
// from, so that a workspace and `grade` can tell which one a student has.
//
//	build:
//	  kind: student
//	  course: score-keeper
//	  version: 2026.12.1
//	  hash: sha256:...
type Build struct {
	// Kind is "student": the solutions, mistakes and mutants are left out;
	// MistakesFile keeps what check needs to name a mistake.
	Kind string
	// Course, Version and Hash are the full course's id, version and
	// content hash (Course.Hash).
	Course, Version, Hash string
}

// Student reports whether b stamps a student build.
func (b *Build) Student() bool { return b != nil && b.Kind == "student" }

// MistakesFile is where a student build keeps its mistakes without their
// content: each one's step, language, id, WHY and says=, and its likeness
// with hashed words (Likeness).
const MistakesFile = "mistakes.json"

// buildMistake is one mistake of MistakesFile.
type buildMistake struct {
	Step     string   `json:"step"`
	Lang     string   `json:"lang"`
	Path     string   `json:"path"`
	ID       string   `json:"id"`
	Why      string   `json:"why"`
	Says     string   `json:"says,omitempty"`
	Error    bool     `json:"error,omitempty"`
	Likeness Likeness `json:"likeness"`
}

type buildMistakes struct {
	Mistakes []buildMistake `json:"mistakes"`
}

// StudentBuild makes the student build of the full course in fsys: every
// file of the folder, with the lessons' solution, mistake and mutant blocks
// left out, course.yaml stamped (Build), the mistakes kept in MistakesFile
// without their content, and the fingerprints (PrintsFile) made current for
// the build where they were current for the course. Hidden files and
// folders (a name that starts with a dot: the course's .git, whose history
// holds every solution, .github, .env) are left out. It refuses a course
// with lint errors, and a student build. The result is checked: it loads
// without an error, with the same steps.
func StudentBuild(fsys fs.FS) (map[string][]byte, error) {
	c, probs, err := Load(fsys, "")
	if err != nil {
		return nil, err
	}
	if errs := probs.Errors(); len(errs) > 0 {
		return nil, fmt.Errorf("the course has problems; fix them first (sandcastle lessons lint):\n%w", errs)
	}
	if c.Build != nil {
		return nil, errors.New("this is already a student build: build from the full course")
	}
	out := map[string][]byte{}
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			// The course's .git (its history holds every solution), and
			// any other hidden file or folder of the author's (.github,
			// .env, an editor's settings): never given to students.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		out[name] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, l := range c.Lessons {
		out[l.File] = withoutBlocks(out[l.File], hiddenLines(l))
	}
	yaml := out["course.yaml"]
	if c.Format == 1 {
		if yaml, _ = declareFormat2(yaml); yaml == nil {
			return nil, errors.New("course.yaml: cannot find its format: 1 line to make it format: 2")
		}
	}
	out["course.yaml"] = stamp(yaml, Build{Kind: "student", Course: c.ID, Version: c.Release, Hash: c.Hash})
	mistakes, err := json.MarshalIndent(buildMistakes{Mistakes: mistakesOf(c)}, "", "  ")
	if err != nil {
		return nil, err
	}
	out[MistakesFile] = append(mistakes, '\n')
	return out, currentPrints(fsys, c, out)
}

// hiddenLines are the lines of the blocks a student build leaves out of a
// lesson: its solutions, mistakes and mutants.
func hiddenLines(l *Lesson) map[int]bool {
	lines := map[int]bool{}
	for _, s := range l.Steps {
		for _, f := range s.Files {
			if f.Kind != Starter {
				lines[f.Line] = true
			}
		}
		for _, e := range s.Equivalents {
			lines[e.Line] = true
		}
	}
	return lines
}

// withoutBlocks is a lesson without the fenced blocks that open at lines,
// and without the blank line after each.
func withoutBlocks(data []byte, lines map[int]bool) []byte {
	raw := bytes.SplitAfter(data, []byte("\n"))
	text := splitLines(data)
	var out bytes.Buffer
	for i := 0; i < len(raw); i++ {
		if lines[i+1] && i < len(text) {
			if f, ok := openFence(text[i]); ok {
				if end := closingFence(text, i+1, f); end >= 0 {
					i = end
					if i+1 < len(text) && strings.TrimSpace(text[i+1]) == "" {
						i++
					}
					continue
				}
			}
		}
		out.Write(raw[i])
	}
	return out.Bytes()
}

// stamp adds the build stamp to course.yaml.
func stamp(yaml []byte, b Build) []byte {
	var out bytes.Buffer
	out.Write(yaml)
	if len(yaml) > 0 && !bytes.HasSuffix(yaml, []byte("\n")) {
		out.WriteByte('\n')
	}
	fmt.Fprintf(&out, "# Written by sandcastle lessons build --student: the solutions are kept by the instructor.\n")
	fmt.Fprintf(&out, "build:\n  kind: student\n  course: %q\n  version: %q\n  hash: %q\n", b.Course, b.Version, b.Hash)
	return out.Bytes()
}

// mistakesOf are the course's mistakes as a student build keeps them.
func mistakesOf(c *Course) []buildMistake {
	ms := []buildMistake{}
	for _, s := range c.Steps() {
		for _, f := range s.Files {
			if f.Kind != Mistake {
				continue
			}
			like := Likeness{}
			for _, w := range workspaceLangs(c) {
				if !c.AppliesTo(f.Lang, w) {
					continue
				}
				if solution, ok := c.Version(f.Path, w, s, Solution); ok {
					like = MistakeLikeness(solution, f.Content)
					break
				}
			}
			ms = append(ms, buildMistake{Step: s.FullID(), Lang: f.Lang, Path: f.Path, ID: f.ID, Why: f.Why, Says: f.Says,
				Error: f.Error, Likeness: like.Hashed(c.ID)})
		}
	}
	return ms
}

// currentPrints rewrites the fingerprints in out for the build: a lesson's
// prints that were current for the full course are made current for the
// build (its lessons' inputs differ), and the others are left as they were.
// It then loads the build, which must have no error.
func currentPrints(fsys fs.FS, full *Course, out map[string][]byte) error {
	build := fstest.MapFS{}
	for name, data := range out {
		if name != PrintsFile {
			build[name] = &fstest.MapFile{Data: data}
		}
	}
	bc, probs, err := Load(build, "")
	if err != nil {
		return err
	}
	if errs := probs.Errors(); len(errs) > 0 {
		return fmt.Errorf("the student build would have problems, so nothing was written; please report this:\n%w", errs)
	}
	if len(bc.Steps()) != len(full.Steps()) {
		return errors.New("the student build would not have the course's steps, so nothing was written; please report this")
	}
	data, err := fs.ReadFile(fsys, PrintsFile)
	if err != nil {
		return nil // no fingerprints: none to keep
	}
	p, err := UnmarshalPrints(data)
	if err != nil {
		return fmt.Errorf("%s cannot be read: %w", PrintsFile, err)
	}
	for i, lp := range p.Lessons {
		fl, ok1 := full.Lesson(lp.Lesson)
		bl, ok2 := bc.Lesson(lp.Lesson)
		if ok1 && ok2 && fl.Inputs == lp.Inputs {
			p.Lessons[i].Inputs = bl.Inputs
		}
	}
	out[PrintsFile] = MarshalPrints(p)
	return nil
}

// courseBuild reads course.yaml's build stamp.
func courseBuild(f yamlField, r *reporter) *Build {
	n := deref(f.value)
	if n == nil || n.Kind != yaml.MappingNode {
		r.errorf(f.line, "build is written by sandcastle lessons build --student; it maps kind, course, version and hash")
		return nil
	}
	b := &Build{}
	for _, kf := range mappingFields(n, r, nodeLine) {
		v, _ := scalarText(kf.value)
		switch kf.key {
		case "kind":
			b.Kind = strings.TrimSpace(v)
		case "course":
			b.Course = strings.TrimSpace(v)
		case "version":
			b.Version = strings.TrimSpace(v)
		case "hash":
			b.Hash = strings.TrimSpace(v)
		default:
			unknownKey(r, kf, []string{"kind", "course", "version", "hash"}, "build")
		}
	}
	if b.Kind != "student" {
		r.errorf(f.line, "build kind %q is not one this sandcastle knows: student", b.Kind)
		return nil
	}
	return b
}

// attachMistakes reads a student build's MistakesFile and gives each step
// its mistakes, without content (Likeness), reporting what cannot be read.
func attachMistakes(c *Course, data []byte, r *reporter) {
	var ms buildMistakes
	if err := json.Unmarshal(data, &ms); err != nil {
		r.errorf(1, "%s cannot be read (%v); build the course again with sandcastle lessons build --student", MistakesFile, err)
		return
	}
	for _, m := range ms.Mistakes {
		s := c.stepByID(m.Step)
		if s == nil {
			r.errorf(1, "%s names the step %s, which the course does not have; build the course again", MistakesFile, m.Step)
			continue
		}
		like := m.Likeness
		s.Files = append(s.Files, &FileBlock{Kind: Mistake, Lang: m.Lang, Path: m.Path, ID: m.ID, Why: m.Why, Says: m.Says,
			Error: m.Error, Likeness: &like, Line: s.Line})
	}
}

// stepByID is the step whose full id is id, or nil.
func (c *Course) stepByID(id string) *Step {
	for _, l := range c.Lessons {
		for _, s := range l.Steps {
			if s.FullID() == id {
				return s
			}
		}
	}
	return nil
}
