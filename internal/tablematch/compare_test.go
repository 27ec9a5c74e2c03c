package tablematch

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// compareCase is one call of Compare and what it must return.
type compareCase struct {
	name      string
	mode      string
	want      string // the expect block's body
	cols      []string
	rows      [][]any
	truncated bool
	ok        bool
	// For a mismatch:
	missing, extra [][]string
	wrongOrder     bool
	columns        string   // in Mismatch.Columns; "" when it must be empty
	phrases        []string // in Error()
	absent         []string // not in Error()
	checkSQL       bool     // set Mismatch.CheckSQL before Error()
}

var scores = "| player | score |\n| --- | --- |\n| ada | 300 |\n| grace | 250 |\n| linus | 100 |\n"
var scoreCols = []string{"player", "score"}

func scoreRows(names ...string) [][]any {
	points := map[string]any{"ada": int64(300), "grace": int64(250), "linus": int64(100), "alan": int64(90)}
	var rows [][]any
	for _, n := range names {
		rows = append(rows, []any{n, points[n]})
	}
	return rows
}

func TestCompareModes(t *testing.T) {
	runCompare(t, []compareCase{
		{name: "ordered rows in order", want: scores, cols: scoreCols, rows: scoreRows("ada", "grace", "linus"), ok: true},
		{name: "ordered rows in another order", want: scores, cols: scoreCols, rows: scoreRows("grace", "ada", "linus"), wrongOrder: true,
			phrases: []string{"the rows are right but in a different order", "first difference is at row 1", "ORDER BY",
				"expected order:\n  | player | score |\n  | ada    | 300   |", "your order:\n  | player | score |\n  | grace  | 250   |"}},
		{name: "unordered rows in another order", mode: "unordered", want: scores, cols: scoreCols, rows: scoreRows("linus", "ada", "grace"), ok: true},
		{name: "unordered counts duplicates", mode: "unordered", want: "| ada |\n| ada |\n| grace |", rows: [][]any{{"ada"}, {"grace"}, {"grace"}},
			missing: [][]string{{"ada"}}, extra: [][]string{{"grace"}}},
		{name: "unordered duplicate missing", mode: "unordered", want: "| ada |\n| ada |", rows: [][]any{{"ada"}},
			missing: [][]string{{"ada"}}, phrases: []string{"Missing row: 1 expected row is not in your result."}},
		{name: "contains with extra rows in the result", mode: "contains", want: "| grace | 250 |", cols: scoreCols, rows: scoreRows("ada", "grace", "linus"), ok: true},
		{name: "contains uses each row once", mode: "contains", want: "| ada |\n| ada |", rows: [][]any{{"ada"}, {"grace"}},
			missing: [][]string{{"ada"}}, phrases: []string{"Missing row: 1 of the 2 expected rows is not in your result."}},
		{name: "contains a single row", mode: "contains", want: "| ada |", rows: [][]any{{"grace"}},
			missing: [][]string{{"ada"}}, phrases: []string{"Missing row: the expected row is not in your result."}, absent: []string{"1 of the 1"}},
		{name: "contains with an empty expect", mode: "contains", want: "", cols: scoreCols, rows: scoreRows("ada"), truncated: true, ok: true},
		{name: "empty expect and no rows", want: "", cols: scoreCols, ok: true},
		{name: "empty unordered expect and rows", mode: "unordered", want: "", cols: scoreCols, rows: scoreRows("ada", "grace"),
			extra: [][]string{{"ada", "300"}, {"grace", "250"}}, phrases: []string{"Expected no rows, but your result has 2 rows.", "expected: no rows"}},
		{name: "missing and extra rows", want: scores, cols: scoreCols, rows: scoreRows("ada", "grace", "alan"),
			missing: [][]string{{"linus", "100"}}, extra: [][]string{{"alan", "90"}},
			phrases: []string{"1 expected row is missing and 1 row is not expected",
				"missing rows (expected, not in your result):\n  | player | score |\n- | linus  | 100   |",
				"extra rows (in your result, not expected):\n  | player | score |\n+ | alan   | 90    |",
				"expected:\n", "your result:\n"}},
		{name: "no result table", want: scores, missing: [][]string{{"ada", "300"}, {"grace", "250"}, {"linus", "100"}},
			phrases: []string{"is the last statement a SELECT?", "your result: no rows"}},
		{name: "wildcard row and exact row share a result row", mode: "unordered", want: "| ... |\n| x |", rows: [][]any{{"x"}, {"y"}}, ok: true},
		{name: "unknown mode is ordered", mode: "sorted", want: "| a |\n| b |", rows: [][]any{{"b"}, {"a"}}, wrongOrder: true},
	})
}

