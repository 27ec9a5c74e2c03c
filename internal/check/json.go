package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The JSON values of HTTP bodies, kept in the order written, for matching
// and for showing.

// jsonKind is the type of a JSON value.
type jsonKind int

const (
	jNull jsonKind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

// jsonValue is a parsed JSON value that keeps the order of an object's
// keys, and a number as it was written.
type jsonValue struct {
	kind  jsonKind
	text  string // a bool's, a number's or a string's
	items []jsonValue
	keys  []string
	vals  []jsonValue
}

// maxJSONValues bounds the JSON values of a body that a check parses and
// judges: about a hundred bytes of memory each once parsed, and far more
// than an answer a course checks holds.
const maxJSONValues = 100_000

// countJSON counts the values of a JSON text: itself, and the items and
// members of its arrays and objects (keys apart). It reads a text that is
// not JSON as well, roughly.
func countJSON(b []byte) int {
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

// parseJSON parses b, which must hold one JSON value of at most
// maxJSONValues values.
func parseJSON(b []byte) (jsonValue, error) {
	if n := countJSON(b); n > maxJSONValues {
		return jsonValue{}, fmt.Errorf("%d JSON values, more than the %d sandcastle parses", n, maxJSONValues)
	}
	if !json.Valid(b) { // also bounds the nesting
		var v any
		err := json.Unmarshal(b, &v)
		if err == nil {
			err = errors.New("not JSON")
		}
		return jsonValue{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return readJSON(dec)
}

func readJSON(dec *json.Decoder) (jsonValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return jsonValue{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		v := jsonValue{kind: jArray}
		if t == '{' {
			v.kind = jObject
		}
		for dec.More() {
			if v.kind == jObject {
				k, err := dec.Token()
				if err != nil {
					return jsonValue{}, err
				}
				key, _ := k.(string)
				v.keys = append(v.keys, key)
			}
			item, err := readJSON(dec)
			if err != nil {
				return jsonValue{}, err
			}
			if v.kind == jObject {
				v.vals = append(v.vals, item)
			} else {
				v.items = append(v.items, item)
			}
		}
		_, err := dec.Token() // the closing delimiter
		return v, err
	case string:
		return jsonValue{kind: jString, text: t}, nil
	case json.Number:
		return jsonValue{kind: jNumber, text: t.String()}, nil
	case bool:
		return jsonValue{kind: jBool, text: strconv.FormatBool(t)}, nil
	}
	return jsonValue{kind: jNull}, nil
}

// member returns the value of key k of an object, the last one when the
// key is there more than once.
func (v jsonValue) member(k string) (jsonValue, bool) {
	for i := len(v.keys) - 1; i >= 0; i-- {
		if v.keys[i] == k {
			return v.vals[i], true
		}
	}
	return jsonValue{}, false
}

// at returns the value at path, or at the longest part of path that leads
// to a value, and that part.
func (v jsonValue) at(path []any) (jsonValue, []any) {
	for i, p := range path {
		var next jsonValue
		ok := false
		switch p := p.(type) {
		case int:
			if v.kind == jArray && p < len(v.items) {
				next, ok = v.items[p], true
			}
		case string:
			if v.kind == jObject {
				next, ok = v.member(p)
			}
		}
		if !ok {
			return v, path[:i]
		}
		v = next
	}
	return v, path
}

// compact writes v as JSON without spaces.
func (v jsonValue) compact() string {
	w := jsonWriter{limit: -1}
	w.write(v, 0)
	return w.b.String()
}

// maxPretty bounds the pretty JSON written for a message, which deep
// nesting could make huge.
const maxPretty = 64 << 10

// pretty writes v as JSON indented by two spaces, as json.Indent does, up
// to about maxPretty bytes; complete is false when it stopped there.
func (v jsonValue) pretty() (s string, complete bool) {
	w := jsonWriter{indent: "  ", limit: maxPretty}
	w.write(v, 0)
	return w.b.String(), w.b.Len() <= maxPretty
}

// jsonWriter writes JSON, indented when indent is not "", and stops
// writing once it wrote more than limit bytes (no limit when limit < 0).
type jsonWriter struct {
	b      strings.Builder
	indent string
	limit  int
}

func (w *jsonWriter) write(v jsonValue, depth int) {
	if w.limit >= 0 && w.b.Len() > w.limit {
		return
	}
	switch v.kind {
	case jNull:
		w.b.WriteString("null")
	case jBool, jNumber:
		w.b.WriteString(v.text)
	case jString:
		w.b.WriteString(quoteJSON(v.text))
	case jArray:
		w.b.WriteString("[")
		for i, item := range v.items {
			w.next(i, depth+1)
			w.write(item, depth+1)
		}
		w.end(len(v.items), depth, "]")
	case jObject:
		w.b.WriteString("{")
		for i, k := range v.keys {
			w.next(i, depth+1)
			w.b.WriteString(quoteJSON(k) + ":")
			if w.indent != "" {
				w.b.WriteString(" ")
			}
			w.write(v.vals[i], depth+1)
		}
		w.end(len(v.keys), depth, "}")
	}
}

// next starts the item i of an array or object.
func (w *jsonWriter) next(i, depth int) {
	if i > 0 {
		w.b.WriteString(",")
	}
	w.newline(depth)
}

// end closes an array or object of n items.
func (w *jsonWriter) end(n, depth int, closing string) {
	if n > 0 {
		w.newline(depth)
	}
	w.b.WriteString(closing)
}

func (w *jsonWriter) newline(depth int) {
	if w.indent != "" {
		w.b.WriteString("\n" + strings.Repeat(w.indent, depth))
	}
}

// captureText is what "{{name}}" captures of v: a string's text, or the
// compact JSON of any other value.
func (v jsonValue) captureText() string {
	if v.kind == jString {
		return v.text
	}
	return v.compact()
}

// short is v as JSON, cut to one line of a message.
func (v jsonValue) short() string {
	return shortenText(v.compact(), 60)
}

// describe names v's type with its value, for a message.
func (v jsonValue) describe() string {
	switch v.kind {
	case jObject:
		return "an object"
	case jArray:
		return "an array"
	case jString:
		return "the string " + v.short()
	case jNumber:
		return "the number " + v.short()
	}
	return v.short()
}

// quoteJSON writes s as a JSON string, without escaping <, > and &.
func quoteJSON(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
