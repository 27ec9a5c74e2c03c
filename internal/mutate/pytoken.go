package mutate

import "strings"

// pyKind is the kind of a Python token.
type pyKind int

const (
	pyName pyKind = iota
	pyNumber
	pyString
	pyOp
)

// pyToken is one Python token; depth is how many brackets enclose it (a
// bracket itself has the depth of what is outside it).
type pyToken struct {
	kind       pyKind
	text       string
	start, end int
	depth      int
}

// pyLine is a logical line: one statement, or a compound statement's header,
// over one or more physical lines.
type pyLine struct {
	toks []pyToken
	// indent is the width of the first physical line's indentation.
	indent int
	// from and to are the offsets of the line's first physical line and
	// after the newline of its last.
	from, to int
}

// header reports whether the line opens a block: it ends in a colon.
func (l pyLine) header() bool {
	last := l.toks[len(l.toks)-1]
	return last.text == ":" && last.depth == 0
}

func (l pyLine) first() string { return l.toks[0].text }

// pyOperators are the operators of two or three characters, longest first.
var pyOperators = []string{"**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="}

// pyLines cuts Python source into logical lines. Blank lines and lines
// with only a comment belong to none.
func pyLines(s string) []pyLine {
	var lines []pyLine
	var cur *pyLine
	depth := 0
	atLineStart := true
	for i := 0; i < len(s); {
		if atLineStart && cur == nil {
			j := i
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if j < len(s) && s[j] != '\n' && s[j] != '#' && s[j] != '\r' {
				lines = append(lines, pyLine{indent: j - i, from: i})
				cur = &lines[len(lines)-1]
			}
			atLineStart = false
			i = j
			continue
		}
		c := s[i]
		start := i
		kind := pyOp
		switch {
		case c == '\n':
			i++
			atLineStart = true
			if cur != nil && depth == 0 {
				cur.to = i
				cur = nil
			}
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			i = lineEnd(s, i)
			continue
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i += 2
			continue
		case pyStringStart(s, i) >= 0:
			kind, i = pyString, pyStringEnd(s, pyStringStart(s, i))
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			kind = pyNumber
			for i < len(s) && (isWordByte(s[i]) || isDigit(s[i]) || s[i] == '.') {
				i++
			}
		case isWordByte(c):
			kind = pyName
			for i < len(s) && (isWordByte(s[i]) || isDigit(s[i])) {
				i++
			}
		default:
			i = operatorEnd(s, start, pyOperators)
		}
		if cur == nil { // a token after a closing bracket too many: start a line
			lines = append(lines, pyLine{from: start})
			cur = &lines[len(lines)-1]
		}
		t := pyToken{kind: kind, text: s[start:i], start: start, end: i, depth: depth}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth = max(depth-1, 0)
			t.depth = depth
		}
		cur.toks = append(cur.toks, t)
	}
	if cur != nil {
		cur.to = len(s)
	}
	return lines
}

// pyStringStart is the offset of the opening quote of a string literal
// that starts at s[i] (after its prefix, such as rb or f), or -1.
func pyStringStart(s string, i int) int {
	j := i
	for j < len(s) && j-i < 2 && strings.IndexByte("rRbBuUfF", s[j]) >= 0 {
		j++
	}
	if j < len(s) && (s[j] == '\'' || s[j] == '"') {
		if j > i && i > 0 && (isWordByte(s[i-1]) || isDigit(s[i-1])) {
			return -1
		}
		return j
	}
	return -1
}

// pyStringEnd is the offset after the string literal whose quote is at s[q].
func pyStringEnd(s string, q int) int {
	quote := s[q : q+1]
	if strings.HasPrefix(s[q:], strings.Repeat(quote, 3)) {
		quote = strings.Repeat(quote, 3)
	}
	for j := q + len(quote); j < len(s); j++ {
		switch {
		case s[j] == '\\':
			j++
		case len(quote) == 1 && s[j] == '\n':
			return j
		case strings.HasPrefix(s[j:], quote):
			return j + len(quote)
		}
	}
	return len(s)
}
