// Package session is a learner at work: an open workspace, its recorded
// progress, and the actions a learner takes on it (check, hint, solution,
// reset, goto). The commands and the TUI both call it, so a capability of
// one is a capability of the other.
package session

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/trust"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Session is an open workspace with its recorded progress.
type Session struct {
	WS       *workspace.Workspace
	Store    *workspace.Store
	Progress *workspace.Progress
	// Course is WS.Course.
	Course *lessons.Course
	// CourseChange is how the course changed since the workspace's progress
	// last saw it, found as the session opened; nil when it had not.
	CourseChange *workspace.CourseChange
	// ServerProgress, when set, is told as the learner's server builds,
	// starts and stops for an HTTP step.
	ServerProgress func(server.Phase)

	// trust is the learner's record of trusted courses (nil when there is
	// no config folder to keep it in), and trusted what it says of Course.
	trust   *trust.Store
	trusted trust.Status

	// stateDir holds the server's files for a workspace sandcastle cannot
	// write: a temporary folder, made on first use and removed by Close.
	stateDir string
}

// Find opens the session of the workspace that contains dir.
func Find(ctx context.Context, dir string) (*Session, error) {
	return find(ctx, dir, workspace.Record)
}

// FindToRead opens the session of the workspace that contains dir for a
// command that records nothing (status, show): a workspace with no progress
// yet reads as none, and nothing is created in it.
func FindToRead(ctx context.Context, dir string) (*Session, error) {
	return find(ctx, dir, workspace.Read)
}

func find(ctx context.Context, dir string, access workspace.Access) (*Session, error) {
	ws, err := workspace.FindWithProgress(ctx, dir, access)
	if err != nil {
		return nil, err
	}
	return New(ctx, ws)
}

// OpenDefault opens the default workspace of the built-in course, creating
// it on first use (created is then true); its language is left for the
// learner to choose.
func OpenDefault(ctx context.Context) (s *Session, created bool, err error) {
	dir, err := workspace.DefaultDir()
	if err != nil {
		return nil, false, err
	}
	var ws *workspace.Workspace
	if _, statErr := os.Stat(filepath.Join(dir, workspace.ConfigFile)); statErr == nil {
		ws, err = workspace.OpenWithProgress(ctx, dir, workspace.Record)
	} else {
		ws, _, err = workspace.Init(ctx, dir, workspace.BuiltinRef, "")
		created = true
	}
	if err != nil {
		return nil, false, err
	}
	s, err = New(ctx, ws)
	return s, created, err
}

// New reads the progress of an open workspace. The session owns ws.
func New(ctx context.Context, ws *workspace.Workspace) (*Session, error) {
	store, err := ws.Store(ctx)
	if err != nil {
		ws.Close()
		return nil, err
	}
	// The course may have changed since the progress last saw it: renamed
	// steps take their progress with them before it is read.
	change, err := store.Reconcile(ctx, ws.Course, ws.Records())
	if err != nil {
		ws.Close()
		return nil, err
	}
	p, err := store.Progress(ctx)
	if err != nil {
		ws.Close()
		return nil, err
	}
	if change != nil && !ws.Records() {
		p.Rename(change.Renamed) // as Reconcile would record it
	}
	s := &Session{WS: ws, Store: store, Progress: p, Course: ws.Course, CourseChange: change}
	s.trust, s.trusted = openTrust(ws.Course)
	return s, nil
}

// Close closes the workspace and its progress database.
func (s *Session) Close() error {
	if s.stateDir != "" {
		os.RemoveAll(s.stateDir)
	}
	return s.WS.Close()
}

// ReadOnly says why the workspace's progress is not recorded (sandcastle
// cannot write it), or is "".
func (s *Session) ReadOnly() string { return s.Store.ReadOnly }

// serverStateDir is where an HTTP step keeps its server's database, log and
// build: the workspace's own folder, or, in a workspace sandcastle cannot
// write, a temporary folder of its own.
func (s *Session) serverStateDir() (string, error) {
	if s.ReadOnly() == "" {
		return s.WS.StatePath(), nil
	}
	if s.stateDir == "" {
		dir, err := os.MkdirTemp("", "sandcastle-state-")
		if err != nil {
			return "", fmt.Errorf("your workspace cannot be written, and neither can a temporary folder for your server: %w", err)
		}
		s.stateDir = dir
	}
	return s.stateDir, nil
}

// Reload reads the recorded progress again.
func (s *Session) Reload(ctx context.Context) error {
	p, err := s.Store.Progress(ctx)
	if err == nil {
		s.Progress = p
	}
	return err
}

// Current is the learner's current step.
func (s *Session) Current() *lessons.Step { return workspace.Current(s.Course, s.Progress) }

// Resolve finds the step a STEP argument names ("" for the current step).
func (s *Session) Resolve(arg string) (*lessons.Step, error) {
	return workspace.Resolve(s.Course, s.Progress, arg)
}

