package highlight

import (
	"strings"
)

// python tokenises Python.
func (l *lexer) python() {
	prev := "" // the last keyword or name, to tell what def and class name
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case isSpace(c):
			l.space()
		case c == '#':
			l.emit(CommentSingle, l.lineEnd(l.pos))
		case c == '"' || c == '\'':
			l.pyString(false)
		case isDigit(c) || c == '.' && isDigit(l.peek(1)):
			l.number()
		case c == '@' && isLetter(l.peek(1)):
			end := l.pos + 1
			for end < len(l.src) && (isIdent(l.src[end]) || l.src[end] == '.') {
				end++
			}
			l.emit(NameDecorator, end)
		case isLetter(c):
			end := l.identEnd(l.pos)
			w := l.src[l.pos:end]
			if q := l.peek(len(w)); (q == '"' || q == '\'') && len(w) <= 2 && strings.Trim(strings.ToLower(w), "rbuf") == "" {
				l.emit(LiteralStringAffix, end)
				l.pyString(strings.ContainsAny(w, "rR"))
				break
			}
			l.emit(pyWord(w, prev, l.nextByte(end) == '('), end)
			prev = w
		case strings.IndexByte("+-*/%&|^<>=!~@", c) >= 0:
			l.emit(Operator, l.pos+1)
		case strings.IndexByte("(){}[],;.:", c) >= 0:
			l.emit(Punctuation, l.pos+1)
		default:
			l.char(Text)
		}
	}
}

// pyString emits the string at pos, in single, double or triple quotes.
func (l *lexer) pyString(raw bool) {
	q := l.src[l.pos : l.pos+1]
	if l.at(q + q + q) {
		q += q + q
	}
	esc := escToken
	if raw {
		esc = escSkip
	}
	t := LiteralStringDouble
	if q[0] == '\'' {
		t = LiteralStringSingle
	}
	l.str(t, q, esc, len(q) == 3)
}

// pyWord is the token type of a Python name: prev is the name before it,
// call tells whether a '(' follows.
func pyWord(w, prev string, call bool) TokenType {
	switch prev {
	case "def":
		return NameFunction
	case "class":
		return NameClass
	}
	switch w {
	case "True", "False", "None":
		return KeywordConstant
	case "import", "from":
		return KeywordNamespace
	case "and", "or", "not", "in", "is":
		return OperatorWord
	case "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
		"elif", "else", "except", "finally", "for", "global", "if", "lambda", "nonlocal",
		"pass", "raise", "return", "try", "while", "with", "yield":
		return Keyword
	case "self", "cls":
		return NameBuiltinPseudo
	case "ArithmeticError", "AssertionError", "AttributeError", "BaseException",
		"Exception", "FileNotFoundError", "ImportError", "IndexError", "KeyError",
		"KeyboardInterrupt", "LookupError", "NameError", "NotImplementedError", "OSError",
		"RuntimeError", "StopIteration", "TypeError", "ValueError", "ZeroDivisionError":
		return NameException
	case "abs", "all", "any", "bool", "bytes", "dict", "enumerate", "filter", "float",
		"getattr", "hasattr", "input", "int", "isinstance", "iter", "len", "list", "map",
		"max", "min", "next", "open", "print", "range", "repr", "reversed", "round", "set",
		"setattr", "sorted", "str", "sum", "super", "tuple", "type", "zip":
		return NameBuiltin
	}
	if call {
		return NameFunction
	}
	return Name
}
