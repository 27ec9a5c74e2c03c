// Package grade grades many learners' workspaces against an instructor's
// course: every step of each workspace is checked from its files alone, in
// a fresh sandbox, whatever its recorded progress says, in parallel, and one
// broken or hostile workspace never stops the others.
package grade

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/folder"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// DefaultTimeout bounds the grading of one workspace.
const DefaultTimeout = 5 * time.Minute

// Options say how to grade.
type Options struct {
	// Course is the instructor's course; a workspace's own sandcastle.yaml
	// does not choose it.
	Course *lessons.Course
	// Keep selects the steps to grade (all when nil).
	Keep    func(*lessons.Step) bool
	Sandbox sandbox.Options
	// Workers grade workspaces at the same time (default: one per core).
	Workers int
	// Timeout bounds each workspace (default DefaultTimeout).
	Timeout time.Duration
	// Done, when set, is told each time a workspace is graded.
	Done func(Workspace)
	// Limits cap the private copy of each workspace.
	Limits Limits
	// Lang is the server language of a workspace whose sandcastle.yaml is
	// missing, cannot be read, or names none of the course's languages
	// (grade --lang); "" for none. A workspace that names one keeps it.
	Lang string
	// At, when set, grades each workspace's git repository as it was in
	// its last commit made at or before At (grade --at), not its files.
	At time.Time
	// Build, when set, is the student build of Course: a workspace whose
	// copy of the course differs from it is noted.
	Build *StudentBuild
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	o.Limits = o.Limits.withDefaults()
	return o
}

// Workspace is the grade of one learner's workspace.
type Workspace struct {
	Path   string `json:"path"`
	Course string `json:"course"`
	Lang   string `json:"lang,omitempty"`
	// Error says why the workspace could not be graded at all.
	Error string `json:"error,omitempty"`
	Steps []Step `json:"steps"`
	// Points are what the steps graded earned, of MaxPoints.
	Points    int `json:"points"`
	MaxPoints int `json:"max_points"`
	// Notes name the entries of the workspace that were not copied for
	// grading (links, FIFOs, files over the size cap), and why.
	Notes []string `json:"notes,omitempty"`
	// Snapshot is the commit graded, with Options.At.
	Snapshot *Snapshot `json:"snapshot,omitempty"`
	// Duration is how long grading it took.
	Duration time.Duration `json:"-"`
	// work is what it wrote, to find identical work (Similar).
	work Work
	// copyNote is the note of Notes that its copy of the course differs
	// from the student build: for the instructor, left out of feedback.
	copyNote string
}

// Step is the grade of one step of a workspace: its checks' result and
// what it is worth (course.yaml's points).
type Step struct {
	check.StepResult
	// Points are what the step earned: all of MaxPoints when it passed,
	// else none.
	Points    int `json:"points"`
	MaxPoints int `json:"max_points"`
	// NotAttempted is set on a step that did not pass and whose files are
	// as the course gave them (missing, or as they were before the step):
	// the student has not tried it yet, which is not an error.
	NotAttempted bool `json:"not_attempted,omitempty"`
}

// Passed counts the workspace's steps that passed.
func (w Workspace) Passed() int {
	n := 0
	for _, s := range w.Steps {
		if s.Passed() {
			n++
		}
	}
	return n
}

// OK reports whether the workspace was graded and every step passed.
func (w Workspace) OK() bool { return w.Error == "" && w.Passed() == len(w.Steps) }