func TestCompareColumns(t *testing.T) {
	three := []string{"id", "player", "score"}
	threeRows := [][]any{{int64(1), "ada", int64(300)}}
	runCompare(t, []compareCase{
		{name: "names compared case-insensitively", want: scores, cols: []string{"PLAYER", "Score"}, rows: scoreRows("ada", "grace", "linus"), ok: true},
		{name: "names not compared without a separator", want: "| ada | 300 |", cols: []string{"a", "b"}, rows: scoreRows("ada"), ok: true},
		{name: "wrong column name", mode: "unordered", want: scores, cols: []string{"player", "points"}, rows: scoreRows("ada", "grace", "linus"),
			columns: `column 2 is named "points"; expected "score"`, phrases: []string{"Name the column with AS: ... AS score"}, absent: []string{"points AS"}},
		{name: "two wrong column names", want: "| a | b |\n| - | - |", cols: []string{"x", "y"},
			columns: "Wrong column names:", phrases: []string{"Name each column with AS, as in ... AS a"}},
		{name: "columns in another order", want: "| score | player |\n| - | - |", cols: scoreCols,
			columns: "Wrong column names:", phrases: []string{`column 1 is named "player"; expected "score"`,
				"The columns are right but in another order: list them after SELECT as score, player."}},
		{name: "wildcard in a column name", want: "| max(...) |\n| --- |\n| 300 |", cols: []string{"MAX(score)"}, rows: [][]any{{int64(300)}}, ok: true},
		{name: "too many columns", want: scores, cols: three, rows: threeRows,
			columns: "expected 2 columns (player, score), got 3 (id, player, score)", phrases: []string{"your result:\n  | id | player | score |"}},
		{name: "too many columns in unordered mode", mode: "unordered", want: scores, cols: three, rows: threeRows, columns: "got 3"},
		{name: "too many columns in contains mode", mode: "contains", want: "| ada | 300 |", cols: three, rows: threeRows,
			columns: "expected 2 columns, got 3 (id, player, score)"},
	})
}

func TestCompareCells(t *testing.T) {
	one := func(name, cell string, v any, ok bool) compareCase {
		c := compareCase{name: name, want: "| " + cell + " |", rows: [][]any{{v}}, ok: ok}
		if !ok {
			c.missing, c.extra = [][]string{{strings.ReplaceAll(cell, `\|`, "|")}}, [][]string{{showValue(v)}}
		}
		return c
	}
	runCompare(t, []compareCase{
		one("NULL matches nil", "NULL", nil, true),
		one("NULL does not match the text NULL", "NULL", "NULL", false),
		one("text does not match nil", "ada", nil, false),
		one("empty cell does not match nil", "", nil, false),
		one("integer", "3", int64(3), true),
		one("integer written as real", "3.0", int64(3), true),
		one("real written as integer", "3", 3.0, true),
		one("exponent", "1e2", int64(100), true),
		one("real", "0.1", 0.1, true),
		one("real rounded as SQLite shows it", "0.3", 0.1+0.2, true),
		one("real as SQLite writes it", "1.0e+20", 1e20, true),
		one("large integer", "9007199254740993", int64(9007199254740993), true),
		one("large integers differ", "9007199254740993", int64(9007199254740992), false),
		one("different numbers", "2.5", 2.4, false),
		one("number and numeric text", "3", "3.0", true),
		one("number and other text", "3", "three", false),
		one("number and blob", "3", []byte("3"), false),
		one("blob", "X'0A1B'", []byte{0x0a, 0x1b}, true),
		one("text is case-sensitive", "ada", "Ada", false),
		one("escaped pipe", `a \| b`, "a | b", true),
		one("wildcard alone", "...", "anything", true),
		one("wildcard alone matches NULL", "...", nil, true),
		one("wildcard at the start", "...ing", "sing", true),
		one("wildcard at the end", "SEARCH scores USING INDEX ...", "SEARCH scores USING INDEX idx_score (score>?)", true),
		one("wildcard in the middle", "a...z", "a to z", true),
		one("several wildcards", "...x...y...", "1x2y3", true),
		one("wildcards keep their order", "...y...x...", "1x2y3", false),
		one("wildcard does not match NULL", "a...", nil, false),
		one("wildcard on a number's text", "3.1...", 3.14159, true),
	})
}

