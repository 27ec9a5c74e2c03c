package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// The help's descriptions wrap under their column, never cut with "…": a
// learner's trial at 80 and 60 columns read "it lists what the cours…"
// with no way to read the rest.
func TestHelpWrapsUnderTheDescriptions(t *testing.T) {
	for _, width := range []int{80, 60} {
		t.Run(fmt.Sprintf("%d columns", width), func(t *testing.T) {
			h := tiny(t)
			h.send(tea.WindowSizeMsg{Width: width, Height: 200}) // all of it on one screen
			h.keys("?")
			view := h.view()
			for _, l := range strings.Split(view, "\n") {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("line of %d cells: %q", w, l)
				}
				if strings.Contains(l, "…") {
					t.Errorf("a line is cut: %q", l)
				}
			}
			all := strings.Join(strings.Fields(view), " ")
			for _, desc := range []string{
				"trust the course, when a check asks: it lists what the course runs",
				"the server's whole log, full screen (after a check that ran it)",
				"copy the top code block (clipboard, .sandcastle/copied/)",
				".param set :NAME VALUE a value for a query's parameter",
			} {
				if !strings.Contains(all, desc) {
					t.Errorf("the help lacks %q:\n%s", desc, view)
				}
			}
			// A description's next line starts under its first word.
			lines := strings.Split(view, "\n")
			for i, l := range lines {
				if !strings.Contains(l, "trust the course") {
					continue
				}
				col := strings.Index(l, "trust the course")
				if next := lines[i+1]; strings.TrimSpace(next[:col]) != "" || next[col] == ' ' {
					t.Errorf("the description goes on at another column:\n%s\n%s", l, next)
				}
			}
		})
	}
}

// A notice longer than the footer wraps above the keys, never cut with
// "…", and the screen makes room for it.
func TestNoticesWrapAndKeepToTheWindow(t *testing.T) {
	long := "d shows what the solution changed; s shows the solution first."
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, screen := range []string{"step", "map", "console"} {
			t.Run(fmt.Sprintf("%s at %dx%d", screen, size[0], size[1]), func(t *testing.T) {
				h := tiny(t)
				h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				switch screen {
				case "step":
					h.keys("enter", "d")
				case "map":
					h.m.sh.say(long+" "+long, false)
					h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				case "console":
					h.keys("enter", "x")
					h.m.sh.say(long+" "+long, false)
				}
				view := h.view()
				lines := strings.Split(view, "\n")
				if len(lines) > size[1] {
					t.Errorf("%d lines in a window of %d:\n%s", len(lines), size[1], view)
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("line of %d cells: %q", w, l)
					}
					if strings.Contains(l, "…") && !strings.HasPrefix(l, "workspace: ") { // the map's folder, of the test's name
						t.Errorf("a line is cut: %q", l)
					}
				}
				if !strings.Contains(strings.Join(strings.Fields(view), " "), long) {
					t.Errorf("the notice is not whole:\n%s", view)
				}
				if screen == "step" && !strings.Contains(lines[0], "Tiny Scores ›") {
					t.Errorf("the header is not the first line:\n%s", view)
				}
			})
		}
	}
}
