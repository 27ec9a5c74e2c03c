//go:build unix

package folder

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const rc = "export PS1='$ '\n"

// outsideFile is a file outside the state folder that a shipped link points at.
func outsideFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".bashrc")
	write(t, p, rc)
	return p
}

func assertUntouched(t *testing.T, path string) {
	t.Helper()
	if b, err := os.ReadFile(path); err != nil || string(b) != rc {
		t.Errorf("%s was changed: %q %v", path, b, err)
	}
}

func TestFreshNeverWritesThroughALink(t *testing.T) {
	for _, open := range []struct {
		name string
		fn   func(string) (*os.File, error)
	}{{"Fresh", Fresh}, {"OpenLock", OpenLock}} {
		t.Run(open.name+" over a link", func(t *testing.T) {
			target := outsideFile(t)
			p := filepath.Join(t.TempDir(), "server.log")
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			f, err := open.fn(p)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("log\n")
			f.Close()
			assertUntouched(t, target)
			if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
				t.Errorf("%s is not a regular file of its own: %v %v", p, info, err)
			}
		})
		t.Run(open.name+" over a named pipe", func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "server.log")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
			err := withoutHanging(t, func() error {
				f, err := open.fn(p)
				if err == nil {
					f.Close()
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		t.Run(open.name+" over a folder", func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "server.log")
			os.Mkdir(p, 0o755)
			if _, err := open.fn(p); err == nil || !strings.Contains(err.Error(), "is a folder where sandcastle keeps a file") {
				t.Errorf("%v, want a refusal", err)
			}
		})
	}
	t.Run("Fresh empties a file of its own", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "server.log")
		write(t, p, "old run\n")
		f, err := Fresh(p)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if b, _ := os.ReadFile(p); len(b) != 0 {
			t.Errorf("%q left over", b)
		}
	})
}

func TestOwnDir(t *testing.T) {
	target := t.TempDir()
	state := filepath.Join(t.TempDir(), ".sandcastle")
	if err := os.Symlink(target, state); err != nil {
		t.Fatal(err)
	}
	err := OwnDir(state, false)
	if err == nil || !strings.HasPrefix(err.Error(), state+" is a symbolic link (to "+target+"), not sandcastle's own folder") {
		t.Errorf("a link refused: %v", err)
	}
	if err := OwnDir(state, true); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(state); err != nil || !info.IsDir() {
		t.Errorf("a link replaced: %v %v", info, err)
	}
	if err := OwnDir(filepath.Join(state, "a", "b"), false); err != nil {
		t.Errorf("a new folder: %v", err)
	}
}

func TestRegularOrMissing(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "state.db"), "")
	os.Symlink(outsideFile(t), filepath.Join(dir, "link.db"))
	for name, want := range map[string]string{"state.db": "", "missing.db": "", "link.db": "is a symbolic link (to "} {
		err := RegularOrMissing(filepath.Join(dir, name))
		if (err == nil) != (want == "") || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
}
