package cmd

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

type checkOptions struct {
	step  string
	all   bool
	run   string
	json  bool
	watch bool
	// keep selects the steps of --run.
	keep func(*lessons.Step) bool
}

func newCheckCmd(a *app) *cobra.Command {
	opts := &checkOptions{}
	c := &cobra.Command{
		Use:   "check [STEP]",
		Short: "Check a step: run its checks against your files",
		Long: `Check STEP (default: the current step): build a fresh sandbox from your files, run
the step's checks and show what is still wrong. With --all, check every step of the
course, whatever your progress; with --run PATTERN, the steps whose full id
(lesson/step) matches the regular expression PATTERN, such as one week's lessons.

With --watch, check again each time you save a file of the workspace, until you
press Ctrl-C; without STEP it follows the current step as you pass steps.

STEP is a full step id (lesson/step) or a lesson id (its first unfinished step).
Exit code 0 when everything passed, 1 when a check failed or a step could not run
(with --watch: 0 when stopped with Ctrl-C).`,
		Example: `  sandcastle check
  sandcastle check a-home-for-scores/refuse-bad-scores
  sandcastle check --all --json
  sandcastle check --run '^(hello-backend|a-home-for-scores)/'
  sandcastle check --watch`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: a.completeSteps,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.step = argOrEmpty(args)
			if n := countSet(opts.step != "", opts.all, opts.run != ""); n > 1 {
				return usageError{errors.New("check takes one of STEP, --all and --run")}
			}
			keep, err := stepFilter(opts.run)
			if err != nil {
				return err
			}
			opts.keep = keep
			return runCheck(cmd.Context(), a, opts)
		},
	}
	c.Flags().BoolVar(&opts.all, "all", false, "check every step of the course")
	c.Flags().StringVar(&opts.run, "run", "", "check the steps whose id matches this regular expression (`PATTERN`)")
	c.Flags().BoolVar(&opts.json, "json", false, "print the results as JSON (with --watch, one document per check)")
	c.Flags().BoolVar(&opts.watch, "watch", false, "check again on every save, until interrupted")
	return c
}

// checkJSON is `check --json`.
type checkJSON struct {
	Course string            `json:"course"`
	Steps  []session.Verdict `json:"steps"`
}

func runCheck(ctx context.Context, a *app, opts *checkOptions) error {
	s, step, err := a.openStep(ctx, opts.step)
	if err != nil {
		return err
	}
	defer s.Close()
	s.ServerProgress = serverProgress(a.io)
	if opts.watch {
		return watchCheck(ctx, a, s, opts)
	}
	out, err := checkOnce(ctx, a, s, step, opts)
	if err != nil {
		return err
	}
	if !out.Passed() {
		return errFailed
	}
	return nil
}

// countSet counts the options that are set.
func countSet(set ...bool) int {
	n := 0
	for _, b := range set {
		if b {
			n++
		}
	}
	return n
}

// checkOnce checks step (or every step) and prints the verdict.
func checkOnce(ctx context.Context, a *app, s *session.Session, step *lessons.Step, opts *checkOptions) (session.Checked, error) {
	steps := []*lessons.Step{step}
	switch {
	case opts.all:
		steps = s.Course.Steps()
	case opts.keep != nil:
		if err := unmatched(s.Course, opts.keep, opts.run, "sandcastle lessons list"); err != nil {
			return session.Checked{}, err
		}
		steps = slices.DeleteFunc(slices.Clone(s.Course.Steps()), func(st *lessons.Step) bool { return !opts.keep(st) })
	}
	out, err := s.Check(ctx, steps...)
	if err != nil {
		return out, err
	}
	verdicts := s.Verdicts(out, cliWords(a.command(s.WS.Root)))
	switch {
	case opts.json:
		err = writeJSON(a.io, checkJSON{Course: s.Course.ID, Steps: verdicts})
	case opts.all || opts.keep != nil:
		printAll(a.io, verdicts)
	default:
		printVerdict(a.io, verdicts[0], a.command(s.WS.Root))
	}
	return out, err
}

// watchCheck checks, then checks again after every save, until ctx ends.
func watchCheck(ctx context.Context, a *app, s *session.Session, opts *checkOptions) error {
	w, err := s.WS.Watch(ctx, workspace.WatchOptions{})
	if err != nil {
		return err
	}
	defer w.Close()
	for changed := []string(nil); ; {
		step, err := s.Resolve(opts.step)
		if err != nil {
			return usageError{err}
		}
		if changed != nil && !opts.json {
			a.io.printf("\n%s\n", a.io.dim(fmt.Sprintf("── %s · %s changed ──", time.Now().Format("15:04:05"), strings.Join(changed, ", "))))
		}
		if _, err := checkOnce(ctx, a, s, step, opts); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if !opts.json {
			a.io.println(a.io.dim("Watching for changes; Ctrl-C stops."))
		}
		select {
		case <-ctx.Done():
			return nil
		case changed = <-w.Changes():
			if changed == nil {
				return nil
			}
		}
	}
}
