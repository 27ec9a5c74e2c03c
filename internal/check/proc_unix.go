//go:build unix

package check

import (
	"os/exec"
	"syscall"
	"time"
)

// killGroup runs cmd in its own process group and kills the whole group
// when its context ends, so nothing it started is left behind.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
}
