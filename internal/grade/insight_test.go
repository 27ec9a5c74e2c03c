package grade

import (
	"reflect"
	"testing"

	"github.com/sandcastle/sandcastle/internal/check"
)

// A step a student never attempted is counted apart: not as a failure
// that looks like no known mistake, nor as a step that could not run.
func TestInsightCountsNotAttemptedApart(t *testing.T) {
	course := tinyCourse(t)
	id := course.Steps()[0].FullID()
	step := func(status check.Status, notAttempted bool, mistakes ...string) Workspace {
		r := Step{StepResult: check.StepResult{ID: id, Status: status}, NotAttempted: notAttempted}
		for _, m := range mistakes {
			r.Diagnosis = append(r.Diagnosis, check.Diagnosis{Mistake: m, Why: "why " + m})
		}
		return Workspace{Steps: []Step{r}}
	}
	grades := []Workspace{
		step(check.Pass, false),
		step(check.Fail, false, "no-desc"),
		step(check.Fail, false),
		step(check.Fail, true),
		step(check.Error, true),
		step(check.Error, false),
	}
	got := Insight(course, grades)
	want := []StepInsight{{ID: id, Passed: 1, Failed: 2, Errors: 1, NotAttempted: 2,
		Mistakes: []MistakeCount{{Mistake: "no-desc", Why: "why no-desc", Count: 1}}, Otherwise: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Insight = %+v\nwant %+v", got, want)
	}
}
