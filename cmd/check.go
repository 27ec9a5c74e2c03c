package cmd

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/workspace"
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
			if len(args) == 1 {
				opts.step = args[0]
			}
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
	s, err := a.openSession(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	steps := s.ws.Course.Steps()
	if !opts.all {
		step, err := workspace.Resolve(s.ws.Course, s.progress, opts.step)
		if err != nil {
			return usageError{err}
		}
		steps = []*lessons.Step{step}
	}
	copts, err := s.checkOptions()
	if err != nil {
		return err
	}
	report := checkJSON{Course: s.ws.Course.ID, Steps: []check.StepResult{}}
	before := workspace.Current(s.ws.Course, s.progress)
	for _, step := range steps {
		r := check.Run(ctx, s.ws.Course, step, s.ws.Files(), copts)
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.store.RecordCheck(ctx, step.FullID(), string(r.Status)); err != nil {
			return err
		}
		report.Steps = append(report.Steps, r)
	}
	if err := s.reload(ctx); err != nil {
		return err
	}
	next, created, err := advance(s, before)
	if err != nil {
		return err
	}
	if opts.json {
		if err := writeJSON(a.io, report); err != nil {
			return err
		}
	} else if opts.all {
		printAll(a.io, report.Steps)
	} else {
		printStep(a.io, s, steps[0], report.Steps[0], next, created)
	}
	for _, r := range report.Steps {
		if !r.Passed() {
			return errFailed
		}
	}
	return nil
}

// advance creates the starter files of the new current step when a check
// moved the learner on; it returns that step, or nil when they did not move.
func advance(s *session, before *lessons.Step) (*lessons.Step, []string, error) {
	after := workspace.Current(s.ws.Course, s.progress)
	if after == before || s.progress.Steps[after.FullID()].Passed {
		return nil, nil, nil
	}
	created, err := s.ws.CreateStarters(after)
	return after, created, err
}
