package console

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// empty is a console on an empty sandbox.
func empty(t testing.TB) *Console {
	t.Helper()
	con, err := Open(context.Background(), func(ctx context.Context) (*sandbox.Sandbox, []error, error) {
		sb, err := sandbox.New(ctx, sandbox.Options{})
		return sb, nil, err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { con.Close() })
	return con
}

// tiny is a console on the sandbox of the tiny course's second step (the
// best scores), built from files, which the test may change.
func tiny(t testing.TB, files fstest.MapFS) *Console {
	t.Helper()
	course, problems, err := lessons.Load(os.DirFS("../../testdata/courses/tiny"), "tiny")
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatalf("tiny course: %v %v", err, problems)
	}
	con, err := Open(context.Background(), func(ctx context.Context) (*sandbox.Sandbox, []error, error) {
		return check.OpenSandbox(ctx, course, course.Steps()[1], files, check.Options{})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { con.Close() })
	return con
}

func file(text string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(text)} }

const tinySchema = "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));"

// words is what outs say, one output a line, each led by its kind.
func words(outs []Output) string {
	var b strings.Builder
	for _, o := range outs {
		b.WriteString([]string{"?", "table", "schema", "note", "help", "warning", "error", "more", "quit"}[o.Kind])
		b.WriteString(": " + o.Label() + o.String() + "\n")
	}
	return b.String()
}

