package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadEscapesThePath: Load reads the file at the path it is given,
// whatever the folders are called (Load builds a SQLite URI from it).
func TestLoadEscapesThePath(t *testing.T) {
	ctx := context.Background()
	src := newSandbox(t, Options{})
	if _, err := src.Run(ctx, Script{SQL: schema}); err != nil {
		t.Fatal(err)
	}
	snap, _ := src.Snapshot()
	for _, name := range []string{"a#b", "a?b", "a%23b", "a b", "a&mode=rw"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			os.Mkdir(dir, 0o755)
			path := filepath.Join(dir, "server.db")
			if err := os.WriteFile(path, snap, 0o644); err != nil {
				t.Fatal(err)
			}
			s := newSandbox(t, Options{})
			if err := s.Load(ctx, path); err != nil {
				t.Fatal(err)
			}
			// A relative path too: "file://a%23b/server.db" would name a host.
			t.Chdir(filepath.Dir(dir))
			if err := s.Load(ctx, filepath.Join(name, "server.db")); err != nil {
				t.Fatal(err)
			}
			res, err := s.Run(ctx, Script{SQL: "SELECT count(*) FROM scores;"})
			if err != nil || res.Rows[0][0] != int64(2) {
				t.Fatalf("got %v %v, want the file's 2 rows", res, err)
			}
		})
	}
}
