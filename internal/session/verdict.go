package session

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/invocation"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// Verdict is what a check says of one step, for the learner: the
// view-model that `sandcastle check`, its --json and the TUI present, each
// in its own layout and style but in the same words. Its JSON is a step of
// `check --json`: the fields of check.StepResult, under the same names.
type Verdict struct {
	ID     string       `json:"id"`
	Title  string       `json:"title"`
	Status check.Status `json:"status"`
	// Message says why the step could not run (status error).
	Message string `json:"message,omitempty"`
	// Checks are the verdicts on the step's checks; a failed one carries
	// the diff of its rows (Mismatch) or its request and answer (HTTP).
	Checks []check.CheckResult `json:"checks"`
	// Notes are remarks that do not fail the step.
	Notes []string `json:"notes,omitempty"`
	// Diagnosis are the known mistakes of the step whose result a failure
	// has (cli.md's `diagnosis`): empty when it matches none, or when the
	// course has no current fingerprints (lessons.PrintsFile).
	Diagnosis []check.Diagnosis `json:"diagnosis,omitempty"`

	// Step is the step checked.
	Step *lessons.Step `json:"-"`
	// Refused is set when the step did not pass only because the course
	// is not trusted: none of its code ran.
	Refused bool `json:"-"`
	// Untrusted is set when the step could not run at all because the
	// course is not trusted (its server did not start).
	Untrusted bool `json:"-"`
	// Headline is the verdict in a few words: "this step could not run",
	// "1 of 2 checks passed", "Step passed".
	Headline string `json:"-"`
	// Tally counts the checks that passed, "2 of 2 checks passed"; "" when
	// the step could not run.
	Tally string `json:"-"`
	// Praise says, of a step that passed, what passed: "all 2 checks
	// pass", "its check passes".
	Praise string `json:"-"`
	// Advice is what to do about a step that did not pass.
	Advice Advice `json:"-"`
	// Onward is where a passing check leaves the learner.
	Onward Onward `json:"-"`
	// Lead says the Diagnosis in a sentence, for the learner to read
	// before the checks; "" without one.
	Lead string `json:"-"`
}

// lead says a step's diagnosis in a sentence, for the learner to read
// before its checks: the mistakes' WHYs, then what their authors wrote.
func lead(ds []check.Diagnosis) string {
	var whys, says []string
	for _, d := range ds {
		whys = append(whys, d.Why)
		if d.Says != "" {
			says = append(says, d.Says)
		}
	}
	var text string
	switch len(whys) {
	case 0:
		return ""
	case 1:
		text = "This looks like a common mistake: " + whys[0] + "."
	default:
		text = "This looks like one of these common mistakes: " + strings.Join(whys, "; or ") + "."
	}
	return strings.Join(append([]string{text}, says...), " ")
}

// Advice is what the learner can do about a step that did not pass, in
// the words of the front end that shows it. A field is "" when it does
// not apply.
type Advice struct {
	// Do is what to do next: edit the step's files, fix what stopped the
	// step, or trust the course.
	Do string
	// Stuck says where help is.
	Stuck string
	// Behind says that steps before this one have not passed, and where
	// the learner sees which.
	Behind string
}

// Onward is where a passing check leaves the learner. A field is empty
// when it does not apply.
type Onward struct {
	// Next is the new current step, when the check moved the learner on,
	// and Created the files made for it.
	Next    *lessons.Step
	Created []string
	// Lead comes before Next when Next is not after this step: every step
	// after it has passed, and some before it have not.
	Lead string
	// Finished says that the learner has just finished the course.
	Finished string
}

// Words are a front end's names for the learner's actions, which the
// verdict's advice uses: a command on the command line, a key in the TUI.
type Words struct {
	// Check says how to check the step, to follow "then": "run `sandcastle
	// check`", "press c".
	Check string
	// Hint names what shows the next hint: "`sandcastle hint`", "h".
	Hint string
	// Progress names where the learner sees which steps have passed.
	Progress string
	// TrustChecks is set when the front end's way to trust the course
	// checks the step again itself (the TUI's t): the advice need not say
	// to check again.
	TrustChecks bool
	// CatchUp says how to catch up before a step, STEP standing for its
	// id: "`sandcastle goto STEP --catch-up`".
	CatchUp string
	// Command is how the learner runs sandcastle from where they are
	// (invocation.How.Command): the commands the checks' messages name
	// (`sandcastle goto STEP`, `sandcastle trust`) start with it.
	Command string
}

