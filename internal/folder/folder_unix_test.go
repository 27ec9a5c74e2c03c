//go:build unix

package folder

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestFolderReadsOnlyRegularFilesInside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "passwd")
	write(t, outside, "root:x:0:0::/root:/bin/sh\n")
	tests := []struct {
		name string
		kind Kind
		make func(t *testing.T, path string)
		want string // "" when the file reads
	}{
		{"a regular file", LearnerFiles, func(t *testing.T, p string) { write(t, p, "SELECT 1;") }, ""},
		{"a link that stays inside", LearnerFiles, func(t *testing.T, p string) {
			write(t, filepath.Join(filepath.Dir(p), "real.sql"), "SELECT 1;")
			if err := os.Symlink("real.sql", p); err != nil {
				t.Fatal(err)
			}
		}, ""},
		{"a link out of the folder", CourseFiles, func(t *testing.T, p string) {
			if err := os.Symlink(outside, p); err != nil {
				t.Fatal(err)
			}
		}, "f is a symbolic link to " + outside + ", outside the course folder: sandcastle never follows a link out of it; put the file itself there"},
		{"a named pipe", LearnerFiles, func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "f is a named pipe (FIFO), not a regular file: sandcastle reads only regular files from the workspace; put a regular file there (or remove it)"},
		{"a link to a named pipe inside", CourseFiles, func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p+".fifo", 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("f.fifo", p); err != nil {
				t.Fatal(err)
			}
		}, "f is a named pipe (FIFO), not a regular file: sandcastle reads only regular files from the course folder; put a regular file there (or remove it)"},
		{"a socket", LearnerFiles, func(t *testing.T, p string) {
			l, err := net.Listen("unix", p)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { l.Close() })
		}, "f is a socket, not a regular file"},
		{"a device", LearnerFiles, func(t *testing.T, p string) {
			if os.Geteuid() != 0 {
				t.Skip("making a device node needs root")
			}
			if err := syscall.Mknod(p, syscall.S_IFCHR|0o644, 1<<8|3); err != nil { // /dev/null's numbers
				t.Fatal(err)
			}
		}, "f is a character device, not a regular file"},
		{"a learner's file over the size", LearnerFiles, func(t *testing.T, p string) {
			write(t, p, strings.Repeat("x", 1<<20+1))
		}, "f is over 1 MiB (the most sandcastle reads of a file in your workspace): make it smaller"},
		{"a learner's file of the size", LearnerFiles, func(t *testing.T, p string) { write(t, p, strings.Repeat("x", 1<<20)) }, ""},
		{"a course file over the size", CourseFiles, func(t *testing.T, p string) {
			write(t, p, strings.Repeat("x", 8<<20+1))
		}, "f is over 8 MiB (the most sandcastle reads of a course file): split it into smaller lessons"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.make(t, filepath.Join(dir, "f"))
			fsys, err := Open(dir, tt.kind)
			if err != nil {
				t.Fatal(err)
			}
			defer fsys.Close()
			var data []byte
			err = withoutHanging(t, func() (err error) {
				data, err = fs.ReadFile(fsys, "f")
				return err
			})
			openErr := withoutHanging(t, func() error {
				f, err := fsys.Open("f")
				if err == nil {
					f.Close()
				}
				return err
			})
			if tt.want == "" {
				if err != nil || openErr != nil {
					t.Fatalf("read: %v, open: %v; want the file", err, openErr)
				}
				if len(data) == 0 {
					t.Error("read nothing")
				}
				return
			}
			var fe *Error
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("read: %v\nwant: %s", err, tt.want)
			}
			if openErr == nil || !strings.HasPrefix(openErr.Error(), tt.want) {
				t.Errorf("open: %v\nwant: %s", openErr, tt.want)
			}
		})
	}
}
