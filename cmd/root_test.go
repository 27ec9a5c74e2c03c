package cmd

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/lessons"
)

// TestHelpExamplesRun keeps the --help examples runnable: each example line
// that runs sandcastle names a real command with flags it has, every STEP
// argument is a step or a lesson of the built-in course, and every --run
// pattern compiles and, on the built-in course, selects a step. Every
// command that does something shows at least one example.
func TestHelpExamplesRun(t *testing.T) {
	course, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && !c.HasSubCommands() && !c.Hidden && c.Name() != "help" && c.Parent() != nil && c.Parent().Name() != "completion" &&
			c.Name() != "completion" && strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no example", c.CommandPath())
		}
		for _, line := range strings.Split(c.Example, "\n") {
			words := shellWords(line)
			if len(words) == 0 || words[0] != "sandcastle" {
				continue
			}
			checkExample(t, course, c.CommandPath(), words[1:])
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(&app{io: &Streams{}}))
}

// reporter is what checkExample reports to: a *testing.T, or a recorder.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// checkExample checks one example's words after "sandcastle".
func checkExample(t reporter, course *lessons.Course, where string, args []string) {
	t.Helper()
	root := newRoot(&app{io: &Streams{}}) // a fresh tree: parsing sets flags
	cmd, rest, err := root.Find(args)
	if err != nil {
		t.Errorf("%s: the example %q runs no command: %v", where, strings.Join(args, " "), err)
		return
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("%s: the example %q: %v", where, strings.Join(args, " "), err)
		return
	}
	ownCourse := cmd.Flags().Changed("course")
	if f := cmd.Flags().Lookup("run"); f != nil && f.Changed && !ownCourse {
		re, err := regexp.Compile(f.Value.String())
		switch {
		case err != nil:
			t.Errorf("%s: the example's --run %q does not compile: %v", where, f.Value.String(), err)
		case !slices.ContainsFunc(course.Steps(), func(s *lessons.Step) bool { return re.MatchString(s.FullID()) }):
			t.Errorf("%s: the example's --run %q selects no step of the built-in course", where, f.Value.String())
		}
	}
	if !strings.Contains(cmd.Use, "STEP") || ownCourse {
		return
	}
	for _, arg := range cmd.Flags().Args() {
		_, isStep := course.Step(arg)
		_, isLesson := course.Lesson(arg)
		if !isStep && !isLesson {
			t.Errorf("%s: the example uses %s, which is neither a step nor a lesson of the built-in course", where, arg)
		}
	}
}

// shellWords splits an example line as a shell would, far enough for the
// examples: words, '...' and "..." quoting; it stops at a comment, a pipe
// or a redirection.
func shellWords(line string) []string {
	var words []string
	var word strings.Builder
	inWord := false
	var quote rune
	for _, r := range strings.TrimSpace(line) {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			word.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case (r == '#' || r == '|' || r == '>') && !inWord:
			return words
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCheckExampleCatchesWrongExamples: the test above can fail.
func TestCheckExampleCatchesWrongExamples(t *testing.T) {
	course, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ example, want string }{
		{"sandcastle check no-such-lesson", "neither a step nor a lesson"},
		{"sandcastle goto hello-backend/no-such-step", "neither a step nor a lesson"},
		{"sandcastle check --no-such-flag", "unknown flag"},
		{"sandcastle grade --run '^nothing-matches$' ws", "selects no step"},
		{"sandcastle lessons test --run '(' ", "does not compile"},
		{"sandcastle check hello-backend", ""},
		{"sandcastle lessons test --course ./mine --run 'x/y'", ""},
		{"sandcastle show a-home-for-scores | less", ""},
	} {
		r := &recorder{}
		checkExample(r, course, "test", shellWords(tt.example)[1:])
		got := strings.Join(r.errs, "; ")
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%s: reported %q, want %q", tt.example, got, tt.want)
		}
	}
}
