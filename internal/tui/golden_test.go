package tui

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// The golden tests run the real Bubble Tea program at a fixed size and
// colour profile (no colour), and compare its last screen with
// testdata/*.golden (refresh with go test -update). The workspace's folder
// is replaced by WORKSPACE, and trailing blanks trimmed, so the files do not
// depend on where tests run.

func goldenProgram(t *testing.T) (*teatest.TestModel, string) {
	t.Helper()
	dir := t.TempDir()
	course, _ := filepath.Abs("../../testdata/courses/tiny")
	ws, _, err := workspace.Init(context.Background(), dir, course, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.New(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	clock := func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }
	m, err := New(context.Background(), Options{Session: s, Look: Look{Profile: termenv.Ascii, Dark: true}, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	return tm, dir
}

// waitFor waits until the program has drawn text.
func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func keyMsg(k string) tea.KeyMsg {
	if k == "enter" {
		return tea.KeyMsg{Type: tea.KeyEnter}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func finalScreen(t *testing.T, tm *teatest.TestModel, dir string) []byte {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
	lines := strings.Split(strings.ReplaceAll(view, dir, "WORKSPACE"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ") // padding depends on the folder's length
	}
	return []byte(strings.Join(lines, "\n"))
}

func TestGoldenCourseMap(t *testing.T) {
	tm, dir := goldenProgram(t)
	waitFor(t, tm, "Create the scores table")
	golden.RequireEqual(t, finalScreen(t, tm, dir))
}

func TestGoldenFailingCheck(t *testing.T) {
	tm, dir := goldenProgram(t)
	waitFor(t, tm, "Create the scores table")
	tm.Send(keyMsg("enter"))
	waitFor(t, tm, "Not checked yet")
	tm.Send(keyMsg("c"))
	waitFor(t, tm, "0 of 2 pass")
	golden.RequireEqual(t, finalScreen(t, tm, dir))
}

func TestGoldenPassedStep(t *testing.T) {
	tm, dir := goldenProgram(t)
	waitFor(t, tm, "Create the scores table")
	writeFile(t, dir, "schema.sql", tinySchema)
	tm.Send(keyMsg("enter"))
	waitFor(t, tm, "Not checked yet")
	tm.Send(keyMsg("c"))
	waitFor(t, tm, "Step passed!")
	golden.RequireEqual(t, finalScreen(t, tm, dir))
}
