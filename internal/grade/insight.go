package grade

import (
	"slices"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

// StepInsight is how a class did on one step: how many passed, how many
// failed with each known mistake (a workspace whose failure looks like two
// counts for both), how many failed otherwise, how many could not run, and
// how many were not attempted (counted apart: neither a failure nor an error).
type StepInsight struct {
	ID           string         `json:"id"`
	Passed       int            `json:"passed"`
	Failed       int            `json:"failed"`
	Errors       int            `json:"errors"`
	NotAttempted int            `json:"not_attempted"`
	Mistakes     []MistakeCount `json:"mistakes"`
	// Otherwise counts the failures that look like no known mistake.
	Otherwise int `json:"otherwise"`
}

// MistakeCount is how many workspaces failed a step with one known mistake.
type MistakeCount struct {
	Mistake string `json:"mistake"`
	Why     string `json:"why"`
	Count   int    `json:"count"`
}

// Insight is how the class in grades did on each step of course that was
// graded, in course order; the mistakes of a step most common first.
func Insight(course *lessons.Course, grades []Workspace) []StepInsight {
	var out []StepInsight
	for _, s := range course.Steps() {
		in := StepInsight{ID: s.FullID(), Mistakes: []MistakeCount{}}
		graded := false
		for _, g := range grades {
			i := slices.IndexFunc(g.Steps, func(r Step) bool { return r.ID == in.ID })
			if i < 0 {
				continue
			}
			graded = true
			in.add(g.Steps[i])
		}
		if graded {
			slices.SortStableFunc(in.Mistakes, func(a, b MistakeCount) int { return b.Count - a.Count })
			out = append(out, in)
		}
	}
	return out
}

// add counts one workspace's result of the step.
func (in *StepInsight) add(r Step) {
	switch {
	case r.NotAttempted:
		in.NotAttempted++
		return
	case r.Status == check.Pass:
		in.Passed++
		return
	case r.Status == check.Error:
		in.Errors++
	default:
		in.Failed++
	}
	if len(r.Diagnosis) == 0 {
		if r.Status == check.Fail {
			in.Otherwise++
		}
		return
	}
	for _, d := range r.Diagnosis {
		i := slices.IndexFunc(in.Mistakes, func(m MistakeCount) bool { return m.Mistake == d.Mistake })
		if i < 0 {
			in.Mistakes = append(in.Mistakes, MistakeCount{Mistake: d.Mistake, Why: d.Why})
			i = len(in.Mistakes) - 1
		}
		in.Mistakes[i].Count++
	}
}
