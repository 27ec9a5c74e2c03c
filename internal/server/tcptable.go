package server

import (
	"encoding/binary"
	"slices"
)

// tcpRow is the layout of a row of the TCP tables Windows'
// GetExtendedTcpTable writes (TCP_TABLE_OWNER_PID_*): a count of rows (a
// 32-bit word), then the rows. It is read here, on any system, so that its
// tests run everywhere.
type tcpRow struct {
	size   int // bytes per row
	port   int // offset of the local port: network order, in the low 16 bits of a 32-bit word
	state  int // offset of the state (a 32-bit word)
	pid    int // offset of the owner's pid (a 32-bit word)
	listen uint32
}

// tcp4Row is MIB_TCPROW_OWNER_PID: state, local address and port, remote
// address and port, pid.
var tcp4Row = tcpRow{size: 24, state: 0, port: 8, pid: 20, listen: 2}

// tcp6Row is MIB_TCP6ROW_OWNER_PID: local address (16 bytes), scope, port;
// remote address, scope, port; state, pid.
var tcp6Row = tcpRow{size: 56, port: 20, state: 48, pid: 52, listen: 2}

// listeners returns the local ports of the table's rows in LISTEN state
// (MIB_TCP_STATE_LISTEN) whose owner is in owners, sorted. A table cut
// short yields the rows it holds.
func (r tcpRow) listeners(table []byte, owners map[uint32]bool) []int {
	if len(table) < 4 {
		return nil
	}
	n := int(binary.LittleEndian.Uint32(table))
	var ports []int
	for i := range n {
		off := 4 + i*r.size
		if off+r.size > len(table) {
			break
		}
		row := table[off : off+r.size]
		if binary.LittleEndian.Uint32(row[r.state:]) != r.listen || !owners[binary.LittleEndian.Uint32(row[r.pid:])] {
			continue
		}
		p := binary.LittleEndian.Uint32(row[r.port:])
		ports = mergePorts(ports, []int{int(p&0xff)<<8 | int(p>>8&0xff)})
	}
	return ports
}

// mergePorts adds the ports of more to ports, once each, sorted.
func mergePorts(ports, more []int) []int {
	for _, p := range more {
		if !slices.Contains(ports, p) {
			ports = append(ports, p)
		}
	}
	slices.Sort(ports)
	return ports
}
