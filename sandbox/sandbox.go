// Package sandbox runs untrusted SQL in a hardened, in-memory SQLite database
// that cannot reach the host: no attached files, no extensions, no
// file-touching or process-wide PRAGMAs, no virtual tables, bounded size,
// bounded time and bounded results.
//
// A Sandbox is one private database on one connection. It is not safe for
// concurrent use; build one per goroutine (building is cheap, and a snapshot
// of a prepared database can be restored in microseconds).
//
// The package knows nothing about lessons or the UI.
package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"modernc.org/libc"
	"modernc.org/sqlite"
	lib "modernc.org/sqlite/lib"
)

// Defaults for Options fields left zero.
const (
	DefaultTimeout  = 2 * time.Second
	DefaultMaxPages = 16384 // 64 MiB of 4 KiB pages
	DefaultMaxRows  = 10000
	DefaultMaxBytes = 8 << 20
)

// SQLite limits every sandbox sets (sqlite3_limit, see sqliteLimits).
const (
	maxLength      = 1 << 20 // largest string or blob
	maxSQLLength   = 100000  // longest statement
	maxExprDepth   = 200
	maxTriggers    = 10 // trigger recursion depth
	maxLikePattern = 1000
	maxVariables   = 1000
)

// dsn opens a private in-memory database: defensive mode, untrusted schema,
// temporary data kept in memory (never in the temp folder), foreign keys on.
const dsn = "file::memory:?_defensive=1&_pragma=trusted_schema(0)&_pragma=temp_store(2)&_pragma=foreign_keys(1)"

// strictQuotes turns off SQLite's double-quoted string literals (DQS).
const strictQuotes = "&_dqs=0"

// Options bound what one sandbox may use.
type Options struct {
	// Timeout bounds each Run call, reading its rows included.
	Timeout time.Duration
	// MaxPages caps the size of the database, in pages of 4 KiB.
	MaxPages int
	// MaxRows and MaxBytes cap what a Run reads back; beyond them the
	// result is cut short and marked Truncated.
	MaxRows  int
	MaxBytes int
	// StrictQuotes makes double quotes name identifiers only: "x" that
	// names no column is an error, not the string 'x' (SQLite's
	// double-quoted string literals, on by default, are off).
	StrictQuotes bool
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	return o
}

// Sandbox is one hardened in-memory SQLite database.
type Sandbox struct {
	opts Options
	db   *sql.DB
	conn *sql.Conn
	tls  *libc.TLS
	h    uintptr // the connection's sqlite3* handle

	// host is set while the tutor runs its own statements; the authorizer
	// lets them through.
	host bool
	// refused names what the authorizer denied during the last prepare.
	refused string
	// bindErr says why the last statement's parameters could not be bound;
	// unbound names the parameter that was given no value.
	bindErr, unbound string

	// mu guards closed and gen against the interrupting goroutine.
	mu     sync.Mutex
	closed bool
	gen    uint64
}

// New builds an empty sandbox.
func New(ctx context.Context, opts Options) (*Sandbox, error) {
	Setup() // too late when the program opened a database first: then the heap is not capped
	s := &Sandbox{opts: opts.withDefaults()}
	var err error
	shared(func(alone bool) bool {
		if alone {
			s.Close()
			s = &Sandbox{opts: s.opts}
		}
		err = s.connect(ctx)
		return outOfMemory(err)
	})
	if err == nil {
		err = s.limit(ctx)
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	return s, nil
}

// connect opens the sandbox's database and connection, with its authorizer.
func (s *Sandbox) connect(ctx context.Context) error {
	name := dsn
	if s.opts.StrictQuotes {
		name += strictQuotes
	}
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return err
	}
	s.db = db
	db.SetMaxOpenConns(1)
	if s.conn, err = db.Conn(ctx); err != nil {
		return err
	}
	err = s.conn.Raw(func(dc any) error {
		reg, ok := dc.(sqlite.AuthorizerRegisterer)
		if !ok {
			return fmt.Errorf("driver connection %T has no authorizer", dc)
		}
		if err := reg.RegisterAuthorizer(s.authorize); err != nil {
			return err
		}
		var err error
		s.h, err = handle(dc) // to step statements and interrupt them: see driver.go
		return err
	})
	return err
}

// limit sets the sandbox's limits: on lengths and depths, and its page cap.
func (s *Sandbox) limit(ctx context.Context) error {
	for _, l := range sqliteLimits {
		if _, err := sqlite.Limit(s.conn, l.id, l.value); err != nil {
			return err
		}
	}
	s.tls = libc.NewTLS()
	if err := checkHandle(s.tls, s.h); err != nil {
		return err
	}
	return s.capPages(ctx)
}

