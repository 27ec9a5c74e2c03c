package grade

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

// StudentBuild is the student build of the course graded (lessons build
// --student), file by file, to tell a workspace whose copy of it differs.
// It is made (Make) the first time a workspace holds a copy to compare,
// once for the whole class: a class without copies never pays for it.
type StudentBuild struct {
	// Make makes the build's files; nil when it cannot.
	Make  func() map[string][]byte
	once  sync.Once
	files map[string][]byte
}

// Files are the build's files, made on first use.
func (b *StudentBuild) Files() map[string][]byte {
	b.once.Do(func() { b.files = b.Make() })
	return b.files
}

// courseCopyNote says how the copy of the course a workspace holds (the
// folder its sandcastle.yaml names, inside it) differs from the student
// build of the course graded; "" when it is the same, or the workspace
// holds no copy. Grading always uses the instructor's course: this only
// tells the instructor that a student changed theirs.
func courseCopyNote(work string, build *StudentBuild) string {
	if build == nil {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(work, workspace.ConfigFile))
	if err != nil {
		return ""
	}
	var cfg workspace.Config
	if yaml.Unmarshal(data, &cfg) != nil || cfg.Course == "" || strings.HasPrefix(cfg.Course, "builtin:") || filepath.IsAbs(cfg.Course) {
		return ""
	}
	ref := path.Clean(filepath.ToSlash(cfg.Course))
	if ref == "." || strings.HasPrefix(ref, "../") || ref == ".." {
		return ""
	}
	dir := filepath.Join(work, filepath.FromSlash(ref))
	if _, err := os.Stat(filepath.Join(dir, "course.yaml")); err != nil {
		return ""
	}
	files := build.Files()
	if files == nil {
		return ""
	}
	var changed, extra []string
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			changed = append(changed, name)
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			extra = append(extra, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(changed)+len(extra) == 0 {
		return ""
	}
	slices.Sort(changed)
	slices.Sort(extra)
	msg := fmt.Sprintf("its copy of the course (%s) differs from the student build of the course graded", ref)
	copied, _ := os.ReadFile(filepath.Join(dir, "course.yaml"))
	if had, graded := buildVersion(copied), buildVersion(files["course.yaml"]); had != nil && graded != nil && had.Hash != graded.Hash {
		msg += fmt.Sprintf(" (it is stamped as the build of %s, not of %s: hand out the new build)", had.name(), graded.name())
	}
	if len(changed) > 0 {
		msg += ": changed or missing " + listed(changed)
	}
	if len(extra) > 0 {
		msg += "; added " + listed(extra)
	}
	return msg + " (graded with your course all the same)"
}

// listed names up to five paths, and how many more.
func listed(paths []string) string {
	if len(paths) > 5 {
		return strings.Join(paths[:5], ", ") + fmt.Sprintf(" and %d more", len(paths)-5)
	}
	return strings.Join(paths, ", ")
}

// buildStamp is the stamp lessons build --student writes into course.yaml.
type buildStamp struct {
	Course, Version, Hash string
}

// name is the course's version as a note names it: "version 2", or its
// hash when it has no version.
func (b *buildStamp) name() string {
	if b.Version != "" {
		return fmt.Sprintf("version %q", b.Version)
	}
	return "the course of hash " + b.Hash[:min(12, len(b.Hash))]
}

// buildVersion reads the build stamp of a course.yaml; nil when it has
// none.
func buildVersion(data []byte) *buildStamp {
	var y struct {
		Build *buildStamp `yaml:"build"`
	}
	if yaml.Unmarshal(data, &y) != nil || y.Build == nil || y.Build.Hash == "" {
		return nil
	}
	return y.Build
}
