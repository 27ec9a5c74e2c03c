package termtext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sandcastle/sandcastle/lessons"
)

// hostile holds what a course or a learner could send a terminal: OSC 52
// (set the clipboard), OSC 0 (the window's title), CSI 2J (clear the
// screen), a C1 CSI as a character and as a lone byte, DEL, and a bidi
// override.
const hostile = "a\x1b]52;c;ZWNobyBoaQ==\x07b\x1b]0;pwned\x07c\x1b[2Jd\u009b31me\x9bf\x7fg\u202eh\u2066i\r"

// raw reports the first thing in s that a terminal would act on: ESC,
// BEL, any other C0 control but newline and tab, DEL, a C1 control (as a
// character or a lone byte), a bidi control.
func raw(s string) (string, bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return s[i : i+1], true
		}
		if Unsafe(r) {
			return string(r), true
		}
		i += size
	}
	return "", false
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text stays", "Create the scores table", "Create the scores table"},
		{"newlines, tabs and other scripts stay", "a\tb\nc — é 漢字 ✓", "a\tb\nc — é 漢字 ✓"},
		{"ESC and BEL become pictures", "\x1b]0;t\x07", "␛]0;t␇"},
		{"a carriage return shows", "ok\rno", "ok␍no"},
		{"NUL and DEL show", "\x00\x7f", "␀␡"},
		{"a C1 control is replaced", "x\u009b2J", "x\ufffd2J"},
		{"a lone C1 byte is replaced", "x\x9b2J", "x\ufffd2J"},
		{"bidi overrides and isolates are replaced", "\u202ea\u202c\u2067b\u2069", "\ufffda\ufffd\ufffdb\ufffd"},
		{"marks and zero-width characters stay", "a\u200eb\u200bc", "a\u200eb\u200bc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Printable(tc.in); got != tc.want {
				t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPrintableKeepsEveryCharacterInItsCell(t *testing.T) {
	got := Printable(hostile)
	if r, ok := raw(got); ok {
		t.Fatalf("Printable left %q in %q", r, got)
	}
	if n, want := utf8.RuneCountInString(got), utf8.RuneCountInString(hostile); n != want {
		t.Errorf("Printable made %d characters of %d: columns laid out before would move", n, want)
	}
}

func TestStyled(t *testing.T) {
	ours := "\x1b[1mTitle\x1b[0m \x1b[38;2;1;2;3mdim\x1b[0m"
	bold := func(seq string) bool { return seq == "\x1b[1m" || seq == "\x1b[0m" }
	every := func(string) bool { return true }
	for _, tc := range []struct {
		name, in string
		keep     func(string) bool
		want     string
	}{
		{"our styling stays", ours, SGR, ours},
		{"without keep, no escape stays", ours, nil, "␛[1mTitle␛[0m ␛[38;2;1;2;3mdim␛[0m"},
		{"only the styles kept stay", ours, bold, "\x1b[1mTitle\x1b[0m ␛[38;2;1;2;3mdim\x1b[0m"},
		{"other escapes show", "\x1b[1m\x1b]52;c;eA==\x07\x1b[2J\x1b[H\x1b[0m", SGR, "\x1b[1m␛]52;c;eA==␇␛[2J␛[H\x1b[0m"},
		{"keep never keeps what is not SGR", "\x1b[2J\x1b]0;t\x07", every, "␛[2J␛]0;t␇"},
		{"an escape cut short shows", "a\x1b[3", SGR, "a␛[3"},
		{"a C1 CSI shows", "\x1b[1m\u009b2J\x1b[0m", SGR, "\x1b[1m\ufffd2J\x1b[0m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Styled(tc.in, tc.keep); got != tc.want {
				t.Errorf("Styled(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := &Writer{W: &b, Keep: SGR}
	in := "\x1b[32m✓\x1b[0m " + hostile + "\n"
	n, err := w.Write([]byte(in))
	if err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(in))
	}
	got := strings.ReplaceAll(b.String(), "\x1b[32m", "")
	got = strings.ReplaceAll(got, "\x1b[0m", "")
	if r, ok := raw(got); ok {
		t.Errorf("the guard let %q through: %q", r, b.String())
	}
	if !strings.HasPrefix(b.String(), "\x1b[32m✓\x1b[0m ") {
		t.Errorf("the guard changed our styling: %q", b.String())
	}
}

func TestJSON(t *testing.T) {
	in := []byte(`{"title":"a\u001b]0;t\u0007 ` + "\u009b\u202e\x7f" + ` é"}`)
	got := string(JSON(in))
	want := `{"title":"a\u001b]0;t\u0007 \u009b\u202e\u007f é"}`
	if got != want {
		t.Errorf("JSON(%s) = %s, want %s", in, got, want)
	}
	var a, b map[string]string
	if err := json.Unmarshal(in, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got), &b); err != nil || a["title"] != b["title"] {
		t.Errorf("the escaped JSON reads %q (%v), want %q", b["title"], err, a["title"])
	}
}

func BenchmarkPrintableSafe(b *testing.B) {
	s := strings.Repeat("Create the scores table — a row for each game. ", 40)
	for b.Loop() {
		Printable(s)
	}
}

// TestControlNameIsTermtextUnsafe: lint names every character sandcastle
// makes visible when it shows it, and no other.
func TestControlNameIsTermtextUnsafe(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if named, unsafe := lessons.ControlName(r) != "", Unsafe(r); named != unsafe {
			t.Errorf("%U: lint names it: %v; termtext shows it made visible: %v", r, named, unsafe)
		}
	}
}
