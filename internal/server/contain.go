package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"runtime"
)

// NoNamespaceEnv, when set to 1 in sandcastle's environment, makes it start
// learners' servers without a PID namespace, as where the kernel refuses
// one: for tests of the fallback, and to rule the namespace out when
// something goes wrong.
const NoNamespaceEnv = "SANDCASTLE_NO_NAMESPACE"

// markEnv marks a server's processes in the fallback: a process sandcastle
// adopted that carries its server's mark is that server's, and is killed
// with it.
const markEnv = "SANDCASTLE_SERVER"

// newMark returns a fresh mark for a server's processes.
func newMark() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// startContained starts the command newCmd returns so that what it starts
// can be stopped with it: in a new PID namespace where the kernel allows one
// (inNamespace is true), else in its own process group (a Job Object on
// Windows), guarded so that it ends when sandcastle dies (see guardGroup).
// newCmd may be called twice, when the kernel refuses the namespace. Once
// the process has exited, releaseGroup(pid) must be called.
//
// It must run on a goroutine locked to its thread for the process's life:
// the kernel sends the parent-death signal when the thread that started a
// process ends, not the process (golang/go#27505).
func startContained(newCmd func() *exec.Cmd) (cmd *exec.Cmd, inNamespace bool, err error) {
	if useNamespace() {
		cmd = newCmd()
		cmd.SysProcAttr = namespaceAttr()
		err = cmd.Start()
		if err == nil || !namespaceRefusal(err) {
			return cmd, err == nil, err
		}
	}
	cmd = newCmd()
	fallbackStarted()
	if err = startInGroup(cmd); err != nil {
		return cmd, false, err
	}
	if useNamespace() {
		// It starts without one: the kernel refuses the namespace (EPERM
		// of a program that cannot run would have failed here too).
		refuseNamespace()
	}
	return cmd, false, nil
}

// startInGroup starts cmd in a process group of its own (a Job Object on
// Windows: see inGroup), guarded so that it ends when sandcastle dies (see
// guardGroup); when that fails, nothing of it is left running. Once the
// process has exited, releaseGroup(pid) must be called.
func startInGroup(cmd *exec.Cmd) error {
	inGroup(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	if err := guardGroup(cmd); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return err
	}
	return nil
}

// RunContained runs the command newCmd returns as a server is run: in a new
// PID namespace where the kernel allows one, so that every process it
// starts ends with it, else in its own process group; when ctx ends, they
// are all killed. newCmd may be called twice, when the kernel refuses the
// namespace. It returns what the command's Wait returns.
func RunContained(ctx context.Context, newCmd func() *exec.Cmd) error {
	var cmd *exec.Cmd
	var waitErr error
	done := make(chan struct{})
	err := startLocked(func() (err error) {
		cmd, _, err = startContained(newCmd)
		return err
	}, func() {
		defer close(done)
		stop := context.AfterFunc(ctx, func() { killGroup(cmd.Process.Pid) })
		defer stop()
		waitErr = cmd.Wait()
		releaseGroup(cmd.Process.Pid)
	})
	if err != nil {
		return err
	}
	<-done
	return waitErr
}

// useNamespace reports whether a server should start in a PID namespace.
func useNamespace() bool {
	return namespaceAvailable() && os.Getenv(NoNamespaceEnv) != "1"
}

// startLocked calls start on a goroutine locked to its thread, and then
// after, when start succeeded, with the thread still locked: the process
// start started lives until after returns.
func startLocked(start func() error, after func()) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		err := start()
		errc <- err
		if err == nil {
			after()
		}
	}()
	return <-errc
}

// notFoundError reports whether a start failed for want of the program.
func notFoundError(err error) bool {
	return errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist)
}