// Passed reports whether step has a recorded pass.
func (s *Session) Passed(step *lessons.Step) bool { return s.Progress.Steps[step.FullID()].Passed }

// PassedCount counts the steps with a recorded pass.
func (s *Session) PassedCount() int { return workspace.Passed(s.Course, s.Progress) }

// Behind counts the steps before step, in course order, that have not
// passed: work a learner who goes to step skips, and that step may build on.
func (s *Session) Behind(step *lessons.Step) int { return workspace.Behind(s.Course, s.Progress, step) }

// Finished reports whether every step of the course has passed.
func (s *Session) Finished() bool { return s.PassedCount() == len(s.Course.Steps()) }

// Lang is the workspace's server language, "" until chosen.
func (s *Session) Lang() string { return s.WS.Config.Lang }

// applies reports whether a block in language blockLang is for this workspace.
func (s *Session) applies(blockLang string) bool { return s.Course.AppliesTo(blockLang, s.Lang()) }

// CheckOptions are how the workspace's steps are checked.
func (s *Session) CheckOptions() (check.Options, error) { return s.runOptions("server") }

// runOptions are CheckOptions with the server's files those of runs named
// name: "server" for checks, "serve" for Serve, which runs beside them.
func (s *Session) runOptions(name string) (check.Options, error) {
	timeout, err := s.WS.SQLTimeout()
	if err != nil {
		return check.Options{}, err
	}
	state, err := s.serverStateDir()
	if err != nil {
		return check.Options{}, err
	}
	return check.Options{
		Lang:     s.Lang(),
		Sandbox:  sandbox.Options{Timeout: timeout},
		Trusted:  s.trusted.OK(),
		Distrust: s.trusted.Why(s.Course.Title),
		Dir:      s.WS.Root,
		Server:   s.serverOptions(state, name),
	}, nil
}

// serverOptions run the learner's server with the files of runs named name
// in state.
func (s *Session) serverOptions(state, name string) check.ServerOptions {
	files := workspace.ServerFilesIn(state, name)
	return check.ServerOptions{
		Files:    check.ServerFiles(files),
		LogShown: s.WS.Shown(files.Log),
		Progress: s.ServerProgress,
	}
}

// Files are the learner's files a step works on, in the order written:
// not the files it only provides, whose solution is their starter (a
// go.mod, say).
func (s *Session) Files(step *lessons.Step) []string {
	var files []string
	for _, f := range step.Files {
		if s.applies(f.Lang) && !slices.Contains(files, f.Path) && !s.provided(step, f.Path) {
			files = append(files, f.Path)
		}
	}
	return files
}

// provided reports whether the step gives a file as it is: its solution
// is its starter.
func (s *Session) provided(step *lessons.Step, path string) bool {
	starter, solution := s.Course.StepFile(step, path, s.Lang())
	return starter != nil && solution != nil && starter.Content == solution.Content
}

// Hints are the step's hints for the workspace's language.
func (s *Session) Hints(step *lessons.Step) []*lessons.Hint {
	var hints []*lessons.Hint
	for _, h := range step.Hints {
		if s.applies(h.Lang) {
			hints = append(hints, h)
		}
	}
	return hints
}

// HintsSeen is how many of the step's hints the learner has seen.
func (s *Session) HintsSeen(step *lessons.Step) int { return s.Progress.Steps[step.FullID()].HintsSeen }

// Solutions are the step's solution files for the workspace's language,
// the last block of each file, leaving out the files the step provides as
// they are.
func (s *Session) Solutions(step *lessons.Step) []*lessons.FileBlock {
	var files []*lessons.FileBlock
	index := map[string]int{}
	for _, f := range step.Files {
		if f.Kind != lessons.Solution || !s.applies(f.Lang) || s.provided(step, f.Path) {
			continue
		}
		if i, ok := index[f.Path]; ok {
			files[i] = f
			continue
		}
		index[f.Path] = len(files)
		files = append(files, f)
	}
	return files
}

// Change is what a solution file changes in the file the learner starts
// its step with.
type Change struct {
	// Hunks are the lines that go and come, a line of context around them.
	Hunks []lessons.Hunk
	// FromStarter says the step starts the file from a starter of its own;
	// else from the course's version at the end of the step before.
	FromStarter bool
}

// Changes are what step's solution files change, by path: each file the
// step starts with (its starter, or the course's version from the step
// before) that its solution changes. A file new in the step has none.
func (s *Session) Changes(step *lessons.Step, files []*lessons.FileBlock) map[string]Change {
	out := map[string]Change{}
	for _, f := range files {
		before, ok := s.Course.BeforeStep(step, s.Lang(), f.Path)
		if !ok {
			continue
		}
		if hunks := lessons.DiffHunks(before, f.Content, lessons.DefaultEditContext); len(hunks) > 0 {
			starter, _ := s.Course.StepFile(step, f.Path, s.Lang())
			out[f.Path] = Change{Hunks: hunks, FromStarter: starter != nil}
		}
	}
	return out
}
