package grade

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportIsWrittenWholeOrNotAtAll(t *testing.T) {
	broken := errors.New("the disk is full")
	for _, tc := range []struct {
		name   string
		before string // "" for no file
		write  func(io.Writer) error
		err    error
		after  string
	}{
		{"a new report", "", func(w io.Writer) error { _, err := io.WriteString(w, "<all/>"); return err }, nil, "<all/>"},
		{"a report replaced", "<old/>", func(w io.Writer) error { _, err := io.WriteString(w, "<new/>"); return err }, nil, "<new/>"},
		{"a write that fails halfway leaves no file", "", func(w io.Writer) error {
			io.WriteString(w, "<half")
			return broken
		}, broken, ""},
		{"a write that fails halfway leaves the old report", "<old/>", func(w io.Writer) error {
			io.WriteString(w, "<half")
			return broken
		}, broken, "<old/>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "grades.xml")
			if tc.before != "" {
				os.WriteFile(path, []byte(tc.before), 0o600)
			}
			r := Report{Path: path}
			if err := r.Check(); err != nil {
				t.Fatal(err)
			}
			if err := r.Write(tc.write); !errors.Is(err, tc.err) {
				t.Errorf("Write: %v, want %v", err, tc.err)
			}
			got, err := os.ReadFile(path)
			if tc.after == "" && !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a report was left: %q", got)
			}
			if tc.after != "" && string(got) != tc.after {
				t.Errorf("report %q, want %q", got, tc.after)
			}
			entries, _ := os.ReadDir(dir)
			if want := min(len(tc.before)+len(tc.after), 1); len(entries) != want {
				t.Errorf("the folder holds %v, want %d file", entries, want)
			}
			if info, err := os.Stat(path); err == nil && tc.before != "" && info.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want the old report's 0600", info.Mode())
			}
		})
	}
}

func TestReportInAMissingFolder(t *testing.T) {
	r := Report{Path: filepath.Join(t.TempDir(), "nofolder", "grades.xml")}
	for _, err := range []error{r.Check(), r.Write(func(io.Writer) error { return nil })} {
		if err == nil || !strings.Contains(err.Error(), "cannot create a file in") || !errors.Is(err, os.ErrNotExist) {
			t.Errorf("got %v, want it to say where it cannot create a file", err)
		}
	}
}
