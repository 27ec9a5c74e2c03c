package check

import (
	"context"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/sandbox"
)

func TestConsoleParameters(t *testing.T) {
	ctx := context.Background()
	c := tinyCourse(t)
	con, err := OpenConsole(ctx, c, c.Steps()[1], files("schema.sql", tinySchema, "queries/top.sql", "SELECT 1;"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer con.Close()
	exec := func(input string) (*sandbox.Result, error) { // the last result
		results, err := con.ExecAll(ctx, input)
		if len(results) == 0 {
			return &sandbox.Result{}, err
		}
		return results[len(results)-1], err
	}
	query := "SELECT score FROM scores WHERE player = :player ORDER BY score;"
	if _, err := exec(query); err == nil || !strings.Contains(err.Error(), "Give it one first, as in: .param set :player 'ada'") {
		t.Errorf("a parameter with no value: %v", err)
	}
	for _, tc := range []struct {
		name, input string
		want        any
	}{
		{"text in quotes", ".param set :player 'ada'", "ada"},
		{"a number", ".param set :score 300", int64(300)},
		{"an expression", ".param set score 100 * 3", int64(300)},
		{"NULL", ".param set :nobody NULL", nil},
		{"a bare word is text", ".param set :who grace", "grace"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := exec(tc.input)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.Fields(tc.input)[2]
			name = ":" + strings.TrimPrefix(name, ":")
			for _, row := range res.Rows {
				if row[0] == name {
					if row[1] != tc.want {
						t.Errorf("%s = %#v, want %#v", name, row[1], tc.want)
					}
					return
				}
			}
			t.Errorf("%s missing from the list: %v", name, res.Rows)
		})
	}
	res, err := exec(query)
	if err != nil || len(res.Rows) == 0 {
		t.Errorf("the query with :player set: %v %v", res, err)
	}
	for _, bad := range []string{".param set :x 1; DROP TABLE scores", ".param set :x 'open", ".param set", ".param frob"} {
		if _, err := exec(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if res, err := exec("SELECT count(*) FROM scores;"); err != nil || len(res.Rows) != 1 {
		t.Errorf("scores after the bad values: %v %v", res, err)
	}
	exec(".param clear")
	if res, _ := exec(".param list"); len(res.Rows) != 0 {
		t.Errorf("after clear: %v", res.Rows)
	}
}

func TestConsoleOpensWhenTheStepsRowsDoNotFit(t *testing.T) {
	ctx := context.Background()
	c := tinyCourse(t)
	con, err := OpenConsole(ctx, c, c.Steps()[1], files("schema.sql", "-- no table yet", "queries/top.sql", "SELECT 1;"), Options{})
	if err != nil {
		t.Fatalf("the console did not open: %v", err)
	}
	defer con.Close()
	if len(con.Skipped) != 1 || !strings.Contains(con.Skipped[0].Error(), "the rows this step starts with could not be added to your tables: no such table: scores") {
		t.Errorf("Skipped = %v", con.Skipped)
	}
	if _, err := con.ExecAll(ctx, "SELECT 1;"); err != nil {
		t.Errorf("the console does not run SQL: %v", err)
	}
	// A check of the same files still stops at the rows, as before.
	if r := Run(ctx, c, c.Steps()[1], files("schema.sql", "-- no table yet", "queries/top.sql", "SELECT 1;"), Options{}); r.Status != Error {
		t.Errorf("the check: %s %s", r.Status, r.Message)
	}
}
