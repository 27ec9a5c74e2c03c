package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/invocation"
)

type showOptions struct {
	step string // "" for the current step
}

func newShowCmd(a *app) *cobra.Command {
	opts := &showOptions{}
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
			opts.step = argOrEmpty(args)
			return runShow(cmd.Context(), a, opts)
		},
	}
}

// runShow prints the step's text, with its lesson's introduction for the
// lesson's first step. It records nothing.
func runShow(ctx context.Context, a *app, opts *showOptions) error {
	s, step, err := a.readStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	io := a.io
	l := step.Lesson
	io.printf("%s %s %s\n", io.bold(printable(step.Title)), io.dim("("+step.FullID()+")"),
		io.dim(fmt.Sprintf("· lesson %d: %s", lessonNumber(s.Course, l), printable(l.Title))))
	sc := a.command(s.WS.Root)
	if intro := withoutComments(l.Intro.For(s.Course, s.Lang())); step == l.Steps[0] && intro != "" {
		io.printf("\n%s\n", printable(invocation.Prose(intro, sc)))
	}
	prose := invocation.Prose(withoutComments(step.Prose.For(s.Course, s.Lang())), sc)
	io.printf("\n%s %s\n\n%s\n", io.bold("## "+step.Title), io.dim("("+step.FullID()+")"), printable(prose))
	if files := s.Files(step); len(files) > 0 {
		io.printf("\n%s %s\n", io.dim("Your files:"), printable(strings.Join(files, ", ")))
	}
	io.println(io.dim("When you are ready: `" + sc + " check`. Stuck? `" + sc + " hint`."))
	return nil
}

// withoutComments drops the HTML comments (<!-- ... -->) an author wrote for
// other authors, as a Markdown renderer would, and tidies the blank lines.
func withoutComments(md string) string {
	var b strings.Builder
	for {
		start := strings.Index(md, "<!--")
		if start < 0 {
			b.WriteString(md)
			break
		}
		b.WriteString(md[:start])
		end := strings.Index(md[start:], "-->")
		if end < 0 {
			break
		}
		md = md[start+end+3:]
	}
	out := b.String()
	for strings.Contains(out, "\n\n\n") {
		out = strings.ReplaceAll(out, "\n\n\n", "\n\n")
	}
	return strings.TrimSpace(out)
}
