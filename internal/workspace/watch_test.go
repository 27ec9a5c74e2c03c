package workspace

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// patience is how long a test waits for a notification: far longer than
// any should take, so that a slow machine does not fail a test.
const patience = 5 * time.Second

func startWatch(t *testing.T, root string, opts WatchOptions) *Watcher {
	t.Helper()
	w, err := Watch(context.Background(), root, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// write writes content to the file rel under root, creating its folders.
func write(t *testing.T, root, rel, content string) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// receiveUntil receives batches until one holds want and returns them all.
func receiveUntil(t *testing.T, w *Watcher, want string) [][]string {
	t.Helper()
	var batches [][]string
	timeout := time.After(patience)
	for {
		select {
		case b, ok := <-w.Changes():
			if !ok {
				t.Fatalf("Changes closed before %s was reported (batches: %v)", want, batches)
			}
			if !slices.IsSorted(b) {
				t.Errorf("batch %v is not sorted", b)
			}
			batches = append(batches, b)
			if slices.Contains(b, want) {
				return batches
			}
		case err := <-w.Errors():
			t.Errorf("watch error: %v", err)
		case <-timeout:
			t.Fatalf("%s not reported after %s (batches: %v)", want, patience, batches)
		}
	}
}

// union is the sorted paths of batches.
func union(batches [][]string) []string {
	var all []string
	for _, b := range batches {
		for _, p := range b {
			if !slices.Contains(all, p) {
				all = append(all, p)
			}
		}
	}
	sort.Strings(all)
	return all
}

// expectOnly receives until want is reported and fails if anything else was.
func expectOnly(t *testing.T, w *Watcher, want ...string) {
	t.Helper()
	got := union(receiveUntil(t, w, want[len(want)-1]))
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
}

func TestWatchReportsAWrite(t *testing.T) {
	root := t.TempDir()
	write(t, root, "schema.sql", "create table t (x);\n")
	w := startWatch(t, root, WatchOptions{})

	write(t, root, "schema.sql", "create table t (x, y);\n")
	got := receiveUntil(t, w, "schema.sql")
	if len(got) != 1 || !slices.Equal(got[0], []string{"schema.sql"}) {
		t.Errorf("batches %v, want [[schema.sql]]", got)
	}
}

// Editors that save through other files: each must be reported as a change
// to schema.sql alone.
func TestWatchSavesThroughOtherFiles(t *testing.T) {
	saves := []struct {
		name string
		save func(t *testing.T, root string)
	}{
		{"temporary file renamed over", func(t *testing.T, root string) {
			write(t, root, "schema.sql.tmp", "new")
			rename(t, root, "schema.sql.tmp", "schema.sql")
		}},
		{"vim", func(t *testing.T, root string) {
			write(t, root, ".schema.sql.swp", "swap")
			write(t, root, "4913", "")
			remove(t, root, "4913")
			rename(t, root, "schema.sql", "schema.sql~")
			write(t, root, "schema.sql", "new")
			remove(t, root, "schema.sql~")
			write(t, root, ".schema.sql.swx", "swap")
			remove(t, root, ".schema.sql.swp")
		}},
		{"JetBrains", func(t *testing.T, root string) {
			write(t, root, "schema.sql___jb_tmp___", "new")
			rename(t, root, "schema.sql", "schema.sql___jb_old___")
			rename(t, root, "schema.sql___jb_tmp___", "schema.sql")
			remove(t, root, "schema.sql___jb_old___")
		}},
		{"emacs", func(t *testing.T, root string) {
			write(t, root, ".#schema.sql", "lock")
			write(t, root, "#schema.sql#", "auto-save")
			rename(t, root, "schema.sql", "schema.sql~")
			write(t, root, "schema.sql", "new")
			remove(t, root, "#schema.sql#")
			remove(t, root, ".#schema.sql")
		}},
		{"sandcastle", func(t *testing.T, root string) {
			write(t, root, "schema.sql.sandcastle-new", "new")
			rename(t, root, "schema.sql.sandcastle-new", "schema.sql")
		}},
	}
	for _, s := range saves {
		t.Run(s.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, "schema.sql", "old")
			w := startWatch(t, root, WatchOptions{})
			s.save(t, root)
			expectOnly(t, w, "schema.sql")
		})
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func TestWatchIgnoresWhatIsNotTheLearners(t *testing.T) {
	root := t.TempDir()
	write(t, root, "schema.sql", "old")
	write(t, root, ".sandcastle/state.db", "")
	write(t, root, "server/node_modules/pkg/index.js", "")
	w := startWatch(t, root, WatchOptions{})

	write(t, root, ".sandcastle/state.db", "progress")
	write(t, root, ".sandcastle/backups/2025-01-01T00-00-00/schema.sql", "old")
	write(t, root, "server/node_modules/pkg/index.js", "changed")
	write(t, root, "server/node_modules/new/index.js", "new")
	write(t, root, ".git/index", "")
	write(t, root, ".venv/lib/site.py", "")
	write(t, root, "server/__pycache__/app.cpython-312.pyc", "")
	write(t, root, "server/vendor/mod/x.go", "")
	write(t, root, ".idea/workspace.xml", "")
	if err := os.Chmod(filepath.Join(root, "schema.sql"), 0o600); err != nil {
		t.Fatal(err)
	}
	// What comes after them in time is reported; nothing before it.
	write(t, root, "queries/top.sql", "select 1;")
	expectOnly(t, w, "queries/top.sql")

	// The ignored folders made above are not watched either.
	write(t, root, ".git/HEAD", "ref")
	write(t, root, "server/node_modules/new/more.js", "")
	write(t, root, "schema.sql", "new")
	expectOnly(t, w, "schema.sql")
}

func TestWatchFoldersMadeLater(t *testing.T) {
	root := t.TempDir()
	w := startWatch(t, root, WatchOptions{})

	if err := os.Mkdir(filepath.Join(root, "queries"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, root, "queries/top.sql", "select 1;")
	expectOnly(t, w, "queries/top.sql")
	write(t, root, "queries/top.sql", "select 2;")
	expectOnly(t, w, "queries/top.sql")

	t.Run("files written with their folders at once", func(t *testing.T) {
		write(t, root, "server/src/routes/scores.js", "")
		expectOnly(t, w, "server/src/routes/scores.js")
		write(t, root, "server/src/routes/scores.js", "changed")
		expectOnly(t, w, "server/src/routes/scores.js")
	})
}

func TestWatchFoldersRemovedAndMoved(t *testing.T) {
	root := t.TempDir()
	write(t, root, "queries/top.sql", "select 1;")
	write(t, root, "queries/old/a.sql", "")
	w := startWatch(t, root, WatchOptions{})

	t.Run("moved within", func(t *testing.T) {
		rename(t, root, "queries", "q")
		expectOnly(t, w, "q/old/a.sql", "q/top.sql", "queries")
		write(t, root, "q/old/a.sql", "changed")
		expectOnly(t, w, "q/old/a.sql")
	})
	t.Run("moved out", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "q")
		if err := os.Rename(filepath.Join(root, "q"), out); err != nil {
			t.Fatal(err)
		}
		expectOnly(t, w, "q")
		// Writes where the folder went are not the workspace's.
		write(t, out, "old/a.sql", "outside")
		write(t, out, "top.sql", "outside")
		write(t, root, "schema.sql", "")
		expectOnly(t, w, "schema.sql")
	})
	t.Run("removed and made again", func(t *testing.T) {
		write(t, root, "queries/top.sql", "select 1;")
		expectOnly(t, w, "queries/top.sql")
		remove(t, root, "queries")
		expectOnly(t, w, "queries", "queries/top.sql")
		write(t, root, "queries/top.sql", "select 3;")
		expectOnly(t, w, "queries/top.sql")
	})
}

// A burst of writes longer than the quiet period, with gaps shorter than
// it, is one notification; a machine that stalls mid-burst may split it in
// two.
func TestWatchGathersABurst(t *testing.T) {
	root := t.TempDir()
	files := []string{"a.sql", "b.sql", "c.sql"}
	for _, f := range files {
		write(t, root, f, "")
	}
	w := startWatch(t, root, WatchOptions{})

	for i := range 20 {
		write(t, root, files[i%3], strings.Repeat("x", i))
		time.Sleep(20 * time.Millisecond)
	}
	batches := receiveUntil(t, w, "c.sql")
	for !slices.Equal(union(batches), files) {
		batches = append(batches, receiveUntil(t, w, missing(files, union(batches)))...)
	}
	// Give a stray batch the time to show.
	select {
	case b := <-w.Changes():
		batches = append(batches, b)
	case <-time.After(10 * w.opts.Quiet):
	}
	t.Logf("batches: %v", batches)
	if len(batches) > 2 {
		t.Errorf("a burst gave %d batches, want 1 (2 at most): %v", len(batches), batches)
	}
	if got := union(batches); !slices.Equal(got, files) {
		t.Errorf("reported %v, want %v", got, files)
	}
}

func missing(want, got []string) string {
	for _, p := range want {
		if !slices.Contains(got, p) {
			return p
		}
	}
	return ""
}

// Under writes that never pause, changes are still reported.
func TestWatchReportsDuringContinuousWrites(t *testing.T) {
	root := t.TempDir()
	w := startWatch(t, root, WatchOptions{MaxWait: 300 * time.Millisecond})

	deadline := time.Now().Add(patience)
	for i := 0; time.Now().Before(deadline); i++ {
		write(t, root, "log.txt", strings.Repeat("x", i))
		select {
		case b := <-w.Changes():
			if !slices.Equal(b, []string{"log.txt"}) {
				t.Errorf("batch %v, want [log.txt]", b)
			}
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("no notification during %s of writes every 10 ms", patience)
}

func TestWatchResolvesASymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	link := filepath.Join(dir, "link")
	write(t, real, "schema.sql", "")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	w := startWatch(t, link, WatchOptions{})
	write(t, link, "schema.sql", "via the link")
	expectOnly(t, w, "schema.sql")
}

func TestWatchRefusesWhatIsNotAFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "file", "")
	for _, root := range []string{filepath.Join(dir, "missing"), filepath.Join(dir, "file")} {
		if w, err := Watch(context.Background(), root, WatchOptions{}); err == nil {
			w.Close()
			t.Errorf("Watch(%s) succeeded", root)
		}
	}
}

