package server

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestOutputKeepsTheLastLines(t *testing.T) {
	o := &output{}
	for i := range 250 {
		o.add(fmt.Appendf(nil, "line %d\r\n", i))
	}
	o.add([]byte("half a line"))
	got := o.last(3)
	want := []string{"line 248", "line 249", "half a line"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("last(3) = %q, want %q", got, want)
	}
	if n := len(o.last(1000)); n != keepLines+1 {
		t.Errorf("kept %d lines, want %d and the unfinished one", n, keepLines)
	}
	o.add([]byte(strings.Repeat("x", 3*maxLine) + "\nend\n"))
	if got := o.last(2); len(got[0]) > maxLine || got[1] != "end" {
		t.Errorf("a long line is not cut: %d bytes, then %q", len(got[0]), got[1])
	}
}

func TestHuman(t *testing.T) {
	for d, want := range map[time.Duration]string{
		5 * time.Second:        "5 s",
		500 * time.Millisecond: "0.5 s",
		5 * time.Minute:        "5 min",
		90 * time.Second:       "1m30s",
	} {
		if got := human(d); got != want {
			t.Errorf("human(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestFailureError(t *testing.T) {
	f := &Failure{Message: "your server exited", LastLines: []string{"a", "b"}}
	if got, want := f.Error(), "your server exited\n\n    a\n    b"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestBuildFailedSaysWhatToDo(t *testing.T) {
	for _, tc := range []struct{ output, want string }{
		{"server/main.go:4:2: syntax error: unexpected newline", "fix the errors the Go compiler reports"},
		{"server/db.go:5:2: missing go.sum entry for module providing package modernc.org/sqlite", "run `go mod tidy`"},
		{"go: modernc.org/sqlite@v1.62.0: Get \"https://proxy.golang.org/...\": dial tcp: lookup proxy.golang.org: no such host",
			"could not download a module"},
	} {
		if got := buildFailed([]string{tc.output}).Message; !strings.Contains(got, tc.want) {
			t.Errorf("for %q the message is %q, want it to say %q", tc.output, got, tc.want)
		}
	}
}

func TestUnsetRemovesAVariableWhereverItComesFrom(t *testing.T) {
	t.Setenv("API_KEY", "from-the-parent")
	o := &Options{Dir: t.TempDir(), Env: []string{"API_KEY=from-the-options", "KEEP=1"}, Unset: []string{"API_KEY"}}
	_, env, err := command(o, []string{"true"}, 8080, nil)
	if err != nil {
		t.Fatal(err)
	}
	joined := "\n" + strings.Join(env, "\n") + "\n"
	if strings.Contains(joined, "\nAPI_KEY=") {
		t.Errorf("API_KEY is still in the environment:\n%s", joined)
	}
	for _, want := range []string{"\nKEEP=1\n", "\nPORT=8080\n"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the environment lost %q", strings.TrimSpace(want))
		}
	}
}

func TestMessagesNameTheServersLanguage(t *testing.T) {
	exited := &ExitInfo{Code: 0}
	for _, tc := range []struct {
		lang, msg, want, not string
	}{
		{"go", exitedEarly(8080, exited, "go").Message, "http.ListenAndServe", "serve_forever"},
		{"python", exitedEarly(8080, exited, "python").Message, "serve_forever()", "ListenAndServe"},
		{"", exitedEarly(8080, exited, "").Message, "serve_forever(), http.ListenAndServe", ""},
		{"go", hung("GET /", time.Second, "go").Message, "a mutex, a channel", "input()"},
		{"python", hung("GET /", time.Second, "python").Message, "never committed", "channel"},
	} {
		if !strings.Contains(tc.msg, tc.want) || tc.not != "" && strings.Contains(tc.msg, tc.not) {
			t.Errorf("for %q: %q, want %q and not %q", tc.lang, tc.msg, tc.want, tc.not)
		}
	}
}