// Verdict is the verdict on out's i-th step, its advice in words. Where
// it leaves the learner (Onward) is told only when out is a check of one
// step.
func (s *Session) Verdict(out Checked, i int, words Words) Verdict {
	r := out.Results[i]
	step, _ := s.Course.Step(r.ID)
	v := Verdict{
		ID: r.ID, Title: r.Title, Status: r.Status, Message: r.Message, Checks: r.Checks, Notes: r.Notes,
		Step: step, Refused: r.Refused(), Untrusted: r.Untrusted,
	}
	v.Diagnosis, v.Lead = r.Diagnosis, lead(r.Diagnosis)
	inWords(&v, words.Command)
	if r.Status != check.Error {
		v.Tally = fmt.Sprintf("%d of %d checks passed", len(r.Checks)-r.Failed(), len(r.Checks))
	}
	switch {
	case r.Status == check.Error:
		v.Headline = "this step could not run"
		v.Advice.Do = "Fix that first, then " + words.Check + " again."
	case r.Status == check.Pass:
		v.Headline, v.Praise = "Step passed", praise(len(r.Checks))
		if len(out.Results) == 1 {
			v.Onward = s.onward(step, out)
		}
		return v
	default:
		v.Headline = v.Tally
		v.Advice.Do = s.editAdvice(step, words)
		v.Advice.Stuck = "Stuck? " + words.Hint + " shows the next hint."
	}
	if v.Refused {
		v.Advice = Advice{Do: "None of the course's code ran."}
		if !words.TrustChecks {
			v.Advice.Do += " Once you trust the course, " + words.Check + " again."
		}
		return v
	}
	if step != nil && fromBefore(r) {
		s.earlier(&v, r, words)
	}
	return v
}

// inWords makes the commands that v's messages name start as the learner
// runs sandcastle (cmd), leaving the step's results as they are.
func inWords(v *Verdict, cmd string) {
	if cmd == "" || cmd == invocation.Name {
		return
	}
	v.Message = invocation.Prose(v.Message, cmd)
	v.Checks = slices.Clone(v.Checks)
	for i := range v.Checks {
		v.Checks[i].Message = invocation.Prose(v.Checks[i].Message, cmd)
	}
	v.Notes = slices.Clone(v.Notes)
	for i := range v.Notes {
		v.Notes[i] = invocation.Prose(v.Notes[i], cmd)
	}
}

// earlier points the learner at the step before this one to look at, when
// the failure could come from the steps before it: by title and id, never
// a course file. With steps not done before it, the advice says how many,
// and how catching up fills them in when the course allows it.
func (s *Session) earlier(v *Verdict, r check.StepResult, words Words) {
	step := v.Step
	look := s.lookAt(step, r)
	n := s.Behind(step)
	if n == 0 {
		return
	}
	from := ""
	if look != nil && r.Seed == nil {
		from = ", starting with " + StepName(look)
	}
	v.Advice.Behind = behindText(n, from, words.Progress)
	if _, ok, _ := s.Offer(step); ok && words.CatchUp != "" {
		v.Advice.Behind += " To start here without doing them, fill their files with the course's answers: " +
			strings.ReplaceAll(words.CatchUp, "STEP", step.FullID()) + "."
	}
}

// lookAt is the step before step to look at when r could come from the
// steps before it (workspace.LookAt).
func (s *Session) lookAt(step *lessons.Step, r check.StepResult) *lessons.Step {
	return workspace.LookAt(s.Course, s.Progress, s.Lang(), step, r.Seed != nil || missingTable(r), tableIn(r))
}

// pointBack adds to the message of a step that could not run because the
// rows it starts with do not fit the learner's tables which step before it
// to look at, by title and id: never the course's file.
func (s *Session) pointBack(step *lessons.Step, r check.StepResult) check.StepResult {
	if r.Seed == nil {
		return r
	}
	if look := s.lookAt(step, r); look != nil {
		r.Message += " " + lookAtText(look)
	}
	return r
}

