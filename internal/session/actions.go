package session

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// Checked is the outcome of checking steps: their verdicts, recorded, and
// where that leaves the learner.
type Checked struct {
	Results []check.StepResult
	// Next is the new current step when the check moved the learner on.
	Next *lessons.Step
	// Created are the files of Next that were created for it.
	Created []string
	// Finished is set when this check passed the last steps of the course
	// that had not passed: every step has now, and some had not before.
	Finished bool
}

// Passed reports whether every step checked passed.
func (c Checked) Passed() bool {
	for _, r := range c.Results {
		if !r.Passed() {
			return false
		}
	}
	return true
}

// Check runs the checks of steps against the learner's files, records each
// attempt, and, when the current step passed, makes the next step current
// and creates its files. A cancelled ctx returns ctx.Err().
func (s *Session) Check(ctx context.Context, steps ...*lessons.Step) (Checked, error) {
	opts, err := s.CheckOptions()
	if err != nil {
		return Checked{}, err
	}
	before, finished := s.Current(), s.Finished()
	var out Checked
	for _, step := range steps {
		r := s.pointBack(step, check.Run(ctx, s.Course, step, s.WS.Files(), opts))
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if err := s.Store.RecordCheck(ctx, step.FullID(), string(r.Status)); err != nil {
			return out, err
		}
		out.Results = append(out.Results, r)
	}
	if err := s.Reload(ctx); err != nil {
		return out, err
	}
	out.Finished = s.Finished() && !finished
	// The current step moves on when a check of it passes (cli.md).
	if !slices.ContainsFunc(out.Results, func(r check.StepResult) bool { return r.ID == before.FullID() && r.Passed() }) {
		return out, nil
	}
	after := workspace.After(s.Course, s.Progress, before)
	if after == before {
		return out, nil
	}
	if err := s.Store.SetGoto(ctx, after.FullID()); err != nil {
		return out, err
	}
	if err := s.Reload(ctx); err != nil {
		return out, err
	}
	out.Next = after
	if s.ReadOnly() == "" { // a workspace sandcastle cannot write gets no new files
		out.Created, err = s.WS.CreateStarters(after)
	}
	return out, err
}

// RevealHint records that the learner saw the next hint of step and returns
// how many hints they have now seen, of the step's hints.
func (s *Session) RevealHint(ctx context.Context, step *lessons.Step) (seen int, hints []*lessons.Hint, err error) {
	hints = s.Hints(step)
	if len(hints) == 0 {
		return 0, nil, nil
	}
	seen = min(s.HintsSeen(step)+1, len(hints))
	if err := s.Store.RecordHint(ctx, step.FullID(), seen); err != nil {
		return 0, nil, err
	}
	return seen, hints, s.Reload(ctx)
}

// ErrSolutionsKept is RevealSolution's answer in a student build, which has
// no solutions.
var ErrSolutionsKept = errors.New("Your instructor kept the solutions of this course (it is a student build): " +
	"the hints are all here, and your instructor can help")

// RevealSolution records that the learner saw step's solution and returns it.
func (s *Session) RevealSolution(ctx context.Context, step *lessons.Step) ([]*lessons.FileBlock, error) {
	if s.Course.Build.Student() {
		return nil, ErrSolutionsKept
	}
	files := s.Solutions(step)
	if len(files) == 0 {
		return nil, nil
	}
	if err := s.Store.RecordSolution(ctx, step.FullID()); err != nil {
		return nil, err
	}
	return files, s.Reload(ctx)
}

// Reset puts step's files back to where the step starts (the learner's
// versions go to a backup), removes its recorded pass, and makes it the
// current step: the learner is to do it again.
func (s *Session) Reset(ctx context.Context, step *lessons.Step) (written []string, backup *workspace.Backup, err error) {
	backup = s.WS.NewBackup()
	if written, err = s.WS.Put(backup, s.WS.StartOf(step)); err != nil {
		return written, backup, err
	}
	if err := s.Store.RecordReset(ctx, false, step.FullID()); err != nil {
		return written, backup, err
	}
	if err := s.Store.SetGoto(ctx, step.FullID()); err != nil {
		return written, backup, err
	}
	return written, backup, s.Reload(ctx)
}

// ResetAll starts the course over: every course file is backed up and
// removed, all progress cleared, the first step's files created again.
func (s *Session) ResetAll(ctx context.Context) (created []string, backup *workspace.Backup, err error) {
	steps := s.Course.Steps()
	var names, ids []string
	for _, d := range s.Course.Declared(steps[len(steps)-1], s.Lang()) {
		names = append(names, d.Path)
	}
	for _, st := range steps {
		ids = append(ids, st.FullID())
	}
	backup = s.WS.NewBackup()
	if err := s.WS.Remove(backup, names); err != nil {
		return nil, backup, err
	}
	if err := s.Store.RecordReset(ctx, true, ids...); err != nil {
		return nil, backup, err
	}
	if created, err = s.WS.CreateStarters(steps[0]); err != nil {
		return created, backup, err
	}
	return created, backup, s.Reload(ctx)
}

// Goto makes step the current step and creates the files it needs that do
// not exist yet.
func (s *Session) Goto(ctx context.Context, step *lessons.Step) (created []string, err error) {
	if err := s.Store.SetGoto(ctx, step.FullID()); err != nil {
		return nil, err
	}
	if created, err = s.WS.CreateMissing(step); err != nil {
		return created, err
	}
	return created, s.Reload(ctx)
}

// SetLang records the learner's server language and creates the files of
// the current step in that language that do not exist yet.
func (s *Session) SetLang(lang string) (created []string, err error) {
	if err := s.WS.SetLang(lang); err != nil {
		return nil, err
	}
	return s.WS.CreateMissing(s.Current())
}

// Serving is the learner's server that Serve started.
type Serving struct {
	*server.Server
	// APIKey is the key it was given; DB the database it runs on, as a
	// message names it.
	APIKey, DB string
}

// Serve starts the learner's server on the database of step, as the step's
// HTTP checks would, on port (0: a free one); the caller closes it.
func (s *Session) Serve(ctx context.Context, step *lessons.Step, port int) (*Serving, error) {
	// Its own database and log: checks meanwhile leave them alone.
	opts, err := s.runOptions("serve")
	if err != nil {
		return nil, err
	}
	opts.Server.Port = port
	srv, key, err := check.StartServer(ctx, s.Course, step, s.WS.Files(), opts)
	var seed *check.SeedError
	if errors.As(err, &seed) {
		if look := s.lookAt(step, check.StepResult{Seed: seed, Message: seed.Reason}); look != nil {
			return nil, fmt.Errorf("%w %s", err, lookAtText(look))
		}
	}
	if err != nil {
		return nil, err
	}
	return &Serving{Server: srv, APIKey: key, DB: s.WS.Shown(opts.Server.Files.DB)}, nil
}
