package server

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// getExtendedTcpTable is iphlpapi's GetExtendedTcpTable, which x/sys/windows
// does not wrap: the TCP sockets of the system, with the pid of each owner.
var getExtendedTcpTable = windows.NewLazySystemDLL("iphlpapi.dll").NewProc("GetExtendedTcpTable")

// tcpTableOwnerPidListener is TCP_TABLE_OWNER_PID_LISTENER: the listening
// sockets, with their owners.
const tcpTableOwnerPidListener = 3

// listenPorts returns the TCP ports the processes of the server's job
// listen on, from the system's TCP tables (IPv4 and IPv6). It returns nil
// when Windows does not say: the server is then reported as one that never
// listened.
func listenPorts(pid int) []int {
	ids, ok := jobPids(pid)
	if !ok || len(ids) == 0 {
		return nil
	}
	owners := map[uint32]bool{}
	for _, id := range ids {
		owners[id] = true
	}
	var ports []int
	for _, t := range []struct {
		family uint32
		row    tcpRow
	}{{windows.AF_INET, tcp4Row}, {windows.AF_INET6, tcp6Row}} {
		if table := tcpTable(t.family); table != nil {
			ports = mergePorts(ports, t.row.listeners(table, owners))
		}
	}
	return ports
}

// tcpTable returns the listening sockets of one address family, as
// GetExtendedTcpTable writes them, or nil.
func tcpTable(family uint32) []byte {
	if getExtendedTcpTable.Find() != nil {
		return nil
	}
	size := uint32(16 << 10)
	for range 4 { // the table may grow between calls
		buf := make([]byte, size)
		r, _, _ := getExtendedTcpTable.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)),
			0, uintptr(family), tcpTableOwnerPidListener, 0)
		switch windows.Errno(r) {
		case 0:
			return buf[:min(int(size), len(buf))]
		case windows.ERROR_INSUFFICIENT_BUFFER:
			continue
		}
		return nil
	}
	return nil
}
