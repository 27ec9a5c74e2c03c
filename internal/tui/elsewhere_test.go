package tui

import (
	"context"
	"testing"

	"github.com/sandcastle/sandcastle/internal/session"
)

// elsewhere opens the session of the harness's workspace as another
// process would: `sandcastle check` in another terminal.
func (h *harness) elsewhere() *session.Session {
	h.t.Helper()
	s, err := session.Find(context.Background(), h.dir)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { s.Close() })
	return s
}

// checkElsewhere checks the current step in another process.
func (h *harness) checkElsewhere() {
	h.t.Helper()
	s := h.elsewhere()
	if _, err := s.Check(context.Background(), s.Current()); err != nil {
		h.t.Fatal(err)
	}
}

// A learner keeps the TUI open and runs `sandcastle check` in another
// terminal, as the lessons tell them to: the TUI shows the progress that
// check recorded, without running a check of its own (a trial saw "0/54"
// and the old ✗ results until c).
func TestProgressRecordedElsewhere(t *testing.T) {
	t.Run("a pass, on the step", func(t *testing.T) {
		h := tiny(t)
		h.keys("enter", "c")
		h.sees("0 of 2 checks passed", "✗ scores has the columns")
		at := h.m.step.checkedAt
		h.write("schema.sql", tinySchema)
		h.checkElsewhere()
		h.send(progressTickMsg{})
		h.sees("✓ passed", "Passed in another terminal", "see the results")
		h.lacks("0 of 2 checks passed", "✗ scores has the columns", "failing now")
		if h.m.step.checking || h.m.step.checkedAt != at {
			t.Error("the TUI ran a check of its own")
		}
		h.keys("esc")
		h.sees("1/3", "✓ Create the scores table")
		h.keys("enter", "c")
		h.sees("★ Step passed!")
		h.lacks("another terminal")
	})

	t.Run("a failure, on the step", func(t *testing.T) {
		h := tiny(t)
		h.keys("enter")
		h.sees("Not checked yet")
		h.checkElsewhere()
		h.send(progressTickMsg{})
		h.sees("Checked in another terminal: it did not pass", "see the results")
		h.lacks("✓ passed")
	})

	t.Run("a pass, on the map", func(t *testing.T) {
		h := tiny(t)
		h.sees("0/3")
		h.write("schema.sql", tinySchema)
		h.checkElsewhere()
		h.send(progressTickMsg{})
		h.sees("1/3", "✓ Create the scores table", "▶ The best scores")
	})

	t.Run("the TUI's own check", func(t *testing.T) {
		h := tiny(t)
		h.keys("enter", "c")
		h.sees("0 of 2 checks passed")
		if msg := h.m.sh.readProgress()().(progressReadMsg); msg.read {
			t.Error("the TUI read the progress again after its own check")
		}
		h.send(progressTickMsg{})
		h.sees("0 of 2 checks passed")
		h.lacks("another terminal")
	})
}
