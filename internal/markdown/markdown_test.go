package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/termtext"
)

func plain(md string, width int) []string {
	return strings.Split(Render(md, Options{Width: width, Profile: termenv.Ascii}).Text, "\n")
}

func colour(md string, width int) string {
	return Render(md, Options{Width: width, Profile: termenv.TrueColor, Dark: true}).Text
}

func TestInlineCodeKeepsItsPunctuation(t *testing.T) {
	md := "The columns are named `player`, `score`, `id`, and then `created_at`; each one (`id`) is kept: `x`."
	for width := 20; width <= 60; width++ {
		for _, text := range []string{strings.Join(plain(md, width), "\n"), ansi.Strip(colour(md, width))} {
			for _, l := range strings.Split(text, "\n") {
				if t0 := strings.TrimSpace(l); strings.HasPrefix(t0, ",") || strings.HasPrefix(t0, ";") ||
					strings.HasPrefix(t0, ".") || strings.HasPrefix(t0, ")") || strings.HasPrefix(t0, ":") {
					t.Errorf("width %d: a line starts with punctuation: %q in\n%s", width, l, text)
				}
				if ansi.StringWidth(l) > width {
					t.Errorf("width %d: %q is wider", width, l)
				}
			}
			for _, glued := range []string{"player,", "score,", "id,", "created_at;", "(id)", "x."} {
				if !strings.Contains(text, glued) {
					t.Errorf("width %d: %q is not whole in\n%s", width, glued, text)
				}
			}
		}
	}
}

func TestLongCodeSpanBreaksAtItsSpaces(t *testing.T) {
	md := "Answer with `writeJSON(w, http.StatusNotFound, map[string]string{\"error\": \"not found\"})`."
	lines := plain(md, 40)
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("%q is wider than 40", l)
		}
	}
	if got := strings.Join(lines, " "); !strings.Contains(got, `"not found"}).`) || !strings.Contains(got, "http.StatusNotFound,") {
		t.Errorf("the code span lost its words: %q", lines)
	}
}

func TestListsHangTheirLines(t *testing.T) {
	md := "- a first item whose words go on long enough to wrap twice at this width\n" +
		"  - a nested item that also wraps around at this narrow width\n" +
		"- second\n\n" +
		"1. numbered, and long enough to wrap around the width once\n" +
		"2. two\n"
	lines := plain(md, 30)
	want := []struct {
		prefix string
		n      int
	}{{"• ", 1}, {"  ", 2}, {"  ◦ ", 1}, {"    ", 2}, {"• second", 1}, {"", 1}, {"1. ", 1}, {"   ", 2}, {"2. two", 1}}
	i := 0
	for _, w := range want {
		for k := 0; k < w.n; k++ {
			if i >= len(lines) || !strings.HasPrefix(lines[i], w.prefix) || (w.prefix == "  " && strings.HasPrefix(lines[i], "  ◦")) {
				t.Fatalf("line %d should start %q:\n%s", i, w.prefix, strings.Join(lines, "\n"))
			}
			i++
		}
	}
	for _, l := range lines {
		if len(strings.TrimSpace(l)) > 0 && strings.Contains(l, "  ") && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "• ") {
			t.Errorf("ragged line %q", l)
		}
	}
}