func TestWatchEnds(t *testing.T) {
	before := runtime.NumGoroutine()
	root := t.TempDir()

	t.Run("Close", func(t *testing.T) {
		w, err := Watch(context.Background(), root, WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		write(t, root, "schema.sql", "") // a batch that nobody receives
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal("second Close:", err)
		}
		expectClosed(t, w)
	})
	t.Run("context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		w, err := Watch(ctx, root, WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		expectClosed(t, w)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("workspace removed", func(t *testing.T) {
		root := filepath.Join(t.TempDir(), "ws")
		write(t, root, "schema.sql", "")
		w, err := Watch(context.Background(), root, WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		remove(t, root, ".")
		expectClosed(t, w)
		if err, ok := <-w.Errors(); !ok || !strings.Contains(err.Error(), "removed") {
			t.Errorf("error %v, want the folder removed", err)
		}
	})

	for deadline := time.Now().Add(patience); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// expectClosed waits for Changes to be closed, draining it.
func expectClosed(t *testing.T, w *Watcher) {
	t.Helper()
	timeout := time.After(patience)
	for {
		select {
		case _, ok := <-w.Changes():
			if !ok {
				return
			}
		case <-timeout:
			t.Fatalf("Changes still open after %s", patience)
		}
	}
}

// BenchmarkWatchLatency measures the delay from a write to its
// notification with the default quiet period: the median of 20 writes.
//
//	go test -run '^$' -bench WatchLatency -benchtime 1x ./internal/workspace
func BenchmarkWatchLatency(b *testing.B) {
	root := b.TempDir()
	w, err := Watch(context.Background(), root, WatchOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	var delays []time.Duration
	for range b.N {
		for i := range 20 {
			start := time.Now()
			if err := os.WriteFile(filepath.Join(root, "schema.sql"), []byte(strings.Repeat("x", i)), 0o644); err != nil {
				b.Fatal(err)
			}
			select {
			case <-w.Changes():
				delays = append(delays, time.Since(start))
			case <-time.After(patience):
				b.Fatal("no notification")
			}
		}
	}
	slices.Sort(delays)
	b.ReportMetric(float64(delays[len(delays)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(delays[len(delays)*9/10].Microseconds())/1000, "ms-p90")
	b.ReportMetric(float64(delays[len(delays)-1].Microseconds())/1000, "ms-max")
}
