// Package workspace holds a learner's workspace: sandcastle.yaml, the
// learner's files (created from a course's starters, reset with backups) and
// the progress database in .sandcastle/state.db.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sandcastle/sandcastle/internal/folder"
	"github.com/sandcastle/sandcastle/lessons"
)

// ConfigFile is the file that marks a workspace's root.
const ConfigFile = "sandcastle.yaml"

// StateDir is sandcastle's own folder inside a workspace.
const StateDir = ".sandcastle"

// ErrNotFound is returned when no workspace contains the folder.
var ErrNotFound = errors.New("no sandcastle workspace here or in any folder above")

// Config is sandcastle.yaml.
type Config struct {
	// Course is "builtin:score-keeper", a path to a course folder,
	// relative to the workspace when it is not absolute, or a git URL and
	// a ref: init writes URL@COMMIT, the commit the ref it was given named.
	Course string `yaml:"course"`
	// Lang is the learner's server language; "" until chosen.
	Lang string `yaml:"lang,omitempty"`
	// CourseVersion is the course's version (course.yaml's version) when
	// the workspace was made; "" for a course without one.
	CourseVersion string `yaml:"course_version,omitempty"`
	// SQLTimeout bounds each SQL run in the sandbox ("2s" by default).
	SQLTimeout string `yaml:"sql_timeout,omitempty"`
}

// Workspace is an open workspace with its course.
type Workspace struct {
	Root   string
	Config Config
	Course *lessons.Course

	root *os.Root
	// access is what opening the progress database may create.
	access Access
	// store is the progress database, opened when Store is first called,
	// or while the course loads for a workspace opened WithProgress (both
	// take a fraction of a millisecond, and a command that reads progress
	// pays for both). nil until then; mu guards it.
	mu    sync.Mutex
	store *pending[*Store]
}

// NotFoundError is no workspace found: none in dir or the folders above it,
// up to the first that belongs to another user, Stopped, where Find stopped
// looking. It is ErrNotFound.
type NotFoundError struct {
	// Stopped is the folder of another user where Find stopped, or "".
	Stopped string
}

func (e *NotFoundError) Error() string {
	if e.Stopped == "" {
		return ErrNotFound.Error()
	}
	return fmt.Sprintf("%s (stopped looking for a workspace at %s: it belongs to another user, "+
		"and a workspace there would not be yours)", ErrNotFound, e.Stopped)
}

func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// ForeignError is a sandcastle.yaml that another user owns: Find does not
// open it, since the course it names could run code as the learner.
type ForeignError struct {
	Path string
	UID  int
}

func (e *ForeignError) Error() string {
	dir := filepath.Dir(e.Path)
	return fmt.Sprintf("%s belongs to another user (uid %d), so sandcastle does not open it: a workspace must be yours. "+
		"If you trust it, copy the workspace into a folder of yours (cp -r %s ~/) and work there, "+
		"or run sandcastle as that user", e.Path, e.UID, dir)
}

// Find opens the workspace that contains dir: dir itself or the nearest
// folder above it with a sandcastle.yaml. Like git, it stops looking at a
// folder that belongs to another user (a *NotFoundError says where), and
// refuses a sandcastle.yaml of another user's (a *ForeignError). It reads
// sandcastle.yaml and the course, and writes nothing: the progress database
// opens when Store is first called, to Record.
func Find(dir string) (*Workspace, error) { return find(context.Background(), dir, Record, false) }

// FindWithProgress is Find for a command that reads or records progress, as
// access says: it opens the progress database too, under ctx, while the
// course loads.
func FindWithProgress(ctx context.Context, dir string, access Access) (*Workspace, error) {
	return find(ctx, dir, access, true)
}

// find is Find, and with progress FindWithProgress.
func find(ctx context.Context, dir string, access Access, progress bool) (*Workspace, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if info, err := os.Stat(d); err == nil {
			if _, foreign := foreignOwner(info); foreign {
				return nil, &NotFoundError{Stopped: d}
			}
		}
		config := filepath.Join(d, ConfigFile)
		if info, err := os.Stat(config); err == nil {
			if uid, foreign := foreignOwner(info); foreign {
				return nil, &ForeignError{Path: config, UID: uid}
			}
			return open(ctx, d, access, progress)
		}
		if filepath.Dir(d) == d {
			return nil, &NotFoundError{}
		}
	}
}

// Open opens the workspace rooted at dir and loads its course. Like Find,
// it writes nothing: the progress database opens when Store is first
// called, to Record.
func Open(dir string) (*Workspace, error) { return open(context.Background(), dir, Record, false) }

// OpenWithProgress is Open for a command that reads or records progress, as
// access says: it opens the progress database too, under ctx, while the
// course loads.
func OpenWithProgress(ctx context.Context, dir string, access Access) (*Workspace, error) {
	return open(ctx, dir, access, true)
}

// open is Open, and with progress OpenWithProgress.
func open(ctx context.Context, dir string, access Access, progress bool) (*Workspace, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	w := &Workspace{Root: dir, root: root, access: access}
	data, err := fs.ReadFile(w.Files(), ConfigFile)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("open workspace %s: %w", dir, err)
	}
	if err := yaml.Unmarshal(data, &w.Config); err != nil {
		root.Close()
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ConfigFile), err)
	}
	if progress {
		w.startStore(ctx)
	}
	if err := w.loadCourse(ctx); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

func (w *Workspace) loadCourse(ctx context.Context) error {
	dir := w.Root
	if w.Config.Course == "" {
		return fmt.Errorf("%s: no course: add a line such as `course: %s`", filepath.Join(dir, ConfigFile), BuiltinRef)
	}
	var err error
	if w.Course, err = LoadCourse(ctx, w.Config.Course, dir); err != nil {
		return err
	}
	if w.Config.Lang != "" && !w.Course.HasLanguage(w.Config.Lang) {
		return fmt.Errorf("%s: lang %q is not one of the course's languages (%s)",
			filepath.Join(dir, ConfigFile), w.Config.Lang, strings.Join(w.Course.LanguageNames(), ", "))
	}
	return nil
}

// Close closes the workspace's progress database and folder.
func (w *Workspace) Close() error {
	var errs []error
	w.mu.Lock()
	store := w.store
	w.mu.Unlock()
	if store != nil {
		if s, err := store.wait(); err == nil {
			errs = append(errs, s.Close())
		}
	}
	if w.root != nil {
		errs = append(errs, w.root.Close())
	}
	return errors.Join(errs...)
}

// Files is the learner's files, read without ever leaving the workspace (a
// symbolic link out of it does not resolve): regular files only, of at
// most folder.LearnerFiles.MaxSize each.
func (w *Workspace) Files() fs.FS { return folder.New(w.root, folder.LearnerFiles) }

// SQLTimeout is the time limit of each SQL run, from sandcastle.yaml.
func (w *Workspace) SQLTimeout() (time.Duration, error) {
	if w.Config.SQLTimeout == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(w.Config.SQLTimeout)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: sql_timeout %q is not a duration such as 2s", ConfigFile, w.Config.SQLTimeout)
	}
	return d, nil
}

// DefaultDir is the default workspace of the built-in course, in the user's
// data folder ($XDG_DATA_HOME, else ~/.local/share).
func DefaultDir() (string, error) {
	data := os.Getenv("XDG_DATA_HOME")
	if data == "" || !filepath.IsAbs(data) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the default workspace: %w", err)
		}
		data = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(data, "sandcastle", lessons.BuiltinID), nil
}