// capPages sets the page cap again; SQLite forgets it when a database is
// replaced by Restore.
func (s *Sandbox) capPages(ctx context.Context) error {
	return s.Host(ctx, fmt.Sprintf("PRAGMA main.max_page_count = %d; PRAGMA temp.max_page_count = %d",
		s.opts.MaxPages, s.opts.MaxPages))
}

// Close releases the sandbox. It is safe to call more than once.
func (s *Sandbox) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	var errs []error
	if s.conn != nil {
		errs = append(errs, s.conn.Close())
		s.conn = nil
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
		s.db = nil
	}
	if s.tls != nil {
		s.tls.Close()
		s.tls = nil
	}
	return errors.Join(errs...)
}

// Host runs the tutor's own statements (never a learner's or a course's)
// past the authorizer.
func (s *Sandbox) Host(ctx context.Context, script string) error {
	s.host = true
	defer func() { s.host = false }()
	_, err := s.Run(ctx, Script{Name: "sandcastle", SQL: script})
	return err
}

// Snapshot returns the database as bytes, for Restore.
func (s *Sandbox) Snapshot() ([]byte, error) {
	var buf []byte
	var err error
	shared(func(bool) bool {
		err = s.conn.Raw(func(dc any) error {
			ser, ok := dc.(interface{ Serialize() ([]byte, error) })
			if !ok {
				return fmt.Errorf("driver connection %T cannot serialize", dc)
			}
			var err error
			buf, err = ser.Serialize()
			if err == nil && len(buf) == 0 { // what SQLite's buffer for it could not be allocated gives
				err = errOutOfMemory
			}
			return err
		})
		return outOfMemory(err)
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return buf, nil
}

// Restore replaces the database with a snapshot taken by Snapshot, of this
// sandbox or another.
func (s *Sandbox) Restore(ctx context.Context, snapshot []byte) error {
	s.host = true // sqlite3_deserialize attaches the new image itself
	defer func() { s.host = false }()
	var err error
	shared(func(bool) bool {
		err = s.conn.Raw(func(dc any) error {
			de, ok := dc.(interface{ Deserialize([]byte) error })
			if !ok {
				return fmt.Errorf("driver connection %T cannot deserialize", dc)
			}
			return de.Deserialize(snapshot)
		})
		return outOfMemory(err)
	})
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return s.capPages(ctx)
}

// interrupt stops the statement running on the sandbox's connection, if the
// Run that asked for it (gen) is still the one in progress.
func (s *Sandbox) interrupt(gen uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.gen != gen {
		return
	}
	// A fresh TLS: this runs on another goroutine than the statement.
	tls := libc.NewTLS()
	lib.Xsqlite3_interrupt(tls, s.h)
	tls.Close()
}

// Load replaces the database with a copy of the SQLite database file at
// path, read through SQLite (read-only, so a file in WAL mode reads right):
// for checks that look at what a learner's server stored, without changing
// it.
func (s *Sandbox) Load(ctx context.Context, path string) error {
	uri, err := FileURI(path, "mode=ro")
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	shared(func(bool) bool {
		err = s.load(uri)
		return outOfMemory(err)
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return s.capPages(ctx)
}

// load replaces the database with the one at uri, page by page.
func (s *Sandbox) load(uri string) error {
	return s.conn.Raw(func(dc any) error { return RestoreURI(dc, uri) })
}

// RestoreURI replaces the database of a connection of modernc's driver (dc,
// as sql.Conn.Raw hands it) with the one at uri, page by page.
func RestoreURI(dc any, uri string) error {
	r, ok := dc.(interface {
		NewRestore(string) (*sqlite.Backup, error)
	})
	if !ok {
		return fmt.Errorf("driver connection %T cannot restore", dc)
	}
	b, err := r.NewRestore(uri)
	if err != nil {
		return err
	}
	if _, err := b.Step(-1); err != nil {
		return errors.Join(err, b.Finish())
	}
	return b.Finish()
}

// FileURI is the SQLite URI of the database file at path, with query: the
// path is made absolute ("file://rel/x.db" would name a host) and escaped,
// so that a folder named a#b or a?b is not cut short (SQLite decodes %HH
// in a URI's path). A Windows path C:\x becomes file:///C:/x.
func FileURI(path, query string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: query}).String(), nil
}
