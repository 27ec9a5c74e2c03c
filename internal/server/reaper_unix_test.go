//go:build unix && !linux

package server

// becomeSubreaper does nothing: init reaps orphans.
func becomeSubreaper() {}

// reapGroup does nothing: init reaps orphans.
func reapGroup(pgid int) {}
