package session

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

// shCourse writes a course whose one step has an sh check that leaves a
// marker in the workspace when it runs, and returns its folder.
func shCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"course.yaml": "format: 1\nid: notes\ntitle: Notes\nlessons:\n  - 01-notes.md\n",
		"01-notes.md": "---\nid: notes\ntitle: Notes\n---\n\n## Keep notes\n\nWrite `notes.txt`.\n\n" +
			"```text solution file=notes.txt\nRemember the cake.\n```\n\n" +
			"```sh check \"notes.txt exists\"\ntouch sh-check-ran\ntest -f notes.txt\n```\n\n```expect\nexit 0\n```\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestShippedTrustIsIgnored: a workspace whose progress database says the
// course is trusted, as a repository could ship it, is not trusted.
func TestShippedTrustIsIgnored(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ctx := context.Background()
	course := shCourse(t)
	root := t.TempDir()
	ws, _, err := workspace.Init(ctx, root, course, "")
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	db, err := sql.Open("sqlite", filepath.Join(root, workspace.StateDir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, source := range []string{course, "builtin:score-keeper"} {
		if _, err := db.Exec(`INSERT INTO meta (key, value) VALUES ('trusted', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, source); err != nil {
			t.Fatal(err)
		}
		db.Close()
		ws, err := workspace.Open(root)
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(ctx, ws)
		if err != nil {
			t.Fatal(err)
		}
		opts, err := s.CheckOptions()
		if err != nil {
			t.Fatal(err)
		}
		if opts.Trusted {
			t.Errorf("meta trusted=%s in state.db made the course trusted", source)
		}
		os.Remove(filepath.Join(root, "sh-check-ran"))
		s.write(t, "notes.txt", "cake")
		out, err := s.Check(ctx, s.Current())
		if err != nil {
			t.Fatal(err)
		}
		if out.Passed() || !out.Results[0].Checks[0].Untrusted {
			t.Errorf("the sh check was not refused: %+v", out.Results[0])
		}
		if _, err := os.Stat(filepath.Join(root, "sh-check-ran")); err == nil {
			t.Errorf("the sh check ran with meta trusted=%s", source)
		}
		s.Close()
		db, _ = sql.Open("sqlite", filepath.Join(root, workspace.StateDir, "state.db"))
	}
	db.Close()
}
