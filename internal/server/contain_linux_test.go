package server

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestDaemonStopped starts a server that double-forks a daemon (setsid):
// once the server is stopped, the daemon is gone and its file no longer
// changes, in a PID namespace and in the fallback without one.
func TestDaemonStopped(t *testing.T) {
	for _, tc := range []struct {
		name        string
		noNamespace bool
	}{{"in a PID namespace", false}, {"in a process group, sandcastle a subreaper", true}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.noNamespace {
				t.Setenv(NoNamespaceEnv, "1")
			} else if !namespaceAvailable() {
				t.Skip("the kernel refuses a PID namespace")
			}
			f := pyFake(t, "daemon")
			s := startOK(t, context.Background(), f.Options)
			if s.namespace == tc.noNamespace {
				t.Fatalf("in a namespace: %v, want %v", s.namespace, !tc.noNamespace)
			}
			daemon := f.daemon(t)
			if st, err := s.Stop(); err != nil || st.Killed {
				t.Errorf("Stop = %+v, %v; want a clean stop", st, err)
			}
			f.assertGone(t)
			assertGone(t, s.pgid, daemon)
			f.assertQuiet(t)
		})
	}
}

// daemon waits for the fake's daemon to write its pid, and returns it.
func (f *fake) daemon(t *testing.T) int {
	t.Helper()
	path := filepath.Join(f.Dir, "pids.daemon")
	deadline := time.Now().Add(wait)
	for {
		if b, err := os.ReadFile(path); err == nil {
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatalf("daemon pid %q: %v", b, err)
			}
			return pid
		}
		if time.Now().After(deadline) {
			t.Fatal("the daemon never wrote its pid")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// assertQuiet fails the test if the daemon's file still changes: something
// still writes it every 50 ms.
func (f *fake) assertQuiet(t *testing.T) {
	t.Helper()
	path := filepath.Join(f.Dir, "pids.beat")
	before, _ := os.ReadFile(path)
	time.Sleep(300 * time.Millisecond)
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("the daemon's file still changes: %q, then %q", before, after)
	}
}

// A server that cannot run (a file without execute permission: EACCES, as
// a kernel refusing a namespace may say) is not taken for such a kernel:
// the next server still starts in a namespace.
func TestUnrunnableServerKeepsTheNamespace(t *testing.T) {
	if !namespaceAvailable() {
		t.Skip("the kernel refuses a PID namespace")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "run-server"), "#!/bin/sh\nexit 0\n") // mode 0644
	if _, err := Start(context.Background(), inState(Options{Dir: dir, Command: "./run-server"})); err == nil {
		t.Fatal("a server without execute permission started")
	}
	f := pyFake(t, "good")
	if s := startOK(t, context.Background(), f.Options); !s.namespace {
		t.Error("after a server that could not run, servers start without a namespace")
	}
}
