package lessons

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The JSON of http checks: the body an expect block expects, parsed once
// when the course loads, with its placeholders; and, with the same parser,
// the body of a server's answer, at each check.

// JSONKind is the type of a JSON value, or the kind of a placeholder of an
// expected body.
type JSONKind int

const (
	JSONNull JSONKind = iota
	JSONBool
	JSONNumber
	JSONString
	JSONArray
	JSONObject
	// JSONCapture is the string "{{name}}" of an expected body: it matches
	// any value, and captures it as name.
	JSONCapture
	// JSONReference is {{name}} written as a value, without quotes, in an
	// expected body: the value must be the one captured as name.
	JSONReference
	// JSONTemplate is a string of an expected body that holds {{name}}
	// among other text: the string with each name replaced by its capture.
	JSONTemplate
)

// JSON is a parsed JSON value that keeps the order of an object's keys,
// and a number as it was written.
type JSON struct {
	Kind JSONKind
	// Text is a bool's, a number's or a string's text; the name of a
	// capture or a reference; a template's string.
	Text   string
	Items  []JSON   // an array's
	Keys   []string // an object's, in order, a key given twice twice
	Values []JSON   // an object's, Values[i] the value of Keys[i]
	// Parts is a template's text and the names it holds, alternately:
	// text, name, text, ..., name, text (a text may be "").
	Parts []string
}

// MaxJSONValues bounds the JSON values of a body that sandcastle parses:
// about a hundred bytes of memory each once parsed, and far more than an
// answer a course checks holds.
const MaxJSONValues = 100_000

// maxJSONDepth bounds the nesting of an expected body, as encoding/json
// bounds that of the answers.
const maxJSONDepth = 10_000

// CountJSON counts the values of a JSON text: itself, and the items and
// members of its arrays and objects (keys apart). It reads a text that is
// not JSON as well, roughly.
func CountJSON(b []byte) int {
	n := 1
	inString, escaped, open := false, false, false
	for _, c := range b {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if open && c != ']' && c != '}' {
			n++ // the first item of an array or object
		}
		open = c == '[' || c == '{'
		switch c {
		case ',':
			n++
		case '"':
			inString = true
		}
	}
	return n
}

// ParseJSON parses b, which must hold one JSON value of at most
// MaxJSONValues values, as encoding/json reads it: the body of an answer.
// Its errors are encoding/json's.
func ParseJSON(b []byte) (JSON, error) {
	if n := CountJSON(b); n > MaxJSONValues {
		return JSON{}, fmt.Errorf("%d JSON values, more than the %d sandcastle parses", n, MaxJSONValues)
	}
	if !json.Valid(b) { // also bounds the nesting
		var v any
		err := json.Unmarshal(b, &v)
		if err == nil {
			err = errors.New("not JSON")
		}
		return JSON{}, err
	}
	p := jsonParser{s: string(b)}
	return p.document()
}

// ParseExpectedJSON parses the body of an expect block as JSON with
// placeholders: {{name}} written as a value is a JSONReference, the string
// "{{name}}" a JSONCapture, and a string with {{name}} among other text a
// JSONTemplate. An error says where the body is not JSON.
func ParseExpectedJSON(body string) (JSON, error) {
	if n := CountJSON([]byte(body)); n > MaxJSONValues {
		return JSON{}, fmt.Errorf("%d JSON values, more than the %d sandcastle parses", n, MaxJSONValues)
	}
	p := jsonParser{s: body, placeholders: true}
	return p.document()
}

// jsonParser reads one JSON value from s; with placeholders, an expected
// body's.
type jsonParser struct {
	s            string
	i            int
	depth        int
	placeholders bool
}

func (p *jsonParser) document() (JSON, error) {
	v, err := p.value()
	if err != nil {
		return JSON{}, err
	}
	p.space()
	if p.i < len(p.s) {
		return JSON{}, p.errorf("after top-level value")
	}
	return v, nil
}

func (p *jsonParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// errorf says which character, at which line, is wrong, and where it
// stands (as encoding/json says it: "after object key").
func (p *jsonParser) errorf(where string) error {
	p.i = min(p.i, len(p.s))
	line := strings.Count(p.s[:p.i], "\n") + 1
	if p.i >= len(p.s) {
		return fmt.Errorf("line %d: unexpected end of JSON input", line)
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.i:])
	return fmt.Errorf("line %d: invalid character %s %s", line, quoteChar(r), where)
}

// quoteChar writes c as encoding/json's errors do.
func quoteChar(c rune) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(c))
	return "'" + s[1:len(s)-1] + "'"
}

func (p *jsonParser) value() (JSON, error) {
	p.space()
	if p.i >= len(p.s) {
		return JSON{}, p.errorf("")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		if name, n := p.placeholderAt(); n > 0 {
			p.i += n
			return JSON{Kind: JSONReference, Text: name}, nil
		}
		return p.container(JSONObject)
	case c == '[':
		return p.container(JSONArray)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return JSON{}, err
		}
		return p.expected(s), nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true", JSON{Kind: JSONBool, Text: "true"})
	case c == 'f':
		return p.literal("false", JSON{Kind: JSONBool, Text: "false"})
	case c == 'n':
		return p.literal("null", JSON{Kind: JSONNull})
	}
	return JSON{}, p.errorf("looking for beginning of value")
}

