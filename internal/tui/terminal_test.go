package tui

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/termtext/termtexttest"
)

// hostileHarness drives the TUI in a workspace of termtexttest's hostile
// course, with the course past lint.
func hostileHarness(t *testing.T, look Look) *harness {
	t.Helper()
	dir, open := termtexttest.Workspace(t)
	s, err := open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m, err := New(context.Background(), Options{Session: s, Look: look})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, m: m, dir: dir}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 60})
	return h
}

// sgr matches every SGR sequence: lipgloss styles with nothing else.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// TestHostileCourseText: no screen of the TUI shows a course's escapes, C1
// controls or bidi controls, in colour (only the styles lipgloss added) or
// without (no escape at all); the text shows, made visible.
func TestHostileCourseText(t *testing.T) {
	for name, look := range map[string]Look{
		"no colour": {Profile: termenv.Ascii},
		"colour":    {Profile: termenv.TrueColor, Dark: true},
	} {
		t.Run(name, func(t *testing.T) {
			h := hostileHarness(t, look)
			var ours *regexp.Regexp
			if look.Profile != termenv.Ascii {
				ours = sgr
			}
			screen := func(what string, keys ...string) {
				t.Helper()
				h.keys(keys...)
				view := h.m.View()
				if found, ok := termtexttest.Find(view, ours); ok {
					t.Errorf("%s: the view shows %s", what, found)
				}
				if ours != nil && !sgr.MatchString(view) {
					t.Errorf("%s: the view has lost its styling", what)
				}
			}
			screen("course map")
			screen("step", "enter")
			if !strings.Contains(ansi.Strip(h.m.View()), "␛]52;c;") {
				t.Errorf("the step's text is not shown, made visible:\n%s", ansi.Strip(h.m.View()))
			}
			copiedHostile(t, h)
			screen("hint", "h")
			screen("solution", "s", "y")
			screen("failing check", "c")
			if err := os.WriteFile(filepath.Join(h.dir, "schema.sql"), []byte("CREATE TABLE t (x);"), 0o644); err != nil {
				t.Fatal(err)
			}
			screen("passed check", "c")
			screen("next step", "n")
			screen("trust prompt", "c")
			if !strings.Contains(ansi.Strip(h.m.View()), "echo '␛]52;c;") {
				t.Errorf("the trust prompt does not show the sh check, made visible:\n%s", ansi.Strip(h.m.View()))
			}
			screen("help", "?")
			screen("console", "esc", "x")
			screen("course map after", "esc", "q")
			h.send(tea.QuitMsg{})
			if found, ok := termtexttest.Find(h.m.Summary(), nil); ok {
				t.Errorf("the summary shows %s", found)
			}
		})
	}
}

// TestViewsKeepTheirStyling: the screens' own escapes are SGR only, so
// View's last line of defence leaves every one of them as it is.
func TestViewsKeepTheirStyling(t *testing.T) {
	h := newHarnessLook(t, "../../testdata/courses/tiny", "", Look{Profile: termenv.TrueColor, Dark: true})
	for _, keys := range [][]string{{}, {"enter"}, {"c"}, {"h"}, {"s", "y"}, {"?"}, {"esc", "x"}, {"s", "e", "l", "enter"}} {
		h.keys(keys...)
		view := h.m.screenView()
		if !sgr.MatchString(view) {
			t.Fatalf("after %v the view has no styling to keep", keys)
		}
		if got := termtext.Styled(view, termtext.SGR); got != view {
			t.Errorf("after %v View changes the screen's own escapes:\n%q\nwas\n%q", keys, got, view)
		}
	}
}

// copiedHostile copies the step's code block, which holds the hostile
// text: the file and the clipboard get it made visible, with no escape.
func copiedHostile(t *testing.T, h *harness) {
	t.Helper()
	var clip bytes.Buffer
	h.m.sh.clipboard = &clip
	h.keys("y")
	copied, err := filepath.Glob(filepath.Join(h.dir, ".sandcastle", "copied", "*"))
	if err != nil || len(copied) != 1 {
		t.Fatalf("copied files %v, %v", copied, err)
	}
	got, err := os.ReadFile(copied[0])
	if err != nil {
		t.Fatal(err)
	}
	seq := strings.TrimSuffix(strings.TrimPrefix(clip.String(), "\x1b]52;c;"), "\a")
	payload, err := base64.StdEncoding.DecodeString(seq)
	if err != nil {
		t.Fatalf("clipboard %q: %v", clip.String(), err)
	}
	for what, text := range map[string]string{"file": string(got), "clipboard": string(payload)} {
		if !strings.Contains(text, "␛]52;c;") || strings.ContainsRune(text, 0x1b) {
			t.Errorf("the %s got %q", what, text)
		}
	}
}
