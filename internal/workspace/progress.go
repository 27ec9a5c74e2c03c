package workspace

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite" // and the database/sql driver "sqlite"
	sqlitelib "modernc.org/sqlite/lib"

	"github.com/sandcastle/sandcastle/sandbox"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a workspace's progress database, .sandcastle/state.db. Every
// change is one transaction: killing sandcastle at any moment loses nothing
// already recorded.
type Store struct {
	db  *sql.DB
	now func() time.Time
	// path is the database's file, "" for a store in memory.
	path string
	// Damaged names where a damaged database was kept aside when this one
	// replaced it, or is "".
	Damaged string
	// ReadOnly says why the progress cannot be written (a read-only
	// workspace), or is "". The store then starts from what was recorded
	// and keeps what this run records in memory only.
	ReadOnly string
}

// StepProgress is what is recorded about one step.
type StepProgress struct {
	Attempts     int
	Passed       bool
	PassedAt     time.Time
	LastStatus   string
	HintsSeen    int
	SolutionSeen bool
	// CaughtUp is set when the learner filled the step's files with the
	// course's answers to start further on (CatchUp): the step has not
	// passed for it, and stays caught up until it passes or is reset.
	CaughtUp bool
}

// Progress is everything recorded about a workspace's course.
type Progress struct {
	Steps map[string]StepProgress
	// Goto is the step `goto` last chose, or "".
	Goto string
}

// OpenStore opens (creating if needed) the progress database at path and
// brings its schema up to date. A database too damaged to open (after a
// power cut, say) is kept aside under another name, reported in Damaged,
// and replaced by a new one.
func OpenStore(ctx context.Context, path string) (*Store, error) {
	s, err := openStore(ctx, path)
	if err == nil || !damaged(err) {
		return s, err
	}
	aside := path + ".damaged-" + time.Now().Format("2006-01-02T15-04-05")
	if rerr := os.Rename(path, aside); rerr != nil {
		return nil, errors.Join(err, rerr)
	}
	os.Remove(path + "-journal")
	if s, err = openStore(ctx, path); err != nil {
		return nil, err
	}
	s.Damaged = aside
	return s, nil
}

// damaged reports whether err says the database file is corrupt.
func damaged(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	code := e.Code() & 0xff
	return code == sqlitelib.SQLITE_CORRUPT || code == sqlitelib.SQLITE_NOTADB
}

func openStore(ctx context.Context, path string) (*Store, error) {
	// A rollback journal kept between runs (PERSIST), synchronous=OFF: a
	// committed transaction is in the operating system's hands, so it
	// survives the process being killed at any moment. Waiting for the disk
	// too (fsync) doubled what recording an attempt costs; only a crash of
	// the whole machine can now damage the file, and OpenStore recovers from
	// that. WAL was slower for a process that opens the database for one
	// command: every run created, checkpointed and deleted its -wal and -shm
	// files (docs/performance.md).
	dsn, err := sandbox.FileURI(path, "_pragma=busy_timeout(5000)&_pragma=journal_mode(PERSIST)&_pragma=synchronous(OFF)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open progress %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open progress %s: %w", path, err)
	}
	s := &Store{db: db, now: time.Now, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open progress %s: %w", path, err)
	}
	return s, nil
}

// openMemoryStore opens a progress database in memory, starting from the
// one at path when it can be read: for a workspace sandcastle cannot write,
// where checks still run and nothing is recorded. why says why.
func openMemoryStore(ctx context.Context, path, why string) (*Store, error) {
	db, err := sql.Open("sqlite", "file::memory:?_pragma=busy_timeout(5000)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	// Each connection to :memory: is a database of its own: keep one.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if _, err := os.Stat(path); err == nil {
		if err := restore(ctx, db, path); err != nil {
			why += fmt.Sprintf("; the progress recorded before could not be read either (%v)", err)
		}
	}
	s := &Store{db: db, now: time.Now, ReadOnly: why}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open progress in memory: %w", err)
	}
	return s, nil
}

// restore copies the database file at path into db, reading the file only.
func restore(ctx context.Context, db *sql.DB, path string) error {
	uri, err := sandbox.FileURI(path, "mode=ro")
	if err != nil {
		return err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error { return sandbox.RestoreURI(dc, uri) })
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Revision is what changes on disk each time progress is recorded, by
// this process or another (`sandcastle check` while the TUI is open).
// Revisions compare with ==.
type Revision struct {
	size, modified int64
	// counter is SQLite's file change counter, which every commit moves
	// (in the rollback journal's modes, as the store is opened): a commit
	// in the same tick of the clock as the last one still changes it.
	counter uint32
}

// Revision reads the database file's revision: a stat and four bytes of
// its header, no query. A store in memory, or a file that cannot be read,
// has the zero Revision.
func (s *Store) Revision() Revision {
	if s.path == "" {
		return Revision{}
	}
	f, err := os.Open(s.path)
	if err != nil {
		return Revision{}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Revision{}
	}
	var counter [4]byte
	f.ReadAt(counter[:], 24) // a file too short for a header leaves it 0
	return Revision{size: info.Size(), modified: info.ModTime().UnixNano(), counter: binary.BigEndian.Uint32(counter[:])}
}

// migrate applies the embedded migrations not yet recorded, each in its own
// transaction with its record in the migrations table. PRAGMA user_version
// mirrors the newest one, so an up-to-date database costs one read.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&done); err != nil {
		return err
	}
	for _, name := range names {
		version, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: its name must start with a number", name)
		}
		if version <= done {
			continue
		}
		if err := s.apply(ctx, version, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, version int, name string) error {
	src, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(src)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			version, path.Base(name), s.stamp()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
		return err
	})
}

