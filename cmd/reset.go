package cmd

import (
	"context"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

type resetOptions struct {
	step string
	all  bool
}

func newResetCmd(a *app) *cobra.Command {
	opts := &resetOptions{}
	c := &cobra.Command{
		Use:   "reset [STEP]",
		Short: "Put a step's files back to where the step starts",
		Long: `Put the files of STEP (default: the current step) back to where the step starts,
and remove its recorded pass. Your version of every file that changes is kept
under .sandcastle/backups/, so nothing is lost.

With --all, start the course over: every course file is backed up and removed,
all progress is cleared, and the first step's files are created again.`,
		Example: `  sandcastle reset
  sandcastle reset a-home-for-scores/refuse-bad-scores
  sandcastle reset --all`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = argOrEmpty(args)
			if opts.all && opts.step != "" {
				return usageError{errorf("reset takes a STEP or --all, not both")}
			}
			return runReset(cmd.Context(), a, opts)
		},
	}
	c.Flags().BoolVar(&opts.all, "all", false, "start the whole course over")
	return c
}

func runReset(ctx context.Context, a *app, opts *resetOptions) error {
	s, err := a.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.all {
		return resetAll(ctx, a.io, s)
	}
	step, err := workspace.Resolve(s.ws.Course, s.progress, opts.step)
	if err != nil {
		return usageError{err}
	}
	backup := s.ws.NewBackup()
	written, err := s.ws.Put(backup, s.ws.StartOf(step))
	if err != nil {
		return err
	}
	if err := s.store.RecordReset(ctx, false, step.FullID()); err != nil {
		return err
	}
	a.io.printf("Reset %s %s.\n", a.io.bold(step.Title), a.io.dim("("+step.FullID()+")"))
	for _, f := range written {
		a.io.printf("  %s is back to where the step starts\n", f)
	}
	if len(written) == 0 {
		a.io.println("  your files already were where the step starts")
	}
	printBackup(a.io, s, backup)
	return nil
}

func resetAll(ctx context.Context, io *Streams, s *session) error {
	steps := s.ws.Course.Steps()
	var names, ids []string
	for _, d := range s.ws.Course.Declared(steps[len(steps)-1], s.ws.Config.Lang) {
		names = append(names, d.Path)
	}
	for _, st := range steps {
		ids = append(ids, st.FullID())
	}
	backup := s.ws.NewBackup()
	if err := s.ws.Remove(backup, names); err != nil {
		return err
	}
	if err := s.store.RecordReset(ctx, true, ids...); err != nil {
		return err
	}
	created, err := s.ws.CreateStarters(steps[0])
	if err != nil {
		return err
	}
	io.printf("Started %s over.\n", io.bold(s.ws.Course.Title))
	for _, f := range created {
		io.printf("  created %s\n", f)
	}
	printBackup(io, s, backup)
	return nil
}

func printBackup(io *Streams, s *session, b *workspace.Backup) {
	if len(b.Files) == 0 {
		return
	}
	rel, err := filepath.Rel(s.ws.Root, b.Dir)
	if err != nil {
		rel = b.Dir
	}
	io.printf("Your version of %d file(s) is kept in %s:\n", len(b.Files), rel)
	for _, f := range b.Files {
		io.printf("  %s\n", filepath.Join(rel, f))
	}
}
