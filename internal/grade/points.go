package grade

import (
	"io/fs"
	"strings"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

// scored is the grade of a step checked with result r: its points, and
// whether the student attempted it at all.
func scored(course *lessons.Course, step *lessons.Step, lang string, files fs.FS, r check.StepResult) Step {
	s := Step{StepResult: r, MaxPoints: step.Points}
	if r.Passed() {
		s.Points = step.Points
		return s
	}
	s.NotAttempted = !attempted(course, step, lang, files)
	return s
}

// attempted reports whether the student changed any file the step's
// solutions write: a step whose every such file is missing, or as it was
// before the step (its starter, or the course's file at the end of the
// step before), was not attempted. A step whose solutions write no file
// counts as attempted: nothing tells.
func attempted(course *lessons.Course, step *lessons.Step, lang string, files fs.FS) bool {
	written := 0
	for _, f := range step.Files {
		if f.Kind != lessons.Solution || !course.AppliesTo(f.Lang, lang) {
			continue
		}
		written++
		data, err := fs.ReadFile(files, f.Path)
		if err != nil {
			continue // missing, or not copied: not written by the student
		}
		before, ok := beforeStep(course, step, lang, f.Path)
		if !ok || strings.TrimSpace(string(data)) != strings.TrimSpace(before) {
			return true
		}
	}
	return written == 0
}

// beforeStep is the content of path that a student of lang starts step
// with: the step's own starter of it, else the course's version at the end
// of the step before. ok is false when the course gives none.
func beforeStep(course *lessons.Course, step *lessons.Step, lang, path string) (string, bool) {
	if starter, _ := course.StepFile(step, path, lang); starter != nil {
		return starter.Content, true
	}
	if step.Index == 0 {
		return "", false
	}
	return course.FileAt(path, lang, course.Steps()[step.Index-1])
}
