package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSandcastleKilled kills (SIGKILL) a process that started a server, as
// if sandcastle crashed: the kernel must kill the server with it, and every
// process it started, the daemon it double-forked included.
func TestSandcastleKilled(t *testing.T) {
	if !namespaceAvailable() {
		t.Skip("the kernel refuses a PID namespace: without one, what a server started outlives a killed sandcastle (see docs/classroom.md)")
	}
	f := pyFake(t, "daemon")
	helper, pid := startHelper(t, "TestStartAndWait", "SANDCASTLE_TEST_HELPER_DIR="+f.Dir)
	f.pid.Store(int64(pid))
	daemon := f.daemon(t)
	helper.Process.Kill()
	helper.Wait()

	// The server's process is the test's now (see TestMain): reap it.
	deadline := time.Now().Add(wait)
	for !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) && time.Now().Before(deadline) {
		var ws syscall.WaitStatus
		syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		time.Sleep(10 * time.Millisecond)
	}
	f.assertGone(t)
	assertGone(t, pid, daemon)
	f.assertQuiet(t)
}

// TestStartAndWait is TestSandcastleKilled's helper: it starts the fake
// server of $SANDCASTLE_TEST_HELPER_DIR, prints its pid and waits to be killed.
func TestStartAndWait(t *testing.T) {
	dir := os.Getenv("SANDCASTLE_TEST_HELPER_DIR")
	if dir == "" {
		t.Skip("a helper for TestSandcastleKilled")
	}
	s, err := Start(context.Background(), inState(Options{Dir: dir, Command: "python3 fake.py daemon",
		Env: []string{"PIDFILE=" + filepath.Join(dir, "pids")}, StartTimeout: wait}))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(s.pgid)
	time.Sleep(time.Hour)
}
