package httpmatch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// missing returns the error of the first name that want uses (a reference
// or a template's) and c does not hold; nil when c holds them all.
func (c Captures) missing(want lessons.JSON) error {
	switch want.Kind {
	case lessons.JSONReference:
		if _, ok := c[want.Text]; !ok {
			return notCaptured(want.Text)
		}
	case lessons.JSONTemplate:
		for i := 1; i < len(want.Parts); i += 2 {
			if _, ok := c[want.Parts[i]]; !ok {
				return notCaptured(want.Parts[i])
			}
		}
	}
	for _, list := range [][]lessons.JSON{want.Items, want.Values} {
		for _, v := range list {
			if err := c.missing(v); err != nil {
				return err
			}
		}
	}
	return nil
}

func compareJSON(want lessons.JSON, exact bool, got []byte, c, made Captures) bodyResult {
	if len(bytes.TrimSpace(got)) == 0 {
		return bodyResult{problems: []string{"expected a JSON body, got an empty body"}}
	}
	if n := lessons.CountJSON(got); n > lessons.MaxJSONValues {
		return bodyResult{problems: []string{fmt.Sprintf("the body holds %d JSON values, more than the %d sandcastle judges: "+
			"does the server answer with every row of a table, or the same rows many times (a join without a condition)?",
			n, lessons.MaxJSONValues)}}
	}
	g, err := lessons.ParseJSON(got)
	if err != nil {
		if n := jsonValues(got); n > 1 {
			return bodyResult{problems: []string{fmt.Sprintf("expected one JSON body, got %d JSON values one after the other: "+
				"does your server answer twice, with no return after its first answer?", n)}}
		}
		return bodyResult{problems: []string{notJSON(got, err)}}
	}
	jm := jsonMatcher{captured: c, made: made, exact: exact}
	jm.match([]any{}, want, g)
	return bodyResult{problems: jm.problems, wildcards: jm.wildcards, got: &g, focus: jm.first}
}

// Python's way of writing a dict or a list (str(), print()): text in single
// quotes, and True, False and None.
var (
	pythonQuotes   = regexp.MustCompile(`^[\[{]\s*'|[{,]\s*'[^'"]*'\s*:`)
	pythonLiterals = regexp.MustCompile(`[:\[,]\s*(True|False|None)\s*[,}\]]`)
)

// notJSON says why a body that should be JSON is not: in the words of its
// likely cause when it looks like a Python dict written as text, else as
// the JSON reader says.
func notJSON(body []byte, err error) string {
	s := string(bytes.TrimSpace(body))
	switch {
	case pythonQuotes.MatchString(s):
		return "expected a JSON body, got one that is not JSON: it has text in single quotes ('player'), the way Python's " +
			"str() and print() write a dict. JSON needs double quotes: send json.dumps(data)."
	case pythonLiterals.MatchString(s):
		return "expected a JSON body, got one that is not JSON: it holds True, False or None, the way Python's str() " +
			"writes them. JSON writes true, false and null: send json.dumps(data)."
	}
	return fmt.Sprintf("expected a JSON body, got one that is not JSON (%v)", err)
}

