package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// The benchmarks time what the TUI does for one key press: Update, then
// View, the work Bubble Tea does before it writes a frame. They run on the
// built-in course at 80x24, driven by the tests' harness, in no colour (the
// harness's profile) and in 256 colours (an xterm's). Keys alternate down
// and up, so every press moves something. They assert no timings;
// docs/performance.md records their figures.

func newBenchHarness(b *testing.B, profile termenv.Profile) *harness {
	b.Helper()
	return newHarnessLook(b, workspace.BuiltinRef, "go", Look{Profile: profile, Dark: true})
}

var benchProfiles = []struct {
	name    string
	profile termenv.Profile
}{
	{"ascii", termenv.Ascii},
	{"256colors", termenv.ANSI256},
}

// pressKeys times Update with down and up in turn, then View; pos is
// what the keys move.
func pressKeys(b *testing.B, h *harness, pos func(Model) int) {
	keys := []tea.KeyMsg{{Type: tea.KeyDown}, {Type: tea.KeyUp}}
	before := pos(h.m)
	h.send(keys[0])
	if pos(h.m) == before {
		b.Fatal("down moved nothing")
	}
	h.send(keys[1])
	b.ReportAllocs()
	var view string
	i := 0
	for b.Loop() {
		h.send(keys[i%2])
		view = h.m.View()
		i++
	}
	if view == "" {
		b.Fatal("no view")
	}
}

// BenchmarkMapKey is a key on the course map.
func BenchmarkMapKey(b *testing.B) {
	for _, p := range benchProfiles {
		b.Run(p.name, func(b *testing.B) {
			h := newBenchHarness(b, p.profile)
			h.sees("Your first query")
			pressKeys(b, h, func(m Model) int { return m.cmap.cursor })
		})
	}
}

// BenchmarkStepKey is a key that scrolls the prose of the first step,
// with a failing check in the results pane.
func BenchmarkStepKey(b *testing.B) {
	for _, p := range benchProfiles {
		b.Run(p.name, func(b *testing.B) {
			h := newBenchHarness(b, p.profile)
			h.keys("enter", "c")
			h.sees("0 of 1 checks passed")
			pressKeys(b, h, func(m Model) int { return m.step.prose.YOffset })
		})
	}
}

// BenchmarkRenderProse renders the text of a long step with server code
// (Go, at 80 columns) as the TUI does off its loop (internal/markdown), in
// no colour and in 256 colours.
func BenchmarkRenderProse(b *testing.B) {
	c, _, err := lessons.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	step, ok := c.Step("safe-from-injection/search-by-player")
	if !ok {
		b.Fatal("no step safe-from-injection/search-by-player")
	}
	md := stepMarkdown(c, step, "go")
	for _, p := range benchProfiles {
		b.Run(p.name, func(b *testing.B) {
			rc := newRenderCache(newStyles(Look{Profile: p.profile, Dark: true}))
			b.ReportAllocs()
			for b.Loop() {
				rc.renderNow(md, 80, 0)
			}
		})
	}
}
