package cmd

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

type checkOptions struct {
	step string
	all  bool
	json bool
}

func newCheckCmd(a *app) *cobra.Command {
	opts := &checkOptions{}
	c := &cobra.Command{
		Use:   "check [STEP]",
		Short: "Check a step: run its checks against your files",
		Long: `Check STEP (default: the current step): build a fresh sandbox from your files, run
the step's checks and show what is still wrong. With --all, check every step of the
course, whatever your progress.

STEP is a full step id (lesson/step) or a lesson id (its first unfinished step).
Exit code 0 when everything passed, 1 when a check failed or a step could not run.`,
		Example: `  sandcastle check
  sandcastle check a-home-for-scores/refuse-bad-scores
  sandcastle check --all --json`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = argOrEmpty(args)
			if opts.all && opts.step != "" {
				return usageError{errorf("check takes a STEP or --all, not both")}
			}
			return runCheck(cmd.Context(), a, opts)
		},
	}
	c.Flags().BoolVar(&opts.all, "all", false, "check every step of the course")
	c.Flags().BoolVar(&opts.json, "json", false, "print the results as JSON")
	return c
}

// checkJSON is `check --json`.
type checkJSON struct {
	Course string             `json:"course"`
	Steps  []check.StepResult `json:"steps"`
}

func runCheck(ctx context.Context, a *app, opts *checkOptions) error {
	s, step, err := a.openStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	steps := []*lessons.Step{step}
	if opts.all {
		steps = s.Course.Steps()
	}
	out, err := s.Check(ctx, steps...)
	if err != nil {
		return err
	}
	switch {
	case opts.json:
		if err := writeJSON(a.io, checkJSON{Course: s.Course.ID, Steps: out.Results}); err != nil {
			return err
		}
	case opts.all:
		printAll(a.io, out.Results)
	default:
		printStep(a.io, s, step, out)
	}
	if !out.Passed() {
		return errFailed
	}
	return nil
}