// Grade grades the workspaces at paths, in parallel; the results are in the
// order of paths.
func Grade(ctx context.Context, paths []string, opts Options) []Workspace {
	opts = opts.withDefaults()
	results := make([]Workspace, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(opts.Workers, max(len(paths), 1)) {
		wg.Go(func() {
			for i := range next {
				results[i] = One(ctx, paths[i], opts)
				if opts.Done != nil {
					opts.Done(results[i])
				}
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// One grades one workspace. Its regular files are copied into a private
// folder, where every step is checked and the student's server runs: the
// workspace is only read, and only its regular files. The private folder
// is removed when every step is done, its server stopped. One never
// panics: whatever goes wrong becomes the workspace's Error or a step's.
func One(ctx context.Context, path string, opts Options) (w Workspace) {
	start := time.Now()
	opts = opts.withDefaults()
	w = Workspace{Path: path, Course: opts.Course.ID, Steps: []Step{}}
	defer func() {
		if r := recover(); r != nil {
			w.Error = fmt.Sprintf("internal error while grading: %v", r)
		}
		w.Duration = time.Since(start)
	}()
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		w.Error = "not a folder that can be read"
		if err != nil {
			w.Error += ": " + err.Error()
		}
		return w
	}
	private, err := os.MkdirTemp("", "sandcastle-grade-")
	if err != nil {
		w.Error = fmt.Sprintf("could not make a private folder to grade in: %v", err)
		return w
	}
	defer os.RemoveAll(private)
	work, state := filepath.Join(private, "workspace"), filepath.Join(private, "state")
	for _, dir := range []string{work, state} {
		if err := os.Mkdir(dir, 0o700); err != nil {
			w.Error = fmt.Sprintf("could not make a private folder to grade in: %v", err)
			return w
		}
	}
	from := path
	if !opts.At.IsZero() {
		from = filepath.Join(private, "commit")
		snap, err := commitAt(ctx, path, from, opts)
		if err != nil {
			w.Error = err.Error()
			return w
		}
		w.Snapshot = &snap
		w.Notes = append(w.Notes, fmt.Sprintf("graded commit %s of %s, the last made before %s",
			short(snap.Commit), snap.Time.Format("2006-01-02 15:04 MST"), opts.At.Format("2006-01-02 15:04 MST")))
	}
	files, err := copyWorkspace(ctx, from, work, opts.Limits)
	if err != nil {
		w.Error = copyError(ctx, opts, err)
		return w
	}
	w.Notes = append(w.Notes, files.notes()...)
	if note := courseCopyNote(work, opts.Build); note != "" {
		w.Notes = append(w.Notes, note)
		w.copyNote = note
	}
	root, err := os.OpenRoot(work)
	if err != nil {
		w.Error = err.Error()
		return w
	}
	defer root.Close()
	var note string
	w.Lang, note = learnerLang(root, opts.Course, opts.Lang)
	if note != "" {
		w.Notes = append(w.Notes, note)
	}
	copts := check.Options{
		Lang: w.Lang, Sandbox: opts.Sandbox, Dir: work,
		// The instructor grades with their own course: its sh checks run.
		Trusted: true,
		// The server's database, log and build go to a folder of our own,
		// beside the copy it runs in, and go with it (no log to point to);
		// the server runs confined.
		Server: check.ServerOptions{Files: check.ServerFiles(workspace.ServerFilesIn(state, "server")), Confine: true},
	}
	for _, step := range opts.Course.Steps() {
		if opts.Keep != nil && !opts.Keep(step) {
			continue
		}
		learner := folder.New(root, folder.LearnerFiles)
		if msg := files.refusal(needs(opts.Course, step, w.Lang)); msg != "" {
			// A file that was not copied (a link, a FIFO, a file over the
			// cap) is there: the step was attempted, and is an error.
			w.Steps = append(w.Steps, Step{StepResult: refused(step, msg), MaxPoints: step.Points})
			continue
		}
		r := check.Run(ctx, opts.Course, step, learner, copts)
		w.Steps = append(w.Steps, scored(opts.Course, step, w.Lang, learner, r))
	}
	w.work = workOf(opts.Course, w.Lang, folder.New(root, folder.LearnerFiles))
	for _, s := range w.Steps {
		w.Points += s.Points
		w.MaxPoints += s.MaxPoints
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		w.Error = fmt.Sprintf("grading took longer than %s and was stopped", opts.Timeout)
	}
	return w
}

// commitAt writes the workspace's last commit before opts.At into dir.
func commitAt(ctx context.Context, path, dir string, opts Options) (Snapshot, error) {
	if err := os.Mkdir(dir, 0o700); err != nil {
		return Snapshot{}, fmt.Errorf("could not make a private folder to grade in: %v", err)
	}
	snap, err := snapshotAt(ctx, path, dir, opts.At, opts.Limits)
	var capped *capError
	if err != nil && !errors.As(err, &capped) && ctx.Err() != nil {
		return snap, errors.New(copyError(ctx, opts, err))
	}
	return snap, err
}

// copyError says why a workspace could not be copied for grading.
func copyError(ctx context.Context, opts Options, err error) string {
	var capped *capError
	switch {
	case errors.As(err, &capped):
		return capped.msg
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Sprintf("copying the workspace took longer than %s and was stopped", opts.Timeout)
	case ctx.Err() != nil:
		return "interrupted"
	}
	return fmt.Sprintf("could not copy the workspace to grade it: %v", err)
}

// refused is the result of a step that needs a file the copy does not hold.
func refused(step *lessons.Step, msg string) check.StepResult {
	return check.StepResult{ID: step.FullID(), Title: step.Title, Status: check.Error, Message: msg, Checks: []check.CheckResult{}}
}

// learnerLang reads the server language from the workspace's
// sandcastle.yaml. Where the file is missing, cannot be read, or names none
// of the course's languages, it is fallback (grade --lang), or the course's
// only language, or none; note then says what was wrong and what was done,
// for the report: a broken sandcastle.yaml is never passed over in silence.
// A course without server languages needs none, and notes nothing.
func learnerLang(root *os.Root, course *lessons.Course, fallback string) (lang, note string) {
	if len(course.Languages) == 0 {
		return "", ""
	}
	var problem string
	data, err := fs.ReadFile(folder.New(root, folder.LearnerFiles), workspace.ConfigFile)
	var cfg workspace.Config
	if err == nil {
		err = yaml.Unmarshal(data, &cfg)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		problem = "no " + workspace.ConfigFile
	case err != nil:
		problem = workspace.ConfigFile + " cannot be read: " + strings.Join(strings.Fields(err.Error()), " ")
	case cfg.Lang == "":
		problem = workspace.ConfigFile + " names no server language"
	case !course.HasLanguage(cfg.Lang):
		problem = fmt.Sprintf("%s names the language %q, which the course does not have (%s)",
			workspace.ConfigFile, cfg.Lang, strings.Join(course.LanguageNames(), ", "))
	default:
		return cfg.Lang, ""
	}
	switch {
	case fallback != "":
		return fallback, problem + "; graded in " + fallback + " (--lang)"
	case len(course.Languages) == 1:
		lang = course.Languages[0].Name
		return lang, problem + "; graded in " + lang + ", the course's only language"
	}
	return "", problem + "; its server was not run: give the language with --lang"
}

// Expand turns the WORKSPACE arguments into folders: each argument is a
// folder or a glob pattern (quoted, so that the shell leaves it alone) whose
// folders are all taken. An argument that names nothing is an error.
func Expand(args []string) ([]string, error) {
	var paths []string
	for _, a := range args {
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no such folder", a)
		}
		for _, m := range matches {
			if info, err := os.Stat(m); err == nil && info.IsDir() {
				paths = append(paths, m)
			}
		}
	}
	if len(paths) == 0 {
		return nil, errors.New("no workspace folder to grade")
	}
	return paths, nil
}
