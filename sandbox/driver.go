package sandbox

// This file is the sandbox's one reach past the exported API of
// modernc.org/sqlite (the driver): the sqlite3* handle of a connection,
// which the driver keeps in an unexported field. Everything else goes
// through the driver's exported API (its authorizer, Limit, the _defensive,
// _dqs and _pragma parameters, Serialize, Deserialize, NewRestore) or
// through SQLite's own C API in modernc.org/sqlite/lib, which a driver
// upgrade does not change.
//
// The handle is needed because the sandbox steps learner statements itself
// (run.go): the driver's Query and Exec cannot do what it does. They give
// no statement's end in a script (for its line number), no offset of a
// syntax error, no read-only flag (to stop reading a capped SELECT), no
// autocommit state (to know a statement that ran out of memory can run
// again), and they turn a text column declared DATE into a time.Time, which
// a learner's result must not be. Their context interrupt covers a
// statement's first step only, not the reading of its rows.
//
// Pinned: modernc.org/sqlite checkedVersion. TestDriverIsTheCheckedVersion
// fails on any other version, naming both. To upgrade: check that
// modernc.org/sqlite's conn still keeps its handle in `db uintptr` (conn.go),
// set checkedVersion, run `go test ./sandbox`. At run time, New checks the
// handle against limits set through the exported Limit, and fails with a
// message naming the version rather than calling SQLite on a wrong handle.

import (
	"fmt"
	"reflect"
	"runtime/debug"

	"modernc.org/libc"
	lib "modernc.org/sqlite/lib"
)

// checkedVersion is the release of modernc.org/sqlite whose connection
// handle handle reads.
const checkedVersion = "v1.62.0"

// handle reads the sqlite3* handle of a modernc driver connection (dc, as
// sql.Conn.Raw hands it).
func handle(dc any) (uintptr, error) {
	v := reflect.ValueOf(dc)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("db"); f.IsValid() && f.Kind() == reflect.Uintptr && f.Uint() != 0 {
			return uintptr(f.Uint()), nil
		}
	}
	return 0, driverChanged(fmt.Sprintf("its connection %T has no field db holding the SQLite handle", dc))
}

// sqliteLimits are the limits every sandbox sets (sqlite3_limit), through
// the driver's Limit.
var sqliteLimits = []struct{ id, value int }{
	{lib.SQLITE_LIMIT_LENGTH, maxLength},
	{lib.SQLITE_LIMIT_SQL_LENGTH, maxSQLLength},
	{lib.SQLITE_LIMIT_ATTACHED, 0},
	{lib.SQLITE_LIMIT_EXPR_DEPTH, maxExprDepth},
	{lib.SQLITE_LIMIT_TRIGGER_DEPTH, maxTriggers},
	{lib.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, maxLikePattern},
	{lib.SQLITE_LIMIT_VARIABLE_NUMBER, maxVariables},
}

// checkHandle reports whether h is the handle of the connection whose
// limits the driver's Limit set to sqliteLimits: SQLite's defaults differ
// from every one of them.
func checkHandle(tls *libc.TLS, h uintptr) error {
	for _, l := range sqliteLimits {
		if got := lib.Xsqlite3_limit(tls, h, int32(l.id), -1); int(got) != l.value {
			return driverChanged(fmt.Sprintf("the handle read from its connection has limit %d = %d, not the %d set through it", l.id, got, l.value))
		}
	}
	return nil
}

// driverChanged is the error of a driver whose connection is no longer
// what this file expects.
func driverChanged(what string) error {
	return fmt.Errorf("modernc.org/sqlite %s is not the %s sandbox/driver.go was written for: %s", driverVersion(), checkedVersion, what)
}

// driverVersion is the version of modernc.org/sqlite built into the
// program, or "(version unknown)".
func driverVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(version unknown)"
	}
	for _, m := range info.Deps {
		if m.Path == "modernc.org/sqlite" {
			if m.Replace != nil {
				m = m.Replace
			}
			return m.Version
		}
	}
	return "(version unknown)"
}
