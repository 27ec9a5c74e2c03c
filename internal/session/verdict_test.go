package session

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// words are test words for the learner's actions, told apart from the rest.
var words = Words{Check: "CHECK", Hint: "HINT", Progress: "PROGRESS", CatchUp: "CATCHUP STEP"}

const schema = "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));"

// checkVerdict checks step and returns the verdict on it in words.
func checkVerdict(t *testing.T, s *Session, stepIndex int) Verdict {
	t.Helper()
	out, err := s.Check(context.Background(), s.Course.Steps()[stepIndex])
	if err != nil {
		t.Fatal(err)
	}
	return s.Verdict(out, 0, words)
}

func TestVerdictOfAFailingStep(t *testing.T) {
	s := newSession(t)
	v := checkVerdict(t, s, 0)
	if v.Passed() || v.Headline != "0 of 2 checks passed" || v.Tally != v.Headline || v.Failed() != 2 {
		t.Errorf("headline %q, tally %q, failed %d", v.Headline, v.Tally, v.Failed())
	}
	want := Advice{Do: "Edit schema.sql, then CHECK again.", Stuck: "Stuck? HINT shows the next hint."}
	if v.Advice != want {
		t.Errorf("advice %+v, want %+v", v.Advice, want)
	}
	if v.Checks[0].Mismatch == nil {
		t.Error("a failed SQL check carries no diff")
	}
	if v.Onward.Next != nil || v.Onward.Finished != "" {
		t.Errorf("a failing step moves on: %+v", v.Onward)
	}
}

func TestVerdictOfAStepThatCouldNotRun(t *testing.T) {
	s := newSession(t)
	v := checkVerdict(t, s, 2) // its rows need the table the first step makes
	want := Advice{Do: "Fix that first, then CHECK again.", Behind: behindText(2, "", "PROGRESS") +
		" To start here without doing them, fill their files with the course's answers: CATCHUP queries/one-player-s-scores."}
	if v.Headline != "this step could not run" || v.Tally != "" || v.Message == "" || v.Advice != want {
		t.Errorf("headline %q, tally %q, message %q, advice %+v", v.Headline, v.Tally, v.Message, v.Advice)
	}
	// The learner is pointed at a step by its title and id, never at the
	// course's source file.
	if !strings.Contains(v.Message, `Look at "Create the scores table" (table/create-the-scores-table)`) || strings.Contains(v.Message, ".md") {
		t.Errorf("message %q: want the step to look at, and no course file", v.Message)
	}
}

