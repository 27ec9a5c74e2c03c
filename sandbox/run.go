package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unsafe"

	"modernc.org/libc"
	lib "modernc.org/sqlite/lib"
)

// Script is SQL to run in a sandbox: one statement or several.
type Script struct {
	// Name is the file the SQL comes from, for errors.
	Name string
	SQL  string
	// FirstLine is the line of Name on which SQL starts (1 when zero), so
	// that a block inside a lesson reports lines of the lesson.
	FirstLine int
	// Args binds named parameters (:player) of the statements: int64,
	// float64, string, []byte or nil.
	Args map[string]any
	// Each, when set, is given the rows of every statement that returns
	// some, as it ends, the last one included.
	Each func(*Result)
}

// Result is what the last statement of a script returned.
type Result struct {
	// Columns is nil for a statement that returns no rows.
	Columns []string
	Rows    [][]any
	// Truncated says that reading stopped at the row or byte cap.
	Truncated bool
	// Statements is how many statements the script ran.
	Statements int
}

// Run runs the statements of a script in order, one at a time, and returns
// the result of the last one. It stops at the first failing statement with an
// *Error naming the file, the statement's line and SQLite's message.
//
// The script has Options.Timeout to run. A statement that runs out of
// SQLite's heap (HeapLimit, shared by the process's sandboxes) runs again
// alone, with the time it had, so that it fails only for what it needs.
func (s *Sandbox) Run(ctx context.Context, sc Script) (res *Result, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	clock := time.AfterFunc(s.opts.Timeout, func() { cancel(errTimedOut) })
	defer clock.Stop()
	s.mu.Lock()
	s.gen++
	gen := s.gen
	s.mu.Unlock()
	stop := context.AfterFunc(ctx, func() { s.interrupt(gen) })
	defer func() {
		stop()
		s.mu.Lock()
		s.gen++
		s.mu.Unlock()
		if r := recover(); r != nil {
			res, err = nil, &Error{File: sc.Name, Line: sc.line(0), Message: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	return s.run(ctx, sc, clock)
}

// errTimedOut is the cause of a Run's context that ran out of time.
var errTimedOut = errors.New("the statement ran too long")

func (s *Sandbox) run(ctx context.Context, sc Script, clock *time.Timer) (*Result, error) {
	csql, err := libc.CString(sc.SQL)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(s.tls, csql)
	ptrs := libc.Xmalloc(s.tls, 16)
	if ptrs == 0 {
		return nil, fmt.Errorf("sandbox: out of memory")
	}
	defer libc.Xfree(s.tls, ptrs)

	res := &Result{}
	for off := 0; ; {
		start := skipSpace(sc.SQL, off)
		if start >= len(sc.SQL) {
			return res, nil
		}
		if ctx.Err() != nil {
			return nil, s.failure(ctx, sc, start, lib.SQLITE_INTERRUPT)
		}
		var o outcome
		shared(func(alone bool) (again bool) {
			if alone {
				clock.Reset(s.opts.Timeout) // waiting for the others took the statement's time
			}
			inTx := lib.Xsqlite3_get_autocommit(s.tls, s.h) == 0
			o = s.statement(csql, ptrs, off, sc)
			if o.rc&0xff != lib.SQLITE_NOMEM || ctx.Err() != nil {
				return false
			}
			// A transaction that SQLite rolled back cannot be resumed.
			rolledBack := inTx && lib.Xsqlite3_get_autocommit(s.tls, s.h) != 0
			return !rolledBack && clock.Stop()
		})
		if o.stmt {
			res.Statements++
		}
		if o.rc != lib.SQLITE_OK {
			e := s.failure(ctx, sc, start, o.rc)
			// A syntax error is reported on the line where SQLite stopped
			// reading, which may be below the statement's first line.
			if at := int(lib.Xsqlite3_error_offset(s.tls, s.h)); !o.stmt && at >= 0 && off+at > start {
				e.Line = sc.line(off + at)
			}
			return nil, e
		}
		if o.r != nil && sc.Each != nil && o.r.Columns != nil {
			sc.Each(o.r)
		}
		if o.last {
			o.r.Statements = res.Statements
			res = o.r
		}
		off = o.next
	}
}

// outcome is what running one statement of a script gave.
type outcome struct {
	r    *Result
	rc   int32
	next int  // the offset of the script's next statement
	stmt bool // there was a statement to run (not only comments), and it was prepared
	last bool // it is the script's last statement
}

// statement prepares the statement at byte off of a script (csql in C
// memory, ptrs room for two pointers), runs it and finalizes it.
func (s *Sandbox) statement(csql, ptrs uintptr, off int, sc Script) outcome {
	ppStmt, ppTail := ptrs, ptrs+8
	s.refused, s.bindErr, s.unbound = "", "", ""
	rc := lib.Xsqlite3_prepare_v2(s.tls, s.h, csql+uintptr(off), -1, ppStmt, ppTail)
	if rc != lib.SQLITE_OK {
		return outcome{rc: rc}
	}
	stmt := *(*uintptr)(cptr(ppStmt))
	o := outcome{next: int(*(*uintptr)(cptr(ppTail)) - csql)}
	if stmt == 0 { // only comments or an empty statement
		return o
	}
	o.stmt, o.last = true, !HasStatement(sc.SQL[o.next:])
	o.r, o.rc = s.execute(stmt, sc.Args, o.last || sc.Each != nil)
	lib.Xsqlite3_finalize(s.tls, stmt)
	return o
}

// execute binds and steps one prepared statement to its end, reading its rows
// when keep is set.
func (s *Sandbox) execute(stmt uintptr, args map[string]any, keep bool) (*Result, int32) {
	if rc := s.bind(stmt, args); rc != lib.SQLITE_OK {
		return nil, rc
	}
	res := &Result{}
	ncol := int(lib.Xsqlite3_column_count(s.tls, stmt))
	if keep && ncol > 0 {
		res.Columns = make([]string, ncol)
		for i := range res.Columns {
			res.Columns[i] = libc.GoString(lib.Xsqlite3_column_name(s.tls, stmt, int32(i)))
		}
	}
	readOnly := lib.Xsqlite3_stmt_readonly(s.tls, stmt) != 0
	size := 0
	for {
		switch rc := lib.Xsqlite3_step(s.tls, stmt); rc {
		case lib.SQLITE_DONE:
			return res, lib.SQLITE_OK
		case lib.SQLITE_ROW:
		default:
			return nil, rc
		}
		if !keep || ncol == 0 || res.Truncated {
			continue
		}
		row, n := s.row(stmt, ncol)
		size += n
		if len(res.Rows) >= s.opts.MaxRows || size > s.opts.MaxBytes {
			res.Truncated = true
			if readOnly {
				return res, lib.SQLITE_OK // nothing left to do but produce rows
			}
			continue
		}
		res.Rows = append(res.Rows, row)
	}
}

// row reads the current row of stmt and its size in bytes.
func (s *Sandbox) row(stmt uintptr, ncol int) ([]any, int) {
	row := make([]any, ncol)
	size := 0
	for i := range row {
		c := int32(i)
		switch lib.Xsqlite3_column_type(s.tls, stmt, c) {
		case lib.SQLITE_INTEGER:
			row[i] = int64(lib.Xsqlite3_column_int64(s.tls, stmt, c))
			size += 8
		case lib.SQLITE_FLOAT:
			row[i] = lib.Xsqlite3_column_double(s.tls, stmt, c)
			size += 8
		case lib.SQLITE_TEXT:
			p := lib.Xsqlite3_column_text(s.tls, stmt, c)
			n := int(lib.Xsqlite3_column_bytes(s.tls, stmt, c))
			row[i] = string(libc.GoBytes(p, n))
			size += n
		case lib.SQLITE_BLOB:
			p := lib.Xsqlite3_column_blob(s.tls, stmt, c)
			n := int(lib.Xsqlite3_column_bytes(s.tls, stmt, c))
			row[i] = append([]byte{}, libc.GoBytes(p, n)...) // GoBytes aliases SQLite's memory
			size += n
		default:
			row[i] = nil
		}
	}
	return row, size
}

// bind binds the statement's named parameters from args.
func (s *Sandbox) bind(stmt uintptr, args map[string]any) int32 {
	n := int32(lib.Xsqlite3_bind_parameter_count(s.tls, stmt))
	for i := int32(1); i <= n; i++ {
		name := libc.GoString(lib.Xsqlite3_bind_parameter_name(s.tls, stmt, i))
		if name == "" {
			s.bindErr = "positional parameters (?) cannot be given values here; use a named one such as :player"
			return lib.SQLITE_RANGE
		}
		v, ok := args[name[1:]]
		if !ok {
			s.bindErr = fmt.Sprintf("the statement uses %s, but no value was given for it", name)
			s.unbound = name
			return lib.SQLITE_RANGE
		}
		if rc := s.bindValue(stmt, i, v); rc != lib.SQLITE_OK {
			return rc
		}
	}
	return lib.SQLITE_OK
}

func (s *Sandbox) bindValue(stmt uintptr, i int32, v any) int32 {
	switch v := v.(type) {
	case nil:
		return lib.Xsqlite3_bind_null(s.tls, stmt, i)
	case int64:
		return lib.Xsqlite3_bind_int64(s.tls, stmt, i, v)
	case int:
		return lib.Xsqlite3_bind_int64(s.tls, stmt, i, int64(v))
	case float64:
		return lib.Xsqlite3_bind_double(s.tls, stmt, i, v)
	case []byte:
		return s.bindBytes(stmt, i, v, false)
	case string:
		return s.bindBytes(stmt, i, []byte(v), true)
	}
	return s.bindBytes(stmt, i, []byte(fmt.Sprint(v)), true)
}

func (s *Sandbox) bindBytes(stmt uintptr, i int32, b []byte, text bool) int32 {
	p := libc.Xmalloc(s.tls, uint64(len(b)+1))
	if p == 0 {
		return lib.SQLITE_NOMEM
	}
	defer libc.Xfree(s.tls, p)
	copy(unsafe.Slice((*byte)(cptr(p)), len(b)), b)
	if text {
		return lib.Xsqlite3_bind_text(s.tls, stmt, i, p, int32(len(b)), lib.SQLITE_TRANSIENT)
	}
	return lib.Xsqlite3_bind_blob(s.tls, stmt, i, p, int32(len(b)), lib.SQLITE_TRANSIENT)
}

// line returns the line of the script's file on which byte offset off stands.
func (sc Script) line(off int) int {
	first := sc.FirstLine
	if first < 1 {
		first = 1
	}
	for i := 0; i < off && i < len(sc.SQL); i++ {
		if sc.SQL[i] == '\n' {
			first++
		}
	}
	return first
}

// skipSpace returns the offset of the first byte at or after off that is
// neither white space nor inside a comment.
func skipSpace(sql string, off int) int {
	for off < len(sql) {
		switch {
		case sql[off] == ' ' || sql[off] == '\t' || sql[off] == '\n' || sql[off] == '\r' || sql[off] == '\f':
			off++
		case sql[off] == '-' && off+1 < len(sql) && sql[off+1] == '-':
			for off < len(sql) && sql[off] != '\n' {
				off++
			}
		case sql[off] == '/' && off+1 < len(sql) && sql[off+1] == '*':
			end := strings.Index(sql[off+2:], "*/")
			if end < 0 {
				return len(sql)
			}
			off += 2 + end + 2
		default:
			return off
		}
	}
	return off
}

// cptr turns an address of C memory, allocated by modernc's libc and never
// by Go, into a pointer Go can read and write through.
func cptr(addr uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&addr)) }

// HasStatement reports whether sql holds a statement: something other than
// white space, comments and semicolons.
func HasStatement(sql string) bool {
	for off := skipSpace(sql, 0); off < len(sql); off = skipSpace(sql, off+1) {
		if sql[off] != ';' {
			return true
		}
	}
	return false
}

// Complete reports whether sql ends a statement: its last character that is
// not white space or in a comment is a ; outside quotes. A console runs its
// input once it is complete.
func Complete(sql string) bool {
	last := byte(0)
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return false
			}
			i += end + 3
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closing := c
			if c == '[' {
				closing = ']'
			}
			end := strings.IndexByte(sql[i+1:], closing)
			if end < 0 {
				return false // a quote still open
			}
			i += end + 1
			last = closing
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			last = c
		}
	}
	return last == ';'
}
