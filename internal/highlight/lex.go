// Package highlight splits source code into tokens for syntax highlighting:
// hand-written tokenisers for SQL, Go, Python, shell, HTTP and JSON, a few
// hundred lines of byte scanning with no regular expressions and no work
// when the package initialises (a start of the program pays nothing for
// them). The token types and their values are chroma's.
package highlight

import (
	"strings"
	"unicode/utf8"
)

// Tokenise splits src into tokens for the named language. Names are matched
// without regard to case; an unknown name (or "") gives plain text. Every
// token is a slice of src, and the tokens together are exactly src.
func Tokenise(lang, src string) []Token {
	l := &lexer{src: src}
	switch strings.ToLower(lang) {
	case "sql", "sqlite", "sqlite3", "postgres", "postgresql", "mysql":
		l.sql()
	case "go", "golang":
		l.golang()
	case "python", "py", "python3", "py3":
		l.python()
	case "sh", "bash", "shell", "zsh", "ksh":
		l.shell()
	case "http":
		l.http()
	case "json":
		l.json()
	default:
		l.emit(Text, len(src))
	}
	return l.out
}

// lexer is a cursor over src that emits tokens as slices of it.
type lexer struct {
	src  string
	pos  int
	out  []Token
	last int // where the last token starts
}

// emit makes src[pos:end] a token of type t and moves pos to end. A token
// of the same type as the one before it extends that one.
func (l *lexer) emit(t TokenType, end int) {
	if end <= l.pos {
		return
	}
	if n := len(l.out); n > 0 && l.out[n-1].Type == t {
		l.out[n-1].Value = l.src[l.last:end]
	} else {
		l.out = append(l.out, Token{Type: t, Value: l.src[l.pos:end]})
		l.last = l.pos
	}
	l.pos = end
}

// sub runs fn on a lexer that sees src only up to end, then takes over its
// tokens, so that one language can tokenise a part of another (http's body).
func (l *lexer) sub(end int, fn func(*lexer)) {
	s := &lexer{src: l.src[:end], pos: l.pos, out: l.out, last: l.last}
	fn(s)
	l.pos, l.out, l.last = s.pos, s.out, s.last
}

// at reports whether src continues with prefix at pos.
func (l *lexer) at(prefix string) bool { return strings.HasPrefix(l.src[l.pos:], prefix) }

// peek is the byte n after pos, or 0 past the end.
func (l *lexer) peek(n int) byte {
	if l.pos+n < len(l.src) {
		return l.src[l.pos+n]
	}
	return 0
}

// char emits the character at pos (a whole UTF-8 sequence) as type t.
func (l *lexer) char(t TokenType) {
	_, n := utf8.DecodeRuneInString(l.src[l.pos:])
	l.emit(t, l.pos+n)
}

// space emits the white space at pos.
func (l *lexer) space() {
	i := l.pos
	for i < len(l.src) && isSpace(l.src[i]) {
		i++
	}
	l.emit(TextWhitespace, i)
}

// lineEnd is the index of the next newline at or after i, or len(src).
func (l *lexer) lineEnd(i int) int {
	if j := strings.IndexByte(l.src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(l.src)
}

// until is the index just past the next close at or after i, or len(src).
func (l *lexer) until(i int, close string) int {
	if j := strings.Index(l.src[i:], close); j >= 0 {
		return i + j + len(close)
	}
	return len(l.src)
}

// identEnd is where an identifier starting at i ends.
func (l *lexer) identEnd(i int) int {
	for i < len(l.src) && isIdent(l.src[i]) {
		i++
	}
	return i
}

// nextByte is the first byte after i that is not a space or tab, or 0.
func (l *lexer) nextByte(i int) byte {
	for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t') {
		i++
	}
	if i < len(l.src) {
		return l.src[i]
	}
	return 0
}

// number emits the number at pos: decimal, 0x/0o/0b, with _ separators,
// fraction and exponent, and any letters after it (suffixes such as Go's i
// or Python's j).
func (l *lexer) number() { l.emit(l.numberEnd(l.pos)) }

// numberEnd is the type of the number that starts at pos (a sign before it
// included) and where it ends; its digits start at i.
func (l *lexer) numberEnd(i int) (TokenType, int) {
	s, t := l.src, LiteralNumberInteger
	if s[i] == '0' && i+1 < len(s) {
		switch s[i+1] | 0x20 {
		case 'x':
			t = LiteralNumberHex
		case 'o':
			t = LiteralNumberOct
		case 'b':
			t = LiteralNumberBin
		}
	}
	if t != LiteralNumberInteger {
		return t, l.identEnd(i + 2)
	}
	digits := func() {
		for i < len(s) && (isDigit(s[i]) || s[i] == '_') {
			i++
		}
	}
	digits()
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		t = LiteralNumberFloat
		i++
		digits()
	}
	if i+1 < len(s) && s[i]|0x20 == 'e' {
		j := i + 1
		if s[j] == '+' || s[j] == '-' {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			t, i = LiteralNumberFloat, j
			digits()
		}
	}
	return t, l.identEnd(i)
}

// Escape modes of str: what a backslash in a string does.
const (
	escNone  = iota // nothing (Go's raw strings)
	escSkip         // keeps the next character in the string (Python's raw strings)
	escToken        // starts an escape sequence, emitted as LiteralStringEscape
)

// str emits the string literal at pos, opened and closed by quote: as type
// t, with escape sequences split out if esc is escToken. It stops after the
// closing quote, or before a newline unless multiline, or at the end.
func (l *lexer) str(t TokenType, quote string, esc int, multiline bool) {
	s, i := l.src, l.pos+len(quote)
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], quote):
			l.emit(t, i+len(quote))
			return
		case s[i] == '\n' && !multiline:
			l.emit(t, i)
			return
		case s[i] == '\\' && esc == escSkip && i+1 < len(s):
			i += 2
		case s[i] == '\\' && esc == escToken && i+1 < len(s):
			l.emit(t, i)
			l.emit(LiteralStringEscape, escapeEnd(s, i))
			i = l.pos
		default:
			i++
		}
	}
	l.emit(t, i)
}

// escapeEnd is where the backslash escape at i ends: \n, \", \x41, \u00e9,
// \U0001f600, \101.
func escapeEnd(s string, i int) int {
	n := 0
	switch s[i+1] {
	case 'x':
		n = 2
	case 'u':
		n = 4
	case 'U':
		n = 8
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n = 2
	}
	_, size := utf8.DecodeRuneInString(s[i+1:])
	j := i + 1 + size
	for ; n > 0 && j < len(s) && isHex(s[j]); n-- {
		j++
	}
	return j
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }
func isLetter(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || c == '_' || c >= utf8.RuneSelf
}
func isIdent(c byte) bool { return isLetter(c) || isDigit(c) }
