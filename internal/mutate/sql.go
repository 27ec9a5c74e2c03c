package mutate

import (
	"strconv"
	"strings"
)

// sqlEdits derives the edits of every SQL operator, in the order of the
// package comment.
func sqlEdits(content string) []edit {
	stmts := sqlStatements(sqlTokens(content))
	var edits []edit
	for _, st := range stmts {
		if st.toks[0].is("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT", "END", "ROLLBACK") {
			edits = append(edits, remove("sql/drop-savepoint", content, st.toks[0].start, st.end))
		}
	}
	if len(stmts) > 1 {
		for _, st := range stmts {
			edits = append(edits, remove("sql/drop-statement", content, st.toks[0].start, st.end))
		}
	}
	for _, st := range stmts {
		edits = append(edits, sqlStatementEdits(content, st.toks)...)
	}
	return edits
}

// sqlStatementEdits derives the edits inside one statement.
func sqlStatementEdits(content string, toks []sqlToken) []edit {
	var edits []edit
	add := func(op string, t sqlToken, text string) {
		edits = append(edits, edit{op: op, start: t.start, end: t.end, text: text})
	}
	for i, t := range toks {
		if t.is("ASC", "DESC") {
			add("sql/asc-desc", t, sameCase(t.text, map[string]string{"ASC": "DESC", "DESC": "ASC"}[t.up]))
		}
		if t.is("ORDER") && i+1 < len(toks) && toks[i+1].is("BY") {
			edits = append(edits, orderBy(content, toks, i)...)
		}
	}
	for i, t := range toks {
		if t.is("LIMIT", "OFFSET") {
			edits = append(edits, limitOffset(toks, i)...)
		}
	}
	edits = append(edits, comparisons(toks)...)
	for i, t := range toks {
		if t.is("JOIN") {
			edits = append(edits, join(toks, i)...)
		}
	}
	for i, t := range toks {
		if i+1 < len(toks) && toks[i+1].text == "(" && t.kind == sqlWord {
			edits = append(edits, call(toks, i)...)
		}
	}
	for i, t := range toks {
		if t.is("WHERE", "HAVING") {
			edits = append(edits, conditions(content, toks, i)...)
		}
	}
	for _, t := range toks {
		if t.is("DISTINCT") {
			edits = append(edits, remove("sql/drop-distinct", content, t.start, t.end))
		}
	}
	for _, t := range toks {
		if t.is("RETURNING") {
			edits = append(edits, remove("sql/drop-returning", content, t.start, toks[len(toks)-1].end))
		}
	}
	edits = append(edits, constraints(content, toks)...)
	for i, t := range toks {
		if t.is("OR") && i > 0 && toks[i-1].is("INSERT") && i+1 < len(toks) && toks[i+1].is("IGNORE", "REPLACE") {
			n := toks[i+1]
			add("sql/or-ignore-replace", n, sameCase(n.text, map[string]string{"IGNORE": "REPLACE", "REPLACE": "IGNORE"}[n.up]))
		}
	}
	for i, t := range toks {
		if n, err := strconv.Atoi(t.text); err == nil && t.kind == sqlNumber && !typeSize(toks, i) {
			add("sql/int", t, strconv.Itoa(n+1))
			add("sql/int", t, strconv.Itoa(n-1))
		}
	}
	for _, t := range toks {
		if body := strings.ReplaceAll(t.text[min(1, len(t.text)):max(1, len(t.text)-1)], "''", "'"); t.kind == sqlString && !strings.Contains(body, `"`) {
			add("sql/quote-text", t, `"`+body+`"`)
		}
	}
	return edits
}

// orderBy derives the edits of the ORDER BY at toks[i]: a direction for
// each term with none, and each term dropped.
func orderBy(content string, toks []sqlToken, i int) []edit {
	d := toks[i].depth
	var starts, ends []int
	var edits []edit
	for from := i + 2; from < len(toks); {
		to := clauseEnd(toks, from, d, ",", "LIMIT", "OFFSET", "ROWS", "RANGE", "GROUPS", "UNION", "INTERSECT", "EXCEPT", "RETURNING", "WINDOW")
		if to == from {
			break
		}
		last := to - 1
		for last > from && toks[last].is("NULLS", "FIRST", "LAST") {
			last--
		}
		if !toks[last].is("ASC", "DESC") {
			edits = append(edits, edit{op: "sql/asc-desc", start: toks[last].end, end: toks[last].end, text: sameCase(toks[i].text, " DESC")})
		}
		starts, ends = append(starts, toks[from].start), append(ends, toks[to-1].end)
		if to >= len(toks) || toks[to].text != "," {
			break
		}
		from = to + 1
	}
	if len(starts) == 1 {
		return append(edits, remove("sql/drop-order-term", content, toks[i].start, ends[0]))
	}
	for k := range starts {
		edits = append(edits, dropItem("sql/drop-order-term", starts, ends, k))
	}
	return edits
}

// limitOffset derives n+1 and n-1 for the expression after the LIMIT or
// OFFSET at toks[i].
func limitOffset(toks []sqlToken, i int) []edit {
	to := clauseEnd(toks, i+1, toks[i].depth, "OFFSET", ",", "UNION", "INTERSECT", "EXCEPT", "RETURNING")
	if to == i+1 {
		return nil
	}
	first, last := toks[i+1], toks[to-1]
	if n, err := strconv.Atoi(first.text); err == nil && to == i+2 {
		return []edit{
			{op: "sql/limit-offset", start: first.start, end: first.end, text: strconv.Itoa(n + 1)},
			{op: "sql/limit-offset", start: first.start, end: first.end, text: strconv.Itoa(n - 1)},
		}
	}
	return []edit{
		{op: "sql/limit-offset", start: last.end, end: last.end, text: " + 1"},
		{op: "sql/limit-offset", start: last.end, end: last.end, text: " - 1"},
	}
}

