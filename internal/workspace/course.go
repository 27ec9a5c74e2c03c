package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sandcastle/sandcastle/internal/folder"
	"github.com/sandcastle/sandcastle/lessons"
)

// BuiltinRef names the built-in course in sandcastle.yaml and on --course.
const BuiltinRef = "builtin:" + lessons.BuiltinID

// CourseError is a course that cannot be used: it has errors an author must fix.
type CourseError struct {
	Source   string
	Problems lessons.Problems
}

func (e *CourseError) Error() string {
	return fmt.Sprintf("the course %s has %d problem(s); `sandcastle lessons lint --course %s` lists them all:\n%s",
		e.Source, len(e.Problems), e.Source, e.Problems.Error())
}

// LoadCourse loads the course ref names: the built-in course ("" or
// "builtin:score-keeper") or a course folder, relative to base when the path
// is not absolute. A course with errors is refused with a *CourseError.
func LoadCourse(ref, base string) (*lessons.Course, error) {
	if ref == "" || ref == BuiltinRef {
		c, problems, err := lessons.Builtin()
		if err != nil {
			return nil, err
		}
		if errs := problems.Errors(); len(errs) > 0 {
			return nil, &CourseError{Source: BuiltinRef, Problems: errs}
		}
		return c, nil
	}
	if strings.HasPrefix(ref, "builtin:") {
		return nil, fmt.Errorf("there is no built-in course %q; the built-in course is %s", ref, BuiltinRef)
	}
	dir := ref
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(base, dir)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", ref, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("course %s is not a folder", ref)
	}
	c, problems, err := LoadFolder(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("course %s has no course.yaml: a course folder holds course.yaml and its lesson files", ref)
	}
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", ref, err)
	}
	if errs := problems.Errors(); len(errs) > 0 {
		return nil, &CourseError{Source: ref, Problems: errs}
	}
	return c, nil
}

// WithCourseFS calls use with the files of the course ref (relative to
// base), read as LoadFolder reads them: the instructor tools that write a
// course from another (lessons build) read it so.
func WithCourseFS(ref, base string, use func(fs.FS) error) error {
	if ref == "" || ref == BuiltinRef {
		return use(lessons.BuiltinFS())
	}
	dir := ref
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(base, dir)
	}
	fsys, err := folder.Open(dir, folder.CourseFiles)
	if err != nil {
		return fmt.Errorf("course %s: %w", ref, err)
	}
	defer fsys.Close()
	return use(fsys)
}

// LoadFolder loads the course in the folder dir, as lessons.Load does,
// reading only regular files inside it (a link out of it, a named pipe or a
// device is a problem of the course, never followed or read) of at most
// folder.CourseFiles.MaxSize each.
func LoadFolder(dir string) (*lessons.Course, lessons.Problems, error) {
	fsys, err := folder.Open(dir, folder.CourseFiles)
	if err != nil {
		return nil, nil, err
	}
	defer fsys.Close()
	return lessons.Load(fsys, dir)
}
