package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchOptions tunes a Watcher. The zero value is the default.
type WatchOptions struct {
	// Quiet is how long the files must stay unchanged before their changes
	// are reported, so that a burst of writes (an editor's save, a git
	// checkout) is one notification: 100 ms when 0.
	Quiet time.Duration
	// MaxWait bounds how long a change waits under continuous writes: 1 s
	// when 0.
	MaxWait time.Duration
}

// Watcher reports changes to the learner's files of a workspace: every file
// under its root except those in sandcastle's own folder, hidden folders and
// tools' folders (node_modules, __pycache__, vendor), and editors' temporary
// and backup files. It watches folders rather than files, so an editor that
// saves by renaming a new file over the old one is seen, and it watches the
// folders the learner creates.
type Watcher struct {
	root    string
	opts    WatchOptions
	fs      *fsnotify.Watcher
	dirs    map[string]bool // folder (relative) -> watched; false for an ignored folder
	changes chan []string
	errs    chan error

	stop     context.CancelFunc
	done     chan struct{}
	closeErr error // set before done is closed
}

// errorsHeld is how many errors Errors holds for a slow receiver; more are
// dropped.
const errorsHeld = 16

// Watch starts watching the files of the workspace rooted at root (a
// symbolic link to it is resolved). The end of ctx, or Close, stops it.
func Watch(ctx context.Context, root string, opts WatchOptions) (*Watcher, error) {
	root, err := filepath.Abs(root)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("watch %s: not a folder", root)
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 100 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = time.Second
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	w := &Watcher{
		root:    root,
		opts:    opts,
		fs:      fsw,
		dirs:    map[string]bool{},
		changes: make(chan []string),
		errs:    make(chan error, errorsHeld),
		done:    make(chan struct{}),
	}
	if err := w.addTree(".", nil); err != nil {
		fsw.Close()
		return nil, err
	}
	ctx, w.stop = context.WithCancel(ctx)
	go w.run(ctx)
	return w, nil
}

// Watch starts watching the workspace's files; see the function Watch.
func (w *Workspace) Watch(ctx context.Context, opts WatchOptions) (*Watcher, error) {
	return Watch(ctx, w.Root, opts)
}

// Changes sends the paths that changed in each burst of changes: relative
// to the root, with forward slashes, sorted. A folder created with files in
// it brings its files; a folder removed or moved away is named itself, as
// its files can no longer be listed. When changes come faster than they are
// received, they gather into the next batch. When the system drops events
// (too many at once), every file is named. Changes is closed when the
// context ends, Close is called, or the workspace's folder is removed.
func (w *Watcher) Changes() <-chan []string { return w.changes }

// Errors sends the problems met while watching: a folder that cannot be
// watched (it is left out), the workspace's folder removed. It holds a few
// errors for a slow receiver and drops the rest. It is closed with Changes.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops the watcher and waits for it to end. It can be called more
// than once.
func (w *Watcher) Close() error {
	w.stop()
	<-w.done
	return w.closeErr
}

// run turns the system's events into batches of changed paths until ctx
// ends. A batch is ready once no change has come for Quiet, or MaxWait after
// its first change; it is sent when the receiver takes it.
func (w *Watcher) run(ctx context.Context) {
	defer func() {
		w.closeErr = w.fs.Close()
		close(w.errs)
		close(w.changes)
		close(w.done)
	}()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	var (
		pending = map[string]bool{}
		started time.Time // when the pending batch's first change came
		ready   []string  // the batch to send, or nil
		changed bool
	)
	report := func(rel string) { pending[rel], changed = true, true }
	for {
		var out chan []string
		if ready != nil {
			out = w.changes
		}
		changed = false
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fs.Events:
			if !ok || !w.handle(ev, report) {
				return
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.rescan(report)
			} else {
				w.fail(fmt.Errorf("watch %s: %w", w.root, err))
			}
		case <-quiet.C:
			ready = slices.Sorted(maps.Keys(pending))
		case out <- ready:
			pending, ready, started = map[string]bool{}, nil, time.Time{}
		}
		switch {
		case !changed:
		case ready != nil:
			ready = slices.Sorted(maps.Keys(pending))
		default:
			now := time.Now()
			if started.IsZero() {
				started = now
			}
			quiet.Reset(min(w.opts.Quiet, started.Add(w.opts.MaxWait).Sub(now)))
		}
	}
}

