package check

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sandcastle/sandcastle/lessons"
)

// serverCourse is a course whose server command would leave a marker in
// the workspace: the course's own code.
func serverCourse(t *testing.T) *lessons.Course {
	t.Helper()
	c, probs, err := lessons.Load(fstest.MapFS{
		"course.yaml": {Data: []byte("format: 1\nid: s\ntitle: Served\nlessons:\n  - a.md\n" +
			"languages:\n  python:\n    run: \"sh -c 'touch server-ran'\"\n")},
		"a.md": {Data: []byte("---\nid: a\ntitle: A\n---\n\n## Serve\n\n" +
			"```python file=server/app.py\npass\n```\n\n```python solution file=server/app.py\npass\n```\n\n" +
			"```http check \"health\"\nGET /health\n```\n\n```expect\nHTTP 200\n```\n\n```hint\nAnswer.\n```\n")},
	}, "served")
	if err != nil || len(probs.Errors()) > 0 {
		t.Fatalf("%v %v", err, probs.Errors())
	}
	return c
}

// TestUntrustedServerDoesNotStart: a server step of a course that is not
// trusted could not run, says why and how, and neither starts the server
// nor writes anything for it.
func TestUntrustedServerDoesNotStart(t *testing.T) {
	for _, tc := range []struct {
		name, distrust, why string
	}{
		{"not trusted", "", "This course is not trusted"},
		{"changed", "The course Served changed since you trusted it", "The course Served changed since you trusted it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := serverCourse(t)
			dir := t.TempDir()
			opts := Options{Lang: "python", Dir: dir, Distrust: tc.distrust}
			r := Run(context.Background(), c, c.Steps()[0], os.DirFS(dir), opts)
			if r.Status != Error || !r.Untrusted || !r.Refused() {
				t.Fatalf("status %s, untrusted %v", r.Status, r.Untrusted)
			}
			for _, want := range []string{tc.why, "sh -c 'touch server-ran'", "`sandcastle trust`"} {
				if !strings.Contains(r.Message, want) {
					t.Errorf("the message lacks %q:\n%s", want, r.Message)
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("the refused step wrote %s", entries[0].Name())
			}
			_, _, err := StartServer(context.Background(), c, c.Steps()[0], os.DirFS(dir), opts)
			var untrusted *UntrustedError
			if !errors.As(err, &untrusted) {
				t.Errorf("StartServer: %v, want an *UntrustedError", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "server-ran")); err == nil {
				t.Error("the course's server command ran")
			}
		})
	}
}

func TestRefused(t *testing.T) {
	refusedSh := CheckResult{Status: Fail, Untrusted: true}
	for _, tc := range []struct {
		name string
		r    StepResult
		want bool
	}{
		{"a server refused", StepResult{Status: Error, Untrusted: true}, true},
		{"only sh checks refused", StepResult{Status: Fail, Checks: []CheckResult{{Status: Pass}, refusedSh}}, true},
		{"another check failed too", StepResult{Status: Fail, Checks: []CheckResult{{Status: Fail}, refusedSh}}, false},
		{"passed", StepResult{Status: Pass, Checks: []CheckResult{{Status: Pass}}}, false},
		{"could not run otherwise", StepResult{Status: Error}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.Refused(); got != tc.want {
				t.Errorf("Refused() = %v, want %v", got, tc.want)
			}
		})
	}
}
