package cmd

import (
	"strings"

	"github.com/spf13/cobra"
)

func newShowCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "show [STEP]",
		Short: "Show a step's text: what to do and why",
		Long: `Show the text of STEP (default: the current step): what to build, why a real
backend does it, and the files to edit. The first step of a lesson comes with the
lesson's introduction.`,
		Example: `  sandcastle show
  sandcastle show a-home-for-scores | less`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, step, err := a.openStep(cmd.Context(), argOrEmpty(args))
			if err != nil {
				return err
			}
			defer s.Close()
			io := a.io
			l := step.Lesson
			io.printf("%s %s\n", io.dim("Lesson "+itoa(lessonNumber(s.Course, l))+":"), io.bold(l.Title))
			if step == l.Steps[0] && strings.TrimSpace(l.Intro) != "" {
				io.printf("\n%s\n", strings.TrimSpace(l.Intro))
			}
			io.printf("\n%s %s\n\n%s\n", io.bold("## "+step.Title), io.dim("("+step.FullID()+")"), strings.TrimSpace(step.Prose))
			if files := s.Files(step); len(files) > 0 {
				io.printf("\n%s %s\n", io.dim("Your files:"), strings.Join(files, ", "))
			}
			io.println(io.dim("When you are ready: `sandcastle check`. Stuck? `sandcastle hint`."))
			return nil
		},
	}
}
