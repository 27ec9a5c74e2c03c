package tui

import (
	"strings"
	"testing"
)

// A table wider than the window is cut at its edge, and the console says
// so under it.
func TestConsoleSaysWhenATableIsCut(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "x")
	h.typeText("SELECT title FROM games;")
	h.keys("enter")
	h.sees("Tetris", "(1 row)")
	if strings.Contains(h.view(), "wider than the window") {
		t.Fatalf("a narrow table is said to be cut:\n%s", h.view())
	}
	h.typeText("SELECT title, printf('%.100c', 'x') AS wide FROM games;")
	h.keys("enter")
	h.sees("Tetris | xxxx", "(the table is wider than the window: the columns past its edge are cut off")
}

// Opening the console again on the same step builds its sandbox again from
// the learner's files; the transcript and the parameters stay.
func TestConsoleRebuildsOnTheSameStep(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "x")
	h.typeText(".param set :who 'grace'")
	h.keys("enter")
	h.typeText("CREATE TABLE mine (x);")
	h.keys("enter")
	h.keys("esc")
	h.write("schema.sql", tinySchema)
	h.keys("x")
	h.sees("CREATE TABLE mine (x);", "the sandbox is built again from your files")
	h.typeText(".tables")
	h.keys("enter")
	h.sees("scores", "(2 rows)")
	h.typeText("SELECT :who AS who;")
	h.keys("enter")
	h.sees("grace", "(1 row)")
	h.typeText(".quit")
	h.keys("enter")
	h.sees("your files: schema.sql")
}
