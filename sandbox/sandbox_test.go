package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func newSandbox(t testing.TB, opts Options) *Sandbox {
	t.Helper()
	s, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

const schema = `CREATE TABLE scores (
  id INTEGER PRIMARY KEY,
  player TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score >= 0),
  at DATETIME DEFAULT '2026-01-02 03:04:05'
);
INSERT INTO scores (player, score) VALUES ('ada', 300), ('grace', 250);
`

func TestRunResults(t *testing.T) {
	tests := []struct {
		name string
		sql  string
		args map[string]any
		cols []string
		rows [][]any
	}{
		{"last statement's rows", schema + "SELECT player, score FROM scores ORDER BY score DESC;",
			nil, []string{"player", "score"}, [][]any{{"ada", int64(300)}, {"grace", int64(250)}}},
		{"a statement with no rows", schema, nil, nil, nil},
		{"only comments", "-- nothing here\n/* nor here */\n", nil, nil, nil},
		{"trailing comment after the last statement", "SELECT 1 AS one; -- done\n", nil, []string{"one"}, [][]any{{int64(1)}}},
		{"an empty statement after the last one", "SELECT 1 AS one;;\n;", nil, []string{"one"}, [][]any{{int64(1)}}},
		{"semicolons inside strings and identifiers", `SELECT 'a;b' AS "x;y"; -- a ; in a comment`,
			nil, []string{"x;y"}, [][]any{{"a;b"}}},
		{"a trigger body with semicolons", schema + `CREATE TRIGGER bump AFTER INSERT ON scores BEGIN
  UPDATE scores SET score = score + 1 WHERE id = NEW.id;
  UPDATE scores SET player = upper(player) WHERE id = NEW.id;
END;
INSERT INTO scores (player, score) VALUES ('linus', 1);
SELECT player, score FROM scores WHERE player = 'LINUS';`, nil, []string{"player", "score"}, [][]any{{"LINUS", int64(2)}}},
		{"values of every type", "SELECT NULL, 1, 2.5, 'text', x'00ff';", nil,
			[]string{"NULL", "1", "2.5", "'text'", "x'00ff'"}, [][]any{{nil, int64(1), 2.5, "text", []byte{0, 255}}}},
		{"dates are text, as SQLite stores them", schema + "SELECT at FROM scores LIMIT 1;", nil,
			[]string{"at"}, [][]any{{"2026-01-02 03:04:05"}}},
		{"named parameters", "SELECT :player, :score * 2;", map[string]any{"player": "ada", "score": int64(21)},
			[]string{":player", ":score * 2"}, [][]any{{"ada", int64(42)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, Options{})
			res, err := s.Run(context.Background(), Script{Name: "f.sql", SQL: tt.sql, Args: tt.args})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Columns, tt.cols) || !reflect.DeepEqual(res.Rows, tt.rows) {
				t.Errorf("got %q %v, want %q %v", res.Columns, res.Rows, tt.cols, tt.rows)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name      string
		sql       string
		firstLine int
		want      string // Error()
		stmt      string
	}{
		{"the failing statement's line", "SELECT 1;\n\n-- a comment\nSELECT *\n  FROM nowhere;\nSELECT 2;", 0,
			"f.sql:4: no such table: nowhere", "SELECT *\n  FROM nowhere;"},
		{"lines counted from the block's first line", "\nSELEC 1;", 10, `f.sql:11: near "SELEC": syntax error`, "SELEC 1;"},
		{"incomplete input", "CREATE TABLE t (a", 0, "f.sql:1: incomplete input", "CREATE TABLE t (a"},
		{"a constraint", schema + "INSERT INTO scores (player, score) VALUES (NULL, 1);", 0,
			"f.sql:8: NOT NULL constraint failed: scores.player", "INSERT INTO scores (player, score) VALUES (NULL, 1);"},
		{"a missing parameter", "SELECT :player;", 0, "f.sql:1: the statement uses :player, but no value was given for it", "SELECT :player;"},
		{"a missing semicolon: the line where SQLite stopped", "INSERT INTO t VALUES (1)\n\nINSERT INTO t VALUES (2);", 0,
			`f.sql:3: near "INSERT": syntax error`, "INSERT INTO t VALUES (1)\n\nINSERT INTO t VALUES (2);"},
		{"an unclosed quote stays on one line", "SELECT 'abc;\n", 0, `f.sql:1: unrecognized token: "'abc;↵"`, "SELECT 'abc;"},
		{"a positional parameter", "SELECT ?;", 0, "f.sql:1: positional parameters (?) cannot be given values here; use a named one such as :player", "SELECT ?;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, Options{})
			_, err := s.Run(context.Background(), Script{Name: "f.sql", SQL: tt.sql, FirstLine: tt.firstLine})
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("got %v, want an *Error", err)
			}
			if e.Error() != tt.want || e.Statement != tt.stmt || e.Reason != SQLError {
				t.Errorf("got %q (statement %q, reason %d), want %q (statement %q)", e.Error(), e.Statement, e.Reason, tt.want, tt.stmt)
			}
			wantUnbound := ""
			if tt.name == "a missing parameter" {
				wantUnbound = ":player"
			}
			if e.Unbound != wantUnbound {
				t.Errorf("Unbound = %q, want %q", e.Unbound, wantUnbound)
			}
		})
	}
}

// TestEscapes proves that learner SQL cannot reach the host, hang the tutor
// or exhaust memory: each attempt ends with a message naming what was
// refused, and no file appears.
func TestEscapes(t *testing.T) {
	dir := t.TempDir()
	file := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		sql    string
		reason Reason
		detail string // part of Error()
		opts   Options
	}{
		{"ATTACH a new file", "ATTACH '" + file("attach.db") + "' AS x;", Refused, "ATTACH", Options{}},
		{"ATTACH with a URI", "ATTACH 'file:" + file("uri.db") + "?mode=rwc' AS x;", Refused, "ATTACH", Options{}},
		{"VACUUM INTO a file", "CREATE TABLE t(x); VACUUM INTO '" + file("vacuum.db") + "';", Refused, "VACUUM INTO", Options{}},
		{"load_extension", "SELECT load_extension('" + file("evil.so") + "');", Refused, "load_extension", Options{}},
		{"writefile", "SELECT writefile('" + file("w.txt") + "', 'x');", SQLError, "no such function: writefile", Options{}},
		{"PRAGMA temp_store_directory", "PRAGMA temp_store_directory = '" + dir + "';", Refused, "temp_store_directory", Options{}},
		{"PRAGMA journal_mode", "PRAGMA journal_mode = OFF;", Refused, "journal_mode", Options{}},
		{"PRAGMA writable_schema", "PRAGMA writable_schema = ON;", Refused, "writable_schema", Options{}},
		{"PRAGMA query_only off", "PRAGMA query_only = 0;", Refused, "query_only", Options{}},
		{"PRAGMA max_page_count raised", "PRAGMA max_page_count = 2147483647;", Refused, "max_page_count", Options{}},
		{"PRAGMA hard_heap_limit", "PRAGMA hard_heap_limit = 0;", Refused, "hard_heap_limit", Options{}},
		{"PRAGMA soft_heap_limit", "PRAGMA soft_heap_limit = 0;", Refused, "soft_heap_limit", Options{}},
		{"PRAGMA foreign_keys off", "PRAGMA foreign_keys = OFF;", Refused, "foreign_keys", Options{}},
		{"PRAGMA page_size raised", "PRAGMA page_size = 65536;", Refused, "page_size", Options{}},
		{"a virtual table", "CREATE VIRTUAL TABLE v USING fts5(body);", Refused, "virtual tables", Options{}},
		{"sqlite_dbpage write", "CREATE TABLE t(x); UPDATE sqlite_dbpage SET data = zeroblob(4096) WHERE pgno = 1;", SQLError, "", Options{}},
		{"a huge blob", "SELECT randomblob(900000000);", TooBig, "larger than the sandbox allows", Options{}},
		{"a huge string", "SELECT hex(zeroblob(400000000));", TooBig, "larger than the sandbox allows", Options{}},
		{"an endless recursive CTE", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;", TimedOut, "stopped after", Options{}},
		{"an endless CTE while its rows are read", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c WHERE x % 5000000 = 0;", TimedOut, "stopped after", Options{}},
		{"a 10-million-row insert", "CREATE TABLE big(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10000000) INSERT INTO big SELECT randomblob(500) FROM c;", Full, "database is full",
			Options{MaxPages: 2048, Timeout: time.Minute}},
		{"a 10-million-row insert under the default cap", "CREATE TABLE big(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10000000) INSERT INTO big SELECT x FROM c;", TimedOut, "stopped after", Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.opts == (Options{}) {
				tt.opts.Timeout = 500 * time.Millisecond
			}
			s := newSandbox(t, tt.opts)
			_, err := s.Run(context.Background(), Script{Name: "evil.sql", SQL: tt.sql})
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("got %v, want the sandbox to stop it", err)
			}
			if e.Reason != tt.reason || !strings.Contains(e.Error(), tt.detail) {
				t.Errorf("got %q (reason %d), want reason %d and %q", e.Error(), e.Reason, tt.reason, tt.detail)
			}
			entries, _ := os.ReadDir(dir)
			for _, f := range entries {
				t.Errorf("a file appeared: %s", f.Name())
			}
		})
	}
}

