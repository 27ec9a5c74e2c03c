package cmd

import (
	"context"
	"errors"
	"os"
	"runtime/debug"
	"strings"

	"github.com/sandcastle/sandcastle/internal/invocation"
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
		offerInstall(ctx, a, s.WS.Root)
		debug.SetGCPercent(100) // the TUI lives for hours: the usual pace
		summary, err := tui.Run(ctx, tui.Options{
			Session: s, Look: tui.DetectLook(os.Stdout), Editor: tui.Editor(), Watch: true,
			Command: a.command(s.WS.Root),
		})
		if err != nil {
			return err
		}
		a.io.println(summary)
		return nil
	}
	sc := a.command(s.WS.Root)
	printStatus(a.io, s, sc)
	a.io.println()
	printNext(a.io, s, sc)
	return nil
}

// printNext says what to run next; sc is how the learner runs sandcastle
// from where they are (app.command).
func printNext(io *Streams, s *session.Session, sc string) {
	cur := s.Current()
	if s.Passed(cur) {
		io.printf("Next: try another step with `%s goto STEP` (`%s lessons list` lists them).\n", sc, sc)
		return
	}
	where := " there"
	if strings.Contains(sc, " -C ") {
		where = ""
	}
	if files := s.Files(cur); len(files) > 0 {
		io.printf("Next: edit %s in %s, then run `%s check`%s.\n", strings.Join(files, ", "), s.WS.Root, sc, where)
	} else {
		io.printf("Next: run `%s check`%s.\n", sc, strings.Replace(where, "there", "in "+s.WS.Root, 1))
	}
	io.printf("Read the step with `%s show`. Stuck? `%s hint` shows one hint at a time.\n", sc, sc)
	if sc != invocation.Name {
		io.println(io.dim("(sandcastle is not installed on your PATH, so these commands run it from where you are;\n" +
			" `go install .` in its source folder installs it, in $(go env GOPATH)/bin.)"))
	}
}
