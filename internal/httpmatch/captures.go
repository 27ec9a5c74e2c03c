package httpmatch

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
)

// Captures are the values that "{{name}}" strings in the expect blocks of
// a step's earlier http checks matched, by name: a JSON string as its text
// without quotes, any other JSON value as its compact JSON text.
//
// A later request uses a capture by writing {{name}}, which is replaced by
// the captured text as it is. In a JSON body, quotes are the author's to
// write: {"id": {{score_id}}} sends a captured number as a number, and
// {"player": "{{player}}"} sends a captured string as a string.
type Captures map[string]string

// Expand returns r with each {{name}} of its path, header values
// and body replaced by the value captured as name. In the path a value is
// escaped, as a path segment before the '?' and as a query value after it;
// elsewhere it is written as it is. A name that no earlier check captured
// is an error that names it.
func Expand(r lessons.Request, c Captures) (lessons.Request, error) {
	out := lessons.Request{Method: r.Method, Header: make(http.Header, len(r.Header))}
	var err error
	if out.Path, err = c.expand(r.Path, inPath); err != nil {
		return lessons.Request{}, err
	}
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[name] {
			v, err := c.expand(v, asText)
			if err != nil {
				return lessons.Request{}, err
			}
			out.Header[name] = append(out.Header[name], v)
		}
	}
	if out.Body, err = c.expand(r.Body, asText); err != nil {
		return lessons.Request{}, err
	}
	return out, nil
}

// expandMode says where a text with placeholders stands.
type expandMode int

const (
	asText expandMode = iota // every {{name}} is replaced as it is
	inPath                   // values are escaped for a URL path and query
)

// expand replaces the placeholders of s with the captured values.
func (c Captures) expand(s string, mode expandMode) (string, error) {
	var b strings.Builder
	last := 0
	for _, m := range lessons.Placeholders(s) {
		start, end, name := m[0], m[1], s[m[2]:m[3]]
		v, ok := c[name]
		if !ok {
			return "", notCaptured(name)
		}
		if mode == inPath {
			if q := strings.IndexByte(s, '?'); q >= 0 && q < start {
				v = url.QueryEscape(v)
			} else {
				v = url.PathEscape(v)
			}
		}
		b.WriteString(s[last:start] + v)
		last = end
	}
	if last == 0 {
		return s, nil
	}
	b.WriteString(s[last:])
	return b.String(), nil
}

// notCaptured is the error of a {{name}} that no earlier check captured.
func notCaptured(name string) error {
	return fmt.Errorf("{{%s}} was not captured by an earlier check: this request uses a value an earlier check takes from your server's answer, and that check did not get it (fix its failure first)", name)
}
