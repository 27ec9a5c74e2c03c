// Package tablematch compares what a SQL check's query returned with the
// table of its expect block (in order, unordered, or contained, with "..."
// wildcards and numbers equal however written), and says how they differ:
// Mismatch, whose fields a screen draws and whose Error a beginner reads.
package tablematch

import (
	"fmt"
	"strings"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// Compare compares a query's result (its column names, its rows of int64,
// float64, string, []byte or nil, and whether reading stopped at a cap)
// with want, the expect block's table, and returns nil when they match.
//
// mode is "" (the same rows in the same order), "unordered" (the same rows
// in any order, duplicates counted) or "contains" (each expected row is
// found among the result's rows, each row used once); any other mode is
// treated as "". A table without rows expects no rows, except in
// "contains" mode, where it always matches. A result with no columns (a
// statement that is not a query) has its column names and number left
// unchecked.
func Compare(mode string, want lessons.Table, columns []string, rows [][]any, truncated bool) *Mismatch {
	if mode != "unordered" && mode != "contains" {
		mode = ""
	}
	if mode == "contains" && len(want.Rows) == 0 {
		return nil
	}
	m := &Mismatch{Mode: mode, Expected: want, Actual: actualTable(columns, rows)}
	if width := want.Width(); width > 0 && len(columns) > 0 && width != len(columns) {
		m.Columns = columnCount(want, columns)
		m.columnAdvice = "List exactly the columns you want after SELECT, in that order (SELECT * gives every column of the table)."
		if isPlan(want) {
			m.columnAdvice = "The check compares the query's plan (its SCAN and SEARCH lines), not its rows: " +
				"put EXPLAIN QUERY PLAN in front of the SELECT."
		}
		m.Truncated = truncated
		return m
	}
	m.Columns, m.columnAdvice = columnNames(want.Columns, columns)
	values := make([][]value, len(rows))
	for i, row := range rows {
		values[i] = make([]value, len(row))
		for j, v := range row {
			values[i][j] = newValue(v)
		}
	}
	m.compareRows(newRows(want.Rows), values)
	if m.Columns == "" && len(m.Missing) == 0 && len(m.Extra) == 0 && !m.WrongOrder && (!truncated || mode == "contains") {
		return nil
	}
	m.Truncated = truncated
	return m
}

func actualTable(columns []string, rows [][]any) lessons.Table {
	t := lessons.Table{Columns: columns}
	for _, row := range rows {
		shown := make([]string, len(row))
		for i, v := range row {
			shown[i] = showValue(v)
		}
		t.Rows = append(t.Rows, shown)
	}
	return t
}

func newRows(rows [][]string) [][]cell {
	cells := make([][]cell, len(rows))
	for i, row := range rows {
		cells[i] = make([]cell, len(row))
		for j, c := range row {
			cells[i][j] = newCell(c)
		}
	}
	return cells
}

// compareRows sets the Missing, Extra and WrongOrder of m.
func (m *Mismatch) compareRows(want [][]cell, got [][]value) {
	if m.Mode == "" && inOrder(want, got) >= len(want) && len(want) == len(got) {
		return
	}
	wantMatch, gotMatch := matchRows(want, got)
	for i, j := range wantMatch {
		if j < 0 {
			m.Missing = append(m.Missing, m.Expected.Rows[i])
		}
	}
	if m.Mode == "contains" {
		return
	}
	for j, i := range gotMatch {
		if i < 0 {
			m.Extra = append(m.Extra, m.Actual.Rows[j])
		}
	}
	if m.Mode == "" && len(m.Missing) == 0 && len(m.Extra) == 0 {
		m.WrongOrder = true
		m.FirstDifference = inOrder(want, got) + 1
	}
}

// inOrder returns the index of the first row where want and got differ.
func inOrder(want [][]cell, got [][]value) int {
	i := 0
	for i < len(want) && i < len(got) && rowMatches(want[i], got[i]) {
		i++
	}
	return i
}

func rowMatches(want []cell, got []value) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !want[i].matches(got[i]) {
			return false
		}
	}
	return true
}

// isPlan reports whether an expected table is a query plan, as EXPLAIN
// QUERY PLAN gives it: a line that starts with SCAN or SEARCH.
func isPlan(want lessons.Table) bool {
	for _, row := range want.Rows {
		for _, c := range row {
			if strings.HasPrefix(c, "SCAN ") || strings.HasPrefix(c, "SEARCH ") {
				return true
			}
		}
	}
	return false
}

// columnCount describes a result with the wrong number of columns.
func columnCount(want lessons.Table, columns []string) string {
	exp := fmt.Sprintf("expected %d %s", want.Width(), textfmt.Plural(want.Width(), "column"))
	if want.Columns != nil {
		exp += " (" + strings.Join(want.Columns, ", ") + ")"
	}
	return fmt.Sprintf("Wrong number of columns: %s, got %d (%s).", exp, len(columns), strings.Join(columns, ", "))
}

