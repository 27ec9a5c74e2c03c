package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bashrc is a file outside the workspace that a repository's links point at.
func bashrc(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".bashrc")
	if err := os.WriteFile(p, []byte("export PS1='$ '\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func assertUntouched(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "export PS1='$ '\n" {
		t.Errorf("%s was changed: %q %v", path, b, err)
	}
}

// shipped makes a workspace whose .sandcastle is what a repository ships:
// links put there by spoil, before sandcastle ever opened it.
func shipped(t *testing.T, spoil func(state string)) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeConfig(dir, Config{Course: tinyRef(t)}); err != nil {
		t.Fatal(err)
	}
	spoil(filepath.Join(dir, StateDir))
	return dir
}

// TestStateFilesAreTheWorkspacesOwn: a repository that ships
// .sandcastle/state.db -> ~/.bashrc never gets that file written.
func TestStateFilesAreTheWorkspacesOwn(t *testing.T) {
	t.Run("state.db is a link", func(t *testing.T) {
		target := bashrc(t)
		dir := shipped(t, func(state string) {
			os.Mkdir(state, 0o755)
			os.Symlink(target, filepath.Join(state, "state.db"))
		})
		w, err := Open(dir)
		if err == nil {
			defer w.Close()
			_, err = w.Store(t.Context())
		}
		if err == nil || !strings.Contains(err.Error(), "state.db is a symbolic link") {
			t.Errorf("opening the progress: %v; want a refusal that names the link", err)
		}
		assertUntouched(t, target)
	})
	t.Run("state.db is a link to an empty file", func(t *testing.T) {
		target := filepath.Join(t.TempDir(), "empty")
		os.WriteFile(target, nil, 0o644)
		dir := shipped(t, func(state string) {
			os.Mkdir(state, 0o755)
			os.Symlink(target, filepath.Join(state, "state.db"))
		})
		if w, err := Open(dir); err == nil {
			w.Store(t.Context())
			w.Close()
		}
		if fi, err := os.Stat(target); err != nil || fi.Size() != 0 {
			t.Errorf("the file the link points at was written: %v", err)
		}
	})
	t.Run(".sandcastle is a link", func(t *testing.T) {
		target := t.TempDir()
		dir := shipped(t, func(state string) { os.Symlink(target, state) })
		w, err := Open(dir)
		if err == nil {
			defer w.Close()
			_, err = w.Store(t.Context())
		}
		if err == nil || !strings.Contains(err.Error(), ".sandcastle is a symbolic link") {
			t.Errorf("opening the progress: %v; want a refusal that names the link", err)
		}
		if entries, _ := os.ReadDir(target); len(entries) > 0 {
			t.Errorf("wrote %d files through the link", len(entries))
		}
	})
	t.Run("the journal is a link", func(t *testing.T) {
		target := bashrc(t)
		dir := shipped(t, func(state string) {
			os.Mkdir(state, 0o755)
			os.Symlink(target, filepath.Join(state, "state.db-journal"))
		})
		w, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		s, err := w.Store(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RecordCheck(t.Context(), "table/x", "pass"); err != nil {
			t.Fatal(err)
		}
		assertUntouched(t, target)
	})
}

// TestMemoryStoreStartsFromTheRecordedProgress: in a workspace sandcastle
// cannot write, the progress recorded before is shown, and what this run
// records stays in memory: the file is never changed.
func TestMemoryStoreStartsFromTheRecordedProgress(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordCheck(ctx, "a/x", "pass"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	m, err := openMemoryStore(ctx, path, "read-only")
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.RecordCheck(ctx, "a/y", "pass"); err != nil {
		t.Fatal(err)
	}
	p, err := m.Progress(ctx)
	if err != nil || !p.Steps["a/x"].Passed || !p.Steps["a/y"].Passed || m.ReadOnly != "read-only" {
		t.Errorf("progress %+v %v; want a/x from the file and a/y from this run", p, err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the progress file changed")
	}
}

// TestBackupsAreNeverWrittenThroughALink: the learner's versions never go
// through a backups folder that is a link.
func TestBackupsAreNeverWrittenThroughALink(t *testing.T) {
	w := newWorkspace(t)
	target := t.TempDir()
	if err := os.Symlink(target, filepath.Join(w.Root, StateDir, "backups")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(w.Root, "schema.sql"), []byte("mine"), 0o644)
	_, err := w.Put(w.NewBackup(), w.StartOf(w.Course.Steps()[0]))
	if err == nil || !strings.Contains(err.Error(), "backups is a symbolic link") {
		t.Errorf("Put: %v; want a refusal that names the link", err)
	}
	if entries, _ := os.ReadDir(target); len(entries) > 0 {
		t.Errorf("wrote %d files through the link", len(entries))
	}
	if b, _ := os.ReadFile(filepath.Join(w.Root, "schema.sql")); string(b) != "mine" {
		t.Errorf("schema.sql = %q: replaced without its backup", b)
	}
}
