package workspace

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/lessons"
)

// CourseChange is how a workspace's course changed since its progress last
// recorded it: steps added and removed, steps renamed (the progress moved
// with them), and the course's version before and after.
type CourseChange struct {
	At          time.Time `json:"at"`
	FromVersion string    `json:"from_version,omitempty"`
	ToVersion   string    `json:"to_version,omitempty"`
	Added       []string  `json:"added"`
	Removed     []string  `json:"removed"`
	Renamed     []Rename  `json:"renamed"`
}

// Rename is a step whose id the course changed (course.yaml's renamed).
type Rename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Summary says the change in a sentence for a learner.
func (c CourseChange) Summary() string {
	var parts []string
	if len(c.Added) > 0 {
		parts = append(parts, fmt.Sprintf("%s added (%s)", count(len(c.Added), "step"), strings.Join(c.Added, ", ")))
	}
	if len(c.Removed) > 0 {
		parts = append(parts, fmt.Sprintf("%s removed (%s)", count(len(c.Removed), "step"), strings.Join(c.Removed, ", ")))
	}
	for _, r := range c.Renamed {
		parts = append(parts, fmt.Sprintf("%s renamed %s, your progress with it", r.From, r.To))
	}
	what := "its steps are the same"
	if len(parts) > 0 {
		what = strings.Join(parts, "; ")
	}
	version := ""
	if c.FromVersion != c.ToVersion {
		version = fmt.Sprintf(" (version %s → %s)", orNone(c.FromVersion), orNone(c.ToVersion))
	}
	return fmt.Sprintf("The course changed on %s%s: %s.", c.At.Local().Format("2006-01-02"), version, what)
}

// Short says the change in a few words, for a one-line notice.
func (c CourseChange) Short() string {
	var parts []string
	if n := len(c.Added); n > 0 {
		parts = append(parts, count(n, "step")+" added")
	}
	if n := len(c.Removed); n > 0 {
		parts = append(parts, count(n, "step")+" removed")
	}
	if n := len(c.Renamed); n > 0 {
		parts = append(parts, count(n, "step")+" renamed, your progress with it")
	}
	if len(parts) == 0 {
		return "The course was updated"
	}
	return "The course changed: " + strings.Join(parts, ", ")
}

func orNone(v string) string {
	if v == "" {
		return "none"
	}
	return v
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// recordedCourse is the course as the progress last recorded it.
type recordedCourse struct {
	ID      string   `json:"id"`
	Version string   `json:"version"`
	Hash    string   `json:"hash"`
	Steps   []string `json:"steps"`
}

func courseRecord(c *lessons.Course) recordedCourse {
	r := recordedCourse{ID: c.ID, Version: c.Release, Hash: c.Hash}
	for _, s := range c.Steps() {
		r.Steps = append(r.Steps, s.FullID())
	}
	return r
}

// Reconcile compares c with the course the progress last recorded. When
// they differ it moves the progress of each step c renamed to its new id,
// records c and the change, all in one transaction, and returns the change;
// nil when nothing changed. A workspace that recorded no course yet records
// c and reports no change. With write false (a command that records
// nothing), it returns the change without recording anything.
func (s *Store) Reconcile(ctx context.Context, c *lessons.Course, write bool) (*CourseChange, error) {
	var data string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'course'`).Scan(&data)
	now := courseRecord(c)
	if errors.Is(err, sql.ErrNoRows) {
		if !write {
			return nil, nil
		}
		return nil, s.tx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, "course", mustJSON(now)) })
	}
	if err != nil {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	var was recordedCourse
	if json.Unmarshal([]byte(data), &was) != nil {
		was = recordedCourse{} // unreadable: taken as a course with no steps, recorded again below
	}
	if was.ID == now.ID && was.Version == now.Version && was.Hash == now.Hash && slices.Equal(was.Steps, now.Steps) {
		return nil, nil
	}
	change := diffCourses(was, now, c.Renamed)
	change.At = s.now()
	if !write {
		return change, nil
	}
	return change, s.tx(ctx, func(tx *sql.Tx) error {
		for _, r := range change.Renamed {
			if err := moveProgress(ctx, tx, r); err != nil {
				return err
			}
		}
		if err := setMeta(ctx, tx, "course", mustJSON(now)); err != nil {
			return err
		}
		return setMeta(ctx, tx, "course_change", mustJSON(change))
	})
}

// LastCourseChange is the last change Reconcile recorded, or nil.
func (s *Store) LastCourseChange(ctx context.Context) *CourseChange {
	var data string
	if s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'course_change'`).Scan(&data) != nil {
		return nil
	}
	var c CourseChange
	if json.Unmarshal([]byte(data), &c) != nil {
		return nil
	}
	return &c
}

