package httpmatch

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

func TestHTTPMismatchFields(t *testing.T) {
	req, err := lessons.ParseRequest("POST /scores?x=1\nContent-Type: application/json\n\n{\"player\": \"ada\", \"score\": 300}")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := lessons.ParseResponse("HTTP 201\nContent-Type: application/json\n\n{\"id\": \"{{score_id}}\"}")
	m, _ := Compare(want, 404, http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, []byte("404 page not found\n"), nil)
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
	var none *Mismatch
	if none.WithRequest(req) != nil {
		t.Error("WithRequest on nil is not nil")
	}
}

func TestHTTPMismatchLongBodies(t *testing.T) {
	t.Run("long text is cut", func(t *testing.T) {
		body := strings.Repeat("a line of the log\n", 100)
		m, _ := Compare(lessons.Response{Status: 200}, 500, nil, []byte(body), nil)
		if n := strings.Count(m.Body, "\n"); n > maxBodyLines {
			t.Errorf("Body has %d lines", n+1)
		}
		if !strings.HasSuffix(m.Body, "... (80 more lines)") {
			t.Errorf("Body does not say what was cut:\n%s", m.Body)
		}
	})
	t.Run("one long line is cut at 2 KB", func(t *testing.T) {
		body := strings.Repeat("é", 3000)
		m, _ := Compare(lessons.Response{Status: 200}, 500, nil, []byte(body), nil)
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
		m, _ := Compare(exp, 200, nil, []byte(got), nil)
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
		m, _ := Compare(lessons.Response{Status: 200}, 500, nil, nil, nil)
		m.WithRequest(req)
		if !strings.Contains(m.Request, "... (41 more lines)") {
			t.Errorf("Request:\n%s", m.Request)
		}
	})
	t.Run("control characters are not shown", func(t *testing.T) {
		m, _ := Compare(lessons.Response{Status: 200}, 500, nil, []byte("\x1b[31mred\x1b[0m"), nil)
		if strings.Contains(m.Error(), "\x1b") {
			t.Errorf("Error() holds an escape: %q", m.Error())
		}
	})
	t.Run("binary body", func(t *testing.T) {
		m, _ := Compare(lessons.Response{Status: 200}, 500, nil, []byte{0xff, 0xfe, 0}, nil)
		if m.Body != "(3 bytes that are not UTF-8 text)" {
			t.Errorf("Body = %q", m.Body)
		}
	})
	t.Run("many problems are counted", func(t *testing.T) {
		exp, _ := lessons.ParseResponse("HTTP 200\n\n[1,2,3,4,5,6,7,8,9,10,11,12]")
		m, _ := Compare(exp, 200, nil, []byte("[0,0,0,0,0,0,0,0,0,0,0,0]"), nil)
		if len(m.BodyProblems) != 12 || !strings.Contains(m.Error(), "  ... and 2 more\n") {
			t.Errorf("BodyProblems = %q\n%s", m.BodyProblems, m.Error())
		}
	})
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
		{name: "a write with no key accepted", expect: "HTTP 401", status: 201, sent: nope, lang: "go", keyHeader: "X-API-Key",
			phrases: []string{"accepted a request without the right key", "API_KEY", "an empty one"}},
		{name: "a made-up token accepted, in a step that sends no key", expect: "HTTP 401", status: 200, sent: nope, lang: "go",
			phrases: []string{"accepted a request it should refuse", "401 Unauthorized"}, absent: []string{"API_KEY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestAdviceNamesWhatTheRunHas: the advice names the log where the run
// keeps it and the header the step's requests send the key in, and says
// no more than it knows when there is neither (grade keeps no log).
func TestAdviceNamesWhatTheRunHas(t *testing.T) {
	for _, tt := range []struct {
		name          string
		m             Mismatch
		want, wantNot string
	}{
		{"a failure, the log kept", Mismatch{WantStatus: 201, GotStatus: 500, logShown: ".sandcastle/server.log"},
			"The server failed: look at its log (.sandcastle/server.log).", ""},
		{"a failure, no log kept", Mismatch{WantStatus: 201, GotStatus: 500},
			"The server failed: its log says why.", ".sandcastle"},
		{"the right key refused", Mismatch{WantStatus: 201, GotStatus: 401, sentKey: true, keyHeader: "Authorization"},
			"compare it with the request's Authorization header.", "X-API-Key"},
		{"no key accepted", Mismatch{WantStatus: 401, GotStatus: 201, keyHeader: "X-Game-Key"},
			"compare the request's X-Game-Key header with the API_KEY environment variable", ""},
		{"no key accepted, in a step that sends no key (a password, a session's token)", Mismatch{WantStatus: 401, GotStatus: 200},
			"The server accepted a request it should refuse: check what it receives before acting on it, and answer 401 Unauthorized.", "API_KEY"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.m.Hint()
			if !strings.Contains(got, tt.want) || tt.wantNot != "" && strings.Contains(got, tt.wantNot) {
				t.Errorf("Hint() = %q, want it to say %q and not %q", got, tt.want, tt.wantNot)
			}
		})
	}
}

// A 404 the server's own handler sent, with its own reason, is not a
// handler missing: the advice says so, and what the request must get.
func TestHintOfA404ByTheServersOwnHandler(t *testing.T) {
	req, _ := lessons.ParseRequest("POST /login\n\n{\"player\": \"nobody\", \"password\": \"x\"}")
	want, _ := lessons.ParseResponse("HTTP 401")
	for _, tt := range []struct{ name, body, hint string }{
		{"its own reason", `{"error": "no such player"}`,
			`Your server has a handler for POST /login, and it answered 404 Not Found ("no such player"): this request must get 401 Unauthorized; look at the condition that sends the 404.`},
		{"the catch-all's", `{"error": "not found"}`, "Nothing answers POST /login yet (404): add a handler for that endpoint."},
		{"not JSON", "404 page not found\n", "Nothing answers POST /login yet (404): add a handler for that endpoint."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := Compare(want, 404, http.Header{"Content-Type": {"application/json"}}, []byte(tt.body), nil)
			if h := m.WithRequest(req).Hint(); h != tt.hint {
				t.Errorf("Hint() = %q, want %q", h, tt.hint)
			}
		})
	}
}
