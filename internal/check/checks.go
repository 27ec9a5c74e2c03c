package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/sandcastle/sandcastle/internal/explain"
	"github.com/sandcastle/sandcastle/internal/tablematch"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// runCheck runs one check in a sandbox already built for its step.
func runCheck(ctx context.Context, sb *sandbox.Sandbox, step *lessons.Step, c *lessons.Check, files fs.FS, opts Options) CheckResult {
	switch c.Kind {
	case "sql":
		msg, m := sqlCheck(ctx, sb, step, c, files)
		cr := verdict(step, c, msg)
		cr.Mismatch = m
		return cr
	case "sh":
		cr := verdict(step, c, shCheck(ctx, c, opts))
		cr.Untrusted = !opts.Trusted // shCheck refused to run it
		return cr
	}
	return verdict(step, c, fmt.Sprintf("sandcastle cannot run %s checks", c.Kind))
}

// verdict is the result of check c of step: a pass when msg is "", else a
// failure that msg explains. A check without a title is named by its place.
func verdict(step *lessons.Step, c *lessons.Check, msg string) CheckResult {
	cr := CheckResult{Title: c.Title, Status: Fail, Message: msg}
	if cr.Title == "" {
		cr.Title = fmt.Sprintf("the check at %s:%d", step.Lesson.File, c.Line)
	}
	if msg == "" {
		cr.Status = Pass
	}
	return cr
}

// sqlCheck runs a sql check and compares what it produced with its expect
// block. It returns "" when the check passes, else what is wrong, with the
// SQL the check ran when that SQL is the check's own, which the learner has
// not seen.
func sqlCheck(ctx context.Context, sb *sandbox.Sandbox, step *lessons.Step, c *lessons.Check, files fs.FS) (string, *tablematch.Mismatch) {
	res, err := querySQL(ctx, sb, step, c, files)
	own := c.Run == "" || sandbox.HasStatement(c.Body)
	msg, m := judge(step, c, res, err)
	if m != nil {
		m.CheckSQL = own
		msg = m.Error()
		if !own && res.Statements > 1 {
			msg += fmt.Sprintf("\n(%s holds %d statements; the check compares the result of the last one.)", c.Run, res.Statements)
		}
	}
	if msg == "" {
		return "", nil
	}
	return msg + ranNote(c, own), m
}

// judge compares a check's outcome with its expect block.
func judge(step *lessons.Step, c *lessons.Check, res *sandbox.Result, err error) (string, *tablematch.Mismatch) {
	if c.Expect.Mode == "error" {
		return expectError(strings.TrimSpace(c.Expect.Body), err), nil
	}
	if err != nil {
		return explain.Describe(err), nil
	}
	if c.Expect.Table == nil {
		return unparsed(step, "expect block", c.Expect.Line), nil
	}
	return "", tablematch.Compare(c.Expect.Mode, *c.Expect.Table, res.Columns, res.Rows, res.Truncated)
}

// ranNote shows what a failed check ran: its own SQL, or the learner's file
// with the values it gave.
func ranNote(c *lessons.Check, own bool) string {
	const maxLines = 8
	if !own {
		if c.Args == "" {
			return ""
		}
		return fmt.Sprintf("\nThe check ran %s with %s.", c.Run, c.Args)
	}
	lines := strings.Split(strings.TrimSpace(c.Body), "\n")
	if len(lines) > maxLines {
		lines = append(lines[:maxLines], "...")
	}
	intro := "The check ran:"
	switch {
	case c.Run != "" && c.Args != "":
		intro = fmt.Sprintf("The check ran %s with %s, then:", c.Run, c.Args)
	case c.Run != "":
		intro = fmt.Sprintf("The check ran %s, then:", c.Run)
	}
	return "\n" + intro + "\n    " + strings.Join(lines, "\n    ")
}

// querySQL runs what a sql check names: the learner's run= file, then the
// check's body when it has one. The last statement's result is compared.
func querySQL(ctx context.Context, sb *sandbox.Sandbox, step *lessons.Step, c *lessons.Check, files fs.FS) (*sandbox.Result, error) {
	if c.Run != "" {
		src, err := readLearnerFile(files, step, c.Run)
		if err != nil {
			return nil, err
		}
		if !sandbox.HasStatement(src) {
			return nil, fmt.Errorf("%s has no statement yet: write your query in it", c.Run)
		}
		if c.Args != "" && c.Params == nil {
			return nil, errors.New(unparsed(step, "check", c.Line))
		}
		res, err := sb.Run(ctx, sandbox.Script{Name: c.Run, SQL: src, Args: c.Params})
		if c.Stops != "" {
			if msg := stoppedAt(c, err); msg != "" {
				return nil, errors.New(msg)
			}
		} else if err != nil || !sandbox.HasStatement(c.Body) {
			return res, err
		}
	}
	// The check's own SQL: its errors are about the learner's database, so
	// they are shown without the lesson file's line.
	return sb.Run(ctx, sandbox.Script{SQL: c.Body})
}

// stoppedAt says what is wrong when a check's run= file did not stop at
// the error its stops= names; "" when it did.
func stoppedAt(c *lessons.Check, err error) string {
	with := ""
	if c.Args != "" {
		with = " with " + c.Args
	}
	if err == nil {
		return fmt.Sprintf("%s ran to its end, but%s one of its statements should have been refused (%q), "+
			"and the file should stop there.", c.Run, with, c.Stops)
	}
	if e, ok := sandbox.AsError(err); ok && e.Reason == sandbox.SQLError && strings.Contains(strings.ToLower(e.Message), strings.ToLower(c.Stops)) {
		return ""
	}
	return fmt.Sprintf("%s should stop%s at an error containing %q; it stopped at another one:\n%s", c.Run, with, c.Stops, explain.Describe(err))
}

// expectError checks that a statement failed with an error containing want
// (in any case: SQLite names tables and columns as they were written).
func expectError(want string, err error) string {
	if err == nil {
		return fmt.Sprintf("This should have been refused with an error containing %q, but your database accepted it.", want)
	}
	e, ok := sandbox.AsError(err)
	if !ok {
		return err.Error()
	}
	if e.Reason == sandbox.SQLError && strings.Contains(strings.ToLower(e.Message), strings.ToLower(want)) {
		return ""
	}
	return fmt.Sprintf("This should have been refused with an error containing %q; it failed with another one:\n%s", want, explain.Describe(err))
}

// unparsed says that a block of the course could not be parsed: lint
// reports why, and a course with errors is refused before it runs, so
// only a course built by hand gets here.
func unparsed(step *lessons.Step, what string, line int) string {
	return fmt.Sprintf("the course's %s at %s:%d could not be read; `sandcastle lessons lint` says why", what, step.Lesson.File, line)
}
