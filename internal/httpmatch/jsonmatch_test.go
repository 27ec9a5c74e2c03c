package httpmatch

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

func TestCompareHTTPJSON(t *testing.T) {
	tests := []httpCase{
		{name: "more JSON values than a check judges", expect: "HTTP 200\n\n{\"scores\": []}", status: 200,
			body:         "[" + strings.Repeat("0,", 150_000) + "0]",
			bodyProblems: []string{"the body holds 150002 JSON values, more than the 100000 sandcastle judges"}},
		{name: "same JSON written another way", expect: "HTTP 200\n\n{\"player\": \"ada\", \"score\": 300}",
			status: 200, body: `{"score":300,"player":"ada"}`, ok: true},
		{name: "extra keys allowed", expect: "HTTP 200\n\n{\"player\": \"ada\"}",
			status: 200, body: `{"id": 7, "player": "ada", "score": 300}`, ok: true},
		{name: "wrong value and missing key", expect: "HTTP 201\n\n{\"player\": \"ada\", \"id\": \"...\"}",
			status: 201, body: `{"player": "bob", "score": 300}`,
			bodyProblems: []string{`$.player: expected "ada", got "bob"`, "$.id: missing"},
			phrases:      []string{"Wrong body:\n  $.player: expected \"ada\", got \"bob\"\n  $.id: missing\n", "{\n      \"player\": \"bob\",\n      \"score\": 300\n    }"}},
		{name: "nested objects", expect: "HTTP 200\n\n{\"player\": {\"name\": \"ada\", \"country\": \"UK\"}}",
			status: 200, body: `{"player": {"name": "ada", "country": "FR", "age": 36}}`,
			bodyProblems: []string{`$.player.country: expected "UK", got "FR"`}},
		{name: "object expected, array got", expect: "HTTP 200\n\n{\"scores\": []}", status: 200, body: `[]`,
			bodyProblems: []string{"$: expected an object, got an array"}},
		{name: "array length", expect: "HTTP 200\n\n{\"scores\": [1, 2, 3]}", status: 200, body: `{"scores": [1, 2]}`,
			bodyProblems: []string{"$.scores: expected 3 items, got 2"}},
		{name: "one item", expect: "HTTP 200\n\n[1]", status: 200, body: `[]`,
			bodyProblems: []string{"$: expected 1 item, got 0"}},
		{name: "array order matters", expect: "HTTP 200\n\n{\"scores\": [{\"player\": \"ada\"}, {\"player\": \"bob\"}]}",
			status: 200, body: `{"scores": [{"player": "bob"}, {"player": "ada"}]}`,
			bodyProblems: []string{`$.scores[0].player: expected "ada", got "bob"`, `$.scores[1].player: expected "bob", got "ada"`}},
		{name: "array items are subsets too", expect: "HTTP 200\n\n[{\"player\": \"ada\"}]",
			status: 200, body: `[{"player": "ada", "score": 3}]`, ok: true},
		{name: "numbers equal as numbers", expect: "HTTP 200\n\n{\"a\": 1, \"b\": 1.0, \"c\": 1e2, \"d\": -0.5}",
			status: 200, body: `{"a": 1.0, "b": 1, "c": 100, "d": -5e-1}`, ok: true},
		{name: "different numbers", expect: "HTTP 200\n\n{\"score\": 300}", status: 200, body: `{"score": 301}`,
			bodyProblems: []string{"$.score: expected 300, got 301"}},
		{name: "number expected, string got", expect: "HTTP 200\n\n{\"score\": 300}", status: 200, body: `{"score": "300"}`,
			bodyProblems: []string{`$.score: expected the number 300, got the string "300"`}},
		{name: "true, false and null", expect: "HTTP 200\n\n{\"a\": true, \"b\": false, \"c\": null}",
			status: 200, body: `{"a": true, "b": false, "c": null}`, ok: true},
		{name: "wrong boolean", expect: "HTTP 200\n\n{\"done\": true}", status: 200, body: `{"done": false}`,
			bodyProblems: []string{"$.done: expected true, got false"}},
		{name: "null expected", expect: "HTTP 200\n\n{\"best\": null}", status: 200, body: `{"best": 0}`,
			bodyProblems: []string{"$.best: expected null, got the number 0"}},
		{name: "strings are compared exactly", expect: "HTTP 200\n\n{\"player\": \"Ada\"}", status: 200, body: `{"player": "ada"}`,
			bodyProblems: []string{`$.player: expected "Ada", got "ada"`}},
		{name: "... matches any value", expect: "HTTP 200\n\n{\"id\": \"...\", \"at\": \"...\", \"tags\": \"...\", \"x\": \"...\"}",
			status: 200, body: `{"id": 7, "at": "2024-01-01", "tags": ["a"], "x": null}`, ok: true},
		{name: "... needs the key", expect: "HTTP 200\n\n{\"id\": \"...\"}", status: 200, body: `{}`,
			bodyProblems: []string{"$.id: missing"}},
		{name: "... inside a string", expect: "HTTP 200\n\n{\"message\": \"saved ... for ada\", \"at\": \"2024-...\"}",
			status: 200, body: `{"message": "saved 300 points for ada", "at": "2024-05-01T10:00:00Z"}`, ok: true},
		{name: "... inside a string that does not match", expect: "HTTP 200\n\n{\"message\": \"saved ...\"}",
			status: 200, body: `{"message": "stored 300"}`,
			bodyProblems: []string{`$.message: expected a string matching "saved ...", got the string "stored 300"`},
			phrases:      []string{textfmt.WildcardNote}},
		{name: "... inside a string needs a string", expect: "HTTP 200\n\n{\"score\": \"3...\"}", status: 200, body: `{"score": 300}`,
			bodyProblems: []string{`$.score: expected a string matching "3...", got the number 300`}},
		{name: "a string that matches but for capital letters", expect: "HTTP 400\n\n{\"error\": \"...JSON...\"}", status: 400, body: `{"error": "invalid json"}`,
			bodyProblems: []string{`$.error: expected a string matching "...JSON...", got the string "invalid json" (only capital letters differ: write them as expected)`}},
		{name: "a key that differs only in its case or underscores", expect: "HTTP 200\n\n{\"playerName\": \"ada\"}",
			status: 200, body: `{"player_name": "ada"}`,
			bodyProblems: []string{`$.playerName: missing (the response has "player_name": a key must be written exactly)`}},
		{name: "a key that is not a name", expect: "HTTP 200\n\n{\"first name\": \"ada\"}", status: 200, body: `{"first name": "bob"}`,
			bodyProblems: []string{`$["first name"]: expected "ada", got "bob"`}},
		{name: "a scalar JSON body", expect: "HTTP 200\n\n42", status: 200, body: "42\n", ok: true},
		{name: "response that is not JSON", expect: "HTTP 200\n\n{\"player\": \"ada\"}", status: 200,
			header: http.Header{"Content-Type": {"text/html"}}, body: "<html>oops</html>",
			bodyProblems: []string{"expected a JSON body, got one that is not JSON (invalid character '<' looking for beginning of value)"},
			phrases:      []string{"<html>oops</html>"}},
		{name: "a Python dict written with str()", expect: "HTTP 201\n\n{\"player\": \"ada\"}", status: 201, body: `{'id': 4, 'player': 'ada'}`,
			bodyProblems: []string{"expected a JSON body, got one that is not JSON: it has text in single quotes ('player'), the way Python's str() and print() write a dict. JSON needs double quotes: send json.dumps(data)."}},
		{name: "Python's True and None", expect: "HTTP 200\n\n{\"ok\": true}", status: 200, body: `{"ok": True, "next": None}`,
			bodyProblems: []string{"expected a JSON body, got one that is not JSON: it holds True, False or None, the way Python's str() writes them. JSON writes true, false and null: send json.dumps(data)."}},
		{name: "JSON cut short", expect: "HTTP 200\n\n[1]", status: 200, body: "[1",
			bodyProblems: []string{"expected a JSON body, got one that is not JSON (unexpected end of JSON input)"}},
		{name: "two JSON values", expect: "HTTP 200\n\n[1]", status: 200, body: "[1]\n[2]",
			bodyProblems: []string{"expected one JSON body, got 2 JSON values one after the other: does your server answer twice, with no return after its first answer?"}},
		{name: "empty response when JSON expected", expect: "HTTP 200\n\n{\"id\": 1}", status: 200, body: " \n",
			bodyProblems: []string{"expected a JSON body, got an empty body"}, phrases: []string{"(no body)"}},
		{name: "duplicate keys: the last one counts", expect: "HTTP 200\n\n{\"a\": 2}", status: 200, body: `{"a": 1, "a": 2}`, ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestJSONMatchesItself checks that a JSON body without wildcards or
// captures matches itself.
func TestJSONMatchesItself(t *testing.T) {
	for _, body := range []string{
		`{"player": "ada", "score": 300, "tags": ["a", "b"], "best": {"at": null, "ok": true}}`,
		`[]`, `{}`, `""`, `0`, `-1.5e3`, `[[[]], {"": [{}]}]`, `"\u00e9\n\t\"<&>"`,
	} {
		exp, err := lessons.ParseResponse("HTTP 200\n\n" + body)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := Compare(exp, 200, nil, []byte(body), nil); m != nil {
			t.Errorf("%s does not match itself:\n%s", body, m)
		}
	}
}

func FuzzCompareHTTP(f *testing.F) {
	f.Add("HTTP 201\nContent-Type: application/json\n\n{\"player\": \"ada\", \"id\": \"{{score_id}}\"}", 201, "application/json", `{"player": "ada", "id": 7}`)
	f.Add("HTTP 201\n\n{\"player\": \"ada\", \"id\": \"...\"}", 404, "text/plain; charset=utf-8", "404 page not found\n")
	f.Add("HTTP 200\n\n{\"scores\": [{\"player\": \"ada\", \"score\": 300}, {\"player\": \"...\", \"score\": 1.0}]}", 200,
		"application/json", `{"scores": [{"player": "bob", "score": 300}]}`)
	f.Add("HTTP 200\n\n[1, 2, 3]", 200, "application/json", `{"a": [1, 2]}`)
	f.Add("HTTP 200\n\n{\"id\": {{score_id}}}", 200, "application/json", `{"id": 7}`)
	f.Add("HTTP/1.1 200 OK\nLocation: /scores/...\n\nsaved ... points", 301, "text/html", "<p>saved 3 points</p>")
	f.Add("HTTP 200\n\n\"a...b...c\"", 200, "application/json", `"abc"`)
	f.Add("HTTP 200\n\n{\"a\": {\"b\": {\"c\": [\"{{x}}\", \"...\"]}}}", 200, "application/json", `{"a": {"b": {"c": [{}, null]}}}`)
	f.Add("HTTP 500\n\n", 500, "", "\xff\xfe\x00")
	f.Add("HTTP 200\n\n1e400", 200, "application/json", "1e400")
	f.Add("HTTP 200\n\n[[[[[[[[[[]]]]]]]]]]", 200, "application/json", "[[[[[[[[[[[[[[[[[[[[")
	f.Fuzz(func(t *testing.T, expect string, status int, contentType, body string) {
		want, err := lessons.ParseResponse(expect)
		if err != nil {
			return
		}
		header := http.Header{"Content-Type": {contentType}, "Location": {contentType}}
		m, made := Compare(want, status, header, []byte(body), Captures{"score_id": "7"})
		if made == nil {
			t.Fatal("nil captures")
		}
		if m == nil {
			return
		}
		req, err := lessons.ParseRequest("POST /scores/{{score_id}}\nX-A: {{score_id}}\n\n" + body)
		if err != nil {
			t.Fatalf("ParseRequest: %v", err)
		}
		if req, err = Expand(req, made); err != nil {
			req = lessons.Request{Method: "GET", Path: "/"}
		}
		if m.WithRequest(req).Error() == "" {
			t.Fatal("empty message for a mismatch")
		}
		_ = m.Hint()
	})
}

func TestPrettyJSON(t *testing.T) {
	for _, body := range []string{
		`{"player": "ada", "score": 3.50, "tags": ["a", {}], "best": {"at": null, "ok": true, "e": []}}`,
		`[]`, `"<&>\u00e9"`, `[[1,[2]],{"a":{"b":[]}}]`,
	} {
		v, err := lessons.ParseJSON([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(v.Compact()), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got, complete := pretty(v); got != want.String() || !complete {
			t.Errorf("pretty(%s) =\n%s\nwant:\n%s", body, got, want.String())
		}
	}
	t.Run("deep nesting is cut", func(t *testing.T) {
		deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
		exp, err := lessons.ParseResponse("HTTP 200\n\n" + deep)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := Compare(exp, 500, nil, []byte(deep), nil)
		if !strings.HasSuffix(m.Body, "... (the rest is left out)") || len(m.Body) > maxBodyBytes+100 {
			t.Errorf("Body of %d bytes ends with %q", len(m.Body), m.Body[max(0, len(m.Body)-60):])
		}
	})
}

func TestHTTPMismatchShowsJSONPretty(t *testing.T) {
	m, _ := Compare(lessons.Response{Status: 201}, 500, nil, []byte(`{"error":"database is locked"}`), nil)
	if m.Body != "{\n  \"error\": \"database is locked\"\n}" {
		t.Errorf("Body = %q", m.Body)
	}
}

func TestJSONPathsAreExplainedOnce(t *testing.T) {
	want, _ := lessons.ParseResponse("HTTP 200\n\n{\"scores\": [{\"player\": \"ada\"}], \"next\": 1}")
	m, _ := Compare(want, 200, http.Header{}, []byte(`{"scores": [{"player": "bob"}], "next": 2}`), Captures{})
	got := m.Error()
	if strings.Count(got, jsonPathNote) != 1 {
		t.Errorf("the note on $ paths appears %d times:\n%s", strings.Count(got, jsonPathNote), got)
	}
	want, _ = lessons.ParseResponse("HTTP 200\n\nok")
	if m, _ = Compare(want, 200, http.Header{}, []byte("nope"), Captures{}); strings.Contains(m.Error(), jsonPathNote) {
		t.Errorf("the note on a text body:\n%s", m.Error())
	}
}

func TestExactWantsOnlyTheKeysExpected(t *testing.T) {
	want, err := lessons.ParseExpectedJSON(`{"error": "something went wrong on the server"}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, body string
		exact      bool
		problems   []string
	}{
		{"only the key", `{"error": "something went wrong on the server"}`, true, nil},
		{"another key, not exact", `{"error": "something went wrong on the server", "detail": "disk I/O error"}`, false, nil},
		{"another key, exact", `{"error": "something went wrong on the server", "detail": "disk I/O error"}`, true,
			[]string{`$.detail: not expected: the answer must hold only "error"`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := compareJSON(want, tt.exact, []byte(tt.body), Captures{}, Captures{})
			if !slices.Equal(got.problems, tt.problems) {
				t.Errorf("problems %q, want %q", got.problems, tt.problems)
			}
		})
	}
}
