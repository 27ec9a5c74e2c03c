//go:build unix && !linux

package server

import "syscall"

// sysProcAttr puts a process in its own group.
func sysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }
