package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

type hintOptions struct {
	step string // "" for the current step
}

func newHintCmd(a *app) *cobra.Command {
	opts := &hintOptions{}
	return &cobra.Command{
		Use:   "hint [STEP]",
		Short: "Show the next hint for a step",
		Long: `Show the next hint for STEP (default: the current step) and record that you saw
it. Hints come one at a time: the first nudges, the last nearly gives the answer.
The hints you have already seen are shown again above the new one.`,
		Example: `  sandcastle hint
  sandcastle hint a-home-for-scores`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = argOrEmpty(args)
			return runHint(cmd.Context(), a, opts)
		},
	}
}

// runHint reveals the step's next hint, records it, and shows every hint
// seen so far.
func runHint(ctx context.Context, a *app, opts *hintOptions) error {
	s, step, err := a.openStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	seen, hints, err := s.RevealHint(ctx, step)
	if err != nil {
		return err
	}
	io := a.io
	if len(hints) == 0 {
		io.printf("%s has no hints. `%s solution` shows its solution.\n", printable(step.FullID()), a.command(s.WS.Root))
		return nil
	}
	io.printf("%s %s\n", io.bold(step.Title), io.dim("("+step.FullID()+")"))
	for i := range seen {
		io.printf("\n%s\n%s\n", io.bold(hintLabel(i+1, len(hints))), indent(strings.TrimSpace(hints[i].Body), "  "))
	}
	again := ""
	if step != s.Current() {
		again = " " + step.FullID()
	}
	if seen == len(hints) {
		io.println(io.dim("\nThat was the last hint. `" + a.command(s.WS.Root) + " solution" + again + "` shows the solution."))
	} else {
		io.println(io.dim("\nRun `" + a.command(s.WS.Root) + " hint" + again + "` again for the next one."))
	}
	return nil
}

func hintLabel(n, of int) string { return fmt.Sprintf("Hint %d of %d:", n, of) }

func argOrEmpty(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
