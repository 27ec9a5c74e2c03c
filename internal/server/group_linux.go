package server

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// groupAlive reports whether a live process of the group is left. Zombies
// do not count: an orphan that has exited waits for init to reap it, and
// some container inits never do.
func groupAlive(pgid int) bool {
	if syscall.Kill(-pgid, 0) != nil {
		return false
	}
	members, ok := groupMembers(pgid)
	return !ok || len(members) > 0
}

// groupMembers lists the live processes of a group from /proc; ok is false
// when /proc cannot be read.
func groupMembers(pgid int) (pids []int, ok bool) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, false
	}
	for _, e := range entries {
		st, ok := readStat(e.Name())
		if ok && st.pgrp == pgid && st.state != "Z" && st.state != "X" {
			pids = append(pids, st.pid)
		}
	}
	return pids, true
}

// procStat is what sandcastle reads of /proc/PID/stat.
type procStat struct {
	pid, ppid, pgrp int
	state           string
}

// readStat reads /proc/NAME/stat; ok is false when NAME is not a process
// (or it has exited meanwhile).
func readStat(name string) (st procStat, ok bool) {
	pid, err := strconv.Atoi(name)
	if err != nil {
		return st, false
	}
	stat, err := os.ReadFile(filepath.Join("/proc", name, "stat"))
	if err != nil {
		return st, false
	}
	// pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(fields) < 3 {
		return st, false
	}
	st.pid, st.state = pid, fields[0]
	st.ppid, _ = strconv.Atoi(fields[1])
	st.pgrp, _ = strconv.Atoi(fields[2])
	return st, true
}

// listenPorts returns the TCP ports the group's processes listen on, found by
// matching the socket inodes of their open files against /proc/net/tcp{,6}.
func listenPorts(pgid int) []int {
	members, _ := groupMembers(pgid)
	inodes := map[string]bool{}
	for _, pid := range members {
		fdDir := filepath.Join("/proc", strconv.Itoa(pid), "fd")
		fds, _ := os.ReadDir(fdDir)
		for _, fd := range fds {
			link, err := os.Readlink(filepath.Join(fdDir, fd.Name()))
			if err == nil && strings.HasPrefix(link, "socket:[") {
				inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] = true
			}
		}
	}
	if len(inodes) == 0 {
		return nil
	}
	netDir := filepath.Join("/proc", strconv.Itoa(members[0]), "net")
	var ports []int
	for _, table := range []string{"tcp", "tcp6"} {
		for _, p := range listeningIn(filepath.Join(netDir, table), inodes) {
			if !slices.Contains(ports, p) {
				ports = append(ports, p)
			}
		}
	}
	slices.Sort(ports)
	return ports
}

// listeningIn reads a /proc/net/tcp table and returns the local ports of the
// sockets in LISTEN state (0A) whose inode is in inodes.
func listeningIn(path string, inodes map[string]bool) []int {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var ports []int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 || fields[3] != "0A" || !inodes[fields[9]] {
			continue
		}
		_, hexPort, ok := strings.Cut(fields[1], ":")
		if port, err := strconv.ParseUint(hexPort, 16, 16); ok && err == nil {
			ports = append(ports, int(port))
		}
	}
	return ports
}
