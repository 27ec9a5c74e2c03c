package highlight

import "strings"

// Class is what a token looks like on screen: the few kinds of text a
// terminal colours differently.
type Class int

// The classes, from plain text to comments.
const (
	ClassPlain Class = iota
	ClassKeyword
	ClassName   // functions, builtins, classes, decorators, tags
	ClassString // string literals and escapes
	ClassNumber
	ClassOperator
	ClassComment
	ClassError
)

// ClassOf is the class of a token type.
func ClassOf(t TokenType) Class {
	switch {
	case t == Error:
		return ClassError
	case t.Category() == Keyword, t == OperatorWord:
		return ClassKeyword
	case t.Category() == Name:
		switch t {
		case NameFunction, NameBuiltin, NameBuiltinPseudo, NameClass, NameDecorator, NameTag, NameException, NameAttribute:
			return ClassName
		}
		return ClassPlain
	case t == Literal || t.SubCategory() == LiteralString:
		return ClassString
	case t.SubCategory() == LiteralNumber:
		return ClassNumber
	case t.Category() == Operator:
		return ClassOperator
	case t.Category() == Comment:
		return ClassComment
	}
	return ClassPlain
}

// Span is a run of one line's text in one class.
type Span struct {
	Class Class
	Text  string
}

// Lines tokenises src in the named language (see Tokenise) and splits the
// tokens at newlines: one slice of spans a line, with no newline (and no
// carriage return before one) in any span, and neighbouring spans of the
// same class joined. The spans of line i are together exactly the i-th line
// of src.
func Lines(lang, src string) [][]Span {
	lines := [][]Span{nil}
	add := func(c Class, text string) {
		if text == "" {
			return
		}
		cur := lines[len(lines)-1]
		if n := len(cur); n > 0 && cur[n-1].Class == c {
			cur[n-1].Text += text
			return
		}
		lines[len(lines)-1] = append(cur, Span{Class: c, Text: text})
	}
	for _, t := range Tokenise(lang, src) {
		c := ClassOf(t.Type)
		for text := t.Value; ; {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				add(c, text)
				break
			}
			add(c, text[:i])
			lines[len(lines)-1] = trimCR(lines[len(lines)-1])
			lines = append(lines, nil)
			text = text[i+1:]
		}
	}
	return lines
}

// trimCR drops the carriage return that ends a line written with "\r\n".
func trimCR(spans []Span) []Span {
	n := len(spans)
	if n == 0 || !strings.HasSuffix(spans[n-1].Text, "\r") {
		return spans
	}
	if spans[n-1].Text = strings.TrimSuffix(spans[n-1].Text, "\r"); spans[n-1].Text == "" {
		return spans[:n-1]
	}
	return spans
}
