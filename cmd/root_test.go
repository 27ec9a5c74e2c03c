package cmd

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/lessons"
)

// TestHelpExamplesNameRealSteps keeps the --help examples runnable: every
// LESSON/STEP id they use is a step of the built-in course.
func TestHelpExamplesNameRealSteps(t *testing.T) {
	course, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Example == "" && c.HasExample() {
			t.Errorf("%s: empty example", c.CommandPath())
		}
		for _, word := range strings.Fields(c.Example) {
			word = strings.Trim(word, "'\"`")
			lesson, step, ok := strings.Cut(word, "/")
			if !ok || lesson == "" || strings.ContainsAny(word, ".*()") {
				continue
			}
			if _, found := course.Step(word); step != "" && !found {
				t.Errorf("%s: the example uses %s, which is not a step of the built-in course", c.CommandPath(), word)
			}
			if _, found := course.Lesson(lesson); step == "" && !found {
				t.Errorf("%s: the example uses %s, which is not a lesson of the built-in course", c.CommandPath(), word)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(&app{io: &Streams{}}))
}
