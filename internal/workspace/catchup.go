package workspace

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
)

// ErrNoCatchUp is a course that does not let a learner catch up
// (course.yaml's catch_up: false).
var ErrNoCatchUp = errors.New("this course does not let you fill in the steps before this one with its answers " +
	"(its course.yaml says catch_up: false): do them in order, starting with the first that has not passed")

// CatchUp is what catching up before a step does: the files of the steps
// before it that the learner has not done (not passed, not caught up) are
// filled with the course's answers, so that the learner can start there.
// Only files that are missing, or still as the course wrote them (a
// starter, or an answer of a step before), are written; a file the learner
// changed is kept as it is.
type CatchUp struct {
	// Step is the step the learner starts at.
	Step *lessons.Step
	// Skipped are the steps before Step that have neither passed nor been
	// caught up, in course order.
	Skipped []*lessons.Step
	// Steps are those of Skipped none of whose files are kept: catching
	// up records them as caught up.
	Steps []*lessons.Step
	// Write are the files written, in the order the course first names
	// them, and Files their content: the course's version at the start of
	// Step (the last answer of each before it).
	Write []string
	Files map[string]string
	// Kept are the files the learner changed, left as they are.
	Kept []KeptFile
}

// KeptFile is a file catching up leaves alone because the learner changed
// it, with the skipped steps that write it.
type KeptFile struct {
	Path  string
	Steps []*lessons.Step
}

// Offered reports whether catching up would write anything.
func (c *CatchUp) Offered() bool { return c != nil && len(c.Write) > 0 }

// PlanCatchUp says what catching up before step would do, with the progress
// p; it changes nothing. A course with catch_up: false plans nothing.
func (w *Workspace) PlanCatchUp(p *Progress, step *lessons.Step) (*CatchUp, error) {
	plan := &CatchUp{Step: step, Files: map[string]string{}}
	if step.Index == 0 || w.Course.NoCatchUp {
		return plan, nil
	}
	steps := w.Course.Steps()
	prev := steps[step.Index-1]
	lang := w.Config.Lang
	plan.Skipped = Skipped(w.Course, p, step)
	writers := map[string][]*lessons.Step{} // each file, the skipped steps that write it
	var paths []string
	for _, s := range plan.Skipped {
		for _, f := range s.Files {
			if f.Kind == lessons.Mistake || !w.Course.AppliesTo(f.Lang, lang) {
				continue
			}
			if _, seen := writers[f.Path]; !seen {
				paths = append(paths, f.Path)
			}
			if ws := writers[f.Path]; len(ws) == 0 || ws[len(ws)-1] != s {
				writers[f.Path] = append(ws, s)
			}
		}
	}
	kept := map[*lessons.Step]bool{}
	for _, path := range paths {
		answer, ok := w.Course.FileAt(path, w.Config.Lang, prev)
		if !ok {
			continue
		}
		if err := courseFile(path); err != nil {
			return nil, err
		}
		mine, err := fs.ReadFile(w.Files(), path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err == nil && sameText(string(mine), answer):
			continue // already the course's answer
		case err != nil || !w.courseWrote(path, step, string(mine)):
			// The learner's, or a file sandcastle does not read (a link
			// out of the workspace, a folder, a huge file): left alone.
			plan.Kept = append(plan.Kept, KeptFile{Path: path, Steps: writers[path]})
			for _, s := range writers[path] {
				kept[s] = true
			}
			continue
		}
		plan.Write = append(plan.Write, path)
		plan.Files[path] = answer
	}
	for _, s := range plan.Skipped {
		if !kept[s] {
			plan.Steps = append(plan.Steps, s)
		}
	}
	return plan, nil
}

// courseWrote reports whether content is a version of path the course
// wrote, up to step: one of its starters or answers, as written. Such a
// file holds nothing of the learner's.
func (w *Workspace) courseWrote(path string, step *lessons.Step, content string) bool {
	for _, s := range w.Course.Steps()[:step.Index+1] {
		for _, f := range s.Files {
			if f.Path == path && f.Kind != lessons.Mistake && w.Course.AppliesTo(f.Lang, w.Config.Lang) && sameText(f.Content, content) {
				return true
			}
		}
	}
	return false
}

// sameText reports whether two versions of a file say the same, whatever
// their line endings and the blank space at their end.
func sameText(a, b string) bool {
	norm := func(s string) string { return strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), " \t\n") }
	return norm(a) == norm(b)
}

// CatchUp writes the files of plan into the workspace (a file that exists
// is first copied into the backup) and returns those it wrote. The caller
// records plan.Steps as caught up.
func (w *Workspace) CatchUp(b *Backup, plan *CatchUp) ([]string, error) {
	if w.Course.NoCatchUp {
		return nil, ErrNoCatchUp
	}
	return w.Put(b, plan.Files)
}

// Skipped returns the steps before step, in course order, that have neither
// passed nor been caught up: the work a learner who opens step has not done.
func Skipped(c *lessons.Course, p *Progress, step *lessons.Step) []*lessons.Step {
	var skipped []*lessons.Step
	for _, s := range c.Steps()[:step.Index] {
		if sp := p.Steps[s.FullID()]; !sp.Passed && !sp.CaughtUp {
			skipped = append(skipped, s)
		}
	}
	return skipped
}

// LookAt is the step before step that a learner whose step cannot run (or
// finds a table missing) should look at: of the steps before it that write
// the files involved, the first that has neither passed nor been caught up,
// else the last of them, the one that wrote those files last. The files
// involved are, with tables, the SQL files applied to the sandbox, and of
// those the ones whose course versions create or alter table when it is
// not "" and some do; without tables, every file. It is nil when no step
// before step writes such a file.
func LookAt(c *lessons.Course, p *Progress, lang string, step *lessons.Step, tables bool, table string) *lessons.Step {
	applied := map[string]bool{}
	for _, d := range c.Declared(step, lang) {
		applied[d.Path] = !d.Query && strings.HasSuffix(d.Path, ".sql")
	}
	involved := func(f *lessons.FileBlock) bool {
		return f.Kind != lessons.Mistake && c.AppliesTo(f.Lang, lang) && (!tables || applied[f.Path])
	}
	if table != "" {
		names := regexp.MustCompile(`(?i)\bTABLE\s+(IF\s+NOT\s+EXISTS\s+)?["'` + "`" + `\[]?` + regexp.QuoteMeta(table) + `\b`)
		if look := lookAt(c, p, step, func(f *lessons.FileBlock) bool { return involved(f) && names.MatchString(f.Content) }); look != nil {
			return look
		}
	}
	return lookAt(c, p, step, involved)
}

// lookAt is LookAt with the files involved those of the blocks involved.
func lookAt(c *lessons.Course, p *Progress, step *lessons.Step, involved func(*lessons.FileBlock) bool) *lessons.Step {
	var last *lessons.Step
	for _, s := range c.Steps()[:step.Index] {
		if !slices.ContainsFunc(s.Files, involved) {
			continue
		}
		if sp := p.Steps[s.FullID()]; !sp.Passed && !sp.CaughtUp {
			return s
		}
		last = s
	}
	return last
}
