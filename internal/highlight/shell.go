package highlight

import (
	"strings"
)

// shellSpecial are the bytes that end a shell word.
const shellSpecial = " \t\r\n\f|&;<>()'\"`$\\"

// shell tokenises sh and bash: comments, 'strings', "strings" with $vars
// and escapes inside, $vars, ${vars} and $(, keywords and builtins,
// NAME=value assignments, numbers and operators.
func (l *lexer) shell() {
	cmd := true // whether a command name may come next
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case isSpace(c):
			cmd = cmd || c == '\n'
			l.space()
		case c == '#':
			l.emit(CommentSingle, l.lineEnd(l.pos))
		case c == '\'':
			l.emit(LiteralStringSingle, l.until(l.pos+1, "'"))
			cmd = false
		case c == '"':
			l.shellDouble()
			cmd = false
		case c == '`':
			l.emit(LiteralStringBacktick, l.until(l.pos+1, "`"))
			cmd = false
		case c == '$':
			cmd = l.at("$(")
			l.shellVar()
		case c == '\\':
			l.emit(LiteralStringEscape, min(l.pos+2, len(l.src)))
			cmd = false
		case strings.IndexByte("|&;<>", c) >= 0:
			l.emit(Operator, l.pos+1)
			cmd = c != '<' && c != '>'
		case c == '(' || c == ')':
			l.emit(Punctuation, l.pos+1)
			cmd = c == '('
		default:
			cmd = l.shellWord(cmd)
		}
	}
}

// shellWord emits the word at pos; cmd tells whether it may be a command
// name. It reports whether the next word may be one.
func (l *lexer) shellWord(cmd bool) bool {
	end := l.pos
	for end < len(l.src) && strings.IndexByte(shellSpecial, l.src[end]) < 0 {
		end++
	}
	w := l.src[l.pos:end]
	if i := strings.IndexByte(w, '='); i > 0 && isLetter(w[0]) && l.identEnd(l.pos) == l.pos+i {
		l.emit(NameVariable, l.pos+i)
		l.emit(Operator, l.pos+1)
		l.emit(Text, end)
		return cmd
	}
	t := shellWordType(w, cmd)
	l.emit(t, end)
	return t == Keyword && w != "in" || t == Punctuation
}

// shellWordType is the token type of a shell word; cmd tells whether it
// stands where a command name may.
func shellWordType(w string, cmd bool) TokenType {
	switch w {
	case "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until",
		"case", "esac", "function", "select", "time", "return", "break", "continue":
		return Keyword
	case "{", "}", "[", "]", "[[", "]]", "!":
		return Punctuation
	}
	if !cmd {
		return shellNumber(w)
	}
	switch w {
	case "alias", "bg", "cd", "command", "declare", "echo", "eval", "exec", "exit",
		"export", "false", "fg", "getopts", "hash", "jobs", "kill", "local", "printf",
		"pwd", "read", "readonly", "set", "shift", "source", "test", "trap", "true",
		"type", "ulimit", "umask", "unalias", "unset", "wait":
		return NameBuiltin
	}
	return shellNumber(w)
}

// shellNumber is LiteralNumber if w is all digits, else Text.
func shellNumber(w string) TokenType {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return Text
		}
	}
	return LiteralNumber
}

// shellVar emits the $ expression at pos: $name, $1, $?, ${...} or $( (whose
// contents are tokenised as they come, up to the ")").
func (l *lexer) shellVar() {
	s, i := l.src, l.pos+1
	switch {
	case i >= len(s):
		l.emit(Text, i)
	case s[i] == '{':
		l.emit(NameVariable, l.until(i, "}"))
	case s[i] == '(':
		l.emit(Operator, i+1)
	case isLetter(s[i]):
		l.emit(NameVariable, l.identEnd(i))
	case strings.IndexByte("0123456789?#@*!$-", s[i]) >= 0:
		l.emit(NameVariable, i+1)
	default:
		l.emit(Text, i)
	}
}

// shellDouble emits the "string" at pos, with the $vars and \escapes in it.
func (l *lexer) shellDouble() {
	s, i := l.src, l.pos+1
	for i < len(s) && s[i] != '"' {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			l.emit(LiteralStringDouble, i)
			l.emit(LiteralStringEscape, i+2)
			i = l.pos
		case s[i] == '$' && i+1 < len(s) && (isLetter(s[i+1]) || s[i+1] == '{'):
			l.emit(LiteralStringDouble, i)
			l.shellVar()
			i = l.pos
		default:
			i++
		}
	}
	l.emit(LiteralStringDouble, min(i+1, len(s)))
}
