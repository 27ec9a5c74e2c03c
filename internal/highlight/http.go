package highlight

import (
	"strings"
)

// http tokenises HTTP messages: a request line ("POST /scores HTTP/1.1", the
// version optional) or status line ("HTTP/1.1 201 Created"), header lines,
// and a body, tokenised as JSON if it starts with { or [. A block may hold
// several messages, each after a blank line.
func (l *lexer) http() {
	for l.pos < len(l.src) {
		if l.startLine() {
			l.headers()
			continue
		}
		end := l.bodyEnd()
		if c := l.nextNonSpace(end); c == '{' || c == '[' {
			l.sub(end, (*lexer).json)
		} else {
			l.emit(Text, end)
		}
	}
}

// startLine emits the request or status line at pos, if there is one.
func (l *lexer) startLine() bool {
	line := l.src[l.pos:l.lineEnd(l.pos)]
	if !isStartLine(line) {
		return false
	}
	if strings.HasPrefix(line, "HTTP/") {
		l.httpVersion()
		l.blanks()
		l.emit(LiteralNumber, l.wordEnd())
		l.blanks()
		l.emit(NameException, l.lineEnd(l.pos))
		return true
	}
	l.emit(NameFunction, l.pos+strings.IndexByte(line, ' '))
	l.blanks()
	l.emit(NameNamespace, l.wordEnd())
	l.blanks()
	if l.at("HTTP/") {
		l.httpVersion()
	}
	l.emit(Text, l.lineEnd(l.pos))
	return true
}

// httpVersion emits "HTTP/1.1" at pos.
func (l *lexer) httpVersion() {
	l.emit(KeywordReserved, l.pos+4)
	l.emit(Operator, l.pos+1)
	l.emit(LiteralNumber, l.wordEnd())
}

// headers emits header lines, up to and including the blank line after them
// (or up to a line that starts a JSON body without one).
func (l *lexer) headers() {
	for l.pos < len(l.src) {
		l.emit(TextWhitespace, l.pos+1) // the newline before the line
		end := l.lineEnd(l.pos)
		line := strings.TrimSuffix(l.src[l.pos:end], "\r")
		if line == "" {
			l.emit(TextWhitespace, min(end+1, len(l.src)))
			return
		}
		name, _, ok := strings.Cut(line, ":")
		switch {
		case line[0] == '{' || line[0] == '[':
			return
		case !ok || name == "" || strings.ContainsAny(name, " \t"):
			l.emit(Text, end)
			continue
		}
		l.emit(NameAttribute, l.pos+len(name))
		l.emit(Operator, l.pos+1)
		l.blanks()
		l.emit(Literal, end)
	}
}

// bodyEnd is where the body at pos ends: at the start line of the next
// message (one after a blank line), or at the end of src.
func (l *lexer) bodyEnd() int {
	blank := true
	for i := l.pos; i < len(l.src); {
		end := l.lineEnd(i)
		line := strings.TrimSuffix(l.src[i:end], "\r")
		if blank && i > l.pos && isStartLine(line) {
			return i
		}
		blank = strings.TrimSpace(line) == ""
		i = end + 1
	}
	return len(l.src)
}

// isStartLine reports whether line is a request or status line.
func isStartLine(line string) bool {
	method, rest, _ := strings.Cut(line, " ")
	return strings.HasPrefix(line, "HTTP/") || httpMethod(method) && rest != ""
}

// httpMethod reports whether m is an HTTP method.
func httpMethod(m string) bool {
	switch m {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE":
		return true
	}
	return false
}

// blanks emits the spaces and tabs at pos.
func (l *lexer) blanks() {
	i := l.pos
	for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t') {
		i++
	}
	l.emit(TextWhitespace, i)
}

// wordEnd is where the run of non-space bytes at pos ends.
func (l *lexer) wordEnd() int {
	i := l.pos
	for i < len(l.src) && !isSpace(l.src[i]) {
		i++
	}
	return i
}

// nextNonSpace is the first byte from pos to end that is not white space, or 0.
func (l *lexer) nextNonSpace(end int) byte {
	for i := l.pos; i < end; i++ {
		if !isSpace(l.src[i]) {
			return l.src[i]
		}
	}
	return 0
}

// json tokenises JSON: keys, strings, numbers, true, false and null.
func (l *lexer) json() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case isSpace(c):
			l.space()
		case c == '"':
			end := l.pos + 1
			for end < len(l.src) && l.src[end] != '"' && l.src[end] != '\n' {
				if l.src[end] == '\\' {
					end++
				}
				end++
			}
			end = min(end+1, len(l.src))
			if l.nextByte(end) == ':' {
				l.emit(NameTag, end)
			} else {
				l.str(LiteralStringDouble, `"`, escToken, false)
			}
		case isDigit(c):
			l.number()
		case c == '-' && isDigit(l.peek(1)):
			l.emit(l.numberEnd(l.pos + 1))
		case isLetter(c):
			end := l.identEnd(l.pos)
			switch l.src[l.pos:end] {
			case "true", "false", "null":
				l.emit(KeywordConstant, end)
			default:
				l.emit(Text, end)
			}
		case strings.IndexByte("{}[],:", c) >= 0:
			l.emit(Punctuation, l.pos+1)
		default:
			l.char(Text)
		}
	}
}
