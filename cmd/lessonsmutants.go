package cmd

import (
	"context"
	"time"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/prove"
	"github.com/sandcastle/sandcastle/lessons"
)

type lessonsMutantsJSON struct {
	Course     string              `json:"course"`
	OK         bool                `json:"ok"`
	Steps      []prove.StepMutants `json:"steps"`
	Mutants    int                 `json:"mutants"`
	Killed     int                 `json:"killed"`
	Unrunnable int                 `json:"unrunnable"`
	Equivalent int                 `json:"equivalent"`
	Survivors  int                 `json:"survivors"`
	Stale      int                 `json:"stale"`
	Seconds    float64             `json:"seconds"`
}

// runMutants is lessons test --mutants.
func runMutants(ctx context.Context, a *app, opts *lessonsTestOptions, course *lessons.Course, langs []string, keep func(*lessons.Step) bool, start time.Time) error {
	results := prove.ProveMutants(ctx, course, langs, keep, check.Options{})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	sum := lessonsMutantsJSON{Course: course.ID, Steps: results}
	for _, r := range results {
		sum.Mutants += r.Mutants
		sum.Killed += r.Killed
		sum.Unrunnable += r.Unrunnable
		sum.Equivalent += r.Equivalent
		sum.Survivors += len(r.Survivors)
		sum.Stale += len(r.Stale)
	}
	sum.OK = sum.Survivors == 0 && sum.Stale == 0
	sum.Seconds = time.Since(start).Seconds()
	if opts.json {
		for i := range sum.Steps {
			if sum.Steps[i].Survivors == nil {
				sum.Steps[i].Survivors = []prove.Survivor{}
			}
		}
		if err := writeJSON(a.io, sum); err != nil {
			return err
		}
	} else {
		printMutants(a.io, course, sum, time.Since(start))
	}
	if !sum.OK {
		return errFailed
	}
	return nil
}

// printMutants prints the survivors under their step, a line per lesson,
// and the totals.
func printMutants(io *Streams, course *lessons.Course, sum lessonsMutantsJSON, total time.Duration) {
	for _, l := range course.Lessons {
		var n, killed, unrunnable, survived, equivalent, stale int
		var took time.Duration
		seen := false
		for _, r := range sum.Steps {
			if r.Step.Lesson != l {
				continue
			}
			seen = true
			n, killed, unrunnable, survived = n+r.Mutants, killed+r.Killed, unrunnable+r.Unrunnable, survived+len(r.Survivors)
			equivalent, stale = equivalent+r.Equivalent, stale+len(r.Stale)
			took += r.Duration
			for _, s := range r.Stale {
				io.printf("%s\n", printable(s))
			}
			if len(r.Survivors) == 0 {
				continue
			}
			head := r.ID
			if r.Lang != "" {
				head += " (" + r.Lang + ")"
			}
			io.printf("%s\n", printable(head))
			for _, s := range r.Survivors {
				io.printf("%s:%d: mutant survives: %s\n", printable(s.File), s.Line, printable(s.Shown))
			}
		}
		if !seen {
			continue
		}
		status := io.green("ok  ")
		if survived+stale > 0 {
			status = io.red("FAIL")
		}
		io.printf("%s %-40s %s, %d killed, %d could not run, %d declared right, %d survive   %s\n", status, printable(l.ID),
			plural(n, "mutant"), killed, unrunnable, equivalent, survived, took.Round(time.Millisecond))
	}
	io.printf("\n%s in %s: %d killed, %d could not run, %d declared right, %d survive\n",
		plural(sum.Mutants, "mutant"), total.Round(time.Millisecond), sum.Killed, sum.Unrunnable, sum.Equivalent, sum.Survivors)
	switch {
	case sum.Stale == 1:
		io.printf("1 mutant block no longer matches a surviving mutant\n")
	case sum.Stale > 1:
		io.printf("%d mutant blocks no longer match a surviving mutant\n", sum.Stale)
	}
}
