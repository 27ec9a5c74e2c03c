// Package httpmatch compares the answer of a learner's server with the
// expect block of an http check, and says how they differ for a beginner.
//
// Its files, one idea each: captures.go, the values an answer captures and
// a later request uses ({{name}}); compare.go, the status, headers and body
// compared; jsonmatch.go, a JSON body matched with the expected JSON;
// mismatch.go, the Mismatch a screen draws and its message; advice.go, what
// a wrong status usually means; show.go and json.go, bodies and JSON values
// cut to fit a message.
package httpmatch

import (
	"bytes"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// Compare compares a response (its status, headers and body) with
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
func Compare(want lessons.Response, status int, header http.Header, body []byte, c Captures) (*Mismatch, Captures) {
	made := Captures{}
	m := &Mismatch{WantStatus: want.Status, GotStatus: status, Header: shownHeaders(want, status, header)}
	b := compareBody(want, body, c, made) // even when not judged, for its captures
	captureHeaders(want.Header, header, c, made)
	if status == want.Status || status/100 == 2 && want.Status/100 == 2 {
		m.compareHeaders(want.Header, header, c)
		m.BodyProblems = b.problems
		m.wildcards = m.wildcards || b.wildcards
	} else {
		b.focus = nil
	}
	if status == want.Status && len(m.HeaderProblems) == 0 && len(m.BodyProblems) == 0 {
		return nil, made
	}
	m.Body, m.BodyPath = showBody(body, b.got, b.focus)
	return m, made
}

// shownHeaders picks the response's headers that a message shows.
func shownHeaders(want lessons.Response, status int, header http.Header) http.Header {
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

// headerCapture returns the name of the capture that an expected header
// value w makes: w is one {{name}} and nothing else, and no earlier check
// captured name. Such a value matches any value of the header, and
// captures it whole (an ETag with its quotes). Once name is captured, the
// same {{name}} stands for its value, which the header must have.
func headerCapture(w string, c Captures) (string, bool) {
	name, ok := onePlaceholder(w)
	if !ok {
		return "", false
	}
	_, captured := c[name]
	return name, !captured
}

// onePlaceholder returns the name of w when w is one {{name}} and nothing
// else (spaces around it aside).
func onePlaceholder(w string) (string, bool) {
	w = strings.TrimSpace(w)
	ms := lessons.Placeholders(w)
	if len(ms) != 1 || ms[0][0] != 0 || ms[0][1] != len(w) {
		return "", false
	}
	return w[ms[0][2]:ms[0][3]], true
}

// captureHeaders adds to made the values of the headers that want
// captures (see headerCapture), when the answer has them: made even when
// the answer does not match, so that later checks can run.
func captureHeaders(want, got http.Header, c, made Captures) {
	for name, ws := range want {
		for _, w := range ws {
			if capture, ok := headerCapture(w, c); ok {
				if values := headerValues(got, name); len(values) > 0 {
					made[capture] = strings.Join(values, ", ")
				}
			}
		}
	}
}

// compareHeaders checks that each expected header is in got, with a
// matching value, and sets m's header problems. A value that captures
// (see headerCapture) only needs the header to be there.
func (m *Mismatch) compareHeaders(want, got http.Header, c Captures) {
	for _, name := range slices.Sorted(maps.Keys(want)) {
		for _, raw := range want[name] {
			raw = strings.TrimSpace(raw)
			values := headerValues(got, name)
			if capture, ok := headerCapture(raw, c); ok {
				if len(values) == 0 {
					m.HeaderProblems = append(m.HeaderProblems, fmt.Sprintf("%s: missing; expected a value, which the checks after this one use ({{%s}})", name, capture))
					m.headerAdvice = true
				}
				continue
			}
			w, err := c.expand(raw, asText)
			if err != nil {
				m.HeaderProblems = append(m.HeaderProblems, name+": "+err.Error())
				continue
			}
			if slices.ContainsFunc(values, func(v string) bool { return headerMatches(name, w, v) }) {
				continue
			}
			m.wildcards = m.wildcards || strings.Contains(w, textfmt.Wildcard)
			// A value made of captures is named as written, so that what a
			// problem expects stays the same from run to run (a fingerprint
			// keeps what comes before ", got"); the value follows the answer.
			shown, from := strconv.Quote(w), ""
			_, whole := onePlaceholder(raw)
			switch {
			case whole:
				shown, from = "the value an earlier answer gave it ("+raw+")", fmt.Sprintf("; the earlier answer gave %q", w)
			case w != raw:
				shown, from = raw, fmt.Sprintf("; with the values earlier answers gave, %s is %q", raw, w)
			}
			if len(values) == 0 {
				m.HeaderProblems = append(m.HeaderProblems, fmt.Sprintf("%s: missing; expected %s%s", name, shown, from))
				m.headerAdvice = true
				continue
			}
			m.HeaderProblems = append(m.HeaderProblems, fmt.Sprintf("%s: expected %s, got %q%s", name, shown, strings.Join(values, ", "), from))
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
		return textfmt.WildMatch(want, got)
	}
	if strings.Contains(want, textfmt.Wildcard) {
		return textfmt.WildMatch(strings.ToLower(want), strings.ToLower(got))
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
	got       *lessons.JSON // the parsed body, when JSON was expected and it is JSON
	focus     []any         // the path of the first difference in got
}

// compareBody compares a response's body with the expected one. An empty
// expected body matches any body. An expected body that is JSON needs a
// JSON body that holds it (see jsonMatcher); any other expected text must
// appear in the body, "..." standing for any run of characters.
func compareBody(want lessons.Response, got []byte, c Captures, made Captures) bodyResult {
	if want.JSON != nil {
		if err := c.missing(*want.JSON); err != nil {
			return bodyResult{problems: []string{err.Error()}}
		}
		return compareJSON(*want.JSON, want.Exact, got, c, made)
	}
	text, err := c.expand(want.Body, asText)
	if err != nil {
		return bodyResult{problems: []string{err.Error()}}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return bodyResult{}
	}
	body := strings.ReplaceAll(string(got), "\r\n", "\n")
	if textfmt.WildMatch(textfmt.Wildcard+text+textfmt.Wildcard, body) {
		return bodyResult{}
	}
	r := bodyResult{wildcards: strings.Contains(text, textfmt.Wildcard)}
	if len(bytes.TrimSpace(got)) == 0 {
		r.problems = []string{fmt.Sprintf("the body is empty; expected it to contain %q", textfmt.Shorten(text, 200))}
	} else {
		r.problems = []string{fmt.Sprintf("the body does not contain %q", textfmt.Shorten(text, 200))}
	}
	return r
}
