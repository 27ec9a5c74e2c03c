package check

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestParseRequest(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Request
	}{
		{"request line alone", "GET /scores",
			Request{Method: "GET", Path: "/scores", Header: http.Header{}}},
		{"path with a query", "GET /scores?limit=3",
			Request{Method: "GET", Path: "/scores?limit=3", Header: http.Header{}}},
		{"HTTP version ignored", "DELETE /scores/7 HTTP/1.1",
			Request{Method: "DELETE", Path: "/scores/7", Header: http.Header{}}},
		{"headers and a body", "POST /scores\nContent-Type: application/json\nX-Player:  ada \n\n{\"player\": \"ada\", \"score\": 300}",
			Request{Method: "POST", Path: "/scores",
				Header: http.Header{"Content-Type": {"application/json"}, "X-Player": {"ada"}},
				Body:   `{"player": "ada", "score": 300}`}},
		{"header names are canonical", "GET /scores\naccept: application/json",
			Request{Method: "GET", Path: "/scores", Header: http.Header{"Accept": {"application/json"}}}},
		{"a header given twice keeps both values", "GET /\nAccept: a\nAccept: b",
			Request{Method: "GET", Path: "/", Header: http.Header{"Accept": {"a", "b"}}}},
		{"blank lines before the request line, CRLF, body trimmed", "\n\r\nPOST /scores\r\n\r\n\r\n  hello\r\nworld \r\n\r\n",
			Request{Method: "POST", Path: "/scores", Header: http.Header{}, Body: "hello\nworld"}},
		{"body lines keep their blank lines", "POST /notes\n\na\n\nb",
			Request{Method: "POST", Path: "/notes", Header: http.Header{}, Body: "a\n\nb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRequest(tt.body)
			if err != nil {
				t.Fatalf("ParseRequest: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseRequest = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestParseRequestErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"empty block", "  \n", []string{"line 1: expected a request line such as GET /scores", "empty"}},
		{"no path", "GET", []string{"line 1: expected a request line such as GET /scores", `got "GET"`}},
		{"method in lower case", "get /scores", []string{"line 1:", `the method "get" is not a word in capitals`}},
		{"path without a slash", "GET scores", []string{"line 1:", `the path "scores" must start with /`}},
		{"full URL", "GET http://localhost:8080/scores", []string{"line 1:", "write the path alone"}},
		{"space in the path", "GET /my scores", []string{"line 1:", "a path holds no spaces"}},
		{"not an HTTP version", "GET /scores HTTP", []string{"line 1:", "only an HTTP version such as HTTP/1.1"}},
		{"line counted after blank lines", "\n\nPOST", []string{"line 3: expected a request line"}},
		{"body without a blank line", "POST /scores\nContent-Type: application/json\n{\"player\": \"ada\"}",
			[]string{"line 3: expected a header such as Content-Type: application/json, or a blank line before the body", `{\"player\": \"ada\"}`}},
		{"header without a colon", "GET /\nAccept application/json", []string{"line 2: expected a header"}},
		{"header name with a space", "GET /\nMy Header: 1", []string{"line 2: expected a header"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRequest(tt.body)
			if err == nil {
				t.Fatal("ParseRequest: no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ParseRequest error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseExpected(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Expected
	}{
		{"status alone", "HTTP 204", Expected{Status: 204, Header: http.Header{}}},
		{"status with a reason", "HTTP 201 Created", Expected{Status: 201, Header: http.Header{}}},
		{"status line with a version", "HTTP/1.1 201 Created", Expected{Status: 201, Header: http.Header{}}},
		{"HTTP/2", "HTTP/2 404", Expected{Status: 404, Header: http.Header{}}},
		{"headers and a body", "HTTP 201\ncontent-type: application/json\n\n{\"id\": \"{{score_id}}\"}\n",
			Expected{Status: 201, Header: http.Header{"Content-Type": {"application/json"}}, Body: `{"id": "{{score_id}}"}`}},
		{"a blank line and no body", "HTTP 200\n\n", Expected{Status: 200, Header: http.Header{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExpected(tt.body)
			if err != nil {
				t.Fatalf("ParseExpected: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseExpected = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestParseExpectedErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"empty block", "", "line 1: expected a status line such as HTTP 201; the block is empty"},
		{"no code", "HTTP", `line 1: expected a status line such as HTTP 201; got "HTTP"`},
		{"code alone", "201", `line 1: expected a status line such as HTTP 201; got "201"`},
		{"two digits", "HTTP 20", "line 1: expected a status line"},
		{"not a number", "HTTP OK", "line 1: expected a status line"},
		{"out of range", "HTTP 999", "line 1: expected a status line"},
		{"signed", "HTTP +20", "line 1: expected a status line"},
		{"reason without a code", "HTTP/1.1 OK", "line 1: expected a status line"},
		{"lower case", "http 200", "line 1: expected a status line"},
		{"body without a blank line", "HTTP 200\n[1, 2]", "line 2: expected a header such as Content-Type: application/json, or a blank line before the body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExpected(tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseExpected error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRequestString(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"request line alone", Request{Method: "GET", Path: "/scores"}, "GET /scores"},
		{"headers sorted, then the body", Request{Method: "POST", Path: "/scores",
			Header: http.Header{"X-Player": {"ada"}, "Content-Type": {"application/json"}}, Body: `{"score": 3}`},
			"POST /scores\nContent-Type: application/json\nX-Player: ada\n\n{\"score\": 3}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.req.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			back, err := ParseRequest(tt.req.String())
			if err != nil || back.String() != tt.want {
				t.Errorf("ParseRequest(String()) = %q, %v; want the same request", back.String(), err)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	c := Captures{"score_id": "7", "player": "ada lovelace", "token": "abc", "odd": "a/b&c"}
	tests := []struct {
		name string
		req  string
		want Request
	}{
		{"number in the path", "GET /scores/{{score_id}}",
			Request{Method: "GET", Path: "/scores/7", Header: http.Header{}}},
		{"spaces inside the braces", "GET /\nX-Id: {{ score_id }}",
			Request{Method: "GET", Path: "/", Header: http.Header{"X-Id": {"7"}}}},
		{"path values are escaped", "GET /players/{{player}}/{{odd}}",
			Request{Method: "GET", Path: "/players/ada%20lovelace/a%2Fb&c", Header: http.Header{}}},
		{"query values are escaped as such", "GET /scores?player={{player}}&x={{odd}}",
			Request{Method: "GET", Path: "/scores?player=ada+lovelace&x=a%2Fb%26c", Header: http.Header{}}},
		{"header value", "GET /me\nAuthorization: Bearer {{token}}",
			Request{Method: "GET", Path: "/me", Header: http.Header{"Authorization": {"Bearer abc"}}}},
		{"body: textual, quotes are the author's", "PUT /scores/{{score_id}}\n\n{\"id\": {{score_id}}, \"player\": \"{{player}}\"}",
			Request{Method: "PUT", Path: "/scores/7", Header: http.Header{}, Body: `{"id": 7, "player": "ada lovelace"}`}},
		{"what is not a placeholder stays", "POST /x\n\n{{ 1 }} {{}} {{score_id",
			Request{Method: "POST", Path: "/x", Header: http.Header{}, Body: "{{ 1 }} {{}} {{score_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := ParseRequest(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := req.Expand(c)
			if err != nil {
				t.Fatalf("Expand: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Expand = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestExpandUnknownName(t *testing.T) {
	tests := []struct {
		name string
		req  string
	}{
		{"in the path", "GET /scores/{{score_id}}"},
		{"in a header", "GET /scores\nX-Id: {{score_id}}"},
		{"in the body", "POST /scores\n\n{\"id\": {{score_id}}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := ParseRequest(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			_, err = req.Expand(Captures{"other": "1"})
			if err == nil || !strings.HasPrefix(err.Error(), "{{score_id}} was not captured by an earlier check") {
				t.Errorf("Expand error = %v, want the name that was not captured", err)
			}
		})
	}
}
