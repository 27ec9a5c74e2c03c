package grade

import (
	"io/fs"

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
	s.NotAttempted = !course.Attempted(step, lang, files)
	return s
}
