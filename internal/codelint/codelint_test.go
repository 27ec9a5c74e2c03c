package codelint

import (
	"context"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sandcastle/sandcastle/lessons"
)

func TestGoProblem(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want *problem
	}{
		{"formatted", "package main\n\nfunc main() {\n\tprintln(1)\n}\n", nil},
		{"spaces for a tab on line 4", "package main\n\nfunc main() {\n    println(1)\n}\n",
			&problem{4, "is not formatted as gofmt formats it, from this line on"}},
		{"an extra blank line at the end", "package main\n\n",
			&problem{2, "is not formatted as gofmt formats it, from this line on"}},
		{"unsorted imports", "package main\n\nimport (\n\t\"os\"\n\t\"fmt\"\n)\n",
			&problem{4, "is not formatted as gofmt formats it, from this line on"}},
		{"a syntax error on line 3", "package main\n\nfunc main() {\n",
			&problem{3, "does not parse: expected '}', found 'EOF'"}},
		{"a fragment with no package clause", "func main() {}\n",
			&problem{1, "does not parse: expected 'package', found 'func'"}},
		{"empty", "", &problem{1, "does not parse: expected 'package', found 'EOF'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := goProblem(tt.src); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("goProblem(%q) = %+v, want %+v", tt.src, got, tt.want)
			}
		})
	}
}

