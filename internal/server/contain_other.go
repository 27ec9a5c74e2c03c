//go:build !linux

package server

import "syscall"

// Only Linux offers PID namespaces: elsewhere a server runs in its own
// process group (where there are groups), and a daemon it double-forks, or
// anything it started when sandcastle is killed, is left behind.

func namespaceAvailable() bool { return false }

func refuseNamespace() {}

func namespaceAttr() *syscall.SysProcAttr { return nil }

func namespaceRefusal(err error) bool { return false }

// fallbackStarted does nothing: there are no subreapers here.
func fallbackStarted() {}

// killAdopted does nothing: sandcastle adopts no orphans here.
func killAdopted(mark string) {}

// initCatches is never asked: no server is the first of a namespace here.
func initCatches(pid int) (caught, ignored, ok bool) { return false, false, false }
