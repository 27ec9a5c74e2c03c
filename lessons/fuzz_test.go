package lessons

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzParseLesson feeds ParseLesson, and Load with the lesson in a course,
// arbitrary files: neither may panic, and every problem names its file and a
// line of it.
func FuzzParseLesson(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.md")
	more, _ := filepath.Glob("testdata/courses/*/*.md")
	for _, name := range append(seeds, more...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(md(testFrontMatter + cleanStep)))
	f.Add([]byte("---\nid: [\n---\n## x {#}\n```"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := max(len(splitLines(data)), 1)
		_, probs := ParseLesson("01-a.md", data)
		assertProblemsInFiles(t, probs, map[string]int{"01-a.md": lines})

		fsys := fstest.MapFS{
			"course.yaml": {Data: []byte("format: 1\nid: f\ntitle: F\nlessons:\n  - 01-a.md\nlanguages:\n  go:\n    run: go run .\n")},
			"01-a.md":     {Data: data},
		}
		c, probs, err := Load(fsys, "fuzz")
		if err != nil || c == nil {
			t.Fatalf("Load: %v", err)
		}
		assertProblemsInFiles(t, probs, map[string]int{"01-a.md": lines, "course.yaml": 8})
	})
}

// assertProblemsInFiles fails t for a problem whose file is not one of files or
// whose line is outside the file.
func assertProblemsInFiles(t *testing.T, probs Problems, files map[string]int) {
	t.Helper()
	for _, p := range probs {
		n, ok := files[p.File]
		if !ok || p.Line < 0 || p.Line > n || p.Message == "" {
			t.Errorf("problem %q: file %q, line %d, of a file of %d lines", p.String(), p.File, p.Line, n)
		}
	}
}
