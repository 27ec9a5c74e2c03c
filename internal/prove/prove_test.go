package prove

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

// load loads a course that has no errors: the tiny course of testdata, or
// one made of lesson, given as text.
func load(t *testing.T, lesson string) *lessons.Course {
	t.Helper()
	var fsys fs.FS = os.DirFS("../../testdata/courses/tiny")
	if lesson != "" {
		fsys = fstest.MapFS{
			"course.yaml": {Data: []byte("format: 1\nid: fixture\ntitle: Fixture\nlessons:\n  - a.md\n")},
			"a.md":        {Data: []byte(lesson)},
		}
	}
	c, problems, err := lessons.Load(fsys, "fixture")
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatalf("course: %v %v", err, problems.Errors())
	}
	return c
}

// tableLesson is a step whose starter is empty and whose solution makes its
// one check pass.
const tableLesson = "---\nid: table\ntitle: Table\n---\n\n## Make a table\n\n" +
	"```sql file=schema.sql\n```\n\n" +
	"```sql solution file=schema.sql\nCREATE TABLE t (x);\n```\n\n" +
	"```sql check \"insert\"\nINSERT INTO t VALUES (1);\nSELECT count(*) FROM t;\n```\n\n```expect\n| 1 |\n```\n"

func TestProve(t *testing.T) {
	t.Run("the tiny course holds", func(t *testing.T) {
		for _, p := range Prove(context.Background(), load(t, ""), nil, nil, check.Options{}) {
			if !p.OK() {
				t.Errorf("%s: %+v", p.ID, p.Proofs)
			}
		}
	})
	t.Run("a mistake no check catches", func(t *testing.T) {
		lesson := strings.Replace(tableLesson, "```sql check \"insert\"",
			"```sql mistake file=schema.sql \"same as the solution\"\nCREATE TABLE t (x);\n```\n\n```sql check \"insert\"", 1)
		proofs := Prove(context.Background(), load(t, lesson), nil, nil, check.Options{})
		if len(proofs) != 1 || proofs[0].OK() {
			t.Fatalf("got %+v, want the mistake proof to fail", proofs)
		}
		last := proofs[0].Proofs[len(proofs[0].Proofs)-1]
		if last.Kind != ProofMistake || last.OK || !strings.Contains(last.Message, "passes every check") {
			t.Errorf("got %+v", last)
		}
	})
	t.Run("a starter that already passes", func(t *testing.T) {
		lesson := strings.Replace(tableLesson, "```sql file=schema.sql\n```", "```sql file=schema.sql\nCREATE TABLE t (x);\n```", 1)
		proofs := Prove(context.Background(), load(t, lesson), nil, nil, check.Options{})
		if proofs[0].Proofs[1].Kind != ProofStarter || proofs[0].Proofs[1].OK {
			t.Errorf("got %+v, want the starter proof to fail", proofs[0].Proofs)
		}
	})
}
