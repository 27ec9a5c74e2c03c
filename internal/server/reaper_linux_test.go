package server

import (
	"os"
	"syscall"
)

// becomeSubreaper makes the test process adopt its descendants' orphans.
func becomeSubreaper() {
	syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0)
}

// reapGroup reaps the orphans of group pgid that the test adopted and that
// have exited. It leaves the group's leader alone: that is the server, and
// its Server reaps it.
func reapGroup(pgid int) {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		st, ok := readStat(e.Name())
		if ok && st.pgrp == pgid && st.pid != pgid && st.state == "Z" && st.ppid == os.Getpid() {
			var ws syscall.WaitStatus
			syscall.Wait4(st.pid, &ws, syscall.WNOHANG, nil)
		}
	}
}
