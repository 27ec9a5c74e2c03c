package server

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows a server runs in a Job Object of its own: every process it
// starts is in the job too (unless it asks to break away, which the job
// does not allow), TerminateJobObject ends them all, and the kernel ends
// them all when the job's last handle closes, sandcastle's, also when
// sandcastle dies (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE). There is no
// SIGTERM: a server is stopped by ending its processes at once.

// jobs are the Job Objects of the running servers, by the pid of their
// first process.
var jobs sync.Map // int -> windows.Handle

// inGroup starts cmd suspended, so that it starts nothing before it is in
// its job (guardGroup resumes it), and in a new console process group, so
// that a Ctrl-C in sandcastle's console is sandcastle's to handle.
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &windows.SysProcAttr{
		CreationFlags: windows.CREATE_SUSPENDED | windows.CREATE_NEW_PROCESS_GROUP,
	}
}

// guardGroup puts the suspended process cmd started into a new Job Object
// that kills its processes when closed, then lets it run.
func guardGroup(cmd *exec.Cmd) error {
	pid := cmd.Process.Pid
	job, err := newJob()
	if err != nil {
		return fmt.Errorf("a Job Object for your server: %w", err)
	}
	if err := assign(job, pid); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("put your server in its Job Object: %w", err)
	}
	jobs.Store(pid, job)
	if err := resume(pid); err != nil {
		releaseGroup(pid) // kills it: the job's only handle closes
		return fmt.Errorf("start your server: %w", err)
	}
	return nil
}

// newJob creates an unnamed Job Object, whose handle no child inherits,
// that kills its processes when its last handle closes.
func newJob() (windows.Handle, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return 0, err
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{
		BasicLimitInformation: windows.JOBOBJECT_BASIC_LIMIT_INFORMATION{
			LimitFlags: windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
		},
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return 0, err
	}
	return job, nil
}

// assign puts process pid in job.
func assign(job windows.Handle, pid int) error {
	p, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(pid))
	if err != nil {
		return err
	}
	defer windows.CloseHandle(p)
	return windows.AssignProcessToJobObject(job, p)
}

// resume resumes the threads of process pid, started suspended: its one
// thread (os/exec closes the handle of the thread it created, so it is
// found again by its process).
func resume(pid int) error {
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPTHREAD, 0)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(snap)
	entry := windows.ThreadEntry32{Size: uint32(unsafe.Sizeof(windows.ThreadEntry32{}))}
	resumed := 0
	for err = windows.Thread32First(snap, &entry); err == nil; err = windows.Thread32Next(snap, &entry) {
		if entry.OwnerProcessID != uint32(pid) {
			continue
		}
		th, err := windows.OpenThread(windows.THREAD_SUSPEND_RESUME, false, entry.ThreadID)
		if err != nil {
			return err
		}
		_, err = windows.ResumeThread(th)
		windows.CloseHandle(th)
		if err != nil {
			return err
		}
		resumed++
	}
	if !errors.Is(err, windows.ERROR_NO_MORE_FILES) {
		return err
	}
	if resumed == 0 {
		return fmt.Errorf("process %d has no thread to resume", pid)
	}
	return nil
}

// releaseGroup closes the server's Job Object, which kills whatever of it
// still runs.
func releaseGroup(pid int) {
	if job, ok := jobs.LoadAndDelete(pid); ok {
		windows.CloseHandle(job.(windows.Handle))
	}
}

// terminateGroup ends the server's processes: there is no SIGTERM to send.
func terminateGroup(pid int) error { return killGroup(pid) }

// killGroup ends every process of the server's job; without a job (it was
// released), the process alone.
func killGroup(pid int) error {
	if job, ok := jobs.Load(pid); ok {
		err := windows.TerminateJobObject(job.(windows.Handle), 1)
		if errors.Is(err, windows.ERROR_ACCESS_DENIED) { // already ending
			return nil
		}
		return err
	}
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
	return nil
}

// groupAlive reports whether a process of the server's job still runs;
// without a job, false: Stop waits for the process itself.
func groupAlive(pid int) bool {
	pids, ok := jobPids(pid)
	return ok && len(pids) > 0
}

// maxJobPids bounds the processes of a job that are listed: a server has a
// few.
const maxJobPids = 256

// jobPids lists the processes of the server's job; ok is false without one,
// or when Windows does not say.
func jobPids(pid int) (pids []uint32, ok bool) {
	job, ok := jobs.Load(pid)
	if !ok {
		return nil, false
	}
	var list struct {
		Assigned, Listed uint32
		IDs              [maxJobPids]uintptr
	}
	err := windows.QueryInformationJobObject(job.(windows.Handle), windows.JobObjectBasicProcessIdList,
		uintptr(unsafe.Pointer(&list)), uint32(unsafe.Sizeof(list)), nil)
	if err != nil && !errors.Is(err, windows.ERROR_MORE_DATA) { // more than fit: those that did
		return nil, false
	}
	for _, id := range list.IDs[:min(list.Listed, maxJobPids)] {
		pids = append(pids, uint32(id))
	}
	return pids, true
}

// signalName is always "": a process exits with a code here.
func signalName(ps *os.ProcessState) string { return "" }
