package lessons

import (
	"errors"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

func TestLoadMinimalCourse(t *testing.T) {
	c, probs, err := Load(os.DirFS("testdata/courses/minimal"), "testdata/courses/minimal")
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 0 {
		t.Fatalf("problems:\n%s", probs.Error())
	}
	if c.Format != 1 || c.ID != "minimal" || c.Title != "A minimal course" || c.Source != "testdata/courses/minimal" || c.Trusted {
		t.Errorf("course = %+v", c)
	}
	if len(c.Lessons) != 1 || len(c.Steps()) != 1 {
		t.Fatalf("got %d lessons, %d steps; want 1, 1", len(c.Lessons), len(c.Steps()))
	}
	if s, ok := c.Step("hello/create-a-table"); !ok || s.Index != 0 || s.Lesson != c.Lessons[0] {
		t.Errorf("step hello/create-a-table: %+v, %v", s, ok)
	}
}

func TestLoadSeedLessons(t *testing.T) {
	fsys := fstest.MapFS{
		"course.yaml": {Data: []byte(head + "lessons:\n  - 01-first-table.md\n  - 02-saving-scores.md\n" +
			"languages:\n  go:\n    run: go run ./server\n  python:\n    run: python3 server/app.py\n")},
	}
	for _, name := range []string{"01-first-table.md", "02-saving-scores.md"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	c, probs, err := Load(fsys, "seed")
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 0 {
		t.Fatalf("problems:\n%s", probs.Error())
	}
	var ids []string
	for i, s := range c.Steps() {
		if s.Index != i {
			t.Errorf("step %s has index %d, want %d", s.FullID(), s.Index, i)
		}
		ids = append(ids, s.FullID())
	}
	want := []string{"first-table/create-the-scores-table", "first-table/leaderboard", "saving-scores/save-a-score", "saving-scores/the-server-s-own-tests"}
	assertLines(t, ids, want)
}

func TestLoadWithoutCourseYAML(t *testing.T) {
	c, probs, err := Load(fstest.MapFS{"01-a.md": {Data: []byte(cleanLesson)}}, "x")
	if !errors.Is(err, fs.ErrNotExist) || c != nil || probs != nil {
		t.Errorf("Load = %v, %v, %v; want an error that wraps fs.ErrNotExist", c, probs, err)
	}
}

func TestLoadSortsProblems(t *testing.T) {
	got := lintCourse(t, map[string]string{
		"course.yaml": head + "lessons:\n  - 02-b.md\n  - 01-a.md\nauthor: me\n",
		"01-a.md":     md(testFrontMatter + "## One\n"),
		"02-b.md":     md("---\nid: b\ntitle: B\n---\n## One\n'''sql check\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''hint\nh\n'''\n"),
		"00-z.md":     "",
		"00-y.md":     "",
	})
	want := []string{
		`course.yaml:7: warning: unknown key "author"; course.yaml takes format, id, title, description, lessons, languages and catch_up`,
		md(`02-b.md:6: warning: check has no title; add one in quotes, as in '''sql check "the scores table exists"'''`),
		md(`01-a.md:5: step "One" has no check; add a '''sql check''' block followed by '''expect'''`),
		md(`01-a.md:5: warning: step "One" has no hint; add a '''hint''' block`),
		"00-y.md:1: lesson file is not listed in course.yaml's lessons",
		"00-z.md:1: lesson file is not listed in course.yaml's lessons",
	}
	assertLines(t, got, want)
}

func TestQueryFlagInheritance(t *testing.T) {
	lesson := testFrontMatter + cleanStep +
		"'''sql file=queries/top.sql query\n'''\n'''sql file=schema.sql\n'''\n" +
		"## Step two\n'''sql solution file=queries/top.sql\nSELECT 1;\n'''\n'''sql solution file=schema.sql\nCREATE TABLE t (x);\n'''\n" +
		"'''sql check \"top\" run=queries/top.sql\n'''\n'''expect\n| 1 |\n'''\n'''hint\nh\n'''\n"
	c, probs, err := Load(courseFS(oneLesson(lesson)), "x")
	if err != nil || len(probs) != 0 {
		t.Fatalf("Load: %v\n%s", err, probs.Error())
	}
	steps := c.Steps()
	for _, f := range steps[1].Files {
		if want := f.Path == "queries/top.sql"; f.Query != want {
			t.Errorf("%s %s: query = %v, want %v", f.Kind, f.Path, f.Query, want)
		}
	}
	got := c.Declared(steps[1], "")
	want := []DeclaredFile{{Path: "queries/top.sql", Query: true, Step: steps[0]}, {Path: "schema.sql", Step: steps[0]}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Declared = %+v, want %+v", got, want)
	}
}

func TestLanguageSpecificBlocks(t *testing.T) {
	lesson := testFrontMatter + cleanStep +
		"'''go file=server/main.go\npackage main\n'''\n'''python file=server/app.py\nimport os\n'''\n" +
		"'''sql file=schema.sql\n'''\n'''sql solution file=schema.sql\nCREATE TABLE t (x);\n'''\n" +
		"'''go solution file=server/main.go\npackage main // done\n'''\n'''python solution file=server/app.py\nimport os  # done\n'''\n"
	c, probs, err := Load(courseFS(langCourse(lesson)), "x")
	if err != nil || len(probs) != 0 {
		t.Fatalf("Load: %v\n%s", err, probs.Error())
	}
	s := c.Steps()[0]
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"go", []string{"server/main.go", "schema.sql"}},
		{"python", []string{"server/app.py", "schema.sql"}},
	} {
		var paths []string
		for _, d := range c.Declared(s, tt.lang) {
			paths = append(paths, d.Path)
		}
		assertLines(t, paths, tt.want)
	}
	if got, ok := c.Version("server/main.go", "go", s, Solution); !ok || got != "package main // done\n" {
		t.Errorf("go solution = %q, %v", got, ok)
	}
	if _, ok := c.Version("server/main.go", "python", s, Starter); ok {
		t.Errorf("a python workspace has a version of server/main.go")
	}
}

// TestYAMLErrorLines: every YAML error is reported on the line of the
// problem, whatever kind of error go-yaml gives.
func TestYAMLErrorLines(t *testing.T) {
	tests := []struct {
		name, doc string
		line      int
	}{
		{"an unclosed [", "format: 1\nid: x\ntitle: [C\nlessons:\n  - a.md\n", 3},
		{"an unclosed {", "format: 1\nid: x\ntitle: {C\n", 3},
		{"a stray list item", "format: 1\nid: x\n- x\n", 3},
		{"a character that cannot start a token", "format: 1\nid: x\ntitle: @C\n", 3},
		{"an indented key", "a: 1\n  b: 2\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			err := yaml.Unmarshal([]byte(tt.doc), &v)
			if err == nil {
				t.Fatal("no error")
			}
			if line, msg := yamlError(err); line != tt.line {
				t.Errorf("line %d (%s), want %d", line, msg, tt.line)
			}
		})
	}
}
