package lessons

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// studentBuildOf builds the course in dir and loads the build.
func studentBuildOf(t *testing.T, fsys fs.FS) (map[string][]byte, *Course, Problems) {
	t.Helper()
	out, err := StudentBuild(fsys)
	if err != nil {
		t.Fatal(err)
	}
	build := fstest.MapFS{}
	for name, data := range out {
		build[name] = &fstest.MapFile{Data: data}
	}
	c, probs, err := Load(build, "build")
	if err != nil {
		t.Fatal(err)
	}
	return out, c, probs
}

func TestStudentBuildOfTheBuiltinCourse(t *testing.T) {
	sub, err := fs.Sub(builtin, "builtin/"+BuiltinID)
	if err != nil {
		t.Fatal(err)
	}
	full, _, err := Load(sub, "full")
	if err != nil {
		t.Fatal(err)
	}
	out, c, probs := studentBuildOf(t, sub)
	if errs := probs.Errors(); len(errs) > 0 {
		t.Fatalf("the build has problems:\n%v", errs)
	}
	for _, p := range probs {
		t.Errorf("the build has a warning: %s", p)
	}
	if !c.Build.Student() || c.Build.Course != full.ID || c.Build.Hash != full.Hash {
		t.Errorf("build stamp %+v, want the full course's id and hash %s", c.Build, full.Hash)
	}
	if len(c.Steps()) != len(full.Steps()) {
		t.Fatalf("%d steps, want %d", len(c.Steps()), len(full.Steps()))
	}
	for i, s := range c.Steps() {
		fs := full.Steps()[i]
		mistakes, fullMistakes := 0, 0
		for _, f := range s.Files {
			switch f.Kind {
			case Solution:
				t.Errorf("%s keeps a solution of %s", s.FullID(), f.Path)
			case Mistake:
				mistakes++
				if f.Content != "" || f.Likeness == nil || f.Why == "" {
					t.Errorf("%s: mistake %s kept %q / %+v", s.FullID(), f.ID, f.Content, f.Likeness)
				}
			}
		}
		for _, f := range fs.Files {
			if f.Kind == Mistake {
				fullMistakes++
			}
		}
		if mistakes != fullMistakes {
			t.Errorf("%s: %d mistakes, want %d", s.FullID(), mistakes, fullMistakes)
		}
		if len(s.Prints) != len(fs.Prints) {
			t.Errorf("%s: %d fingerprints, want %d (current for the build)", s.FullID(), len(s.Prints), len(fs.Prints))
		}
		if len(s.Hints) != len(fs.Hints) || len(s.Checks) != len(fs.Checks) {
			t.Errorf("%s: hints or checks lost", s.FullID())
		}
		if len(s.Equivalents) != 0 {
			t.Errorf("%s keeps its mutant blocks", s.FullID())
		}
	}
	// No solution's distinctive line is anywhere in the build's text.
	for _, s := range full.Steps() {
		for _, f := range s.Files {
			if f.Kind != Solution {
				continue
			}
			for _, line := range strings.Split(f.Content, "\n") {
				line = strings.TrimSpace(line)
				if len(line) < 40 || inStarters(full, line) {
					continue
				}
				for name, data := range out {
					if strings.HasSuffix(name, ".md") && strings.Contains(string(data), line) {
						t.Errorf("%s holds a line of the solution of %s (%s): %q", name, f.Path, s.FullID(), line)
					}
				}
			}
		}
	}
	if _, err := StudentBuild(mapFS(out)); err == nil || !strings.Contains(err.Error(), "already a student build") {
		t.Errorf("building a build: %v", err)
	}
}

// inStarters reports whether line is in what a student build keeps: a
// starter, the prose or a hint of the course.
func inStarters(c *Course, line string) bool {
	for _, s := range c.Steps() {
		text := s.Prose.For(c, "go") + s.Prose.For(c, "python") + s.Lesson.Intro.For(c, "go") + s.Lesson.Intro.For(c, "python")
		for _, h := range s.Hints {
			text += h.Body
		}
		if strings.Contains(text, line) {
			return true
		}
		for _, f := range s.Files {
			if f.Kind == Starter && strings.Contains(f.Content, line) {
				return true
			}
		}
	}
	return false
}

func mapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}
