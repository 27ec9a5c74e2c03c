//go:build unix

package server

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// The watchdog is what stops a server's processes when sandcastle dies on
// systems without a parent-death signal (macOS). It is plain sh and kill,
// so it runs, and is tested, here too.

// startGroup starts a process group (sh, and a sleep it waits for) as a
// server's would be, and returns its pgid. The test reaps it at the end.
func startGroup(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("/bin/sh", "-c", "sleep 100 & wait")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	})
	return cmd.Process.Pid
}

// TestWatchdogKillsTheGroupWhenSandcastleDies: its pipe's end of file,
// which the kernel makes when sandcastle dies, kills the group.
func TestWatchdogKillsTheGroupWhenSandcastleDies(t *testing.T) {
	pgid := startGroup(t)
	w, err := startWatchdog(pgid)
	if err != nil {
		t.Fatal(err)
	}
	w.pipe.Close() // as the kernel does when sandcastle dies
	w.cmd.Wait()
	reapLeader(t, pgid)
	assertGone(t, pgid)
}

// TestWatchdogReleased: a watchdog released (the server stopped by
// sandcastle) kills nothing.
func TestWatchdogReleased(t *testing.T) {
	pgid := startGroup(t)
	w, err := startWatchdog(pgid)
	if err != nil {
		t.Fatal(err)
	}
	w.release()
	time.Sleep(100 * time.Millisecond)
	if err := syscall.Kill(-pgid, 0); err != nil {
		t.Errorf("the group is gone after its watchdog was released: %v", err)
	}
}

// TestWatchdogOfAKilledSandcastle kills (SIGKILL) a process that started a
// group and its watchdog, as if sandcastle crashed: the group dies too.
func TestWatchdogOfAKilledSandcastle(t *testing.T) {
	helper, pgid := startHelper(t, "TestWatchdogHelper", "SANDCASTLE_TEST_WATCHDOG=1")
	if err := syscall.Kill(-pgid, 0); err != nil {
		t.Fatalf("the helper's group is not running: %v", err)
	}
	helper.Process.Kill()
	helper.Wait()
	reapLeader(t, pgid) // the test adopted it (see TestMain)
	assertGone(t, pgid)
}

// TestWatchdogHelper is TestWatchdogOfAKilledSandcastle's helper: it starts
// a group and its watchdog, prints the group's id and waits to be killed.
func TestWatchdogHelper(t *testing.T) {
	if os.Getenv("SANDCASTLE_TEST_WATCHDOG") == "" {
		t.Skip("a helper for TestWatchdogOfAKilledSandcastle")
	}
	cmd := exec.Command("/bin/sh", "-c", "sleep 100 & wait")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := startWatchdog(cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	fmt.Println(cmd.Process.Pid)
	time.Sleep(time.Hour)
}

// reapLeader reaps a group's leader that was killed, if it is the test's
// child (or an orphan the test adopted): until then it is a zombie, and
// still counts as a process of its group.
func reapLeader(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		var ws syscall.WaitStatus
		got, err := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		if got == pid || errors.Is(err, syscall.ECHILD) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}
