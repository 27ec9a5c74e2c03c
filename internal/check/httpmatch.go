package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// CompareHTTP compares a response (its status, headers and body) with
// want, the expect block of an http check. It returns nil when they match,
// and the values that the expect's "{{name}}" JSON strings captured.
//
// c holds the captures of the step's earlier checks: a {{name}} anywhere
// else in the expect (in a header value, in a JSON value written without
// quotes as in {"id": {{score_id}}}, or in a text body) stands for the value
// captured earlier. A "{{name}}" string always captures, replacing a
// capture of the same name.
//
// The captures returned are the ones this response made, made even when it
// does not match so that later checks can run; the caller adds them to c.
//
// When the status is wrong, the headers and the body are not judged (the
// status is the thing to fix first), unless both statuses are successes
// (a 200 for a 201), whose bodies are worth comparing already.
func CompareHTTP(want Expected, status int, header http.Header, body []byte, c Captures) (*HTTPMismatch, Captures) {
	made := Captures{}
	m := &HTTPMismatch{WantStatus: want.Status, GotStatus: status, Header: shownHeaders(want, status, header)}
	m.compareHeaders(want.Header, header, c)
	b := compareBody(want.Body, body, c, made)
	m.BodyProblems = b.problems
	m.wildcards = m.wildcards || b.wildcards
	if status != want.Status && (status/100 != 2 || want.Status/100 != 2) {
		m.HeaderProblems, m.BodyProblems, m.wildcards, m.headerAdvice = nil, nil, false, false
		b.focus = nil
	}
	m.Body, m.BodyPath = showBody(body, b.got, b.focus)
	if status == want.Status && len(m.HeaderProblems) == 0 && len(m.BodyProblems) == 0 {
		return nil, made
	}
	return m, made
}

// shownHeaders picks the response's headers that a message shows.
func shownHeaders(want Expected, status int, header http.Header) http.Header {
	names := []string{"Content-Type"}
	if status/100 == 3 {
		names = append(names, "Location")
	}
	names = append(names, slices.Collect(maps.Keys(want.Header))...)
	shown := http.Header{}
	for _, name := range names {
		if vs := headerValues(header, name); len(vs) > 0 {
			shown[http.CanonicalHeaderKey(name)] = vs
		}
	}
	return shown
}

// headerValues returns the values of the header name, whatever the case
// of the keys of h.
func headerValues(h http.Header, name string) []string {
	if vs, ok := h[http.CanonicalHeaderKey(name)]; ok {
		return vs
	}
	for k, vs := range h {
		if strings.EqualFold(k, name) {
			return vs
		}
	}
	return nil
}

// compareHeaders checks that each expected header is in got, with a
// matching value, and sets m's header problems.
func (m *HTTPMismatch) compareHeaders(want, got http.Header, c Captures) {
	for _, name := range slices.Sorted(maps.Keys(want)) {
		for _, w := range want[name] {
			w, err := c.expand(strings.TrimSpace(w), asText)
			if err != nil {
				m.HeaderProblems = append(m.HeaderProblems, name+": "+err.Error())
				continue
			}
			values := headerValues(got, name)
			if slices.ContainsFunc(values, func(v string) bool { return headerMatches(name, w, v) }) {
				continue
			}
			m.wildcards = m.wildcards || strings.Contains(w, wildcard)
			if len(values) == 0 {
				m.HeaderProblems = append(m.HeaderProblems, fmt.Sprintf("%s: missing; expected %q", name, w))
				m.headerAdvice = true
				continue
			}
			m.HeaderProblems = append(m.HeaderProblems, fmt.Sprintf("%s: expected %q, got %q", name, w, strings.Join(values, ", ")))
			if strings.EqualFold(name, "Content-Type") && strings.HasPrefix(values[0], "text/plain") {
				m.headerAdvice = true // Go's net/http guesses text/plain for a body written before the header
			}
		}
	}
}

