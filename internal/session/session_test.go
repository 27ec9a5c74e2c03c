package session

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

func newSession(t *testing.T) *Session {
	t.Helper()
	course, _ := filepath.Abs("../../testdata/courses/tiny")
	return sessionOf(t, course, "")
}

// sessionOf is a session on a new workspace of the course in the folder
// course, in lang.
func sessionOf(t *testing.T, course, lang string) *Session {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // trust is recorded there: never the real one
	ws, _, err := workspace.Init(context.Background(), filepath.Join(t.TempDir(), "ws"), course, lang)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (s *Session) write(t *testing.T, name, content string) {
	t.Helper()
	path := filepath.Join(s.WS.Root, name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckMovesOn: a passing check of the current step records it, makes
// the next step current and creates its files; a failing one does neither.
func TestCheckMovesOn(t *testing.T) {
	ctx := context.Background()
	s := newSession(t)
	first := s.Current()
	out, err := s.Check(ctx, first)
	if err != nil || out.Passed() || out.Next != nil || s.Progress.Steps[first.FullID()].Attempts != 1 {
		t.Fatalf("failing check: %+v %v", out, err)
	}
	s.write(t, "schema.sql", "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));")
	out, err = s.Check(ctx, first)
	if err != nil || !out.Passed() || out.Next == nil || out.Next.FullID() != "queries/the-best-scores" {
		t.Fatalf("passing check: %+v %v", out, err)
	}
	if len(out.Created) != 1 || out.Created[0] != "queries/top.sql" || !s.Passed(first) || s.Current() != out.Next {
		t.Errorf("after the pass: created %v, passed %v, current %s", out.Created, s.Passed(first), s.Current().FullID())
	}
}

func TestHintsAndSolutionsAreRecorded(t *testing.T) {
	ctx := context.Background()
	s := newSession(t)
	step := s.Current()
	for want := 1; want <= 3; want++ {
		seen, hints, err := s.RevealHint(ctx, step)
		if err != nil || len(hints) != 2 || seen != min(want, 2) {
			t.Fatalf("hint %d: seen %d of %d, %v", want, seen, len(hints), err)
		}
	}
	files, err := s.RevealSolution(ctx, step)
	if err != nil || len(files) != 1 || files[0].Path != "schema.sql" || !s.Progress.Steps[step.FullID()].SolutionSeen {
		t.Errorf("solution: %v %v", files, err)
	}
	if st := s.Status(); st.HintsUsed() != 2 || len(st.Solutions) != 1 {
		t.Errorf("status: %+v", st)
	}
}

func TestResetAndGoto(t *testing.T) {
	ctx := context.Background()
	s := newSession(t)
	s.write(t, "schema.sql", "-- mine")
	written, backup, err := s.Reset(ctx, s.Current())
	if err != nil || len(written) != 1 || len(backup.Files) != 1 {
		t.Fatalf("reset: %v %+v %v", written, backup, err)
	}
	target := s.Course.Steps()[2]
	created, err := s.Goto(ctx, target)
	if err != nil || s.Current() != target || len(created) != 2 {
		t.Errorf("goto: current %s, created %v, %v", s.Current().FullID(), created, err)
	}
}

// TestFinishedOnlyOnce: the check that passes the course's last unpassed
// steps finishes it; checking a step again afterwards does not.
func TestFinishedOnlyOnce(t *testing.T) {
	ctx := context.Background()
	s := newSession(t)
	s.write(t, "schema.sql", "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));")
	s.write(t, "queries/top.sql", "SELECT player, score FROM scores ORDER BY score DESC LIMIT 3;")
	s.write(t, "queries/player.sql", "SELECT score FROM scores WHERE player = :player;")
	steps := s.Course.Steps()
	out, err := s.Check(ctx, steps[:2]...)
	if err != nil || !out.Passed() || out.Finished {
		t.Fatalf("two steps of three: %+v %v", out, err)
	}
	out, err = s.Check(ctx, steps[2])
	if err != nil || !out.Passed() || !out.Finished {
		t.Fatalf("the last step: finished %v, %v", out.Finished, err)
	}
	out, err = s.Check(ctx, steps[0])
	if err != nil || !out.Passed() || out.Finished {
		t.Errorf("a step checked again after the end: finished %v, %v", out.Finished, err)
	}
}
