//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// processCmds look for processes (on Linux, where /proc lists them) and
// send them signals.
var processCmds = map[string]scriptCmd{
	"running": runningCmd,
	"quiet":   quietCmd,
	"signal":  signalCmd,
}

// runningCmd waits (15 s at most) until a process whose command line holds
// TEXT runs, or with !, until none does: running TEXT. Linux only (/proc).
func runningCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: running TEXT")
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		pids := processesWith(args[0])
		if (len(pids) > 0) != neg {
			return
		}
		if time.Now().After(deadline) {
			if neg {
				ts.Fatalf("still running: %v", pids)
			}
			ts.Fatalf("no process runs with %q in its command line", args[0])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// processesWith lists the live processes whose command line holds text.
func processesWith(text string) []string {
	entries, _ := os.ReadDir("/proc")
	var pids []string
	for _, e := range entries {
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		zombie := strings.Contains(string(stat), ") Z ")
		if err == nil && !zombie && strings.Contains(string(cmdline), text) {
			pids = append(pids, e.Name())
		}
	}
	return pids
}

// quietCmd fails if FILE changes within 300 ms: nothing writes it any more.
// A missing file counts as one that does not change: quiet FILE.
func quietCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: quiet FILE")
	}
	read := func() string {
		b, _ := os.ReadFile(ts.MkAbs(args[0]))
		return string(b)
	}
	before := read()
	time.Sleep(300 * time.Millisecond)
	if after := read(); after != before {
		ts.Fatalf("%s still changes: %q, then %q", args[0], before, after)
	}
}

// signalCmd sends a signal (INT, TERM, HUP, KILL) to the process whose pid
// PIDFILE holds, once it does (15 s at most): signal SIG PIDFILE.
func signalCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: signal SIG PIDFILE")
	}
	sig, ok := map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM, "HUP": syscall.SIGHUP, "KILL": syscall.SIGKILL}[args[0]]
	if !ok {
		ts.Fatalf("unknown signal %s", args[0])
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		b, err := os.ReadFile(ts.MkAbs(args[1]))
		if pid, convErr := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && convErr == nil {
			ts.Check(syscall.Kill(pid, sig))
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("no pid in %s", args[1])
		}
		time.Sleep(20 * time.Millisecond)
	}
}
