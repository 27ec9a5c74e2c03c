package grade

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// WriteFeedback writes one Markdown file per workspace into dir (made when
// missing), to return to its student: its points, each step graded, and for
// each step not passed what failed, led by the known mistake it looks like.
// It returns the files written, in the order of grades. Each file is written
// whole or not at all.
func WriteFeedback(dir string, course *lessons.Course, grades []Workspace) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	names := feedbackNames(grades)
	var written []string
	for i, g := range grades {
		p := filepath.Join(dir, names[i])
		r := Report{Path: p}
		if err := r.Write(func(w io.Writer) error { return writeFeedback(w, course, g) }); err != nil {
			return written, fmt.Errorf("%s: %w", p, err)
		}
		written = append(written, p)
	}
	return written, nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// feedbackNames are the file names of the workspaces' feedback: the
// workspace's folder name, or its whole path where two folders share a
// name, made safe for any file system.
func feedbackNames(grades []Workspace) []string {
	safe := func(s string) string {
		s = strings.Trim(unsafeName.ReplaceAllString(s, "_"), "._")
		if s == "" {
			s = "workspace"
		}
		return s
	}
	count := map[string]int{}
	for _, g := range grades {
		count[safe(filepath.Base(g.Path))]++
	}
	names := make([]string, len(grades))
	used := map[string]bool{}
	for i, g := range grades {
		name := safe(filepath.Base(g.Path))
		if count[name] > 1 {
			name = safe(filepath.ToSlash(g.Path))
		}
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", strings.TrimSuffix(name, fmt.Sprintf("-%d", n-1)), n)
		}
		used[name] = true
		names[i] = name + ".md"
	}
	return names
}

// writeFeedback writes one workspace's feedback as Markdown.
func writeFeedback(w io.Writer, course *lessons.Course, g Workspace) error {
	p := termtext.Printable
	var b strings.Builder
	fmt.Fprintf(&b, "# Feedback: %s\n\n", p(g.Path))
	fmt.Fprintf(&b, "Course: %s (%s)\n\n", p(course.Title), p(course.ID))
	if g.Error != "" && len(g.Steps) == 0 {
		fmt.Fprintf(&b, "Your work could not be graded: %s\n", p(g.Error))
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "**%d of %d points**, %d of %d steps passed.\n", g.Points, g.MaxPoints, g.Passed(), len(g.Steps))
	if g.Error != "" {
		fmt.Fprintf(&b, "\n%s\n", p(g.Error))
	}
	for _, n := range g.Notes {
		if n == g.copyNote {
			continue // for the instructor: "graded with your course all the same"
		}
		fmt.Fprintf(&b, "\n- %s\n", p(n))
	}
	for _, s := range g.Steps {
		mark := "✗"
		if s.Passed() {
			mark = "✓"
		}
		fmt.Fprintf(&b, "\n## %s %s (%s): %d of %d points\n", mark, p(s.Title), p(s.ID), s.Points, s.MaxPoints)
		if s.Passed() {
			continue
		}
		stepFeedback(&b, s)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// stepFeedback is what a step not passed says: the known mistake first,
// then why it could not run, or each check that failed.
func stepFeedback(b *strings.Builder, s Step) {
	p := termtext.Printable
	switch {
	case s.NotAttempted:
		b.WriteString("\nNot attempted yet: the files this step asks for are missing, or as the course gave them.\n")
		return
	case len(s.Diagnosis) > 0:
		for _, d := range s.Diagnosis {
			fmt.Fprintf(b, "\nThis looks like a common mistake: **%s**.", p(d.Why))
			if d.Says != "" {
				fmt.Fprintf(b, " %s", p(d.Says))
			}
			b.WriteString("\n")
		}
	}
	if s.Status == check.Error {
		fmt.Fprintf(b, "\nThe step could not run:\n\n%s\n", fenced(p(s.Message)))
		return
	}
	for _, c := range s.Checks {
		if c.Status == check.Pass {
			continue
		}
		fmt.Fprintf(b, "\n- ✗ %s\n\n%s\n", p(c.Title), indent(fenced(p(c.Message)), "  "))
	}
}

// fenced puts text in a code block whose fence no line of it can close.
func fenced(text string) string {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence + "text\n" + strings.TrimRight(text, "\n") + "\n" + fence
}

func indent(text, by string) string {
	return by + strings.ReplaceAll(text, "\n", "\n"+by)
}

// errNotFolder says that --out names something that is not a folder.
var errNotFolder = errors.New("not a folder")

// CheckFeedbackDir fails when dir cannot hold the feedback files: it is
// not a folder, or one cannot be made or written there. It leaves nothing
// behind but the folder.
func CheckFeedbackDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return errNotFolder
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return Report{Path: filepath.Join(dir, "feedback.md")}.Check()
}
