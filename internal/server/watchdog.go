//go:build unix

package server

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// watchdogScript waits for a line on its standard input, which only
// sandcastle can write: at end of file (sandcastle died, and the kernel
// closed its end of the pipe) it kills the process group $1. Terminal
// signals do not reach it: it leads its own group, and ignores them.
const watchdogScript = `trap '' HUP INT QUIT
read -r line || kill -s KILL -- "-$1" 2>/dev/null`

// watchdog is a small process (sh) that kills a server's process group when
// sandcastle dies: the stand-in, on systems without Linux's parent-death
// signal, for the kernel's killing of the server with sandcastle.
type watchdog struct {
	cmd  *exec.Cmd
	pipe *os.File // the write end: sandcastle's only
}

// startWatchdog starts the watchdog of process group pgid. The pipe's write
// end is sandcastle's alone (close-on-exec: no server inherits it), so
// that its end of file means sandcastle is gone.
func startWatchdog(pgid int) (*watchdog, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("/bin/sh", "-c", watchdogScript, "sandcastle-watchdog", strconv.Itoa(pgid))
	cmd.Stdin = r
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = cmd.Start()
	r.Close()
	if err != nil {
		w.Close()
		return nil, err
	}
	return &watchdog{cmd: cmd, pipe: w}, nil
}

// release ends the watchdog without its killing anything: the server's
// processes are gone (or being stopped by sandcastle).
func (w *watchdog) release() {
	w.pipe.Write([]byte("\n"))
	w.pipe.Close()
	w.cmd.Wait()
}
