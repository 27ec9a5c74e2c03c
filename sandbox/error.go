package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"modernc.org/libc"
	lib "modernc.org/sqlite/lib"
)

// Reason says why a statement failed: an ordinary SQL error, or one of the
// sandbox's own limits.
type Reason int

// The reasons a statement can fail.
const (
	// SQLError is an error SQLite reported for the SQL itself.
	SQLError Reason = iota
	// Refused is a statement the sandbox does not allow (ATTACH, a PRAGMA, ...).
	Refused
	// TimedOut is a statement stopped at the time limit.
	TimedOut
	// Canceled is a statement stopped because the caller gave up.
	Canceled
	// Full is a statement that would grow the database past its cap.
	Full
	// TooBig is a value or statement larger than the sandbox allows.
	TooBig
	// OutOfMemory is a statement that needed more memory than HeapLimit.
	OutOfMemory
)

// Error is a failed statement: where it stands and what went wrong.
type Error struct {
	File string
	Line int
	// Statement is the failing statement's text.
	Statement string
	// Code is SQLite's extended result code (0 when SQLite was not asked).
	Code   int
	Reason Reason
	// Message is SQLite's message ("no such table: scores").
	Message string
	// Detail says in plain words what the sandbox stopped, for the reasons
	// other than SQLError.
	Detail string
	// Unbound is the named parameter (":player") the statement uses and was
	// given no value for, when that is why it failed.
	Unbound string
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Detail != "" {
		msg = e.Detail
	}
	// SQLite quotes the text near an error as it is, newlines included.
	msg = strings.ReplaceAll(msg, "\n", "↵")
	if e.File == "" {
		return msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
}

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// failure builds the Error for a statement starting at byte start of the
// script that ended with result code rc.
func (s *Sandbox) failure(ctx context.Context, sc Script, start int, rc int32) *Error {
	e := &Error{
		File:      sc.Name,
		Line:      sc.line(start),
		Statement: statementAt(sc.SQL, start),
		Code:      int(lib.Xsqlite3_extended_errcode(s.tls, s.h)),
		Message:   libc.GoString(lib.Xsqlite3_errmsg(s.tls, s.h)),
	}
	if s.refused != "" || strings.HasPrefix(e.Message, "not authorized") {
		rc = lib.SQLITE_AUTH
	}
	switch rc & 0xff {
	case lib.SQLITE_INTERRUPT:
		e.Reason, e.Message = TimedOut, "interrupted"
		e.Detail = fmt.Sprintf("stopped after %s: the statement ran too long (a recursive query without an end, or a join without a condition?)", s.opts.Timeout)
		if errors.Is(context.Cause(ctx), context.Canceled) {
			e.Reason, e.Detail = Canceled, "stopped: the run was cancelled"
		}
	case lib.SQLITE_AUTH:
		e.Reason, e.Detail = Refused, "refused: "+s.refused
		if s.refused == "" {
			e.Detail = "refused: " + e.Message
		}
	case lib.SQLITE_RANGE:
		if s.bindErr != "" {
			e.Message, e.Unbound = s.bindErr, s.unbound
		}
	case lib.SQLITE_FULL:
		e.Reason = Full
		e.Detail = fmt.Sprintf("stopped: the sandbox database is full (it holds at most %d MiB); is an INSERT adding rows without end?",
			s.opts.MaxPages*4096>>20)
	case lib.SQLITE_NOMEM:
		e.Reason = OutOfMemory
		e.Detail = fmt.Sprintf("stopped: your query needed more memory than the sandbox allows (%s): a sort "+
			"(ORDER BY, GROUP BY, DISTINCT) or a WITH over millions of rows holds them all in memory; add a LIMIT, "+
			"or a condition that ends a recursive WITH sooner", size(heapLimit()))
	case lib.SQLITE_TOOBIG:
		e.Reason = TooBig
		e.Detail = fmt.Sprintf("refused: a value or statement is larger than the sandbox allows (%d KiB per value)", maxLength>>10)
	}
	return e
}

// statementAt returns the statement that starts at byte start, trimmed, cut
// at its terminating semicolon when one is easy to see.
func statementAt(sql string, start int) string {
	st := sql[start:]
	if i := strings.IndexByte(st, ';'); i >= 0 && !strings.ContainsAny(st[:i], "'\"`[") {
		st = st[:i+1]
	}
	const max = 400
	if len(st) > max {
		st = st[:max] + "..."
	}
	return strings.TrimSpace(st)
}