// A step whose table is missing after the steps before it passed points at
// the step that makes the table, with no offer to catch up: nothing is left
// to fill in.
func TestVerdictAfterTheStepsBeforePassed(t *testing.T) {
	ctx := context.Background()
	s := newSession(t)
	for _, st := range s.Course.Steps()[:2] {
		if err := s.Store.RecordCheck(ctx, st.FullID(), "pass"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	v := checkVerdict(t, s, 2)
	if !strings.Contains(v.Message, `Look at "Create the scores table"`) || v.Advice.Behind != "" {
		t.Errorf("message %q, behind %q", v.Message, v.Advice.Behind)
	}
}

func TestVerdictOfAPassingStep(t *testing.T) {
	s := newSession(t)
	s.write(t, "schema.sql", schema)
	v := checkVerdict(t, s, 0)
	if !v.Passed() || v.Headline != "Step passed" || v.Praise != "all 2 checks pass" || v.Tally != "2 of 2 checks passed" {
		t.Errorf("headline %q, praise %q, tally %q", v.Headline, v.Praise, v.Tally)
	}
	if (v.Advice != Advice{}) {
		t.Errorf("advice for a step that passed: %+v", v.Advice)
	}
	o := v.Onward
	if o.Next == nil || o.Next.FullID() != "queries/the-best-scores" || len(o.Created) != 1 || o.Lead != "" || o.Finished != "" {
		t.Errorf("onward: %+v", o)
	}
}

// TestVerdictOfTheLastStep: the last step passed leads back to the first
// step not passed, saying so; the check that passes every step finishes
// the course.
func TestVerdictOfTheLastStep(t *testing.T) {
	s := newSession(t)
	s.write(t, "schema.sql", schema)
	s.write(t, "queries/player.sql", "SELECT score FROM scores WHERE player = :player;")
	if _, err := s.Goto(context.Background(), s.Course.Steps()[2]); err != nil {
		t.Fatal(err)
	}
	v := checkVerdict(t, s, 2)
	o := v.Onward
	if v.Praise != "its check passes" || o.Next != s.Course.Steps()[0] || o.Lead != "That was the last step of the course, but 2 steps have not passed yet." {
		t.Errorf("praise %q, onward %+v", v.Praise, o)
	}
	checkVerdict(t, s, 0)
	s.write(t, "queries/top.sql", "SELECT player, score FROM scores ORDER BY score DESC LIMIT 3;")
	v = checkVerdict(t, s, 1)
	if o := v.Onward; o.Finished != "You have finished Tiny Scores: every step passes. Well done!" || o.Next != nil {
		t.Errorf("onward: %+v", o)
	}
}

// TestVerdictOfACourseNotTrusted: a step refused only because the course
// is not trusted says that none of its code ran, and to check again once
// trusted, unless the front end's trust checks again itself.
func TestVerdictOfACourseNotTrusted(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ctx := context.Background()
	ws, _, err := workspace.Init(ctx, t.TempDir(), shCourse(t), "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out, err := s.Check(ctx, s.Current())
	if err != nil {
		t.Fatal(err)
	}
	v := s.Verdict(out, 0, words)
	if !v.Refused || v.Advice != (Advice{Do: "None of the course's code ran. Once you trust the course, CHECK again."}) {
		t.Errorf("refused %v, advice %+v", v.Refused, v.Advice)
	}
	trusting := words
	trusting.TrustChecks = true
	if v := s.Verdict(out, 0, trusting); v.Advice.Do != "None of the course's code ran." {
		t.Errorf("advice where trusting checks again: %q", v.Advice.Do)
	}
}

// TestVerdictJSON: a verdict is written as JSON exactly as the step result
// it presents: `check --json` is unchanged by the view-model.
func TestVerdictJSON(t *testing.T) {
	s := newSession(t)
	for _, i := range []int{0, 2} { // a failing step, and one that could not run
		out, err := s.Check(context.Background(), s.Course.Steps()[i])
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(s.Verdict(out, 0, words))
		want, _ := json.Marshal(out.Results[0])
		if !bytes.Equal(got, want) {
			t.Errorf("step %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func TestLeadNamesEveryMistakeAFailureLooksLike(t *testing.T) {
	for _, tt := range []struct {
		name string
		ds   []check.Diagnosis
		want string
	}{
		{"none", nil, ""},
		{"one", []check.Diagnosis{{Why: "smallest first"}}, "This looks like a common mistake: smallest first."},
		{"one with says", []check.Diagnosis{{Why: "smallest first", Says: "Write DESC."}}, "This looks like a common mistake: smallest first. Write DESC."},
		{"two", []check.Diagnosis{{Why: "no LIMIT", Says: "Add LIMIT 3."}, {Why: "LIMIT 30"}},
			"This looks like one of these common mistakes: no LIMIT; or LIMIT 30. Add LIMIT 3."},
	} {
		if got := lead(tt.ds); got != tt.want {
			t.Errorf("%s: lead = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestStepsBeforeOnlyWhenTheyCouldBeTheCause: a failure says that steps
// before have not passed only when it could come from them (a missing
// table), not for a wrong answer of the step's own.
func TestStepsBeforeOnlyWhenTheyCouldBeTheCause(t *testing.T) {
	s := newSession(t)
	write := func(name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(s.WS.Root, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(s.WS.Root, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("queries/top.sql", "SELECT player, score FROM scores ORDER BY score LIMIT 3;")
	if v := checkVerdict(t, s, 1); v.Advice.Behind == "" {
		t.Errorf("no table yet, and the steps before are not named: %+v", v.Advice)
	}
	write("schema.sql", schema)
	if v := checkVerdict(t, s, 1); v.Passed() || v.Advice.Behind != "" {
		t.Errorf("a wrong order of the step's own names the steps before: %q", v.Advice.Behind)
	}
}

// The commands a check's message names start as the learner runs
// sandcastle: from the source folder, `go run . -C WS goto ...`.
func TestVerdictNamesCommandsAsTheLearnerRunsThem(t *testing.T) {
	s := newSession(t)
	if err := os.Remove(filepath.Join(s.WS.Root, "schema.sql")); err != nil {
		t.Fatal(err)
	}
	out, err := s.Check(context.Background(), s.Course.Steps()[0])
	if err != nil {
		t.Fatal(err)
	}
	as := words
	as.Command = "go run . -C ws"
	v := s.Verdict(out, 0, as)
	all := v.Message + strings.Join(v.Notes, " ")
	for _, c := range v.Checks {
		all += c.Message
	}
	if !strings.Contains(all, "`go run . -C ws goto table/create-the-scores-table`") || strings.Contains(all, "`sandcastle ") {
		t.Errorf("messages %q: want the command as the learner runs it", all)
	}
	// The step's results keep sandcastle's own words (check --json of an
	// installed sandcastle, grade).
	if plain := s.Verdict(out, 0, words); !strings.Contains(plain.Message, "`sandcastle goto ") {
		t.Errorf("the results were changed: %q", plain.Message)
	}
}
