//go:build unix && !linux

package server

import (
	"fmt"
	"os/exec"
	"sync"
	"syscall"
)

// inGroup makes cmd the leader of a new process group, so that everything it
// starts can be signalled at once.
func inGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// watchdogs are the watchdogs of the running servers, by the pid of their
// first process (their process group).
var watchdogs sync.Map // int -> *watchdog

// guardGroup starts a watchdog for the server's process group: there is no
// parent-death signal here (macOS, the BSDs), and the watchdog kills the
// group when sandcastle dies (see startWatchdog).
func guardGroup(cmd *exec.Cmd) error {
	pgid := cmd.Process.Pid
	w, err := startWatchdog(pgid)
	if err != nil {
		killGroup(pgid)
		return fmt.Errorf("watch your server's processes: %w", err)
	}
	watchdogs.Store(pgid, w)
	return nil
}

// releaseGroup lets the group's watchdog go without killing anything.
func releaseGroup(pgid int) {
	if w, ok := watchdogs.LoadAndDelete(pgid); ok {
		w.(*watchdog).release()
	}
}
