package highlight

import (
	"strings"
)

// golang tokenises Go.
func (l *lexer) golang() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case isSpace(c):
			l.space()
		case l.at("//"):
			l.emit(CommentSingle, l.lineEnd(l.pos))
		case l.at("/*"):
			l.emit(CommentMultiline, l.until(l.pos+2, "*/"))
		case c == '"':
			l.str(LiteralStringDouble, `"`, escToken, false)
		case c == '`':
			l.str(LiteralStringBacktick, "`", escNone, true)
		case c == '\'':
			l.str(LiteralStringChar, "'", escToken, false)
		case isDigit(c) || c == '.' && isDigit(l.peek(1)):
			l.number()
		case isLetter(c):
			end := l.identEnd(l.pos)
			l.emit(goWord(l.src[l.pos:end], l.nextByte(end) == '('), end)
		case strings.IndexByte("+-*/%&|^<>=!:~", c) >= 0:
			l.emit(Operator, l.pos+1)
		case strings.IndexByte("(){}[],;.", c) >= 0:
			l.emit(Punctuation, l.pos+1)
		default:
			l.char(Text)
		}
	}
}

// goWord is the token type of a Go identifier; call tells whether a '('
// follows.
func goWord(w string, call bool) TokenType {
	switch w {
	case "package", "import":
		return KeywordNamespace
	case "const", "func", "interface", "map", "chan", "struct", "type", "var":
		return KeywordDeclaration
	case "break", "case", "continue", "default", "defer", "else", "fallthrough", "for",
		"go", "goto", "if", "range", "return", "select", "switch":
		return Keyword
	case "true", "false", "nil", "iota":
		return KeywordConstant
	case "any", "bool", "byte", "comparable", "complex64", "complex128", "error",
		"float32", "float64", "int", "int8", "int16", "int32", "int64", "rune", "string",
		"uint", "uint8", "uint16", "uint32", "uint64", "uintptr":
		return KeywordType
	}
	if !call {
		return Name
	}
	switch w {
	case "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len",
		"make", "max", "min", "new", "panic", "print", "println", "real", "recover":
		return NameBuiltin
	}
	return NameFunction
}
