// Package check runs a step of a course: it builds the step's sandbox from
// the course's setup, the learner's files and the seeds, runs its checks,
// compares what they produce with what the course expects, and returns
// verdicts a beginner can act on.
//
// Its files: runner.go, a step built and its checks run; checks.go, a SQL
// check; serverstep.go, a step that starts the learner's server and sends
// its http checks; sh.go, an sh check; trust.go, what an untrusted course
// may not run; lock_*.go, one server step at a time in a workspace;
// console.go, the sandbox of the SQL console. Rows are compared in
// internal/tablematch, a server's answers in internal/httpmatch, SQLite's
// errors explained in internal/explain; internal/prove runs steps to prove
// a course.
package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/internal/explain"
	"github.com/sandcastle/sandcastle/internal/folder"
	"github.com/sandcastle/sandcastle/internal/httpmatch"
	"github.com/sandcastle/sandcastle/internal/tablematch"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Status is the outcome of a check or a step.
type Status string

// The outcomes of checks and steps. A check is pass or fail; a step is
// error when it could not run.
const (
	Pass  Status = "pass"
	Fail  Status = "fail"
	Error Status = "error"
)

// StepResult is the verdict on one step.
type StepResult struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status Status `json:"status"`
	// Message says why a step could not run (status error).
	Message string        `json:"message,omitempty"`
	Checks  []CheckResult `json:"checks"`
	// Notes are remarks that do not fail the step (a server that ignored
	// SIGTERM, say).
	Notes []string `json:"notes,omitempty"`
	// Diagnosis are the known mistakes of the step whose result this is
	// too (cli.md's `diagnosis`); empty when it matches none, or when the
	// course has no current fingerprints (lessons.PrintsFile).
	Diagnosis []Diagnosis `json:"diagnosis,omitempty"`
	// Untrusted is set on a step that could not run because it starts the
	// learner's server and the course is not trusted.
	Untrusted bool `json:"-"`
	// Duration is how long the step took to check.
	Duration time.Duration `json:"-"`
	// LogPath is the log of the learner's server for a step that started
	// one; "" for a step that started none.
	LogPath string `json:"-"`
	// Seed is set on a step that could not run because the rows it starts
	// with do not fit the learner's tables.
	Seed *SeedError `json:"-"`
}

// CheckResult is the verdict on one check.
type CheckResult struct {
	Title   string `json:"title"`
	Status  Status `json:"status"`
	Message string `json:"message"`
	// Mismatch holds the row diff of a failed SQL check, when there is one.
	Mismatch *tablematch.Mismatch `json:"-"`
	// HTTP holds the request and answer of a failed HTTP check.
	HTTP *httpmatch.Mismatch `json:"-"`
	// Untrusted is set on an sh check that did not run because the course
	// is not trusted.
	Untrusted bool `json:"-"`
	// Load is what went wrong in a failed load check, in a word that does
	// not change from run to run ("no answer", "status 500", "slow p95"),
	// for its fingerprint.
	Load string `json:"-"`
	// Measured is what a load check measured, passed or not: "50
	// requests, 10 at a time, in 1.2s; answers took median 9ms, p95 22ms,
	// max 40ms". Times vary from run to run; no verdict depends on them
	// but the check's own bounds.
	Measured string `json:"measured,omitempty"`
}

// Passed reports whether the step passed.
func (r StepResult) Passed() bool { return r.Status == Pass }

// Refused reports whether the step did not pass only because the course is
// not trusted: its server did not start, or every check that failed is an
// sh check that did not run.
func (r StepResult) Refused() bool {
	if r.Untrusted {
		return true
	}
	for _, c := range r.Checks {
		if c.Status != Pass && !c.Untrusted {
			return false
		}
	}
	return r.Status == Fail && r.Failed() > 0
}

// Failed counts the checks that failed.
func (r StepResult) Failed() int {
	n := 0
	for _, c := range r.Checks {
		if c.Status != Pass {
			n++
		}
	}
	return n
}

