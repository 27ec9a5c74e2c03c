package cmd

import (
	"strings"

	"github.com/spf13/cobra"
)

func newSolutionCmd(a *app) *cobra.Command {
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
			ctx := cmd.Context()
			s, step, err := a.openStep(ctx, argOrEmpty(args))
			if err != nil {
				return err
			}
			defer s.Close()
			files, err := s.RevealSolution(ctx, step)
			if err != nil {
				return err
			}
			io := a.io
			if len(files) == 0 {
				io.printf("%s has no solution files.\n", step.FullID())
				return nil
			}
			io.printf("Solution of %s %s\n", io.bold(step.Title), io.dim("("+step.FullID()+")"))
			for _, f := range files {
				io.printf("\n%s\n%s\n", io.bold("── "+f.Path+" ──"), printable(strings.TrimRight(f.Content, "\n")))
			}
			return nil
		},
	}
}
