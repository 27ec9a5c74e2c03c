package cmd

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/tui"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// runHome is bare `sandcastle`: the workspace here, else the default
// workspace of the built-in course, created on first use. In a terminal,
// the TUI; else (or with TERM=dumb, which cannot draw it) the status and
// what to run next.
func runHome(ctx context.Context, a *app) error {
	s, err := a.openSession(ctx)
	if errors.Is(err, workspace.ErrNotFound) && a.dir == "" {
		var created bool
		s, created, err = session.OpenDefault(ctx)
		if err == nil && created {
			a.io.printf("Created your workspace for %s in %s\n\n", s.Course.Title, s.WS.Root)
		}
	}
	if err != nil {
		return err
	}
	defer s.Close()
	if a.io.InTTY && a.io.OutTTY && os.Getenv("TERM") != "dumb" {
		debug.SetGCPercent(100) // the TUI lives for hours: the usual pace
		summary, err := tui.Run(ctx, tui.Options{
			Session: s, Look: tui.DetectLook(os.Stdout), Editor: tui.Editor(), Watch: true,
		})
		if err != nil {
			return err
		}
		a.io.println(summary)
		return nil
	}
	printStatus(a.io, s)
	a.io.println()
	printNext(a.io, s)
	return nil
}

// printNext says what to run next.
func printNext(io *Streams, s *session.Session) {
	cur := s.Current()
	if s.Passed(cur) {
		io.println("Next: try another step with `sandcastle goto STEP` (`sandcastle lessons list` lists them).")
		return
	}
	if files := s.Files(cur); len(files) > 0 {
		io.printf("Next: edit %s in %s, then run `sandcastle check` there.\n", strings.Join(files, ", "), s.WS.Root)
	} else {
		io.printf("Next: run `sandcastle check` in %s.\n", s.WS.Root)
	}
	io.println("Read the step with `sandcastle show`. Stuck? `sandcastle hint` shows one hint at a time.")
	if _, err := exec.LookPath("sandcastle"); err != nil {
		io.println(io.dim("(sandcastle is not on your PATH yet: `go install .` in its source folder puts it in $(go env GOPATH)/bin;\n" +
			" until then, `go run . -C " + s.WS.Root + " check` works from there.)"))
	}
}