// diffCourses is how now differs from was: renames (as renamed declares,
// for a step was had and now has), then steps added and removed.
func diffCourses(was, now recordedCourse, renamed map[string]string) *CourseChange {
	c := &CourseChange{FromVersion: was.Version, ToVersion: now.Version, Added: []string{}, Removed: []string{}, Renamed: []Rename{}}
	moved := map[string]bool{}
	for _, from := range was.Steps {
		if to, ok := renamed[from]; ok && slices.Contains(now.Steps, to) && !slices.Contains(now.Steps, from) {
			c.Renamed = append(c.Renamed, Rename{From: from, To: to})
			moved[to] = true
		}
	}
	for _, id := range now.Steps {
		if !slices.Contains(was.Steps, id) && !moved[id] {
			c.Added = append(c.Added, id)
		}
	}
	for _, id := range was.Steps {
		if !slices.Contains(now.Steps, id) && renamed[id] == "" {
			c.Removed = append(c.Removed, id)
		}
	}
	return c
}

// moveProgress gives the progress of r.From to r.To: its row and events,
// and the goto step. Where r.To has a row already, the two are merged: the
// earlier pass, the more attempts and hints.
func moveProgress(ctx context.Context, tx *sql.Tx, r Rename) error {
	stmts := []string{
		`INSERT INTO steps (step_id, attempts, passed_at, last_status, last_checked_at, hints_seen, solution_seen_at, caught_up_at)
		 SELECT ?2, attempts, passed_at, last_status, last_checked_at, hints_seen, solution_seen_at, caught_up_at FROM steps WHERE step_id = ?1
		 ON CONFLICT (step_id) DO UPDATE SET
		   attempts = steps.attempts + excluded.attempts,
		   passed_at = coalesce(min(steps.passed_at, excluded.passed_at), steps.passed_at, excluded.passed_at),
		   hints_seen = max(steps.hints_seen, excluded.hints_seen),
		   solution_seen_at = coalesce(steps.solution_seen_at, excluded.solution_seen_at),
		   caught_up_at = coalesce(steps.caught_up_at, excluded.caught_up_at)`,
		`DELETE FROM steps WHERE step_id = ?1`,
		`UPDATE events SET step_id = ?2 WHERE step_id = ?1`,
		`UPDATE meta SET value = ?2 WHERE key = 'goto' AND value = ?1`,
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, r.From, r.To); err != nil {
			return fmt.Errorf("move the progress of %s to %s: %w", r.From, r.To, err)
		}
	}
	return nil
}

// Rename moves, in p only, the progress of each renamed step to its new id,
// as Reconcile records it.
func (p *Progress) Rename(renames []Rename) {
	for _, r := range renames {
		from, ok := p.Steps[r.From]
		if !ok {
			continue
		}
		to, had := p.Steps[r.To]
		if !had {
			to = from
		} else {
			to.Attempts += from.Attempts
			to.HintsSeen = max(to.HintsSeen, from.HintsSeen)
			to.SolutionSeen = to.SolutionSeen || from.SolutionSeen
			to.CaughtUp = to.CaughtUp || from.CaughtUp
			if from.Passed && (!to.Passed || from.PassedAt.Before(to.PassedAt)) {
				to.Passed, to.PassedAt = true, from.PassedAt
			}
		}
		p.Steps[r.To] = to
		delete(p.Steps, r.From)
		if p.Goto == r.From {
			p.Goto = r.To
		}
	}
}

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // plain structs of strings
	}
	return string(data)
}
