package workspace

import (
	"os"
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

// BenchmarkLoadCourseFolder loads the built-in course from a folder, through
// os.DirFS (what LoadCourse used) and through LoadFolder (regular files
// inside the folder only): the cost of looking before reading.
func BenchmarkLoadCourseFolder(b *testing.B) {
	dir := "../../lessons/builtin/score-keeper"
	b.Run("DirFS", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := lessons.Load(os.DirFS(dir), dir); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("LoadFolder", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := LoadFolder(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
}
