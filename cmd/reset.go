package cmd

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/session"
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
				return usageError{errors.New("reset takes a STEP or --all, not both")}
			}
			return runReset(cmd.Context(), a, opts)
		},
	}
	c.Flags().BoolVar(&opts.all, "all", false, "start the whole course over")
	return c
}

func runReset(ctx context.Context, a *app, opts *resetOptions) error {
	s, step, err := a.openStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	io := a.io
	if opts.all {
		created, backup, err := s.ResetAll(ctx)
		if err != nil {
			return err
		}
		io.printf("Started %s over.\n", io.bold(s.Course.Title))
		for _, f := range created {
			io.printf("  created %s\n", printable(f))
		}
		printBackup(io, s, backup)
		return nil
	}
	written, backup, err := s.Reset(ctx, step)
	if err != nil {
		return err
	}
	io.printf("Reset %s %s.\n", io.bold(step.Title), io.dim("("+step.FullID()+")"))
	for _, f := range written {
		io.printf("  %s is back to where the step starts\n", printable(f))
	}
	if len(written) == 0 {
		io.println("  your files already were where the step starts")
	}
	printBackup(io, s, backup)
	return nil
}

func printBackup(io *Streams, s *session.Session, b *workspace.Backup) {
	if len(b.Files) == 0 {
		return
	}
	rel, err := filepath.Rel(s.WS.Root, b.Dir)
	if err != nil {
		rel = b.Dir
	}
	io.printf("Your version of %s is kept in %s:\n", plural(len(b.Files), "file"), rel)
	for _, f := range b.Files {
		io.printf("  %s\n", printable(filepath.Join(rel, f)))
	}
}
