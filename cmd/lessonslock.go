package cmd

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/lessons"
)

type lessonsLockOptions struct {
	course courseFlag
}

func newLessonsLockCmd(a *app) *cobra.Command {
	opts := &lessonsLockOptions{}
	c := &cobra.Command{
		Use:   "lock --course DIR",
		Short: "Record the course's step ids, so that lint warns when one changes",
		Long: `Write lessons.lock in the course folder DIR: the id and title of every step. A
learner's progress is kept by step id, and a step's id comes from its title unless its
heading ends in {#id}: edit a title, and the id changes. lessons lint then warns about
each step of the lock that the course no longer has, unless course.yaml's renamed: maps
it to its new id (workspaces then move their progress with it). Run lessons lock again
once the course's steps are as you want them, and keep lessons.lock with the course.`,
		Example: `  sandcastle lessons lock --course ./my-course
  sandcastle lessons lint --course ./my-course`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if opts.course.path == "" {
				return usageError{errors.New("lessons lock writes into a course folder: give it with --course DIR")}
			}
			return runLessonsLock(a, opts)
		},
	}
	opts.course.register(c)
	return c
}

func runLessonsLock(a *app, opts *lessonsLockOptions) error {
	course, err := opts.course.load(a)
	if err != nil {
		return err
	}
	start, err := a.start()
	if err != nil {
		return err
	}
	dir := opts.course.path
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(start, dir)
	}
	if err := replaceFile(filepath.Join(dir, lessons.LockFile), lessons.Lock(course)); err != nil {
		return fmt.Errorf("lessons lock: %w", err)
	}
	a.io.printf("Wrote %s: %d steps.\n", printable(filepath.Join(opts.course.path, lessons.LockFile)), len(course.Steps()))
	return nil
}