// headerMatches says whether the value got of the header name matches the
// expected value want: trimmed values are equal, "..." in want standing
// for any run of characters. A Content-Type is compared without regard to
// case, and an expected one without parameters ignores got's (application/json
// matches application/json; charset=utf-8).
func headerMatches(name, want, got string) bool {
	got = strings.TrimSpace(got)
	if !strings.EqualFold(name, "Content-Type") {
		return wildMatch(want, got)
	}
	if strings.Contains(want, wildcard) {
		return wildMatch(strings.ToLower(want), strings.ToLower(got))
	}
	wt, wp := mediaType(want)
	gt, gp := mediaType(got)
	if wt != gt {
		return false
	}
	for k, v := range wp {
		if gv, ok := gp[k]; !ok || gv != v {
			return false
		}
	}
	return true
}

// mediaType splits a Content-Type into its type, in lower case, and its
// parameters (names in lower case, a charset's value too).
func mediaType(s string) (string, map[string]string) {
	parts := strings.Split(s, ";")
	params := map[string]string{}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, "=")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.Trim(strings.TrimSpace(v), `"`)
		if k == "charset" {
			v = strings.ToLower(v)
		}
		if k != "" {
			params[k] = v
		}
	}
	return strings.ToLower(strings.TrimSpace(parts[0])), params
}

// bodyResult is what comparing a body found.
type bodyResult struct {
	problems  []string
	wildcards bool
	got       *jsonValue // the parsed body, when JSON was expected and it is JSON
	focus     []any      // the path of the first difference in got
}

// compareBody compares a response's body with the expected one. An empty
// expected body matches any body. An expected body that is JSON needs a
// JSON body that holds it (see jsonMatcher); any other expected text must
// appear in the body, "..." standing for any run of characters.
func compareBody(want string, got []byte, c Captures, made Captures) bodyResult {
	if text, err := c.expand(want, inExpect); err == nil && json.Valid([]byte(text)) {
		return compareJSON(text, got, made)
	}
	text, err := c.expand(want, asText)
	if err != nil {
		return bodyResult{problems: []string{err.Error()}}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return bodyResult{}
	}
	body := strings.ReplaceAll(string(got), "\r\n", "\n")
	if wildMatch(wildcard+text+wildcard, body) {
		return bodyResult{}
	}
	r := bodyResult{wildcards: strings.Contains(text, wildcard)}
	if len(bytes.TrimSpace(got)) == 0 {
		r.problems = []string{fmt.Sprintf("the body is empty; expected it to contain %q", shortenText(text, 200))}
	} else {
		r.problems = []string{fmt.Sprintf("the body does not contain %q", shortenText(text, 200))}
	}
	return r
}

func compareJSON(want string, got []byte, made Captures) bodyResult {
	w, err := parseJSON([]byte(want))
	if err != nil { // cannot happen: want is valid JSON
		return bodyResult{problems: []string{"the expected body is not JSON: " + err.Error()}}
	}
	g, err := parseJSON(got)
	if len(bytes.TrimSpace(got)) == 0 {
		return bodyResult{problems: []string{"expected a JSON body, got an empty body"}}
	}
	if err != nil {
		return bodyResult{problems: []string{fmt.Sprintf("expected a JSON body, got one that is not JSON (%v)", err)}}
	}
	jm := jsonMatcher{made: made}
	jm.match([]any{}, w, g)
	return bodyResult{problems: jm.problems, wildcards: jm.wildcards, got: &g, focus: jm.first}
}

// jsonMatcher compares an expected JSON value with an actual one as a
// subset: an expected object's keys must be in the actual object, with
// matching values, and other keys are allowed; arrays must have the same
// length and match item by item; numbers are equal as numbers (1 = 1.0);
// the string "..." matches any value, a string holding "..." any string
// that it matches with "..." standing for any run of characters, and the
// string "{{name}}" any value, which it captures.
type jsonMatcher struct {
	made      Captures
	problems  []string
	first     []any // path of the first problem
	wildcards bool
}

