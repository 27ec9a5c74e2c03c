package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"

	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/lessons"
)

type lessonsFmtOptions struct {
	dir     string
	check   bool
	context int
	reedit  bool
}

func newLessonsFmtCmd(a *app) *cobra.Command {
	opts := &lessonsFmtOptions{dir: "."}
	c := &cobra.Command{
		Use:   "fmt [DIR]",
		Short: "Rewrite a course's repeated files as edits (format 2)",
		Long: `Rewrite the course in DIR (default: the current folder) so that every solution or
mistake that repeats a whole file with an earlier version (its base: for a solution,
the solution of the file at the end of the step before; for a mistake, the solution
in its own step) becomes the equivalent edit: the lines that change, with --context lines of context
around them (default 1), and more where that is needed to place the edit in one place
of its base. course.yaml declares format: 2. Every other byte of the lessons stays as
it is. With --reedit, the edits the course already has are made again the same way,
to tighten or loosen their context (a comment after an @@ is not kept).

fmt refuses a course that lessons lint finds problems in, and checks before writing
that every edit gives back exactly the whole file it replaces; each file is written
whole or not at all. With --check it writes nothing and exits 1 when it would change
something.`,
		Example: `  sandcastle lessons fmt ./my-course
  sandcastle lessons fmt --check ./my-course
  sandcastle lessons fmt --reedit --context 0 ./my-course`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.dir = args[0]
			}
			return runLessonsFmt(a, opts)
		},
	}
	c.Flags().BoolVar(&opts.check, "check", false, "write nothing; exit 1 when the course would change")
	c.Flags().IntVar(&opts.context, "context", lessons.DefaultEditContext, "lines of context around each change of an edit")
	c.Flags().BoolVar(&opts.reedit, "reedit", false, "make the course's edits again too, with --context")
	return c
}

func runLessonsFmt(a *app, opts *lessonsFmtOptions) error {
	_, dir, err := a.startPath(opts.dir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "course.yaml")); err != nil {
		return usageError{fmt.Errorf("%s is not a course folder: it has no course.yaml", opts.dir)}
	}
	if opts.context < 0 {
		return usageError{fmt.Errorf("--context must be 0 or more, not %d", opts.context)}
	}
	rw, err := lessons.RewriteAsEdits(os.DirFS(dir), lessons.RewriteOptions{Context: opts.context, Reedit: opts.reedit})
	if err != nil {
		return fmt.Errorf("lessons fmt %s: %w", opts.dir, err)
	}
	names := slices.Sorted(maps.Keys(rw.Files))
	if len(names) == 0 {
		a.io.printf("%s: nothing to change\n", printable(opts.dir))
		return nil
	}
	if opts.check {
		for _, n := range names {
			a.io.printf("%s\n", printable(n))
		}
		a.io.printf("%s would change (%s made edits)\n", plural(len(names), "file"), plural(rw.Edits, "block"))
		return errFailed
	}
	for _, n := range names {
		if err := replaceFile(filepath.Join(dir, filepath.FromSlash(n)), rw.Files[n]); err != nil {
			return fmt.Errorf("lessons fmt: %w", err)
		}
		a.io.printf("%s\n", printable(n))
	}
	a.io.printf("%s rewritten, %s made edits\n", plural(len(names), "file"), plural(rw.Edits, "block"))
	return nil
}

// replaceFile writes data to path whole or not at all: to a file beside it,
// with its mode (0644 for a new file), then renamed over it.
func replaceFile(path string, data []byte) error {
	mode := fs.FileMode(0o644)
	fi, err := os.Lstat(path)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return errors.New(path + " is not a regular file")
	case err == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
