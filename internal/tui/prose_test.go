package tui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/lessons"
)

// The lesson's `sandcastle …` spans start with the command that works
// from where the learner is (Options.Command).
func TestProseNamesTheCommandThatWorks(t *testing.T) {
	c, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	step, ok := c.Step("hello-backend/put-rows-in-the-table")
	if !ok {
		t.Fatal("no step hello-backend/put-rows-in-the-table")
	}
	for cmd, want := range map[string]string{"": "sandcastle sql", "go run . -C /ws": "go run . -C /ws sql"} {
		r := newRenderCache(newStyles(Look{Profile: termenv.Ascii}))
		r.command = cmd
		r.render(c, step, "go", 200, 0)()
		doc, _ := r.get(step, "go", 200, 0)
		if !strings.Contains(doc.Text, want+` "SELECT * FROM games"`) {
			t.Errorf("command %q: the text does not say %q:\n%s", cmd, want, doc.Text)
		}
	}
}
