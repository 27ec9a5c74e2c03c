package server

import "syscall"

// sysProcAttr puts a process in its own group, and has the kernel kill it if
// sandcastle dies without stopping it.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
