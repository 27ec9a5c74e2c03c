package check

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// loadCourse loads a course from course.yaml and lesson files given as text.
func loadCourse(t testing.TB, lessonFiles ...string) *lessons.Course {
	t.Helper()
	fsys := fstest.MapFS{}
	yaml := "format: 1\nid: fixture\ntitle: Fixture\nlessons:\n"
	for i, l := range lessonFiles {
		name := string(rune('a'+i)) + ".md"
		yaml += "  - " + name + "\n"
		fsys[name] = &fstest.MapFile{Data: []byte(l)}
	}
	fsys["course.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	c, problems, err := lessons.Load(fsys, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatalf("fixture course: %v", errs)
	}
	return c
}

func tinyCourse(t testing.TB) *lessons.Course {
	t.Helper()
	c, problems, err := lessons.Load(os.DirFS("../../testdata/courses/tiny"), "tiny")
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatalf("tiny course: %v %v", err, problems)
	}
	return c
}

func files(kv ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		fsys[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return fsys
}

const tinySchema = "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));"

func TestRunStep(t *testing.T) {
	c := tinyCourse(t)
	first, top := c.Steps()[0], c.Steps()[1]
	tests := []struct {
		name   string
		step   *lessons.Step
		files  fstest.MapFS
		status Status
		checks []Status
		msg    string // part of the step's or a check's message
	}{
		{"the solution passes", first, files("schema.sql", tinySchema), Pass, []Status{Pass, Pass}, ""},
		{"the starter fails every check", first, files("schema.sql", "-- nothing"), Fail, []Status{Fail, Fail}, "no such table"},
		{"a missing constraint fails one check", first,
			files("schema.sql", "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT, score INTEGER);"),
			Fail, []Status{Pass, Fail}, "should have been refused with an error containing \"NOT NULL constraint failed\", but your database accepted it.\nThe check ran:\n    INSERT INTO scores (player, score) VALUES (NULL, 10);"},
		{"a file that does not apply is an error", first, files("schema.sql", "\nCREATE TABLE scores (x);\nINSERT INTO nowhere VALUES (1);"),
			Error, nil, "schema.sql does not apply: schema.sql:3: no such table: nowhere"},
		{"a missing applied file is an error", first, files(), Error, nil, "schema.sql does not exist"},
		{"seeds and run= files", top, files("schema.sql", tinySchema,
			"queries/top.sql", "SELECT player, score FROM scores ORDER BY score DESC LIMIT 3;"), Pass, []Status{Pass}, ""},
		{"the rows a step starts with need the learner's tables", top, files("schema.sql", "-- nothing yet",
			"queries/top.sql", "SELECT 1;"), Error, nil,
			"the rows this step starts with could not be added to your tables: no such table: scores\n" +
				"Your files ran without an error, but the tables they make are not the ones this step needs"},
		{"a query file with only comments", top, files("schema.sql", tinySchema, "queries/top.sql", "-- todo\n;"),
			Fail, []Status{Fail}, "queries/top.sql has no statement yet"},
		{"a query that errors fails the check", top, files("schema.sql", tinySchema, "queries/top.sql", "SELECT nope FROM scores;"),
			Fail, []Status{Fail}, "queries/top.sql:1: no such column: nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Run(context.Background(), c, tt.step, tt.files, Options{})
			var got []Status
			text := r.Message
			for _, ch := range r.Checks {
				got = append(got, ch.Status)
				text += "\n" + ch.Message
			}
			if r.Status != tt.status || !reflect.DeepEqual(got, tt.checks) || !strings.Contains(text, tt.msg) {
				t.Errorf("got %s %v\n%s\nwant %s %v with %q", r.Status, got, text, tt.status, tt.checks, tt.msg)
			}
		})
	}
}

const isolationLesson = "---\nid: iso\ntitle: Isolation\n---\n\n" +
	"## Checks do not see each other\n\n" +
	"```sql file=schema.sql\n```\n\n" +
	"```sql solution file=schema.sql\nCREATE TABLE t (x);\n```\n\n" +
	"```sql check \"insert\"\nINSERT INTO t VALUES (1);\nSELECT count(*) FROM t;\n```\n\n```expect\n| 1 |\n```\n\n" +
	"```sql check \"commit inside a check\"\nINSERT INTO t VALUES (2);\nCOMMIT;\nSELECT count(*) FROM t;\n```\n\n```expect\n| 1 |\n```\n\n" +
	"```sql check \"a temp table\"\nCREATE TEMP TABLE tmp (y);\nSELECT count(*) FROM t;\n```\n\n```expect\n| 0 |\n```\n\n" +
	"```sql check \"nothing leaked\"\nSELECT count(*) FROM t;\n```\n\n```expect\n| 0 |\n```\n\n" +
	"```sql check \"no temp table leaked\"\nSELECT count(*) FROM temp.sqlite_schema;\n```\n\n```expect\n| 0 |\n```\n"

func TestChecksAreIsolated(t *testing.T) {
	c := loadCourse(t, isolationLesson)
	r := Run(context.Background(), c, c.Steps()[0], files("schema.sql", "CREATE TABLE t (x);"), Options{})
	for _, ch := range r.Checks {
		if ch.Status != Pass {
			t.Errorf("%s: %s", ch.Title, ch.Message)
		}
	}
	if r.Status != Pass {
		t.Errorf("step %s: %s", r.Status, r.Message)
	}
}

