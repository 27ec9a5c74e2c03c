package tui

import (
	"os"
	"path/filepath"
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

// Esc drops a statement half typed, on the prompt or over lines; an esc
// on an empty prompt goes back to the step, as before.
func TestConsoleEscDropsTheStatementFirst(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "x")
	h.typeText("SELECT title FROM gam")
	h.sees("esc drop the statement")
	h.keys("esc")
	h.sees("SQL console")
	if strings.Contains(h.view(), "sql> SELECT title FROM gam") {
		t.Fatalf("esc left the text at the prompt:\n%s", h.view())
	}
	h.sees("esc back to the step")

	h.typeText("SELECT 1 AS one,")
	h.keys("enter")
	h.sees(" ...> ", "esc drop the statement")
	h.keys("esc")
	h.sees("the statement you were typing is dropped", "sql> ")
	h.typeText("SELECT 2 AS two;")
	h.keys("enter")
	h.sees("two", "(1 row)")
	if strings.Contains(h.view(), "syntax error") || strings.Contains(h.view(), "one") && strings.Contains(h.view(), "| two") {
		t.Fatalf("the dropped lines ran with the next statement:\n%s", h.view())
	}

	h.keys("esc")
	if strings.Contains(h.view(), "SQL console") {
		t.Fatalf("esc on an empty prompt did not go back to the step:\n%s", h.view())
	}
	// The workspace's history, shared with sandcastle sql, has what ran.
	if b, err := os.ReadFile(filepath.Join(h.dir, ".sandcastle", "sql_history")); string(b) != "SELECT 2 AS two;\n" {
		t.Errorf("sql_history = %q, %v", b, err)
	}
}
