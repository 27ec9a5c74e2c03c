// Package quick highlights source code for a terminal, with the signature of
// chroma's quick.Highlight.
package quick

import (
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/internal/lex"
	"github.com/alecthomas/chroma/v2/styles"
)

// Highlight writes source to w with ANSI colours.
//
// lexer names the language: sql, go, python, sh (or bash, shell), http or
// json, and a few aliases; any other name, or "", means plain text.
//
// formatter is "terminal16m" (24-bit colour), "terminal256" (the nearest of
// the xterm colour cube and grey ramp) or "terminal16", "terminal" and
// "terminal8" (the nearest of the 16 basic colours). style names a style in
// styles.Registry. With any other formatter, or a style that is not
// registered, source is written as it is, with no error: chroma too falls back
// to plain output for unknown formatters, though to a default style for
// unknown styles.
//
// The only error is w's.
func Highlight(w io.Writer, source, lexer, formatter, style string) error {
	s := styles.Get(style)
	m := modeOf(formatter)
	if s == nil || m == plain {
		_, err := io.WriteString(w, source)
		return err
	}
	var b strings.Builder
	b.Grow(len(source) * 2)
	format(&b, lex.Tokenise(lexer, source), s, m)
	_, err := io.WriteString(w, b.String())
	return err
}

// mode is how colours are written.
type mode int

const (
	plain mode = iota
	basic16
	xterm256
	trueColour
)

func modeOf(formatter string) mode {
	switch formatter {
	case "terminal16m":
		return trueColour
	case "terminal256":
		return xterm256
	case "terminal", "terminal8", "terminal16":
		return basic16
	}
	return plain
}

const reset = "\x1b[0m"

// format writes tokens to b, each in its style's escape sequence (if any)
// and with a reset after it. Neighbouring tokens that look the same share
// one sequence, and so do runs of them with spaces between (not newlines);
// white space in a style that cannot be seen on it is written bare.
func format(b *strings.Builder, tokens []chroma.Token, s *chroma.Style, m mode) {
	type look struct {
		sgr       string
		showsOnWS bool // whether the style can be seen on white space
	}
	looks := map[chroma.TokenType]look{}
	var sgr, text, ws string // the run being written: its sequence, its text, blanks after it
	flush := func() {
		writeToken(b, sgr, text)
		b.WriteString(ws)
		sgr, text, ws = "", "", ""
	}
	for _, t := range tokens {
		lk, ok := looks[t.Type]
		if !ok {
			e := s.TerminalEntry(t.Type)
			lk = look{sgr: sgrOf(e, m), showsOnWS: e.Background.IsSet() || e.Underline == chroma.Yes}
			looks[t.Type] = lk
		}
		switch {
		case !lk.showsOnWS && strings.TrimSpace(t.Value) == "":
			ws += t.Value
			if strings.Contains(ws, "\n") {
				flush()
			}
		case lk.sgr == sgr:
			text += ws + t.Value
			ws = ""
		default:
			flush()
			sgr, text = lk.sgr, t.Value
		}
	}
	flush()
}

// writeToken writes text in the escape sequence sgr. No sequence spans a
// newline: each line's part is closed with a reset before its "\n" (or
// "\r\n") and reopened after it, so that line-by-line writers (glamour
// indents each line of a code block) never see a line that starts in colour.
func writeToken(b *strings.Builder, sgr, text string) {
	if sgr == "" {
		b.WriteString(text)
		return
	}
	for text != "" {
		line, nl := text, ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, nl, text = text[:i], "\n", text[i+1:]
			if strings.HasSuffix(line, "\r") {
				line, nl = line[:len(line)-1], "\r\n"
			}
		} else {
			text = ""
		}
		if line != "" {
			b.WriteString(sgr)
			b.WriteString(line)
			b.WriteString(reset)
		}
		b.WriteString(nl)
	}
}
