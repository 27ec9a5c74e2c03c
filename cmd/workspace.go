package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// start is the folder the command runs in: -C, else the current folder.
func (a *app) start() (string, error) {
	if a.dir == "" {
		return ".", nil
	}
	info, err := os.Stat(a.dir)
	if err != nil {
		return "", fmt.Errorf("-C %s: %w", a.dir, err)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("-C %s: not a folder", a.dir)
	}
	return a.dir, nil
}

// startPath is path as the command names it: under the folder it starts
// in (-C) when relative. It also returns that folder.
func (a *app) startPath(path string) (start, full string, err error) {
	if start, err = a.start(); err != nil {
		return "", "", err
	}
	if filepath.IsAbs(path) {
		return start, path, nil
	}
	return start, filepath.Join(start, path), nil
}

// openSession finds the workspace the command runs in and reads its
// progress, for a command that records.
func (a *app) openSession(ctx context.Context) (*session.Session, error) {
	return a.session(ctx, session.Find)
}

// readSession is openSession for a command that records nothing: a
// workspace with no progress yet reads as none, and is left as it is.
func (a *app) readSession(ctx context.Context) (*session.Session, error) {
	return a.session(ctx, session.FindToRead)
}

// session opens the session of the workspace the command runs in with
// find (or the test's a.find), and warns of what it could not do.
func (a *app) session(ctx context.Context, find func(context.Context, string) (*session.Session, error)) (*session.Session, error) {
	dir, err := a.start()
	if err != nil {
		return nil, err
	}
	if a.find != nil {
		find = a.find
	}
	s, err := find(ctx, dir)
	if err != nil {
		return nil, err
	}
	warnDamaged(a.io, s, a.command(s.WS.Root))
	warnReadOnly(a.io, s)
	return s, nil
}

// warnReadOnly says when the workspace's progress cannot be recorded.
func warnReadOnly(io *Streams, s *session.Session) {
	if why := s.ReadOnly(); why != "" {
		io.eprintf("%s sandcastle cannot write this workspace (%s): it checks your work, "+
			"but this run's progress is not recorded. Make the workspace writable to keep it.\n", io.yellow("warning:"), why)
	}
}

// warnDamaged says when the progress database had to be replaced, or the
// record of trusted courses cannot be read (for a course it matters to).
func warnDamaged(io *Streams, s *session.Session, sc string) {
	if w := s.Trusted().Warning; w != "" && !s.Runs().Nothing() {
		io.eprintf("%s %s\n", io.yellow("warning:"), printable(w))
	}
	if s.Store.Damaged != "" {
		io.eprintf("%s your progress database was damaged (a crash of the computer?); it is kept as %s\n"+
			"and your progress starts afresh: `%s check --all` finds the steps you have passed.\n",
			io.yellow("warning:"), s.Store.Damaged, sc)
	}
}

// completeSteps completes a STEP argument with the ids of the workspace's
// lessons and steps. A shell asks on every Tab, anywhere: it reads the
// course only, and opens no progress database (which would create
// .sandcastle, or bring an old one's schema up to date).
func (a *app) completeSteps(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	dir, err := a.start()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ws, err := workspace.Find(dir)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer ws.Close()
	var ids []cobra.Completion
	for _, l := range ws.Course.Lessons {
		ids = append(ids, cobra.CompletionWithDesc(printable(l.ID), printable(l.Title)))
		for _, s := range l.Steps {
			ids = append(ids, cobra.CompletionWithDesc(printable(s.FullID()), printable(s.Title)))
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// openStep opens the session and finds the step a STEP argument names
// ("" for the current step). The caller closes the session.
func (a *app) openStep(ctx context.Context, arg string) (*session.Session, *lessons.Step, error) {
	s, err := a.openSession(ctx)
	return sessionStep(s, err, arg)
}

// readStep is openStep for a command that records nothing (readSession).
func (a *app) readStep(ctx context.Context, arg string) (*session.Session, *lessons.Step, error) {
	s, err := a.readSession(ctx)
	return sessionStep(s, err, arg)
}

// sessionStep finds the step arg names in s, the session opened with err;
// it closes s when it cannot.
func sessionStep(s *session.Session, err error, arg string) (*session.Session, *lessons.Step, error) {
	if err != nil {
		return nil, nil, err
	}
	step, err := s.Resolve(arg)
	if err != nil {
		s.Close()
		return nil, nil, usageError{err}
	}
	return s, step, nil
}
