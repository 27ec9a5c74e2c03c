package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

// httpCase is one call of CompareHTTP and what it must return.
type httpCase struct {
	name   string
	expect string // the expect block
	status int
	header http.Header // nil: Content-Type: application/json
	body   string
	c      Captures // the captures of earlier checks
	ok     bool
	made   Captures // nil: no capture made
	// For a mismatch, phrases that must be in each field; a nil list means
	// the field must be empty.
	headerProblems []string
	bodyProblems   []string
	phrases        []string // in Error()
	absent         []string // not in Error()
	// sent and lang, when set, are the request and the server's language
	// the message is written for.
	sent    lessons.Request
	lang    string
	sentKey bool // the request as written sends {{API_KEY}}
}

func (tt httpCase) run(t *testing.T) {
	t.Helper()
	want, err := lessons.ParseResponse(tt.expect)
	if err != nil {
		t.Fatalf("ParseExpected: %v", err)
	}
	header := tt.header
	if header == nil {
		header = http.Header{"Content-Type": {"application/json"}}
	}
	m, made := CompareHTTP(want, tt.status, header, []byte(tt.body), tt.c)
	if made == nil {
		t.Fatal("CompareHTTP returned nil captures")
	}
	wantMade := tt.made
	if wantMade == nil {
		wantMade = Captures{}
	}
	if !reflect.DeepEqual(made, wantMade) {
		t.Errorf("captures = %v, want %v", made, wantMade)
	}
	if tt.ok {
		if m != nil {
			t.Fatalf("CompareHTTP = mismatch, want a match:\n%s", m.Error())
		}
		return
	}
	if m == nil {
		t.Fatal("CompareHTTP = nil, want a mismatch")
	}
	if tt.sent.Method != "" {
		m = m.WithRequest(tt.sent)
	}
	m.sentKey = tt.sentKey
	msg := m.ForLang(tt.lang).Error()
	containsAll(t, "HeaderProblems", m.HeaderProblems, tt.headerProblems)
	containsAll(t, "BodyProblems", m.BodyProblems, tt.bodyProblems)
	for _, p := range tt.phrases {
		if !strings.Contains(msg, p) {
			t.Errorf("Error() does not contain %q:\n%s", p, msg)
		}
	}
	for _, p := range tt.absent {
		if strings.Contains(msg, p) {
			t.Errorf("Error() contains %q:\n%s", p, msg)
		}
	}
}

// containsAll checks that the lines of a field hold the phrases, in that
// order one per line, and no more lines.
func containsAll(t *testing.T, field string, lines, phrases []string) {
	t.Helper()
	if len(lines) != len(phrases) {
		t.Errorf("%s = %q, want %d %s with %q", field, lines, len(phrases), plural(len(phrases), "line"), phrases)
		return
	}
	for i, p := range phrases {
		if !strings.Contains(lines[i], p) {
			t.Errorf("%s[%d] = %q, want it to contain %q", field, i, lines[i], p)
		}
	}
}

