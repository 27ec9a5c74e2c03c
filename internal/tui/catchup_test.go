package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

func (h *harness) lacks(unwanted ...string) {
	h.t.Helper()
	v := h.view()
	for _, u := range unwanted {
		if strings.Contains(v, u) {
			h.t.Fatalf("the screen shows %q:\n%s", u, v)
		}
	}
}

func (h *harness) file(name string) string {
	h.t.Helper()
	b, err := os.ReadFile(filepath.Join(h.dir, name))
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

// Opening a step ahead from the map offers to catch up; y fills the files
// of the steps skipped, the map marks them caught up (not passed), and the
// step then passes with the learner's own file.
func TestCatchUpOffer(t *testing.T) {
	h := tiny(t)
	h.keys("down", "down", "enter")
	h.sees("Lessons 1-2 have 2 steps you have not done.", "Fill their files with the",
		"It writes schema.sql and queries/top.sql.", "y: catch up · n: not now", "y yes · n no")
	h.keys("y")
	h.lacks("y: catch up")
	h.sees("Caught up 2 steps")
	if got := h.file("schema.sql"); !strings.Contains(got, "CREATE TABLE scores") {
		t.Errorf("schema.sql = %q, want the course's answer", got)
	}
	h.write("queries/player.sql", "SELECT score FROM scores WHERE player = :player;\n")
	h.keys("c")
	h.sees("★ Step passed!")
	h.keys("q")
	// The last step passed: the current step is the first not passed,
	// caught up or not (cli.md).
	h.sees("▶ Create the scores table", "↷ The best scores", "✓ One player's scores", "1/3",
		"↷ caught up: the course's answers, not passed")
}

// The learner's own file is named in the offer and kept when they accept.
func TestCatchUpOfferKeepsTheLearnersFile(t *testing.T) {
	h := tiny(t)
	mine := "CREATE TABLE scores (id INTEGER PRIMARY KEY, who TEXT);\n"
	h.write("schema.sql", mine)
	h.keys("down", "down", "enter")
	h.sees("It writes queries/top.sql.", "It keeps your schema.sql: you changed it;")
	h.keys("y")
	if got := h.file("schema.sql"); got != mine {
		t.Errorf("schema.sql = %q, want the learner's %q", got, mine)
	}
	h.sees("Kept your schema.sql")
	h.keys("q")
	h.sees("↷ The best scores", "· Create the scores table")
}

// n declines: nothing is written, and moving on with n does not ask again
// about the same steps; the map asks again.
func TestCatchUpOfferDeclined(t *testing.T) {
	h := tiny(t)
	h.keys("down", "enter")
	h.sees("Lesson 1 has 1 step you have not done.", "Fill its files")
	h.keys("n")
	h.lacks("y: catch up")
	h.sees("Not caught up; the course map (q) offers it again.", "The best scores")
	if got := h.file("schema.sql"); strings.Contains(got, "CREATE TABLE") {
		t.Errorf("declining wrote schema.sql: %q", got)
	}
	h.write("queries/top.sql", "SELECT 1;\n")
	h.m.sh.sess.Store.RecordCheck(h.m.sh.ctx, "queries/the-best-scores", "pass") // as if it had passed
	h.m.sh.sess.Reload(h.m.sh.ctx)
	h.m.sh.apply(snapshot(h.m.sh.sess))
	h.keys("n")
	h.sees("One player's scores")
	h.lacks("y: catch up")
	h.keys("q", "enter")
	h.sees("Lesson 1 has 1 step you have not done.", "y: catch up")
}

// A course with catch_up: false makes no offer.
func TestNoCatchUpOfferWhenTheCourseTurnsItOff(t *testing.T) {
	src, _ := filepath.Abs("../../testdata/courses/tiny")
	course := filepath.Join(t.TempDir(), "tiny")
	if err := os.CopyFS(course, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(course, "course.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("catch_up: false\n")
	f.Close()
	h := newHarness(t, course, "")
	h.keys("down", "down", "enter")
	h.sees("One player's scores", "Not checked yet")
	h.lacks("y: catch up", "you have not done")
}

// Declining the offer puts its notice in the footer: the step's panes make
// room for it, so the view keeps to the window and its header stays on the
// first line (a learner's trial lost the header at 80x24 and 60x20).
func TestCatchUpDeclinedKeepsTheHeader(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarness(t, workspace.BuiltinRef, "go")
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			h.keys("j", "j", "j", "j", "j", "j", "j", "j", "enter")
			h.sees("y: catch up")
			h.keys("n")
			h.sees("Not caught up")
			lines := strings.Split(h.view(), "\n")
			if len(lines) > size[1] {
				t.Errorf("the view has %d lines in a window of %d:\n%s", len(lines), size[1], h.view())
			}
			if !strings.Contains(lines[0], "Score Keeper ›") {
				t.Errorf("the first line is not the header: %q", lines[0])
			}
		})
	}
}

// "Created …" is said once, when the files are created: declining the
// offer again, when nothing more was created, does not say it again.
func TestCreatedIsSaidOnlyWhenFilesAreCreated(t *testing.T) {
	h := tiny(t)
	h.keys("down", "down", "enter", "n")
	h.sees("Created queries/top.sql")
	h.keys("esc", "enter", "n")
	h.sees("Not caught up")
	h.lacks("Created")
}
