package workspace

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestProgressInAFolderWithURICharacters: the progress database is where
// the workspace is, whatever its folder is called: a # or a ? in a name
// cut the path short, and progress went to another file.
func TestProgressInAFolderWithURICharacters(t *testing.T) {
	for _, name := range []string{"a#b", "a?b", "a%23b", "a b", "a&mode=ro"} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, name)
			w, _, err := Init(context.Background(), dir, tinyRef(t), "")
			if err != nil {
				t.Fatal(err)
			}
			s, err := w.Store(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if err := s.RecordCheck(t.Context(), "table/x", "pass"); err != nil {
				t.Fatal(err)
			}
			w.Close()
			if _, err := os.Stat(filepath.Join(dir, StateDir, "state.db")); err != nil {
				t.Errorf("no progress database in the workspace: %v", err)
			}
			entries, _ := os.ReadDir(parent)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("files beside the workspace: %q; want only %q", names, name)
			}
			w, err = Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			s, _ = w.Store(t.Context())
			p, err := s.Progress(t.Context())
			if err != nil || !p.Steps["table/x"].Passed {
				t.Errorf("the pass was not found again: %v", err)
			}
		})
	}
}
