package check

import (
	"strings"
	"testing"
)

func TestAnsweredTwice(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		after  string
		want   string
	}{
		{"nothing after the answer", 200, "", ""},
		{"only blank lines", 200, "\r\n\r\n", ""},
		{"a second answer", 200, "HTTP/1.0 404 Not Found\r\nServer: BaseHTTP\r\n\r\n<html>", "another (HTTP/1.0 404 Not Found). A handler answers once"},
		{"control characters are shown safely", 200, "\x1b[2Jboom", "another (␛[2Jboom)"},
		{"a body after a 304", 304, `{"scores": []}`, `sent a body with its 304 Not Modified ({"scores": []}): an answer with this status has no body`},
		{"a body after a 204", 204, "ok", "sent a body with its 204 No Content (ok)"},
		{"a second answer after a 304", 304, "HTTP/1.0 200 OK\r\n\r\n{}", "answered twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := answeredTwice(tc.status, []byte(tc.after))
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("answeredTwice(%q) = %q, want %q", tc.after, got, tc.want)
			}
		})
	}
}
