package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/lessons"
)

// TestResultsFullScreen: z shows the results over the whole body, with a
// footer that says how to scroll and go back, down to 60 columns; q and
// esc go back to the step, not to the map.
func TestResultsFullScreen(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: 60, Height: 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.Width, size.Height), func(t *testing.T) {
			h := tiny(t)
			h.send(size)
			h.keys("enter", "c")
			h.sees("0 of 2 checks passed", "z full screen")
			h.keys("z")
			h.sees("results, full screen", "0 of 2 checks passed", "✗ scores has the columns id, player and score", "↑↓ pgdn scroll", "q/esc back", "? help")
			if strings.Contains(h.view(), "Every game needs somewhere") {
				t.Errorf("the prose is still shown:\n%s", h.view())
			}
			for _, line := range strings.Split(h.view(), "\n") {
				if w := ansi.StringWidth(line); w > size.Width {
					t.Errorf("a line of %d cells: %q", w, line)
				}
			}
			if n := strings.Count(h.view(), "\n") + 1; n > size.Height {
				t.Errorf("%d lines on a screen of %d:\n%s", n, size.Height, h.view())
			}
			h.keys("esc")
			h.sees("Every game needs somewhere", "0 of 2 checks passed")
			h.keys("z", "q")
			h.sees("Every game needs somewhere")
			h.keys("z", "z")
			h.sees("Every game needs somewhere")
		})
	}
}

// TestResultsFullScreenScrolls: a long result is read to its end.
func TestResultsFullScreenScrolls(t *testing.T) {
	h := tiny(t)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.keys("enter", "c")
	m := h.m.step
	m.info = strings.Repeat("a line of a long traceback\n", 60) + "the last line"
	h.m.step = m
	h.keys("z")
	if strings.Contains(h.view(), "the last line") {
		t.Fatalf("the end shows before scrolling:\n%s", h.view())
	}
	h.keys("G")
	h.sees("the last line")
	h.keys("g")
	h.sees("0 of 2 checks passed")
}

// TestFocusBackOnTheProseAfterACheck: the arrows scroll the lesson again
// once a new check is in.
func TestFocusBackOnTheProseAfterACheck(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "tab")
	h.sees("results (scrolling)")
	h.keys("c")
	h.sees("0 of 2 checks passed", "tab results")
	if h.m.step.focusResults {
		t.Error("the results still have the focus after a check")
	}
}

// TestServerLogFullScreen: l shows the server's whole log, from its end,
// with what the server printed made printable; a step with no server says
// it has no log.
func TestServerLogFullScreen(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "l")
	h.sees("does not run your server")

	h = newHarness(t, "../../testdata/courses/web", "python")
	h.keys("enter", "l")
	h.sees("No server log yet: press c")
	h.keys("c", "t")
	h.sees("Wrong status: expected 201 Created")
	log := h.m.step.logFile
	if log == "" {
		t.Fatal("the check kept no log")
	}
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "request %d\n", i)
	}
	b.WriteString("the end \x1b]52;c;aGk=\a of the log\n")
	if err := os.WriteFile(log, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	h.keys("l")
	h.sees("server log: "+filepath.Join(".sandcastle", "server.log"), "the end", "of the log", "z results")
	if strings.Contains(h.m.View(), "\x1b]52") {
		t.Error("an escape the server printed reached the screen")
	}
	h.keys("g")
	h.sees("request 0")
	h.keys("z")
	h.sees("results, full screen", "Wrong status")
	h.keys("esc")
	h.sees("Save a score")
}

// TestStudentBuildHasNoSolution: s in a student build says, in full, that
// the instructor kept the solutions, and asks nothing.
func TestStudentBuildHasNoSolution(t *testing.T) {
	files, err := lessons.StudentBuild(os.DirFS("../../testdata/courses/tiny"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, dir, "")
	h.keys("enter", "s")
	h.sees("Your instructor kept the solutions of this course")
	if h.m.step.confirm != confirmNone {
		t.Error("s asks to show a solution the build does not have")
	}
}
