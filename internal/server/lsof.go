//go:build unix

package server

import (
	"context"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// lsofTimeout bounds one run of lsof: the wait for a server to listen
// goes on meanwhile.
const lsofTimeout = time.Second

// lsofPorts asks lsof for the TCP ports process group pgid listens on: the
// fallback where there is no /proc (macOS, the BSDs). It returns nil when
// lsof is missing or fails.
func lsofPorts(pgid int) []int {
	ctx, cancel := context.WithTimeout(context.Background(), lsofTimeout)
	defer cancel()
	// -a: all of the conditions; -g: the group's processes; -F n: names only.
	out, _ := exec.CommandContext(ctx, "lsof", "-nP", "-a", "-g", strconv.Itoa(pgid),
		"-iTCP", "-sTCP:LISTEN", "-Fn").Output() // exit status 1 when nothing matched
	return parseLsof(string(out))
}

// parseLsof reads the ports of lsof -F n's output: a line per field, the
// names ("n127.0.0.1:8080", "n*:8080", "n[::1]:8080") starting with n.
func parseLsof(out string) []int {
	var ports []int
	for line := range strings.Lines(out) {
		name, ok := strings.CutPrefix(strings.TrimRight(line, "\r\n"), "n")
		if !ok {
			continue
		}
		i := strings.LastIndexByte(name, ':')
		if i < 0 {
			continue
		}
		if port, err := strconv.ParseUint(name[i+1:], 10, 16); err == nil && !slices.Contains(ports, int(port)) {
			ports = append(ports, int(port))
		}
	}
	slices.Sort(ports)
	return ports
}
