package folder

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReadLearnerFile reads a learner's 2 KB SQL file through the
// workspace's os.Root as it was (Root.FS) and through an FS.
func BenchmarkReadLearnerFile(b *testing.B) {
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "queries"), 0o755)
	os.WriteFile(filepath.Join(dir, "queries", "top.sql"), []byte(strings.Repeat("SELECT 1;\n", 200)), 0o644)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	for name, fsys := range map[string]fs.FS{"Root.FS": root.FS(), "FS": New(root, LearnerFiles)} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := fs.ReadFile(fsys, "queries/top.sql"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
