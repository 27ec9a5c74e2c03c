package tui

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/markdown"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// codeStep is a step with long lines of server code.
const codeStepID = "safe-from-injection/search-by-player"

// codeModel is a model on a workspace of the built-in course in Go, caught
// up to codeStepID and with it current, so that the map opens it.
func codeModel(t *testing.T, look Look) (Model, string, *lessons.Step) {
	t.Helper()
	s, dir := newSession(t, workspace.BuiltinRef, "go")
	step, ok := s.Course.Step(codeStepID)
	if !ok {
		t.Fatalf("no step %s", codeStepID)
	}
	// Caught up first, so that opening the step offers nothing.
	if _, err := s.CatchUp(context.Background(), step); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Goto(context.Background(), step); err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }
	m, err := New(context.Background(), Options{Session: s, Look: look, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	return m, dir, step
}

// longestBlock is the line of the step's code block of the most lines, as
// the prose lays out at width.
func longestBlock(m Model, step *lessons.Step, width int) int {
	doc := markdown.Render(stepMarkdown(m.sh.course, step, "go"), markdown.Options{Width: width, Profile: termenv.Ascii})
	best := doc.Code[0]
	for _, b := range doc.Code {
		if b.Lines > best.Lines {
			best = b
		}
	}
	return best.Line
}

// TestGoldenCodeStep shows a step with long code lines, scrolled to its
// longest block, at 60x20, 80x24 and 120x40, in no colour and in colour:
// every code line on one screen line, the long ones ending in the marker.
func TestGoldenCodeStep(t *testing.T) {
	for _, size := range []struct{ w, h int }{{60, 20}, {80, 24}, {120, 40}} {
		for name, look := range map[string]Look{"ascii": {Profile: termenv.Ascii, Dark: true}, "colour": {Profile: termenv.ANSI256, Dark: true}} {
			t.Run(strings.Join([]string{strconv.Itoa(size.w), strconv.Itoa(size.h), name}, "x"), func(t *testing.T) {
				m, dir, step := codeModel(t, look)
				proseW := size.w
				if size.w >= wide {
					proseW = size.w * 58 / 100
				}
				line := longestBlock(m, step, proseW)
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size.w, size.h))
				waitFor(t, tm, "Search by player")
				tm.Send(keyMsg("enter"))
				// The step is open and its prose rendered (the intro's
				// heading shows), so j scrolls it.
				waitFor(t, tm, "Names are only names")
				for range line {
					tm.Send(keyMsg("j"))
				}
				time.Sleep(100 * time.Millisecond)
				golden.RequireEqual(t, finalScreen(t, tm, dir))
			})
		}
	}
}

// TestCodeScrollsSideways: → shifts the code blocks so the end of a long
// line shows; ← brings them back; the prose does not move.
func TestCodeScrollsSideways(t *testing.T) {
	m, _, step := codeModel(t, Look{Profile: termenv.Ascii})
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.keys("enter")
	for range longestBlock(m, step, 60) {
		h.keys("j")
	}
	before := h.view()
	if !strings.Contains(before, markdown.ClipMarker) {
		t.Fatalf("no clipped line at 60 columns:\n%s", before)
	}
	h.send(tea.KeyMsg{Type: tea.KeyRight})
	after := h.view()
	if after == before || h.m.step.codeOffset != codeStep {
		t.Fatalf("→ did not shift the code (offset %d):\n%s", h.m.step.codeOffset, after)
	}
	for range 40 {
		h.send(tea.KeyMsg{Type: tea.KeyRight})
	}
	widest := 0
	for _, b := range h.m.step.doc.Code {
		widest = max(widest, b.Width)
	}
	if h.m.step.codeOffset != widest-60+1 {
		t.Errorf("offset %d at the end, want %d", h.m.step.codeOffset, widest-60+1)
	}
	for range 50 {
		h.send(tea.KeyMsg{Type: tea.KeyLeft})
	}
	if h.view() != before {
		t.Errorf("← did not bring the code back:\n%s\nwas\n%s", h.view(), before)
	}
}

// TestCopyCode: y copies the block nearest the top of the visible prose,
// as written, to the clipboard (OSC 52) and to a file it names.
func TestCopyCode(t *testing.T) {
	t.Setenv("TMUX", "")
	m, dir, step := codeModel(t, Look{Profile: termenv.Ascii})
	var clip bytes.Buffer
	m.sh.clipboard = &clip
	h := &harness{t: t, m: m, dir: dir}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.keys("enter")
	line := longestBlock(m, step, 80)
	for range line {
		h.keys("j")
	}
	h.keys("y")
	var block markdown.CodeBlock
	n := 0
	for i, b := range h.m.step.doc.Code {
		if b.Line == line {
			block, n = b, i+1
		}
	}
	name := ".sandcastle/copied/" + step.ID + "-" + strconv.Itoa(n) + ".go"
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatalf("%v; the screen:\n%s", err, h.view())
	}
	if string(got) != block.Source+"\n" || !strings.Contains(block.Source, "\t") {
		t.Errorf("copied\n%s\nwant the block as written, tabs and all:\n%s", got, block.Source)
	}
	if want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(block.Source)) + "\a"; clip.String() != want {
		t.Errorf("clipboard got %q, want %q", clip.String(), want)
	}
	// The results pane says it all; the footer as much as fits whole.
	h.sees("Code copied to the clipboard (if your terminal allows) and to", name+".", "copied to "+name+" and the clipboard")
	if v := ansi.Strip(h.m.View()); strings.Contains(v, "\x1b") {
		t.Errorf("an escape on the screen: %q", v)
	}
}