func TestHostStatementsPassTheAuthorizer(t *testing.T) {
	s := newSandbox(t, Options{})
	ctx := context.Background()
	if err := s.Host(ctx, "PRAGMA max_page_count = 100;"); err != nil {
		t.Fatalf("host PRAGMA: %v", err)
	}
	if _, err := s.Run(ctx, Script{SQL: "PRAGMA max_page_count = 100;"}); err == nil {
		t.Fatal("a learner's PRAGMA max_page_count ran")
	}
}

func TestSnapshotRestoreKeepsTheCap(t *testing.T) {
	ctx := context.Background()
	s := newSandbox(t, Options{MaxPages: 64})
	if _, err := s.Run(ctx, Script{SQL: schema}); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(ctx, Script{SQL: "DELETE FROM scores;"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	res, err := s.Run(ctx, Script{SQL: "SELECT count(*) FROM scores;"})
	if err != nil || res.Rows[0][0] != int64(2) {
		t.Fatalf("after restore: %v %v, want 2 rows back", res, err)
	}
	_, err = s.Run(ctx, Script{SQL: "INSERT INTO scores (player, score) SELECT hex(randomblob(1000)), 1 FROM scores, scores a, scores b, scores c, scores d, scores e, scores f, scores g, scores h;"})
	if e, ok := AsError(err); !ok || e.Reason != Full {
		t.Fatalf("got %v, want the page cap to hold after Restore", err)
	}
}

func TestReadCaps(t *testing.T) {
	ctx := context.Background()
	const many = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100) SELECT x, 'abcdefghij' FROM c;"
	t.Run("rows", func(t *testing.T) {
		s := newSandbox(t, Options{MaxRows: 10})
		res, err := s.Run(ctx, Script{SQL: many})
		if err != nil || len(res.Rows) != 10 || !res.Truncated {
			t.Fatalf("got %d rows, truncated %v, err %v; want 10, true", len(res.Rows), res.Truncated, err)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		s := newSandbox(t, Options{MaxBytes: 100})
		res, err := s.Run(ctx, Script{SQL: many})
		if err != nil || len(res.Rows) >= 100 || !res.Truncated {
			t.Fatalf("got %d rows, truncated %v, err %v; want fewer, true", len(res.Rows), res.Truncated, err)
		}
	})
	t.Run("a capped write still finishes", func(t *testing.T) {
		s := newSandbox(t, Options{MaxRows: 10})
		_, err := s.Run(ctx, Script{SQL: "CREATE TABLE t(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100) INSERT INTO t SELECT x FROM c RETURNING x;"})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Run(ctx, Script{SQL: "SELECT count(*) FROM t;"})
		if err != nil || res.Rows[0][0] != int64(100) {
			t.Fatalf("got %v %v, want all 100 rows inserted", res, err)
		}
	})
}

func TestTimeoutDoesNotLeakIntoTheNextRun(t *testing.T) {
	ctx := context.Background()
	s := newSandbox(t, Options{Timeout: 100 * time.Millisecond})
	_, err := s.Run(ctx, Script{SQL: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;"})
	if e, ok := AsError(err); !ok || e.Reason != TimedOut {
		t.Fatalf("got %v, want a time-out", err)
	}
	for range 20 {
		if _, err := s.Run(ctx, Script{SQL: "SELECT 1;"}); err != nil {
			t.Fatalf("a later run failed: %v", err)
		}
	}
}

func TestCancel(t *testing.T) {
	s := newSandbox(t, Options{Timeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := s.Run(ctx, Script{SQL: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;"})
	if e, ok := AsError(err); !ok || (e.Reason != TimedOut && e.Reason != Canceled) {
		t.Fatalf("got %v, want the caller's deadline to stop it", err)
	}
}

func TestCloseTwice(t *testing.T) {
	s := newSandbox(t, Options{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkNew(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s, err := New(ctx, Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func BenchmarkRunScript(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s, err := New(ctx, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Run(ctx, Script{SQL: schema + "SELECT player, score FROM scores ORDER BY score DESC;"}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func BenchmarkRestore(b *testing.B) {
	ctx := context.Background()
	s := newSandbox(b, Options{})
	if _, err := s.Run(ctx, Script{SQL: schema}); err != nil {
		b.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Restore(ctx, snap); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLoadReadsAFileWithoutChangingIt(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "server.db")
	src := newSandbox(t, Options{})
	if _, err := src.Run(ctx, Script{SQL: schema}); err != nil {
		t.Fatal(err)
	}
	snap, _ := src.Snapshot()
	if err := os.WriteFile(path, snap, 0o644); err != nil {
		t.Fatal(err)
	}
	s := newSandbox(t, Options{MaxPages: 64})
	if err := s.Load(ctx, path); err != nil {
		t.Fatal(err)
	}
	res, err := s.Run(ctx, Script{SQL: "SELECT count(*) FROM scores;"})
	if err != nil || res.Rows[0][0] != int64(2) {
		t.Fatalf("got %v %v, want the file's 2 rows", res, err)
	}
	if _, err := s.Run(ctx, Script{SQL: "DELETE FROM scores;"}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !reflect.DeepEqual(after, snap) {
		t.Error("the file changed")
	}
	_, err = s.Run(ctx, Script{SQL: "CREATE TABLE big(x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10000) INSERT INTO big SELECT randomblob(1000) FROM c;"})
	if e, ok := AsError(err); !ok || e.Reason != Full {
		t.Errorf("got %v, want the page cap to hold after Load", err)
	}
	if err := s.Load(ctx, filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("loading a missing file worked")
	}
}

func TestComplete(t *testing.T) {
	tests := map[string]bool{
		"SELECT 1;":                    true,
		"SELECT 1; -- the first":       true,
		"SELECT 1; /* done */ ":        true,
		"SELECT 1":                     false,
		"SELECT ';'":                   false,
		"SELECT 'it''s';":              true,
		"SELECT 'open;":                false,
		"SELECT 1 -- a comment;":       false,
		"CREATE TABLE t (\"a;\" INT);": true,
		"":                             false,
	}
	for sql, want := range tests {
		if got := Complete(sql); got != want {
			t.Errorf("Complete(%q) = %v, want %v", sql, got, want)
		}
	}
}
