package workspace

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

func TestReconcile(t *testing.T) {
	ctx := context.Background()
	course, _, err := LoadFolder("../../testdata/courses/tiny")
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenStore(ctx, filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, err := st.Reconcile(ctx, course, true); c != nil || err != nil {
		t.Fatalf("a first look is no change: %+v %v", c, err)
	}
	old := course.Steps()[0].FullID()
	for _, rec := range []func() error{
		func() error { return st.RecordCheck(ctx, old, "pass") },
		func() error { return st.RecordHint(ctx, old, 2) },
		func() error { return st.SetGoto(ctx, old) },
		// The new id has a row of its own already: the two are merged.
		func() error { return st.RecordHint(ctx, "table/make-the-scores-table", 1) },
	} {
		if err := rec(); err != nil {
			t.Fatal(err)
		}
	}
	course.Steps()[0].ID = "make-the-scores-table"
	course.Renamed = map[string]string{old: "table/make-the-scores-table"}

	// Read only: the change is told, nothing is written.
	c, err := st.Reconcile(ctx, course, false)
	if err != nil || c == nil || len(c.Renamed) != 1 {
		t.Fatalf("read: %+v %v", c, err)
	}
	if p, _ := st.Progress(ctx); !p.Steps[old].Passed {
		t.Fatal("a read moved the progress")
	}
	c, err = st.Reconcile(ctx, course, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Rename{{From: old, To: "table/make-the-scores-table"}}
	if !reflect.DeepEqual(c.Renamed, want) || len(c.Added) != 0 || len(c.Removed) != 0 {
		t.Errorf("change %+v", c)
	}
	p, err := st.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := p.Steps["table/make-the-scores-table"]
	if !got.Passed || got.HintsSeen != 2 || got.Attempts != 1 {
		t.Errorf("moved progress %+v", got)
	}
	if _, ok := p.Steps[old]; ok {
		t.Error("the old id kept its row")
	}
	if p.Goto != "table/make-the-scores-table" {
		t.Errorf("goto %q", p.Goto)
	}
	if last := st.LastCourseChange(ctx); last == nil || !reflect.DeepEqual(last.Renamed, want) {
		t.Errorf("last change %+v", last)
	}
	if c, _ := st.Reconcile(ctx, course, true); c != nil {
		t.Errorf("the same course again is a change: %+v", c)
	}
}
