//go:build !unix

package server

import (
	"os"
	"os/exec"
)

// inGroup does nothing where there are no process groups: only the server's
// own process is stopped.
func inGroup(cmd *exec.Cmd) {}

// terminateGroup kills the process: there is no SIGTERM to send.
func terminateGroup(pid int) error { return killGroup(pid) }

// killGroup kills the process.
func killGroup(pid int) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return nil
	}
	p.Kill()
	return nil
}

// groupAlive cannot tell: Stop waits for the process itself.
func groupAlive(pid int) bool { return false }

// listenPorts is not known here.
func listenPorts(pid int) []int { return nil }

// signalName is always "": a process exits with a code here.
func signalName(ps *os.ProcessState) string { return "" }
