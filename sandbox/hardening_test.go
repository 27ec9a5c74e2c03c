package sandbox

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestHardening proves each of the sandbox's settings that TestEscapes does
// not reach: the connection's mode and PRAGMAs, and each SQLite limit.
// Statements marked host run as the tutor's, past the authorizer, to show
// that the setting holds by itself.
func TestHardening(t *testing.T) {
	nested := func(depth int) string { // 1+(1+(...)) nested depth deep
		return "SELECT " + strings.Repeat("1+(", depth) + "1" + strings.Repeat(")", depth) + ";"
	}
	triggers := func(depth int) string { // an insert into t0 fires depth triggers, each inside the last
		sql := "CREATE TABLE t0(x);"
		for i := 1; i <= depth; i++ {
			sql += fmt.Sprintf("CREATE TABLE t%d(x); CREATE TRIGGER g%d AFTER INSERT ON t%d BEGIN INSERT INTO t%d VALUES (NEW.x); END;", i, i, i-1, i)
		}
		return sql + fmt.Sprintf("INSERT INTO t0 VALUES (1); SELECT count(*) FROM t%d;", depth)
	}
	tests := []struct {
		name string
		host bool
		sql  string
		want any // the single value the statement returns, or an error's text
	}{
		{"defensive mode: the schema cannot be written", true,
			"CREATE TABLE t(x); PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE TABLE t(y)';",
			"may not be modified"},
		{"untrusted schema", true, "PRAGMA trusted_schema;", int64(0)},
		{"temporary data in memory", true, "PRAGMA temp_store;", int64(2)},
		{"foreign keys enforced", false,
			"CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(p REFERENCES p(id)); INSERT INTO c VALUES (1);",
			"FOREIGN KEY constraint failed"},
		{"no database attached", true, "ATTACH ':memory:' AS x;", "too many attached databases - max 0"},
		{"a statement's length", false, "SELECT 1" + strings.Repeat(" ", maxSQLLength) + ";", "larger than the sandbox allows"},
		{"a value's length", true, fmt.Sprintf("SELECT length(zeroblob(%d));", maxLength+1), "larger than the sandbox allows"},
		{"a value within the length", true, fmt.Sprintf("SELECT length(zeroblob(%d));", maxLength), int64(maxLength)},
		{"an expression's depth", false, nested(maxExprDepth + 1), fmt.Sprintf("maximum depth %d", maxExprDepth)},
		{"an expression within the depth", false, nested(maxExprDepth / 2), int64(maxExprDepth/2 + 1)},
		{"triggers' depth", false, triggers(maxTriggers + 1), "triggers nested too deep"},
		{"triggers within the depth", false, triggers(maxTriggers), int64(1)},
		{"a LIKE pattern's length", false, "SELECT 'a' LIKE '" + strings.Repeat("%", maxLikePattern+1) + "';", "LIKE or GLOB pattern too complex"},
		{"the number of parameters", false, fmt.Sprintf("SELECT ?%d;", maxVariables+1), fmt.Sprintf("between ?1 and ?%d", maxVariables)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t, Options{})
			s.host = tt.host
			res, err := s.Run(context.Background(), Script{SQL: tt.sql})
			if want, ok := tt.want.(string); ok {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("got %v, want an error with %q", err, want)
				}
				return
			}
			if err != nil || len(res.Rows) != 1 || !reflect.DeepEqual(res.Rows[0], []any{tt.want}) {
				t.Fatalf("got %v %v, want %v", res, err, tt.want)
			}
		})
	}
}

// TestStrictQuotes: with StrictQuotes, double quotes name identifiers only;
// without it, SQLite's default reads "x" naming no column as the string 'x'.
func TestStrictQuotes(t *testing.T) {
	ctx := context.Background()
	const sql = `CREATE TABLE t(a); INSERT INTO t VALUES (1); SELECT "nope" FROM t;`
	res, err := newSandbox(t, Options{}).Run(ctx, Script{SQL: sql})
	if err != nil || !reflect.DeepEqual(res.Rows, [][]any{{"nope"}}) {
		t.Errorf("by default: got %v %v, want the string nope", res, err)
	}
	_, err = newSandbox(t, Options{StrictQuotes: true}).Run(ctx, Script{SQL: sql})
	if err == nil || !strings.Contains(err.Error(), `no such column: "nope"`) {
		t.Errorf("with StrictQuotes: got %v, want no such column", err)
	}
	_, err = newSandbox(t, Options{StrictQuotes: true}).Run(ctx, Script{SQL: `CREATE TABLE t(a); CREATE INDEX i ON t("nope");`})
	if err == nil || !strings.Contains(err.Error(), `no such column: "nope"`) {
		t.Errorf("with StrictQuotes, in a CREATE INDEX: got %v, want no such column", err)
	}
}
