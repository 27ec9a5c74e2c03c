package check

import (
	"context"
	"io/fs"

	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// OpenSandbox builds step's sandbox for the SQL console (internal/console):
// the course's setup, the learner's files and the step's starting rows. A
// learner file that does not apply, or a seed block the learner's tables do
// not take, is left out and returned in skipped: the console is for finding
// out why. The caller closes the sandbox.
func OpenSandbox(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options) (sb *sandbox.Sandbox, skipped []error, err error) {
	sb, err = newSandbox(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	if err := populate(ctx, sb, course, step, files, opts.Lang, &skipped); err != nil {
		sb.Close()
		return nil, nil, err
	}
	return sb, skipped, nil
}

// Describe is the text of a statement's error as a check shows it: the
// sandbox's message and, for a SQL error, what it means (Explain).
func Describe(err error) string { return describe(err) }
