package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// The golden tests run the real Bubble Tea program at a fixed size and
// colour profile (no colour), and compare its last screen with
// testdata/*.golden (refresh with go test -update). The workspace's folder
// is replaced by WORKSPACE, and trailing blanks trimmed, so the files do not
// depend on where tests run.

func goldenProgram(t *testing.T) (*teatest.TestModel, string) {
	t.Helper()
	clock := func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }
	m, dir := newModel(t, "../../testdata/courses/tiny", "", Options{Look: Look{Profile: termenv.Ascii, Dark: true}, Now: clock})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	return tm, dir
}

// waitFor waits until the program has drawn text.
func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
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
	waitFor(t, tm, "0 of 2 checks passed")
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

// TestGoldenTrustPrompt: a server step of a course that is not trusted
// shows what the course runs, and t.
func TestGoldenTrustPrompt(t *testing.T) {
	clock := func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }
	m, dir := newModel(t, "../../testdata/courses/web", "python", Options{Look: Look{Profile: termenv.Ascii, Dark: true}, Now: clock})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "Save a score")
	tm.Send(keyMsg("enter"))
	waitFor(t, tm, "Not checked yet")
	tm.Send(keyMsg("c"))
	waitFor(t, tm, "trust the course")
	golden.RequireEqual(t, finalScreen(t, tm, dir))
}
