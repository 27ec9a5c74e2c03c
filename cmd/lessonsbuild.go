package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

type lessonsBuildOptions struct {
	course  courseFlag
	student string
	solved  string
	lang    string
}

func newLessonsBuildCmd(a *app) *cobra.Command {
	opts := &lessonsBuildOptions{}
	c := &cobra.Command{
		Use:   "build (--student OUT | --solved OUT)",
		Short: "Write a course for students, or a workspace with every solution",
		Long: `With --student OUT, write the course (--course, default: the built-in course) for
students into the new folder OUT: its lessons without their solution, mistake and mutant
blocks, course.yaml stamped with the full course's id, version and content hash, and
mistakes.json, which keeps what check needs to name a student's mistake (each mistake's
name and what its words are like, hashed) without the mistakes themselves. The
fingerprints are kept current for the build. Give students the build; grade with the
full course, which also reports a workspace whose copy of the build was changed.

With --solved OUT, write a new workspace in OUT with every step's solution in place (in
--lang for a course with server languages): grading it with the full course passes
every step, which tests a grading setup.`,
		Example: `  sandcastle lessons build --course ./my-course --student ./my-course-student
  sandcastle lessons build --course ./my-course --solved /tmp/solved --lang python
  sandcastle grade --course ./my-course /tmp/solved`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (opts.student == "") == (opts.solved == "") {
				return usageError{errors.New("lessons build takes one of --student OUT and --solved OUT")}
			}
			return runLessonsBuild(cmd.Context(), a, opts)
		},
	}
	opts.course.register(c)
	c.Flags().StringVar(&opts.student, "student", "", "write the course for students into the new folder `OUT`")
	c.Flags().StringVar(&opts.solved, "solved", "", "write a workspace with every solution into the new folder `OUT`")
	c.Flags().StringVar(&opts.lang, "lang", "", "the server language of the --solved workspace")
	return c
}

func runLessonsBuild(ctx context.Context, a *app, opts *lessonsBuildOptions) error {
	start, err := a.start()
	if err != nil {
		return err
	}
	out := opts.student + opts.solved
	if !filepath.IsAbs(out) {
		out = filepath.Join(start, out)
	}
	if _, err := os.Lstat(out); err == nil {
		return usageError{fmt.Errorf("%s already exists: lessons build writes a new folder, and never over one", opts.student+opts.solved)}
	}
	if opts.solved != "" {
		return writeSolved(ctx, a, opts, start, out)
	}
	var files map[string][]byte
	err = workspace.WithCourseFS(opts.course.path, start, func(fsys fs.FS) error {
		files, err = lessons.StudentBuild(fsys)
		return err
	})
	if err != nil {
		return fmt.Errorf("lessons build: %w", err)
	}
	if err := writeFolder(out, files); err != nil {
		return fmt.Errorf("lessons build: %w", err)
	}
	a.io.printf("Wrote the student build of the course to %s (%d files): give it to your students, and grade with the full course.\n",
		printable(opts.student), len(files))
	return nil
}

// writeFolder writes files into the new folder dir, made for them: into a
// folder beside it first, renamed into place once every file is written.
func writeFolder(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// writeSolved writes a new workspace in out with every step's solution.
func writeSolved(ctx context.Context, a *app, opts *lessonsBuildOptions, start, out string) error {
	course, err := opts.course.load(a)
	if err != nil {
		return err
	}
	if course.Build.Student() {
		return usageError{errors.New("a student build has no solutions: build --solved from the full course")}
	}
	lang, err := workspace.PickLang(course, opts.lang, false)
	if err != nil {
		return usageError{err}
	}
	ref := opts.course.path
	if ref != "" && !filepath.IsAbs(ref) {
		ref = filepath.Join(start, ref)
	}
	ws, _, err := workspace.Init(ctx, out, ref, lang)
	if err != nil {
		return fmt.Errorf("lessons build --solved: %w", err)
	}
	defer ws.Close()
	steps := course.Steps()
	last := steps[len(steps)-1]
	n := 0
	for _, d := range course.Declared(last, lang) {
		content, ok := course.Version(d.Path, lang, last, lessons.Solution)
		if !ok {
			continue
		}
		p := filepath.Join(out, filepath.FromSlash(d.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return fmt.Errorf("lessons build --solved: %w", err)
		}
		n++
	}
	a.io.printf("Wrote a workspace with every solution in place to %s (%d files%s): sandcastle grade should pass every step of it.\n",
		printable(opts.solved), n, map[bool]string{true: ", " + lang, false: ""}[lang != ""])
	return nil
}
