//go:build unix && !linux

package server

import (
	"os/exec"
	"syscall"
)

// inGroup makes cmd the leader of a new process group, so that everything it
// starts can be signalled at once.
func inGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }
