package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSandcastleKilled kills (SIGKILL) a process that started a server, as
// if sandcastle crashed: the kernel must kill the server with it.
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
	helper.Process.Kill()
	helper.Wait()

	deadline := time.Now().Add(wait)
	for !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
		var ws syscall.WaitStatus
		syscall.Wait4(pid, &ws, syscall.WNOHANG, nil) // the test adopted it (see TestMain)
		if time.Now().After(deadline) {
			killGroup(pid)
			t.Fatal("the server outlived the process that started it")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Its own children are not the kernel's to kill: they are orphans now.
	killGroup(pid)
	assertGone(t, pid)
}

// TestStartAndWait is TestSandcastleKilled's helper: it starts the fake
// server of $SANDCASTLE_TEST_HELPER_DIR, prints its pid and waits to be killed.
func TestStartAndWait(t *testing.T) {
	dir := os.Getenv("SANDCASTLE_TEST_HELPER_DIR")
	if dir == "" {
		t.Skip("a helper for TestSandcastleKilled")
	}
	s, err := Start(context.Background(), Options{Dir: dir, Command: "python3 fake.py good",
		Env: []string{"PIDFILE=" + dir + "/pids"}, StartTimeout: wait})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(s.pgid)
	time.Sleep(time.Hour)
}