func TestCompareMessages(t *testing.T) {
	var many [][]any
	var body strings.Builder
	for i := range 30 {
		many = append(many, []any{int64(i)})
		fmt.Fprintf(&body, "| %d |\n", i)
	}
	swapped := append([][]any{}, many...)
	swapped[20], swapped[21] = swapped[21], swapped[20]
	runCompare(t, []compareCase{
		{name: "truncated result", want: "| 1 |\n| 2 |", rows: [][]any{{int64(1)}, {int64(2)}}, truncated: true,
			phrases: []string{"the query returned more than 2 rows; only the first 2 were read", "The expected result has 2 rows"}},
		{name: "truncated result in contains mode", mode: "contains", want: "| 2 |", rows: [][]any{{int64(1)}, {int64(2)}}, truncated: true, ok: true},
		{name: "truncated result missing a row", mode: "contains", want: "| 3 |", rows: [][]any{{int64(1)}}, truncated: true,
			missing: [][]string{{"3"}}, phrases: []string{"more than 1 row; only the first was read"}},
		{name: "long lists are cut", want: "| 0 |", rows: many, extra: stringRows(many[1:]),
			phrases: []string{"+ | 10 |\n  ... and 19 more"}},
		{name: "wrong order far down shows the rows around it", want: body.String(), rows: swapped, wrongOrder: true,
			phrases: []string{"first difference is at row 21", "... 18 rows before\n  | 18 |", "your order:\n  ... 18 rows before\n  | 18 |\n  | 19 |\n  | 21 |"}},
		{name: "a text that differs only in case", want: "| Hello, backend |", rows: [][]any{{"hello, backend"}},
			missing: [][]string{{"Hello, backend"}}, extra: [][]string{{"hello, backend"}},
			phrases: []string{"Your 'hello, backend' differs from the expected 'Hello, backend' only in upper and lower case: text is compared exactly"}},
		{name: "a text that differs only in spaces", want: "| 1 | Hello, backend |", rows: [][]any{{int64(1), "Hello,  backend"}},
			missing: [][]string{{"1", "Hello, backend"}}, extra: [][]string{{"1", "Hello,  backend"}},
			phrases: []string{"Your 'Hello,  backend' differs from the expected 'Hello, backend' only in its spaces"}},
		{name: "texts that differ otherwise get no such note", want: "| Hello |", rows: [][]any{{"Help"}},
			missing: [][]string{{"Hello"}}, extra: [][]string{{"Help"}}, absent: []string{"only in"}},
		{name: "text NULL is told from NULL", want: "| NULL |", rows: [][]any{{"NULL"}}, missing: [][]string{{"NULL"}}, extra: [][]string{{"'NULL'"}},
			phrases: []string{"'NULL' in quotes is the text NULL"}},
		{name: "the query's rows where its plan is expected", mode: "contains", want: "| ... | ... | ... | SEARCH scores USING INDEX scores_by_score ... |",
			cols: scoreCols, rows: scoreRows("ada"), columns: "Wrong number of columns: expected 4 columns, got 2 (player, score).",
			phrases: []string{"The check compares the query's plan (its SCAN and SEARCH lines), not its rows: put EXPLAIN QUERY PLAN in front of the SELECT."}},
		{name: "rows with the wrong number of columns", want: "| ada |", cols: scoreCols, rows: scoreRows("ada"),
			columns: "Wrong number of columns: expected 1 column, got 2 (player, score).", phrases: []string{"List exactly the columns you want after SELECT"},
			absent: []string{"EXPLAIN QUERY PLAN"}},
		{name: "long values are cut", want: "| a |", rows: [][]any{{strings.Repeat("x", 100) + "\n"}},
			missing: [][]string{{"a"}}, extra: [][]string{{strings.Repeat("x", 100) + "\n"}}, phrases: []string{strings.Repeat("x", 39) + "…"}},
	})
}

