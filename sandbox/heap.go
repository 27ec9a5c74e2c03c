package sandbox

import (
	"errors"
	"strconv"
	"strings"
	"sync"

	"modernc.org/libc"
	lib "modernc.org/sqlite/lib"
)

// HeapLimit caps the memory SQLite may take in the process, sandboxes and
// every other database together (sqlite3_hard_heap_limit64): the page cap
// bounds a sandbox's tables, not what a sort or a materialized WITH holds
// while a statement runs. A statement that would pass it fails with
// OutOfMemory. The process's memory grows to about twice what SQLite counts
// (the allocator's pages are not all full after a sort of small rows): at
// 96 MB, with the 64 MiB page cap, a hostile query keeps `check` near
// 210 MB.
const HeapLimit = 96 << 20

// heap is SQLite's heap, one per process and shared by every sandbox: a
// package variable because SQLite's configuration and its heap are
// process-wide. Statements run side by side under a shared lock; one that
// runs out of memory runs again alone, under the exclusive lock, so that
// what another sandbox's statement took never fails it.
var heap struct {
	once sync.Once
	err  error
	mu   sync.RWMutex
}

// Setup turns on SQLite's accounting of its memory, without which
// HeapLimit is not enforced (modernc's SQLite is built with memory
// statistics off), and sets the limit. SQLite takes the accounting setting
// only before it is initialized, which the first database opened does: a
// program calls Setup before it opens any. New calls it too, which is
// enough when the first database a program opens is a sandbox. Setup
// returns an error when it came too late: sandboxes then work, but without
// the heap cap. Calling it again returns the first call's result.
func Setup() error {
	heap.once.Do(func() { heap.err = setupHeap() })
	return heap.err
}

func setupHeap() error {
	tls := libc.NewTLS()
	defer tls.Close()
	va := libc.Xmalloc(tls, 8)
	if va == 0 {
		return errors.New("sandbox: out of memory")
	}
	defer libc.Xfree(tls, va)
	if rc := lib.Xsqlite3_config(tls, lib.SQLITE_CONFIG_MEMSTATUS, libc.VaList(va, int32(1))); rc != lib.SQLITE_OK {
		return errors.New("sandbox: SQLite was initialized before sandbox.Setup: its heap is not capped")
	}
	if lib.Xsqlite3_hard_heap_limit64(tls, HeapLimit) < 0 {
		return errors.New("sandbox: SQLite did not initialize")
	}
	return nil
}

// HeapUsed returns the memory SQLite holds in the process now (0 when its
// accounting is off: Setup came too late).
func HeapUsed() int64 {
	tls := libc.NewTLS()
	defer tls.Close()
	return lib.Xsqlite3_memory_used(tls)
}

// heapLimit returns SQLite's heap limit now (0 when there is none).
func heapLimit() int64 {
	tls := libc.NewTLS()
	defer tls.Close()
	return lib.Xsqlite3_hard_heap_limit64(tls, -1)
}

// shared runs f while other sandboxes run too. When f says that it ran out
// of memory and may run again, it runs again alone (told so): every other
// sandbox waits until it is done, holding only its database.
func shared(f func(alone bool) (again bool)) {
	heap.mu.RLock()
	again := f(false)
	heap.mu.RUnlock()
	if !again {
		return
	}
	heap.mu.Lock()
	defer heap.mu.Unlock()
	f(true)
}

// errOutOfMemory is SQLite's message for SQLITE_NOMEM, for the calls that
// report it with no message.
var errOutOfMemory = errors.New("out of memory")

// outOfMemory reports whether err is SQLite running out of its heap.
func outOfMemory(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "out of memory") || strings.Contains(msg, "cannot allocate")
}

// size writes a number of bytes in megabytes: "96 MB".
func size(n int64) string { return strconv.FormatInt(n>>20, 10) + " MB" }
