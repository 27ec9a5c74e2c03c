package httpmatch

import (
	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// How the JSON values of HTTP bodies (lessons.JSON) are shown in messages.

// jsonAt returns the value of v at path, or at the longest part of path
// that leads to a value, and that part.
func jsonAt(v lessons.JSON, path []any) (lessons.JSON, []any) {
	for i, p := range path {
		var next lessons.JSON
		ok := false
		switch p := p.(type) {
		case int:
			if v.Kind == lessons.JSONArray && p < len(v.Items) {
				next, ok = v.Items[p], true
			}
		case string:
			if v.Kind == lessons.JSONObject {
				next, ok = v.Member(p)
			}
		}
		if !ok {
			return v, path[:i]
		}
		v = next
	}
	return v, path
}

// maxPretty bounds the pretty JSON written for a message, which deep
// nesting could make huge.
const maxPretty = 64 << 10

// pretty writes v as JSON indented by two spaces, up to about maxPretty
// bytes; complete is false when it stopped there.
func pretty(v lessons.JSON) (s string, complete bool) {
	return v.Pretty(maxPretty)
}

// shortJSON is v as JSON, cut to one line of a message.
func shortJSON(v lessons.JSON) string {
	return textfmt.Shorten(v.Compact(), 60)
}

// describeJSON names v's type with its value, for a message.
func describeJSON(v lessons.JSON) string {
	switch v.Kind {
	case lessons.JSONObject:
		return "an object"
	case lessons.JSONArray:
		return "an array"
	case lessons.JSONString:
		return "the string " + shortJSON(v)
	case lessons.JSONNumber:
		return "the number " + shortJSON(v)
	}
	return shortJSON(v)
}