// tx runs fn in a transaction, committed only when fn succeeds.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339Nano) }

// event records what happened to a step and updates its row, in tx.
func (s *Store) event(ctx context.Context, tx *sql.Tx, stepID, kind, detail string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO events (at, step_id, kind, detail) VALUES (?, ?, ?, ?)`,
		s.stamp(), stepID, kind, detail); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO steps (step_id) VALUES (?) ON CONFLICT (step_id) DO NOTHING`, stepID)
	return err
}

// RecordCheck records an attempt at a step with its status; a first pass
// records its time, and a pass stays recorded whatever happens later.
func (s *Store) RecordCheck(ctx context.Context, stepID, status string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.event(ctx, tx, stepID, "check", status); err != nil {
			return err
		}
		now := s.stamp()
		_, err := tx.ExecContext(ctx, `UPDATE steps SET attempts = attempts + 1, last_status = ?, last_checked_at = ?,
			passed_at = CASE WHEN passed_at IS NULL AND ? = 'pass' THEN ? ELSE passed_at END
			WHERE step_id = ?`, status, now, status, now, stepID)
		return err
	})
}

// RecordHint records that the learner has seen the step's first n hints.
func (s *Store) RecordHint(ctx context.Context, stepID string, n int) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.event(ctx, tx, stepID, "hint", strconv.Itoa(n)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE steps SET hints_seen = max(hints_seen, ?) WHERE step_id = ?`, n, stepID)
		return err
	})
}

// RecordSolution records that the learner has seen the step's solution.
func (s *Store) RecordSolution(ctx context.Context, stepID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.event(ctx, tx, stepID, "solution", ""); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE steps SET solution_seen_at = coalesce(solution_seen_at, ?) WHERE step_id = ?`,
			s.stamp(), stepID)
		return err
	})
}

// RecordReset removes the recorded passes of the given steps, and with
// clearGoto the step goto chose.
func (s *Store) RecordReset(ctx context.Context, clearGoto bool, stepIDs ...string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range stepIDs {
			if err := s.event(ctx, tx, id, "reset", ""); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE steps SET passed_at = NULL, last_status = NULL, caught_up_at = NULL
				WHERE step_id = ?`, id); err != nil {
				return err
			}
		}
		if !clearGoto {
			return nil
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = 'goto'`)
		return err
	})
}

// RecordCatchUp records that the learner filled the files of the given
// steps with the course's answers, in one transaction: they are caught up,
// not passed.
func (s *Store) RecordCatchUp(ctx context.Context, stepIDs ...string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range stepIDs {
			if err := s.event(ctx, tx, id, "catch-up", ""); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE steps SET caught_up_at = coalesce(caught_up_at, ?) WHERE step_id = ?`,
				s.stamp(), id); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetGoto records the step the learner chose to work on.
func (s *Store) SetGoto(ctx context.Context, stepID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.event(ctx, tx, stepID, "goto", ""); err != nil {
			return err
		}
		return setMeta(ctx, tx, "goto", stepID)
	})
}

func setMeta(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Progress reads everything recorded.
func (s *Store) Progress(ctx context.Context) (*Progress, error) {
	p := &Progress{Steps: map[string]StepProgress{}}
	rows, err := s.db.QueryContext(ctx, `SELECT step_id, attempts, coalesce(passed_at, ''), coalesce(last_status, ''),
		hints_seen, solution_seen_at IS NOT NULL, caught_up_at IS NOT NULL FROM steps`)
	if err != nil {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, passedAt string
		var sp StepProgress
		if err := rows.Scan(&id, &sp.Attempts, &passedAt, &sp.LastStatus, &sp.HintsSeen, &sp.SolutionSeen, &sp.CaughtUp); err != nil {
			return nil, fmt.Errorf("read progress: %w", err)
		}
		if passedAt != "" {
			sp.Passed, sp.CaughtUp = true, false // a pass is what counts
			sp.PassedAt, _ = time.Parse(time.RFC3339Nano, passedAt)
		}
		p.Steps[id] = sp
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	// The meta table may hold a 'trusted' key, written by sandcastle before
	// trust moved to the user's config folder: it is ignored, as a
	// repository could ship it.
	err = s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'goto'`).Scan(&p.Goto)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	return p, nil
}
