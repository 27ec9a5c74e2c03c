package prove

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/mutate"
	"github.com/sandcastle/sandcastle/lessons"
)

// Survivor is a mutant of a step's solution that passes every check of the
// step: a wrong answer the checks cannot tell from the right one.
type Survivor struct {
	// File is the learner's file, Line the line of it the mutant changes.
	File string `json:"file"`
	Line int    `json:"line"`
	// Operator names the change ("sql/asc-desc"); Shown is the changed line.
	Operator string `json:"operator"`
	Shown    string `json:"shown"`
}

// StepMutants is what mutation testing found for one step, in one server
// language.
type StepMutants struct {
	Step *lessons.Step `json:"-"`
	ID   string        `json:"id"`
	Lang string        `json:"lang,omitempty"`
	// Mutants counts the mutants tried; Killed those a check failed with;
	// Unrunnable those with which the step could not run (a build error, a
	// server that did not start): counted apart, not as survivors.
	Mutants    int `json:"mutants"`
	Killed     int `json:"killed"`
	Unrunnable int `json:"unrunnable"`
	// Equivalent counts the survivors the lesson declares right too (its
	// mutant blocks); Stale says which of those declarations no longer
	// match a surviving mutant, at the lesson's FILE:LINE.
	Equivalent int           `json:"equivalent"`
	Stale      []string      `json:"stale,omitempty"`
	Survivors  []Survivor    `json:"survivors"`
	Duration   time.Duration `json:"-"`
}

// mutantTask is one mutant of one step to run.
type mutantTask struct {
	step int // index in the results
	// file is the learner's file m changes; solved are the step's files
	// with its solutions in place (shared by the step's mutants).
	file   string
	m      mutate.Mutant
	solved map[string]string
}

// ProveMutants runs, for every step of course that keep selects (all when
// nil) and each of langs the step has code in, the mutants of the lines the
// step's solutions write (mutate.Since: the lines the step found are the
// earlier steps' to check), each against the step's checks with every other
// file solved. Mutants run in parallel; results come in course order.
func ProveMutants(ctx context.Context, course *lessons.Course, langs []string, keep func(*lessons.Step) bool, opts check.Options) []StepMutants {
	var results []StepMutants
	var tasks []mutantTask
	for _, s := range course.Steps() {
		if keep != nil && !keep(s) {
			continue
		}
		for _, lang := range stepLangs(course, s, langs) {
			results = append(results, StepMutants{Step: s, ID: s.FullID(), Lang: lang})
			for _, t := range stepMutants(course, s, lang) {
				t.step = len(results) - 1
				tasks = append(tasks, t)
			}
		}
	}
	type outcome struct {
		status check.Status
		took   time.Duration
	}
	outcomes := make([]outcome, len(tasks))
	parallel(ctx, len(tasks), func(i int) {
		t := tasks[i]
		o := opts
		o.Lang = results[t.step].Lang
		files := maps.Clone(t.solved)
		files[t.file] = t.m.Content
		start := time.Now()
		r := runFiles(ctx, course, results[t.step].Step, files, o)
		outcomes[i] = outcome{r.Status, time.Since(start)}
	})
	used := map[*lessons.Equivalent]bool{}
	for i, t := range tasks {
		r := &results[t.step]
		r.Mutants++
		r.Duration += outcomes[i].took
		switch outcomes[i].status {
		case check.Fail:
			r.Killed++
		case check.Pass:
			if e := declared(course, r.Step, r.Lang, t.file, t.m.Shown()); e != nil {
				used[e] = true
				r.Equivalent++
				continue
			}
			r.Survivors = append(r.Survivors, Survivor{File: t.file, Line: t.m.Line, Operator: t.m.Operator, Shown: t.m.Shown()})
		default: // Error, or not run (interrupted)
			r.Unrunnable++
		}
	}
	for i := range results {
		r := &results[i]
		for _, e := range r.Step.Equivalents {
			if course.AppliesTo(e.Lang, r.Lang) && !used[e] && ctx.Err() == nil {
				r.Stale = append(r.Stale, fmt.Sprintf("%s:%d: the mutant declared here, %s, is not a mutant that survives: remove the block",
					r.Step.Lesson.File, e.Line, e.Changed))
			}
		}
	}
	return results
}

// declared returns the mutant block of step that declares the mutant of
// file shown as shown right too, or nil.
func declared(course *lessons.Course, step *lessons.Step, lang, file, shown string) *lessons.Equivalent {
	for _, e := range step.Equivalents {
		if e.Path == file && e.Changed == shown && course.AppliesTo(e.Lang, lang) {
			return e
		}
	}
	return nil
}

// stepMutants are the mutants of the lines step's solutions write in lang.
func stepMutants(course *lessons.Course, step *lessons.Step, lang string) []mutantTask {
	solved := versions(course, step, lang, false)
	steps := course.Steps()
	var paths []string
	for _, f := range step.Files {
		if f.Kind == lessons.Solution && course.AppliesTo(f.Lang, lang) && !slices.Contains(paths, f.Path) {
			paths = append(paths, f.Path)
		}
	}
	var tasks []mutantTask
	for _, path := range paths {
		kind := mutate.Lang(path)
		content, ok := solved[path]
		if kind == "" || !ok {
			continue
		}
		// What the step found in the file: the solution of the step
		// before, or, for a file the step brings, its starter. Lines the
		// learner found there are not their answer, and are not mutated.
		previous, found := "", false
		if step.Index > 0 {
			previous, found = course.Version(path, lang, steps[step.Index-1], lessons.Solution)
		}
		if !found {
			previous, _ = starterIn(course, step, path, lang)
		}
		for _, m := range mutate.Since(previous, content, mutate.Mutants(kind, content)) {
			tasks = append(tasks, mutantTask{file: path, m: m, solved: solved})
		}
	}
	return tasks
}
