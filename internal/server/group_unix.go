//go:build unix && !linux

package server

import "syscall"

// groupAlive reports whether a process of the group is left. Zombies count:
// without /proc there is no telling them apart (init, launchd on macOS,
// reaps orphans at once).
func groupAlive(pgid int) bool { return syscall.Kill(-pgid, 0) == nil }

// listenPorts returns the TCP ports the group's processes listen on, as
// lsof finds them (there is no /proc): none where lsof is missing, and a
// server on the wrong port is then reported as one that never listened.
func listenPorts(pgid int) []int { return lsofPorts(pgid) }
