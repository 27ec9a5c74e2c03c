package lessons

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func str(s string) JSON { return JSON{Kind: JSONString, Text: s} }
func num(s string) JSON { return JSON{Kind: JSONNumber, Text: s} }

func TestParseExpectedJSON(t *testing.T) {
	tests := []struct {
		name string
		body string
		want JSON
	}{
		{"keys in the order written, a key given twice twice", `{"b": 1, "a": 2, "b": 3}`,
			JSON{Kind: JSONObject, Keys: []string{"b", "a", "b"}, Values: []JSON{num("1"), num("2"), num("3")}}},
		{"numbers as written", `[1.50, -0, 1e3, 2E-2, 12345678901234567890]`,
			JSON{Kind: JSONArray, Items: []JSON{num("1.50"), num("-0"), num("1e3"), num("2E-2"), num("12345678901234567890")}}},
		{"literals and escapes", "[true, false, null, \"a\\\"b\\u00e9\\n\", \"\u00e9\"]",
			JSON{Kind: JSONArray, Items: []JSON{{Kind: JSONBool, Text: "true"}, {Kind: JSONBool, Text: "false"}, {Kind: JSONNull},
				str("a\"b\u00e9\n"), str("\u00e9")}}},
		{"a bare placeholder is a reference", `{"id": {{ score_id }}}`,
			JSON{Kind: JSONObject, Keys: []string{"id"}, Values: []JSON{{Kind: JSONReference, Text: "score_id"}}}},
		{"a whole body that is a placeholder", `{{id}}`, JSON{Kind: JSONReference, Text: "id"}},
		{"a string that is a placeholder captures", `["{{id}}", "{{ token }}"]`,
			JSON{Kind: JSONArray, Items: []JSON{{Kind: JSONCapture, Text: "id"}, {Kind: JSONCapture, Text: "token"}}}},
		{"a placeholder among text is a template", `"/scores/{{id}}?p={{ p }}"`,
			JSON{Kind: JSONTemplate, Text: "/scores/{{id}}?p={{ p }}", Parts: []string{"/scores/", "id", "?p=", "p", ""}}},
		{"two placeholders side by side", `"{{a}}{{b}}"`,
			JSON{Kind: JSONTemplate, Text: "{{a}}{{b}}", Parts: []string{"", "a", "", "b", ""}}},
		{"what is not a placeholder is text", `["{{ 1 }}", "{{}}", "{{a"]`,
			JSON{Kind: JSONArray, Items: []JSON{str("{{ 1 }}"), str("{{}}"), str("{{a")}}},
		{"keys are text", `{"{{k}}": "..."}`, JSON{Kind: JSONObject, Keys: []string{"{{k}}"}, Values: []JSON{str("...")}}},
		{"empty containers", `[[], {}]`, JSON{Kind: JSONArray, Items: []JSON{{Kind: JSONArray}, {Kind: JSONObject}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExpectedJSON(tt.body)
			if err != nil {
				t.Fatalf("ParseExpectedJSON(%s): %v", tt.body, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseExpectedJSON(%s) =\n%#v\nwant\n%#v", tt.body, got, tt.want)
			}
		})
	}
}

func TestParseExpectedJSONErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"a word where a value goes", "{\"id\": 1,\n \"player\": ada}", "line 2: invalid character 'a' looking for beginning of value"},
		{"a missing comma", `[1 2]`, "line 1: invalid character '2' after array element"},
		{"a key without quotes", `{id: 1}`, "line 1: invalid character 'i' looking for beginning of object key string"},
		{"a placeholder as a key", `{ {{k}}: 1}`, "line 1: invalid character '{' looking for beginning of object key string"},
		{"a missing colon", `{"a" 1}`, "line 1: invalid character '1' after object key"},
		{"a trailing comma", `{"a": 1,}`, "line 1: invalid character '}' looking for beginning of object key string"},
		{"unclosed", `{"a": [1`, "line 1: unexpected end of JSON input"},
		{"unclosed string", `"abc`, "line 1: unexpected end of JSON input"},
		{"a placeholder glued to a number", `[1{{x}}]`, "line 1: invalid character '{' after array element"},
		{"text after the value", `{} saved`, "line 1: invalid character 's' after top-level value"},
		{"a leading zero", `[01]`, "line 1: invalid character '1' after array element"},
		{"a bad number", `[-x]`, "line 1: invalid character 'x' in numeric literal"},
		{"a bad literal", `[tru]`, "line 1: invalid character ']' in literal true (expecting 'e')"},
		{"a bad escape", `["\x"]`, "line 1: invalid character 'x' in string escape code"},
		{"a line break in a string", "[\"a\nb\"]", `line 1: invalid character '\n' in string literal`},
		{"deep nesting", strings.Repeat("[", maxJSONDepth+1), "more than 10000 arrays and objects one inside the other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExpectedJSON(tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseExpectedJSON(%q) error = %v, want %q", tt.body, err, tt.want)
			}
		})
	}
}

