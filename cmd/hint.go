package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func newHintCmd(a *app) *cobra.Command {
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
			ctx := cmd.Context()
			s, step, err := a.openStep(ctx, argOrEmpty(args))
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
				io.printf("%s has no hints. `sandcastle solution` shows its solution.\n", printable(step.FullID()))
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
				io.println(io.dim("\nThat was the last hint. `sandcastle solution" + again + "` shows the solution."))
			} else {
				io.println(io.dim("\nRun `sandcastle hint" + again + "` again for the next one."))
			}
			return nil
		},
	}
}

func hintLabel(n, of int) string { return fmt.Sprintf("Hint %d of %d:", n, of) }

func argOrEmpty(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
