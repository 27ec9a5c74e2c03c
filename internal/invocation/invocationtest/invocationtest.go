// Package invocationtest helps tests of installing sandcastle: a fake go
// that installs nothing.
package invocationtest

import (
	"os"
	"path/filepath"
	"testing"
)

// FakeGo puts a go alone on the PATH (with /bin and /usr/bin after it)
// that records each call in the file calls ("install . (in DIR)"), prints "go: build failed" and
// fails `go install` when fail is set, and answers `go env GOBIN GOPATH`
// with gobin and /nowhere/gopath.
func FakeGo(t testing.TB, gobin string, fail bool) (calls string) {
	t.Helper()
	dir := t.TempDir()
	code := "0"
	if fail {
		code = "1"
	}
	script := "#!/bin/sh\necho \"$* (in $PWD)\" >> \"${0%/*}/calls.txt\"\ncase \"$1\" in\n" +
		"install) if [ " + code + " = 1 ]; then echo 'go: build failed'; fi; exit " + code + ";;\n" +
		"env) echo \"" + gobin + "\"; echo /nowhere/gopath;;\nesac\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(filepath.ListSeparator)+"/bin"+string(filepath.ListSeparator)+"/usr/bin")
	return filepath.Join(dir, "calls.txt")
}
