package termtext

import (
	"io"
	"strings"
)

// Styled is Printable for text that already carries sandcastle's own
// styling: its SGR sequences (ESC [ parameters m, which set colours and
// weights and do nothing else) stay when style is set, and every other
// control character, escapes of any other kind included, is made visible.
// Without style no escape stays at all. It is the last line of defence
// behind the presenters, which neutralise what they show before they style
// it: what one of them missed can colour text, never move the cursor, set
// the clipboard or the window's title.
func Styled(s string, style bool) string {
	if safe(s) {
		return s
	}
	if !style || !strings.Contains(s, "\x1b[") {
		return Printable(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for s != "" {
		i := strings.IndexByte(s, 0x1b)
		if i < 0 {
			b.WriteString(Printable(s))
			break
		}
		b.WriteString(Printable(s[:i]))
		s = s[i:]
		if n := sgrLen(s); n > 0 {
			b.WriteString(s[:n])
			s = s[n:]
			continue
		}
		b.WriteString(Printable(s[:1]))
		s = s[1:]
	}
	return b.String()
}

// sgrLen is the length of the SGR sequence s starts with (ESC [, digits,
// semicolons and colons, m), or 0.
func sgrLen(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' || c == ';' || c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// Writer passes what is written through Styled to W: a guard for a
// terminal, that nothing written to it can act on it but sandcastle's own
// styling (when Style is set). Each write is neutralised on its own: a
// sequence or a character split between two writes is made visible.
type Writer struct {
	W     io.Writer
	Style bool
}

// Write writes p, neutralised, to the underlying writer. It reports len(p)
// written when all of it was.
func (w *Writer) Write(p []byte) (int, error) {
	s := string(p)
	out := Styled(s, w.Style)
	if _, err := io.WriteString(w.W, out); err != nil {
		return 0, err
	}
	return len(p), nil
}
