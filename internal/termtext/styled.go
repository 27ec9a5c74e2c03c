package termtext

import (
	"io"
	"strings"
)

// Styled is Printable for text that carries styling of its own: of the
// escape sequences in s, the SGR sequences (ESC [ parameters m, which set
// colours and weights and nothing else) that keep accepts stay, and every
// other control character, escapes of any other kind included, is made
// visible. With a nil keep no escape stays. It is the last line of defence
// behind the presenters, which make what they show printable before they
// style it: what one of them missed can at most colour text, never move
// the cursor or set the clipboard or the window's title.
func Styled(s string, keep func(seq string) bool) string {
	if safe(s) {
		return s
	}
	if keep == nil || !strings.Contains(s, "\x1b[") {
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
		if n := sgrLen(s); n > 0 && keep(s[:n]) {
			b.WriteString(s[:n])
			s = s[n:]
			continue
		}
		b.WriteString(Printable(s[:1]))
		s = s[1:]
	}
	return b.String()
}

// SGR accepts every SGR sequence: for Styled, on text whose every escape
// is known to be ours (a view lipgloss styled after its text was made
// printable).
func SGR(string) bool { return true }

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

// Writer passes what is written through Styled to W, keeping the SGR
// sequences Keep accepts: a guard for a terminal, that nothing written to
// it acts on it but the program's own styling. Each write is neutralised
// on its own: a sequence or a character split between two writes is made
// visible.
type Writer struct {
	W    io.Writer
	Keep func(seq string) bool
}

// Write writes p, neutralised, to W. It reports len(p) written when all
// of it was.
func (w *Writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.W, Styled(string(p), w.Keep)); err != nil {
		return 0, err
	}
	return len(p), nil
}