// comparisons flips each comparison operator, but not the = of a SET or of
// a PRAGMA.
func comparisons(toks []sqlToken) []edit {
	flip := map[string]string{">=": ">", ">": ">=", "<=": "<", "<": "<=", "=": "<>", "==": "<>", "<>": "=", "!=": "="}
	var edits []edit
	set := -1 // the depth of the SET whose assignments we are in
	for _, t := range toks {
		switch {
		case t.is("SET"):
			set = t.depth
		case set >= 0 && (t.depth < set || t.depth == set && t.is("WHERE", "FROM", "RETURNING")):
			set = -1
		}
		if to, ok := flip[t.text]; ok && t.kind == sqlPunct && !toks[0].is("PRAGMA") && !(t.text == "=" && set == t.depth) {
			edits = append(edits, edit{op: "sql/comparison", start: t.start, end: t.end, text: to})
		}
	}
	return edits
}

// join turns the JOIN at toks[i] into a LEFT JOIN, or a LEFT JOIN into a JOIN.
func join(toks []sqlToken, i int) []edit {
	j := toks[i]
	prev := func(k int) sqlToken {
		if i-k < 0 {
			return sqlToken{}
		}
		return toks[i-k]
	}
	switch {
	case prev(1).is("LEFT"):
		return []edit{{op: "sql/join", start: prev(1).start, end: j.start}}
	case prev(1).is("OUTER") && prev(2).is("LEFT"):
		return []edit{{op: "sql/join", start: prev(2).start, end: j.start}}
	case prev(1).is("INNER"):
		return []edit{{op: "sql/join", start: prev(1).start, end: prev(1).end, text: sameCase(j.text, "LEFT")}}
	case prev(1).is("CROSS", "NATURAL", "RIGHT", "FULL", "OUTER"):
		return nil
	}
	return []edit{{op: "sql/join", start: j.start, end: j.start, text: sameCase(j.text, "LEFT ")}}
}

// call derives the edits of a call to count or to an aggregate at toks[i].
func call(toks []sqlToken, i int) []edit {
	f := toks[i]
	end := group(toks, i+1)
	args := toks[i+2 : end-1]
	var edits []edit
	switch {
	case f.is("COUNT") && len(args) == 1 && args[0].text == "*":
		for _, col := range qualifiedColumns(toks) {
			edits = append(edits, edit{op: "sql/count", start: args[0].start, end: args[0].end, text: col})
		}
	case f.is("COUNT") && len(args) > 0 && !args[0].is("DISTINCT"):
		edits = append(edits, edit{op: "sql/count", start: args[0].start, end: args[len(args)-1].end, text: "*"})
	case f.is("MAX", "MIN", "SUM", "AVG"):
		others := []string{"MAX", "MIN", "SUM", "AVG"}
		if commas(args) > 0 {
			others = []string{"MAX", "MIN"}
		}
		for _, o := range others {
			if o != f.up && (f.is("MAX", "MIN") || len(others) == 4) {
				edits = append(edits, edit{op: "sql/aggregate", start: f.start, end: f.end, text: sameCase(f.text, o)})
			}
		}
	}
	return edits
}

func commas(args []sqlToken) int {
	n := 0
	for _, a := range args {
		if a.text == "," && a.depth == args[0].depth {
			n++
		}
	}
	return n
}

// qualifiedColumns are the distinct t.c names of a statement, for count(*)
// to count instead.
func qualifiedColumns(toks []sqlToken) []string {
	var cols []string
	seen := map[string]bool{}
	for k := 0; k+2 < len(toks); k++ {
		if toks[k].kind == sqlWord && toks[k+1].text == "." && toks[k+2].kind == sqlWord && toks[k+1].start == toks[k].end {
			col := toks[k].text + "." + toks[k+2].text
			if !seen[col] {
				seen[col] = true
				cols = append(cols, col)
			}
		}
	}
	return cols
}

// conditions derives the edits that drop one operand of the AND and OR of
// the WHERE or HAVING at toks[i], or the whole clause when it has one.
func conditions(content string, toks []sqlToken, i int) []edit {
	d := toks[i].depth
	to := clauseEnd(toks, i+1, d, "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "RETURNING", "UNION", "INTERSECT", "EXCEPT", "DO", "ON")
	if to == i+1 {
		return nil
	}
	starts, ends := []int{toks[i+1].start}, []int{}
	between, cases := false, 0
	for k := i + 1; k < to; k++ {
		t := toks[k]
		if t.depth != d {
			continue
		}
		switch {
		case t.is("BETWEEN"):
			between = true
		case t.is("CASE"):
			cases++
		case t.is("END") && cases > 0:
			cases--
		case t.is("AND") && between:
			between = false
		case t.is("AND", "OR") && cases == 0 && k+1 < to:
			ends = append(ends, toks[k-1].end)
			starts = append(starts, toks[k+1].start)
		}
	}
	ends = append(ends, toks[to-1].end)
	if len(starts) == 1 {
		return []edit{remove("sql/drop-condition", content, toks[i].start, ends[0])}
	}
	var edits []edit
	for k := range starts {
		edits = append(edits, dropItem("sql/drop-condition", starts, ends, k))
	}
	return edits
}

// typeSize reports whether the number at toks[i] is the size of a type,
// as in VARCHAR(10), which SQLite ignores.
func typeSize(toks []sqlToken, i int) bool {
	for k := i - 1; k >= 1; k-- {
		if toks[k].text == "(" && toks[k].depth == toks[i].depth-1 {
			return toks[k-1].is("VARCHAR", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "VARYING", "DECIMAL", "NUMERIC", "FLOAT", "DOUBLE")
		}
	}
	return false
}