// Options say how to run a step.
type Options struct {
	// Lang is the workspace's server language ("" for a course without languages).
	Lang    string
	Sandbox sandbox.Options
	// Trusted lets the course's code run: its sh checks, and the learner's
	// server, which the course's command builds from files it wrote.
	Trusted bool
	// Distrust says why the course is not trusted, leading the refusals
	// ("The course X changed since you trusted it"); "" for the plain
	// "this course is not trusted".
	Distrust string
	// Dir is the workspace folder sh checks and the learner's server run in.
	Dir string
	// Server says how HTTP checks run the learner's server.
	Server ServerOptions
}

// Run checks one step against the learner's files.
func Run(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options) StepResult {
	start := time.Now()
	r := run(ctx, course, step, files, opts)
	r.Diagnosis = diagnose(course, step, files, r, opts.Lang)
	r.Duration = time.Since(start)
	return r
}

func run(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options) StepResult {
	res := StepResult{ID: step.FullID(), Title: step.Title, Checks: []CheckResult{}}
	if step.Serves() {
		return runServerStep(ctx, course, step, files, opts, res)
	}
	sb, err := Build(ctx, course, step, files, opts)
	if err != nil {
		return res.couldNotRun(ctx, err)
	}
	defer func() { sb.Close() }()
	for _, c := range step.Checks {
		if err := sb.Host(ctx, "SAVEPOINT sandcastle_check"); err != nil {
			return res.couldNotRun(ctx, err)
		}
		res.Checks = append(res.Checks, runCheck(ctx, sb, step, c, files, opts))
		if ctx.Err() != nil {
			return res.couldNotRun(ctx, nil)
		}
		if err := sb.Host(ctx, "ROLLBACK TO sandcastle_check; RELEASE sandcastle_check"); err != nil {
			// The check's own COMMIT or ROLLBACK ended the savepoint: start afresh.
			fresh, err := Build(ctx, course, step, files, opts)
			if err != nil {
				return res.couldNotRun(ctx, err)
			}
			sb.Close()
			sb = fresh
		}
	}
	res.Status = Pass
	if res.Failed() > 0 {
		res.Status = Fail
	}
	return res
}

// couldNotRun marks the step as one that could not run, because of err or
// because the caller gave up (ctx, or a nil err).
func (r StepResult) couldNotRun(ctx context.Context, err error) StepResult {
	r.Status, r.Message = Error, "interrupted"
	if ctx.Err() == nil && err != nil {
		r.Message = err.Error()
		errors.As(err, &r.Seed)
	}
	return r
}

