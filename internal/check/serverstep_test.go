package check

import (
	"strings"
	"testing"
)

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
