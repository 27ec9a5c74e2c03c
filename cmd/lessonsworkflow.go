package cmd

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/classroom"
)

type lessonsWorkflowOptions struct {
	course  courseFlag
	version string
}

func newLessonsWorkflowCmd(a *app) *cobra.Command {
	opts := &lessonsWorkflowOptions{}
	c := &cobra.Command{
		Use:   "workflow",
		Short: "Print the GitHub Classroom autograding workflow for a course",
		Long: `Print the GitHub Actions workflow that grades a student's repository on every push
with GitHub Classroom's autograding actions: one test per step of the course (--course,
default: the built-in course), running sandcastle check on that step, worth the step's
points (course.yaml's points, one by default). It installs sandcastle at --version (a
tag, commit or pseudo-version of github.com/sandcastle/sandcastle; default: the version
of this sandcastle) with go install, cached between runs.

Save it in the assignment's template repository as .github/workflows/classroom.yml. It
is feedback for the student, who can change their own repository and its workflow:
grade the class with sandcastle grade and your full course. docs/classroom.md explains
the setup.`,
		Example: `  sandcastle lessons workflow --course ./my-course > assignment/.github/workflows/classroom.yml
  sandcastle lessons workflow --version v0.4.0`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runLessonsWorkflow(a, opts)
		},
	}
	opts.course.register(c)
	c.Flags().StringVar(&opts.version, "version", "", "the sandcastle the workflow installs: a tag, commit or pseudo-version")
	return c
}

func runLessonsWorkflow(a *app, opts *lessonsWorkflowOptions) error {
	course, err := opts.course.load(a)
	if err != nil {
		return err
	}
	version := opts.version
	if version == "" {
		version = versionString()
		if version == "devel" {
			return usageError{errors.New("this sandcastle has no version to pin: give --version, a tag or commit of github.com/sandcastle/sandcastle")}
		}
		if v, dirty := strings.CutSuffix(version, "+dirty"); dirty {
			a.io.eprintln(a.io.yellow("Note: this sandcastle was built with uncommitted changes; the workflow installs " + v + ", the commit they were made on."))
			version = v
		}
	}
	if strings.HasPrefix(version, "-") || strings.ContainsAny(version, " \t\n\"'$`\\") {
		return usageError{errors.New("--version " + version + ": not a version: write a tag, a commit or a pseudo-version")}
	}
	out, err := classroom.Workflow(course, classroom.Options{Version: version})
	if err != nil {
		return err
	}
	_, err = a.io.Out.Write(out)
	return err
}