// Build makes the sandbox of a step: the setup blocks written at or before
// the step, the learner's applied files, then the seeds of the step's lesson
// introduction and of the step. The caller closes it.
func Build(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options) (*sandbox.Sandbox, error) {
	sb, err := newSandbox(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := populate(ctx, sb, course, step, files, opts.Lang, nil); err != nil {
		sb.Close()
		return nil, err
	}
	return sb, nil
}

// newSandbox is a fresh sandbox for a learner's SQL, in a check or the
// console. "text" in double quotes is an error there, not text: SQLite's
// quirk would otherwise pass a wrong answer (Explain tells the learner).
func newSandbox(ctx context.Context, opts Options) (*sandbox.Sandbox, error) {
	o := opts.Sandbox
	o.StrictQuotes = true
	return sandbox.New(ctx, o)
}

// populate runs a step's setup, learner files and seeds into sb. A learner
// file that does not apply, or a seed block its tables do not take, ends it
// with an error, or, when skipped is not nil, is added to skipped and passed
// over.
func populate(ctx context.Context, sb *sandbox.Sandbox, course *lessons.Course, step *lessons.Step, files fs.FS, lang string, skipped *[]error) error {
	for _, b := range setupUpTo(course, step) {
		if err := runBlock(ctx, sb, b.file, b.block); err != nil {
			return fmt.Errorf("the course's setup failed: %w", err)
		}
	}
	for _, f := range course.Declared(step, lang) {
		if f.Query || !strings.HasSuffix(f.Path, ".sql") {
			continue
		}
		err := applyFile(ctx, sb, files, step, f.Path)
		if err != nil && skipped == nil {
			return err
		}
		if err != nil {
			*skipped = append(*skipped, err)
		}
	}
	seeds := append(append([]*lessons.SQLBlock{}, step.Lesson.Seed...), step.Seed...)
	for _, b := range seeds {
		err := runBlock(ctx, sb, step.Lesson.File, b)
		if err != nil && skipped == nil {
			return seedError(err)
		}
		if err != nil {
			*skipped = append(*skipped, seedError(err))
		}
	}
	return nil
}

// SeedError is the rows a step starts with (its seed blocks) that do not
// fit the learner's tables: the tables that the files of the steps before
// it make are not the ones it needs. Its message names no course file: a
// learner is pointed at the step to look at (session), an instructor at
// File and Line (Where).
type SeedError struct {
	// Reason is SQLite's, or the sandbox's, in a learner's words.
	Reason string
	// File and Line are where the rows are written in the course, or ""
	// and 0 when the error does not say.
	File string
	Line int
}

func (e *SeedError) Error() string {
	return "the rows this step starts with could not be added to your tables: " + e.Reason + "\n" +
		"Your files ran without an error, but the tables they make are not the ones this step needs."
}

// Where says where the rows are written in the course, for its author;
// "" when the error does not say.
func (e *SeedError) Where() string {
	if e.File == "" {
		return ""
	}
	return fmt.Sprintf("(The rows are written in %s, line %d.)", e.File, e.Line)
}

// seedError is err, from a seed block, as a *SeedError.
func seedError(err error) error {
	e, ok := sandbox.AsError(err)
	if !ok || e.Reason != sandbox.SQLError {
		return &SeedError{Reason: err.Error()}
	}
	return &SeedError{Reason: e.Message, File: e.File, Line: e.Line}
}

// applyFile runs a learner's .sql file into the sandbox.
func applyFile(ctx context.Context, sb *sandbox.Sandbox, files fs.FS, step *lessons.Step, path string) error {
	src, err := readLearnerFile(files, step, path)
	if err != nil {
		return err
	}
	if _, err := sb.Run(ctx, sandbox.Script{Name: path, SQL: src}); err != nil {
		return fmt.Errorf("%s does not apply: %s", path, explain.Describe(err))
	}
	return nil
}

type sourcedBlock struct {
	file  string
	block *lessons.SQLBlock
}

// setupUpTo returns the setup blocks that apply at step, in course order.
func setupUpTo(course *lessons.Course, step *lessons.Step) []sourcedBlock {
	var blocks []sourcedBlock
	for _, l := range course.Lessons {
		if len(l.Steps) == 0 || l.Steps[0].Index > step.Index {
			break
		}
		for _, b := range l.Setup {
			blocks = append(blocks, sourcedBlock{l.File, b})
		}
		for _, s := range l.Steps {
			if s.Index > step.Index {
				break
			}
			for _, b := range s.Setup {
				blocks = append(blocks, sourcedBlock{l.File, b})
			}
		}
	}
	return blocks
}

func runBlock(ctx context.Context, sb *sandbox.Sandbox, file string, b *lessons.SQLBlock) error {
	_, err := sb.Run(ctx, sandbox.Script{Name: file, SQL: b.Body, FirstLine: b.Line + 1})
	return err
}

// readLearnerFile reads a learner's file of step, saying plainly when it is
// missing and how to get it back.
func readLearnerFile(files fs.FS, step *lessons.Step, path string) (string, error) {
	b, err := fs.ReadFile(files, path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s does not exist; `sandcastle goto %s` creates the missing files of the step again, "+
			"without changing the others", path, step.FullID())
	}
	var refused *folder.Error
	if errors.As(err, &refused) {
		return "", err // it names the file, what it is, and what to do
	}
	if err != nil && strings.Contains(err.Error(), "path escapes") {
		return "", fmt.Errorf("%s leads outside the workspace (a link?); sandcastle reads only files inside it", path)
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return string(b), nil
}