// fail records a problem at path. The matcher reuses the array under
// path: what it keeps of it, it copies.
func (m *jsonMatcher) fail(path []any, format string, args ...any) {
	if m.first == nil {
		m.first = slices.Clone(path)
		if m.first == nil {
			m.first = []any{}
		}
	}
	m.problems = append(m.problems, pathString(path)+": "+fmt.Sprintf(format, args...))
}

func (m *jsonMatcher) match(path []any, want, got jsonValue) {
	if want.kind == jString {
		if want.text == wildcard {
			return
		}
		if name, ok := captureName(want.text); ok {
			m.made[name] = got.captureText()
			return
		}
		if strings.Contains(want.text, wildcard) {
			if got.kind != jString || !wildMatch(want.text, got.text) {
				m.wildcards = true
				m.fail(path, "expected a string matching %s, got %s", want.short(), got.describe())
			}
			return
		}
	}
	if want.kind != got.kind {
		m.fail(path, "expected %s, got %s", want.describe(), got.describe())
		return
	}
	switch want.kind {
	case jObject:
		m.matchObject(path, want, got)
	case jArray:
		if len(want.items) != len(got.items) {
			m.fail(path, "expected %d %s, got %d", len(want.items), plural(len(want.items), "item"), len(got.items))
			return
		}
		for i := range want.items {
			m.match(append(path, i), want.items[i], got.items[i])
		}
	case jNumber:
		if !sameNumber(want.text, got.text) {
			m.fail(path, "expected %s, got %s", want.short(), got.short())
		}
	case jString, jBool:
		if want.text != got.text {
			m.fail(path, "expected %s, got %s", want.short(), got.short())
		}
	}
}

func (m *jsonMatcher) matchObject(path []any, want, got jsonValue) {
	member := got.member
	if len(want.keys) > 8 && len(got.keys) > 8 { // look keys up in a map, not one by one
		index := make(map[string]int, len(got.keys))
		for i, k := range got.keys {
			index[k] = i // the last one of a key given twice
		}
		member = func(k string) (jsonValue, bool) {
			i, ok := index[k]
			if !ok {
				return jsonValue{}, false
			}
			return got.vals[i], true
		}
	}
	for i, k := range want.keys {
		sub := append(path, k)
		g, ok := member(k)
		if !ok {
			m.fail(sub, "missing%s", similarKey(k, got))
			continue
		}
		m.match(sub, want.vals[i], g)
	}
}

// similarKey points at a key of got that differs from the missing key k
// only in case, '_' or '-' (playerName, player_name).
func similarKey(k string, got jsonValue) string {
	if len(got.keys) > 100 {
		return ""
	}
	fold := func(s string) string {
		return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, "_", ""), "-", ""))
	}
	for _, gk := range got.keys {
		if fold(gk) == fold(k) {
			return fmt.Sprintf(" (the response has %s: a key must be written exactly)", quoteJSON(gk))
		}
	}
	return ""
}

func sameNumber(a, b string) bool {
	ca, okA := canonNumber(a)
	cb, okB := canonNumber(b)
	if okA && okB {
		return ca == cb
	}
	return a == b
}

// pathString writes a JSON path: $, .key (["key"] for a key that is not a
// name) and [index].
func pathString(path []any) string {
	var b strings.Builder
	b.WriteString("$")
	for _, p := range path {
		switch p := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		case string:
			if isName(p) {
				b.WriteString("." + p)
			} else {
				b.WriteString("[" + quoteJSON(p) + "]")
			}
		}
	}
	return b.String()
}

func isName(s string) bool {
	for i, c := range s {
		ok := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9'
		if !ok {
			return false
		}
	}
	return s != ""
}

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

// parseJSON parses b, which must hold one JSON value.
func parseJSON(b []byte) (jsonValue, error) {
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
