package server

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// namespaceRefused is set once the kernel has refused a PID namespace:
// later servers start in a process group without trying again.
var namespaceRefused atomic.Bool

func namespaceAvailable() bool { return !namespaceRefused.Load() }

func refuseNamespace() { namespaceRefused.Store(true) }

// namespaceAttr starts a process as the first of a new PID namespace, in a
// new user namespace that maps sandcastle's user and group to themselves
// (no privilege is needed, none is gained). When that process dies, the
// kernel kills every process of its namespace, daemons included. The
// kernel kills it when sandcastle dies (SIGKILL included), and it leads a
// process group, as without a namespace.
func namespaceAttr() *syscall.SysProcAttr {
	uid, gid := os.Getuid(), os.Getgid()
	return &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWPID,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: uid, HostID: uid, Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: gid, HostID: gid, Size: 1}},
		Setpgid:     true,
		Pdeathsig:   syscall.SIGKILL,
	}
}

// namespaceRefusal reports whether a start failed because the kernel
// refuses a new user or PID namespace: user namespaces turned off
// (EPERM, EACCES), not built in (EINVAL), or too many (ENOSPC, EUSERS).
func namespaceRefusal(err error) bool {
	for _, e := range []syscall.Errno{syscall.EPERM, syscall.EACCES, syscall.EINVAL, syscall.ENOSPC, syscall.EUSERS} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// inGroup makes cmd the leader of a new process group, so that everything it
// starts can be signalled at once, and has the kernel kill it if sandcastle
// dies without stopping it.
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

var subreaper sync.Once

// fallbackStarted makes sandcastle a child subreaper, once, before its
// first server starts without a namespace: the orphans of a server's
// processes (a double-forked daemon) become sandcastle's, not init's, so
// that Stop can find them by their mark and kill them.
func fallbackStarted() {
	subreaper.Do(func() { syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0) })
}

// prSetChildSubreaper is PR_SET_CHILD_SUBREAPER from <linux/prctl.h>.
const prSetChildSubreaper = 36

// killAdopted kills the processes sandcastle adopted that carry mark, and
// reaps them. A process that cleared its environment is not found.
func killAdopted(mark string) {
	me := os.Getpid()
	want := []byte(markEnv + "=" + mark + "\x00")
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		st, ok := readStat(e.Name())
		if !ok || st.ppid != me || st.state == "Z" {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil || !containsEntry(env, want) {
			continue
		}
		if syscall.Kill(st.pid, syscall.SIGKILL) == nil {
			reap(st.pid)
		}
	}
}

// containsEntry reports whether a NUL-separated environment holds entry
// (which ends with its NUL).
func containsEntry(env, entry []byte) bool {
	return strings.HasPrefix(string(env), string(entry)) || strings.Contains(string(env), "\x00"+string(entry))
}

// reap waits for an adopted process that was killed, at most killWait.
func reap(pid int) {
	deadline := time.Now().Add(killWait)
	for time.Now().Before(deadline) {
		var ws syscall.WaitStatus
		if got, err := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil); got == pid || err != nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// initCatches reports whether the first process of a namespace handles
// SIGTERM (ignored is true when it ignores it). Without a handler, the
// first process of a namespace does not die of SIGTERM: only SIGKILL
// stops it. ok is false when /proc does not say.
func initCatches(pid int) (caught, ignored, ok bool) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return false, false, false
	}
	defer f.Close()
	bit := uint64(1) << (uint(syscall.SIGTERM) - 1)
	var seen int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), ":")
		mask, err := strconv.ParseUint(strings.TrimSpace(value), 16, 64)
		switch {
		case err != nil:
		case name == "SigCgt":
			caught, seen = mask&bit != 0, seen+1
		case name == "SigIgn":
			ignored, seen = mask&bit != 0, seen+1
		}
	}
	return caught, ignored, seen == 2
}

// guardGroup does nothing on Linux: the kernel kills the server when
// sandcastle dies (Pdeathsig), and with it its namespace.
func guardGroup(*exec.Cmd) error { return nil }

// releaseGroup does nothing: guardGroup kept nothing.
func releaseGroup(int) {}
