package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/lessons"
)

// An sh check that starts a daemon (setsid, in the background) leaves
// nothing behind: once the check is done, the daemon is gone.
func TestShCheckLeavesNoDaemon(t *testing.T) {
	dir := t.TempDir()
	c := &lessons.Check{Kind: "sh", Body: `setsid sh -c 'echo $$ > daemon.pid; while [ -e daemon.pid ]; do date +%N > beat; sleep 0.05; done' </dev/null >/dev/null 2>&1 &
while [ ! -s daemon.pid ]; do sleep 0.01; done
echo started`, Expect: lessons.Expect{Body: "exit 0\nstarted", Exit: &lessons.Exit{Code: 0, Output: "started"}}}
	if msg := shCheck(context.Background(), c, Options{Trusted: true, Dir: dir}); msg != "" {
		t.Fatalf("the check failed: %s", msg)
	}
	// The daemon ends on its own once the test's folder is removed; the
	// check must not wait for that.
	deadline := time.Now().Add(20 * time.Second)
	for {
		before, _ := os.ReadFile(filepath.Join(dir, "beat"))
		time.Sleep(300 * time.Millisecond)
		after, _ := os.ReadFile(filepath.Join(dir, "beat"))
		if string(before) == string(after) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the daemon of the sh check still runs")
		}
	}
}
