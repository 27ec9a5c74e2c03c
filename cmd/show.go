package cmd

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/invocation"
	"github.com/sandcastle/sandcastle/internal/markdown"
	"github.com/sandcastle/sandcastle/internal/tui"
)

type showOptions struct {
	step string // "" for the current step
	raw  bool   // the Markdown as written
}

func newShowCmd(a *app) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show [STEP]",
		Short: "Show a step's text: what to do and why",
		Long: `Show the text of STEP (default: the current step): what to build, why a real
backend does it, and the files to edit. The first step of a lesson comes with the
lesson's introduction.

The text is laid out for the terminal, at its width and in colour (none with
NO_COLOR set); into a pipe or a file, at 80 columns without colour. Code blocks
are never wrapped: a line too long for the width ends in →, and the TUI (or
--raw) shows the rest. --raw prints the lesson's Markdown as written.`,
		Example: `  sandcastle show
  sandcastle show a-home-for-scores | less
  sandcastle show --raw > step.md`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = argOrEmpty(args)
			return runShow(cmd.Context(), a, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.raw, "raw", false, "print the step's Markdown as written, not laid out")
	return cmd
}

// showWidth is the width show lays the text out for when stdout is not a
// terminal.
const showWidth = 80

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
	intro := ""
	if step == l.Steps[0] {
		intro = invocation.Prose(withoutComments(l.Intro.For(s.Course, s.Lang())), sc)
	}
	prose := invocation.Prose(withoutComments(step.Prose.For(s.Course, s.Lang())), sc)
	if opts.raw {
		if intro != "" {
			io.printf("\n%s\n", printable(intro))
		}
		io.printf("\n%s %s\n\n%s\n", io.bold("## "+step.Title), io.dim("("+step.FullID()+")"), printable(prose))
	} else {
		md := "## " + step.Title + "\n\n" + prose
		if intro != "" {
			md = intro + "\n\n" + md
		}
		io.printRendered("\n" + markdown.Render(md, showLook(io)).Text + "\n")
	}
	if files := s.Files(step); len(files) > 0 {
		io.printf("\n%s %s\n", io.dim("Your files:"), printable(strings.Join(files, ", ")))
	}
	io.println(io.dim("When you are ready: `" + sc + " check`. Stuck? `" + sc + " hint`."))
	return nil
}

// showLook is how show lays text out: at the terminal's width, in colour
// when the streams want it; else at showWidth, without colour.
func showLook(io *Streams) markdown.Options {
	o := markdown.Options{Width: showWidth, Profile: termenv.Ascii}
	if io.OutTTY && io.Width > 0 {
		o.Width = io.Width
	}
	if io.Color {
		look := tui.DetectLook(os.Stdout)
		o.Profile, o.Dark = look.Profile, look.Dark
	}
	return o
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
