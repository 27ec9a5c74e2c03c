package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/sandcastle/sandcastle/internal/check"
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
