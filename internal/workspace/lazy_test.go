package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgressOpensWhenNeeded: opening a workspace reads its course and
// writes nothing; the progress database, and .sandcastle with it, comes
// with the first Store, under the caller's context.
func TestProgressOpensWhenNeeded(t *testing.T) {
	dir := t.TempDir()
	if err := writeConfig(dir, Config{Course: tinyRef(t)}); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, StateDir)
	for name, open := range map[string]func(string) (*Workspace, error){"Find": Find, "Open": Open} {
		w, err := open(dir)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(w.Course.Steps()) == 0 {
			t.Errorf("%s: the course has no steps", name)
		}
		if err := w.Close(); err != nil {
			t.Errorf("%s: close: %v", name, err)
		}
		if _, err := os.Lstat(state); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s created %s (%v)", name, state, err)
		}
	}

	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.Store(canceled); !errors.Is(err, context.Canceled) {
		t.Errorf("Store with a canceled context: %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(state, "state.db")); err == nil {
		if _, err := OpenStore(context.Background(), filepath.Join(state, "state.db")); err != nil {
			t.Errorf("the progress database a canceled Store left cannot be opened: %v", err)
		}
	}

	w2, err := FindWithProgress(context.Background(), filepath.Join(dir, "."), Record)
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	s, err := w2.Store(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := w2.Store(context.Background()); again != s {
		t.Error("a second Store opened another database")
	}
	if _, err := s.Progress(context.Background()); err != nil {
		t.Errorf("read progress: %v", err)
	}
	if _, err := os.Stat(filepath.Join(state, ".gitignore")); err != nil {
		t.Errorf("the progress database opened without .sandcastle/.gitignore: %v", err)
	}
}

// TestReadAccessCreatesNothing: opened to Read, a workspace with no progress
// database reads as no progress and gets no .sandcastle; one with a
// database reads what it recorded.
func TestReadAccessCreatesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := writeConfig(dir, Config{Course: tinyRef(t)}); err != nil {
		t.Fatal(err)
	}
	read := func() *Progress {
		t.Helper()
		w, err := OpenWithProgress(ctx, dir, Read)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		s, err := w.Store(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.ReadOnly != "" {
			t.Errorf("ReadOnly: %q, want none", s.ReadOnly)
		}
		p, err := s.Progress(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := read(); len(p.Steps) != 0 || p.Goto != "" {
		t.Errorf("progress without a database: %+v, want none", p)
	}
	if _, err := os.Lstat(filepath.Join(dir, StateDir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("reading created %s (%v)", StateDir, err)
	}

	w, err := OpenWithProgress(ctx, dir, Record)
	if err != nil {
		t.Fatal(err)
	}
	s, err := w.Store(ctx)
	if err == nil {
		err = s.RecordHint(ctx, "table/create-the-scores-table", 1)
	}
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if p := read(); p.Steps["table/create-the-scores-table"].HintsSeen != 1 {
		t.Errorf("progress read: %+v, want the hint recorded", p.Steps)
	}
}

// TestReadAccessRefusesALinkedStateFolder: a .sandcastle that is a link is
// not "no progress yet": reading refuses it as recording does.
func TestReadAccessRefusesALinkedStateFolder(t *testing.T) {
	target := t.TempDir()
	dir := shipped(t, func(state string) { os.Symlink(target, state) })
	w, err := OpenWithProgress(context.Background(), dir, Read)
	if err == nil {
		defer w.Close()
		_, err = w.Store(context.Background())
	}
	if err == nil || !strings.Contains(err.Error(), ".sandcastle is a symbolic link") {
		t.Errorf("reading the progress: %v; want a refusal that names the link", err)
	}
}
