package lessons

import (
	"strings"
	"testing"
)

// A lesson's Inputs, which its fingerprints are made from, change with what
// its checks' results can depend on (the format, how a language's server
// runs, this lesson and the ones before it), and with nothing else: adding
// a lesson after it, or a title, points or a version, keeps its
// fingerprints current.
func TestInputsChangeOnlyWithWhatChecksDependOn(t *testing.T) {
	const yaml = "format: 2\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\nlanguages:\n  python:\n    run: python3 app.py\n"
	base := map[string]string{"course.yaml": yaml, "01-a.md": md(testFrontMatter + cleanStep), "02-b.md": md(strings.Replace(testFrontMatter, "id: a", "id: b", 1) + cleanStep)}
	inputs := func(files map[string]string) string {
		t.Helper()
		c, _, err := Load(courseFS(files), "test")
		if err != nil || len(c.Lessons) == 0 {
			t.Fatalf("Load: %v", err)
		}
		return c.Lessons[0].Inputs
	}
	with := func(edit func(map[string]string)) map[string]string {
		files := map[string]string{}
		for k, v := range base {
			files[k] = v
		}
		edit(files)
		return files
	}
	want := inputs(base)
	for _, tt := range []struct {
		name string
		edit func(map[string]string)
		same bool
	}{
		{"a lesson added after it", func(f map[string]string) {
			f["course.yaml"] = strings.Replace(yaml, "  - 01-a.md\n", "  - 01-a.md\n  - 02-b.md\n", 1)
		}, true},
		{"the course's title, version and points", func(f map[string]string) {
			f["course.yaml"] = strings.Replace(yaml, "title: Test\n", "title: Another\nversion: 2026.12.3\npoints:\n  a: 3\n", 1)
		}, true},
		{"the lesson itself", func(f map[string]string) { f["01-a.md"] += "\nMore words.\n" }, false},
		{"how the server runs", func(f map[string]string) {
			f["course.yaml"] = strings.Replace(yaml, "python3 app.py", "python3 -X dev app.py", 1)
		}, false},
		{"a lesson added before it", func(f map[string]string) {
			f["course.yaml"] = strings.Replace(yaml, "  - 01-a.md\n", "  - 02-b.md\n  - 01-a.md\n", 1)
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := with(tt.edit)
			c, _, _ := Load(courseFS(files), "test")
			got := ""
			for _, l := range c.Lessons {
				if l.ID == "a" {
					got = l.Inputs
				}
			}
			if (got == want) != tt.same {
				t.Errorf("Inputs %s, before %s: want same = %v", got, want, tt.same)
			}
		})
	}
}
