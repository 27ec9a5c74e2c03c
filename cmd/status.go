package cmd

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

type statusOptions struct {
	json bool
}

func newStatusCmd(a *app) *cobra.Command {
	opts := &statusOptions{}
	c := &cobra.Command{
		Use:   "status",
		Short: "Show the course, the current step and your progress",
		Long: `Show the workspace's course, the current step, the steps passed and the hints and
solutions used. status runs no check: it reads the recorded progress.

Steps caught up (their files filled with the course's answers by goto --catch-up, to
start further on) are counted apart, never as passed: "caught_up" in --json.`,
		Example: `  sandcastle status
  sandcastle status --json | jq .current
  sandcastle status --json | jq '.caught_up | length'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.readSession(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if opts.json {
				return writeJSON(a.io, s.Status())
			}
			printStatus(a.io, s)
			return nil
		},
	}
	c.Flags().BoolVar(&opts.json, "json", false, "print the status as JSON")
	return c
}

func printStatus(io *Streams, s *session.Session) {
	st := s.Status()
	io.printf("%s · %d of %d steps passed", io.bold(st.Title), len(st.Passed), st.Steps)
	if n := len(st.CaughtUp); n > 0 {
		io.printf(" · %d caught up (filled with the course's answers, not passed)", n)
	}
	io.println()
	io.printf("Workspace: %s", st.Workspace)
	if st.Lang != "" {
		io.printf(" (your server: %s)", st.Lang)
	}
	io.println()
	printVersion(io, st)
	printTrust(io, s)
	if s.Finished() {
		io.println(io.green("Every step has passed. Well done!"))
		return
	}
	cur := s.Current()
	io.printf("Current step: %s %s\n", io.bold(cur.Title), io.dim("("+cur.FullID()+")"))
	io.printf("  lesson %d of %d: %s\n", lessonNumber(s.Course, cur.Lesson), len(s.Course.Lessons), printable(cur.Lesson.Title))
	if files := s.Files(cur); len(files) > 0 {
		io.printf("  your files: %s\n", printable(strings.Join(files, ", ")))
	}
	io.printf("Hints seen: %d · solutions seen: %d\n", st.HintsUsed(), len(st.Solutions))
}

// printVersion shows the course's version, and the one the workspace was
// made with when it differs.
func printVersion(io *Streams, st session.Status) {
	switch {
	case st.Version == "" && st.MadeWith == "":
	case st.Version == st.MadeWith:
		io.printf("Course version: %s\n", printable(st.Version))
	case st.Version == "":
		io.printf("Course version: none (this workspace was made with version %s)\n", printable(st.MadeWith))
	case st.MadeWith == "":
		io.printf("Course version: %s\n", printable(st.Version))
	default:
		io.printf("Course version: %s (this workspace was made with version %s)\n", printable(st.Version), printable(st.MadeWith))
	}
}

// printTrust says, for a course from a folder that runs code, whether the
// learner trusts it.
func printTrust(io *Streams, s *session.Session) {
	st := s.Trusted()
	switch {
	case s.Course.Trusted || s.Runs().Nothing():
	case st.OK():
		io.printf("Trusted: its code runs (since %s).\n", st.At.Local().Format("2 Jan 2006 15:04"))
	default:
		io.println(io.yellow(st.Why(s.Course.Title)+":") + " its code does not run; `sandcastle trust` lists it and trusts it.")
	}
}

func lessonNumber(c *lessons.Course, l *lessons.Lesson) int {
	return slices.Index(c.Lessons, l) + 1
}

func writeJSON(io *Streams, v any) error {
	// Encoded whole first, then written at once: an error while encoding
	// leaves nothing half-printed.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.Out.Write(termtext.JSON(b.Bytes()))
	return err
}
