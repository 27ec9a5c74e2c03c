package tui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// The benchmarks time what the TUI does for one key press: Update, then
// View, the work Bubble Tea does before it writes a frame. They run on the
// built-in course at 80x24, the way newHarness sets a model up, in no
// colour (the harness's profile) and in 256 colours (an xterm's). Keys
// alternate down and up, so every press moves something. They assert no
// timings; docs/performance.md records their figures.

// benchHarness is the harness of model_test.go for a benchmark: the same
// model, driven the same way (run is harness.run), held by a *testing.B.
type benchHarness struct {
	b *testing.B
	m Model
}

func newBenchHarness(b *testing.B, profile termenv.Profile) *benchHarness {
	b.Helper()
	ws, _, err := workspace.Init(context.Background(), b.TempDir(), workspace.BuiltinRef, "go")
	if err != nil {
		b.Fatal(err)
	}
	s, err := session.New(context.Background(), ws)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	m, err := New(context.Background(), Options{Session: s, Look: Look{Profile: profile, Dark: true}})
	if err != nil {
		b.Fatal(err)
	}
	h := &benchHarness{b: b, m: m}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

func (h *benchHarness) send(msg tea.Msg) {
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	h.run(cmd)
}

func (h *benchHarness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	default:
		if cmds, ok := sequence(msg); ok {
			for _, c := range cmds {
				h.run(c)
			}
			return
		}
		if pkg := reflect.TypeOf(msg).PkgPath(); strings.HasSuffix(pkg, "/spinner") || strings.HasSuffix(pkg, "/cursor") {
			return
		}
		h.send(msg)
	}
}

func (h *benchHarness) sees(want string) {
	h.b.Helper()
	if v := ansi.Strip(h.m.View()); !strings.Contains(v, want) {
		h.b.Fatalf("the screen lacks %q:\n%s", want, v)
	}
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
func pressKeys(b *testing.B, h *benchHarness, pos func(Model) int) {
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
			h.send(tea.KeyMsg{Type: tea.KeyEnter})
			h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
			h.sees("0 of 1 pass")
			pressKeys(b, h, func(m Model) int { return m.step.prose.YOffset })
		})
	}
}

// BenchmarkRenderProse renders the text of a long step with server code
// (Go, at 80 columns) as the TUI does off its loop: glamour alone, the
// baseline, then with the code wrapped first (wrapCode).
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
	for _, bc := range []struct {
		name string
		prep func(string) string
	}{
		{"glamour", func(s string) string { return s }},
		{"wrapCode+glamour", func(s string) string { return wrapCode(s, 80-codeMargin) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			rc := newRenderCache(newStyles(Look{Profile: termenv.ANSI256}))
			for b.Loop() {
				rc.renderNow(bc.prep(md), 80)
			}
		})
	}
}
