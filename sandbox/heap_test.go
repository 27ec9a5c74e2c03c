package sandbox

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"modernc.org/libc"
	lib "modernc.org/sqlite/lib"
)

// testHeapLimit is the heap limit of the tests of the cap: HeapLimit
// would do, but a hostile query takes seconds to fill it on a busy machine.
const testHeapLimit = 48 << 20

// lowerHeapLimit sets SQLite's heap limit to testHeapLimit for the test.
func lowerHeapLimit(t *testing.T) {
	if err := Setup(); err != nil {
		t.Fatal(err)
	}
	tls := libc.NewTLS()
	defer tls.Close()
	old := lib.Xsqlite3_hard_heap_limit64(tls, testHeapLimit)
	t.Cleanup(func() {
		tls := libc.NewTLS()
		defer tls.Close()
		lib.Xsqlite3_hard_heap_limit64(tls, old)
	})
}

// rows is a recursive WITH of n rows, a hostile query's source.
func rows(n int) string {
	return fmt.Sprintf("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT %d) ", n)
}

// TestHeapCap checks that statements whose memory the page cap does not
// bound (sorters, materialized WITHs, DISTINCT, GROUP BY) stop at the heap
// cap with a message naming it, well before their time runs out.
func TestHeapCap(t *testing.T) {
	lowerHeapLimit(t)
	// Rows of 100 KB: memory grows fast, whatever the machine.
	tests := []struct{ name, sql string }{
		{"a sort of many big rows", rows(1_000_000) + "SELECT x, zeroblob(100000) FROM c ORDER BY x DESC;"},
		{"a materialized WITH", rows(1_000_000) + ", m AS MATERIALIZED (SELECT x, zeroblob(100000) AS b FROM c) " +
			"SELECT count(*) FROM m AS a JOIN m AS b ON a.x = b.x;"},
		{"DISTINCT over many big rows", rows(1_000_000) + "SELECT count(*) FROM (SELECT DISTINCT x, zeroblob(100000) FROM c);"},
		{"GROUP BY over many big groups", rows(1_000_000) + "SELECT count(*) FROM (SELECT x || zeroblob(100000) AS b FROM c GROUP BY b);"},
		{"a temporary table", "CREATE TEMP TABLE t AS " + rows(1_000_000) + "SELECT zeroblob(100000) AS b FROM c;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, Options{Timeout: time.Minute})
			_, err := s.Run(context.Background(), Script{Name: "hostile.sql", SQL: tt.sql})
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("Run = %v, want an *Error", err)
			}
			if e.Reason != OutOfMemory {
				t.Fatalf("reason %v (%v), want OutOfMemory", e.Reason, e)
			}
			if !strings.Contains(e.Error(), "needed more memory than the sandbox allows (48 MB)") {
				t.Errorf("message %q does not name the cap", e.Error())
			}
			if used := HeapUsed(); used <= 0 || used > testHeapLimit/2 {
				t.Errorf("SQLite holds %d bytes after the statement failed, want some (its accounting on) and little", used)
			}
			res, err := s.Run(context.Background(), Script{SQL: "SELECT 1;"})
			if err != nil || len(res.Rows) != 1 {
				t.Errorf("the sandbox does not work after running out of memory: %v, %v", res, err)
			}
		})
	}
}

// TestHeapCapSpareHonestSandboxes checks that a sandbox running out of the
// process's heap does not fail the statements of another that needs little:
// those run again alone.
func TestHeapCapSparesHonestSandboxes(t *testing.T) {
	lowerHeapLimit(t)
	honest := newSandbox(t, Options{Timeout: time.Minute})
	hostile := newSandbox(t, Options{Timeout: time.Minute})
	if _, err := honest.Run(context.Background(), Script{SQL: "CREATE TABLE t AS " + rows(20_000) + "SELECT x, randomblob(500) AS b FROM c;"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for range 3 {
			_, err := hostile.Run(context.Background(), Script{SQL: rows(1_000_000) + "SELECT x, zeroblob(100000) FROM c ORDER BY x DESC;"})
			if e, ok := AsError(err); !ok || e.Reason != OutOfMemory {
				t.Errorf("the hostile query: %v, want OutOfMemory", err)
			}
		}
	}()
	runs := 0
	for loop := true; loop; runs++ {
		select {
		case <-done:
			loop = false
		default:
		}
		res, err := honest.Run(context.Background(), Script{SQL: "SELECT count(*) FROM (SELECT b FROM t ORDER BY b);"})
		if err != nil {
			t.Errorf("run %d of the honest query failed beside a hostile one: %v", runs, err)
			break
		}
		if res.Rows[0][0] != int64(20_000) {
			t.Errorf("the honest query counted %v rows", res.Rows[0][0])
			break
		}
	}
	wg.Wait()
	t.Logf("the honest query ran %d times beside the hostile one", runs)
}

// BenchmarkSort runs an honest query that allocates much: a sort of 50 000
// rows, each malloc of which memory accounting counts.
func BenchmarkSort(b *testing.B) {
	s := newSandbox(b, Options{})
	ctx := context.Background()
	if _, err := s.Run(ctx, Script{SQL: "CREATE TABLE t AS " + rows(50_000) + "SELECT x, hex(randomblob(20)) AS h FROM c;"}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Run(ctx, Script{SQL: "SELECT count(*) FROM (SELECT h FROM t ORDER BY h);"}); err != nil {
			b.Fatal(err)
		}
	}
}
