package workspace

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCanWriteReadOnlyFile: a file with the read-only attribute cannot be
// written; a writable one and a folder can. (Compiled in CI for Windows, run
// only there: see docs/platforms.md.)
func TestCanWriteReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := canWrite(path); err != nil {
		t.Errorf("canWrite of a writable file: %v", err)
	}
	if err := canWrite(dir); err != nil {
		t.Errorf("canWrite of a folder: %v", err)
	}
	if err := os.Chmod(path, 0o444); err != nil { // sets the read-only attribute
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o644) })
	if err := canWrite(path); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("canWrite of a read-only file: %v, want a permission error", err)
	}
}
