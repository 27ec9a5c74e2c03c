//go:build unix

package server

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSourceHashSkipsWhatIsNotAFile: a named pipe among the learner's
// sources (a .go name, or a file of the package's folder) does not hang the
// hash of the build; it is left out of it.
func TestSourceHashSkipsWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module x\n\ngo 1.22\n")
	write(t, filepath.Join(dir, "server", "main.go"), "package main\n\nfunc main() {}\n")
	o := &Options{Dir: dir, BuildDir: filepath.Join(dir, ".sandcastle", "build")}
	before, err := sourceHash(o, []string{"./server"}, "go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"server/pipe.go", "server/data"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan string, 1)
	go func() {
		h, err := sourceHash(o, []string{"./server"}, "go")
		if err != nil {
			t.Error(err)
		}
		done <- h
	}()
	select {
	case h := <-done:
		if h != before {
			t.Error("the named pipes changed the hash; they hold no source")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("hashing the sources still waits after 20 s: it hangs on a named pipe")
	}
}
