package cmd

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/grade"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

type gradeOptions struct {
	course  courseFlag
	json    bool
	junit   string
	html    string
	run     string
	lang    string
	at      string
	out     string
	timeout time.Duration
}

func newGradeCmd(a *app) *cobra.Command {
	opts := &gradeOptions{}
	c := &cobra.Command{
		Use:   "grade WORKSPACE...",
		Short: "Grade learners' workspaces against a course",
		Long: `Check every step of each WORKSPACE against the course (--course, default: the
built-in course), from the workspace's files alone, in a fresh sandbox: what its
.sandcastle/state.db says is never read. Workspaces are graded in parallel, and one
broken or hostile workspace does not stop the others.

Each workspace's regular files are copied into a private temporary folder, where its
checks and its server run; the workspace itself is only read. Links, FIFOs and devices
are not copied (a step that needs one is an error that says so), nor are .sandcastle/
and version-control folders; a file over 10 MiB is left out, and a workspace of more
than 10000 entries or 100 MiB is not graded.

grade runs the course as trusted (you are its author): its server command and sh
checks, and each student's server, which is code you did not write. A student's server
runs with an environment allow-list (none of your tokens), a private HOME and TMPDIR,
in a PID namespace that ends its every process, and on Linux under Landlock (it reads
its copy and the system, writes only its own folder, binds only its port, connects
nowhere). Where this system cannot confine it, grade says so first: then grade inside
a container. docs/security.md and docs/classroom.md say exactly what holds where.

A workspace's server language is the one its sandcastle.yaml names. Where that file is
missing, broken, or names a language the course does not have, grade says so under the
table and grades in --lang L (or the course's only language); otherwise the workspace's
server is not run.

With --at TIME, each workspace must be a git repository (or a folder in one), and grade
grades its last commit made before TIME, read with git without touching the checkout,
and names the commit graded under the table (and in --json's snapshot). Commit times
are what the student's git recorded: for a deadline a student cannot move, grade the
commits your Git host received in time.

A WORKSPACE is a folder or a quoted glob pattern ('class/*'). The output is a table of
workspaces by lessons (steps passed of steps) with each workspace's points
(course.yaml's points; a step is worth one by default), then, for each step not every workspace
passes, how many made each known mistake of the course (see lessons test); --json has
the same, --junit FILE writes JUnit XML for CI, and --html FILE one page to open in a
browser: a grid of workspaces by steps, the mistakes most made, and each workspace's
failures; --out DIR one Markdown feedback file per workspace to return to its student.
grade also lists groups of workspaces whose work is identical once whitespace and comments
are removed. Report files are written whole, once every workspace is graded. Grade keeps its Go heap
under 160 MiB (GOMEMLIMIT sets another limit).
Exit code 0 when every step of every workspace passed, 1 otherwise.`,
		Example: `  sandcastle grade 'class/*'
  sandcastle grade --course ./my-course --json alice bob > grades.json
  sandcastle grade --run '^(hello|a-home)' --junit grades.xml 'repos/*'
  sandcastle grade --html class.html 'class/*'
  sandcastle grade --course ./my-course --lang python 'repos/*'
  sandcastle grade --course https://github.com/acme/sql-course@v1 'repos/*'
  sandcastle grade --at 2026-12-05T23:59 'repos/*'
  sandcastle grade --out feedback/ 'class/*'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGrade(cmd.Context(), a, opts, args)
		},
	}
	opts.course.register(c)
	c.Flags().BoolVar(&opts.json, "json", false, "print the grades as JSON")
	c.Flags().StringVar(&opts.junit, "junit", "", "also write the grades as JUnit XML to `FILE`")
	c.Flags().StringVar(&opts.html, "html", "", "also write a class report as one HTML page to `FILE`")
	c.Flags().StringVar(&opts.run, "run", "", "grade only the steps whose id matches this regular expression")
	c.Flags().StringVar(&opts.lang, "lang", "", "the server language of a workspace whose sandcastle.yaml is missing or broken (`L`)")
	c.Flags().StringVar(&opts.at, "at", "", "grade each workspace's last git commit made before `TIME` (2026-12-05T23:59, local time, or RFC 3339)")
	c.Flags().StringVar(&opts.out, "out", "", "also write one Markdown feedback file per workspace into `DIR`")
	c.Flags().DurationVar(&opts.timeout, "timeout", grade.DefaultTimeout, "the longest one workspace may take")
	return c
}

type gradeJSON struct {
	Course     string            `json:"course"`
	Workspaces []grade.Workspace `json:"workspaces"`
	// Steps are how the class did on each step graded (grade.Insight).
	Steps []grade.StepInsight `json:"steps"`
	// Similar are the groups of workspaces whose work is identical.
	Similar []grade.Group `json:"similar"`
}

func runGrade(ctx context.Context, a *app, opts *gradeOptions, args []string) error {
	course, err := opts.course.load(a)
	if err != nil {
		return err
	}
	if stale := unprintedLessons(course); len(stale) > 0 {
		lessons := "the lesson " + stale[0] + " are"
		if len(stale) > 1 {
			lessons = "the lessons " + strings.Join(stale, ", ") + " are"
		}
		a.io.eprintf("%s the fingerprints of %s out of date or missing: grade names none of their known mistakes. Run `sandcastle lessons test` on the course first.\n",
			a.io.yellow("warning:"), printable(lessons))
	}
	start, err := a.start()
	if err != nil {
		return err
	}
	for i, arg := range args {
		if !filepath.IsAbs(arg) {
			args[i] = filepath.Join(start, arg)
		}
	}
	paths, err := grade.Expand(args)
	if err != nil {
		return usageError{err}
	}
	keep, err := stepFilter(opts.run)
	if err != nil {
		return err
	}
	if err := unmatched(course, keep, opts.run, opts.course.list()); err != nil {
		return err
	}
	if opts.lang != "" && !course.HasLanguage(opts.lang) {
		return usageError{fmt.Errorf("--lang %s: the course's languages are %s", opts.lang, strings.Join(course.LanguageNames(), ", "))}
	}
	// The JUnit report is checked now, so that a class is not graded for
	// nothing, and written once grade.Grade has returned: every student's
	// server stopped.
	junit, html := grade.Report{Path: opts.junit}, grade.Report{Path: opts.html}
	for _, r := range []grade.Report{junit, html} {
		if r.Path == "" {
			continue
		}
		if err := r.Check(); err != nil {
			return reportError(r.Path, err)
		}
	}
	if opts.out != "" {
		if err := grade.CheckFeedbackDir(opts.out); err != nil {
			return fmt.Errorf("could not write feedback into %s: %w; check that it is a folder you can write in", opts.out, err)
		}
	}
	if len(course.Languages) > 0 { // students' servers will run
		for _, gap := range server.ConfinementGaps() {
			a.io.eprintln(a.io.yellow("Note: " + gap + "; grade inside a container to confine it (docs/classroom.md)."))
		}
	}
	previous := debug.SetMemoryLimit(memoryLimit())
	defer debug.SetMemoryLimit(previous)
	at, err := parseDeadline(opts.at, time.Local)
	if err != nil {
		return usageError{err}
	}
	gopts := grade.Options{Course: course, Timeout: opts.timeout, Keep: keep, Lang: opts.lang, At: at,
		Build: studentBuild(opts.course.path, start)}
	took := time.Now()
	grades := grade.Grade(ctx, paths, gopts)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for i := range grades {
		grades[i].Path = relTo(start, grades[i].Path)
	}
	if err := writeGrades(a.io, opts, junit, course, grades, time.Since(took)); err != nil {
		return err
	}
	if opts.out != "" {
		written, err := grade.WriteFeedback(opts.out, course, grades)
		if err != nil {
			return fmt.Errorf("could not write feedback: %w", err)
		}
		if !opts.json {
			a.io.printf("Feedback for %d workspaces written to %s.\n", len(written), opts.out)
		}
	}
	if opts.html != "" {
		if err := html.Write(func(w io.Writer) error { return grade.WriteHTML(w, course, grades) }); err != nil {
			return reportError(opts.html, err)
		}
	}
	for _, g := range grades {
		if !g.OK() {
			return errFailed
		}
	}
	return nil
}

// studentBuild is the student build of the course graded, made when a
// workspace first holds a copy to compare with it; its files are nil when
// it cannot be made.
func studentBuild(ref, start string) *grade.StudentBuild {
	return &grade.StudentBuild{Make: func() map[string][]byte {
		var files map[string][]byte
		err := workspace.WithCourseFS(ref, start, func(fsys fs.FS) error {
			var err error
			files, err = lessons.StudentBuild(fsys)
			return err
		})
		if err != nil {
			return nil
		}
		return files
	}}
}

// deadlineLayouts are the forms --at takes, besides RFC 3339: a date and a
// time of day in local time.
var deadlineLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"}

// parseDeadline reads --at: RFC 3339, or a local date and time; "" is no
// deadline. A date alone is refused: midnight at its start or its end would
// be a guess about the deadline.
func parseDeadline(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range deadlineLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return time.Time{}, fmt.Errorf("--at %s: give the time of day too, as in %sT23:59 (local time)", s, s)
	}
	return time.Time{}, fmt.Errorf("--at %s: not a time; write it as 2026-12-05T23:59 (local time) or 2026-12-05T23:59:00+01:00", s)
}

// memoryLimit is the Go memory limit grade runs with: GOMEMLIMIT when set,
// else gradeMemoryLimit.
func memoryLimit() int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1) // the runtime has read it
	}
	return gradeMemoryLimit
}

// gradeMemoryLimit bounds the Go heap of grade. Execute sets GOGC=400 for
// commands that live milliseconds; grade lives minutes, building sandboxes
// and reading servers' answers for a whole class, and without a limit its
// heap could grow to five times what it holds. 160 MiB is several times
// what grading two workspaces at once holds (docs/classroom.md), and
// leaves room, under the 300 MB a workspace may cost, for the memory the
// Go runtime does not count: SQLite's own heap (capped per sandbox),
// thread stacks and the binary.
const gradeMemoryLimit = 160 << 20

// writeJUnit writes the grades as JUnit XML, whole or not at all.
func writeJUnit(r grade.Report, course string, grades []grade.Workspace) error {
	return r.Write(func(w io.Writer) error { return grade.WriteJUnit(w, course, grades) })
}

func reportError(path string, err error) error {
	return fmt.Errorf("could not write the report %s: %w; check that the folder exists and that you can write there", path, err)
}

func writeGrades(io *Streams, opts *gradeOptions, junit grade.Report, course *lessons.Course, grades []grade.Workspace, took time.Duration) error {
	if opts.junit != "" {
		if err := writeJUnit(junit, course.ID, grades); err != nil {
			return reportError(opts.junit, err)
		}
	}
	if opts.json {
		return writeJSON(io, gradeJSON{Course: course.ID, Workspaces: grades, Steps: grade.Insight(course, grades), Similar: grade.Similar(course, grades)})
	}
	printGrades(io, course, grades, took)
	return nil
}

// printGrades prints workspaces by lessons: the steps passed of the steps
// graded, and a total.
func printGrades(io *Streams, course *lessons.Course, grades []grade.Workspace, took time.Duration) {
	lessonsShown := gradedLessons(course, grades)
	name := 9
	for _, g := range grades {
		name = max(name, utf8.RuneCountInString(printable(g.Path)))
	}
	name = min(name, 40)
	header := fmt.Sprintf("%-*s", name, "workspace")
	for i := range lessonsShown {
		header += fmt.Sprintf(" %5s", fmt.Sprintf("L%d", i+1))
	}
	io.println(io.bold(header + "   total  points"))
	for _, g := range grades {
		io.println(gradeRow(io, g, lessonsShown, name))
	}
	io.println()
	for i, l := range lessonsShown {
		io.printf("%s %s %s\n", io.dim(fmt.Sprintf("L%d", i+1)), printable(l.ID), io.dim(lessonWorth(l, grades)))
	}
	ok := 0
	for _, g := range grades {
		if g.OK() {
			ok++
		}
	}
	printNotes(io, grades)
	printInsight(io, grade.Insight(course, grades))
	printSimilar(io, grade.Similar(course, grades))
	io.printf("\n%d of %d workspaces pass every step graded (%s).\n", ok, len(grades), took.Round(time.Millisecond))
}

// printNotes prints what a workspace's grade should be read with: a
// sandcastle.yaml that is missing or broken, files that were not copied.
func printNotes(io *Streams, grades []grade.Workspace) {
	first := true
	for _, g := range grades {
		for _, n := range g.Notes {
			if first {
				io.println("\n" + io.bold("Notes:"))
				first = false
			}
			io.printf("  %s: %s\n", printable(g.Path), printable(n))
		}
	}
}

// printSimilar lists the groups of workspaces whose work is identical.
func printSimilar(io *Streams, groups []grade.Group) {
	if len(groups) == 0 {
		return
	}
	io.println("\n" + io.bold("Identical work, whitespace and comments aside (worth a look, not a verdict):"))
	for _, g := range groups {
		names := make([]string, len(g.Workspaces))
		for i, w := range g.Workspaces {
			names[i] = printable(w)
		}
		solution := ""
		if g.Solution {
			solution = ": the course's own solutions"
		}
		io.printf("  %s%s\n    %s\n", strings.Join(names, ", "), solution, io.dim(printable(strings.Join(g.Files, ", "))))
	}
}

// printInsight prints, for each step that not every workspace passed, how
// many failed with each known mistake and how many otherwise.
func printInsight(io *Streams, steps []grade.StepInsight) {
	first := true
	for _, s := range steps {
		if s.Failed+s.Errors+s.NotAttempted == 0 {
			continue
		}
		if first {
			io.println("\n" + io.bold("Steps not every workspace passes, and the known mistakes made:"))
			first = false
		}
		line := fmt.Sprintf("%d passed, %d failed", s.Passed, s.Failed)
		if s.Errors > 0 {
			line += fmt.Sprintf(", %d could not run", s.Errors)
		}
		if s.NotAttempted > 0 {
			line += fmt.Sprintf(", %d not attempted", s.NotAttempted)
		}
		io.printf("  %s: %s\n", printable(s.ID), line)
		for _, m := range s.Mistakes {
			io.printf("    %3d × %s\n", m.Count, printable(m.Why))
		}
		if s.Otherwise > 0 {
			io.printf("    %3d × %s\n", s.Otherwise, io.dim("no known mistake"))
		}
	}
}

func gradeRow(io *Streams, g grade.Workspace, shown []*lessons.Lesson, name int) string {
	row := fmt.Sprintf("%-*s", name, fit(printable(g.Path), name))
	if g.Error != "" && len(g.Steps) == 0 {
		return row + "  " + io.red("could not be graded: "+g.Error)
	}
	for _, l := range shown {
		passed, total := 0, 0
		for _, r := range g.Steps {
			if strings.HasPrefix(r.ID, l.ID+"/") {
				total++
				if r.Status == check.Pass {
					passed++
				}
			}
		}
		cell := fmt.Sprintf("%5s", fmt.Sprintf("%d/%d", passed, total))
		if passed == total {
			cell = io.green(cell)
		}
		row += " " + cell
	}
	total := fmt.Sprintf("%d/%d", g.Passed(), len(g.Steps))
	row += fmt.Sprintf("   %-5s  %d/%d", total, g.Points, g.MaxPoints)
	if g.Error != "" {
		row += "  " + io.red(g.Error)
	}
	return row
}

// lessonWorth says how many of a lesson's steps were graded and the points
// they are worth, as in "(3 steps, 5 points)".
func lessonWorth(l *lessons.Lesson, grades []grade.Workspace) string {
	steps, points := 0, 0
	for _, s := range l.Steps {
		for _, g := range grades {
			if slices.ContainsFunc(g.Steps, func(r grade.Step) bool { return r.ID == s.FullID() }) {
				steps++
				points += s.Points
				break
			}
		}
	}
	return fmt.Sprintf("(%s, %s)", plural(steps, "step"), plural(points, "point"))
}

// gradedLessons are the lessons with a graded step, in course order.
func gradedLessons(course *lessons.Course, grades []grade.Workspace) []*lessons.Lesson {
	seen := map[string]bool{}
	for _, g := range grades {
		for _, r := range g.Steps {
			seen[strings.SplitN(r.ID, "/", 2)[0]] = true
		}
	}
	var out []*lessons.Lesson
	for _, l := range course.Lessons {
		if seen[l.ID] {
			out = append(out, l)
		}
	}
	return out
}

func relTo(base, path string) string {
	abs, err := filepath.Abs(base)
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(abs, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// fit cuts s to n characters, with an ellipsis.
func fit(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// unprintedLessons are the ids of the course's lessons that have mistakes
// but no current fingerprints (fingerprints.txt missing or out of date, as
// after any change to course.yaml): grade can name none of their mistakes.
func unprintedLessons(course *lessons.Course) []string {
	var ids []string
	for _, l := range course.Lessons {
		mistakes, prints := false, false
		for _, s := range l.Steps {
			mistakes = mistakes || slices.ContainsFunc(s.Files, func(f *lessons.FileBlock) bool { return f.Kind == lessons.Mistake })
			prints = prints || len(s.Prints) > 0
		}
		if mistakes && !prints {
			ids = append(ids, l.ID)
		}
	}
	return ids
}
