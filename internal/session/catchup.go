package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// Offer is the offer to catch up before a step: to fill the files of the
// steps before it that the learner has not done with the course's answers.
// Its sentences are the same in the TUI and on the command line; each front
// end adds how to accept.
type Offer struct {
	Plan *workspace.CatchUp
	// Skipped says what the learner has not done: "Lessons 1-8 have 29
	// steps you have not done."
	Skipped string
	// Writes names the files catching up writes.
	Writes string
	// Keeps names each file it leaves alone because the learner changed it.
	Keeps []string
}

// Offer is the offer to catch up before step; ok is false when there is
// nothing to offer: no step before it left undone whose files are still
// the course's, or a course with catch_up: false.
func (s *Session) Offer(step *lessons.Step) (offer Offer, ok bool, err error) {
	plan, err := s.WS.PlanCatchUp(s.Progress, step)
	if err != nil || !plan.Offered() {
		return Offer{}, false, err
	}
	return Offer{
		Plan:    plan,
		Skipped: s.skippedText(plan.Skipped),
		Writes:  writesText(plan.Write, len(plan.Write)),
		Keeps:   keepsText(plan.Kept, "It keeps"),
	}, true, nil
}

// KeepsShort is Keeps in at most n lines: the last says how many more
// files are kept, and names them.
func (o Offer) KeepsShort(n int) []string {
	if len(o.Keeps) <= n || n < 1 {
		return o.Keeps
	}
	var rest []string
	for _, k := range o.Plan.Kept[n-1:] {
		rest = append(rest, k.Path)
	}
	return append(o.Keeps[:n-1:n-1], fmt.Sprintf("It keeps %s you changed too: %s.", plural(len(rest), "more file"), wordList(rest)))
}

// WritesShort is Writes naming at most n files, then how many more.
func (o Offer) WritesShort(n int) string { return writesText(o.Plan.Write, n) }

// writesText names the files catching up writes, at most n of them.
func writesText(files []string, n int) string {
	if len(files) <= n {
		return "It writes " + wordList(files) + "."
	}
	more := len(files) - n
	return "It writes " + strings.Join(files[:n], ", ") + " and " + plural(more, "more file") + "."
}

// CaughtUp is what catching up did.
type CaughtUp struct {
	Plan *workspace.CatchUp
	// Written are the files written; Backup holds the versions they replaced.
	Written []string
	Backup  *workspace.Backup
}

// CatchUp fills the files of the steps before step that the learner has not
// done with the course's answers, where they are missing or still as the
// course wrote them, and records those steps as caught up (not passed).
// A file the learner changed is left as it is; one changed since the plan
// was made is copied into the backup first. A course with catch_up: false
// returns workspace.ErrNoCatchUp and changes nothing.
func (s *Session) CatchUp(ctx context.Context, step *lessons.Step) (CaughtUp, error) {
	if s.Course.NoCatchUp {
		return CaughtUp{}, workspace.ErrNoCatchUp
	}
	if why := s.ReadOnly(); why != "" {
		return CaughtUp{}, errors.New("your files cannot be filled in: " + why)
	}
	plan, err := s.WS.PlanCatchUp(s.Progress, step)
	if err != nil {
		return CaughtUp{}, err
	}
	out := CaughtUp{Plan: plan, Backup: s.WS.NewBackup()}
	written, err := s.WS.CatchUp(out.Backup, plan)
	for _, f := range plan.Write { // in the order the course names them
		if slices.Contains(written, f) {
			out.Written = append(out.Written, f)
		}
	}
	if err != nil {
		return out, err
	}
	var ids []string
	for _, st := range plan.Steps {
		ids = append(ids, st.FullID())
	}
	if err := s.Store.RecordCatchUp(ctx, ids...); err != nil {
		return out, err
	}
	return out, s.Reload(ctx)
}

// Lines say what catching up did, one sentence each, with backup named as
// the learner reads it.
func (c CaughtUp) Lines(shown func(path string) string) []string {
	var lines []string
	n := len(c.Plan.Steps)
	switch {
	case n == 0 && len(c.Written) == 0:
		lines = append(lines, "Nothing to catch up: the steps before this one are done, or their files are yours.")
	default:
		text := fmt.Sprintf("Caught up %s with the course's answers (caught up, not passed)", plural(n, "step"))
		if len(c.Written) > 0 {
			text += ": wrote " + wordList(c.Written)
		}
		lines = append(lines, text+".")
	}
	if c.Backup != nil && len(c.Backup.Files) > 0 {
		lines = append(lines, fmt.Sprintf("The versions they replaced are kept in %s.", shown(c.Backup.Dir)))
	}
	return append(lines, keepsText(c.Plan.Kept, "Kept")...)
}

// skippedText says how many steps the learner has not done, and in which
// lessons: "Lessons 1-8 have 29 steps you have not done."
func (s *Session) skippedText(skipped []*lessons.Step) string {
	first, last := len(s.Course.Lessons), 0
	for _, st := range skipped {
		n := slices.Index(s.Course.Lessons, st.Lesson) + 1
		first, last = min(first, n), max(last, n)
	}
	steps := plural(len(skipped), "step")
	if first == last {
		return fmt.Sprintf("Lesson %d has %s you have not done.", first, steps)
	}
	return fmt.Sprintf("Lessons %d-%d have %s you have not done.", first, last, steps)
}

// keepsText names each kept file and the steps that write it, after verb
// ("It keeps", "Kept").
func keepsText(kept []workspace.KeptFile, verb string) []string {
	var lines []string
	for _, k := range kept {
		var names []string
		for _, st := range k.Steps {
			names = append(names, StepName(st))
		}
		lines = append(lines, fmt.Sprintf("%s your %s: you changed it; %s may need it.", verb, k.Path, wordList(names)))
	}
	return lines
}

// StepName names a step for a learner: its title and its id,
// "Create the scores table" (a-home-for-scores/create-the-scores-table).
func StepName(step *lessons.Step) string {
	return fmt.Sprintf("%q (%s)", step.Title, step.FullID())
}

// plural is "1 step", "2 steps".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// wordList joins words as "a, b and c".
func wordList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
