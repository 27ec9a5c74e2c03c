package tui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/markdown"
)

func TestBlockWrapsCodeAndKeepsTables(t *testing.T) {
	text := "The check ran:\n" +
		"    SELECT player, score FROM scores WHERE game_id = 1 ORDER BY score DESC LIMIT 10;\n" +
		"| player | score | a column too wide for the window |\n" +
		"- | ada    | 120   | x |"
	got := block(text, 40, "  ")
	lines := strings.Split(got, "\n")
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line of %d cells in 40: %q", w, l)
		}
	}
	// Every word of the code is on the screen, its continuation under it.
	all := strings.Join(strings.Fields(got), " ")
	if !strings.Contains(all, "ORDER BY score DESC LIMIT 10;") {
		t.Errorf("code lost off the edge:\n%s", got)
	}
	if len(lines) < 5 || !strings.HasPrefix(lines[2], "      ") {
		t.Errorf("code continuation not under the code:\n%s", got)
	}
	// A table row is cut, not wrapped, so its columns stay aligned.
	if !strings.HasPrefix(lines[len(lines)-2], "  | player | score") || !strings.HasSuffix(lines[len(lines)-2], "…") {
		t.Errorf("table row not kept whole on one line:\n%s", got)
	}
}

func TestHintParagraphs(t *testing.T) {
	body := "Answer with `writeJSON(w, 404,\nmap[string]string{\"error\": \"not found\"})`.\nThen return.\n\n    code line\n| a | b |\nLast words."
	got := hintParagraphs(body)
	want := []string{
		"Answer with `writeJSON(w, 404, map[string]string{\"error\": \"not found\"})`. Then return.",
		"    code line",
		"| a | b |",
		"Last words.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("hintParagraphs = %q\nwant %q", got, want)
	}
}

func TestCodeSpanAcrossLinesIsNotPadded(t *testing.T) {
	st := newStyles(Look{Profile: termenv.ANSI256, Dark: true})
	text := hanging("1. ", "Answer with `writeJSON(w, http.StatusNotFound, map[string]string{\"error\": \"not found\"})`.", 40, 3)
	for _, l := range strings.Split(ansi.Strip(codeSpans(st, text)), "\n") {
		if strings.Contains(l, "  .") || strings.HasSuffix(l, " ") {
			t.Errorf("padded line %q in:\n%s", l, ansi.Strip(codeSpans(st, text)))
		}
	}
}

func TestHeadingsInColourHaveNoMarks(t *testing.T) {
	for _, look := range []Look{{Profile: termenv.ANSI256, Dark: true}, {Profile: termenv.ANSI256}} {
		rc := newRenderCache(newStyles(look))
		got := ansi.Strip(rc.renderNow("Intro.\n\n## Save a score\n\nText with `code`, here.", 60, 0).Text)
		if strings.Contains(got, "#") || !strings.Contains(got, "Save a score") {
			t.Errorf("dark %v: %q", look.Dark, got)
		}
		if !strings.Contains(got, "code, here") {
			t.Errorf("dark %v: inline code still padded: %q", look.Dark, got)
		}
	}
}

func TestChecksShowWhatALoadCheckMeasured(t *testing.T) {
	measured := "50 requests, 10 at a time, in 412ms; answers took median 9ms, p95 22ms, max 40ms."
	checks := []check.CheckResult{
		{Title: "50 players save a score at once", Status: check.Pass, Measured: measured},
		{Title: "the server answers", Status: check.Pass},
	}
	got := ansi.Strip(checksText(newStyles(Look{Profile: termenv.Ascii, Dark: true}), checks, 40))
	for _, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line of %d cells in 40: %q", w, l)
		}
	}
	if all := strings.Join(strings.Fields(got), " "); !strings.Contains(all, "✓ 50 players save a score at once "+measured+" ✓ the server answers") {
		t.Errorf("the figures are not under their check:\n%s", got)
	}
}

// The wrapper breaks only at spaces: a path, a flag or a word with a hyphen
// is never split, as a learner copies them (a trial wrapped
// ".../sandcastle/score-" and "keeper/warmup.sql" on two lines).
func TestWrapNeverSplitsAWord(t *testing.T) {
	path := "/tmp/trialA-home/.local/share/sandcastle/score-keeper/warmup.sql"
	for _, tc := range []struct {
		name  string
		text  string
		width int
		want  []string // lines, or a line's part, that must show whole
	}{
		{name: "a path that fits", text: "No editor to open: neither is installed. Open " + path + " in the editor you use.",
			width: 78, want: []string{path}},
		{name: "a hyphenated word", text: "Fill their files with the course's answers: they are recorded as caught-up steps, not passed.",
			width: 40, want: []string{"caught-up"}},
		{name: "a command in backticks that fits a line", text: "When it passes, run `sandcastle check --step queries/top` again.",
			width: 40, want: []string{"`sandcastle check --step queries/top`"}},
		{name: "a path wider than the line", text: "Open " + path + " in the editor you use.",
			width: 40, want: []string{ansi.Truncate(path, 39, "") + markdown.ClipMarker}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.text, tc.width)
			lines := strings.Split(got, "\n")
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > tc.width {
					t.Errorf("line of %d cells in %d: %q", w, tc.width, l)
				}
				if strings.HasSuffix(l, "-") {
					t.Errorf("a word split at its hyphen: %q", got)
				}
			}
			for _, w := range tc.want {
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, w) }) {
					t.Errorf("%q is not on one line:\n%s", w, got)
				}
			}
		})
	}
}

// A code span wider than a line breaks at its own spaces, as the lesson's
// text does: hints hold SQL of a few hundred characters.
func TestWrapBreaksALongCodeSpanAtItsSpaces(t *testing.T) {
	text := "Try `sandcastle sql \"SELECT player, score FROM scores WHERE player = 'o''brien' ORDER BY score DESC, id\"` and read the rows."
	got := wrap(text, 40)
	if all := strings.Join(strings.Fields(got), " "); all != text {
		t.Errorf("words lost or split:\n%s", got)
	}
	for _, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line of %d cells in 40: %q", w, l)
		}
	}
}

// The editor's note names the learner's files by their whole path: at 80
// and at 60 columns each path is on one line, or clipped, never split.
func TestEditorNoteKeepsPathsWhole(t *testing.T) {
	path := "/tmp/trialA-home/.local/share/sandcastle/score-keeper/warmup.sql"
	for _, width := range []int{80, 60} {
		h := tiny(t)
		h.send(tea.WindowSizeMsg{Width: width, Height: 40})
		h.keys("enter")
		h.send(editedMsg{note: noEditorNote([]string{path})})
		h.sees("No editor to open")
		if strings.Contains(h.view(), "score-\n") || strings.Contains(h.view(), "\nkeeper/warmup.sql") {
			t.Errorf("%d columns: the path is split at its hyphen:\n%s", width, h.view())
		}
		if width == 80 {
			h.sees(path)
		}
	}
}
