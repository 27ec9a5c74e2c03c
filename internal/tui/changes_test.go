package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

// editsCourse writes a format 2 course whose second step's solution is an
// edit of the first's, and returns its folder.
func editsCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	step := func(title, solution string) string {
		return "## " + title + "\n\n```sql solution file=schema.sql" + solution + "```\n\n" +
			"```sql check \"c\"\nSELECT 1;\n```\n\n```expect\n| 1 |\n```\n\n```hint\nh\n```\n\n"
	}
	lesson := "---\nid: l\ntitle: L\n---\n\n" +
		step("One", "\nCREATE TABLE scores (\n  player TEXT,\n  score INTEGER\n);\n") +
		step("Two", " edit\n   player TEXT,\n-  score INTEGER\n+  score INTEGER NOT NULL\n );\n")
	files := map[string]string{
		"course.yaml": "format: 2\nid: e\ntitle: E\nlessons:\n  - 01-l.md\n",
		"01-l.md":     lesson,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSolutionWhatChanged(t *testing.T) {
	h := newHarness(t, editsCourse(t), "")
	h.keys("j", "enter", "n", "s", "y")
	h.sees("── schema.sql ──", "CREATE TABLE scores (", "score INTEGER NOT NULL")
	if strings.Contains(h.view(), "- ") {
		t.Fatalf("the whole file shows the edit's lines:\n%s", h.view())
	}
	h.keys("d")
	h.sees("what changed since the step before", "-   score INTEGER", "+   score INTEGER NOT NULL")
	if strings.Contains(h.view(), "CREATE TABLE") {
		t.Fatalf("what changed shows more than the edit:\n%s", h.view())
	}
	h.keys("d")
	h.sees("── schema.sql ──", "CREATE TABLE scores (")
}

func TestSolutionWhatChangedOfAWholeFile(t *testing.T) {
	h := newHarness(t, editsCourse(t), "")
	h.keys("enter", "s", "y", "d")
	h.sees("Nothing to compare: the solution's files are new in this step.")
}

// A solution written whole, of a file the step gives a starter of, is
// compared with that starter: a learner's trial, on the step whose
// queries/points.sql starts with two comments, read "Nothing to compare:
// the solution's files are new in this step".
func TestSolutionWhatChangedFromTheStarter(t *testing.T) {
	h := newHarness(t, workspace.BuiltinRef, "go")
	h.send(tea.WindowSizeMsg{Width: 100, Height: 60})
	h.keys("j", "enter", "n", "s", "y")
	h.sees("Let the database do the math", "── queries/points.sql ──")
	h.keys("d")
	h.lacks("Nothing to compare")
	h.sees("queries/points.sql: what changed from its starter", "- -- One SELECT with three columns", "+ SELECT upper('ada')")
	h.keys("d")
	h.sees("── queries/points.sql ──")
}
