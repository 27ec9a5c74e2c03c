package grade

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

func tinyCourse(t *testing.T) *lessons.Course {
	t.Helper()
	c, problems, err := lessons.Load(os.DirFS("../../testdata/courses/tiny"), "tiny")
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatal(err, problems)
	}
	return c
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var solved = map[string]string{
	"schema.sql":         "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));",
	"queries/top.sql":    "SELECT player, score FROM scores ORDER BY score DESC LIMIT 3;",
	"queries/player.sql": "SELECT score FROM scores WHERE player = :player;",
}

func TestGradeIsolatesWorkspaces(t *testing.T) {
	root := t.TempDir()
	good, empty, missing := filepath.Join(root, "good"), filepath.Join(root, "empty"), filepath.Join(root, "missing")
	write(t, good, solved)
	os.MkdirAll(empty, 0o755)
	grades := Grade(context.Background(), []string{good, empty, missing}, Options{Course: tinyCourse(t)})
	if len(grades) != 3 || grades[0].Path != good || grades[2].Path != missing {
		t.Fatalf("grades out of order: %+v", grades)
	}
	if !grades[0].OK() || grades[0].Passed() != 3 {
		t.Errorf("good: %+v", grades[0])
	}
	if grades[1].OK() || grades[1].Passed() != 0 || len(grades[1].Steps) != 3 || grades[1].Steps[0].Status != check.Error {
		t.Errorf("empty: %+v", grades[1])
	}
	if grades[2].Error == "" || len(grades[2].Steps) != 0 {
		t.Errorf("missing: %+v, want an error and no steps", grades[2])
	}
}

func TestGradeWritesNothingIntoTheWorkspace(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, solved)
	before, _ := os.ReadDir(dir)
	One(context.Background(), dir, Options{Course: tinyCourse(t)})
	after, _ := os.ReadDir(dir)
	if len(before) != len(after) {
		t.Errorf("grading added files: %v -> %v", before, after)
	}
}

func TestGradeKeep(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, solved)
	w := One(context.Background(), dir, Options{Course: tinyCourse(t),
		Keep: func(s *lessons.Step) bool { return strings.HasPrefix(s.FullID(), "queries/") }})
	if len(w.Steps) != 2 {
		t.Errorf("got %d steps, want the 2 of lesson queries", len(w.Steps))
	}
}

func TestExpand(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(root, "class", d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "class", "notes.txt"), nil, 0o644)
	paths, err := Expand([]string{filepath.Join(root, "class", "*")})
	if err != nil || len(paths) != 2 {
		t.Errorf("Expand = %v, %v; want the two folders, not the file", paths, err)
	}
	if _, err := Expand([]string{filepath.Join(root, "nobody")}); err == nil {
		t.Error("Expand of a missing folder worked")
	}
}

func TestJUnit(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "good"), solved)
	grades := Grade(context.Background(), []string{filepath.Join(root, "good"), filepath.Join(root, "gone")}, Options{Course: tinyCourse(t)})
	var b strings.Builder
	if err := WriteJUnit(&b, "tiny", grades); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`<testsuites name="tiny" tests="3" failures="0" errors="1">`, `<testcase classname="queries" name="queries/the-best-scores"`, "<system-err>"} {
		if !strings.Contains(out, want) {
			t.Errorf("JUnit lacks %q:\n%s", want, out)
		}
	}
}
