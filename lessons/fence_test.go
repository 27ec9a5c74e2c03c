package lessons

import (
	"strings"
	"testing"
)

// TestBacktickInInfoString: in CommonMark a backtick fence whose info string
// holds a backtick is not a fence, so a block written so would be prose, its
// text shown to learners. Lint reports such a line where it names a role,
// and reads the block as the block it was meant to be, so that nothing of it
// reaches the prose and no other problem follows from it.
func TestBacktickInInfoString(t *testing.T) {
	step := func(mistake string) map[string]string {
		return oneLesson(testFrontMatter + `## Step one
'''sql file=q.sql query
'''
'''sql solution file=q.sql
SELECT 1;
'''
` + mistake + `
'''sql check "one row" run=q.sql
'''
'''expect
| 1 |
'''
'''hint
Select 1.
'''
`)
	}
	const why = "01-a.md:11: this line opens no block: in Markdown, a ``` fence's info string cannot hold a backtick, " +
		"so the block would be shown to learners as text; open it with ~~~ and close it with ~~~, or leave the backticks out"
	for _, tt := range []struct {
		name, mistake string
		want          []string
	}{
		{name: "a backtick in a mistake's WHY", mistake: "'''sql mistake file=q.sql \"no `1` here\"\nSELECT 2;\n'''", want: []string{why}},
		{name: "a role word in backticks", mistake: "'''sql `mistake` file=q.sql \"no 1 here\"\nSELECT 2;\n'''", want: []string{why}},
		{name: "a tilde fence holds backticks", mistake: "~~~sql mistake file=q.sql \"no `1` here\"\nSELECT 2;\n~~~"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := step(tt.mistake)
			assertLines(t, lintCourse(t, files), tt.want)
			c, _, err := Load(courseFS(files), "test")
			if err != nil {
				t.Fatal(err)
			}
			s := c.Lessons[0].Steps[0]
			if prose := s.Prose.String(); strings.Contains(prose, "SELECT 2") || strings.Contains(prose, "mistake") {
				t.Errorf("the mistake is in the learner's text:\n%s", prose)
			}
		})
	}
	t.Run("a line of prose that starts with code", func(t *testing.T) {
		for _, line := range []string{
			"```sql check``` blocks are checks: `SELECT 1`.",
			"```text `x` is a plain example",
		} {
			files := oneLesson(testFrontMatter + cleanStep + line + "\n")
			assertLines(t, lintCourse(t, files), nil)
		}
	})
}
