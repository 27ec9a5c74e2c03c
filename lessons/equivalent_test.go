package lessons

import (
	"strings"
	"testing"
)

// format2 is oneLesson in a course of format 2.
func format2(lesson string) map[string]string {
	files := oneLesson(lesson)
	files["course.yaml"] = strings.Replace(files["course.yaml"], "format: 1", "format: 2", 1)
	return files
}

func TestMutantBlocks(t *testing.T) {
	solved := cleanStep + "'''sql solution file=a.sql\nSELECT 1\nORDER BY 1;\n'''\n"
	tests := []struct {
		name, lesson string
		format       int
		want         []string
	}{
		{"a declared mutant", solved + "'''sql mutant file=a.sql \"one row: any order is the order\"\nSELECT 1;\n'''\n", 2, []string{}},
		{"in a format 1 course", solved + "'''sql mutant file=a.sql \"why\"\nSELECT 1;\n'''\n", 1,
			[]string{"01-a.md:19: the mutant block belongs to format 2; declare format: 2 in course.yaml"}},
		{"no file", solved + "'''sql mutant \"why\"\nSELECT 1;\n'''\n", 2,
			[]string{"01-a.md:19: mutant block names no file; add file=PATH, the file the mutant changes"}},
		{"no why", solved + "'''sql mutant file=a.sql\nSELECT 1;\n'''\n", 2,
			[]string{`01-a.md:19: mutant block says not why the mutant is right too; add a "WHY"`}},
		{"two lines", solved + "'''sql mutant file=a.sql \"why\"\nSELECT 1\nLIMIT 1;\n'''\n", 2,
			[]string{`01-a.md:19: mutant block holds the changed line as lessons test --mutants prints it after "mutant survives: ", on one line`}},
		{"a file no solution of the step writes", solved + "'''sql mutant file=b.sql \"why\"\nSELECT 1;\n'''\n", 2,
			[]string{"01-a.md:19: mutant block names b.sql, which no solution of this step writes; a mutant is of this step's solutions"}},
		{"a typo of the role", solved + "'''sql mutnat file=a.sql \"why\"\nSELECT 1;\n'''\n", 2,
			[]string{`01-a.md:19: unknown role "mutnat"; did you mean "mutant"?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := oneLesson(testFrontMatter + tt.lesson)
			if tt.format == 2 {
				files = format2(testFrontMatter + tt.lesson)
			}
			assertLines(t, lintCourse(t, files), mdAll(tt.want))
		})
	}
	c, _, err := Load(courseFS(format2(testFrontMatter+solved+"'''go mutant file=a.sql \"why\"\nSELECT 1;\n'''\n")), "test")
	if err != nil {
		t.Fatal(err)
	}
	got := c.Steps()[0].Equivalents
	if len(got) != 1 || *got[0] != (Equivalent{Lang: "go", Path: "a.sql", Changed: "SELECT 1;", Why: "why", Line: 19}) {
		t.Errorf("Equivalents = %+v", got)
	}
}