// columnNames compares the expected column names with the result's. It
// returns the differences and how to fix them in a query; "" for both
// when there are none.
func columnNames(want, got []string) (problem, advice string) {
	if want == nil || len(want) != len(got) {
		return "", ""
	}
	var wrong []string
	first := -1
	for i := range want {
		if textfmt.WildMatch(strings.ToLower(want[i]), strings.ToLower(got[i])) {
			continue
		}
		if first < 0 {
			first = i
		}
		wrong = append(wrong, fmt.Sprintf("column %d is named %q; expected %q", i+1, got[i], want[i]))
	}
	switch {
	case len(wrong) == 0:
		return "", ""
	case len(wrong) == 1:
		problem = "Wrong column name: " + wrong[0] + "."
	default:
		problem = "Wrong column names:\n  " + strings.Join(wrong, "\n  ")
	}
	switch {
	case sameNames(want, got):
		advice = fmt.Sprintf("The columns are right but in another order: list them after SELECT as %s.", strings.Join(want, ", "))
	case strings.Contains(want[first], textfmt.Wildcard):
		advice = "Name a result column with AS, as in max(score) AS best."
	case len(wrong) == 1:
		advice = "Name the column with AS: ... AS " + want[first]
	default:
		advice = "Name each column with AS, as in ... AS " + want[first]
	}
	return problem, advice
}

// sameNames says whether want and got hold the same names (ignoring case)
// in some order.
func sameNames(want, got []string) bool {
	count := map[string]int{}
	for i := range want {
		count[strings.ToLower(want[i])]++
		count[strings.ToLower(got[i])]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// rowGraph pairs expected rows with result rows, each used at most once.
// Expected rows written alike form one class: they match the same result
// rows, so the search for a pairing looks at a class once, not at each of
// its rows.
type rowGraph struct {
	class  []int   // class of each expected row
	adj    [][]int // result rows that each class matches
	dead   []bool  // classes that can be paired with nothing more
	seen   []int   // stamp of the search that last looked at each class
	stamp  int
	uses   []int // result row of each expected row, or -1
	usedBy []int // expected row of each result row, or -1
}

// matchRows pairs as many expected rows with result rows as can be (a
// maximum bipartite matching). It returns the result row of each expected
// row and the expected row of each result row, -1 where there is none.
func matchRows(want [][]cell, got [][]value) (wantMatch, gotMatch []int) {
	g := newRowGraph(want, got)
	next := make([]int, len(g.adj))
	for i, c := range g.class { // pair greedily, in order, first
		for next[c] < len(g.adj[c]) {
			j := g.adj[c][next[c]]
			next[c]++
			if g.usedBy[j] < 0 {
				g.uses[i], g.usedBy[j] = j, i
				break
			}
		}
	}
	for i, c := range g.class {
		if g.uses[i] >= 0 || g.dead[c] {
			continue
		}
		g.stamp++
		if !g.augment(i) {
			g.dead[c] = true // no later pairing opens a path for it
		}
	}
	return g.uses, g.usedBy
}

func newRowGraph(want [][]cell, got [][]value) *rowGraph {
	g := &rowGraph{class: make([]int, len(want)), uses: make([]int, len(want)), usedBy: make([]int, len(got))}
	byKey := map[string][]int{}
	for j, row := range got {
		g.usedBy[j] = -1
		k := valueKey(row)
		byKey[k] = append(byKey[k], j)
	}
	classes := map[string]int{}
	for i, row := range want {
		g.uses[i] = -1
		k, exact := cellKey(row)
		c, ok := classes[k]
		if !ok {
			c = len(g.adj)
			classes[k] = c
			g.adj = append(g.adj, adjacent(row, exact, byKey[k], got))
		}
		g.class[i] = c
	}
	g.dead = make([]bool, len(g.adj))
	g.seen = make([]int, len(g.adj))
	return g
}

// adjacent returns the result rows that an expected row matches.
func adjacent(row []cell, exact bool, sameKey []int, got [][]value) []int {
	if exact {
		return sameKey
	}
	var adj []int
	for j := range got {
		if rowMatches(row, got[j]) {
			adj = append(adj, j)
		}
	}
	return adj
}

// augment looks for a path that pairs expected row i, moving earlier
// pairs along, and makes the pairs of the path when it finds one.
func (g *rowGraph) augment(i int) bool {
	c := g.class[i]
	if g.seen[c] == g.stamp {
		return false
	}
	g.seen[c] = g.stamp
	for _, j := range g.adj[c] {
		if k := g.usedBy[j]; k < 0 || (k != i && g.augment(k)) {
			g.uses[i], g.usedBy[j] = j, i
			return true
		}
	}
	return false
}

// cellKey returns the key of an expected row and whether the row is exact
// (no "..."): an exact row matches the result rows with the same valueKey.
// A row with "..." gets a key of its own text.
func cellKey(row []cell) (string, bool) {
	var b strings.Builder
	for _, c := range row {
		if c.any || c.wild {
			return "w" + textKey(row), false
		}
		fmt.Fprintf(&b, "%d:%s", len(c.key), c.key)
	}
	return "k" + b.String(), true
}

func textKey(row []cell) string {
	var b strings.Builder
	for _, c := range row {
		fmt.Fprintf(&b, "%d:%s", len(c.text), c.text)
	}
	return b.String()
}

func valueKey(row []value) string {
	var b strings.Builder
	b.WriteString("k")
	for _, v := range row {
		fmt.Fprintf(&b, "%d:%s", len(v.key), v.key)
	}
	return b.String()
}
