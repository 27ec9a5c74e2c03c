//go:build unix

package workspace

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileCourse copies the tiny course into a folder and lets spoil change
// its second lesson.
func hostileCourse(t *testing.T, spoil func(lesson string)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "course")
	if err := os.CopyFS(dir, os.DirFS(tinyRef(t))); err != nil {
		t.Fatal(err)
	}
	lesson := filepath.Join(dir, "02-queries.md")
	if err := os.Remove(lesson); err != nil {
		t.Fatal(err)
	}
	spoil(lesson)
	return dir
}

// loadWithin loads a course, failing the test if loading has not returned
// in 20 s (opening a named pipe waits for a writer forever).
func loadWithin(t *testing.T, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := LoadCourse(context.Background(), dir, "")
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("loading the course still waits after 20 s: it hangs")
		return nil
	}
}

// TestCourseFilesAreRegularFilesInside: a lesson that is a link out of the
// course folder is never read (a course could show the learner's files to
// whoever sees its output); a lesson that is a named pipe never hangs.
func TestCourseFilesAreRegularFilesInside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:SECRET:/root:/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		spoil func(t *testing.T, lesson string)
		want  string
	}{
		{"a lesson linked out of the folder", func(t *testing.T, lesson string) {
			if err := os.Symlink(secret, lesson); err != nil {
				t.Fatal(err)
			}
		}, `course.yaml:7: cannot read lesson file "02-queries.md": 02-queries.md is a symbolic link to ` + secret + `, outside the course folder`},
		{"a lesson that is a named pipe", func(t *testing.T, lesson string) {
			if err := syscall.Mkfifo(lesson, 0o644); err != nil {
				t.Fatal(err)
			}
		}, `course.yaml:7: cannot read lesson file "02-queries.md": 02-queries.md is a named pipe (FIFO), not a regular file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := hostileCourse(t, func(lesson string) { tt.spoil(t, lesson) })
			err := loadWithin(t, dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("LoadCourse: %v\nwant a problem: %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("the message shows the file outside: %v", err)
			}
		})
	}
}

// TestLearnerFilesAreRegularFiles: a learner's file that is a named pipe
// never hangs a check, and one over the size is refused with the size.
func TestLearnerFilesAreRegularFiles(t *testing.T) {
	w := newWorkspace(t)
	schema := filepath.Join(w.Root, "schema.sql")
	os.Remove(schema)
	if err := syscall.Mkfifo(schema, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(w.Root, "big.sql")
	if err := os.WriteFile(big, make([]byte, 1<<20+1), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"schema.sql": "schema.sql is a named pipe (FIFO), not a regular file",
		"big.sql":    "big.sql is over 1 MiB",
	} {
		done := make(chan error, 1)
		go func() {
			_, err := fs.ReadFile(w.Files(), name)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("read %s: %v, want %s", name, err, want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("reading %s still waits after 20 s: it hangs", name)
		}
	}
	// Reset backs up the learner's file before it replaces it: it must not
	// hang on a named pipe either.
	done := make(chan error, 1)
	go func() {
		_, err := w.Put(w.NewBackup(), map[string]string{"schema.sql": "CREATE TABLE t (x);\n"})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("Put over a named pipe: %v, want a refusal that says what it is", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Put over a named pipe still waits after 20 s: it hangs")
	}
}
