//go:build unix

package server

import (
	"context"
	"net"
	"os/exec"
	"slices"
	"syscall"
	"testing"
)

func TestParseLsof(t *testing.T) {
	for _, tc := range []struct {
		name, out string
		want      []int
	}{
		{"nothing found", "", nil},
		{"IPv4, any address and IPv6, sorted, once each",
			"p812\ng812\nf5\nn127.0.0.1:8080\nf6\nn*:5000\np813\ng812\nf3\nn[::1]:8080\n", []int{5000, 8080}},
		{"CRLF and a name without a port", "p1\r\nf3\r\nnlocalhost\r\nn*:9000\r\n", []int{9000}},
		{"a port out of range", "p1\nn*:70000\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseLsof(tc.out); !slices.Equal(got, tc.want) {
				t.Errorf("parseLsof = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLsofPorts asks the real lsof for the ports this test's process group
// listens on (where lsof is installed: macOS has it, as the fallback for
// /proc).
func TestLsofPorts(t *testing.T) {
	if _, err := exec.LookPath("lsof"); err != nil {
		t.Skip("no lsof here")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	if got := lsofPorts(syscall.Getpgrp()); !slices.Contains(got, port) {
		t.Errorf("lsofPorts = %v, want it to hold %d", got, port)
	}
	if got := lsofPorts(1 << 30); got != nil {
		t.Errorf("lsofPorts of a group that does not exist = %v, want none", got)
	}
}

// TestLsofFindsTheServersPort: lsof, asked for a running server's group,
// finds the port it listens on (on Linux, where /proc answers, too).
func TestLsofFindsTheServersPort(t *testing.T) {
	if _, err := exec.LookPath("lsof"); err != nil {
		t.Skip("no lsof here")
	}
	s := startOK(t, context.Background(), pyFake(t, "good").Options)
	if got := lsofPorts(s.pgid); !slices.Equal(got, []int{s.Port}) {
		t.Errorf("lsofPorts = %v, want [%d]", got, s.Port)
	}
}
