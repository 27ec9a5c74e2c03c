//go:build unix && !linux

package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSandcastleKilled kills (SIGKILL) a process that started a server, as
// if sandcastle crashed: the server's watchdog must kill its process group,
// the server and the process it started. (Compiled in CI for macOS, run
// only there: see docs/platforms.md. The watchdog itself is tested on every
// Unix: watchdog_test.go.)
func TestSandcastleKilled(t *testing.T) {
	f := pyFake(t, "good")
	helper, pid := startHelper(t, "TestStartAndWait", "SANDCASTLE_TEST_HELPER_DIR="+f.Dir)
	f.pid.Store(int64(pid))
	helper.Process.Kill()
	helper.Wait()
	f.assertGone(t)
}

// TestStartAndWait is TestSandcastleKilled's helper: it starts the fake
// server of $SANDCASTLE_TEST_HELPER_DIR, prints its pid and waits to be killed.
func TestStartAndWait(t *testing.T) {
	dir := os.Getenv("SANDCASTLE_TEST_HELPER_DIR")
	if dir == "" {
		t.Skip("a helper for TestSandcastleKilled")
	}
	s, err := Start(context.Background(), inState(Options{Dir: dir, Command: "python3 fake.py good",
		Env: []string{"PIDFILE=" + filepath.Join(dir, "pids")}, StartTimeout: wait}))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(s.pgid)
	time.Sleep(time.Hour)
}
