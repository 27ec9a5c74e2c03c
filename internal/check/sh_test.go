package check

import (
	"context"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

// Without sh on PATH (Windows without Git for Windows' shell), an sh check
// says what it needs, not exec's error.
func TestShCheckWithoutSh(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	c := &lessons.Check{Kind: "sh", Body: "echo hi", Expect: lessons.Expect{Body: "exit 0", Exit: &lessons.Exit{Code: 0}}}
	msg := shCheck(context.Background(), c, Options{Trusted: true, Dir: t.TempDir()})
	if !strings.Contains(msg, "sh checks run their command with sh, which was not found") || !strings.Contains(msg, "Git for Windows") {
		t.Errorf("shCheck without sh = %q; want it to say that sh is needed and where to find one", msg)
	}
}
