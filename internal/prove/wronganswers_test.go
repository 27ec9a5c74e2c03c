package prove

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

// TestWrongAnswersOfTheBuiltinCourse: answers a learner may write that are
// wrong, each in place of the step's solution (every other file solved),
// fail the step with a message (the failing check's title and what it
// says) that names the fix. Issue 13 found these passing.
func TestWrongAnswersOfTheBuiltinCourse(t *testing.T) {
	course, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, step, file, content, want string
	}{
		{"text in double quotes", "hello-backend/your-first-query", "queries/hello.sql",
			`SELECT "hello, backend" AS greeting;`, "Text goes in single quotes; double quotes are for the names of tables and columns, so SQLite looked for a column named hello, backend. Write it as 'hello, backend'."},
		{"the id looked up after the INSERT", "saving-scores/hand-back-the-new-id", "queries/save_score.sql",
			"INSERT INTO scores (player, score) VALUES (:player, :score);\nSELECT max(id) AS id FROM scores;\n", "her own id, 3 (from RETURNING, not a look-up)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			step, ok := course.Step(tt.step)
			if !ok {
				t.Fatalf("no step %s", tt.step)
			}
			fsys := fstest.MapFS{}
			for name, content := range versions(course, step, "", false) {
				fsys[name] = &fstest.MapFile{Data: []byte(content)}
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.content)}
			r := check.Run(context.Background(), course, step, fsys, check.Options{})
			if r.Passed() {
				t.Fatalf("the wrong answer passes %s", tt.step)
			}
			var msgs []string
			for _, c := range r.Checks {
				if c.Status != check.Pass {
					msgs = append(msgs, "✗ "+c.Title+"\n"+c.Message)
				}
			}

			if all := r.Message + strings.Join(msgs, "\n"); !strings.Contains(all, tt.want) {
				t.Errorf("the step fails without saying %q:\n%s", tt.want, all)
			}
		})
	}
}