// placeholderAt returns the name of the placeholder at p.i, and its
// length; 0 when there is none or the parser takes none.
func (p *jsonParser) placeholderAt() (string, int) {
	if !p.placeholders || !strings.HasPrefix(p.s[p.i:], "{{") {
		return "", 0
	}
	m := leadingPlaceholder.FindStringSubmatchIndex(p.s[p.i:])
	if m == nil {
		return "", 0
	}
	return p.s[p.i+m[2] : p.i+m[3]], m[1]
}

// container reads an array or an object, from its opening bracket.
func (p *jsonParser) container(kind JSONKind) (JSON, error) {
	if p.depth++; p.depth > maxJSONDepth {
		return JSON{}, fmt.Errorf("line %d: more than %d arrays and objects one inside the other", strings.Count(p.s[:p.i], "\n")+1, maxJSONDepth)
	}
	defer func() { p.depth-- }()
	v := JSON{Kind: kind}
	closing, item := byte(']'), "array element"
	if kind == JSONObject {
		closing, item = '}', "object key:value pair"
	}
	p.i++
	p.space()
	if p.i < len(p.s) && p.s[p.i] == closing {
		p.i++
		return v, nil
	}
	for {
		if kind == JSONObject {
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != '"' {
				return JSON{}, p.errorf("looking for beginning of object key string")
			}
			k, err := p.str()
			if err != nil {
				return JSON{}, err
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return JSON{}, p.errorf("after object key")
			}
			p.i++
			v.Keys = append(v.Keys, k)
		}
		x, err := p.value()
		if err != nil {
			return JSON{}, err
		}
		if kind == JSONObject {
			v.Values = append(v.Values, x)
		} else {
			v.Items = append(v.Items, x)
		}
		p.space()
		switch {
		case p.i < len(p.s) && p.s[p.i] == ',':
			p.i++
		case p.i < len(p.s) && p.s[p.i] == closing:
			p.i++
			return v, nil
		default:
			return JSON{}, p.errorf("after " + item)
		}
	}
}

// str reads a string, from its opening quote, and returns its text.
func (p *jsonParser) str() (string, error) {
	start := p.i
	p.i++
	plain := true // no escape, and valid UTF-8 if not ASCII
	for ; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; {
		case c == '"':
			p.i++
			raw := p.s[start:p.i]
			if plain || !strings.Contains(raw, `\`) && utf8.ValidString(raw) {
				return raw[1 : len(raw)-1], nil
			}
			var s string
			if err := json.Unmarshal([]byte(raw), &s); err != nil {
				p.i = start
				return "", fmt.Errorf("line %d: %v", strings.Count(p.s[:p.i], "\n")+1, err)
			}
			return s, nil
		case c == '\\':
			plain = false
			p.i++
		case c < ' ':
			return "", p.errorf("in string literal")
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	return "", p.errorf("")
}

// expected is the string s as a value: in an expected body, a capture or
// a template when it holds placeholders.
func (p *jsonParser) expected(s string) JSON {
	if !p.placeholders || !strings.Contains(s, "{{") {
		return JSON{Kind: JSONString, Text: s}
	}
	ms := placeholder.FindAllStringSubmatchIndex(s, -1)
	switch {
	case len(ms) == 0:
		return JSON{Kind: JSONString, Text: s}
	case len(ms) == 1 && ms[0][0] == 0 && ms[0][1] == len(s):
		return JSON{Kind: JSONCapture, Text: s[ms[0][2]:ms[0][3]]}
	}
	v := JSON{Kind: JSONTemplate, Text: s}
	last := 0
	for _, m := range ms {
		v.Parts = append(v.Parts, s[last:m[0]], s[m[2]:m[3]])
		last = m[1]
	}
	v.Parts = append(v.Parts, s[last:])
	return v
}

// number reads a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() (JSON, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.s) && p.s[p.i] == '0':
		p.i++
	case p.digits() == 0:
		return JSON{}, p.errorf("in numeric literal")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return JSON{}, p.errorf("after decimal point in numeric literal")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return JSON{}, p.errorf("in exponent of numeric literal")
		}
	}
	return JSON{Kind: JSONNumber, Text: p.s[start:p.i]}, nil
}

func (p *jsonParser) digits() int {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

func (p *jsonParser) literal(word string, v JSON) (JSON, error) {
	for j := 0; j < len(word); j++ {
		if p.i >= len(p.s) || p.s[p.i] != word[j] {
			return JSON{}, p.errorf(fmt.Sprintf("in literal %s (expecting '%c')", word, word[j]))
		}
		p.i++
	}
	return v, nil
}

// placeholder is {{name}}, spaces allowed inside the braces; captures and
// the values of earlier captures are written so in an http check and its
// expect.
var placeholder = regexp.MustCompile(`\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

var leadingPlaceholder = regexp.MustCompile(`^` + placeholder.String())

// Placeholders returns where each {{name}} of s is: its start and end, and
// the start and end of its name.
func Placeholders(s string) [][]int {
	return placeholder.FindAllStringSubmatchIndex(s, -1)
}

// Member returns the value of key k of an object, the last one when the
// key is there more than once.
func (v JSON) Member(k string) (JSON, bool) {
	for i := len(v.Keys) - 1; i >= 0; i-- {
		if v.Keys[i] == k {
			return v.Values[i], true
		}
	}
	return JSON{}, false
}
