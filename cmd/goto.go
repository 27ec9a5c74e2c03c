package cmd

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/lessons"
)

type gotoOptions struct {
	step    string
	catchUp bool
}

func newGotoCmd(a *app) *cobra.Command {
	opts := &gotoOptions{}
	c := &cobra.Command{
		Use:   "goto STEP",
		Short: "Make STEP the current step",
		Long: `Make STEP the current step, and create the files it needs that do not exist yet
(never overwriting one). It stays current while you work on it.

Skipping ahead: when steps before STEP have not passed and their files are still as
the course wrote them (or missing), goto offers to catch up. With --catch-up it fills
those files with the course's answers, so that STEP can start where the course
expects; the steps are recorded as caught up, not passed. A file you changed is
kept as it is and named. A course can turn catching up off (course.yaml's
catch_up: false); --catch-up then exits 2.`,
		Example: `  sandcastle goto a-home-for-scores
  sandcastle goto hello-backend/your-first-query
  sandcastle goto your-first-endpoint --catch-up`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = args[0]
			return runGoto(cmd.Context(), a, opts)
		},
	}
	c.Flags().BoolVar(&opts.catchUp, "catch-up", false, "fill the files of the steps before STEP you have not done with the course's answers")
	return c
}

// runGoto makes the step current and creates the files it needs that do not
// exist yet; with --catch-up it first fills the files of the steps before
// it with the course's answers.
func runGoto(ctx context.Context, a *app, opts *gotoOptions) error {
	s, step, err := a.openStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	var caught *session.CaughtUp
	if opts.catchUp {
		out, err := s.CatchUp(ctx, step)
		if err != nil {
			return err
		}
		caught = &out
	}
	passed := s.Passed(step)
	created, err := s.Goto(ctx, step)
	if err != nil {
		return err
	}
	io, sc := a.io, a.command(s.WS.Root)
	io.printf("Current step: %s %s\n", io.bold(step.Title), io.dim("("+step.FullID()+")"))
	if passed {
		io.println("You have passed it already: work on it again as you like; `" + sc + " status` shows where you left off.")
	}
	if caught != nil {
		for _, line := range caught.Lines(s.WS.Shown) {
			io.println(printable(line))
		}
	}
	io.println("Read it with `" + sc + " show`, then run `" + sc + " check`.")
	if caught == nil && !passed {
		if err := printOffer(io, s, step, sc); err != nil {
			return err
		}
	}
	for _, f := range created {
		io.printf("  created %s\n", printable(f))
	}
	return nil
}

// printOffer says, when steps before step have not passed, that this step
// builds on them, and how catching up fills them in when it can.
func printOffer(io *Streams, s *session.Session, step *lessons.Step, sc string) error {
	n := s.Behind(step)
	if n == 0 {
		return nil
	}
	offer, ok, err := s.Offer(step)
	if err != nil {
		return err
	}
	if !ok {
		verb := "have"
		if n == 1 {
			verb = "has"
		}
		io.printf("%s before it %s not passed yet, and this step builds on their files: `%s status` shows where you left off.\n",
			plural(n, "step"), verb, sc)
		return nil
	}
	their := "their"
	if len(offer.Plan.Skipped) == 1 {
		their = "its"
	}
	io.println(printable(strings.TrimSuffix(offer.Skipped, ".") + ", and this step builds on " + their + " files."))
	io.printf("To start here all the same, fill their files with the course's answers (recorded as caught up, not passed):\n  %s\n",
		io.bold(sc+" goto "+printable(step.FullID())+" --catch-up"))
	io.println(printable(offer.Writes))
	for _, k := range offer.Keeps {
		io.println(printable(k))
	}
	return nil
}

// catchUpWords is how the command line says to catch up before a step; sc
// is how the learner runs sandcastle (app.command).
func catchUpWords(sc string) string { return "`" + sc + " goto STEP --catch-up`" }
