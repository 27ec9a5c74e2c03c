package check

import (
	"testing"
	"testing/fstest"

	"github.com/sandcastle/sandcastle/internal/httpmatch"
	"github.com/sandcastle/sandcastle/internal/tablematch"
	"github.com/sandcastle/sandcastle/lessons"
)

func TestFingerprint(t *testing.T) {
	failed := func(msg string) StepResult {
		return StepResult{Status: Fail, Checks: []CheckResult{{Status: Pass}, {Status: Fail, Message: msg}}}
	}
	rows := func(missing string) StepResult {
		return StepResult{Status: Fail, Checks: []CheckResult{{Status: Fail, Message: "whatever the words",
			Mismatch: &tablematch.Mismatch{Missing: [][]string{{missing}}}}}}
	}
	answer := func(got int, problem string) StepResult {
		return StepResult{Status: Fail, Checks: []CheckResult{{Status: Fail,
			HTTP: &httpmatch.Mismatch{Method: "POST", Path: "/scores", WantStatus: 201, GotStatus: got, BodyProblems: []string{problem}}}}}
	}
	for _, tt := range []struct {
		name string
		a, b StepResult
		same bool
	}{
		{"a pass has none", StepResult{Status: Pass}, StepResult{Status: Pass}, true},
		{"the same error", failed("near \"x\": syntax error\nmore"), failed("near \"x\": syntax error\nother advice"), true},
		{"another error", failed("near \"x\": syntax error"), failed("near \"y\": syntax error"), false},
		{"ports differ from run to run", failed("your server exited before it listened on port 41211"),
			failed("your server exited before it listened on port 39000"), true},
		{"keys and times too", failed("sent sk-0123456789abcdef01234567 at 2026-12-03 13:20:01"),
			failed("sent sk-fedcba9876543210fedcba98 at 2026-12-04 09:00:00"), true},
		{"rows, not the words around them", rows("| ada | 300 |"), rows("| ada | 300 |"), true},
		{"other rows", rows("| ada | 300 |"), rows("| grace | 250 |"), false},
		{"the status of an answer", answer(200, "$.id: missing"), answer(400, "$.id: missing"), false},
		{"the JSON paths of an answer", answer(201, "$.id: missing"), answer(201, "$.player: missing"), false},
		{"which check fails", StepResult{Status: Fail, Checks: []CheckResult{{Status: Fail, Message: "x"}, {Status: Pass}}},
			StepResult{Status: Fail, Checks: []CheckResult{{Status: Pass}, {Status: Fail, Message: "x"}}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Fingerprint(tt.a), Fingerprint(tt.b)
			if (a == b) != tt.same {
				t.Errorf("fingerprints %q and %q: same = %v, want %v", a, b, a == b, tt.same)
			}
		})
	}
	if Fingerprint(StepResult{Status: Pass}) != "" {
		t.Error("a pass has a fingerprint")
	}
}

// TestDiagnosisTrustsTheCourseNotThePrintsFile: fingerprints.txt comes
// with a course from elsewhere and may be stale or forged; what a learner
// is told comes from the course's own mistake block, and a print of a
// mistake the step does not have names nothing.
func TestDiagnosisTrustsTheCourseNotThePrintsFile(t *testing.T) {
	r := StepResult{Status: Fail, Checks: []CheckResult{{Status: Fail, Message: "wrong"}}}
	fp := Fingerprint(r)
	step := &lessons.Step{
		Files: []*lessons.FileBlock{{Kind: lessons.Mistake, ID: "no-desc", Why: "smallest first", Says: "Write DESC.", Path: "q.sql"}},
		Prints: []lessons.MistakePrint{
			{ID: "no-desc", Why: "\x1b[2Jforged words", Fingerprint: fp},
			{ID: "ghost", Why: "a mistake the step does not have", Fingerprint: fp},
		},
	}
	ds := diagnose(&lessons.Course{}, step, fstest.MapFS{}, r, "")
	if len(ds) != 1 || ds[0] != (Diagnosis{Mistake: "no-desc", Why: "smallest first", Says: "Write DESC."}) {
		t.Errorf("diagnosis %+v, want only no-desc in the course's words", ds)
	}
}
