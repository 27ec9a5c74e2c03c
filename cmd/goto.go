package cmd

import (
	"context"

	"github.com/spf13/cobra"
)

type gotoOptions struct {
	step string
}

func newGotoCmd(a *app) *cobra.Command {
	opts := &gotoOptions{}
	return &cobra.Command{
		Use:   "goto STEP",
		Short: "Make STEP the current step",
		Long: `Make STEP the current step, and create the files it needs that do not exist yet
(never overwriting one). It stays current until it passes.`,
		Example: `  sandcastle goto a-home-for-scores
  sandcastle goto hello-backend/your-first-query`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = args[0]
			return runGoto(cmd.Context(), a, opts)
		},
	}
}

// runGoto makes the step current, unless it has passed, and creates the
// files it needs that do not exist yet.
func runGoto(ctx context.Context, a *app, opts *gotoOptions) error {
	s, step, err := a.openStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	created, err := s.Goto(ctx, step)
	if err != nil {
		return err
	}
	io, sc := a.io, a.command(s.WS.Root)
	if s.Passed(step) {
		// A step stays current until it passes: a passed one never is.
		io.printf("You have passed %s %s already, so it does not become the current step (%s).\n",
			io.bold(step.Title), io.dim("("+step.FullID()+")"), printable(s.Current().FullID()))
		io.printf("Work on it all the same: `%s show %s`, `%s check %s`.\n", sc, printable(step.FullID()), sc, printable(step.FullID()))
	} else {
		io.printf("Current step: %s %s\n", io.bold(step.Title), io.dim("("+step.FullID()+")"))
		io.println("Read it with `" + sc + " show`, then run `" + sc + " check`.")
		if n := s.Behind(step); n > 0 {
			verb := "have"
			if n == 1 {
				verb = "has"
			}
			io.printf("%s before it %s not passed yet, and this step builds on their files: `%s status` shows where you left off.\n",
				plural(n, "step"), verb, sc)
		}
	}
	for _, f := range created {
		io.printf("  created %s\n", printable(f))
	}
	return nil
}
