package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
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

func TestProseCodeWrapsUnderItself(t *testing.T) {
	md := "Some text to read first.\n\n```go\nfunc main() {\n\tjson.NewEncoder(w).Encode(map[string]string{\"version\": \"1.0\", \"name\": \"score-keeper\"})\n}\n```\n\nAfter."
	rc := newRenderCache(newStyles(Look{}))
	width := 44
	got := ansi.Strip(rc.renderNow(wrapCode(md, width-codeMargin), width))
	if strings.Contains(got, "\t") {
		t.Errorf("a tab reached the screen:\n%s", got)
	}
	lines := strings.Split(got, "\n")
	var code []string
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line of %d cells in %d: %q", w, width, l)
		}
		if strings.HasPrefix(strings.TrimSpace(l), "json.") || strings.Contains(l, "score-keeper") || strings.Contains(l, "\"1.0\"") {
			code = append(code, l)
		}
	}
	// The long line starts under func's body and its continuations sit
	// deeper still, not back at the text's margin.
	if len(code) < 2 {
		t.Fatalf("the long code line did not wrap:\n%s", got)
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	for _, l := range code[1:] {
		if indent(l) <= indent(code[0]) {
			t.Errorf("continuation %q not indented past %q", l, code[0])
		}
	}
	if all := strings.Join(strings.Fields(got), " "); !strings.Contains(all, `"name": "score-keeper"})`) {
		t.Errorf("code lost:\n%s", got)
	}
}

func TestProseCodeThatFitsStaysWhole(t *testing.T) {
	rc := newRenderCache(newStyles(Look{}))
	for _, width := range []int{50, 80, 100} {
		// Words, so that glamour could break the line between them.
		line := strings.Repeat("ab ", width)[:width-codeMargin-1] + "z"
		got := ansi.Strip(rc.renderNow(wrapCode("text\n\n```sql\n"+line+"\n```\n", width-codeMargin), width))
		n := 0
		for _, l := range strings.Split(got, "\n") {
			if strings.Contains(l, "ab") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("width %d: a code line of %d cells took %d lines:\n%s", width, len(line), n, got)
		}
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
		got := ansi.Strip(rc.renderNow("Intro.\n\n## Save a score\n\nText with `code`, here.", 60))
		if strings.Contains(got, "#") || !strings.Contains(got, "Save a score") {
			t.Errorf("dark %v: %q", look.Dark, got)
		}
		if !strings.Contains(got, "code, here") {
			t.Errorf("dark %v: inline code still padded: %q", look.Dark, got)
		}
	}
}

func TestCodeWrapsAfterBracketsNotInsideNames(t *testing.T) {
	md := "```go\n\tjson.NewEncoder(w).Encode(map[string]string{\"version\": \"1.0\"})\n```"
	for _, width := range []int{46, 56} {
		got := wrapCode(md, width)
		for _, piece := range []string{"NewEncoder", "Encode", "string]string", "\"version\":"} {
			if !strings.Contains(got, piece) {
				t.Errorf("width %d: %q was broken apart:\n%s", width, piece, got)
			}
		}
	}
}
