package prove

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

// wrongAnswer is an answer a learner may write that is wrong: the step's
// solution of file with each old text replaced by its new one (or, with
// content, a whole file), every other file solved. want is what the failing
// checks must say (a check's title or its message).
type wrongAnswer struct {
	name, step, lang, file string
	// replace holds pairs of old and new text; each old text must occur
	// exactly once in the solution.
	replace []string
	content string
	want    string
	// unlike is set on a wrong answer that makes the same result as a
	// mistake of the step but is written otherwise: check must not tell
	// the learner it is that mistake.
	unlike bool
	// named, when set, is the one mistake (its why) check must name: two
	// mistakes make the same result, and the learner wrote this one.
	named string
}

// TestWrongAnswersOfTheBuiltinCourse: each wrong answer fails its step with
// a message that names the fix. Issue 13 found these passing.
func TestWrongAnswersOfTheBuiltinCourse(t *testing.T) {
	course, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range slices.Concat(sqlWrongAnswers, endpointWrongAnswers, queryWrongAnswers, secretWrongAnswers, manyWrongAnswers, blinkWrongAnswers, passwordWrongAnswers) {
		t.Run(tt.name, func(t *testing.T) {
			step, ok := course.Step(tt.step)
			if !ok {
				t.Fatalf("no step %s", tt.step)
			}
			files := versions(course, step, tt.lang, false)
			content := tt.content
			if content == "" {
				content = replaced(t, files[tt.file], tt.replace)
			}
			files[tt.file] = content
			r := runFiles(context.Background(), course, step, files, check.Options{Lang: tt.lang})
			if r.Passed() {
				t.Fatalf("the wrong answer passes %s", tt.step)
			}
			for _, d := range r.Diagnosis {
				t.Logf("diagnosis: %s", d.Why)
				if tt.unlike {
					t.Errorf("a wrong answer written otherwise is told it looks like %q", d.Why)
				}
			}
			if tt.named != "" && (len(r.Diagnosis) != 1 || r.Diagnosis[0].Why != tt.named) {
				t.Errorf("check names %+v, not only %q", r.Diagnosis, tt.named)
			}
			if all := failureText("", r); !strings.Contains(all, tt.want) {
				t.Errorf("the step fails without saying %q:\n%s", tt.want, all)
			}
		})
	}
}

// replaced is solution with each pair of replace applied; a pair whose old
// text does not occur exactly once fails the test (the course changed).
func replaced(t *testing.T, solution string, replace []string) string {
	t.Helper()
	if solution == "" || len(replace) == 0 || len(replace)%2 != 0 {
		t.Fatalf("a wrong answer needs a solution and pairs of old and new text")
	}
	for i := 0; i < len(replace); i += 2 {
		if n := strings.Count(solution, replace[i]); n != 1 {
			t.Fatalf("%q occurs %d times in the solution, not once", replace[i], n)
		}
		solution = strings.Replace(solution, replace[i], replace[i+1], 1)
	}
	return solution
}

// TestNoDiagnosisBeforeTheStepIsBegun: a learner who has not changed the
// step's files yet is told what fails, never that it "looks like" a mistake:
// lesson 14's Go server fails lesson 15's load check as busy_timeout(0)
// does, but the learner has made no mistake yet.
func TestNoDiagnosisBeforeTheStepIsBegun(t *testing.T) {
	course, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	step, ok := course.Step("many-players/fifty-saves-at-once")
	if !ok {
		t.Fatal("no step many-players/fifty-saves-at-once")
	}
	r := runFiles(context.Background(), course, step, versions(course, step, "go", true), check.Options{Lang: "go"})
	if r.Passed() {
		t.Fatal("the step passes as it starts")
	}
	if len(r.Diagnosis) > 0 {
		t.Errorf("a step not begun is diagnosed: %+v", r.Diagnosis)
	}
	if all := failureText("", r); !strings.Contains(all, `"database is locked"`) {
		t.Errorf("the failure does not name \"database is locked\":\n%s", all)
	}
}

// TestRightAnswersWrittenOtherwise: answers that are right, though written
// otherwise than the solution, pass their step.
func TestRightAnswersWrittenOtherwise(t *testing.T) {
	course, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []wrongAnswer{
		// A learner's trial: committing only when the account was made left
		// the 409's transaction open, and every later save waited on it,
		// until each request's connection was closed when it ends.
		{name: "python: the sign-up commits only when the account is made", step: "players-with-passwords/sign-up", lang: "python", file: "server/app.py",
			replace: []string{"        db.commit()\n        if row is None:\n            self.send_json(409, {\"error\": f\"the name {player} is taken\"})\n            return\n",
				"        if row is None:\n            self.send_json(409, {\"error\": f\"the name {player} is taken\"})\n            return\n        db.commit()\n"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			step, ok := course.Step(tt.step)
			if !ok {
				t.Fatalf("no step %s", tt.step)
			}
			files := versions(course, step, tt.lang, false)
			files[tt.file] = replaced(t, files[tt.file], tt.replace)
			if r := runFiles(context.Background(), course, step, files, check.Options{Lang: tt.lang}); !r.Passed() {
				t.Errorf("a right answer fails %s:\n%s", tt.step, failureText("", r))
			}
		})
	}
}
