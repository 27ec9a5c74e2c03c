package httpmatch

import (
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// httpCase is one call of Compare and what it must return.
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
	// keyHeader is the header the step's requests send the key in ("": the
	// step sends none).
	keyHeader string
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
	m, made := Compare(want, tt.status, header, []byte(tt.body), tt.c)
	if made == nil {
		t.Fatal("Compare returned nil captures")
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
			t.Fatalf("Compare = mismatch, want a match:\n%s", m.Error())
		}
		return
	}
	if m == nil {
		t.Fatal("Compare = nil, want a mismatch")
	}
	if tt.sent.Method != "" {
		m = m.WithRequest(tt.sent)
	}
	m.sentKey, m.keyHeader = tt.sentKey, tt.keyHeader
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
		t.Errorf("%s = %q, want %d %s with %q", field, lines, len(phrases), textfmt.Plural(len(phrases), "line"), phrases)
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
		{name: "a 304 where the body was due", expect: "HTTP 200", status: 304, header: http.Header{"Etag": {`"5-5"`}},
			phrases: []string{"got 304 Not Modified.", "A tag names one body"}, absent: []string{"redirected"}},
		{name: "a 200 where a 304 was due", expect: "HTTP 304", status: 200,
			phrases: []string{"expected 304 Not Modified, got 200 OK.", "compare the header with the ETag"}},
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
			phrases: []string{textfmt.WildcardNote}},
		{name: "wildcard in a content-type", expect: "HTTP 200\nContent-Type: text/...", status: 200,
			header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, ok: true},
		{name: "any of several values", expect: "HTTP 200\nVary: Origin", status: 200,
			header: http.Header{"Vary": {"Accept", "Origin"}}, ok: true},
		{name: "capture used in a header", expect: "HTTP 201\nLocation: /scores/{{score_id}}", status: 201,
			header: http.Header{"Location": {"/scores/7"}}, c: Captures{"score_id": "7"}, ok: true},
		{name: "unknown capture in a header", expect: "HTTP 201\nLocation: /scores/{{score_id}}", status: 201,
			header: http.Header{"Location": {"/scores/7"}}, headerProblems: []string{"Location: {{score_id}} was not captured by an earlier check"}},
		{name: "a header value that is one new {{name}} captures it whole", expect: "HTTP 200\nETag: {{tag}}", status: 200,
			header: http.Header{"Etag": {`"a1b2"`}}, ok: true, made: Captures{"tag": `"a1b2"`}},
		{name: "a header captured with spaces in the braces", expect: "HTTP 200\nETag: {{ tag }}", status: 200,
			header: http.Header{"Etag": {`"a1b2"`}}, ok: true, made: Captures{"tag": `"a1b2"`}},
		{name: "a header to capture that is missing", expect: "HTTP 200\nETag: {{tag}}", status: 200,
			headerProblems: []string{"Etag: missing; expected a value, which the checks after this one use ({{tag}})"},
			phrases:        []string{"Set each header before the response"}},
		{name: "a header is captured when the status is wrong", expect: "HTTP 304\nETag: {{tag}}", status: 200,
			header: http.Header{"Etag": {`"a1b2"`}}, made: Captures{"tag": `"a1b2"`}, phrases: []string{"expected 304"}},
		{name: "a header both matched and captured", expect: "HTTP 200\nETag: \"...\"\nETag: {{tag}}", status: 200,
			header: http.Header{"Etag": {`"a1b2"`}}, ok: true, made: Captures{"tag": `"a1b2"`}},
		{name: "a header captured but not in the form expected", expect: "HTTP 200\nETag: \"...\"\nETag: {{tag}}", status: 200,
			header: http.Header{"Etag": {`a1b2`}}, made: Captures{"tag": `a1b2`}, headerProblems: []string{`Etag: expected "\"...\"", got "a1b2"`}},
		{name: "a header with a name captured earlier must have its value", expect: "HTTP 304\nETag: {{tag}}", status: 304,
			header: http.Header{"Etag": {`"a1b2"`}}, c: Captures{"tag": `"a1b2"`}, ok: true},
		{name: "a header that differs from its earlier capture", expect: "HTTP 200\nETag: {{tag}}", status: 200,
			header: http.Header{"Etag": {`"c3d4"`}}, c: Captures{"tag": `"a1b2"`},
			headerProblems: []string{`Etag: expected the value an earlier answer gave it ({{tag}}), got "\"c3d4\""; the earlier answer gave "\"a1b2\""`}},
		{name: "a header missing that has an earlier capture", expect: "HTTP 304\nETag: {{tag}}", status: 304,
			c: Captures{"tag": `"a1b2"`}, headerProblems: []string{`Etag: missing; expected the value an earlier answer gave it ({{tag}}); the earlier answer gave "\"a1b2\""`}},
		{name: "a header that differs from a template of captures", expect: "HTTP 201\nLocation: /scores/{{score_id}}", status: 201,
			header: http.Header{"Location": {"/scores/8"}}, c: Captures{"score_id": "7"},
			headerProblems: []string{`Location: expected /scores/{{score_id}}, got "/scores/8"; with the values earlier answers gave, /scores/{{score_id}} is "/scores/7"`}},
		{name: "a placeholder among other text does not capture", expect: "HTTP 200\nETag: W/{{tag}}", status: 200,
			header: http.Header{"Etag": {`W/"a1b2"`}}, headerProblems: []string{"Etag: {{tag}} was not captured by an earlier check"}},
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
			body: "you lost 300 points", bodyProblems: []string{`the body does not contain "saved ... points"`}, phrases: []string{textfmt.WildcardNote}},
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
	m, made := Compare(want, 201, http.Header{"Content-Type": {"application/json"}}, []byte(`{"id": 42, "player": "ada"}`), caps)
	if m != nil {
		t.Fatalf("first check: %v", m)
	}
	maps.Copy(caps, made)

	req, err := lessons.ParseRequest("PUT /scores/{{score_id}}\nX-Player: {{player}}\nContent-Type: application/json\n\n{\"id\": {{score_id}}, \"player\": \"{{player}}\"}")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Expand(req, caps)
	if err != nil {
		t.Fatal(err)
	}
	wantReq := "PUT /scores/42\nContent-Type: application/json\nX-Player: ada\n\n{\"id\": 42, \"player\": \"ada\"}"
	if got.String() != wantReq {
		t.Errorf("expanded request:\n%s\nwant:\n%s", got, wantReq)
	}

	again, _ := lessons.ParseResponse("HTTP 200\n\n{\"id\": {{score_id}}, \"player\": \"ada\"}")
	if m, _ := Compare(again, 200, nil, []byte(`{"id": 42, "player": "ada"}`), caps); m != nil {
		t.Errorf("second check: %v", m)
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
				if m, _ := Compare(want, want.Status, header, []byte(bc.body), Captures{}); m != nil {
					b.Fatal(m)
				}
			}
		})
	}
}