// The bound: a body of more values than MaxJSONValues is refused before it
// is parsed, the expected one and an answer alike.
func TestJSONBound(t *testing.T) {
	big := "[" + strings.Repeat("0,", MaxJSONValues) + "0]"
	want := "100002 JSON values, more than the 100000 sandcastle parses"
	if _, err := ParseExpectedJSON(big); err == nil || err.Error() != want {
		t.Errorf("ParseExpectedJSON error = %v, want %q", err, want)
	}
	if _, err := ParseJSON([]byte(big)); err == nil || err.Error() != want {
		t.Errorf("ParseJSON error = %v, want %q", err, want)
	}
	under := "[" + strings.Repeat("0,", MaxJSONValues-2) + "0]"
	if v, err := ParseJSON([]byte(under)); err != nil || len(v.Items) != MaxJSONValues-1 {
		t.Errorf("ParseJSON of %d values: %d items, %v", MaxJSONValues, len(v.Items), err)
	}
}

// ParseJSON reads an answer as encoding/json does: the same texts are
// JSON, with the same strings, and its errors are encoding/json's.
func TestParseJSONAsEncodingJSON(t *testing.T) {
	for _, body := range []string{
		`{"a": [1, 2.5, -3e2], "b": {"c": null}, "d": true}`, `"\ud83d\ude00 \u00e9 \/"`, "\"\xff\"", `"\ud800"`,
		`{{id}}`, `"{{id}}"`, `[1,]`, `01`, `1.`, `- 1`, `"a` + "\t" + `"`, ` [ ] `, ``, `nul`,
	} {
		got, err := ParseJSON([]byte(body))
		var v any
		wantErr := json.Unmarshal([]byte(body), &v)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Errorf("ParseJSON(%q) error = %v, encoding/json's %v", body, err, wantErr)
			continue
		}
		if err != nil {
			continue
		}
		var compact any
		if err := json.Unmarshal([]byte(got.Compact()), &compact); err != nil || !reflect.DeepEqual(compact, v) {
			t.Errorf("ParseJSON(%q) writes %s, which reads as %#v, want %#v", body, got.Compact(), compact, v)
		}
		if got.Kind == JSONString && got.Text != v {
			t.Errorf("ParseJSON(%q) = %q, encoding/json reads %q", body, got.Text, v)
		}
	}
}

// FuzzExpectedJSON: the parser of expected bodies takes as JSON exactly
// what encoding/json does, placeholders apart, and an expected body writes
// itself back as text that parses the same.
func FuzzExpectedJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, "{{x}}", {{y}}, "a{{z}}b"]}`, `[1e5, -0.5, true, null]`, "\"\\u00e9\xff\"", `{"a":1,}`, `[01]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := ParseExpectedJSON(body)
		if !strings.Contains(body, "{{") && strings.Count(body, "[")+strings.Count(body, "{") < maxJSONDepth {
			if valid := json.Valid([]byte(body)); valid != (err == nil) {
				t.Fatalf("ParseExpectedJSON(%q) error %v; json.Valid %v", body, err, valid)
			}
		}
		if err != nil {
			return
		}
		again, err := ParseExpectedJSON(v.Compact())
		if err != nil || !reflect.DeepEqual(again, v) {
			t.Fatalf("%q writes itself as %q, which parses as %#v, %v; want %#v", body, v.Compact(), again, err, v)
		}
	})
}

func TestParseResponseKeepsTextBodies(t *testing.T) {
	for _, body := range []string{"score {{id}} saved", "{\"id\": ada}", "{{id}} saved", "ok"} {
		r, err := ParseResponse("HTTP 200\n\n" + body)
		if err != nil || r.JSON != nil || r.Body != body {
			t.Errorf("ParseResponse(%q) = %+v, %v; want a text body", body, r, err)
		}
	}
	for _, body := range []string{`{"id": {{id}}}`, `"text"`, `42`, `null`} {
		if r, err := ParseResponse("HTTP 200\n\n" + body); err != nil || r.JSON == nil {
			t.Errorf("ParseResponse(%q) = %+v, %v; want a JSON body", body, r, err)
		}
	}
}

func TestCountJSON(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{`1`, 1}, {`[]`, 1}, {`{}`, 1}, {`[1]`, 2}, {`[1, 2, 3]`, 4}, {`{"a": 1, "b": [2, 3]}`, 5},
		{`["a,b", "[{\"x\", y"]`, 3}, {`[ [ ], { } ]`, 3}, {`[{"k": "\\"}, 2]`, 4},
	} {
		if got := CountJSON([]byte(tt.text)); got != tt.want {
			t.Errorf("CountJSON(%s) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestQuoteJSON(t *testing.T) {
	for _, s := range []string{"", "ada", "<&>", `a"b`, `a\b`, "a\nb", "\x7f", "\u00e9", "\u2028", "\xff", "~ !"} {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := QuoteJSON(s), strings.TrimSuffix(b.String(), "\n"); got != want {
			t.Errorf("QuoteJSON(%q) = %s, want %s", s, got, want)
		}
	}
}
