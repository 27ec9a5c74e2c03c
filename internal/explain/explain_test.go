package explain

import (
	"context"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/sandbox"
)

func TestExplain(t *testing.T) {
	tests := []struct {
		name    string
		message string
		want    []string // phrases the explanation holds
	}{
		{"out of memory", "out of memory", []string{"more memory than SQLite may use here (96 MB)", "ORDER BY", "LIMIT"}},
		{"no such table", "no such table: scores", []string{"There is no table named scores yet.", "CREATE TABLE"}},
		{"no such table in main", "no such table: main.scores", []string{"no table named scores yet"}},
		{"syntax error at a word", `near "SELEC": syntax error`, []string{`at "SELEC"`, "misspelt keyword", "comma", "parenthesis"}},
		{"syntax error at a parenthesis", `near ")": syntax error`, []string{`at ")"`, "(a, b,)"}},
		{"syntax error at a comma", `near ",": syntax error`, []string{`at ","`, "comma too many"}},
		{"syntax error at a semicolon", `near ";": syntax error`, []string{"ends too early"}},
		{"incomplete input", "incomplete input", []string{"stops before it is complete", "parenthesis", "quote"}},
		{"unclosed quote", `unrecognized token: "'ada"`, []string{`"'ada"`, "quote"}},
		{"not null", "NOT NULL constraint failed: scores.player", []string{"player of scores is NOT NULL", "give player a value"}},
		{"unique", "UNIQUE constraint failed: players.name", []string{"players already has the same name", "UPDATE", "INSERT OR IGNORE INTO players skips it"}},
		{"unique on two columns", "UNIQUE constraint failed: scores.player, scores.day", []string{"same player and day"}},
		{"unique on the primary key", "UNIQUE constraint failed: scores.id", []string{"scores already has this id", "PRIMARY KEY", "Leave id out"}},
		{"check", "CHECK constraint failed: score >= 0", []string{"CHECK (score >= 0)"}},
		{"foreign key", "FOREIGN KEY constraint failed", []string{"REFERENCES", "does not exist", "Insert the referenced row first"}},
		{"foreign key mismatch", `foreign key mismatch - "scores" referencing "players"`, []string{"UNIQUE"}},
		{"datatype mismatch", "datatype mismatch", []string{"INTEGER PRIMARY KEY", "whole numbers"}},
		{"strict table", "cannot store TEXT value in INTEGER column scores.score", []string{"STRICT", "TEXT value in INTEGER column scores.score"}},
		{"ambiguous column", "ambiguous column name: id", []string{"column named id", "TABLE.id"}},
		{"misused aggregate", "misuse of aggregate: max()", []string{"max() works on a whole group", "WHERE", "HAVING"}},
		{"misused aggregate function", "misuse of aggregate function MAX()", []string{"MAX() works", "HAVING"}},
		{"no such column", "no such column: scor", []string{"column named scor", "spelling", "'scor'"}},
		{"a name given with AS used in OVER", "no such column: best", []string{"name you gave with AS", "OVER (...)", "write its expression there again"}},
		{"a syntax error after a quote left open", `near "Tetris": syntax error`, []string{"closing quote is missing"}},
		{"no such qualified column", "no such column: s.scor", []string{"column named s.scor"}},
		{"text in double quotes", "no such column: hello, backend", []string{"Text goes in single quotes", "Write it as 'hello, backend'."}},
		{"a word in double quotes", "no such column: ada", []string{"put it in single quotes, 'ada': double quotes are for names."}},
		{"text in double quotes with a quote", "no such column: it's", []string{"Write it as 'it''s'."}},
		{"text in double quotes, as SQLite names it", `no such column: "ada" - should this be a string literal in single-quotes?`,
			[]string{"Text goes in single quotes", "a column named ada.", "Write it as 'ada'."}},
		{"table exists", "table scores already exists", []string{"A table named scores already exists", "IF NOT EXISTS"}},
		{"index exists", "index idx_score already exists", []string{"An index named idx_score already exists", "CREATE INDEX IF NOT EXISTS"}},
		{"index named like a table", "there is already a table named scores", []string{"scores is already the name of a table"}},
		{"values for columns", "2 values for 3 columns", []string{"lists 3 columns but gives 2 values"}},
		{"values supplied", "table scores has 3 columns but 2 values were supplied", []string{"scores has 3 columns", "gives 2 values", "INSERT INTO scores ("}},
		{"no column named", "table scores has no column named scor", []string{"scores has no column named scor"}},
		{"wrong number of arguments", "wrong number of arguments to function substr()", []string{"substr()", "wrong number"}},
		{"no such function", "no such function: CONCATENATE", []string{"no function named CONCATENATE"}},
		{"commit without transaction", "cannot commit - no transaction is active", []string{"COMMIT", "BEGIN"}},
		{"rollback without transaction", "cannot rollback - no transaction is active", []string{"ROLLBACK", "BEGIN"}},
		{"nested transaction", "cannot start a transaction within a transaction", []string{"already open", "COMMIT"}},
		{"sub-select columns", "sub-select returns 2 columns - expected 1", []string{"one column", "returns 2"}},
		{"having without group by", "a GROUP BY clause is required before HAVING", []string{"HAVING filters groups", "GROUP BY"}},
		{"having on a non-aggregate query", "HAVING clause on a non-aggregate query", []string{"HAVING filters groups"}},
		{"aggregate in group by", "aggregate functions are not allowed in the GROUP BY clause", []string{"GROUP BY", "cannot be one"}},
		{"order by out of range", "1st ORDER BY term out of range - should be between 1 and 2", []string{"after ORDER BY", "only 2 columns", "from 1 to 2"}},
		{"group by out of range", "2nd GROUP BY term out of range - should be between 1 and 1", []string{"after GROUP BY", "only 1 column:"}},
		{"duplicate column", "duplicate column name: score", []string{"score is written twice"}},
		{"no tables", "no tables specified", []string{"FROM"}},
		{"union widths", "SELECTs to the left and right of UNION do not have the same number of result columns", []string{"same number of columns"}},
		{"result code and prefix", "SQL logic error: no such table: scores (1)", []string{"no table named scores"}},
		{"one column but two values", "table t has 1 columns but 2 values were supplied", []string{"t has 1 column but the INSERT gives 2 values."}},
		{"two columns but one value", "table t has 2 columns but 1 values were supplied", []string{"t has 2 columns but the INSERT gives 1 value."}},
		{"one value for two columns", "1 values for 2 columns", []string{"lists 2 columns but gives 1 value:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { explainHolds(t, tt.message, tt.want, nil) })
	}
}

// explainHolds checks that Explain(message) holds each of want and none
// of not.
func explainHolds(t *testing.T, message string, want, not []string) {
	t.Helper()
	got := Explain(message)
	for _, p := range want {
		if !strings.Contains(got, p) {
			t.Errorf("Explain(%q) = %q, want it to hold %q", message, got, p)
		}
	}
	for _, p := range not {
		if strings.Contains(got, p) {
			t.Errorf("Explain(%q) = %q, want it without %q", message, got, p)
		}
	}
}

// TestExplainAdvice checks what an explanation says, and what it must not.
func TestExplainAdvice(t *testing.T) {
	curly := []string{"typographic quotes", "word processors and some editors", "Type straight quotes ' instead"}
	tests := []struct {
		name    string
		message string
		want    []string
		not     []string
	}{
		{"not null and DEFAULT", "NOT NULL constraint failed: games.created_at",
			[]string{"created_at of games is NOT NULL", "A column left out of an INSERT gets its DEFAULT",
				"give created_at a value in the INSERT", "or a DEFAULT in the CREATE TABLE, such as DEFAULT CURRENT_TIMESTAMP for a time."}, nil},
		{"INSERT after a missing semicolon", `near "INSERT": syntax error`,
			[]string{`at "INSERT"`, "the statement before it is missing a ; at its end"}, []string{"misspelt"}},
		{"lowercase select after a missing semicolon", `near "select": syntax error`, []string{"missing a ; at its end"}, nil},
		{"PRAGMA after a missing semicolon", `near "Pragma": syntax error`, []string{"missing a ; at its end"}, nil},
		{"a keyword that starts no statement", `near "FROM": syntax error`, []string{"FROM comes right after the columns", "misspelt word"}, []string{"; at its end"}},
		{"LIMIT before ORDER BY", `near "ORDER": syntax error`, []string{"SELECT … FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT … OFFSET …", "ORDER BY comes after WHERE, GROUP BY and HAVING, before LIMIT"}, []string{"; at its end"}},
		{"WHERE after ORDER BY", `near "WHERE": syntax error`, []string{"WHERE comes after FROM and its JOINs, before GROUP BY, ORDER BY and LIMIT"}, nil},
		{"GROUP BY after ORDER BY", `near "GROUP": syntax error`, []string{"GROUP BY comes after WHERE, before HAVING"}, nil},
		{"a word that holds a keyword", `near "SELECTED": syntax error`, []string{"misspelt keyword"}, []string{"; at its end"}},
		{"curly quotes read as a column", "no such column: ‘hello’", curly, []string{"'‘", "’'", "single quotes: "}},
		{"curly double quotes read as a table", "no such table: “games”", curly, []string{"no table named"}},
		{"curly quote in a near token", `near "lovelace’": syntax error`, curly, nil},
		{"curly quote in an unrecognized token", `unrecognized token: "'s fine’;"`, curly, nil},
		{"curly quote in a CHECK rule", "CHECK constraint failed: name <> '’'", []string{"CHECK (name <> '’')"}, []string{"typographic"}},
		{"unclosed quote over lines", "unrecognized token: \"'ada);\nSELECT 1;\"", []string{`"'ada);↵SELECT 1;"`}, []string{"\n"}},
		{"long unclosed quote", `unrecognized token: "'` + strings.Repeat("x", 100) + `"`,
			[]string{`"'` + strings.Repeat("x", 38) + `…"`}, []string{strings.Repeat("x", 39)}},
		{"line break in a name", "no such column: \"a\r\nb\"", []string{`"a↵b"`}, []string{"\r", "\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { explainHolds(t, tt.message, tt.want, tt.not) })
	}
}

func TestExplainNothing(t *testing.T) {
	for _, msg := range []string{"", "interrupted", "something else entirely", "near", "table", "2 values", "1st ORDER BY term"} {
		if got := Explain(msg); got != "" {
			t.Errorf("Explain(%q) = %q, want \"\"", msg, got)
		}
	}
}

// TestExplainSandbox makes the sandbox's own SQLite fail and checks that
// each of its messages gets an explanation.
func TestExplainSandbox(t *testing.T) {
	const schema = `CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL REFERENCES players(name),
  score INTEGER CHECK (score >= 0));
INSERT INTO players (name) VALUES ('ada');
`
	for _, stmt := range []string{
		"SELECT * FROM nosuch;", "SELEC 1;", "SELECT (1", "SELECT 'ada", "INSERT INTO scores (player, score) VALUES (NULL, 1);",
		"INSERT INTO players (name) VALUES ('ada');", "INSERT INTO players (id, name) VALUES (1, 'x');",
		"INSERT INTO scores (player, score) VALUES ('ada', -1);", "INSERT INTO scores (player, score) VALUES ('zed', 1);",
		"INSERT INTO scores (id, player, score) VALUES ('abc', 'ada', 1);", "SELECT id FROM players, scores;",
		"SELECT name FROM players WHERE max(id) > 1;", "SELECT scor FROM scores;", "CREATE TABLE scores (x);",
		"INSERT INTO scores (player, score, id) VALUES ('ada', 1);", "INSERT INTO scores VALUES ('ada', 1);",
		"SELECT substr() FROM players;", "SELECT nosuch(1);", "COMMIT;", "SELECT (SELECT 1, 2);",
		"SELECT count(*) FROM players GROUP BY count(*);", "SELECT name FROM players ORDER BY 3;",
		"SELECT 1 FROM players HAVING 1;", "CREATE TABLE t (a, b,);",
		"SELECT ‘ada’;", "INSERT INTO players (name) VALUES (‘ada lovelace’);", "CREATE TABLE t (a)\nINSERT INTO t VALUES (1);",
		"INSERT INTO players (name) VALUES ('ada);\nSELECT 1;", "CREATE TABLE t (a); INSERT INTO t VALUES (1, 2);",
	} {
		t.Run(stmt, func(t *testing.T) {
			msg := sandboxError(t, schema+stmt)
			t.Log(msg)
			if Explain(msg) == "" {
				t.Errorf("Explain(%q) = \"\"", msg)
			}
		})
	}
}

func sandboxError(t *testing.T, sql string) string {
	t.Helper()
	ctx := context.Background()
	s, err := sandbox.New(ctx, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Run(ctx, sandbox.Script{Name: "test.sql", SQL: sql})
	e, ok := sandbox.AsError(err)
	if !ok {
		t.Fatalf("Run = %v, want a *sandbox.Error", err)
	}
	return e.Message
}
