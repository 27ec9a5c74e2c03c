package sandbox

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDriverIsTheCheckedVersion fails on any modernc.org/sqlite but the one
// driver.go was checked against, so that an upgrade is a decision: the
// handle driver.go reads is not part of the driver's API. (A test binary
// records no module versions: go.mod says which one the build takes.)
func TestDriverIsTheCheckedVersion(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, line := range strings.Split(string(mod), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		switch {
		case len(f) >= 2 && f[0] == "modernc.org/sqlite":
			got = f[1]
		case len(f) >= 1 && strings.Contains(line, "=>") && strings.Contains(line, "modernc.org/sqlite "):
			t.Fatalf("go.mod replaces modernc.org/sqlite (%s): check sandbox/driver.go against it", strings.TrimSpace(line))
		}
	}
	if got != checkedVersion {
		t.Fatalf("modernc.org/sqlite is %q in go.mod, but sandbox/driver.go was checked against %s: it reads the "+
			"SQLite handle from the driver's unexported conn.db; check that conn.go still keeps it there, then "+
			"set checkedVersion to %s", got, checkedVersion, got)
	}
}

// TestHandleCheck: the handle a sandbox uses is its own connection's, and a
// handle that is not (here, a plain connection's, with SQLite's default
// limits) or a connection without one is refused with the driver's version.
func TestHandleCheck(t *testing.T) {
	ctx := context.Background()
	s := newSandbox(t, Options{})
	if err := checkHandle(s.tls, s.h); err != nil {
		t.Fatalf("the sandbox's own handle: %v", err)
	}

	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var other uintptr
	if err := conn.Raw(func(dc any) (err error) { other, err = handle(dc); return err }); err != nil {
		t.Fatal(err)
	}
	if err := checkHandle(s.tls, other); err == nil || !strings.Contains(err.Error(), checkedVersion) {
		t.Errorf("another connection's handle: got %v, want an error naming %s", err, checkedVersion)
	}

	_, err = handle(&struct{ DB uintptr }{1})
	if err == nil || !strings.Contains(err.Error(), "modernc.org/sqlite "+driverVersion()) || !strings.Contains(err.Error(), checkedVersion) {
		t.Errorf("a connection without the field: got %v, want an error naming both versions", err)
	}
}
