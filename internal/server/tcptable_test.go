package server

import (
	"encoding/binary"
	"slices"
	"testing"
)

// table builds a TCP table as GetExtendedTcpTable writes it: a count, then
// rows with state, port (network order) and owner at the row's offsets.
func table(r tcpRow, rows ...[3]uint32) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(rows)))
	for _, row := range rows {
		raw := make([]byte, r.size)
		state, port, pid := row[0], row[1], row[2]
		binary.LittleEndian.PutUint32(raw[r.state:], state)
		binary.LittleEndian.PutUint32(raw[r.port:], port>>8|(port&0xff)<<8)
		binary.LittleEndian.PutUint32(raw[r.pid:], pid)
		b = append(b, raw...)
	}
	return b
}

func TestTCPTableListeners(t *testing.T) {
	const listen, established = 2, 5
	owners := map[uint32]bool{100: true, 101: true}
	for _, r := range []struct {
		name string
		row  tcpRow
	}{{"IPv4", tcp4Row}, {"IPv6", tcp6Row}} {
		t.Run(r.name, func(t *testing.T) {
			full := table(r.row,
				[3]uint32{listen, 8080, 100},
				[3]uint32{listen, 5000, 101},
				[3]uint32{listen, 8080, 101},      // once
				[3]uint32{listen, 443, 999},       // another program's
				[3]uint32{established, 6000, 100}, // not listening
			)
			if got := r.row.listeners(full, owners); !slices.Equal(got, []int{5000, 8080}) {
				t.Errorf("listeners = %v, want [5000 8080]", got)
			}
			// A table cut short, or a count larger than its rows: the rows it holds.
			if got := r.row.listeners(full[:4+r.row.size+3], owners); !slices.Equal(got, []int{8080}) {
				t.Errorf("listeners of a cut table = %v, want [8080]", got)
			}
			if got := r.row.listeners(full[:2], owners); got != nil {
				t.Errorf("listeners of no table = %v, want none", got)
			}
		})
	}
}