// jsonMatcher compares an expected JSON value with an actual one as a
// subset: an expected object's keys must be in the actual object, with
// matching values, and other keys are allowed; arrays must have the same
// length and match item by item; numbers are equal as numbers (1 = 1.0);
// the string "..." matches any value, a string holding "..." any string
// that it matches with "..." standing for any run of characters, and the
// string "{{name}}" any value, which it captures. A {{name}} written as a
// value must be the value an earlier check captured (see matchCaptured), and
// a string that holds {{name}} among other text is matched with each name
// replaced by its capture.
type jsonMatcher struct {
	captured  Captures // by earlier checks; they hold every name used (see missing)
	made      Captures
	problems  []string
	first     []any // path of the first problem
	wildcards bool
	// exact: an object holds only the keys expected (expect exact).
	exact bool
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

func (m *jsonMatcher) match(path []any, want, got lessons.JSON) {
	switch want.Kind {
	case lessons.JSONCapture:
		m.made[want.Text] = got.CaptureText()
		return
	case lessons.JSONReference:
		m.matchCaptured(path, m.captured[want.Text], got)
		return
	case lessons.JSONTemplate:
		want = lessons.JSON{Kind: lessons.JSONString, Text: m.captured.fill(want.Parts)}
	}
	if want.Kind == lessons.JSONString {
		if want.Text == textfmt.Wildcard {
			return
		}
		if strings.Contains(want.Text, textfmt.Wildcard) {
			if got.Kind != lessons.JSONString || !textfmt.WildMatch(want.Text, got.Text) {
				m.wildcards = true
				caseOnly := ""
				if got.Kind == lessons.JSONString && textfmt.WildMatch(strings.ToLower(want.Text), strings.ToLower(got.Text)) {
					caseOnly = " (only capital letters differ: write them as expected)"
				}
				m.fail(path, "expected a string matching %s, got %s%s", shortJSON(want), describeJSON(got), caseOnly)
			}
			return
		}
	}
	if want.Kind != got.Kind {
		m.fail(path, "expected %s, got %s", describeJSON(want), describeJSON(got))
		return
	}
	switch want.Kind {
	case lessons.JSONObject:
		m.matchObject(path, want, got)
	case lessons.JSONArray:
		if len(want.Items) != len(got.Items) {
			m.fail(path, "expected %d %s, got %d", len(want.Items), textfmt.Plural(len(want.Items), "item"), len(got.Items))
			return
		}
		for i := range want.Items {
			m.match(append(path, i), want.Items[i], got.Items[i])
		}
	case lessons.JSONNumber:
		if !sameNumber(want.Text, got.Text) {
			m.fail(path, "expected %s, got %s", shortJSON(want), shortJSON(got))
		}
	case lessons.JSONString, lessons.JSONBool:
		if want.Text != got.Text {
			m.fail(path, "expected %s, got %s", shortJSON(want), shortJSON(got))
		}
	}
}

// matchCaptured matches got with the text an earlier check captured (see
// JSON.CaptureText): a string must be that text, any other value must
// write it, numbers being equal as numbers (7 = 7.0).
func (m *jsonMatcher) matchCaptured(path []any, captured string, got lessons.JSON) {
	if got.Kind == lessons.JSONString && got.Text == captured || got.Kind != lessons.JSONString && sameNumber(captured, got.CaptureText()) {
		return
	}
	shown := captured
	if got.Kind == lessons.JSONString {
		shown = lessons.QuoteJSON(captured)
	}
	m.fail(path, "expected %s, got %s", textfmt.Shorten(shown, 60), shortJSON(got))
}

// fill writes a template's parts (text, name, text, ...) with each name
// replaced by its capture.
func (c Captures) fill(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			p = c[p]
		}
		b.WriteString(p)
	}
	return b.String()
}

func (m *jsonMatcher) matchObject(path []any, want, got lessons.JSON) {
	member := got.Member
	if len(want.Keys) > 8 && len(got.Keys) > 8 { // look keys up in a map, not one by one
		index := make(map[string]int, len(got.Keys))
		for i, k := range got.Keys {
			index[k] = i // the last one of a key given twice
		}
		member = func(k string) (lessons.JSON, bool) {
			i, ok := index[k]
			if !ok {
				return lessons.JSON{}, false
			}
			return got.Values[i], true
		}
	}
	for i, k := range want.Keys {
		sub := append(path, k)
		g, ok := member(k)
		if !ok {
			m.fail(sub, "missing%s", similarKey(k, got))
			continue
		}
		m.match(sub, want.Values[i], g)
	}
	if !m.exact {
		return
	}
	for _, k := range got.Keys {
		if !slices.Contains(want.Keys, k) {
			m.fail(append(path, k), "not expected: the answer must hold only %s", keyList(want.Keys))
		}
	}
}

// keyList names the keys of an object for a message: "error", "id and player".
func keyList(keys []string) string {
	if len(keys) == 0 {
		return "an empty object"
	}
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = strconv.Quote(k)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// similarKey points at a key of got that differs from the missing key k
// only in case, '_' or '-' (playerName, player_name).
func similarKey(k string, got lessons.JSON) string {
	if len(got.Keys) > 100 {
		return ""
	}
	fold := func(s string) string {
		return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, "_", ""), "-", ""))
	}
	for _, gk := range got.Keys {
		if fold(gk) == fold(k) {
			return fmt.Sprintf(" (the response has %s: a key must be written exactly)", lessons.QuoteJSON(gk))
		}
	}
	return ""
}

func sameNumber(a, b string) bool {
	ca, okA := textfmt.CanonNumber(a)
	cb, okB := textfmt.CanonNumber(b)
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
				b.WriteString("[" + lessons.QuoteJSON(p) + "]")
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

// jsonValues counts the JSON values a body holds one after the other, as a
// handler that answers twice writes them; 0 when the body does not start
// with one.
func jsonValues(body []byte) int {
	dec := json.NewDecoder(bytes.NewReader(body))
	n := 0
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			return n
		}
		n++
	}
}
