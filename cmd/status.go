package cmd

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/workspace"
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
solutions used. status runs no check: it reads the recorded progress.`,
		Example: `  sandcastle status
  sandcastle status --json | jq .current`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.openSession(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if opts.json {
				return writeJSON(a.io, statusReport(s))
			}
			printStatus(a.io, s)
			return nil
		},
	}
	c.Flags().BoolVar(&opts.json, "json", false, "print the status as JSON")
	return c
}

// statusJSON is `status --json`.
type statusJSON struct {
	Course    string         `json:"course"`
	Title     string         `json:"title"`
	Workspace string         `json:"workspace"`
	Lang      string         `json:"lang"`
	Current   string         `json:"current"`
	Passed    []string       `json:"passed"`
	Steps     int            `json:"steps"`
	Hints     map[string]int `json:"hints"`
	Solutions []string       `json:"solutions"`
}

func statusReport(s *session) statusJSON {
	c, p := s.ws.Course, s.progress
	r := statusJSON{
		Course: c.ID, Title: c.Title, Workspace: s.ws.Root, Lang: s.ws.Config.Lang,
		Current: workspace.Current(c, p).FullID(), Steps: len(c.Steps()),
		Passed: []string{}, Hints: map[string]int{}, Solutions: []string{},
	}
	for _, st := range c.Steps() {
		sp := p.Steps[st.FullID()]
		if sp.Passed {
			r.Passed = append(r.Passed, st.FullID())
		}
		if sp.HintsSeen > 0 {
			r.Hints[st.FullID()] = sp.HintsSeen
		}
		if sp.SolutionSeen {
			r.Solutions = append(r.Solutions, st.FullID())
		}
	}
	return r
}

func printStatus(io *Streams, s *session) {
	r := statusReport(s)
	c := s.ws.Course
	io.printf("%s · %d of %d steps passed\n", io.bold(c.Title), len(r.Passed), r.Steps)
	io.printf("Workspace: %s", r.Workspace)
	if r.Lang != "" {
		io.printf(" (your server: %s)", r.Lang)
	}
	io.println()
	if len(r.Passed) == r.Steps {
		io.println(io.green("Every step has passed. Well done!"))
		return
	}
	cur := workspace.Current(c, s.progress)
	io.printf("Current step: %s %s\n", io.bold(cur.Title), io.dim("("+cur.FullID()+")"))
	io.printf("  lesson %d of %d: %s\n", lessonNumber(c, cur.Lesson), len(c.Lessons), cur.Lesson.Title)
	if files := stepFiles(s, cur); len(files) > 0 {
		io.printf("  your files: %s\n", strings.Join(files, ", "))
	}
	hints := 0
	for _, n := range r.Hints {
		hints += n
	}
	io.printf("Hints seen: %d · solutions seen: %d\n", hints, len(r.Solutions))
}

// stepFiles are the learner's files a step works on, for the workspace's language.
func stepFiles(s *session, step *lessons.Step) []string {
	var files []string
	for _, f := range step.Files {
		if s.ws.Course.AppliesTo(f.Lang, s.ws.Config.Lang) && !slices.Contains(files, f.Path) {
			files = append(files, f.Path)
		}
	}
	return files
}

func lessonNumber(c *lessons.Course, l *lessons.Lesson) int {
	return slices.Index(c.Lessons, l) + 1
}

func writeJSON(io *Streams, v any) error {
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// runHome is bare `sandcastle`: the workspace here, else the default
// workspace of the built-in course, created on first use. Until the TUI
// lands, it prints the status and what to run next.
func runHome(ctx context.Context, a *app) error {
	s, err := a.openSession(ctx)
	if err == workspace.ErrNotFound && a.dir == "" {
		s, err = openDefault(ctx, a.io)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	printStatus(a.io, s)
	a.io.println()
	printNext(a.io, s)
	return nil
}

// openDefault opens the default workspace, creating it on first use.
func openDefault(ctx context.Context, io *Streams) (*session, error) {
	dir, err := workspace.DefaultDir()
	if err != nil {
		return nil, err
	}
	var ws *workspace.Workspace
	if _, statErr := os.Stat(filepath.Join(dir, workspace.ConfigFile)); statErr == nil {
		ws, err = workspace.Open(dir)
	} else {
		ws, _, err = workspace.Init(ctx, dir, workspace.BuiltinRef, "")
		if err != nil {
			return nil, err
		}
		if err == nil {
			io.printf("Created your workspace for %s in %s\n\n", ws.Course.Title, ws.Root)
		}
	}
	if err != nil {
		return nil, err
	}
	return newSession(ctx, io, ws)
}

// printNext says what to run next.
func printNext(io *Streams, s *session) {
	cur := workspace.Current(s.ws.Course, s.progress)
	if s.progress.Steps[cur.FullID()].Passed {
		io.println("Next: try another step with `sandcastle goto STEP` (`sandcastle lessons list` lists them).")
		return
	}
	if files := stepFiles(s, cur); len(files) > 0 {
		io.printf("Next: edit %s in %s, then run `sandcastle check` there.\n", strings.Join(files, ", "), s.ws.Root)
	} else {
		io.printf("Next: run `sandcastle check` in %s.\n", s.ws.Root)
	}
	io.println("Read the step with `sandcastle show`. Stuck? `sandcastle hint` shows one hint at a time.")
	if _, err := exec.LookPath("sandcastle"); err != nil {
		io.println(io.dim("(sandcastle is not on your PATH yet: `go install .` in its source folder puts it in $(go env GOPATH)/bin;\n" +
			" until then, `go run . -C " + s.ws.Root + " check` works from there.)"))
	}
}