func TestCompareHTTPStatus(t *testing.T) {
	tests := []httpCase{
		{name: "same status", expect: "HTTP 200", status: 200, ok: true},
		{name: "wrong status of the same class", expect: "HTTP 201\n\n{\"id\": 1}", status: 200, body: `{"id": 2}`,
			bodyProblems: []string{"$.id: expected 1, got 2"},
			phrases: []string{"Wrong status: expected 201 Created, got 200 OK.",
				"A request that creates something answers 201 Created", "Wrong body:", "$.id: expected 1, got 2"}},
		{name: "another class: the body is shown, not judged", expect: "HTTP 201\nContent-Type: application/json\n\n{\"id\": 1}",
			status: 500, header: http.Header{"Content-Type": {"text/plain"}}, body: "database is locked",
			phrases: []string{"Wrong status: expected 201 Created, got 500 Internal Server Error.",
				"The server failed: its log says why.", "    database is locked"},
			absent: []string{"Wrong body", "Wrong header"}},
		{name: "405", expect: "HTTP 200", status: 405,
			phrases: []string{"got 405 Method Not Allowed.", "The path matched a handler for another method: add a handler for this request."}},
		{name: "a 404 where a 400 is due: the status only", expect: "HTTP 400\nContent-Type: application/json\n\n{\"error\": \"...\"}",
			status: 404, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, body: "404 page not found",
			phrases: []string{"Wrong status: expected 400 Bad Request, got 404 Not Found."}, absent: []string{"Wrong body", "Wrong header"}},
		{name: "404 without the request", expect: "HTTP 200", status: 404,
			phrases: []string{"Nothing answers this request yet (404): add a handler for that endpoint."}},
		{name: "redirect", expect: "HTTP 200", status: 301, header: http.Header{"Location": {"/scores/"}},
			phrases: []string{"got 301 Moved Permanently.", "The server redirected to /scores/", "a trailing slash counts", "Location: /scores/"}},
		{name: "204 for a response without body", expect: "HTTP 204", status: 200,
			phrases: []string{"A response without a body answers 204 No Content."}},
		{name: "404 expected", expect: "HTTP 404", status: 200, body: `{"id": 1}`,
			phrases: []string{"A request for something that does not exist answers 404 Not Found."}},
		{name: "refusal expected", expect: "HTTP 400", status: 201,
			phrases: []string{"The server accepted a request it should refuse", "answer 400 Bad Request."}},
		{name: "bad request", expect: "HTTP 201", status: 400, header: http.Header{}, body: "score must be a number",
			phrases: []string{"The server found the request wrong", "    score must be a number"}},
		{name: "empty body shown as such", expect: "HTTP 201", status: 200, header: http.Header{},
			phrases: []string{"HTTP 200 OK\n    (no body)"}},
		{name: "unknown status code", expect: "HTTP 200", status: 299, header: http.Header{},
			phrases: []string{"got 299.", "HTTP 299"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestCompareHTTPHeaders(t *testing.T) {
	jsonType := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	tests := []httpCase{
		{name: "header names in any case", expect: "HTTP 200\ncontent-TYPE: application/json", status: 200, header: jsonType, ok: true},
		{name: "response keys in another case", expect: "HTTP 200\nX-Total: 3", status: 200,
			header: http.Header{"x-total": {"3"}}, ok: true},
		{name: "content-type parameters ignored when not expected", expect: "HTTP 200\nContent-Type: application/json",
			status: 200, header: jsonType, ok: true},
		{name: "content-type in another case", expect: "HTTP 200\nContent-Type: Application/JSON; charset=UTF-8",
			status: 200, header: jsonType, ok: true},
		{name: "content-type parameter expected and missing", expect: "HTTP 200\nContent-Type: application/json; charset=utf-8",
			status: 200, header: http.Header{"Content-Type": {"application/json"}},
			headerProblems: []string{`Content-Type: expected "application/json; charset=utf-8", got "application/json"`}},
		{name: "content-type guessed as text", expect: "HTTP 200\nContent-Type: application/json", status: 200,
			header:         http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
			headerProblems: []string{`Content-Type: expected "application/json", got "text/plain; charset=utf-8"`},
			phrases:        []string{"Wrong header:", "Set each header before the response's status and body go out"}},
		{name: "another content-type", expect: "HTTP 200\nContent-Type: application/json", status: 200,
			header:         http.Header{"Content-Type": {"application/jsonp"}},
			headerProblems: []string{`Content-Type: expected "application/json", got "application/jsonp"`},
			absent:         []string{"Set each header"}},
		{name: "other headers: trimmed values equal", expect: "HTTP 201\nLocation:  /scores/7 ", status: 201,
			header: http.Header{"Location": {"/scores/7 "}}, ok: true},
		{name: "other headers: case matters in values", expect: "HTTP 201\nLocation: /Scores/7", status: 201,
			header: http.Header{"Location": {"/scores/7"}}, headerProblems: []string{`Location: expected "/Scores/7", got "/scores/7"`}},
		{name: "missing header", expect: "HTTP 201\nLocation: /scores/7", status: 201,
			headerProblems: []string{`Location: missing; expected "/scores/7"`},
			phrases:        []string{"Wrong header:\n  Location: missing", "Set each header before the response"}},
		{name: "wildcard in a header value", expect: "HTTP 201\nLocation: /scores/...", status: 201,
			header: http.Header{"Location": {"/scores/42"}}, ok: true},
		{name: "wildcard that does not match", expect: "HTTP 201\nLocation: /scores/...", status: 201,
			header: http.Header{"Location": {"/players/42"}}, headerProblems: []string{`Location: expected "/scores/...", got "/players/42"`},
			phrases: []string{wildcardNote}},
		{name: "wildcard in a content-type", expect: "HTTP 200\nContent-Type: text/...", status: 200,
			header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, ok: true},
		{name: "any of several values", expect: "HTTP 200\nVary: Origin", status: 200,
			header: http.Header{"Vary": {"Accept", "Origin"}}, ok: true},
		{name: "capture used in a header", expect: "HTTP 201\nLocation: /scores/{{score_id}}", status: 201,
			header: http.Header{"Location": {"/scores/7"}}, c: Captures{"score_id": "7"}, ok: true},
		{name: "unknown capture in a header", expect: "HTTP 201\nLocation: /scores/{{score_id}}", status: 201,
			header: http.Header{"Location": {"/scores/7"}}, headerProblems: []string{"Location: {{score_id}} was not captured by an earlier check"}},
		{name: "several problems", expect: "HTTP 200\nX-A: 1\nX-B: 2", status: 200, header: http.Header{"X-A": {"2"}},
			headerProblems: []string{`X-A: expected "1", got "2"`, `X-B: missing`}, phrases: []string{"Wrong headers:\n  X-A"}},
		{name: "expected headers are shown with the response", expect: "HTTP 200\nX-A: 1", status: 200,
			header:         http.Header{"X-A": {"2"}, "Content-Type": {"text/plain"}, "Date": {"today"}},
			headerProblems: []string{`X-A: expected "1", got "2"`},
			phrases:        []string{"HTTP 200 OK\n    Content-Type: text/plain\n    X-A: 2\n"}, absent: []string{"Date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

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
			phrases:      []string{wildcardNote}},
		{name: "... inside a string needs a string", expect: "HTTP 200\n\n{\"score\": \"3...\"}", status: 200, body: `{"score": 300}`,
			bodyProblems: []string{`$.score: expected a string matching "3...", got the number 300`}},
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

func TestCompareHTTPCaptures(t *testing.T) {
	tests := []httpCase{
		{name: "capture a number", expect: "HTTP 201\n\n{\"id\": \"{{score_id}}\", \"player\": \"ada\"}",
			status: 201, body: `{"id": 7, "player": "ada"}`, ok: true, made: Captures{"score_id": "7"}},
		{name: "capture a string, unquoted", expect: "HTTP 201\n\n{\"token\": \"{{token}}\"}",
			status: 201, body: `{"token": "a\"b"}`, ok: true, made: Captures{"token": `a"b`}},
		{name: "capture an object as compact JSON", expect: "HTTP 200\n\n{\"best\": \"{{ best }}\"}",
			status: 200, body: `{"best": {"player": "ada", "score": 3.50, "ok": true, "x": null, "l": ["<&>"]}}`, ok: true,
			made: Captures{"best": `{"player":"ada","score":3.50,"ok":true,"x":null,"l":["<&>"]}`}},
		{name: "a capture replaces an earlier one", expect: "HTTP 200\n\n[\"{{id}}\"]",
			status: 200, body: `[8]`, c: Captures{"id": "7"}, ok: true, made: Captures{"id": "8"}},
		{name: "captures are made when the check fails", expect: "HTTP 201\n\n{\"id\": \"{{id}}\", \"player\": \"ada\"}",
			status: 200, body: `{"id": 8, "player": "bob"}`, made: Captures{"id": "8"},
			bodyProblems: []string{`$.player: expected "ada", got "bob"`}},
		{name: "no capture of a missing key", expect: "HTTP 201\n\n{\"id\": \"{{id}}\"}", status: 201, body: `{}`,
			bodyProblems: []string{"$.id: missing"}},
		{name: "an earlier capture used as a number", expect: "HTTP 200\n\n{\"id\": {{score_id}}, \"player\": \"ada\"}",
			status: 200, body: `{"id": 7.0, "player": "ada"}`, c: Captures{"score_id": "7"}, ok: true},
		{name: "an earlier capture that differs", expect: "HTTP 200\n\n{\"id\": {{score_id}}}",
			status: 200, body: `{"id": 8}`, c: Captures{"score_id": "7"}, bodyProblems: []string{"$.id: expected 7, got 8"}},
		{name: "an earlier capture inside a string", expect: "HTTP 200\n\n{\"url\": \"/scores/{{score_id}}\"}",
			status: 200, body: `{"url": "/scores/7"}`, c: Captures{"score_id": "7"}, ok: true},
		{name: "an earlier capture in a text body", expect: "HTTP 200\n\nscore {{score_id}} saved",
			status: 200, body: "ok: score 7 saved", c: Captures{"score_id": "7"}, ok: true},
		{name: "an unknown name in the expected body", expect: "HTTP 200\n\n{\"id\": {{score_id}}}",
			status: 200, body: `{"id": 7}`, bodyProblems: []string{"{{score_id}} was not captured by an earlier check"}},
		// Before the expected body was parsed once, a bare {{name}} was
		// replaced as text: a captured string made the body not JSON, and
		// it was looked for as text in the answer, where it never was.
		{name: "an earlier capture of a string used as a value", expect: "HTTP 200\n\n{\"id\": {{id}}, \"player\": \"ada\"}",
			status: 200, body: `{"id": "a1b2", "player": "ada"}`, c: Captures{"id": "a1b2"}, ok: true},
		{name: "an earlier capture of a string that differs", expect: "HTTP 200\n\n{\"id\": {{id}}}",
			status: 200, body: `{"id": "a1b3"}`, c: Captures{"id": "a1b2"}, bodyProblems: []string{`$.id: expected "a1b2", got "a1b3"`}},
		{name: "an earlier capture of an object", expect: "HTTP 200\n\n[{{best}}]",
			status: 200, body: `[{"player": "ada", "score": 3.50}]`, c: Captures{"best": `{"player":"ada","score":3.50}`}, ok: true},
		{name: "an earlier capture with a quote, inside a string", expect: "HTTP 200\n\n{\"url\": \"/players/{{p}}\", \"n\": 1}",
			status: 200, body: `{"url": "/players/a\"b", "n": 1}`, c: Captures{"p": `a"b`}, ok: true},
		{name: "an unknown name inside a string", expect: "HTTP 200\n\n{\"url\": \"/players/{{p}}\"}",
			status: 200, body: `{"url": "/players/ada"}`, bodyProblems: []string{"{{p}} was not captured by an earlier check"}},
		{name: "an earlier capture inside a string with ...", expect: "HTTP 200\n\n{\"url\": \"/players/{{p}}?...\"}",
			status: 200, body: `{"url": "/players/bob?page=2"}`, c: Captures{"p": "ada"},
			bodyProblems: []string{`$.url: expected a string matching "/players/ada?...", got the string "/players/bob?page=2"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestCompareHTTPText(t *testing.T) {
	text := http.Header{"Content-Type": {"text/plain"}}
	tests := []httpCase{
		{name: "text found in the body", expect: "HTTP 200\n\n  Hello, ada  ", status: 200, header: text,
			body: "<p>Hello, ada!</p>", ok: true},
		{name: "text not found", expect: "HTTP 200\n\nHello, ada", status: 200, header: text, body: "Hello, bob",
			bodyProblems: []string{`the body does not contain "Hello, ada"`}, phrases: []string{"Wrong body:", "    Hello, bob"}},
		{name: "text over several lines, CRLF in the response", expect: "HTTP 200\n\nline 1\nline 2", status: 200, header: text,
			body: "line 0\r\nline 1\r\nline 2\r\n", ok: true},
		{name: "... in a text body", expect: "HTTP 200\n\nsaved ... points", status: 200, header: text,
			body: "you saved 300 points", ok: true},
		{name: "... in a text body that does not match", expect: "HTTP 200\n\nsaved ... points", status: 200, header: text,
			body: "you lost 300 points", bodyProblems: []string{`the body does not contain "saved ... points"`}, phrases: []string{wildcardNote}},
		{name: "text expected, empty body", expect: "HTTP 200\n\npong", status: 200, header: text,
			bodyProblems: []string{`the body is empty; expected it to contain "pong"`}},
		{name: "empty expected body matches any body", expect: "HTTP 200", status: 200, header: text, body: "{not json", ok: true},
		{name: "empty expected body matches no body", expect: "HTTP 200\nContent-Type: text/plain\n\n", status: 200, header: text, ok: true},
		{name: "JSON in a text body is not looked for as text", expect: "HTTP 200\n\n{\"a\": 1}", status: 200, header: text,
			body: `{"a":1}`, ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestCaptureThenExpand follows a step: a POST whose answer captures an id,
// then a GET and a PUT that use it.
func TestCaptureThenExpand(t *testing.T) {
	caps := Captures{}
	want, err := lessons.ParseResponse("HTTP 201\nContent-Type: application/json\n\n{\"id\": \"{{score_id}}\", \"player\": \"{{player}}\"}")
	if err != nil {
		t.Fatal(err)
	}
	m, made := CompareHTTP(want, 201, http.Header{"Content-Type": {"application/json"}}, []byte(`{"id": 42, "player": "ada"}`), caps)
	if m != nil {
		t.Fatalf("first check: %v", m)
	}
	maps.Copy(caps, made)

	req, err := lessons.ParseRequest("PUT /scores/{{score_id}}\nX-Player: {{player}}\nContent-Type: application/json\n\n{\"id\": {{score_id}}, \"player\": \"{{player}}\"}")
	if err != nil {
		t.Fatal(err)
	}
	got, err := expandRequest(req, caps)
	if err != nil {
		t.Fatal(err)
	}
	wantReq := "PUT /scores/42\nContent-Type: application/json\nX-Player: ada\n\n{\"id\": 42, \"player\": \"ada\"}"
	if got.String() != wantReq {
		t.Errorf("expanded request:\n%s\nwant:\n%s", got, wantReq)
	}

	again, _ := lessons.ParseResponse("HTTP 200\n\n{\"id\": {{score_id}}, \"player\": \"ada\"}")
	if m, _ := CompareHTTP(again, 200, nil, []byte(`{"id": 42, "player": "ada"}`), caps); m != nil {
		t.Errorf("second check: %v", m)
	}
}

func TestHTTPMismatchFields(t *testing.T) {
	req, err := lessons.ParseRequest("POST /scores?x=1\nContent-Type: application/json\n\n{\"player\": \"ada\", \"score\": 300}")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := lessons.ParseResponse("HTTP 201\nContent-Type: application/json\n\n{\"id\": \"{{score_id}}\"}")
	m, _ := CompareHTTP(want, 404, http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, []byte("404 page not found\n"), nil)
	if m == nil {
		t.Fatal("no mismatch")
	}
	m = m.WithRequest(req)
	if m.WantStatus != 201 || m.GotStatus != 404 {
		t.Errorf("statuses = %d, %d; want 201, 404", m.WantStatus, m.GotStatus)
	}
	if m.Request != req.String() || m.Method != "POST" || m.Path != "/scores?x=1" {
		t.Errorf("request = %q, %q, %q", m.Request, m.Method, m.Path)
	}
	if m.Body != "404 page not found" || m.BodyPath != "" {
		t.Errorf("Body = %q at %q", m.Body, m.BodyPath)
	}
	if m.HeaderProblems != nil || m.BodyProblems != nil {
		t.Errorf("problems = %q, %q; want none for a status of another class", m.HeaderProblems, m.BodyProblems)
	}
	if h := m.Hint(); h != "Nothing answers POST /scores yet (404): add a handler for that endpoint." {
		t.Errorf("Hint() = %q", h)
	}
	wantMsg := `Wrong status: expected 201 Created, got 404 Not Found.
Nothing answers POST /scores yet (404): add a handler for that endpoint.
The check sent:
    POST /scores?x=1
    Content-Type: application/json

    {"player": "ada", "score": 300}
Your server answered:
    HTTP 404 Not Found
    Content-Type: text/plain; charset=utf-8

    404 page not found`
	if got := m.Error(); got != wantMsg {
		t.Errorf("Error() =\n%s\nwant:\n%s", got, wantMsg)
	}
	var none *HTTPMismatch
	if none.WithRequest(req) != nil {
		t.Error("WithRequest on nil is not nil")
	}
}

func TestHTTPMismatchLongBodies(t *testing.T) {
	t.Run("long text is cut", func(t *testing.T) {
		body := strings.Repeat("a line of the log\n", 100)
		m, _ := CompareHTTP(lessons.Response{Status: 200}, 500, nil, []byte(body), nil)
		if n := strings.Count(m.Body, "\n"); n > maxBodyLines {
			t.Errorf("Body has %d lines", n+1)
		}
		if !strings.HasSuffix(m.Body, "... (80 more lines)") {
			t.Errorf("Body does not say what was cut:\n%s", m.Body)
		}
	})
	t.Run("one long line is cut at 2 KB", func(t *testing.T) {
		body := strings.Repeat("é", 3000)
		m, _ := CompareHTTP(lessons.Response{Status: 200}, 500, nil, []byte(body), nil)
		if len(m.Body) > maxBodyBytes+40 || !strings.Contains(m.Body, "more bytes)") {
			t.Errorf("Body is %d bytes: %q", len(m.Body), m.Body[len(m.Body)-40:])
		}
	})
	t.Run("long JSON shows the part that differs", func(t *testing.T) {
		var items []string
		for i := range 50 {
			items = append(items, fmt.Sprintf(`{"player": "p%d", "score": %d}`, i, i))
		}
		got := "[" + strings.Join(items, ",") + "]"
		want := strings.Replace(got, `"p30"`, `"ada"`, 1)
		exp, err := lessons.ParseResponse("HTTP 200\n\n" + want)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := CompareHTTP(exp, 200, nil, []byte(got), nil)
		if m == nil {
			t.Fatal("no mismatch")
		}
		if m.BodyPath != "$[30]" || !strings.Contains(m.Body, `"player": "p30"`) {
			t.Errorf("Body at %q:\n%s", m.BodyPath, m.Body)
		}
		if !strings.Contains(m.Error(), "this is its part at $[30]") {
			t.Errorf("Error() does not say which part it shows:\n%s", m.Error())
		}
	})
	t.Run("the request's body is cut", func(t *testing.T) {
		req := lessons.Request{Method: "POST", Path: "/bulk", Body: strings.Repeat("x\n", 50)}
		m, _ := CompareHTTP(lessons.Response{Status: 200}, 500, nil, nil, nil)
		m.WithRequest(req)
		if !strings.Contains(m.Request, "... (41 more lines)") {
			t.Errorf("Request:\n%s", m.Request)
		}
	})
	t.Run("control characters are not shown", func(t *testing.T) {
		m, _ := CompareHTTP(lessons.Response{Status: 200}, 500, nil, []byte("\x1b[31mred\x1b[0m"), nil)
		if strings.Contains(m.Error(), "\x1b") {
			t.Errorf("Error() holds an escape: %q", m.Error())
		}
	})
	t.Run("binary body", func(t *testing.T) {
		m, _ := CompareHTTP(lessons.Response{Status: 200}, 500, nil, []byte{0xff, 0xfe, 0}, nil)
		if m.Body != "(3 bytes that are not UTF-8 text)" {
			t.Errorf("Body = %q", m.Body)
		}
	})
	t.Run("many problems are counted", func(t *testing.T) {
		exp, _ := lessons.ParseResponse("HTTP 200\n\n[1,2,3,4,5,6,7,8,9,10,11,12]")
		m, _ := CompareHTTP(exp, 200, nil, []byte("[0,0,0,0,0,0,0,0,0,0,0,0]"), nil)
		if len(m.BodyProblems) != 12 || !strings.Contains(m.Error(), "  ... and 2 more\n") {
			t.Errorf("BodyProblems = %q\n%s", m.BodyProblems, m.Error())
		}
	})
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
		if m, _ := CompareHTTP(exp, 200, nil, []byte(body), nil); m != nil {
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
		m, made := CompareHTTP(want, status, header, []byte(body), Captures{"score_id": "7"})
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
		if req, err = expandRequest(req, made); err != nil {
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
		m, _ := CompareHTTP(exp, 500, nil, []byte(deep), nil)
		if !strings.HasSuffix(m.Body, "... (the rest is left out)") || len(m.Body) > maxBodyBytes+100 {
			t.Errorf("Body of %d bytes ends with %q", len(m.Body), m.Body[max(0, len(m.Body)-60):])
		}
	})
}

func TestHTTPMismatchShowsJSONPretty(t *testing.T) {
	m, _ := CompareHTTP(lessons.Response{Status: 201}, 500, nil, []byte(`{"error":"database is locked"}`), nil)
	if m.Body != "{\n  \"error\": \"database is locked\"\n}" {
		t.Errorf("Body = %q", m.Body)
	}
}

func TestAnsweredTwice(t *testing.T) {
	for _, tc := range []struct{ name, after, want string }{
		{"nothing after the answer", "", ""},
		{"only blank lines", "\r\n\r\n", ""},
		{"a second answer", "HTTP/1.0 404 Not Found\r\nServer: BaseHTTP\r\n\r\n<html>", "another (HTTP/1.0 404 Not Found). A handler answers once"},
		{"control characters are shown safely", "\x1b[2Jboom", "another (␛[2Jboom)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := answeredTwice([]byte(tc.after))
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("answeredTwice(%q) = %q, want %q", tc.after, got, tc.want)
			}
		})
	}
}

func TestHTTPAdviceForTheServersLanguage(t *testing.T) {
	noType := http.Header{}
	missing := []string{`Content-Type: missing; expected "application/json"`}
	nope := lessons.Request{Method: "POST", Path: "/nope"}
	tests := []httpCase{
		{name: "a missing header, in Go", expect: "HTTP 200\nContent-Type: application/json", status: 200, header: noType,
			lang: "go", headerProblems: missing, phrases: []string{"w.Header().Set", "before WriteHeader"}, absent: []string{"Python", "end_headers"}},
		{name: "a missing header, in Python", expect: "HTTP 200\nContent-Type: application/json", status: 200, header: noType,
			lang: "python", headerProblems: missing, phrases: []string{"self.send_header", "self.end_headers()"}, absent: []string{"Go", "WriteHeader"}},
		{name: "a missing header, language unknown", expect: "HTTP 200\nContent-Type: application/json", status: 200, header: noType,
			headerProblems: missing, phrases: []string{"in Go", "in Python"}},
		{name: "405 from a catch-all with a method, in Go", expect: "HTTP 404", status: 405, sent: nope, lang: "go",
			phrases: []string{"add a handler for POST /nope", `leave the method out of its pattern ("/", not "GET /")`}},
		{name: "405 in Python", expect: "HTTP 404", status: 405, sent: nope, lang: "python",
			phrases: []string{"add a handler for POST /nope"}, absent: []string{"GET /"}},
		{name: "the right key refused", expect: "HTTP 201", status: 401, sent: nope, sentKey: true,
			phrases: []string{"The check sent the right key and your server refused it", "API_KEY"}},
		{name: "a request without the key refused", expect: "HTTP 201", status: 401, sent: nope,
			absent: []string{"sent the right key"}},
		{name: "a write with no key accepted", expect: "HTTP 401", status: 201, sent: nope, lang: "go",
			phrases: []string{"accepted a request without the right key", "API_KEY", "an empty one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestJSONPathsAreExplainedOnce(t *testing.T) {
	want, _ := lessons.ParseResponse("HTTP 200\n\n{\"scores\": [{\"player\": \"ada\"}], \"next\": 1}")
	m, _ := CompareHTTP(want, 200, http.Header{}, []byte(`{"scores": [{"player": "bob"}], "next": 2}`), Captures{})
	got := m.Error()
	if strings.Count(got, jsonPathNote) != 1 {
		t.Errorf("the note on $ paths appears %d times:\n%s", strings.Count(got, jsonPathNote), got)
	}
	want, _ = lessons.ParseResponse("HTTP 200\n\nok")
	if m, _ = CompareHTTP(want, 200, http.Header{}, []byte("nope"), Captures{}); strings.Contains(m.Error(), jsonPathNote) {
		t.Errorf("the note on a text body:\n%s", m.Error())
	}
}

// BenchmarkCompareHTTP compares answers with expect blocks of the built-in
// course: the ten best of the leaderboard (lessons/builtin/score-keeper/12-pages-and-limits.md),
// and a saved score whose id is captured. The expect blocks are parsed
// once, as loading a course does; what is measured is a check's work.
func BenchmarkCompareHTTP(b *testing.B) {
	var rows, got []string
	for i, p := range []string{"13", "33", "53", "6", "26", "46", "19", "39", "59", "12"} {
		score := 950 - 50*(i/3)
		rows = append(rows, fmt.Sprintf(`  {"player": "player%s", "score": %d}`, p, score))
		got = append(got, fmt.Sprintf(`{"id":%d,"player":"player%s","score":%d,"at":"2026-12-03T10:00:00Z"}`, 100+i, p, score))
	}
	for _, bc := range []struct{ name, expect, body string }{
		{"leaderboard", "HTTP 200\nContent-Type: application/json\n\n{\"scores\": [\n" + strings.Join(rows, ",\n") + "\n]}",
			`{"scores":[` + strings.Join(got, ",") + `]}`},
		{"capture", "HTTP 201\nContent-Type: application/json\n\n{\"id\": \"{{id}}\", \"player\": \"ada\", \"score\": 300}",
			`{"id":7,"player":"ada","score":300}`},
	} {
		want, err := lessons.ParseResponse(bc.expect)
		if err != nil {
			b.Fatal(err)
		}
		header := http.Header{"Content-Type": {"application/json"}}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if m, _ := CompareHTTP(want, want.Status, header, []byte(bc.body), Captures{}); m != nil {
					b.Fatal(m)
				}
			}
		})
	}
}

// TestAdviceNamesWhatTheRunHas: the advice names the log where the run
// keeps it and the header the step's requests send the key in, and says
// no more than it knows when there is neither (grade keeps no log).
func TestAdviceNamesWhatTheRunHas(t *testing.T) {
	for _, tt := range []struct {
		name          string
		m             HTTPMismatch
		want, wantNot string
	}{
		{"a failure, the log kept", HTTPMismatch{WantStatus: 201, GotStatus: 500, logShown: ".sandcastle/server.log"},
			"The server failed: look at its log (.sandcastle/server.log).", ""},
		{"a failure, no log kept", HTTPMismatch{WantStatus: 201, GotStatus: 500},
			"The server failed: its log says why.", ".sandcastle"},
		{"the right key refused", HTTPMismatch{WantStatus: 201, GotStatus: 401, sentKey: true, keyHeader: "Authorization"},
			"compare it with the request's Authorization header.", "X-API-Key"},
		{"no key accepted", HTTPMismatch{WantStatus: 401, GotStatus: 201, keyHeader: "X-Game-Key"},
			"compare the request's X-Game-Key header with the API_KEY environment variable", ""},
		{"no key accepted, no header known", HTTPMismatch{WantStatus: 401, GotStatus: 201},
			"compare the key the request sends with the API_KEY environment variable", "header"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.m.Hint()
			if !strings.Contains(got, tt.want) || tt.wantNot != "" && strings.Contains(got, tt.wantNot) {
				t.Errorf("Hint() = %q, want it to say %q and not %q", got, tt.want, tt.wantNot)
			}
		})
	}
}