// TestLines gives a console lines one after the other, each with what its
// answer must say; a "!" before a want means it must not say that.
func TestLines(t *testing.T) {
	type line struct {
		in   string
		want []string
	}
	for _, tc := range []struct {
		name  string
		lines []line
	}{
		{"a blank line is nothing", []line{{"   ", nil}}},
		{".help lists the commands", []line{{".help", []string{"help: .tables", ".schema [TABLE]", ".param set :NAME VAL", ".quit"}}}},
		{".tables on an empty sandbox", []line{{".tables", []string{"note: no tables yet", "!table:"}}}},
		{".schema on an empty sandbox", []line{{".schema", []string{"note: no tables yet"}}}},
		{".tables and .schema list what was made", []line{
			{"CREATE TABLE b (x); CREATE TABLE a (y); CREATE INDEX a_y ON a (y);", []string{"note: ok"}},
			{".tables", []string{"table: name\n----\na\nb\n(2 rows)"}},
			{".schema", []string{"schema: CREATE TABLE a (y);\nCREATE INDEX a_y ON a (y);\nCREATE TABLE b (x);\n"}},
			{".schema B", []string{"schema: CREATE TABLE b (x);\n"}},
			{".schema nope", []string{"note: there is no table or view named nope"}},
		}},
		{"a statement over lines waits for its ;", []line{
			{"SELECT 1 AS one,", []string{"more: "}},
			{"", []string{"more: "}},
			{"  2 AS two", []string{"more: "}},
			{";", []string{"table: one | two\n----+----\n1   | 2\n(1 row)"}},
		}},
		{"a ; in quotes or a comment does not end it", []line{
			{"SELECT 'a;' AS t -- not yet;", []string{"more: "}},
			{";", []string{"a;", "(1 row)"}},
		}},
		{"each statement that returns rows is a table", []line{
			{"SELECT 1 AS a; CREATE TABLE t (x); SELECT 2 AS b;", []string{"table: a\n-\n1\n(1 row)\ntable: b\n-\n2\n(1 row)"}},
		}},
		{"rows, then the error that stopped the statements", []line{
			{"SELECT 1 AS a; SELECT * FROM nowhere;", []string{"table: a", "error: error: no such table: nowhere"}},
		}},
		{"an error with its explanation", []line{
			{"SELECT * FROM nowhere;", []string{"error: error: no such table: nowhere", "There is no table named nowhere yet", ".tables lists the tables the sandbox has.", "!left out"}},
			{"SELEC 1;", []string{`near "SELEC": syntax error`, "SQLite could not read the statement"}},
		}},
		{".quit and .exit leave, not in a statement", []line{
			{".quit", []string{"quit: "}},
			{".exit", []string{"quit: "}},
			{"SELECT 1 AS x", []string{"more: "}},
			{".quit", []string{"more: "}},
		}},
		{"an unknown command", []line{{".frob", []string{"error: error: unknown command .frob; .help lists the commands"}}}},
		{"parameters", []line{
			{".param list", []string{"note: no parameters yet; .param set :NAME VALUE gives one a value"}},
			{"SELECT :who AS who;", []string{"error: ", "Give it one first, as in: .param set :who 'ada'"}},
			{".param set :who 'grace'", []string{"table: parameter | value\n----------+------\n:who      | grace\n(1 row)"}},
			{".param set score 100 * 3", []string{":score    | 300"}},
			{".param set :nobody NULL", []string{":nobody   | NULL"}},
			{".param set :bare ada", []string{":bare     | ada"}},
			{"SELECT :who AS who, :score + 1 AS s;", []string{"who   | s\n", "grace | 301"}},
			{".param set :x 1; DROP TABLE t", []string{"error: error: 1; DROP TABLE t is not one value"}},
			{".param set :x 'open", []string{"error: error: 'open is not a value"}},
			{".param set", []string{"error: error: usage: .param set :NAME VALUE"}},
			{".param frob", []string{"error: error: unknown .param command frob"}},
			{".param clear", []string{"note: ok"}},
			{".param list", []string{"note: no parameters yet"}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			con := empty(t)
			for _, l := range tc.lines {
				got := words(con.Run(context.Background(), l.in))
				if l.want == nil && got != "" {
					t.Errorf("%q: %q, want nothing", l.in, got)
				}
				for _, w := range l.want {
					if not, ok := strings.CutPrefix(w, "!"); ok {
						if strings.Contains(got, not) {
							t.Errorf("%q says %q:\n%s", l.in, not, got)
						}
					} else if !strings.Contains(got, w) {
						t.Errorf("%q does not say %q:\n%s", l.in, w, got)
					}
				}
			}
		})
	}
}

func TestPrompt(t *testing.T) {
	ctx := context.Background()
	con := empty(t)
	if p := con.Prompt(); p != "sql> " {
		t.Errorf("prompt %q", p)
	}
	con.Run(ctx, "SELECT 1")
	if p := con.Prompt(); p != " ...> " || !con.Pending() {
		t.Errorf("prompt %q in a statement", p)
	}
	con.Discard()
	if p := con.Prompt(); p != "sql> " || con.Pending() {
		t.Errorf("prompt %q after Discard", p)
	}
	if got := words(con.Run(ctx, "SELECT 2 AS two;")); !strings.Contains(got, "table: two") || strings.Contains(got, "error") {
		t.Errorf("the statement after Discard: %s", got)
	}
}

func TestEndRunsWhatIsLeft(t *testing.T) {
	ctx := context.Background()
	con := empty(t)
	if outs := con.End(ctx); outs != nil {
		t.Errorf("End with nothing typed: %s", words(outs))
	}
	con.Run(ctx, "SELECT (1")
	if got := words(con.End(ctx)); !strings.Contains(got, "error: error: ") || !strings.Contains(got, "incomplete input") {
		t.Errorf("End of an open statement: %s", got)
	}
	if con.Pending() {
		t.Error("still pending after End")
	}
}

func TestExecRunsTheWholeInput(t *testing.T) {
	ctx := context.Background()
	con := empty(t)
	if got := words(con.Exec(ctx, "SELECT 42 AS answer")); !strings.Contains(got, "table: answer") {
		t.Errorf("a statement without ;: %s", got)
	}
	if got := words(con.Exec(ctx, " .tables ")); got != "note: no tables yet\n" {
		t.Errorf(".tables: %s", got)
	}
	if !Has(con.Exec(ctx, "SELECT nope;"), Error) || Has(con.Exec(ctx, "SELECT 1;"), Error) {
		t.Error("Has does not tell an error")
	}
}

// A value from the sandbox reaches a terminal as text, not as an escape
// sequence, in a table and in an error.
func TestOutputIsPrintable(t *testing.T) {
	ctx := context.Background()
	con := empty(t)
	for _, in := range []string{"SELECT char(27) || '[31mred' AS v;", "SELECT * FROM \"\x1b[31mred\";"} {
		got := words(con.Run(ctx, in))
		if strings.Contains(got, "\x1b") || !strings.Contains(got, "␛[31mred") {
			t.Errorf("%q: %q", in, got)
		}
	}
}

// TestRebuild: the sandbox is built again from the files as they are now,
// the console's own changes gone and the parameters kept; what does not
// apply is left out, with a warning, and a missing table says why.
func TestRebuild(t *testing.T) {
	ctx := context.Background()
	files := fstest.MapFS{"schema.sql": file(tinySchema), "queries/top.sql": file("SELECT 1;")}
	con := tiny(t, files)
	if w := con.Skipped(); len(w) != 0 {
		t.Fatalf("warnings: %s", words(w))
	}
	con.Run(ctx, "CREATE TABLE mine (x);")
	con.Run(ctx, ".param set :who 'ada'")
	files["schema.sql"] = file(tinySchema + "\nCREATE TABLE players (name TEXT);")
	outs, err := con.Rebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := words(outs); got != "note: the sandbox is built again from your files\n" {
		t.Errorf("Rebuild says %q", got)
	}
	tables := words(con.Run(ctx, ".tables"))
	if !strings.Contains(tables, "players") || strings.Contains(tables, "mine") {
		t.Errorf("after the rebuild: %s", tables)
	}
	if got := words(con.Run(ctx, "SELECT count(*) AS n FROM scores WHERE player = :who;")); !strings.Contains(got, "(1 row)") {
		t.Errorf("the parameter after the rebuild: %s", got)
	}

	files["schema.sql"] = file("CREATE TABL scores (x);")
	outs, err = con.Rebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := words(outs)
	if !strings.Contains(got, "warning: warning: left out of the sandbox: schema.sql") || !strings.Contains(got, "the rows this step starts with could not be added") {
		t.Errorf("Rebuild of a file that does not apply says:\n%s", got)
	}
	if got := words(con.Run(ctx, "SELECT * FROM scores;")); !strings.Contains(got, "Some of your files were left out of it") {
		t.Errorf("a table missing with a file left out: %s", got)
	}
}
