package highlight

import (
	"strings"
	"testing"
)

// TestLinesAreTheSource: in every language, the spans of each line are
// that line of the source, with no newline in any span.
func TestLinesAreTheSource(t *testing.T) {
	src := map[string]string{
		"sql":    "SELECT 'a\nb' /* c\nd */ -- e\r\nFROM t\n",
		"go":     "s := `a\nb` /* c\nd */\n\tx := \"e\\n\"\n",
		"python": "x = '''a\nb'''\n# c\n",
		"sh":     "echo \"a\nb\" 'c\nd'\n",
		"http":   "GET /\nA: b\n\n{\"c\":\n 1}\n",
		"json":   "{\n  \"a\": [1,\n 2]\n}\n",
		"cobol":  "MOVE A\nTO B",
	}
	for lang, code := range src {
		want := strings.Split(strings.ReplaceAll(code, "\r\n", "\n"), "\n")
		got := Lines(lang, code)
		if len(got) != len(want) {
			t.Fatalf("%s: %d lines, want %d", lang, len(got), len(want))
		}
		for i, spans := range got {
			var b strings.Builder
			for j, s := range spans {
				if strings.ContainsAny(s.Text, "\r\n") || s.Text == "" {
					t.Errorf("%s line %d: span %q", lang, i, s.Text)
				}
				if j > 0 && spans[j-1].Class == s.Class {
					t.Errorf("%s line %d: two spans of one class side by side", lang, i)
				}
				b.WriteString(s.Text)
			}
			if b.String() != want[i] {
				t.Errorf("%s line %d: %q, want %q", lang, i, b.String(), want[i])
			}
		}
	}
}

func TestClasses(t *testing.T) {
	spans := Lines("sql", "SELECT name, 42 FROM t -- why")[0]
	want := []Span{{ClassKeyword, "SELECT"}, {ClassPlain, " name, "},
		{ClassNumber, "42"}, {ClassPlain, " "}, {ClassKeyword, "FROM"}, {ClassPlain, " t "}, {ClassComment, "-- why"}}
	if len(spans) != len(want) {
		t.Fatalf("spans %v, want %v", spans, want)
	}
	for i := range want {
		if spans[i] != want[i] {
			t.Errorf("span %d: %v, want %v", i, spans[i], want[i])
		}
	}
	if c := Lines("python", "'x'")[0][0].Class; c != ClassString {
		t.Errorf("a Python string is class %d", c)
	}
}
