package workspace

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

// aheadWorkspace is a workspace of the fixture course whose steps build on
// each other, in lang, with course.yaml's text changed by edit.
func aheadWorkspace(t *testing.T, lang string, edit func(courseYAML string) string) *Workspace {
	t.Helper()
	src, err := filepath.Abs("../../testdata/courses/ahead")
	if err != nil {
		t.Fatal(err)
	}
	course := filepath.Join(t.TempDir(), "ahead")
	if err := os.CopyFS(course, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		yamlPath := filepath.Join(course, "course.yaml")
		data, err := os.ReadFile(yamlPath)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(yamlPath, []byte(edit(string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, _, err := Init(context.Background(), filepath.Join(t.TempDir(), "ws"), course, lang)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func stepOf(t *testing.T, c *lessons.Course, id string) *lessons.Step {
	t.Helper()
	s, ok := c.Step(id)
	if !ok {
		t.Fatalf("no step %s", id)
	}
	return s
}

func ids(steps []*lessons.Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.FullID())
	}
	return out
}

func readFile(t *testing.T, w *Workspace, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(w.Root, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, w *Workspace, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(w.Root, name)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(w.Root, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The schema as the course leaves it after its second step.
const stampedSchema = "CREATE TABLE scores (\n  id INTEGER PRIMARY KEY,\n  player TEXT NOT NULL,\n  score INTEGER NOT NULL,\n  at TEXT NOT NULL DEFAULT '2026-01-01'\n);\n"

func TestPlanCatchUp(t *testing.T) {
	none := &Progress{Steps: map[string]StepProgress{}}
	all := []string{"tables/make-the-table", "tables/stamp-the-time", "tables/a-note-for-the-server"}
	for _, tc := range []struct {
		name     string
		lang     string
		progress *Progress
		prepare  func(t *testing.T, w *Workspace)
		write    []string
		steps    []string
		kept     []string
	}{
		{
			name: "a fresh python workspace: the starter and a missing file are written", lang: "python", progress: none,
			write: []string{"schema.sql", "server/app.py"}, steps: all,
		},
		{
			name: "a fresh go workspace writes the go file only", lang: "go", progress: none,
			write: []string{"schema.sql", "server/main.go"}, steps: all,
		},
		{
			name: "a workspace whose files are missing", lang: "python", progress: none,
			prepare: func(t *testing.T, w *Workspace) { os.Remove(filepath.Join(w.Root, "schema.sql")) },
			write:   []string{"schema.sql", "server/app.py"}, steps: all,
		},
		{
			name: "a file the learner changed is kept, and its steps are not caught up", lang: "go", progress: none,
			prepare: func(t *testing.T, w *Workspace) {
				writeFile(t, w, "schema.sql", "CREATE TABLE scores (id INTEGER PRIMARY KEY, who TEXT);\n")
			},
			write: []string{"server/main.go"}, steps: []string{"tables/a-note-for-the-server"}, kept: []string{"schema.sql"},
		},
		{
			name: "a link out of the workspace is left alone", lang: "python", progress: none,
			prepare: func(t *testing.T, w *Workspace) {
				outside := filepath.Join(t.TempDir(), "secret.sql")
				if err := os.WriteFile(outside, []byte("-- Create the scores table here.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				os.Remove(filepath.Join(w.Root, "schema.sql"))
				if err := os.Symlink(outside, filepath.Join(w.Root, "schema.sql")); err != nil {
					t.Fatal(err)
				}
			},
			write: []string{"server/app.py"}, steps: all[2:], kept: []string{"schema.sql"},
		},
		{
			name: "a file as the course's answer of a step passed is written on", lang: "python",
			progress: &Progress{Steps: map[string]StepProgress{"tables/make-the-table": {Passed: true}}},
			prepare: func(t *testing.T, w *Workspace) {
				writeFile(t, w, "schema.sql", "CREATE TABLE scores (\r\n  id INTEGER PRIMARY KEY,\r\n  player TEXT NOT NULL,\r\n  score INTEGER NOT NULL\r\n);\r\n\r\n")
			},
			write: []string{"schema.sql", "server/app.py"}, steps: all[1:],
		},
		{
			name: "a file that already is the answer is not written", lang: "python", progress: none,
			prepare: func(t *testing.T, w *Workspace) { writeFile(t, w, "schema.sql", stampedSchema) },
			write:   []string{"server/app.py"}, steps: all,
		},
		{
			name: "steps caught up before are not offered again", lang: "python",
			progress: &Progress{Steps: map[string]StepProgress{
				"tables/make-the-table": {CaughtUp: true}, "tables/stamp-the-time": {CaughtUp: true}, "tables/a-note-for-the-server": {Passed: true},
			}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := aheadWorkspace(t, tc.lang, nil)
			if tc.prepare != nil {
				tc.prepare(t, w)
			}
			board := stepOf(t, w.Course, "board/best-first")
			before := snapshotFiles(t, w)
			plan, err := w.PlanCatchUp(tc.progress, board)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(plan.Write, tc.write) || !slices.Equal(ids(plan.Steps), tc.steps) {
				t.Errorf("writes %v for steps %v; want %v for %v", plan.Write, ids(plan.Steps), tc.write, tc.steps)
			}
			var kept []string
			for _, k := range plan.Kept {
				kept = append(kept, k.Path)
			}
			if !slices.Equal(kept, tc.kept) {
				t.Errorf("keeps %v, want %v", kept, tc.kept)
			}
			if after := snapshotFiles(t, w); !sameFiles(before, after) {
				t.Errorf("planning changed the files:\n%v\n%v", before, after)
			}
			if plan.Offered() != (len(tc.write) > 0) {
				t.Errorf("Offered = %v with writes %v", plan.Offered(), tc.write)
			}

			written, err := w.CatchUp(w.NewBackup(), plan)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(written, slices.Sorted(slices.Values(tc.write))) {
				t.Errorf("wrote %v, want %v", written, tc.write)
			}
			for _, name := range tc.write {
				if got := readFile(t, w, name); got != plan.Files[name] {
					t.Errorf("%s = %q, want the course's answer %q", name, got, plan.Files[name])
				}
			}
			if slices.Contains(tc.write, "schema.sql") && readFile(t, w, "schema.sql") != stampedSchema {
				t.Errorf("schema.sql = %q, want the second step's answer", readFile(t, w, "schema.sql"))
			}
			for _, name := range tc.kept {
				if readFile(t, w, name) != before[name] {
					t.Errorf("%s was changed; the learner's version must be kept", name)
				}
			}
		})
	}
}

func snapshotFiles(t *testing.T, w *Workspace) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(os.DirFS(w.Root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, StateDir+"/") {
			return err
		}
		b, err := os.ReadFile(filepath.Join(w.Root, p))
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

// A file the learner wrote between the plan and catching up is copied into
// the backups before it is replaced: nothing of theirs is lost.
func TestCatchUpBacksUpWhatChangedSincePlanning(t *testing.T) {
	w := aheadWorkspace(t, "python", nil)
	board := stepOf(t, w.Course, "board/best-first")
	plan, err := w.PlanCatchUp(&Progress{Steps: map[string]StepProgress{}}, board)
	if err != nil {
		t.Fatal(err)
	}
	mine := "CREATE TABLE mine (x);\n"
	writeFile(t, w, "schema.sql", mine)
	b := w.NewBackup()
	if _, err := w.CatchUp(b, plan); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(b.Files, "schema.sql") {
		t.Fatalf("backed up %v, want schema.sql", b.Files)
	}
	got, err := os.ReadFile(filepath.Join(b.Dir, "schema.sql"))
	if err != nil || string(got) != mine {
		t.Errorf("the backup holds %q (%v), want the learner's %q", got, err, mine)
	}
}

func TestCatchUpTurnedOff(t *testing.T) {
	w := aheadWorkspace(t, "go", func(y string) string { return y + "catch_up: false\n" })
	board := stepOf(t, w.Course, "board/best-first")
	plan, err := w.PlanCatchUp(&Progress{Steps: map[string]StepProgress{}}, board)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Offered() {
		t.Errorf("a course with catch_up: false offers to write %v", plan.Write)
	}
	before := snapshotFiles(t, w)
	plan.Files = map[string]string{"schema.sql": stampedSchema} // even when asked
	if _, err := w.CatchUp(w.NewBackup(), plan); !errors.Is(err, ErrNoCatchUp) {
		t.Errorf("CatchUp: %v, want ErrNoCatchUp", err)
	}
	if !sameFiles(before, snapshotFiles(t, w)) {
		t.Error("a course with catch_up: false had files written")
	}
}

func TestLookAt(t *testing.T) {
	w := aheadWorkspace(t, "python", nil)
	board := stepOf(t, w.Course, "board/best-first")
	for _, tc := range []struct {
		name   string
		steps  map[string]StepProgress
		tables bool
		table  string
		want   string
	}{
		{"nothing passed: the first step", map[string]StepProgress{}, true, "", "tables/make-the-table"},
		{"a table: the first step that makes or changes it", map[string]StepProgress{"tables/make-the-table": {Passed: true}}, true, "scores", "tables/stamp-the-time"},
		{"a table no step makes: the files applied", map[string]StepProgress{}, true, "nowhere", "tables/make-the-table"},
		{"the first passed: the second", map[string]StepProgress{"tables/make-the-table": {Passed: true}}, true, "", "tables/stamp-the-time"},
		{"a caught-up step is done", map[string]StepProgress{"tables/make-the-table": {CaughtUp: true}}, true, "", "tables/stamp-the-time"},
		{"tables: a step that writes no table file is passed over",
			map[string]StepProgress{"tables/make-the-table": {Passed: true}, "tables/stamp-the-time": {Passed: true}}, true, "", "tables/stamp-the-time"},
		{"not tables: any step", map[string]StepProgress{"tables/make-the-table": {Passed: true}, "tables/stamp-the-time": {Passed: true}}, false,
			"", "tables/a-note-for-the-server"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := LookAt(w.Course, &Progress{Steps: tc.steps}, "python", board, tc.tables, tc.table)
			if got == nil || got.FullID() != tc.want {
				t.Errorf("LookAt = %v, want %s", got, tc.want)
			}
		})
	}
	if got := LookAt(w.Course, &Progress{Steps: map[string]StepProgress{}}, "python", w.Course.Steps()[0], true, ""); got != nil {
		t.Errorf("LookAt of the first step = %s, want none", got.FullID())
	}
}

func TestStoreRecordsCatchUp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordCatchUp(ctx, "a/x", "a/y"); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Progress(ctx)
	if x := p.Steps["a/x"]; !x.CaughtUp || x.Passed {
		t.Errorf("a/x = %+v, want caught up, not passed", x)
	}
	if err := s.RecordCheck(ctx, "a/x", "pass"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordReset(ctx, false, "a/y"); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Progress(ctx)
	if x := p.Steps["a/x"]; !x.Passed || x.CaughtUp {
		t.Errorf("a/x after a pass = %+v, want passed (a pass is what counts)", x)
	}
	if y := p.Steps["a/y"]; y.CaughtUp {
		t.Errorf("a/y after a reset = %+v, want not caught up", y)
	}
	s.Close()
}

// A progress database made before catching up existed gets its column,
// in a migration recorded as the others are, and keeps what it held.
func TestStoreMigratesToCatchUp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordCheck(ctx, "a/x", "pass"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE steps DROP COLUMN caught_up_at; DELETE FROM migrations WHERE version = 2; PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err = OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.RecordCatchUp(ctx, "a/y"); err != nil {
		t.Fatal(err)
	}
	p, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Steps["a/x"].Passed || !p.Steps["a/y"].CaughtUp {
		t.Errorf("progress after the migration: %+v", p.Steps)
	}
	var name string
	if err := s.db.QueryRow(`SELECT name FROM migrations WHERE version = 2`).Scan(&name); err != nil || name != "002_caught_up.sql" {
		t.Errorf("migration 2 recorded as %q (%v)", name, err)
	}
}
