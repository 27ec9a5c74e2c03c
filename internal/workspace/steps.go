package workspace

import (
	"fmt"
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
)

// UnknownStepError is a STEP argument that names no step of the course.
type UnknownStepError struct {
	Arg    string
	Course *lessons.Course
}

func (e *UnknownStepError) Error() string {
	msg := fmt.Sprintf("%q is not a step or a lesson of %s", e.Arg, e.Course.Title)
	if near := nearestStep(e.Course, e.Arg); near != "" {
		msg += fmt.Sprintf("; did you mean %s?", near)
	}
	return msg + "\n`sandcastle lessons list` shows every step's id"
}

// nearestStep suggests the step or lesson id that contains arg, or that
// arg's last part names.
func nearestStep(c *lessons.Course, arg string) string {
	last := arg[strings.LastIndex(arg, "/")+1:]
	for _, s := range c.Steps() {
		if last != "" && (s.ID == last || strings.Contains(s.FullID(), arg)) {
			return s.FullID()
		}
	}
	return ""
}

// Current returns the learner's current step (cli.md): the step they last
// opened (goto, the TUI's map, moving on), passed or not; in a workspace
// where none was ever opened, the first step not passed, or the last step
// when all have passed.
func Current(c *lessons.Course, p *Progress) *lessons.Step {
	steps := c.Steps()
	if s, ok := c.Step(p.Goto); ok {
		return s
	}
	for _, s := range steps {
		if !p.Steps[s.FullID()].Passed {
			return s
		}
	}
	return steps[len(steps)-1]
}

// After returns the step the learner moves on to when step passes: the
// first step after it that has not passed, else the first of the course
// that has not passed, else step itself (every step has passed).
func After(c *lessons.Course, p *Progress, step *lessons.Step) *lessons.Step {
	steps := c.Steps()
	for _, s := range append(steps[step.Index+1:], steps[:step.Index]...) {
		if !p.Steps[s.FullID()].Passed {
			return s
		}
	}
	return step
}

// Resolve finds the step a STEP argument names: a full step id, or a lesson
// id (its first unfinished step, else its first step). An empty argument is
// the current step.
func Resolve(c *lessons.Course, p *Progress, arg string) (*lessons.Step, error) {
	if arg == "" {
		return Current(c, p), nil
	}
	arg = strings.TrimSuffix(arg, "/")
	if s, ok := c.Step(arg); ok {
		return s, nil
	}
	if l, ok := c.Lesson(arg); ok && len(l.Steps) > 0 {
		for _, s := range l.Steps {
			if !p.Steps[s.FullID()].Passed {
				return s, nil
			}
		}
		return l.Steps[0], nil
	}
	return nil, &UnknownStepError{Arg: arg, Course: c}
}

// Passed counts the course's steps that have passed.
func Passed(c *lessons.Course, p *Progress) int {
	n := 0
	for _, s := range c.Steps() {
		if p.Steps[s.FullID()].Passed {
			n++
		}
	}
	return n
}

// Behind counts the steps before step, in course order, that have neither
// passed nor been caught up: work a learner who goes to step skips, and
// that step may build on.
func Behind(c *lessons.Course, p *Progress, step *lessons.Step) int {
	return len(Skipped(c, p, step))
}
