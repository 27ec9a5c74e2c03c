package cmd

import (
	"context"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/session"
)

type solutionOptions struct {
	step string // "" for the current step
}

func newSolutionCmd(a *app) *cobra.Command {
	opts := &solutionOptions{}
	return &cobra.Command{
		Use:   "solution [STEP]",
		Short: "Show a step's solution files",
		Long: `Show the solution files of STEP (default: the current step) and record that you saw
them. Your files are not changed: compare, then write the answer in your own words.`,
		Example: `  sandcastle solution
  sandcastle solution hello-backend/your-first-query`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = argOrEmpty(args)
			return runSolution(cmd.Context(), a, opts)
		},
	}
}

// runSolution shows the step's solution files and records that they were
// seen.
func runSolution(ctx context.Context, a *app, opts *solutionOptions) error {
	s, step, err := a.openStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	files, err := s.RevealSolution(ctx, step)
	io := a.io
	if errors.Is(err, session.ErrSolutionsKept) {
		io.printf("%s: %s (sandcastle hint %s).\n", step.FullID(), err.Error(), step.FullID())
		return nil
	}
	if err != nil {
		return err
	}
	if len(files) == 0 {
		io.printf("%s has no solution files.\n", step.FullID())
		return nil
	}
	io.printf("Solution of %s %s\n", io.bold(step.Title), io.dim("("+step.FullID()+")"))
	for _, f := range files {
		io.printf("\n%s\n%s\n", io.bold("── "+f.Path+" ──"), printable(strings.TrimRight(f.Content, "\n")))
	}
	return nil
}