// lookAtText points at the step look, whose tables a step builds on.
func lookAtText(look *lessons.Step) string {
	return "Look at " + StepName(look) + ": this step builds on the tables made up to it."
}

// missingTableName finds the table SQLite says is missing or lacks a column.
var missingTableName = regexp.MustCompile(`no such table: (?:main\.)?([A-Za-z_][A-Za-z0-9_]*)|table ([A-Za-z_][A-Za-z0-9_]*) has no column`)

// tableIn is the table whose absence (or lack of a column) stopped the
// step, or "" when it does not say.
func tableIn(r check.StepResult) string {
	texts := []string{r.Message}
	for _, c := range r.Checks {
		if c.Status != check.Pass {
			texts = append(texts, c.Message)
		}
	}
	for _, t := range texts {
		if m := missingTableName.FindStringSubmatch(t); m != nil {
			return m[1] + m[2]
		}
	}
	return ""
}

// missingTable reports whether a check failed because a table or a column
// is missing.
func missingTable(r check.StepResult) bool {
	for _, c := range r.Checks {
		if c.Status != check.Pass && (strings.Contains(c.Message, "no such table") || strings.Contains(c.Message, "no such column")) {
			return true
		}
	}
	return false
}

// fromBefore reports whether a failure could come from the steps before
// the step: it could not run, or a table or a column an earlier step makes
// is missing. Then the learner is told that steps before it have not
// passed; a wrong answer of the step's own is not about them.
func fromBefore(r check.StepResult) bool {
	return r.Status == check.Error || missingTable(r)
}

// Verdicts are the verdicts on every step out checked.
func (s *Session) Verdicts(out Checked, words Words) []Verdict {
	vs := make([]Verdict, len(out.Results))
	for i := range out.Results {
		vs[i] = s.Verdict(out, i, words)
	}
	return vs
}

// Passed reports whether the step passed.
func (v Verdict) Passed() bool { return v.Status == check.Pass }

// Failed counts the checks that failed.
func (v Verdict) Failed() int { return check.StepResult{Checks: v.Checks}.Failed() }

// praise says that a step's n checks pass.
func praise(n int) string {
	if n == 1 {
		return "its check passes"
	}
	return fmt.Sprintf("all %d checks pass", n)
}

// editAdvice says what to do about a step whose checks failed: edit its
// files and check again.
func (s *Session) editAdvice(step *lessons.Step, words Words) string {
	if step != nil {
		if files := s.Files(step); len(files) > 0 {
			return "Edit " + strings.Join(files, ", ") + ", then " + words.Check + " again."
		}
	}
	return capitalize(words.Check) + " again when you have changed your files."
}

// onward is where passing step, the one step out checked, leaves the
// learner: on to the next step, or done with the course.
func (s *Session) onward(step *lessons.Step, out Checked) Onward {
	if out.Finished {
		return Onward{Finished: "You have finished " + s.Course.Title + ": every step passes. Well done!"}
	}
	o := Onward{Next: out.Next, Created: out.Created}
	if out.Next == nil || step == nil || out.Next.Index > step.Index {
		return o
	}
	left := len(s.Course.Steps()) - s.PassedCount()
	steps := fmt.Sprintf("%d steps have", left)
	if left == 1 {
		steps = "1 step has"
	}
	if step.Index == len(s.Course.Steps())-1 {
		o.Lead = fmt.Sprintf("That was the last step of the course, but %s not passed yet.", steps)
	} else {
		o.Lead = fmt.Sprintf("Every step after this one has passed, but %s not passed yet.", steps)
	}
	return o
}

// behindText says that n steps before this one have not passed, for a step
// that fails or cannot run, from names the first to look at (or is ""),
// and where says where the learner sees which.
func behindText(n int, from, where string) string {
	if n == 1 {
		return "1 step before this one has not passed yet, and this step builds on its files: " +
			"what is wrong may be there" + from + " (" + where + ")."
	}
	return fmt.Sprintf("%d steps before this one have not passed yet, and this step builds on their files: "+
		"what is wrong may be there%s (%s).", n, from, where)
}

// capitalize starts s with a capital letter.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
