package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// aheadSession is a session on the fixture course whose steps build on each
// other, in lang, with catch_up: false when off.
func aheadSession(t *testing.T, lang string, off bool) *Session {
	t.Helper()
	src, _ := filepath.Abs("../../testdata/courses/ahead")
	course := filepath.Join(t.TempDir(), "ahead")
	if err := os.CopyFS(course, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	if off {
		f, err := os.OpenFile(filepath.Join(course, "course.yaml"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("catch_up: false\n")
		f.Close()
	}
	return sessionOf(t, course, lang)
}

func (s *Session) step(t *testing.T, id string) *lessons.Step {
	t.Helper()
	st, ok := s.Course.Step(id)
	if !ok {
		t.Fatalf("no step %s", id)
	}
	return st
}

func TestCatchUpThenPass(t *testing.T) {
	for _, lang := range []string{"go", "python"} {
		t.Run(lang, func(t *testing.T) {
			ctx := context.Background()
			s := aheadSession(t, lang, false)
			board := s.step(t, "board/best-first")
			serverFile := map[string]string{"go": "server/main.go", "python": "server/app.py"}[lang]

			// Opened without catching up: the step cannot run, and says
			// which step to look at and how to catch up.
			if _, err := s.Goto(ctx, board); err != nil {
				t.Fatal(err)
			}
			out, err := s.Check(ctx, board)
			if err != nil {
				t.Fatal(err)
			}
			v := s.Verdict(out, 0, words)
			if !strings.Contains(v.Message, `Look at "Make the table" (tables/make-the-table)`) || strings.Contains(v.Message, ".md") {
				t.Errorf("message %q", v.Message)
			}
			if !strings.Contains(v.Advice.Behind, "CATCHUP board/best-first") {
				t.Errorf("behind %q: want the way to catch up", v.Advice.Behind)
			}

			offer, ok, err := s.Offer(board)
			if err != nil || !ok {
				t.Fatalf("no offer: %v", err)
			}
			if offer.Skipped != "Lesson 1 has 3 steps you have not done." || offer.Writes != "It writes schema.sql and "+serverFile+"." {
				t.Errorf("offer %q %q", offer.Skipped, offer.Writes)
			}

			caught, err := s.CatchUp(ctx, board)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(caught.Written, []string{"schema.sql", serverFile}) {
				t.Errorf("wrote %v", caught.Written)
			}
			if lines := caught.Lines(s.WS.Shown); !strings.HasPrefix(lines[0], "Caught up 3 steps with the course's answers (caught up, not passed): wrote schema.sql and ") {
				t.Errorf("lines %q", lines)
			}
			st := s.Status()
			if len(st.CaughtUp) != 3 || len(st.Passed) != 0 {
				t.Errorf("status: caught up %v, passed %v", st.CaughtUp, st.Passed)
			}
			if _, ok, _ := s.Offer(board); ok {
				t.Error("offered again after catching up")
			}

			s.write(t, "queries/board.sql", "SELECT player, score FROM scores ORDER BY score DESC;\n")
			out, err = s.Check(ctx, board)
			if err != nil || !out.Passed() {
				t.Fatalf("the step after catching up: %+v %v", out.Results, err)
			}
			if st := s.Status(); !slices.Equal(st.Passed, []string{"board/best-first"}) || len(st.CaughtUp) != 3 {
				t.Errorf("status after the pass: passed %v, caught up %v", st.Passed, st.CaughtUp)
			}
		})
	}
}

// The learner's own file is kept, named, and its steps stay not done.
func TestCatchUpKeepsTheLearnersFile(t *testing.T) {
	ctx := context.Background()
	s := aheadSession(t, "go", false)
	board := s.step(t, "board/best-first")
	mine := "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL, at TEXT);\n"
	s.write(t, "schema.sql", mine)
	offer, ok, err := s.Offer(board)
	if err != nil || !ok {
		t.Fatalf("no offer: %v", err)
	}
	want := `It keeps your schema.sql: you changed it; "Make the table" (tables/make-the-table) and "Stamp the time" (tables/stamp-the-time) may need it.`
	if !slices.Equal(offer.Keeps, []string{want}) {
		t.Errorf("keeps %q", offer.Keeps)
	}
	caught, err := s.CatchUp(ctx, board)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(s.WS.Root, "schema.sql")); string(got) != mine {
		t.Errorf("schema.sql = %q, want the learner's", got)
	}
	if st := s.Status(); !slices.Equal(st.CaughtUp, []string{"tables/a-note-for-the-server"}) {
		t.Errorf("caught up %v", st.CaughtUp)
	}
	if lines := caught.Lines(s.WS.Shown); !slices.Contains(lines, strings.Replace(want, "It keeps", "Kept", 1)) {
		t.Errorf("lines %q", lines)
	}
	if s.Behind(board) != 2 {
		t.Errorf("behind %d, want the 2 steps of the kept file", s.Behind(board))
	}
}

func TestCatchUpTurnedOffInTheCourse(t *testing.T) {
	ctx := context.Background()
	s := aheadSession(t, "python", true)
	board := s.step(t, "board/best-first")
	if _, ok, err := s.Offer(board); ok || err != nil {
		t.Errorf("offer made by a course with catch_up: false (%v)", err)
	}
	if _, err := s.CatchUp(ctx, board); !errors.Is(err, workspace.ErrNoCatchUp) {
		t.Errorf("CatchUp: %v, want ErrNoCatchUp", err)
	}
	if st := s.Status(); len(st.CaughtUp) != 0 {
		t.Errorf("caught up %v", st.CaughtUp)
	}
	out, err := s.Check(ctx, board)
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Verdict(out, 0, words); strings.Contains(v.Advice.Behind, "CATCHUP") {
		t.Errorf("advice offers to catch up: %q", v.Advice.Behind)
	}
}

func TestOfferInFewLines(t *testing.T) {
	o := Offer{
		Plan: &workspace.CatchUp{
			Write: []string{"a.sql", "b.sql", "c.sql"},
			Kept:  []workspace.KeptFile{{Path: "x.sql"}, {Path: "y.sql"}, {Path: "z.sql"}},
		},
		Keeps: []string{"It keeps your x.sql: ...", "It keeps your y.sql: ...", "It keeps your z.sql: ..."},
	}
	if got := o.WritesShort(2); got != "It writes a.sql, b.sql and 1 more file." {
		t.Errorf("WritesShort(2) = %q", got)
	}
	if got := o.WritesShort(3); got != "It writes a.sql, b.sql and c.sql." {
		t.Errorf("WritesShort(3) = %q", got)
	}
	want := []string{"It keeps your x.sql: ...", "It keeps 2 more files you changed too: y.sql and z.sql."}
	if got := o.KeepsShort(2); !slices.Equal(got, want) {
		t.Errorf("KeepsShort(2) = %q", got)
	}
	if got := o.KeepsShort(3); len(got) != 3 {
		t.Errorf("KeepsShort(3) = %q", got)
	}
}
