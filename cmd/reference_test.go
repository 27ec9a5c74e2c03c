package cmd

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra/doc"
)

var update = flag.Bool("update", false, "write docs/cli/ from the command tree")

// TestCLIReferenceIsCurrent keeps docs/cli/, the CLI reference generated
// from the command tree, in step with it. After changing a command's help:
//
//	go test ./cmd -run TestCLIReferenceIsCurrent -update
func TestCLIReferenceIsCurrent(t *testing.T) {
	dir := "../docs/cli"
	if *update {
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	} else {
		dir = t.TempDir()
	}
	root := Tree()
	if err := doc.GenMarkdownTree(root, dir); err != nil {
		t.Fatal(err)
	}
	if *update {
		return
	}
	got, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	want, _ := filepath.Glob("../docs/cli/*.md")
	if len(got) != len(want) {
		t.Errorf("docs/cli has %d pages, the command tree makes %d: run go test ./cmd -run TestCLIReferenceIsCurrent -update", len(want), len(got))
	}
	for _, g := range got {
		name := filepath.Base(g)
		fresh, _ := os.ReadFile(g)
		kept, err := os.ReadFile(filepath.Join("../docs/cli", name))
		if err != nil || string(fresh) != string(kept) {
			t.Errorf("docs/cli/%s is not current: run go test ./cmd -run TestCLIReferenceIsCurrent -update", name)
		}
	}
}