const scopeLessons = `---
id: one
title: One
---

` + "```sql setup\nCREATE TABLE games (title TEXT);\n```\n\n```sql seed\nINSERT INTO games VALUES ('one');\n```\n\n" +
	"## First\n\n```sql check \"games seeded by lesson one\"\nSELECT title FROM games;\n```\n\n```expect\n| one |\n```\n"

const scopeLessonTwo = "---\nid: two\ntitle: Two\n---\n\n## Second\n\n" +
	"```sql check \"setup still applies, the seed does not\"\nSELECT count(*) FROM games;\n```\n\n```expect\n| 0 |\n```\n"

func TestSetupAndSeedScope(t *testing.T) {
	c := loadCourse(t, scopeLessons, scopeLessonTwo)
	for _, s := range c.Steps() {
		r := Run(context.Background(), c, s, files(), Options{})
		if r.Status != Pass {
			t.Errorf("%s: %s %s %+v", s.FullID(), r.Status, r.Message, r.Checks)
		}
	}
}

// BenchmarkStep builds a step's sandbox and runs five SQL checks: the work
// of one `sandcastle check`.
func BenchmarkStep(b *testing.B) {
	c, problems, err := lessons.Load(os.DirFS("../../testdata/courses/bench"), "bench")
	if err != nil || len(problems.Errors()) > 0 {
		b.Fatal(err, problems)
	}
	fsys := files("schema.sql", tinySchema)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := Run(ctx, c, c.Steps()[0], fsys, Options{}); r.Status != Pass || len(r.Checks) != 5 {
			b.Fatalf("%s %s %+v", r.Status, r.Message, r.Checks)
		}
	}
}

// TestRunInterrupted: a caller that gives up mid-check gets an "interrupted"
// step, never a panic, whether the learner's file or a check is running.
func TestRunInterrupted(t *testing.T) {
	c := tinyCourse(t)
	endless := "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;"
	cases := []struct {
		name  string
		step  *lessons.Step
		files fstest.MapFS
	}{
		{"while a learner file applies", c.Steps()[0], files("schema.sql", endless)},
		{"while a check runs the learner's query", c.Steps()[1], files("schema.sql", tinySchema, "queries/top.sql", endless)},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			r := Run(ctx, c, tt.step, tt.files, Options{Sandbox: sandbox.Options{Timeout: time.Minute}})
			if r.Status != Error || r.Message != "interrupted" {
				t.Errorf("got %s %q, want error \"interrupted\"", r.Status, r.Message)
			}
		})
	}
}

func TestExpectErrorIgnoresCase(t *testing.T) {
	c := loadCourse(t, "---\nid: e\ntitle: E\n---\n\n## Refuse\n\n```sql file=schema.sql\n```\n\n"+
		"```sql solution file=schema.sql\nCREATE TABLE Scores (Player TEXT NOT NULL);\n```\n\n"+
		"```sql check \"a player is required\"\nINSERT INTO scores (player) VALUES (NULL);\n```\n\n"+
		"```expect error\nNOT NULL constraint failed: scores.player\n```\n")
	r := Run(context.Background(), c, c.Steps()[0], files("schema.sql", "CREATE TABLE Scores (Player TEXT NOT NULL);"), Options{})
	if r.Status != Pass {
		t.Errorf("got %s %+v; SQLite says Scores.Player, the course scores.player: the same names", r.Status, r.Checks)
	}
}

// A check whose expect could not be parsed (a course built by hand, not
// loaded, or loaded with errors) fails with what to run, never passes.
func TestUnparsedExpectFails(t *testing.T) {
	step := &lessons.Step{Lesson: &lessons.Lesson{File: "01-a.md"}}
	c := &lessons.Check{Kind: "sql", Body: "SELECT 1;", Expect: lessons.Expect{Body: "| 1", Line: 9}}
	msg, m := judge(step, c, &sandbox.Result{Columns: []string{"1"}, Rows: [][]any{{int64(1)}}}, nil)
	if want := "the course's expect block at 01-a.md:9 could not be read; `sandcastle lessons lint` says why"; msg != want || m != nil {
		t.Errorf("judge = %q, %v; want %q", msg, m, want)
	}
}

// A step whose rows do not fit the learner's tables says so in the
// learner's words, naming no course file; where the rows are written is
// kept for the course's author (Where).
func TestSeedErrorNamesNoCourseFile(t *testing.T) {
	c := tinyCourse(t)
	top := c.Steps()[1]
	r := Run(context.Background(), c, top, files("schema.sql", "-- nothing yet", "queries/top.sql", "SELECT 1;"), Options{})
	if r.Status != Error || r.Seed == nil {
		t.Fatalf("status %s, seed %v: want a step that could not run for its rows", r.Status, r.Seed)
	}
	if strings.Contains(r.Message, ".md") || strings.Contains(r.Message, "line ") {
		t.Errorf("the learner is pointed at a course file: %q", r.Message)
	}
	if where := r.Seed.Where(); !strings.HasPrefix(where, "(The rows are written in 02-queries.md, line ") {
		t.Errorf("Where() = %q", where)
	}
}
