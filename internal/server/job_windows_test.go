package server

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// These tests are compiled in CI for Windows (GOOS=windows go test -c) and
// run only on Windows: see docs/platforms.md.

const wait = 20 * time.Second

// startTree starts this test binary as a server would be started (in its Job
// Object): it listens on a port and starts a grandchild that sleeps. It
// returns the server's pid, the grandchild's and the port.
func startTree(t *testing.T) (cmd *exec.Cmd, grandchild uint32, port int) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd, _, err = startContained(func() *exec.Cmd {
		c := exec.Command(os.Args[0], "-test.run=^TestJobHelper$")
		c.Env = append(os.Environ(), "SANDCASTLE_TEST_JOB=server")
		c.Stdout = w
		return c
	})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		releaseGroup(cmd.Process.Pid)
		cmd.Wait()
	})
	line, err := bufio.NewReader(r).ReadString('\n')
	fields := strings.Fields(line)
	if err != nil || len(fields) != 2 {
		t.Fatalf("the server did not say its grandchild and port: %q, %v", line, err)
	}
	gc, _ := strconv.ParseUint(fields[0], 10, 32)
	port, _ = strconv.Atoi(fields[1])
	return cmd, uint32(gc), port
}

// assertEnded waits for process pid to end.
func assertEnded(t *testing.T, pid uint32) {
	t.Helper()
	h, err := windows.OpenProcess(windows.SYNCHRONIZE, false, pid)
	if err != nil {
		return // gone
	}
	defer windows.CloseHandle(h)
	if ev, _ := windows.WaitForSingleObject(h, uint32(wait/time.Millisecond)); ev != windows.WAIT_OBJECT_0 {
		t.Errorf("process %d still runs", pid)
	}
}

// TestJobKillsTheTree: killGroup ends the server and the process it started;
// listenPorts finds the port it listens on.
func TestJobKillsTheTree(t *testing.T) {
	cmd, grandchild, port := startTree(t)
	pid := cmd.Process.Pid
	deadline := time.Now().Add(wait)
	for !slices.Contains(listenPorts(pid), port) {
		if time.Now().After(deadline) {
			t.Fatalf("listenPorts = %v, want it to hold %d", listenPorts(pid), port)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !groupAlive(pid) {
		t.Error("groupAlive is false while the server runs")
	}
	if err := killGroup(pid); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	assertEnded(t, grandchild)
	for groupAlive(pid) {
		if time.Now().After(deadline) {
			t.Fatal("groupAlive is still true after killGroup")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestJobClosedKillsTheTree: closing the job's handle, which is what
// happens when sandcastle dies, ends the server and the process it started.
func TestJobClosedKillsTheTree(t *testing.T) {
	cmd, grandchild, _ := startTree(t)
	releaseGroup(cmd.Process.Pid)
	cmd.Wait()
	assertEnded(t, grandchild)
}

// TestJobHelper is the server of the tests above: it listens, starts a
// grandchild that sleeps, prints "GRANDCHILD-PID PORT" and waits.
func TestJobHelper(t *testing.T) {
	switch os.Getenv("SANDCASTLE_TEST_JOB") {
	case "server":
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		gc := exec.Command(os.Args[0], "-test.run=^TestJobHelper$")
		gc.Env = append(os.Environ(), "SANDCASTLE_TEST_JOB=grandchild")
		if err := gc.Start(); err != nil {
			t.Fatal(err)
		}
		fmt.Println(gc.Process.Pid, l.Addr().(*net.TCPAddr).Port)
		time.Sleep(time.Hour)
	case "grandchild":
		time.Sleep(time.Hour)
	default:
		t.Skip("a helper for TestJobKillsTheTree")
	}
}
