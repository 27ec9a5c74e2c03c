package grade

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitRepo makes a git repository in dir with files, committed at when.
func gitRepo(t *testing.T, dir string, files map[string]string, when string) {
	t.Helper()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=s", "GIT_AUTHOR_EMAIL=s@x", "GIT_COMMITTER_NAME=s", "GIT_COMMITTER_EMAIL=s@x",
			"GIT_AUTHOR_DATE="+when, "GIT_COMMITTER_DATE="+when, "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		run("init", "-q")
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if target, ok := strings.CutPrefix(content, "link:"); ok {
			os.Remove(p)
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("add", "-A")
	run("commit", "-q", "-m", "work")
}

var deadline = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)

func TestSnapshotAtHostileRepositories(t *testing.T) {
	t.Run("a smudge filter in the repository's config never runs", func(t *testing.T) {
		ws, dst := t.TempDir(), t.TempDir()
		marker := filepath.Join(t.TempDir(), "ran")
		gitRepo(t, ws, map[string]string{"schema.sql": "CREATE TABLE t (x);\n", ".gitattributes": "* filter=evil\n"}, "2026-12-01T10:00:00Z")
		cmd := exec.Command("git", "config", "filter.evil.smudge", "touch "+marker+"; cat")
		cmd.Dir = ws
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v %s", err, out)
		}
		snap, err := snapshotAt(context.Background(), ws, dst, deadline, Limits{}.withDefaults())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(marker); err == nil {
			t.Error("the repository's smudge filter ran")
		}
		if data, _ := os.ReadFile(filepath.Join(dst, "schema.sql")); string(data) != "CREATE TABLE t (x);\n" {
			t.Errorf("schema.sql = %q", data)
		}
		if len(snap.Commit) != 40 || !snap.Time.Equal(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("snapshot %+v", snap)
		}
	})
	t.Run("a .git file pointing at another repository is refused", func(t *testing.T) {
		other, ws := t.TempDir(), t.TempDir()
		gitRepo(t, other, map[string]string{"schema.sql": "someone else's work"}, "2026-12-01T10:00:00Z")
		if err := os.WriteFile(filepath.Join(ws, ".git"), []byte("gitdir: "+filepath.Join(other, ".git")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := snapshotAt(context.Background(), ws, t.TempDir(), deadline, Limits{}.withDefaults())
		if err == nil || !strings.Contains(err.Error(), "is not a folder of the repository") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a committed link stays a link, never followed", func(t *testing.T) {
		ws, dst := t.TempDir(), t.TempDir()
		gitRepo(t, ws, map[string]string{"schema.sql": "link:/etc/passwd", "queries/../../escape": "x"}, "2026-12-01T10:00:00Z")
		if _, err := snapshotAt(context.Background(), ws, dst, deadline, Limits{}.withDefaults()); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Lstat(filepath.Join(dst, "schema.sql"))
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("schema.sql is not a link: %v %v", fi, err)
		}
		files, err := copyWorkspace(context.Background(), dst, t.TempDir(), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if msg := files.refusal([]string{"schema.sql"}); !strings.Contains(msg, "link") {
			t.Errorf("refusal = %q", msg)
		}
	})
	t.Run("a workspace in a folder of a class repository", func(t *testing.T) {
		repo, dst := t.TempDir(), t.TempDir()
		gitRepo(t, repo, map[string]string{"alice/schema.sql": "alice's", "bob/schema.sql": "bob's"}, "2026-12-01T10:00:00Z")
		if _, err := snapshotAt(context.Background(), filepath.Join(repo, "alice"), dst, deadline, Limits{}.withDefaults()); err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(filepath.Join(dst, "schema.sql")); string(data) != "alice's" {
			t.Errorf("schema.sql = %q", data)
		}
		if _, err := os.Stat(filepath.Join(dst, "bob")); err == nil {
			t.Error("another folder of the repository was written")
		}
	})
	t.Run("files over the cap are left out; too many files is not graded", func(t *testing.T) {
		ws, dst := t.TempDir(), t.TempDir()
		gitRepo(t, ws, map[string]string{"big.sql": strings.Repeat("x", 2000), "a.sql": "a", "b.sql": "b"}, "2026-12-01T10:00:00Z")
		if _, err := snapshotAt(context.Background(), ws, dst, deadline, Limits{FileSize: 1000, Files: 10, Total: 1 << 20}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dst, "big.sql")); err == nil {
			t.Error("a file over the cap was written")
		}
		_, err := snapshotAt(context.Background(), ws, t.TempDir(), deadline, Limits{FileSize: 1000, Files: 1, Total: 1 << 20})
		if err == nil || !strings.Contains(err.Error(), "more than 1 files") {
			t.Errorf("err = %v", err)
		}
	})
}
