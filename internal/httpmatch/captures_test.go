package httpmatch

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

func TestExpand(t *testing.T) {
	c := Captures{"score_id": "7", "player": "ada lovelace", "token": "abc", "odd": "a/b&c"}
	tests := []struct {
		name string
		req  string
		want lessons.Request
	}{
		{"number in the path", "GET /scores/{{score_id}}",
			lessons.Request{Method: "GET", Path: "/scores/7", Header: http.Header{}}},
		{"spaces inside the braces", "GET /\nX-Id: {{ score_id }}",
			lessons.Request{Method: "GET", Path: "/", Header: http.Header{"X-Id": {"7"}}}},
		{"path values are escaped", "GET /players/{{player}}/{{odd}}",
			lessons.Request{Method: "GET", Path: "/players/ada%20lovelace/a%2Fb&c", Header: http.Header{}}},
		{"query values are escaped as such", "GET /scores?player={{player}}&x={{odd}}",
			lessons.Request{Method: "GET", Path: "/scores?player=ada+lovelace&x=a%2Fb%26c", Header: http.Header{}}},
		{"header value", "GET /me\nAuthorization: Bearer {{token}}",
			lessons.Request{Method: "GET", Path: "/me", Header: http.Header{"Authorization": {"Bearer abc"}}}},
		{"body: textual, quotes are the author's", "PUT /scores/{{score_id}}\n\n{\"id\": {{score_id}}, \"player\": \"{{player}}\"}",
			lessons.Request{Method: "PUT", Path: "/scores/7", Header: http.Header{}, Body: `{"id": 7, "player": "ada lovelace"}`}},
		{"what is not a placeholder stays", "POST /x\n\n{{ 1 }} {{}} {{score_id",
			lessons.Request{Method: "POST", Path: "/x", Header: http.Header{}, Body: "{{ 1 }} {{}} {{score_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := lessons.ParseRequest(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Expand(req, c)
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
			req, err := lessons.ParseRequest(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Expand(req, Captures{"other": "1"})
			if err == nil || !strings.HasPrefix(err.Error(), "{{score_id}} was not captured by an earlier check") {
				t.Errorf("Expand error = %v, want the name that was not captured", err)
			}
		})
	}
}