func stringRows(rows [][]any) [][]string {
	var out [][]string
	for _, r := range rows {
		var s []string
		for _, v := range r {
			s = append(s, textfmt.Value(v))
		}
		out = append(out, s)
	}
	return out
}

func runCompare(t *testing.T, tests []compareCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := lessons.ParseTable(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			m := Compare(tt.mode, want, tt.cols, tt.rows, tt.truncated)
			if m != nil {
				m.CheckSQL = tt.checkSQL
			}
			if tt.ok {
				if m != nil {
					t.Fatalf("Compare found a mismatch:\n%s", m.Error())
				}
				return
			}
			if m == nil {
				t.Fatal("Compare = nil, want a mismatch")
			}
			checkMismatch(t, tt, m)
		})
	}
}

func checkMismatch(t *testing.T, tt compareCase, m *Mismatch) {
	t.Helper()
	msg := m.Error()
	if !reflect.DeepEqual(m.Missing, tt.missing) {
		t.Errorf("Missing = %q, want %q", m.Missing, tt.missing)
	}
	if !reflect.DeepEqual(m.Extra, tt.extra) {
		t.Errorf("Extra = %q, want %q", m.Extra, tt.extra)
	}
	if m.WrongOrder != tt.wrongOrder {
		t.Errorf("WrongOrder = %v, want %v", m.WrongOrder, tt.wrongOrder)
	}
	if m.Truncated != tt.truncated {
		t.Errorf("Truncated = %v, want %v", m.Truncated, tt.truncated)
	}
	if tt.columns == "" && m.Columns != "" || !strings.Contains(m.Columns, tt.columns) {
		t.Errorf("Columns = %q, want it to hold %q", m.Columns, tt.columns)
	}
	phrases := tt.phrases
	if !tt.checkSQL { // Error leaves out Columns for a check's own query
		phrases = append(phrases, tt.columns)
	}
	for _, p := range phrases {
		if !strings.Contains(msg, p) {
			t.Errorf("message lacks %q:\n%s", p, msg)
		}
	}
	for _, p := range tt.absent {
		if strings.Contains(msg, p) {
			t.Errorf("message holds %q:\n%s", p, msg)
		}
	}
	if strings.Contains(msg, "\x1b") {
		t.Errorf("message holds an escape sequence:\n%s", msg)
	}
}

func TestCompareManyDuplicates(t *testing.T) {
	var body strings.Builder
	var rows [][]any
	for i := range 3000 {
		body.WriteString("| ada | 300 |\n")
		if i < 2000 {
			rows = append(rows, []any{"ada", int64(300)})
		}
	}
	want, _ := lessons.ParseTable(body.String())
	m := Compare("unordered", want, scoreCols, rows, false)
	if m == nil || len(m.Missing) != 1000 || len(m.Extra) != 0 {
		t.Fatalf("Compare = %+v, want 1000 missing rows", m)
	}
}

