//go:build unix

package grade

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/internal/check"
)

// A FIFO in a workspace is never opened: grade does not hang on one that
// no step needs, and a step that needs one is an error that says why.
func TestGradeSkipsFIFOs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, solved)
	os.Remove(filepath.Join(dir, "queries/top.sql"))
	for _, name := range []string{"queries/top.sql", "notes"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	}
	done := make(chan Workspace, 1)
	go func() { done <- gradeOne(dir, Options{Course: tinyCourse(t)}) }()
	var w Workspace
	select {
	case w = <-done:
	case <-time.After(2 * time.Minute): // a guard against a hang, not a timing
		t.Fatal("grade hung on a FIFO")
	}
	if w.Passed() != 2 {
		t.Errorf("want the 2 steps without the FIFO passed: %+v", w)
	}
	for _, s := range w.Steps {
		if s.ID == "queries/the-best-scores" && (s.Status != check.Error || !strings.Contains(s.Message, "queries/top.sql is a named pipe (FIFO), not a regular file")) {
			t.Errorf("the step with the FIFO: %+v", s)
		}
	}
}
