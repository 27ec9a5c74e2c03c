package workspace

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"modernc.org/sqlite"
	sqlitelib "modernc.org/sqlite/lib"

	"github.com/sandcastle/sandcastle/internal/folder"
)

// Access is what a command does with a workspace's progress, and so what
// opening the progress database may create.
type Access int

const (
	// Record reads and records progress: .sandcastle and its database are
	// created when missing, and the database's schema is brought up to date.
	Record Access = iota
	// Read only reads it: a workspace with no progress database yet reads as
	// no progress (an empty database in memory), and nothing is created.
	Read
)

// Store is the workspace's progress database, opened under ctx on the
// first call (as the workspace's Access allows); the later calls return
// the same store, or the same error.
func (w *Workspace) Store(ctx context.Context) (*Store, error) { return w.startStore(ctx).wait() }

// Records reports whether the workspace was opened to record progress.
func (w *Workspace) Records() bool { return w.access == Record }

// startStore starts opening the progress database, unless it has started.
func (w *Workspace) startStore(ctx context.Context) *pending[*Store] {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.store == nil {
		w.store = start(func() (*Store, error) { return w.openStore(ctx) })
	}
	return w.store
}

// openStore opens the progress database, creating .sandcastle on first use
// (for Read, a workspace without one reads as no progress). In a workspace
// sandcastle cannot write (a read-only checkout, another user's files), the
// progress is kept in memory, starting from what was recorded, and
// Store.ReadOnly says why.
func (w *Workspace) openStore(ctx context.Context) (*Store, error) {
	state, db := w.StatePath(), w.StatePath("state.db")
	if w.access == Read && noProgress(state, db) {
		return openMemoryStore(ctx, db, "")
	}
	s, err := w.openStateStore(ctx, state, db)
	if err != nil && cannotWrite(err) {
		return openMemoryStore(ctx, db, err.Error())
	}
	return s, err
}

// noProgress reports whether nothing was ever recorded: no state folder, or
// one with no database in it. A link in either place is not nothing: opening
// it refuses it.
func noProgress(state, db string) bool {
	info, err := os.Lstat(state)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	if err != nil || !info.IsDir() {
		return false
	}
	_, err = os.Lstat(db)
	return errors.Is(err, fs.ErrNotExist)
}

// openStateStore opens .sandcastle/state.db. Neither .sandcastle nor the
// database may be a link (a repository can ship .sandcastle/state.db ->
// ~/.bashrc); a link where SQLite keeps its journal is removed.
func (w *Workspace) openStateStore(ctx context.Context, state, db string) (*Store, error) {
	if err := folder.OwnDir(state, false); err != nil {
		return nil, err
	}
	if err := folder.RegularOrMissing(db); err != nil {
		return nil, err
	}
	for _, p := range []string{state, db} {
		if err := canWrite(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, &fs.PathError{Op: "write", Path: p, Err: err}
		}
	}
	if err := folder.Reclaim(db+"-journal", db+"-wal", db+"-shm"); err != nil {
		return nil, err
	}
	// sandcastle's own state stays out of a learner's git repository.
	if _, err := w.create(filepath.Join(StateDir, ".gitignore"), "*\n"); err != nil {
		return nil, err
	}
	return OpenStore(ctx, db)
}

// cannotWrite reports whether err says a file or folder cannot be written:
// no permission, a read-only file system, or a read-only database.
func cannotWrite(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) && e.Code()&0xff == sqlitelib.SQLITE_READONLY {
		return true
	}
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// pending is the result of work started in the background.
type pending[T any] struct {
	done chan struct{}
	v    T
	err  error
}

func start[T any](work func() (T, error)) *pending[T] {
	p := &pending[T]{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.v, p.err = work()
	}()
	return p
}

func (p *pending[T]) wait() (T, error) {
	<-p.done
	return p.v, p.err
}