func TestTables(t *testing.T) {
	md := "| column | holds |\n| ------ | ----- |\n| player | `ada` in capital letters, made with `upper()` |\n| total | her points |"
	lines := plain(md, 80)
	want := []string{
		"column │ holds",
		"───────┼──────────────────────────────────────────",
		"player │ ada in capital letters, made with upper()",
		"total  │ her points",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("table at 80:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	narrow := plain(md, 30)
	for _, l := range narrow {
		if ansi.StringWidth(l) > 30 {
			t.Errorf("%q is wider than 30", l)
		}
		if !strings.Contains(l, "│") && !strings.Contains(l, "┼") {
			t.Errorf("a row lost its columns: %q", l)
		}
		if i := strings.IndexAny(l, "│┼"); i < 0 || ansi.StringWidth(l[:i]) != len("column ") {
			t.Errorf("columns not aligned: %q", l)
		}
	}
	for _, l := range plain("| a | b | c | d | e | f | g |\n|---|---|---|---|---|---|---|\n| one | two | three | four | five | six | seven |", 20) {
		if ansi.StringWidth(l) > 20 {
			t.Errorf("a table of seven columns at 20: %q", l)
		}
	}
	if len(narrow) <= len(want) {
		t.Errorf("no cell wrapped at 30:\n%s", strings.Join(narrow, "\n"))
	}
}

func TestHeadingsHaveNoMarks(t *testing.T) {
	md := "# Lesson\n\nText.\n\n## Step\n\n### Part\n\nMore."
	for _, text := range []string{strings.Join(plain(md, 40), "\n"), ansi.Strip(colour(md, 40))} {
		want := "Lesson\n══════\n\nText.\n\nStep\n────\n\nPart\n\nMore."
		if text != want {
			t.Errorf("got\n%s\nwant\n%s", text, want)
		}
	}
	if c := colour(md, 40); !strings.Contains(c, "\x1b[1;") {
		t.Errorf("headings are not bold in colour: %q", c)
	}
}

func TestNoColourHasNoMarks(t *testing.T) {
	md := "# Title\n\n**The rule.** Use *this*, `that` and [the docs](https://sqlite.org/lang.html).\n\n" +
		"<!-- for authors: keep this short -->\n\n> quoted\n\n---\n\n```sql\nSELECT 1;\n```\n"
	text := strings.Join(plain(md, 80), "\n")
	for _, mark := range []string{"**", "#", "`", "\x1b", "<!--", "for authors", "](", "```"} {
		if strings.Contains(text, mark) {
			t.Errorf("%q in\n%s", mark, text)
		}
	}
	for _, kept := range []string{"The rule. Use this, that and the docs (https://sqlite.org/lang.html).", "│ quoted", "SELECT 1;", strings.Repeat("─", 80)} {
		if !strings.Contains(text, kept) {
			t.Errorf("%q missing in\n%s", kept, text)
		}
	}
	if ansi.Strip(colour(md, 80)) != text {
		t.Errorf("colour and no colour differ in structure:\n%s\n---\n%s", ansi.Strip(colour(md, 80)), text)
	}
}

// TestEscapesAreNeutralised: escape sequences in prose, in a code span and
// in a code block reach the output as visible pictures; in colour the only
// escapes are SGR sequences, the renderer's own.
func TestEscapesAreNeutralised(t *testing.T) {
	osc := "\x1b]52;c;aGVsbG8=\x07"
	clear := "\x1b[2J"
	md := "Prose " + osc + " and `code" + clear + "`.\n\n```sh\necho hi " + osc + "\n\tprintf '" + clear + "'\n```\n"
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.ANSI256, termenv.TrueColor} {
		doc := Render(md, Options{Width: 60, Profile: p, Dark: true})
		if termtext.Styled(doc.Text, termtext.SGR) != doc.Text {
			t.Errorf("profile %v: an escape that is not SGR got through: %q", p, doc.Text)
		}
		if p == termenv.Ascii && strings.Contains(doc.Text, "\x1b") {
			t.Errorf("an escape without colour: %q", doc.Text)
		}
		if strings.Count(ansi.Strip(doc.Text), "␛") != 4 {
			t.Errorf("profile %v: the escapes are not shown: %q", p, ansi.Strip(doc.Text))
		}
		if len(doc.Code) != 1 || strings.Contains(doc.Code[0].Source, "\x1b") || !strings.Contains(doc.Code[0].Source, "\tprintf") {
			t.Errorf("the block to copy: %+v", doc.Code)
		}
	}
}

func TestCodeBlocksClipAndShift(t *testing.T) {
	long := "SELECT player, score FROM scores WHERE game_id = 1 ORDER BY score DESC;"
	md := "Before.\n\n```sql\n" + long + "\n\tshort\n```\n\nAfter."
	doc := Render(md, Options{Width: 30, Profile: termenv.Ascii})
	lines := strings.Split(doc.Text, "\n")
	if len(doc.Code) != 1 || doc.Code[0].Line != 2 || doc.Code[0].Lines != 2 || doc.Code[0].Width != len(long) || doc.Code[0].Lang != "sql" {
		t.Fatalf("code blocks %+v in\n%s", doc.Code, doc.Text)
	}
	if lines[2] != long[:29]+ClipMarker || lines[3] != "    short" || lines[4] != "" {
		t.Errorf("clipped:\n%s", doc.Text)
	}
	doc = Render(md, Options{Width: 30, Profile: termenv.Ascii, CodeOffset: 8})
	lines = strings.Split(doc.Text, "\n")
	if lines[2] != long[8:8+29]+ClipMarker || lines[3] != "t" || lines[0] != "Before." {
		t.Errorf("shifted by 8:\n%s", doc.Text)
	}
	doc = Render(md, Options{Width: 30, Profile: termenv.Ascii, CodeOffset: len(long) - 20})
	if lines := strings.Split(doc.Text, "\n"); lines[2] != long[len(long)-20:] || lines[3] != "" {
		t.Errorf("shifted to the end:\n%s", doc.Text)
	}
	if c := colour(md, 30); !strings.Contains(c, "\x1b[") || ansi.StringWidth(strings.Split(c, "\n")[2]) != 30 {
		t.Errorf("in colour: %q", c)
	}
}

func TestProseWrapsAtWords(t *testing.T) {
	md := "A *backend* is a program that runs somewhere else and keeps things **safe** for the game.\nSoft breaks join lines."
	for _, width := range []int{20, 33, 50} {
		lines := plain(md, width)
		words := strings.Fields(strings.Join(lines, " "))
		if strings.Join(words, " ") != "A backend is a program that runs somewhere else and keeps things safe for the game. Soft breaks join lines." {
			t.Errorf("width %d: words changed: %q", width, lines)
		}
		for i, l := range lines {
			if ansi.StringWidth(l) > width || strings.HasSuffix(l, " ") || strings.HasPrefix(l, " ") {
				t.Errorf("width %d: line %q", width, l)
			}
			if i+1 < len(lines) && ansi.StringWidth(l)+1+len(strings.Fields(lines[i+1])[0]) <= width {
				t.Errorf("width %d: %q could have taken the next word", width, l)
			}
		}
	}
}
