package lessons

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// md turns ”' into ``` so that lessons can be written in raw strings.
func md(s string) string { return strings.ReplaceAll(s, "'''", "```") }

// courseFS builds a course folder from file names and contents.
func courseFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// lintCourse loads a course folder and returns its problems as lint prints them.
func lintCourse(t *testing.T, files map[string]string) []string {
	t.Helper()
	_, probs, err := Load(courseFS(files), "test")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return problemStrings(probs)
}

func problemStrings(probs Problems) []string {
	out := []string{}
	for _, p := range probs {
		out = append(out, p.String())
	}
	return out
}

// oneLesson is a course of one lesson file, 01-a.md.
func oneLesson(lesson string) map[string]string {
	return map[string]string{
		"course.yaml": "format: 1\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\n",
		"01-a.md":     md(lesson),
	}
}

// frontMatter is the four lines that start most test lessons.
const testFrontMatter = "---\nid: a\ntitle: A\n---\n"

// cleanStep is a step with no problem; its heading is on the first line.
const cleanStep = `## Step one
'''sql check "one row"
SELECT 1;
'''
'''expect
| 1 |
'''
'''hint
Select 1.
'''
`

func assertLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
