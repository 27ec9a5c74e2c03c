package workspace

import (
	"context"
	"path/filepath"
	"testing"
)

// A Revision tells another process (the TUI) that progress was recorded,
// without a query: it changes with every record, whichever process made it,
// and not while nothing is recorded.
func TestStoreRevisionChangesWithEachRecord(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	tui, err := OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer tui.Close()
	cli, err := OpenStore(ctx, path) // as another process would
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()

	before := tui.Revision()
	if _, err := tui.Progress(ctx); err != nil {
		t.Fatal(err)
	}
	if tui.Revision() != before {
		t.Error("reading the progress changed the revision")
	}
	for i, record := range []func() error{
		func() error { return cli.RecordCheck(ctx, "a/x", "fail") },
		func() error { return cli.RecordCheck(ctx, "a/x", "pass") }, // at once, in the same instant maybe
		func() error { return tui.RecordHint(ctx, "a/x", 1) },
	} {
		if err := record(); err != nil {
			t.Fatal(err)
		}
		now := tui.Revision()
		if now == before {
			t.Errorf("record %d: the revision did not change", i+1)
		}
		before = now
	}
}

func TestRevisionOfAStoreInMemoryNeverChanges(t *testing.T) {
	ctx := context.Background()
	s, err := openMemoryStore(ctx, filepath.Join(t.TempDir(), "state.db"), "read-only")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := s.Revision()
	if err := s.RecordCheck(ctx, "a/x", "pass"); err != nil {
		t.Fatal(err)
	}
	if s.Revision() != before {
		t.Error("the revision of a store in memory changed")
	}
}
