package session

import (
	"context"
	"errors"
	"fmt"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/console"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Console opens a SQL console on step's sandbox. Its Rebuild builds the
// sandbox again from the learner's files as they are then, with the
// session's options then: call it where the session may be used.
func (s *Session) Console(ctx context.Context, step *lessons.Step) (*console.Console, error) {
	return console.Open(ctx, func(ctx context.Context) (*sandbox.Sandbox, []error, error) {
		opts, err := s.CheckOptions()
		if err != nil {
			return nil, nil, err
		}
		sb, skipped, err := check.OpenSandbox(ctx, s.Course, step, s.WS.Files(), opts)
		for i, e := range skipped {
			var seed *check.SeedError
			if !errors.As(e, &seed) {
				continue
			}
			if look := workspace.LookAt(s.Course, s.Progress, s.Lang(), step, true, tableIn(check.StepResult{Message: seed.Reason})); look != nil {
				skipped[i] = fmt.Errorf("%w %s", e, lookAtText(look))
			}
		}
		return sb, skipped, err
	})
}
