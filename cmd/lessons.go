package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/coursegit"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// courseFlag is --course on the instructor commands.
type courseFlag struct {
	path string
	cmd  *cobra.Command
}

func (f *courseFlag) register(c *cobra.Command) {
	f.cmd = c
	c.Flags().StringVar(&f.path, "course", "", "the course: a folder, or a git URL with an optional @REF (default: the built-in course)")
}

// load loads the course for an instructor command, relative to -C.
func (f *courseFlag) load(a *app) (*lessons.Course, error) {
	start, err := a.start()
	if err != nil {
		return nil, err
	}
	return workspace.LoadCourse(f.context(), f.path, start)
}

// folder is the folder of the course --course names, relative to -C (a
// course from git: fetched into the cache), and for a course from git its
// URL@COMMIT.
func (f *courseFlag) folder(a *app) (dir, origin string, err error) {
	start, err := a.start()
	if err != nil {
		return "", "", err
	}
	if coursegit.IsURL(f.path) {
		return workspace.CourseFolder(f.context(), f.path, start)
	}
	if filepath.IsAbs(f.path) {
		return f.path, "", nil
	}
	return filepath.Join(start, f.path), "", nil
}

// list is the command that lists the steps of the course --course names.
func (f *courseFlag) list() string {
	if f.path == "" {
		return "sandcastle lessons list"
	}
	return "sandcastle lessons list --course " + shellQuote(f.path)
}

func (f *courseFlag) context() context.Context {
	if f.cmd == nil || f.cmd.Context() == nil {
		return context.Background()
	}
	return f.cmd.Context()
}

// stepFilter is --run: it keeps the steps whose full id matches the regular
// expression run, and is nil (every step) when run is empty.
func stepFilter(run string) (func(*lessons.Step) bool, error) {
	if run == "" {
		return nil, nil
	}
	re, err := regexp.Compile(run)
	if err != nil {
		return nil, usageError{fmt.Errorf("--run: %w", err)}
	}
	return func(s *lessons.Step) bool { return re.MatchString(s.FullID()) }, nil
}

// unmatched is --run's error when its pattern keeps no step of course (nil
// when it keeps one, or there is no pattern): "0 steps" would read as a pass.
// list is the command that lists the course's steps.
func unmatched(course *lessons.Course, keep func(*lessons.Step) bool, run, list string) error {
	if keep == nil || slices.ContainsFunc(course.Steps(), keep) {
		return nil
	}
	return usageError{fmt.Errorf("--run %s matches no step of the course; `%s` lists them", run, list)}
}

func newLessonsCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "lessons",
		Short: "Instructor tools: start, list, lint and test a course",
		Long: `Tools for the authors of courses. new starts a course that teaches the format by
example. The others take --course DIR or --course GIT-URL[@REF] (default: the
built-in course; see sandcastle init --help for git URLs): list shows the
lessons and steps, lint reports every mistake in the course files as FILE:LINE:
message, test proves every step works, fmt DIR rewrites repeated files as edits, and
build writes the course for students (without solutions) or a solved workspace.
docs/authoring.md explains the format.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	c.AddCommand(newLessonsListCmd(a), newLessonsLintCmd(a), newLessonsTestCmd(a), newLessonsNewCmd(a), newLessonsFmtCmd(a), newLessonsBuildCmd(a), newLessonsLockCmd(a), newLessonsWorkflowCmd(a))
	return c
}

func newLessonsListCmd(a *app) *cobra.Command {
	var course courseFlag
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List a course's lessons and steps with their ids",
		Example: `  sandcastle lessons list
  sandcastle lessons list --course ./my-course --json
  sandcastle lessons list --course git@github.com:acme/sql-course.git@v1`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			c, err := course.load(a)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.io, listReport(c))
			}
			printList(a.io, c)
			return nil
		},
	}
	course.register(c)
	c.Flags().BoolVar(&asJSON, "json", false, "print the list as JSON")
	return c
}

type listJSON struct {
	Course  string           `json:"course"`
	Title   string           `json:"title"`
	Lessons []listLessonJSON `json:"lessons"`
}

type listLessonJSON struct {
	ID    string         `json:"id"`
	Title string         `json:"title"`
	Steps []listStepJSON `json:"steps"`
}

type listStepJSON struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Checks    int      `json:"checks"`
	Mistakes  int      `json:"mistakes"`
	Points    int      `json:"points"`
	Languages []string `json:"languages"`
}

func listReport(c *lessons.Course) listJSON {
	r := listJSON{Course: c.ID, Title: c.Title, Lessons: []listLessonJSON{}}
	for _, l := range c.Lessons {
		lj := listLessonJSON{ID: l.ID, Title: l.Title, Steps: []listStepJSON{}}
		for _, s := range l.Steps {
			sj := listStepJSON{ID: s.FullID(), Title: s.Title, Checks: len(s.Checks), Points: s.Points, Languages: []string{}}
			for _, f := range s.Files {
				if f.Kind == lessons.Mistake {
					sj.Mistakes++
				}
				if f.Kind == lessons.Solution && c.HasLanguage(f.Lang) && !slices.Contains(sj.Languages, f.Lang) {
					sj.Languages = append(sj.Languages, f.Lang)
				}
			}
			lj.Steps = append(lj.Steps, sj)
		}
		r.Lessons = append(r.Lessons, lj)
	}
	return r
}

func printList(io *Streams, c *lessons.Course) {
	r := listReport(c)
	io.printf("%s %s\n", io.bold(c.Title), io.dim("("+c.ID+")"))
	width := 0 // the longest step id: every step's counts line up after it
	for _, l := range r.Lessons {
		for _, s := range l.Steps {
			width = max(width, len(printable(s.ID)))
		}
	}
	for i, l := range r.Lessons {
		io.printf("\n%d. %s %s\n", i+1, io.bold(l.Title), io.dim("("+l.ID+")"))
		for _, s := range l.Steps {
			extra := plural(s.Checks, "check")
			if s.Mistakes > 0 {
				extra += ", " + plural(s.Mistakes, "mistake")
			}
			if len(s.Languages) > 0 {
				extra += ", " + fmt.Sprint(s.Languages)
			}
			io.printf("   %-*s %s\n", width, printable(s.ID), io.dim(extra))
		}
	}
}

func newLessonsLintCmd(a *app) *cobra.Command {
	var course courseFlag
	c := &cobra.Command{
		Use:   "lint",
		Short: "Report every mistake in a course's files",
		Long: `Read a course and report every problem in one run, one per line, as
FILE:LINE: message (FILE relative to the course folder). Warnings (a step without
hints, a check without a title) are printed too, but only errors make the exit
code 1. Exit code 2 means course.yaml could not be read at all.`,
		Example: `  sandcastle lessons lint --course ./my-course`,
		Args:    cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runLint(a, &course)
		},
	}
	course.register(c)
	return c
}

func runLint(a *app, f *courseFlag) error {
	var (
		path        = f.path
		course      *lessons.Course
		problems    lessons.Problems
		dir, origin string
		err         error
	)
	if path == "" || path == workspace.BuiltinRef {
		course, problems, err = lessons.Builtin()
	} else {
		if dir, origin, err = f.folder(a); err != nil {
			return err
		}
		course, problems, err = workspace.LoadFolder(dir)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return workspace.NoCourseError(path, origin)
	}
	if err != nil {
		return fmt.Errorf("lint %s: %w", path, err)
	}
	for _, p := range problems {
		a.io.println(printable(p.String()))
	}
	errs := len(problems.Errors())
	summary := fmt.Sprintf("%s, %s", plural(errs, "error"), plural(len(problems)-errs, "warning"))
	if errs > 0 {
		a.io.eprintln(summary)
		return errFailed
	}
	a.io.eprintf("%s: %s and %s, %s\n", course.ID, plural(len(course.Lessons), "lesson"),
		plural(len(course.Steps()), "step"), summary)
	return nil
}
