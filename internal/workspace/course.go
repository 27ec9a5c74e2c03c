package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sandcastle/sandcastle/internal/coursegit"
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
// "builtin:score-keeper"), a course folder, relative to base when the path
// is not absolute, or a git URL with an optional @REF (see CourseFolder). A
// course with errors is refused with a *CourseError.
func LoadCourse(ctx context.Context, ref, base string) (*lessons.Course, error) {
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
	dir, origin, err := CourseFolder(ctx, ref, base)
	if err != nil {
		return nil, err
	}
	c, problems, err := LoadFolder(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, NoCourseError(ref, origin)
	}
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", ref, err)
	}
	if errs := problems.Errors(); len(errs) > 0 {
		return nil, &CourseError{Source: ref, Problems: errs}
	}
	c.Origin = origin
	return c, nil
}

// WithCourseFS calls use with the files of the course ref (relative to
// base), read as LoadFolder reads them: the instructor tools that write a
// course from another (lessons build) read it so. A course from git is read
// from the cache, where LoadCourse fetched it (a branch or a tag is
// resolved again).
func WithCourseFS(ref, base string, use func(fs.FS) error) error {
	if ref == "" || ref == BuiltinRef {
		return use(lessons.BuiltinFS())
	}
	dir, _, err := CourseFolder(context.Background(), ref, base)
	if err != nil {
		return err
	}
	fsys, err := folder.Open(dir, folder.CourseFiles)
	if err != nil {
		return fmt.Errorf("course %s: %w", ref, err)
	}
	defer fsys.Close()
	return use(fsys)
}

// CourseFolder is the folder of the course ref names, other than the
// built-in one: a course folder, relative to base when the path is not
// absolute, or, when no such folder exists and ref is written as a git URL
// (coursegit.IsURL), the folder its commit was fetched into in the user's
// cache, and origin, the URL and commit (URL@COMMIT). A commit already in
// the cache is used as it is; a branch or a tag is resolved each time.
func CourseFolder(ctx context.Context, ref, base string) (dir, origin string, err error) {
	if strings.HasPrefix(ref, "builtin:") {
		return "", "", fmt.Errorf("there is no built-in course %q; the built-in course is %s", ref, BuiltinRef)
	}
	dir = ref
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(base, dir)
	}
	info, err := os.Stat(dir)
	if err != nil && coursegit.IsURL(ref) {
		return fetchCourse(ctx, ref)
	}
	if err != nil {
		return "", "", fmt.Errorf("course %s: %w", ref, err)
	}
	if !info.IsDir() {
		return "", "", fmt.Errorf("course %s is not a folder", ref)
	}
	return dir, "", nil
}

// fetchCourse fetches the course at the git URL@REF ref into the cache.
func fetchCourse(ctx context.Context, ref string) (dir, origin string, err error) {
	spec, err := coursegit.Parse(ref)
	if err != nil {
		return "", "", err
	}
	cache, err := coursegit.DefaultCache()
	if err != nil {
		return "", "", err
	}
	co, err := cache.Fetch(ctx, spec)
	if err != nil {
		return "", "", err
	}
	return co.Dir, co.Origin(), nil
}

// NoCourseError says that the course ref names has no course.yaml: a
// folder, or for a course from git (origin, URL@COMMIT), a repository.
func NoCourseError(ref, origin string) error {
	if origin != "" {
		return fmt.Errorf("the repository %s has no course.yaml at its root: a course's repository holds course.yaml and its lesson files at its root", origin)
	}
	return fmt.Errorf("%s has no course.yaml: a course folder holds course.yaml and its lesson files", ref)
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