func TestFirstDifference(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"the same", "a\nb\n", "a\nb\n", 0},
		{"the second line", "a\nb\nc\n", "a\nB\nc\n", 2},
		{"a line more", "a\nb\n\n", "a\nb\n", 3},
		{"no final newline", "a\nb", "a\nb\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstDifference(tt.a, tt.b); got != tt.want {
				t.Errorf("firstDifference(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestMarkdownLine(t *testing.T) {
	// The fence is on line 10; the block's three lines are 11 to 13.
	b := &lessons.FileBlock{Line: 10, Content: "one\ntwo\nthree\n"}
	for _, tt := range []struct{ line, want int }{{0, 10}, {1, 11}, {3, 13}, {4, 13}, {-1, 10}} {
		if got := markdownLine(b, tt.line); got != tt.want {
			t.Errorf("line %d of the block: got lesson line %d, want %d", tt.line, got, tt.want)
		}
	}
}

// TestPlaceEdits: a solution whose file is more than its block (an edit) is
// reported at its fence, with the line of the file, and only when the file
// it edits did not have the same problem already.
func TestPlaceEdits(t *testing.T) {
	step := &lessons.Step{Lesson: &lessons.Lesson{File: "01-a.md"}}
	whole := &lessons.FileBlock{Path: "main.go", Line: 5, Content: "package main\nvar x=1\n"}
	edit := &lessons.FileBlock{Path: "main.go", Line: 20, Content: "+// more\n", Edit: &lessons.Edit{}}
	again := &lessons.FileBlock{Path: "main.go", Line: 30, Content: "+// again\n", Edit: &lessons.Edit{}}
	copied := &lessons.FileBlock{Path: "main.go", Line: 40, Content: "package main\nvar x=1\n"}
	bad := &problem{2, "is not formatted as gofmt formats it, from this line on"}
	sources := []source{
		{step, whole, "go", whole.Content},
		{step, edit, "go", "package main\nvar x=1\n// more\n"},
		{step, again, "go", "package main\n// again\nvar x=1\n// more\n"},
		{step, copied, "go", copied.Content},
	}
	problems := []*problem{bad, bad, {3, bad.message}, bad}
	got := place(sources, problems)
	want := []Warning{
		{"01-a.md", 7, "main.go is not formatted as gofmt formats it, from this line on"},
		{"01-a.md", 42, "main.go is not formatted as gofmt formats it, from this line on"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}

	// An edit that brings a problem of its own names the line of the file.
	problems = []*problem{nil, {3, "does not parse: expected ';'"}, nil, nil}
	got = place(sources, problems)
	want = []Warning{{"01-a.md", 20, "main.go does not parse: expected ';' (line 3 of the file this edit makes)"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestPythonFor(t *testing.T) {
	course := &lessons.Course{Languages: []lessons.Language{
		{Name: "go", Run: "go run ./server"},
		{Name: "python", Run: "python3.12 server/app.py"},
	}}
	if got := pythonFor(course, []string{"go", "python"}); got != "python3.12" {
		t.Errorf("the run command's interpreter: got %q", got)
	}
	if got := pythonFor(course, []string{"go"}); got != "python3" {
		t.Errorf("no language that runs Python: got %q, want python3", got)
	}
}

func TestPythonMissing(t *testing.T) {
	_, err := pyProblems(context.Background(), "python3-that-is-not-there", []string{"print(1)\n"})
	if err == nil || !strings.Contains(err.Error(), "python3-that-is-not-there was not found, so the Python solutions were not compiled") {
		t.Errorf("got %v", err)
	}
}

const lesson = "---\nid: a\ntitle: A\n---\n\n## One\n\n" + // lines 1 to 7
	"```go solution file=main.go\npackage main\nvar x=1\n```\n\n" + // fence on line 8, var on 10
	"```go mistake file=main.go \"wrong\"\npackage main\nvar x=\n```\n\n" + // a mistake: never read
	"```python solution file=app.py\nprint(1)\nprint(2\n```\n\n" + // fence on line 18, print(2 on 20
	"```python solution file=lib.py\nimport os\n```\n\n" + // compiles
	"```python mistake file=app.py \"wrong\"\ndef f(:\n```\n\n" +
	"```sql check \"one\"\nSELECT 1;\n```\n\n```expect\n| 1 |\n```\n\n```hint\nh\n```\n"

func loadCourse(t *testing.T, languages string) *lessons.Course {
	t.Helper()
	fsys := fstest.MapFS{
		"course.yaml": {Data: []byte("format: 1\nid: t\ntitle: T\nlessons:\n  - 01-a.md\n" + languages)},
		"01-a.md":     {Data: []byte(lesson)},
	}
	course, problems, err := lessons.Load(fsys, "t")
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatalf("load: %v %v", err, problems.Errors())
	}
	return course
}

func TestCheck(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3")
	}
	course := loadCourse(t, "languages:\n  go:\n    run: go run .\n  python:\n    run: python3 app.py\n")
	goWarning := Warning{"01-a.md", 10, "main.go is not formatted as gofmt formats it, from this line on"}
	pyWarning := Warning{"01-a.md", 20, "app.py does not compile: '(' was never closed"}
	tests := []struct {
		name  string
		langs []string
		keep  func(*lessons.Step) bool
		want  []Warning
	}{
		{"both languages", []string{"go", "python"}, nil, []Warning{goWarning, pyWarning}},
		{"go", []string{"go"}, nil, []Warning{goWarning}},
		{"python", []string{"python"}, nil, []Warning{pyWarning}},
		{"no step", []string{"go", "python"}, func(*lessons.Step) bool { return false }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Check(context.Background(), course, tt.langs, tt.keep); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	t.Run("a course with no server language", func(t *testing.T) {
		// Its go and python blocks apply to every workspace, as lessons test proves it: in none.
		course := loadCourse(t, "")
		if got := Check(context.Background(), course, course.LanguageNames(), nil); !reflect.DeepEqual(got, []Warning{goWarning, pyWarning}) {
			t.Errorf("got %+v", got)
		}
	})
}

// BenchmarkBuiltin reads the built-in course's solutions as lessons test
// does, one language at a time.
func BenchmarkBuiltin(b *testing.B) {
	course, _, err := lessons.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for _, lang := range course.LanguageNames() {
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				if w := Check(context.Background(), course, []string{lang}, nil); len(w) > 0 {
					b.Fatalf("the built-in course has warnings: %v", w)
				}
			}
		})
	}
}
