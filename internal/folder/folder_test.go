package folder

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// withoutHanging runs read, failing the test if it has not returned in 20 s:
// reading a named pipe with no writer waits forever.
func withoutHanging(t *testing.T, read func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- read() }()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("the read is still waiting after 20 s: it hangs")
		return nil
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFolderIsAnFS: a folder of regular files reads as any fs.FS does.
func TestFolderIsAnFS(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "course.yaml"), "format: 1\n")
	write(t, filepath.Join(dir, "lessons", "01.md"), "# one\n")
	write(t, filepath.Join(dir, "empty"), "")
	fsys, err := Open(dir, CourseFiles)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	if err := fstest.TestFS(fsys, "course.yaml", "lessons/01.md", "empty"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(fsys, "missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := fs.ReadFile(fsys, "../x"); err == nil {
		t.Error("read ../x")
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{12: "12 bytes", 3 << 10: "3 KiB", 1 << 20: "1 MiB", 5<<20 + 1<<19: "5.5 MiB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
