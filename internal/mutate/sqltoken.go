package mutate

import "strings"

// sqlKind is the kind of an SQL token.
type sqlKind int

const (
	sqlWord   sqlKind = iota // a keyword or a bare name
	sqlNumber                // 12, 4.0, 1e3, 0x1F
	sqlString                // 'text'
	sqlName                  // "name", `name`, [name]
	sqlParam                 // ?, ?1, :name, @name, $name
	sqlBlob                  // X'00'
	sqlPunct                 // ( ) , ; . and operators
)

// sqlToken is one SQL token: comments and blanks are not tokens.
type sqlToken struct {
	kind       sqlKind
	text       string
	up         string // text in upper case, for keywords
	start, end int
	// depth is how many parentheses enclose the token; a parenthesis
	// itself has the depth of what is outside it.
	depth int
}

func (t sqlToken) is(words ...string) bool {
	if t.kind != sqlWord && t.kind != sqlPunct {
		return false
	}
	for _, w := range words {
		if t.up == w {
			return true
		}
	}
	return false
}

// sqlOperators are the punctuation tokens of two or three characters.
var sqlOperators = []string{"->>", "->", "<=", ">=", "<>", "!=", "==", "||", "<<", ">>"}

// sqlTokens cuts SQL text into tokens.
func sqlTokens(s string) []sqlToken {
	var toks []sqlToken
	depth := 0
	for i := 0; i < len(s); {
		c := s[i]
		start := i
		kind := sqlPunct
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case strings.HasPrefix(s[i:], "--"):
			i = lineEnd(s, i)
			continue
		case strings.HasPrefix(s[i:], "/*"):
			if e := strings.Index(s[i+2:], "*/"); e >= 0 {
				i += e + 4
			} else {
				i = len(s)
			}
			continue
		case (c == 'x' || c == 'X') && i+1 < len(s) && s[i+1] == '\'':
			kind, i = sqlBlob, quoted(s, i+1, '\'')
		case c == '\'':
			kind, i = sqlString, quoted(s, i, '\'')
		case c == '"' || c == '`':
			kind, i = sqlName, quoted(s, i, c)
		case c == '[':
			kind, i = sqlName, quoted(s, i, ']')
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			kind, i = sqlNumber, number(s, i)
		case isWordByte(c):
			kind = sqlWord
			for i < len(s) && (isWordByte(s[i]) || isDigit(s[i]) || s[i] == '$') {
				i++
			}
		case c == '?' || c == ':' || c == '@' || c == '$':
			kind = sqlParam
			i++
			for i < len(s) && (isWordByte(s[i]) || isDigit(s[i])) {
				i++
			}
		default:
			i = operatorEnd(s, start, sqlOperators)
		}
		text := s[start:i]
		t := sqlToken{kind: kind, text: text, up: strings.ToUpper(text), start: start, end: i, depth: depth}
		switch text {
		case "(":
			depth++
		case ")":
			if depth > 0 {
				depth--
			}
			t.depth = depth
		}
		toks = append(toks, t)
	}
	return toks
}

// quoted is the end of the quoted text that starts at s[i], closed by
// close; a doubled close is part of the text.
func quoted(s string, i int, close byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == close {
			if j+1 < len(s) && s[j+1] == close && close != ']' {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func number(s string, i int) int {
	if strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X") {
		i += 2
		for i < len(s) && (isDigit(s[i]) || strings.IndexByte("abcdefABCDEF", s[i]) >= 0) {
			i++
		}
		return i
	}
	for i < len(s) && (isDigit(s[i]) || s[i] == '.' || s[i] == '_') {
		i++
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i
}

func lineEnd(s string, i int) int {
	if e := strings.IndexByte(s[i:], '\n'); e >= 0 {
		return i + e
	}
	return len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// sqlStatement is a statement's tokens, without its closing semicolon, and
// the end of the statement with it.
type sqlStatement struct {
	toks []sqlToken
	end  int
}

// sqlStatements splits tokens into statements at the semicolons outside a
// trigger's BEGIN ... END.
func sqlStatements(toks []sqlToken) []sqlStatement {
	var out []sqlStatement
	from := 0
	trigger, inBody, cases := false, false, 0
	for i, t := range toks {
		switch {
		case i == from:
			trigger = t.is("CREATE") && createsTrigger(toks[i:])
			inBody, cases = false, 0
		case trigger && t.is("BEGIN"):
			inBody = true
		case inBody && t.is("CASE"):
			cases++
		case inBody && t.is("END"):
			if cases > 0 {
				cases--
			} else {
				inBody = false
			}
		}
		if t.text == ";" && !inBody {
			if i > from {
				out = append(out, sqlStatement{toks: toks[from:i], end: t.end})
			}
			from = i + 1
		}
	}
	if from < len(toks) {
		out = append(out, sqlStatement{toks: toks[from:], end: toks[len(toks)-1].end})
	}
	return out
}

func createsTrigger(toks []sqlToken) bool {
	for _, t := range toks[1:min(len(toks), 4)] {
		if t.is("TRIGGER") {
			return true
		}
	}
	return false
}

// clauseEnd is the index after the last token of the clause that starts
// after toks[from], at depth d: the first token at depth d that is one of
// stops, or the first outside depth d.
func clauseEnd(toks []sqlToken, from, d int, stops ...string) int {
	j := from
	for j < len(toks) && toks[j].depth >= d {
		if toks[j].depth == d && toks[j].is(stops...) {
			break
		}
		j++
	}
	return j
}

// group is the index after the parenthesis that closes the one at toks[i].
func group(toks []sqlToken, i int) int {
	j := i + 1
	for j < len(toks) && !(toks[j].text == ")" && toks[j].depth == toks[i].depth) {
		j++
	}
	return min(j+1, len(toks))
}
