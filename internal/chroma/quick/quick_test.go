package quick

import (
	"errors"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

func TestNearestColours(t *testing.T) {
	for _, c := range []struct {
		hex       string
		x256, b16 int
	}{
		{"#ff0000", 196, 9},
		{"#000000", 16, 0},
		{"#ffffff", 231, 15},
		{"#808080", 244, 8},
		{"#5f87af", 67, 8},
		{"#C4C4C4", 251, 7},
		{"#800000", 88, 1},
		{"#00AAFF", 39, 6},
		{"#1c1c1c", 234, 0},
	} {
		col := chroma.ParseColour(c.hex)
		if got := nearest256(col); got != c.x256 {
			t.Errorf("nearest256(%s) = %d, want %d", c.hex, got, c.x256)
		}
		if got := nearest16(col); got != c.b16 {
			t.Errorf("nearest16(%s) = %d, want %d", c.hex, got, c.b16)
		}
	}
}

func TestSGR(t *testing.T) {
	e, err := chroma.ParseStyleEntry("#ff0000 bg:#000000 bold italic underline")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		m    mode
		want string
	}{
		{trueColour, "\x1b[1;3;4;38;2;255;0;0;48;2;0;0;0m"},
		{xterm256, "\x1b[1;3;4;38;5;196;48;5;16m"},
		{basic16, "\x1b[1;3;4;91;40m"},
	} {
		if got := sgrOf(e, c.m); got != c.want {
			t.Errorf("mode %d: %q, want %q", c.m, got, c.want)
		}
	}
	if got := sgrOf(chroma.StyleEntry{}, xterm256); got != "" {
		t.Errorf("empty entry: %q, want nothing", got)
	}
}

func register(name string, entries chroma.StyleEntries) string {
	styles.Register(chroma.MustNewStyle(name, entries))
	return name
}

func TestHighlight(t *testing.T) {
	kwOnly := register("test-keyword", chroma.StyleEntries{chroma.Keyword: "#ff0000 bold"})
	full := register("test-full", chroma.StyleEntries{
		chroma.Text:          "#c4c4c4",
		chroma.Keyword:       "#00aaff",
		chroma.LiteralString: "#c69669",
		chroma.Comment:       "#676767 italic",
		chroma.Error:         "bg:#f05b5b",
		chroma.Background:    "bg:#373737",
	})
	for _, c := range []struct {
		name, src, lexer, formatter, style, want string
	}{
		{"unstyled tokens get no escapes", "SELECT x", "sql", "terminal256", kwOnly,
			"\x1b[1;38;5;196mSELECT\x1b[0m x"},
		{"keyword type falls back to keyword; like tokens share one escape", "CREATE TABLE t (n INTEGER)", "sql", "terminal16m", kwOnly,
			"\x1b[1;38;2;255;0;0mCREATE TABLE\x1b[0m t (n \x1b[1;38;2;255;0;0mINTEGER\x1b[0m)"},
		{"background of the Background entry is dropped", "SELECT 'a' -- c", "sql", "terminal256", full,
			"\x1b[38;5;39mSELECT\x1b[0m \x1b[38;5;173m'a'\x1b[0m \x1b[3;38;5;241m-- c\x1b[0m"},
		{"plain text takes the Text style", "f(1, 2)", "text", "terminal256", full,
			"\x1b[38;5;251mf(1, 2)\x1b[0m"},
		{"escapes are closed before newlines and reopened after", "/* a\r\nb\n\nc */\n", "sql", "terminal16", full,
			"\x1b[3;90m/* a\x1b[0m\r\n\x1b[3;90mb\x1b[0m\n\n\x1b[3;90mc */\x1b[0m\n"},
		{"unknown language is plain text", "SELECT", "cobol", "terminal256", kwOnly, "SELECT"},
		{"unknown style is plain", "SELECT 1", "sql", "terminal256", "monokai", "SELECT 1"},
		{"unknown formatter is plain", "SELECT 1", "sql", "html", full, "SELECT 1"},
		{"empty source", "", "sql", "terminal256", full, ""},
	} {
		var b strings.Builder
		if err := Highlight(&b, c.src, c.lexer, c.formatter, c.style); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if b.String() != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, b.String(), c.want)
		}
	}
}

// TestNoEscapeSpansANewline highlights code in every language with a style
// that colours everything, and checks that every line ends uncoloured.
func TestNoEscapeSpansANewline(t *testing.T) {
	entries := chroma.StyleEntries{chroma.Background: "bg:#101010 underline"}
	for _, tt := range []chroma.TokenType{chroma.Text, chroma.Keyword, chroma.Name, chroma.Literal,
		chroma.LiteralString, chroma.LiteralStringEscape, chroma.Operator, chroma.Punctuation, chroma.Comment} {
		entries[tt] = "#" + strings.Repeat(string("0123456789"[int(tt)/1000]), 6)
	}
	style := register("test-all", entries)
	src := map[string]string{
		"sql":    "SELECT 'a\nb' /* c\nd */ -- e\nFROM t\n",
		"go":     "s := `a\nb` /* c\nd */\n\tx := \"e\\n\"\n",
		"python": "x = '''a\nb'''\n# c\n",
		"sh":     "echo \"a\nb\" 'c\nd'\n",
		"http":   "GET /\nA: b\n\n{\"c\":\n 1}\n",
		"json":   "{\n  \"a\": [1,\n 2]\n}\n",
	}
	for lang, code := range src {
		for _, f := range []string{"terminal16m", "terminal256", "terminal16"} {
			var b strings.Builder
			if err := Highlight(&b, code, lang, f, style); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.Contains(out, "\x1b[") {
				t.Errorf("%s %s: no colour at all: %q", lang, f, out)
			}
			open := false
			for i := 0; i < len(out); i++ {
				switch {
				case strings.HasPrefix(out[i:], reset):
					open = false
				case strings.HasPrefix(out[i:], "\x1b["):
					open = true
				case out[i] == '\n' && open:
					t.Fatalf("%s %s: newline inside an escape at %d: %q", lang, f, i, out)
				}
			}
			if open {
				t.Errorf("%s %s: ends inside an escape: %q", lang, f, out)
			}
			plain := strings.NewReplacer("\x1b[0m", "").Replace(out)
			for strings.Contains(plain, "\x1b[") {
				i := strings.Index(plain, "\x1b[")
				plain = plain[:i] + plain[i+strings.IndexByte(plain[i:], 'm')+1:]
			}
			if plain != code {
				t.Errorf("%s %s: text changed: %q", lang, f, plain)
			}
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorIsReturned(t *testing.T) {
	style := register("test-write", chroma.StyleEntries{chroma.Text: "#ffffff"})
	for _, s := range []string{style, "no-such-style"} {
		if err := Highlight(failingWriter{}, "SELECT 1", "sql", "terminal256", s); err == nil {
			t.Errorf("style %q: no error from a failing writer", s)
		}
	}
}
