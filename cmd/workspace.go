package cmd

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
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

// session is an open workspace with its recorded progress.
type session struct {
	ws       *workspace.Workspace
	store    *workspace.Store
	progress *workspace.Progress
}

// openSession finds the workspace the command runs in and reads its progress.
func (a *app) openSession(ctx context.Context) (*session, error) {
	dir, err := a.start()
	if err != nil {
		return nil, err
	}
	ws, err := workspace.Find(dir)
	if err != nil {
		return nil, err
	}
	return newSession(ctx, a.io, ws)
}

func newSession(ctx context.Context, io *Streams, ws *workspace.Workspace) (*session, error) {
	store, err := ws.Store(ctx)
	if err != nil {
		ws.Close()
		return nil, err
	}
	if store.Damaged != "" {
		fmt.Fprintf(io.Err, "%s your progress database was damaged (a crash of the computer?); it is kept as %s\n"+
			"and your progress starts afresh: `sandcastle check --all` finds the steps you have passed.\n",
			io.yellow("warning:"), store.Damaged)
	}
	p, err := store.Progress(ctx)
	if err != nil {
		ws.Close()
		return nil, err
	}
	return &session{ws: ws, store: store, progress: p}, nil
}

func (s *session) Close() error { return s.ws.Close() }

// reload reads the progress again after a change.
func (s *session) reload(ctx context.Context) error {
	p, err := s.store.Progress(ctx)
	if err == nil {
		s.progress = p
	}
	return err
}

// checkOptions are how the workspace's steps are checked.
func (s *session) checkOptions() (check.Options, error) {
	timeout, err := s.ws.SQLTimeout()
	if err != nil {
		return check.Options{}, err
	}
	return check.Options{
		Lang:    s.ws.Config.Lang,
		Sandbox: sandbox.Options{Timeout: timeout},
		Trusted: s.ws.Course.Trusted || s.progress.Trusted == s.ws.Config.Course,
		Dir:     s.ws.Root,
	}, nil
}

// completeSteps completes a STEP argument with the ids of the workspace's
// lessons and steps.
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
		ids = append(ids, cobra.CompletionWithDesc(l.ID, l.Title))
		for _, s := range l.Steps {
			ids = append(ids, cobra.CompletionWithDesc(s.FullID(), s.Title))
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// openStep opens the session and finds the step a STEP argument names
// ("" for the current step). The caller closes the session.
func (a *app) openStep(ctx context.Context, arg string) (*session, *lessons.Step, error) {
	s, err := a.openSession(ctx)
	if err != nil {
		return nil, nil, err
	}
	step, err := workspace.Resolve(s.ws.Course, s.progress, arg)
	if err != nil {
		s.Close()
		return nil, nil, usageError{err}
	}
	return s, step, nil
}