// handle reports the learner's paths an event changed. It returns false
// when the watcher must stop: the workspace's folder is gone.
func (w *Watcher) handle(ev fsnotify.Event, report func(string)) bool {
	if ev.Op&^fsnotify.Chmod == 0 {
		return true
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return true
	}
	gone := ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
	if rel == "." {
		if gone {
			w.fail(fmt.Errorf("the workspace folder %s was removed or moved", w.root))
			return false
		}
		return true
	}
	if watched, known := w.dirs[rel]; known {
		switch {
		case gone:
			w.forget(rel)
			if watched {
				report(rel)
			}
		case watched && ev.Has(fsnotify.Create):
			// Removed and made again before the removal was heard of.
			w.watchNew(rel, report)
		}
		// A Write on a folder (kqueue, Windows) means its entries changed,
		// and they have events of their own.
		return true
	}
	if !gone {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			w.watchNew(rel, report)
			return true
		}
	}
	if !scratch(path.Base(rel)) {
		report(rel)
	}
	return true
}

// addTree watches the folder rel and the folders under it, reporting the
// files it finds. An error for rel itself is returned; errors for folders
// under it are sent on Errors, and those folders are left out.
func (w *Watcher) addTree(rel string, report func(string)) error {
	top := filepath.Join(w.root, filepath.FromSlash(rel))
	return filepath.WalkDir(top, func(name string, d fs.DirEntry, err error) error {
		r, _ := w.rel(name)
		if err != nil {
			if name == top {
				return fmt.Errorf("watch %s: %w", name, err)
			}
			if !errors.Is(err, fs.ErrNotExist) {
				w.fail(fmt.Errorf("watch %s: %w", name, err))
			}
			return nil
		}
		if !d.IsDir() {
			if report != nil && !scratch(d.Name()) {
				report(r)
			}
			return nil
		}
		if r != "." && ignoredDir(d.Name()) {
			w.dirs[r] = false
			return filepath.SkipDir
		}
		if err := w.fs.Add(name); err != nil {
			err = watchError(name, err)
			if name == top {
				return err
			}
			if !errors.Is(err, fs.ErrNotExist) {
				w.fail(err)
			}
			return filepath.SkipDir
		}
		w.dirs[r] = true
		return nil
	})
}

// watchNew watches a folder that appeared, with what it holds already.
func (w *Watcher) watchNew(rel string, report func(string)) {
	if err := w.addTree(rel, report); err != nil && !errors.Is(err, fs.ErrNotExist) {
		w.fail(err)
	}
}

// forget stops watching the folder rel, gone, and the folders under it.
func (w *Watcher) forget(rel string) {
	for d, watched := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			if watched {
				// The system may have dropped the watch already.
				_ = w.fs.Remove(filepath.Join(w.root, filepath.FromSlash(d)))
			}
			delete(w.dirs, d)
		}
	}
}

// rescan catches up after the system dropped events: it forgets the folders
// that are gone, watches those that are new, and reports every file, as any
// of them may have changed.
func (w *Watcher) rescan(report func(string)) {
	for d := range w.dirs {
		info, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(d)))
		if d != "." && (err != nil || !info.IsDir()) {
			w.forget(d)
		}
	}
	if err := w.addTree(".", report); err != nil {
		w.fail(err)
	}
}

// rel is name relative to the root, with forward slashes.
func (w *Watcher) rel(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// fail sends err on Errors unless Errors is full.
func (w *Watcher) fail(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

// watchError explains the error of watching the folder name.
func watchError(name string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("watch %s: %w: the system's limit of watched folders is reached "+
			"(on Linux, raise fs.inotify.max_user_watches)", name, err)
	}
	return fmt.Errorf("watch %s: %w", name, err)
}

// ignoredDir reports whether the files of a folder so named are not the
// learner's: sandcastle's own folder, hidden folders (.git, .venv, an
// editor's settings) and the folders of tools and package managers.
func ignoredDir(name string) bool {
	switch name {
	case "node_modules", "__pycache__", "vendor":
		return true
	}
	return strings.HasPrefix(name, ".")
}

// scratch reports whether a file so named is an editor's temporary or backup
// file, or sandcastle's own temporary file, rather than a learner's file.
func scratch(name string) bool {
	hidden := strings.HasPrefix(name, ".")
	ext := path.Ext(name)
	switch {
	case name == "4913": // vim's probe of whether it can write to a folder
		return true
	case name == ".DS_Store": // macOS Finder's
		return true
	case hidden && len(ext) == 4 && strings.HasPrefix(ext, ".sw"): // vim's swap files: .swp, .swo, ..., .swx
		return true
	case strings.HasPrefix(name, ".#"), // emacs's locks
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs's auto-saves
		return true
	case strings.HasSuffix(name, "~"), // backups: vim, emacs, nano
		strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains' safe write
		strings.HasSuffix(name, replaceSuffix): // sandcastle's own writes (Workspace.replace)
		return true
	}
	return false
}
