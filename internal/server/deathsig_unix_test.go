//go:build unix && !linux

package server

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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
	helper := exec.Command(os.Args[0], "-test.run=^TestStartAndWait$")
	helper.Env = append(os.Environ(), "SANDCASTLE_TEST_HELPER_DIR="+f.Dir)
	stdout, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	pid, convErr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || convErr != nil {
		helper.Process.Kill()
		helper.Wait()
		t.Fatalf("the helper did not start a server: %q, %v", line, err)
	}
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
