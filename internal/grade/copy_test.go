package grade

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The copy holds the workspace's regular files and nothing else: not
// sandcastle's state, not version control's, not links.
func TestCopyHoldsOnlyRegularFiles(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	write(t, src, map[string]string{
		"sandcastle.yaml":         "course: tiny\n",
		"schema.sql":              "CREATE TABLE t (x);",
		"server/app.py":           "print('hi')",
		".sandcastle/state.db":    "progress that grade never reads",
		".git/config":             "[core]\n",
		"vendor/lib/.git":         "gitdir: elsewhere",
		"vendor/lib/lib.go":       "package lib",
		"deep/er/still/file.txt":  "deep",
		"server/.hidden/keep.txt": "kept",
	})
	os.Symlink("schema.sql", filepath.Join(src, "link.sql"))
	os.Symlink(src, filepath.Join(src, "loop"))
	c, err := copyWorkspace(context.Background(), src, dst, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, dst)
	want := []string{".", "sandcastle.yaml", "schema.sql", "server", "server/app.py", "server/.hidden", "server/.hidden/keep.txt",
		"vendor", "vendor/lib", "vendor/lib/lib.go", "deep", "deep/er", "deep/er/still", "deep/er/still/file.txt"}
	if len(got) != len(want) {
		t.Errorf("copied %d entries, want %d: %v", len(got), len(want), got)
	}
	for _, p := range want {
		if _, ok := got[filepath.FromSlash(p)]; !ok {
			t.Errorf("%s was not copied", p)
		}
	}
	if got["schema.sql"] != "CREATE TABLE t (x);" {
		t.Errorf("schema.sql copied as %q", got["schema.sql"])
	}
	notes := strings.Join(c.notes(), "\n")
	for _, want := range []string{"not copied: link.sql is a symbolic link", "not copied: loop is a symbolic link"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
}

func TestCopyCaps(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lim   Limits
		files map[string]string
		err   string // a workspace over a cap is not graded
		left  string // or the entry is left out, and says why
	}{
		{"a file over the size cap", Limits{FileSize: 10}, map[string]string{"schema.sql": "CREATE TABLE t (x);"},
			"", "schema.sql is 19 bytes, over grade's cap of 10 bytes a file; it was not read."},
		{"more files than the cap", Limits{Files: 3}, map[string]string{"a": "", "b": "", "c/d": ""},
			"the workspace holds more than 3 files and folders, grade's cap on files", ""},
		{"more bytes than the cap", Limits{Total: 10}, map[string]string{"a": "123456", "b": "123456"},
			"the workspace's files add up to more than 10 bytes, grade's cap on a workspace", ""},
		{"just under every cap", Limits{FileSize: 6, Files: 2, Total: 12}, map[string]string{"a": "123456", "b": "123456"},
			"", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			write(t, src, tc.files)
			c, err := copyWorkspace(context.Background(), src, t.TempDir(), tc.lim)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.refusal([]string{"schema.sql"}); got != tc.left {
				t.Errorf("refusal %q, want %q", got, tc.left)
			}
		})
	}
}

// Folders deeper than maxDepth are left out, and the copy opens one folder
// at a time however deep it goes.
func TestCopyDepth(t *testing.T) {
	src := t.TempDir()
	deep := strings.Repeat("d/", maxDepth+3) + "f.sql"
	write(t, src, map[string]string{deep: "SELECT 1;"})
	c, err := copyWorkspace(context.Background(), src, t.TempDir(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if msg := c.refusal([]string{deep}); !strings.Contains(msg, "folders deep") {
		t.Errorf("refusal %q", msg)
	}
}

// The private folder is gone when One returns, and nothing was written
// anywhere but there.
func TestOneRemovesItsPrivateFolder(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	write(t, dir, solved)
	if w := One(context.Background(), dir, Options{Course: tinyCourse(t)}); !w.OK() {
		t.Fatalf("%+v", w)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{5: "5 bytes", 64 << 20: "64 MiB", 3 << 29: "1.5 GiB", 1536: "1.5 KiB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
