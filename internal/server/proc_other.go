//go:build !unix && !windows

package server

import (
	"os"
	"os/exec"
)

// Neither Unix nor Windows (Plan 9, WebAssembly): no process groups, no Job
// Objects, no listening ports to look up. Only the server's own process is
// stopped, and nothing stops it when sandcastle dies.

// inGroup does nothing where there are no process groups.
func inGroup(cmd *exec.Cmd) {}

// guardGroup does nothing: there is nothing to guard the process with.
func guardGroup(*exec.Cmd) error { return nil }

// releaseGroup does nothing.
func releaseGroup(int) {}

// terminateGroup kills the process: there is no SIGTERM to send.
func terminateGroup(pid int) error { return killGroup(pid) }

// killGroup kills the process.
func killGroup(pid int) error {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
	return nil
}

// groupAlive cannot tell: Stop waits for the process itself.
func groupAlive(pid int) bool { return false }

// listenPorts is not known here.
func listenPorts(pid int) []int { return nil }

// signalName is always "": a process exits with a code here.
func signalName(ps *os.ProcessState) string { return "" }
