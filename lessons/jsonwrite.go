package lessons

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// Writing JSON values back as text: compact, as a capture holds them, or
// indented, as a message shows them.

// Compact writes v as JSON without spaces; a placeholder as it is written.
func (v JSON) Compact() string {
	w := jsonWriter{limit: -1}
	w.write(v, 0)
	return w.b.String()
}

// Pretty writes v as JSON indented by two spaces, as json.Indent does, up
// to about limit bytes; complete is false when it stopped there.
func (v JSON) Pretty(limit int) (s string, complete bool) {
	w := jsonWriter{indent: "  ", limit: limit}
	w.write(v, 0)
	return w.b.String(), w.b.Len() <= limit
}

// CaptureText is what "{{name}}" captures of v: a string's text, or the
// compact JSON of any other value.
func (v JSON) CaptureText() string {
	if v.Kind == JSONString {
		return v.Text
	}
	return v.Compact()
}

// jsonWriter writes JSON, indented when indent is not "", and stops
// writing once it wrote more than limit bytes (no limit when limit < 0).
type jsonWriter struct {
	b      strings.Builder
	indent string
	limit  int
}

func (w *jsonWriter) write(v JSON, depth int) {
	if w.limit >= 0 && w.b.Len() > w.limit {
		return
	}
	switch v.Kind {
	case JSONNull:
		w.b.WriteString("null")
	case JSONBool, JSONNumber:
		w.b.WriteString(v.Text)
	case JSONString, JSONTemplate:
		w.b.WriteString(QuoteJSON(v.Text))
	case JSONCapture:
		w.b.WriteString(`"{{` + v.Text + `}}"`)
	case JSONReference:
		w.b.WriteString("{{" + v.Text + "}}")
	case JSONArray:
		w.b.WriteString("[")
		for i, item := range v.Items {
			w.next(i, depth+1)
			w.write(item, depth+1)
		}
		w.end(len(v.Items), depth, "]")
	case JSONObject:
		w.b.WriteString("{")
		for i, k := range v.Keys {
			w.next(i, depth+1)
			w.b.WriteString(QuoteJSON(k) + ":")
			if w.indent != "" {
				w.b.WriteString(" ")
			}
			w.write(v.Values[i], depth+1)
		}
		w.end(len(v.Keys), depth, "}")
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

// QuoteJSON writes s as a JSON string, without escaping <, > and &.
func QuoteJSON(s string) string {
	if plainASCII(s) {
		return `"` + s + `"`
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// plainASCII says whether s is printable ASCII that a JSON string holds as
// it is: no control character, quote or backslash.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
