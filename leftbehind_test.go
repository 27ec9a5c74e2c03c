//go:build linux

package main

// What a run of sandcastle leaves behind, for the hostile suite: the files
// under a folder (snapshot, unchanged) and the processes that name the
// script's folder (leftovers).

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// fileState is what a snapshot records of one file.
type fileState struct {
	mode    fs.FileMode
	size    int64
	mtime   time.Time
	content string // a hash of a regular file's content, or a link's target
}

// snapshot is every file under a folder at one moment.
type snapshot struct {
	dir   string
	files map[string]fileState
}

// snapshotHashCap is the largest file whose content a snapshot hashes;
// a larger one is compared by its size and time.
const snapshotHashCap = 64 << 20

func takeSnapshot(dir string) (map[string]fileState, error) {
	files := map[string]fileState{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		st := fileState{mode: info.Mode(), size: info.Size(), mtime: info.ModTime()}
		switch {
		case info.Mode().IsRegular() && info.Size() <= snapshotHashCap:
			// O_NONBLOCK: a file that became a named pipe is not waited on.
			f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
			if err != nil {
				return err
			}
			sum := sha256.New()
			_, err = io.Copy(sum, f)
			f.Close()
			if err != nil {
				return err
			}
			st.content = hex.EncodeToString(sum.Sum(nil))
		case info.Mode()&fs.ModeSymlink != 0:
			if st.content, err = os.Readlink(path); err != nil {
				return err
			}
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel] = st
		return nil
	})
	return files, err
}

// snapshotCmd records every file under a folder: snapshot DIR NAME.
func snapshotCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: snapshot DIR NAME")
	}
	dir := ts.MkAbs(args[0])
	files, err := takeSnapshot(dir)
	ts.Check(err)
	hostileOf(ts).snapshots[args[1]] = &snapshot{dir: dir, files: files}
}

// unchangedCmd asserts that nothing under a snapshot's folder was added,
// changed or removed since it was taken: unchanged NAME.
func unchangedCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: unchanged NAME")
	}
	before, ok := hostileOf(ts).snapshots[args[0]]
	if !ok {
		ts.Fatalf("no snapshot named %s", args[0])
	}
	now, err := takeSnapshot(before.dir)
	ts.Check(err)
	var changes []string
	for path, was := range before.files {
		is, ok := now[path]
		if !ok {
			changes = append(changes, "removed "+path)
			continue
		}
		var what []string
		if is.mode != was.mode {
			what = append(what, fmt.Sprintf("mode %v -> %v", was.mode, is.mode))
		}
		if is.size != was.size {
			what = append(what, fmt.Sprintf("size %d -> %d", was.size, is.size))
		}
		if !is.mtime.Equal(was.mtime) {
			what = append(what, "modification time")
		}
		if is.content != was.content {
			what = append(what, "content")
		}
		if len(what) > 0 {
			changes = append(changes, fmt.Sprintf("changed %s: %s", path, strings.Join(what, ", ")))
		}
	}
	for path := range now {
		if _, ok := before.files[path]; !ok {
			changes = append(changes, "added "+path)
		}
	}
	if len(changes) > 0 {
		slices.Sort(changes)
		ts.Fatalf("%s (%s) changed since its snapshot:\n\t%s", args[0], before.dir, strings.Join(changes, "\n\t"))
	}
}

// leftoversCmd asserts that no process but the test's own names $WORK
// (in its command line, folder, environment or open files): leftovers. It waits up to 2 s for them to end, then kills those left.
func leftoversCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: leftovers")
	}
	work := ts.Getenv("WORK")
	deadline := time.Now().Add(2 * time.Second)
	for {
		left := processesNaming(work)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			var lines []string
			for _, p := range left {
				syscall.Kill(p.pid, syscall.SIGKILL)
				lines = append(lines, fmt.Sprintf("%d (%s): %s", p.pid, p.where, p.cmdline))
			}
			ts.Fatalf("processes left behind (now killed):\n\t%s", strings.Join(lines, "\n\t"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// process is a process found in /proc.
type process struct {
	pid     int
	cmdline string
	where   string // where it names the folder: command line, folder, environment
}

// processesNaming lists the live processes, other than this one, whose
// command line, current folder, environment or open files name dir.
func processesNaming(dir string) []process {
	entries, _ := os.ReadDir("/proc")
	var found []process
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		proc := "/proc/" + e.Name()
		if stat, err := os.ReadFile(proc + "/stat"); err != nil || zombie(stat) {
			continue
		}
		cmdline, _ := os.ReadFile(proc + "/cmdline")
		environ, _ := os.ReadFile(proc + "/environ")
		cwd, _ := os.Readlink(proc + "/cwd")
		var where []string
		if names(cmdline, dir) {
			where = append(where, "command line")
		}
		if names([]byte(cwd), dir) {
			where = append(where, "folder "+cwd)
		}
		if names(environ, dir) {
			where = append(where, "environment")
		}
		if file := openFileNaming(proc, dir); file != "" {
			where = append(where, "open file "+file)
		}
		if len(where) > 0 {
			found = append(found, process{pid: pid, cmdline: strings.ReplaceAll(string(cmdline), "\x00", " "), where: strings.Join(where, ", ")})
		}
	}
	return found
}

// openFileNaming returns a file that the process at proc (/proc/PID) has
// open under dir, or "".
func openFileNaming(proc, dir string) string {
	fds, _ := os.ReadDir(proc + "/fd")
	for _, fd := range fds {
		if target, err := os.Readlink(proc + "/fd/" + fd.Name()); err == nil && names([]byte(target), dir) {
			return target
		}
	}
	return ""
}

// zombie reports whether /proc/PID/stat is a process that has ended and
// waits for its parent to collect it.
func zombie(stat []byte) bool {
	i := strings.LastIndexByte(string(stat), ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

// names reports whether data holds the path dir, itself or a path under
// it, not a longer name that starts the same.
func names(data []byte, dir string) bool {
	s := string(data)
	for {
		i := strings.Index(s, dir)
		if i < 0 {
			return false
		}
		s = s[i+len(dir):]
		if s == "" || !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.", rune(s[0])) {
			return true
		}
	}
}
