package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestBackupsKeepTheNewestVersions: every reset keeps the learner's version
// of a file; only the newest BackupsKept versions of each file stay, so the
// folder does not grow without end, and the newest is never lost.
func TestBackupsKeepTheNewestVersions(t *testing.T) {
	w := newWorkspace(t)
	step := w.Course.Steps()[0]
	other := filepath.Join(w.Root, "other.sql")
	os.WriteFile(other, []byte("only once"), 0o644)
	if err := w.Remove(w.NewBackup(), []string{"other.sql"}); err != nil {
		t.Fatal(err)
	}
	const resets = BackupsKept + 3
	for i := range resets {
		if err := os.WriteFile(filepath.Join(w.Root, "schema.sql"), fmt.Appendf(nil, "version %d", i), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Put(w.NewBackup(), w.StartOf(step)); err != nil {
			t.Fatal(err)
		}
	}
	versions := map[string]bool{}
	var others int
	dirs, err := os.ReadDir(filepath.Join(w.Root, StateDir, "backups"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if b, err := os.ReadFile(filepath.Join(w.Root, StateDir, "backups", d.Name(), "schema.sql")); err == nil {
			versions[string(b)] = true
		}
		if _, err := os.Stat(filepath.Join(w.Root, StateDir, "backups", d.Name(), "other.sql")); err == nil {
			others++
		}
	}
	if len(versions) != BackupsKept {
		t.Errorf("%d versions of schema.sql kept, want %d", len(versions), BackupsKept)
	}
	for i := resets - BackupsKept; i < resets; i++ {
		if !versions[fmt.Sprintf("version %d", i)] {
			t.Errorf("version %d was removed; the newest %d stay", i, BackupsKept)
		}
	}
	if others != 1 {
		t.Errorf("other.sql is in %d backups, want its only version kept", others)
	}
	if len(dirs) != BackupsKept+1 {
		t.Errorf("%d backup folders, want %d: an emptied one is removed", len(dirs), BackupsKept+1)
	}
}
