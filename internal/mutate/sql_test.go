package mutate_test

import (
	"testing"

	"github.com/sandcastle/sandcastle/internal/mutate"
)

func TestSQLOperators(t *testing.T) {
	runCases(t, "sql", []mutantCase{
		{"a direction flips and a term with none gets DESC", "sql/asc-desc",
			"SELECT a FROM t ORDER BY a ASC, b;",
			[]string{"1: SELECT a FROM t ORDER BY a ASC, b DESC;", "1: SELECT a FROM t ORDER BY a DESC, b;"}},
		{"a direction in a window and an index flips", "sql/asc-desc",
			"SELECT RANK() OVER (ORDER BY s DESC) FROM t;\nCREATE INDEX i ON t (s desc);",
			[]string{"1: SELECT RANK() OVER (ORDER BY s ASC) FROM t;", "2: CREATE INDEX i ON t (s asc);"}},
		{"each ORDER BY term is dropped with its comma", "sql/drop-order-term",
			"SELECT a FROM t ORDER BY a DESC, b, c LIMIT 3;",
			[]string{"1: SELECT a FROM t ORDER BY b, c LIMIT 3;", "1: SELECT a FROM t ORDER BY a DESC, c LIMIT 3;", "1: SELECT a FROM t ORDER BY a DESC, b LIMIT 3;"}},
		{"the only ORDER BY term goes with its clause, the line with it", "sql/drop-order-term",
			"SELECT a\nFROM t\nORDER BY a\nLIMIT 3;",
			[]string{"3: deleted: ORDER BY a"}},
		{"LIMIT and OFFSET move by one, a parameter too", "sql/limit-offset",
			"SELECT a FROM t LIMIT 10 OFFSET :skip;",
			[]string{"1: SELECT a FROM t LIMIT 11 OFFSET :skip;", "1: SELECT a FROM t LIMIT 9 OFFSET :skip;", "1: SELECT a FROM t LIMIT 10 OFFSET :skip + 1;", "1: SELECT a FROM t LIMIT 10 OFFSET :skip - 1;"}},
		{"comparisons flip, but not the = of SET", "sql/comparison",
			"UPDATE t SET a = 1 WHERE b >= 2 AND c <> 3 AND d < 4;",
			[]string{"1: UPDATE t SET a = 1 WHERE b > 2 AND c <> 3 AND d < 4;", "1: UPDATE t SET a = 1 WHERE b >= 2 AND c = 3 AND d < 4;", "1: UPDATE t SET a = 1 WHERE b >= 2 AND c <> 3 AND d <= 4;"}},
		{"no comparison in a PRAGMA or a string", "sql/comparison",
			"PRAGMA foreign_keys = ON;\nSELECT 'a = b';", nil},
		{"JOIN and LEFT JOIN swap", "sql/join",
			"SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c ON c.y = b.y INNER JOIN d USING (z);",
			[]string{"1: SELECT * FROM a LEFT JOIN b ON a.x = b.x LEFT OUTER JOIN c ON c.y = b.y INNER JOIN d USING (z);",
				"1: SELECT * FROM a JOIN b ON a.x = b.x JOIN c ON c.y = b.y INNER JOIN d USING (z);",
				"1: SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c ON c.y = b.y LEFT JOIN d USING (z);"}},
		{"count of a column counts rows, and count(*) counts a column of the statement", "sql/count",
			"SELECT count(s.id), count(*) FROM p LEFT JOIN s ON s.p = p.id;",
			[]string{"1: SELECT count(*), count(*) FROM p LEFT JOIN s ON s.p = p.id;",
				"1: SELECT count(s.id), count(s.id) FROM p LEFT JOIN s ON s.p = p.id;",
				"1: SELECT count(s.id), count(s.p) FROM p LEFT JOIN s ON s.p = p.id;",
				"1: SELECT count(s.id), count(p.id) FROM p LEFT JOIN s ON s.p = p.id;"}},
		{"an aggregate becomes each other one, a two-argument max only min", "sql/aggregate",
			"SELECT max(a), MAX(a, b) FROM t;",
			[]string{"1: SELECT min(a), MAX(a, b) FROM t;", "1: SELECT sum(a), MAX(a, b) FROM t;", "1: SELECT avg(a), MAX(a, b) FROM t;", "1: SELECT max(a), MIN(a, b) FROM t;"}},
		{"each AND or OR operand of WHERE is dropped, a BETWEEN stays whole", "sql/drop-condition",
			"SELECT a FROM t WHERE a = 1 AND b BETWEEN 2 AND 3 OR c > 4 ORDER BY a;",
			[]string{"1: SELECT a FROM t WHERE b BETWEEN 2 AND 3 OR c > 4 ORDER BY a;",
				"1: SELECT a FROM t WHERE a = 1 AND c > 4 ORDER BY a;",
				"1: SELECT a FROM t WHERE a = 1 AND b BETWEEN 2 AND 3 ORDER BY a;"}},
		{"a single HAVING goes whole, a subquery's WHERE on its own", "sql/drop-condition",
			"SELECT a FROM t GROUP BY a HAVING count(*) > (SELECT n FROM m WHERE k = 1);",
			[]string{"1: SELECT a FROM t GROUP BY a;", "1: SELECT a FROM t GROUP BY a HAVING count(*) > (SELECT n FROM m);"}},
		{"DISTINCT is dropped", "sql/drop-distinct",
			"SELECT DISTINCT a, count(DISTINCT b) FROM t;",
			[]string{"1: SELECT a, count(DISTINCT b) FROM t;", "1: SELECT DISTINCT a, count(b) FROM t;"}},
		{"RETURNING is dropped to the end of its statement", "sql/drop-returning",
			"INSERT INTO t (a) VALUES (1)\nRETURNING id, a;\nSELECT 1;",
			[]string{"1: INSERT INTO t (a) VALUES (1);"}},
		{"each column constraint is dropped, PRIMARY KEY stays", "sql/drop-constraint",
			"CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  a TEXT NOT NULL UNIQUE,\n  b INTEGER CHECK (b >= 0) DEFAULT (0),\n  c TEXT REFERENCES p (name) ON DELETE CASCADE\n);",
			[]string{"3: a TEXT UNIQUE,", "3: a TEXT NOT NULL,", "4: b INTEGER DEFAULT (0),", "4: b INTEGER CHECK (b >= 0),", "5: c TEXT"}},
		{"a table constraint is dropped with its comma", "sql/drop-constraint",
			"CREATE TEMP TABLE t (a TEXT, b TEXT, UNIQUE (a, b));",
			[]string{"1: CREATE TEMP TABLE t (a TEXT, b TEXT);"}},
		{"OR IGNORE and OR REPLACE swap", "sql/or-ignore-replace",
			"INSERT OR IGNORE INTO t VALUES (1);\ninsert or replace into t values (2);",
			[]string{"1: INSERT OR REPLACE INTO t VALUES (1);", "2: insert or ignore into t values (2);"}},
		{"savepoints go, and a trigger's body stays one statement", "sql/drop-savepoint",
			"SAVEPOINT s;\nCREATE TRIGGER g AFTER INSERT ON t BEGIN\n  UPDATE u SET n = n + 1;\nEND;\nRELEASE s;",
			[]string{"1: deleted: SAVEPOINT s;", "5: deleted: RELEASE s;"}},
		{"each statement of several goes", "sql/drop-statement",
			"-- one\nINSERT INTO t VALUES (1);\n\nINSERT INTO t\nVALUES (2);",
			[]string{"2: deleted: INSERT INTO t VALUES (1);", "4: deleted: INSERT INTO t"}},
		{"the only statement stays", "sql/drop-statement", "SELECT 1;", nil},
		{"integers move by one, not a type's size, a real or a name", "sql/int",
			"CREATE TABLE t (a VARCHAR(10) DEFAULT 5, b REAL DEFAULT 1.5, c2 TEXT);",
			[]string{"1: CREATE TABLE t (a VARCHAR(10) DEFAULT 6, b REAL DEFAULT 1.5, c2 TEXT);", "1: CREATE TABLE t (a VARCHAR(10) DEFAULT 4, b REAL DEFAULT 1.5, c2 TEXT);"}},
		{"text goes in double quotes, a text with one in it does not", "sql/quote-text",
			`SELECT 'it''s', 'say "hi"', "name" -- 'not this'`,
			[]string{`1: SELECT "it's", 'say "hi"', "name" -- 'not this'`}},
	})
}

func TestSQLMultiLineChange(t *testing.T) {
	in := "SELECT a\nFROM t\nWHERE a > 1\n  AND b < 2;"
	for _, m := range mutate.Mutants("sql", in) {
		if m.Operator == "sql/drop-condition" && m.Line == 3 && m.Changed == "WHERE b < 2;" {
			if m.Original != "WHERE a > 1" || m.Content != "SELECT a\nFROM t\nWHERE b < 2;" {
				t.Errorf("got %+v", m)
			}
			return
		}
	}
	t.Errorf("no mutant drops a > 1 of\n%s", in)
}