func TestCompareCheckSQL(t *testing.T) {
	names := "| name |\n| --- |\n| id |\n| title |"
	runCompare(t, []compareCase{
		{name: "wrong order of the check's rows", want: names, cols: []string{"name"}, rows: [][]any{{"title"}, {"id"}},
			wrongOrder: true, checkSQL: true,
			phrases: []string{"the rows are right but in a different order", "The order of what you wrote matters here",
				"the order of the columns in your CREATE TABLE", "of the rows you insert"},
			absent: []string{"ORDER BY"}},
		{name: "wrong order of the learner's rows", want: names, cols: []string{"name"}, rows: [][]any{{"title"}, {"id"}},
			wrongOrder: true, phrases: []string{"add an ORDER BY"}, absent: []string{"CREATE TABLE"}},
		{name: "wrong column name in the check's result", mode: "unordered", want: names, cols: []string{"title"},
			rows: [][]any{{"id"}, {"title"}}, checkSQL: true, columns: `column 1 is named "title"`,
			phrases: []string{"The column names are not the expected ones: expected name; got title.",
				"expected:\n  | name ", "your result:\n  | title |"},
			absent: []string{" AS ", "is named", "after SELECT"}},
		{name: "check's columns in another order", want: "| b | a |\n| - | - |", cols: []string{"a", "b"}, checkSQL: true,
			columns: "Wrong column names:", phrases: []string{"expected b, a; got a, b."}, absent: []string{"after SELECT", "is named"}},
		{name: "wrong number of the check's columns", want: scores, cols: []string{"id", "player", "score"},
			rows: [][]any{{int64(1), "ada", int64(300)}}, checkSQL: true, columns: "expected 2 columns (player, score), got 3",
			absent: []string{"after SELECT"}},
		{name: "check's result cut short", want: "| 1 |\n| 2 |", rows: [][]any{{int64(1)}, {int64(2)}}, truncated: true, checkSQL: true,
			phrases: []string{"The expected result has 2 rows."}, absent: []string{"WHERE", "LIMIT"}},
		{name: "check's statement returned nothing", want: "| 1 |", checkSQL: true, missing: [][]string{{"1"}},
			phrases: []string{"Missing row: your result has no rows, but 1 row was expected."}, absent: []string{"SELECT?"}},
	})
}

func TestCompareWildcardNote(t *testing.T) {
	const note = "(... in an expected value stands for any text)"
	runCompare(t, []compareCase{
		{name: "wildcard in an expected row", want: "| ada... |", rows: [][]any{{"grace"}},
			missing: [][]string{{"ada..."}}, extra: [][]string{{"grace"}}, phrases: []string{note}},
		{name: "wildcard in an expected column name", want: "| max(...) |\n| --- |\n| 300 |", cols: []string{"max(score)"},
			rows: [][]any{{int64(200)}}, missing: [][]string{{"300"}}, extra: [][]string{{"200"}}, phrases: []string{note}},
		{name: "no wildcard", want: "| ada |", rows: [][]any{{"grace"}},
			missing: [][]string{{"ada"}}, extra: [][]string{{"grace"}}, absent: []string{note}},
	})
}

func TestCompareCounts(t *testing.T) {
	runCompare(t, []compareCase{
		{name: "one extra row", mode: "unordered", want: "| ada |", rows: [][]any{{"ada"}, {"grace"}},
			extra: [][]string{{"grace"}}, phrases: []string{"Extra row: your result has 1 row that is not expected."}},
		{name: "two extra rows", mode: "unordered", want: "| ada |", rows: [][]any{{"ada"}, {"grace"}, {"linus"}},
			extra: [][]string{{"grace"}, {"linus"}}, phrases: []string{"Extra rows: your result has 2 rows that are not expected."}},
		{name: "one row where none was expected", want: "", rows: [][]any{{"ada"}},
			extra: [][]string{{"ada"}}, phrases: []string{"Expected no rows, but your result has 1 row."}},
		{name: "no rows where one was expected", want: "| ada |", cols: []string{"name"}, missing: [][]string{{"ada"}},
			phrases: []string{"Missing row: your result has no rows, but 1 row was expected."}},
		{name: "no rows where two were expected", want: "| ada |\n| grace |", cols: []string{"name"}, missing: [][]string{{"ada"}, {"grace"}},
			phrases: []string{"Missing rows: your result has no rows, but 2 rows were expected."}},
		{name: "one expected column", want: "| a |\n| - |", cols: []string{"a", "b"},
			columns: "expected 1 column (a), got 2 (a, b)"},
	})
}
