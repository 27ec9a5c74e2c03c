package workspace

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/lessons"
)

// tinyRef is the fixture course of the project's own tests.
func tinyRef(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs("../../testdata/courses/tiny")
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func newWorkspace(t *testing.T) *Workspace {
	t.Helper()
	w, created, err := Init(context.Background(), t.TempDir(), tinyRef(t), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if len(created) != 1 || created[0] != "schema.sql" {
		t.Fatalf("created %v, want [schema.sql]", created)
	}
	return w
}

func TestStoreRecordsProgress(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct{ id, status string }{{"a/x", "fail"}, {"a/x", "pass"}, {"a/x", "fail"}, {"a/y", "error"}}
	for _, st := range steps {
		if err := s.RecordCheck(ctx, st.id, st.status); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{s.RecordHint(ctx, "a/y", 2), s.RecordHint(ctx, "a/y", 1), s.RecordSolution(ctx, "a/y"), s.SetGoto(ctx, "a/y")} {
		if err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	// Reopening applies no migration twice and finds everything.
	s, err = OpenStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x, y := p.Steps["a/x"], p.Steps["a/y"]
	if x.Attempts != 3 || !x.Passed || x.LastStatus != "fail" || time.Since(x.PassedAt) > time.Minute {
		t.Errorf("a/x = %+v; want 3 attempts, passed (a pass stays recorded), last fail", x)
	}
	if y.Attempts != 1 || y.Passed || y.HintsSeen != 2 || !y.SolutionSeen || p.Goto != "a/y" {
		t.Errorf("a/y = %+v, goto %q; want 1 attempt, 2 hints, solution seen, goto a/y", y, p.Goto)
	}
	if err := s.RecordReset(ctx, true, "a/x"); err != nil {
		t.Fatal(err)
	}
	p, _ = s.Progress(ctx)
	if p.Steps["a/x"].Passed || p.Goto != "" {
		t.Errorf("after reset: %+v goto %q; want the pass and goto gone", p.Steps["a/x"], p.Goto)
	}
}

func TestCurrentAndResolve(t *testing.T) {
	w := newWorkspace(t)
	c := w.Course
	first, second, third := c.Steps()[0], c.Steps()[1], c.Steps()[2]
	passed := func(ids ...string) *Progress {
		p := &Progress{Steps: map[string]StepProgress{}}
		for _, id := range ids {
			p.Steps[id] = StepProgress{Passed: true}
		}
		return p
	}
	tests := []struct {
		name string
		p    *Progress
		arg  string
		want string
	}{
		{"nothing passed: the first step", passed(), "", first.FullID()},
		{"the first unpassed step", passed(first.FullID()), "", second.FullID()},
		{"the step opened last", &Progress{Steps: passed().Steps, Goto: third.FullID()}, "", third.FullID()},
		{"the step opened last stays, passed", &Progress{Steps: passed(third.FullID()).Steps, Goto: third.FullID()}, "", third.FullID()},
		{"all passed: the last step", passed(first.FullID(), second.FullID(), third.FullID()), "", third.FullID()},
		{"a full step id", passed(), second.FullID(), second.FullID()},
		{"a lesson id: its first unfinished step", passed(second.FullID()), "queries", third.FullID()},
		{"a finished lesson: its first step", passed(first.FullID()), "table", first.FullID()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(c, tt.p, tt.arg)
			if err != nil || got.FullID() != tt.want {
				t.Errorf("got %v %v, want %s", got, err, tt.want)
			}
		})
	}
	for _, tt := range []struct {
		name string
		p    *Progress
		from *lessons.Step
		want *lessons.Step
	}{
		{"on to the next step", passed(first.FullID()), first, second},
		{"over a step passed before", passed(first.FullID(), second.FullID()), first, third},
		{"back to the first unpassed step", passed(second.FullID(), third.FullID()), third, first},
		{"all passed: it stays", passed(first.FullID(), second.FullID(), third.FullID()), second, second},
	} {
		if got := After(c, tt.p, tt.from); got != tt.want {
			t.Errorf("%s: After(%s) = %s, want %s", tt.name, tt.from.FullID(), got.FullID(), tt.want.FullID())
		}
	}
	if n := Behind(c, passed(second.FullID()), third); n != 1 {
		t.Errorf("Behind the third step with the second passed = %d, want 1", n)
	}
	_, err := Resolve(c, passed(), "the-best-scores")
	var unknown *UnknownStepError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "did you mean queries/the-best-scores?") {
		t.Errorf("got %v, want an unknown step with a suggestion", err)
	}
}

func TestFilesAreNeverLost(t *testing.T) {
	w := newWorkspace(t)
	steps := w.Course.Steps()
	schema := filepath.Join(w.Root, "schema.sql")
	if err := os.WriteFile(schema, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Creating starters never overwrites.
	if created, err := w.CreateStarters(steps[0]); err != nil || len(created) != 0 {
		t.Fatalf("created %v %v, want nothing", created, err)
	}
	if b, _ := os.ReadFile(schema); string(b) != "mine" {
		t.Fatalf("schema.sql = %q, want it untouched", b)
	}
	// Put backs up what it replaces.
	b := w.NewBackup()
	written, err := w.Put(b, w.StartOf(steps[0]))
	if err != nil || len(written) != 1 || len(b.Files) != 1 {
		t.Fatalf("Put: %v %v %+v", written, err, b)
	}
	if kept, _ := os.ReadFile(filepath.Join(b.Dir, "schema.sql")); string(kept) != "mine" {
		t.Errorf("backup holds %q, want the learner's version", kept)
	}
	// A second backup in the same second gets its own folder.
	os.WriteFile(schema, []byte("mine again"), 0o644)
	b2 := w.NewBackup()
	if _, err := w.Put(b2, w.StartOf(steps[0])); err != nil || b2.Dir == b.Dir {
		t.Errorf("second backup in %s (first %s): %v", b2.Dir, b.Dir, err)
	}
}

func TestSymlinksCannotLeaveTheWorkspace(t *testing.T) {
	w := newWorkspace(t)
	outside := filepath.Join(t.TempDir(), "outside.sql")
	os.WriteFile(outside, []byte("secret"), 0o644)
	os.Remove(filepath.Join(w.Root, "schema.sql"))
	if err := os.Symlink(outside, filepath.Join(w.Root, "schema.sql")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Files().Open("schema.sql"); err == nil {
		t.Error("read a file outside the workspace through a symlink")
	}
	if _, err := w.Put(w.NewBackup(), map[string]string{"schema.sql": "x"}); err == nil {
		t.Error("wrote through a symlink out of the workspace")
	}
	if b, _ := os.ReadFile(outside); string(b) != "secret" {
		t.Errorf("the file outside was changed: %q", b)
	}
}

func TestFindAndInit(t *testing.T) {
	w := newWorkspace(t)
	sub := filepath.Join(w.Root, "a", "b")
	os.MkdirAll(sub, 0o755)
	found, err := Find(sub)
	if err != nil || found.Root != w.Root {
		t.Fatalf("Find from below: %v %v", found, err)
	}
	found.Close()
	if _, err := Find(t.TempDir()); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find outside a workspace: %v", err)
	}
	_, _, err = Init(context.Background(), w.Root, tinyRef(t), "")
	var exists *ExistsError
	if !errors.As(err, &exists) {
		t.Errorf("Init twice: %v", err)
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	if d, _ := DefaultDir(); d != "/data/sandcastle/score-keeper" {
		t.Errorf("with XDG_DATA_HOME: %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/ada")
	if d, _ := DefaultDir(); d != "/home/ada/.local/share/sandcastle/score-keeper" {
		t.Errorf("without: %s", d)
	}
}

// TestKilledMidWayLosesNothingRecorded records checks in a child process
// that kills itself with SIGKILL right after; everything recorded is there.
func TestKilledMidWayLosesNothingRecorded(t *testing.T) {
	if path := os.Getenv("SANDCASTLE_KILL_STORE"); path != "" {
		s, err := OpenStore(context.Background(), path)
		if err != nil {
			os.Exit(3)
		}
		for i := range 20 {
			if err := s.RecordCheck(context.Background(), "a/x", "fail"); err != nil {
				os.Exit(3)
			}
			if i == 19 {
				p, _ := os.FindProcess(os.Getpid())
				p.Kill()
			}
		}
		select {}
	}
	path := filepath.Join(t.TempDir(), "state.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledMidWayLosesNothingRecorded$")
	cmd.Env = append(os.Environ(), "SANDCASTLE_KILL_STORE="+path)
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 3 {
		t.Fatalf("child: %v, want it killed", err)
	}
	s, err := OpenStore(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Progress(context.Background())
	if err != nil || p.Steps["a/x"].Attempts != 20 {
		t.Fatalf("after the kill: %+v %v, want 20 attempts", p.Steps["a/x"], err)
	}
}

func TestDamagedProgressIsKeptAsideAndReplaced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	garbage := []byte(strings.Repeat("not a database ", 400))
	if err := os.WriteFile(path, garbage, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if kept, _ := os.ReadFile(s.Damaged); string(kept) != string(garbage) {
		t.Errorf("Damaged = %q holds %d bytes, want the old file", s.Damaged, len(kept))
	}
	if err := s.RecordCheck(context.Background(), "a/b", "pass"); err != nil {
		t.Errorf("the new database does not work: %v", err)
	}
}

func TestSetLang(t *testing.T) {
	dir := t.TempDir()
	w, _, err := Init(context.Background(), dir, BuiltinRef, "")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.SetLang("cobol"); err == nil {
		t.Error("SetLang accepted a language the course does not have")
	}
	if err := w.SetLang("python"); err != nil {
		t.Fatal(err)
	}
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.Config.Lang != "python" || again.Config.Course != BuiltinRef {
		t.Errorf("reopened config %+v, want python and the built-in course", again.Config)
	}
}
