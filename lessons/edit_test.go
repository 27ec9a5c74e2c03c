package lessons

import (
	"strings"
	"testing"
)

// mustParseEdit parses an edit body written from line 10 of a lesson.
func mustParseEdit(t *testing.T, body string) *Edit {
	t.Helper()
	r := &reporter{file: "a.md"}
	e := parseEdit(body, 10, r)
	if len(r.probs) > 0 {
		t.Fatalf("parseEdit: %v", r.probs)
	}
	return e
}

func TestEditApply(t *testing.T) {
	base := "package main\n\nfunc main() {\n\tprintln(1)\n\tprintln(2)\n}\n\nfunc f() {\n\tprintln(2)\n}\n"
	tests := []struct {
		name, body, want string
	}{
		{
			name: "one line replaced",
			body: " func main() {\n-\tprintln(1)\n+\tprintln(10)\n",
			want: "package main\n\nfunc main() {\n\tprintln(10)\n\tprintln(2)\n}\n\nfunc f() {\n\tprintln(2)\n}\n",
		},
		{
			name: "two hunks in order, the second below the first, an empty context line",
			body: "@@ main\n-\tprintln(1)\n@@ f\n }\n\n func f() {\n+\t// f\n",
			want: "package main\n\nfunc main() {\n\tprintln(2)\n}\n\nfunc f() {\n\t// f\n\tprintln(2)\n}\n",
		},
		{
			name: "a line added at the end",
			body: " func f() {\n \tprintln(2)\n }\n+// end\n",
			want: base + "// end\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustParseEdit(t, tt.body).Apply(base)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if got != tt.want {
				t.Errorf("Apply =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestEditApplyErrors(t *testing.T) {
	base := "a\nb\nc\nb\nd\n"
	tests := []struct {
		name, body string
		line       int
		want       string
	}{
		{"nowhere, with the nearest line", " a\n-x\n", 10, `hunk matches nowhere in its base; nearest: line 2 of the base, "b", where the edit's line 11 has "x"`},
		{"nowhere, no line in common", "-bee\n", 10, `hunk matches nowhere in its base; nearest: line 2 of the base, "b", where the edit's line 10 has "bee"`},
		{"twice", "-b\n", 10, "hunk matches 2 places in its base (lines 2 and 4); add context lines until it matches one"},
		{"above the hunk before", "-d\n@@\n-a\n", 12, "hunk matches line 1 of its base, above where the hunk before it ended (line 5); hunks apply in order"},
		{"only + lines", "+x\n", 10, "hunk has no context or - line to place it by; add a line of the base around its + lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mustParseEdit(t, tt.body).Apply(base)
			if err == nil {
				t.Fatal("Apply succeeded")
			}
			if err.Line != tt.line || err.Message != tt.want {
				t.Errorf("Apply error = line %d: %s\nwant line %d: %s", err.Line, err.Message, tt.line, tt.want)
			}
		})
	}
}

func TestParseEditRefusesOtherLines(t *testing.T) {
	r := &reporter{file: "a.md"}
	parseEdit(" a\n*b\n-c\n", 10, r)
	assertLines(t, problemStrings(r.probs), []string{`a.md:11: an edit's line starts with -, + or a space (or is empty), or is a @@ line between hunks; this one starts with "*"`})
}

// editCourse is a format 2 course with a server file edited from step to
// step; broken is put in the second step.
func editCourse(format, broken string) map[string]string {
	lesson := testFrontMatter + `## One
'''go solution file=main.go
package main

func main() {
	println("one")
}
'''
'''sql check "c"
SELECT 1;
'''
'''expect
| 1 |
'''
'''hint
h
'''
## Two
'''go solution file=main.go edit
 func main() {
-	println("one")
+	println("two")
'''
'''go mistake file=main.go "still one" edit
-	println("two")
+	println("one")
'''
'''sql check "c"
SELECT 1;
'''
'''expect
| 1 |
'''
'''hint
h
'''
` + md(broken)
	return map[string]string{
		"course.yaml": "format: " + format + "\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\nlanguages:\n  go:\n    run: go run .\n",
		"01-a.md":     md(lesson),
	}
}

// lineOf returns the line of text that holds mark.
func lineOf(text, mark string) int {
	return strings.Count(text[:strings.Index(text, mark)], "\n") + 1
}

func TestEditsResolve(t *testing.T) {
	c, probs, err := Load(courseFS(editCourse("2", "")), "test")
	if err != nil || len(probs.Errors()) > 0 {
		t.Fatalf("Load: %v %v", err, probs)
	}
	two := c.Steps()[1]
	if got, want := two.Files[0].Content, "package main\n\nfunc main() {\n\tprintln(\"two\")\n}\n"; got != want {
		t.Errorf("solution = %q, want %q", got, want)
	}
	if got, want := two.Files[1].Content, "package main\n\nfunc main() {\n\tprintln(\"one\")\n}\n"; got != want {
		t.Errorf("mistake = %q, want %q", got, want)
	}
	if two.Files[0].Edit == nil || len(two.Files[0].Edit.Hunks[0].Lines) != 3 {
		t.Errorf("the edit as written is not kept: %+v", two.Files[0].Edit)
	}
	if v, ok := c.Version("main.go", "go", two, Solution); !ok || v != two.Files[0].Content {
		t.Errorf("Version = %q, want the resolved solution", v)
	}
}

func TestLintEdits(t *testing.T) {
	tests := []struct {
		name, format, broken string
		// want are the problems, with {MARK} standing for the line of
		// the lesson that starts with MARK (the first one).
		want []string
	}{
		{
			name:   "a hunk that matches nowhere",
			format: "2",
			broken: "## Three\n'''go solution file=main.go edit\n@@ nowhere\n-\tprintln(\"three\")\n+\tprintln(3)\n'''\n" + cleanTail,
			want:   []string{`01-a.md:{-	println("three")}: hunk matches nowhere in its base; nearest: line 4 of the base, "\tprintln(\"two\")", where the edit's line {-	println("three")} has "\tprintln(\"three\")" (the base: the solution of main.go at 01-a.md:{'''go solution file=main.go edit})`},
		},
		{
			name:   "a hunk that matches twice, after one that applies",
			format: "2",
			broken: "## Three\n'''go  solution file=main.go edit\n func main() {\n+\tprintln(\"two\")\n'''\n" + cleanTail +
				"## Four\n'''go solution file=main.go edit\n package main\n+// four\n@@ the twin\n \tprintln(\"two\")\n+// twin\n'''\n" + cleanTail,
			want: []string{`01-a.md:{ 	println("two")}: hunk matches 2 places in its base (lines 4 and 5); add context lines until it matches one (the base: the solution of main.go at 01-a.md:{'''go  solution})`},
		},
		{
			name:   "an edit that changes nothing",
			format: "2",
			broken: "## Three\n'''go solution file=main.go\nx\n'''\n'''go mistake file=main.go \"same\" edit\n x\n'''\n" + cleanTail,
			want:   []string{`01-a.md:{'''go mistake file=main.go "same" edit}: edit changes nothing in main.go; a mistake must differ from the solution`},
		},
		{
			name:   "an edit without a base",
			format: "2",
			broken: "## Three\n'''go solution file=new.go edit\n+package main\n'''\n" + cleanTail,
			want:   []string{"01-a.md:{'''go solution file=new.go edit}: edit has no base: no solution of new.go in an earlier step to edit; write the whole file, without edit"},
		},
		{
			name:   "a format 1 course",
			format: "1",
			broken: "",
			want: []string{
				"01-a.md:{'''go solution file=main.go edit}: the edit flag belongs to format 2; declare format: 2 in course.yaml",
				"01-a.md:{'''go mistake file=main.go \"still one\" edit}: the edit flag belongs to format 2; declare format: 2 in course.yaml",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := editCourse(tt.format, tt.broken)
			got := lintCourse(t, files)
			want := []string{}
			for _, w := range tt.want {
				want = append(want, resolveMarks(files["01-a.md"], w))
			}
			assertLines(t, got, want)
		})
	}
}

// cleanTail ends a step with a check and a hint.
const cleanTail = "'''sql check \"c\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''hint\nh\n'''\n"

// resolveMarks replaces each {MARK} of s with the line of lesson that
// starts with MARK (the first such line).
func resolveMarks(lesson, s string) string {
	for {
		i := strings.Index(s, "{")
		j := strings.Index(s, "}")
		if i < 0 || j < i {
			return s
		}
		mark := md(s[i+1 : j])
		at := strings.Index("\n"+lesson, "\n"+mark)
		if at < 0 {
			return s // fails the comparison, showing the mark
		}
		s = s[:i] + sprintf("%d", strings.Count(lesson[:at], "\n")+1) + s[j+1:]
	}
}

func TestLintFormat2Flags(t *testing.T) {
	mistake := "'''sql solution file=a.sql\nSELECT 1;\n'''\n'''sql mistake file=a.sql \"no FROM\" error\nSELECT 1 FROM;\n'''\n"
	lesson := testFrontMatter + cleanStep + mistake
	t.Run("the flag error in a format 1 course", func(t *testing.T) {
		assertLines(t, lintCourse(t, oneLesson(lesson)), []string{
			"01-a.md:18: the error flag belongs to format 2; declare format: 2 in course.yaml",
		})
	})
	t.Run("in a format 2 course", func(t *testing.T) {
		files := oneLesson(lesson)
		files["course.yaml"] = "format: 2\nversion: \"\"\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\n"
		assertLines(t, lintCourse(t, files), []string{
			"course.yaml:2: version has no value; write the course's version, as in version: 2026.12.1, or remove it",
		})
	})
	t.Run("error on a solution", func(t *testing.T) {
		files := oneLesson(testFrontMatter + cleanStep + "'''sql solution file=a.sql error\nSELECT 1;\n'''\n")
		files["course.yaml"] = "format: 2\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\n"
		assertLines(t, lintCourse(t, files), []string{
			"01-a.md:15: error does not belong on a solution block; it takes file=, query and edit",
		})
	})
	t.Run("a format 1 course's messages do not offer format 2's flags", func(t *testing.T) {
		files := oneLesson(testFrontMatter + cleanStep + "'''sql solution file=a.sql \"why\"\nSELECT 1;\n'''\n")
		assertLines(t, lintCourse(t, files), []string{
			"01-a.md:15: a solution block takes no quoted string; it takes file= and query",
		})
	})
}
