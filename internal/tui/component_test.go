package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// Every screen has the one shape the root drives.
var (
	_ child = (*mapModel)(nil)
	_ child = (*stepModel)(nil)
	_ child = (*consoleModel)(nil)
	_ child = (*langModel)(nil)
	_ child = (*helpModel)(nil)
)

// Letters read as one message reach the screen each was typed for: the
// root takes a screen's navigation before the next letter.
func TestKeysTypedAcrossANavigation(t *testing.T) {
	h := tiny(t)
	h.keys("enter")
	h.sees("step 1 of 1")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("qj")}) // q leaves the step, j moves the map's cursor
	h.sees("› · The best scores")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?x")}) // help opens, x closes it
	h.sees("› · The best scores")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("qq")}) // the map quits at the first q
	if !h.quit {
		t.Error("q on the map did not quit")
	}
}

// What the console returns after the learner has gone back to the step
// still reaches the console: it no longer says a statement is running.
func TestConsoleOutcomeAfterLeavingIt(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "x", "esc")
	h.sees("your files: schema.sql")
	h.m.console.running = true // a statement was running when esc went back
	h.send(consoleResultMsg{prompt: "sql> "})
	if h.m.console.running {
		t.Error("the console's result went to the step: the console still runs a statement")
	}
	h.sees("your files: schema.sql")
}

// The step's files and hints come from the session in a message; one for
// a step since left changes nothing.
func TestStepLoadedForAnotherStep(t *testing.T) {
	h := tiny(t)
	h.keys("enter")
	h.sees("your files: schema.sql")
	h.send(stepLoadedMsg{step: "queries/top", files: []string{"elsewhere.sql"}})
	h.sees("your files: schema.sql")
}

// e before the step's files have come says so, instead of "no files".
func TestEditBeforeTheFilesCame(t *testing.T) {
	h := tiny(t)
	sh := h.m.sh
	m := newStepModel(sh)
	m.open(sh.course.Steps()[0]) // its stepLoadedMsg is not delivered
	if cmd := m.edit(sh); cmd != nil {
		t.Error("e ran something before the step's files came")
	}
	if !strings.Contains(sh.notice, "still being read") {
		t.Errorf("e says %q", sh.notice)
	}
}
