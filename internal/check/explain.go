package check

import (
	"fmt"
	"strings"
)

// Mismatch is how a query's result differs from its expect block. Its
// fields let a screen draw the difference its own way; Error writes it as
// plain text for a beginner.
type Mismatch struct {
	// Mode is the expect block's mode: "", "unordered" or "contains".
	Mode string
	// Expected is the expect block's table.
	Expected Table
	// Actual is the result: its column names, and its values as
	// FormatValue writes them, except that the text 'NULL' is quoted to
	// tell it from NULL.
	Actual Table
	// Columns says what is wrong with the result's columns, their number
	// or their names, and what to do; "" when nothing is. When their number
	// differs, the rows are not compared: Missing and Extra stay empty.
	Columns string
	// Missing are the expected rows not found in the result, as written in
	// the expect block.
	Missing [][]string
	// Extra are the result's rows that were not expected, as in Actual.
	// Never set in "contains" mode, where other rows are allowed.
	Extra [][]string
	// WrongOrder says that the result has exactly the expected rows, in
	// another order; FirstDifference is the first row (from 1) that differs.
	WrongOrder      bool
	FirstDifference int
	// Truncated says that reading the result stopped at a cap, after the
	// rows in Actual.
	Truncated bool
}

// maxRows bounds the rows that one section of a message shows.
const maxRows = 10

// Error describes the mismatch in several lines of plain text: what is
// wrong, the rows that differ, and both tables when they are short.
func (m *Mismatch) Error() string {
	var b strings.Builder
	if m.Truncated {
		m.writeTruncated(&b)
	}
	if m.Columns != "" {
		b.WriteString(m.Columns + "\n")
	}
	switch {
	case m.WrongOrder:
		m.writeOrder(&b)
	case len(m.Missing) > 0 || len(m.Extra) > 0:
		m.writeDiff(&b)
	}
	short := len(m.Expected.Rows) <= maxRows && len(m.Actual.Rows) <= maxRows
	if !m.WrongOrder && (short || m.countProblem()) {
		secs := []section{
			{title: "expected:", header: m.header(true), rows: m.Expected.Rows},
			{title: "your result:", header: m.header(false), rows: m.Actual.Rows},
		}
		if m.countProblem() { // columns that do not correspond are not lined up
			writeSections(&b, secs[:1])
			writeSections(&b, secs[1:])
		} else {
			writeSections(&b, secs)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func (m *Mismatch) countProblem() bool {
	w := m.Expected.Width()
	return w > 0 && len(m.Actual.Columns) > 0 && w != len(m.Actual.Columns)
}

// header returns the column names to show above the expected rows or the
// result's rows: their own when known, else the other table's.
func (m *Mismatch) header(expected bool) []string {
	own, other := m.Actual.Columns, m.Expected.Columns
	if expected {
		own, other = other, own
	}
	if own != nil || m.countProblem() {
		return own
	}
	return other
}

func (m *Mismatch) writeTruncated(b *strings.Builder) {
	n := len(m.Actual.Rows)
	verb := "were"
	if n == 1 {
		verb = "was"
	}
	fmt.Fprintf(b, "Your result was cut short: the query returned more than %d %s; only the first %d %s read.\n",
		n, plural(n, "row"), n, verb)
	if len(m.Missing) == 0 && len(m.Extra) == 0 && !m.WrongOrder && m.Columns == "" {
		e := len(m.Expected.Rows)
		fmt.Fprintf(b, "The expected result has %d %s: check the WHERE clause (or add a LIMIT).\n", e, plural(e, "row"))
	}
}

func (m *Mismatch) writeOrder(b *strings.Builder) {
	fmt.Fprintf(b, "Wrong order: the rows are right but in a different order (the first difference is at row %d).\n", m.FirstDifference)
	skip := 0
	if m.FirstDifference > maxRows {
		skip = m.FirstDifference - 3
	}
	writeSections(b, []section{
		{title: "expected order:", header: m.header(true), rows: m.Expected.Rows, skip: skip},
		{title: "your order:", header: m.header(false), rows: m.Actual.Rows, skip: skip},
	})
	b.WriteString("Rows come back in no particular order unless the query sorts them: add an ORDER BY that sorts them as expected, " +
		"or check the one you have (ASC puts the smallest first, DESC the largest).\n")
}

func (m *Mismatch) writeDiff(b *strings.Builder) {
	b.WriteString(m.diffHeadline() + "\n")
	var secs []section
	if len(m.Missing) > 0 {
		secs = append(secs, section{title: "missing rows (expected, not in your result):", header: m.header(true), marker: "- ", rows: m.Missing})
	}
	if len(m.Extra) > 0 {
		secs = append(secs, section{title: "extra rows (in your result, not expected):", header: m.header(false), marker: "+ ", rows: m.Extra})
	}
	writeSections(b, secs)
	for _, row := range m.Extra {
		for _, c := range row {
			if c == "'NULL'" {
				b.WriteString("'NULL' in quotes is the text NULL, not SQL NULL: write NULL without quotes.\n")
				return
			}
		}
	}
}

func (m *Mismatch) diffHeadline() string {
	miss, extra, got := len(m.Missing), len(m.Extra), len(m.Actual.Rows)
	switch {
	case m.Mode == "contains":
		return fmt.Sprintf("Missing rows: %d of the %d expected rows %s not in your result.", miss, len(m.Expected.Rows), isAre(miss))
	case miss > 0 && extra > 0:
		return fmt.Sprintf("Wrong rows: %d expected %s missing and %d %s not expected.",
			miss, plural(miss, "row")+" "+isAre(miss), extra, plural(extra, "row")+" "+isAre(extra))
	case extra > 0 && len(m.Expected.Rows) == 0:
		return fmt.Sprintf("Expected no rows, but your result has %d.", got)
	case extra > 0:
		return fmt.Sprintf("Extra rows: your result has %d %s that %s not expected.", extra, plural(extra, "row"), isAre(extra))
	case got == 0 && m.Actual.Columns == nil:
		return fmt.Sprintf("Missing rows: the statement returned no rows at all, but %d %s expected; is the last statement a SELECT?",
			miss, wasWere(miss))
	case got == 0:
		return fmt.Sprintf("Missing rows: your result has no rows, but %d %s expected.", miss, wasWere(miss))
	}
	return fmt.Sprintf("Missing rows: %d expected %s not in your result.", miss, plural(miss, "row")+" "+isAre(miss))
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// Explain returns a short explanation, for a beginner, of an error message
// of SQLite ("no such table: scores"): what it means for this statement and
// what to check. It returns "" for a message it has nothing to add to.
func Explain(message string) string {
	msg := trimMessage(message)
	for _, rule := range []func(string) string{
		explainNames, explainSyntax, explainConstraint, explainInsert,
		explainAggregate, explainTransaction, explainSchema, explainQuery,
	} {
		if s := rule(msg); s != "" {
			return s
		}
	}
	return ""
}

// trimMessage removes what may wrap SQLite's message: spaces, an "Error:"
// or result-code prefix, and a result code at the end ("... (19)").
func trimMessage(msg string) string {
	msg = strings.TrimSpace(msg)
	for _, p := range []string{"Error: ", "SQL logic error: ", "constraint failed: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") && isNumber(msg[i+2:len(msg)-1]) {
		msg = msg[:i]
	}
	return msg
}

// explainNames explains names that do not exist or are not clear.
func explainNames(msg string) string {
	if name, ok := strings.CutPrefix(msg, "no such table: "); ok {
		name = strings.TrimPrefix(name, "main.")
		return fmt.Sprintf("There is no table named %s yet. Check its spelling, and that the CREATE TABLE that makes it ran before this statement.", name)
	}
	if name, ok := strings.CutPrefix(msg, "no such column: "); ok {
		s := fmt.Sprintf("None of the tables this statement reads has a column named %s. Check its spelling and which table it belongs to.", name)
		if !strings.Contains(name, ".") {
			s += fmt.Sprintf(" If %s is meant as text, put it in single quotes: '%s'.", name, name)
		}
		return s
	}
	if name, ok := strings.CutPrefix(msg, "ambiguous column name: "); ok {
		return fmt.Sprintf("More than one table in this statement has a column named %s: say which one you mean by putting its table's name (or alias) and a dot before it, as in TABLE.%s.", name, lastPart(name))
	}
	if name, ok := strings.CutPrefix(msg, "no such function: "); ok {
		return fmt.Sprintf("SQLite has no function named %s. Check its spelling; SQLite's functions are not all the same as other databases' (to join text, use ||).", name)
	}
	if name, ok := strings.CutPrefix(msg, "wrong number of arguments to function "); ok {
		return fmt.Sprintf("%s is given the wrong number of values between its parentheses: check how many it takes, and the commas between them.", name)
	}
	if name, ok := strings.CutPrefix(msg, "no such index: "); ok {
		return fmt.Sprintf("There is no index named %s. Check its spelling, and that the CREATE INDEX that makes it ran first.", name)
	}
	return ""
}

// lastPart returns the part of a dotted name after its last dot.
func lastPart(name string) string {
	return name[strings.LastIndex(name, ".")+1:]
}

// explainSyntax explains statements SQLite could not read.
func explainSyntax(msg string) string {
	if msg == "incomplete input" {
		return "The statement stops before it is complete: look for a missing closing parenthesis or quote, or a statement cut short."
	}
	if tok, ok := strings.CutPrefix(msg, "unrecognized token: "); ok {
		return fmt.Sprintf("SQLite cannot read %s: a quote is probably not closed (text goes between two single quotes, 'like this'), or a character is out of place.", tok)
	}
	rest, ok := strings.CutPrefix(msg, "near ")
	if !ok || !strings.HasSuffix(rest, ": syntax error") {
		return ""
	}
	tok := strings.TrimSuffix(rest, ": syntax error")
	switch tok {
	case `")"`:
		return `SQLite could not read the statement at ")": look for a comma with nothing after it, as in (a, b,), or a value or name missing just before the parenthesis.`
	case `","`:
		return `SQLite could not read the statement at ",": look for a comma too many, or a value or name missing just before it.`
	case `";"`:
		return `SQLite could not read the statement at ";": the statement ends too early; something is missing just before the semicolon.`
	}
	return fmt.Sprintf("SQLite could not read the statement at %s: look for a misspelt keyword, a missing or extra comma, or a missing parenthesis just before or at that word.", tok)
}

// explainConstraint explains rows that a table's rules refused.
func explainConstraint(msg string) string {
	if col, ok := strings.CutPrefix(msg, "NOT NULL constraint failed: "); ok {
		table, column := splitColumn(col)
		return fmt.Sprintf("The column %s of %s is NOT NULL, so every row needs a value there, but this statement leaves it NULL. Give it a value, and check the list of columns and values.", column, table)
	}
	if cols, ok := strings.CutPrefix(msg, "UNIQUE constraint failed: "); ok {
		return explainUnique(cols)
	}
	if rule, ok := strings.CutPrefix(msg, "CHECK constraint failed: "); ok {
		return fmt.Sprintf("A row breaks the table's rule CHECK (%s), so it was refused: look at the values this statement stores, and at the rule.", rule)
	}
	switch {
	case msg == "FOREIGN KEY constraint failed":
		return "A value that REFERENCES another table names a row that does not exist there (or a row that others refer to is being deleted). Insert the referenced row first, and check the value."
	case msg == "datatype mismatch":
		return "A value has a type its column cannot hold: an INTEGER PRIMARY KEY takes only whole numbers. Check the value given for it (a number without quotes)."
	case strings.HasPrefix(msg, "cannot store ") && strings.Contains(msg, " value in "):
		return fmt.Sprintf("The table is STRICT, so each column takes only values of its type, and this one got the wrong type (%s). Check the value and its quotes: text goes in quotes, numbers do not.", strings.TrimPrefix(msg, "cannot store "))
	case strings.HasPrefix(msg, "foreign key mismatch"):
		return "A REFERENCES clause points at a column that is not the PRIMARY KEY, nor UNIQUE, in the table it refers to: a foreign key must point at a column that names one row."
	}
	return ""
}

// explainUnique explains a UNIQUE (or PRIMARY KEY) constraint failure on
// cols, written as "table.column, table.column".
func explainUnique(cols string) string {
	var names []string
	table := ""
	for _, c := range strings.Split(cols, ", ") {
		t, col := splitColumn(c)
		table, names = t, append(names, col)
	}
	if len(names) == 1 && (names[0] == "id" || names[0] == "rowid") {
		return fmt.Sprintf("Another row of %s already has this %s, and a PRIMARY KEY is never shared. Leave %s out of the INSERT and SQLite picks a new one for an INTEGER PRIMARY KEY.", table, names[0], names[0])
	}
	return fmt.Sprintf("Another row of %s already has the same %s, which must be unique (UNIQUE or PRIMARY KEY). Store a different value, or change the existing row with UPDATE.", table, strings.Join(names, " and "))
}

// splitColumn splits "table.column" in two.
func splitColumn(s string) (table, column string) {
	if i := strings.LastIndex(s, "."); i >= 0 {
		return s[:i], s[i+1:]
	}
	return "the table", s
}

// explainInsert explains INSERTs whose values do not fit the columns.
func explainInsert(msg string) string {
	var values, columns int
	if n, _ := fmt.Sscanf(msg, "%d values for %d columns", &values, &columns); n == 2 {
		return fmt.Sprintf("The INSERT lists %d %s but gives %d %s: give exactly one value for each column listed, in the same order.",
			columns, plural(columns, "column"), values, plural(values, "value"))
	}
	if msg == "all VALUES must have the same number of terms" {
		return "Each row in VALUES needs the same number of values: check the commas and parentheses of every row."
	}
	rest, ok := strings.CutPrefix(msg, "table ")
	if !ok {
		return ""
	}
	if table, col, ok := strings.Cut(rest, " has no column named "); ok {
		return fmt.Sprintf("The table %s has no column named %s: check the spelling of the columns listed, and the CREATE TABLE of %s.", table, col, table)
	}
	var table string
	if n, _ := fmt.Sscanf(rest, "%s has %d columns but %d values were supplied", &table, &columns, &values); n == 3 {
		return fmt.Sprintf("%s has %d columns but the INSERT gives %d values. Name the columns you fill, as in INSERT INTO %s (a, b) VALUES (...), or give a value for every column.",
			table, columns, values, table)
	}
	return ""
}

// explainAggregate explains misplaced aggregates and groups.
func explainAggregate(msg string) string {
	fn, ok := strings.CutPrefix(msg, "misuse of aggregate function ")
	if !ok {
		fn, ok = strings.CutPrefix(msg, "misuse of aggregate: ")
	}
	if ok {
		return fmt.Sprintf("%s works on a whole group of rows, so it cannot be used in WHERE, which looks at one row at a time, nor inside another aggregate. Filter groups with HAVING after GROUP BY, or compute it in a subquery.", fn)
	}
	switch msg {
	case "a GROUP BY clause is required before HAVING", "HAVING clause on a non-aggregate query":
		return "HAVING filters groups, so it needs a GROUP BY (or an aggregate such as count()) to work on. Add GROUP BY, or use WHERE to filter single rows."
	case "aggregate functions are not allowed in the GROUP BY clause":
		return "GROUP BY names what to group rows by, and an aggregate such as count() or max() cannot be one: group by plain columns, and put the aggregate in the SELECT list or in HAVING."
	}
	return ""
}

// explainTransaction explains BEGIN, COMMIT and ROLLBACK out of place.
func explainTransaction(msg string) string {
	switch msg {
	case "cannot commit - no transaction is active":
		return "COMMIT ends a transaction, but none is open: start one with BEGIN first, or remove the COMMIT."
	case "cannot rollback - no transaction is active":
		return "ROLLBACK undoes a transaction, but none is open: start one with BEGIN first, or remove the ROLLBACK."
	case "cannot start a transaction within a transaction":
		return "BEGIN came while a transaction was already open: end the first one with COMMIT (or ROLLBACK) before you begin another."
	}
	return ""
}

// explainSchema explains CREATE statements that clash or are malformed.
func explainSchema(msg string) string {
	for _, kind := range []string{"table", "index", "view", "trigger"} {
		rest, ok := strings.CutPrefix(msg, kind+" ")
		if name, found := strings.CutSuffix(rest, " already exists"); ok && found {
			return fmt.Sprintf("A%s %s named %s already exists, so it cannot be created again. Is the same CREATE %s written twice (perhaps in two files)? Remove one, or write CREATE %s IF NOT EXISTS.",
				article(kind), kind, name, strings.ToUpper(kind), strings.ToUpper(kind))
		}
	}
	if name, ok := strings.CutPrefix(msg, "there is already a table named "); ok {
		return fmt.Sprintf("%s is already the name of a table; an index needs a name of its own, such as %s_idx.", name, name)
	}
	if name, ok := strings.CutPrefix(msg, "duplicate column name: "); ok {
		return fmt.Sprintf("The column name %s is written twice: each column of a table needs its own name.", name)
	}
	switch {
	case strings.HasSuffix(msg, "has more than one primary key"):
		return "A table has only one PRIMARY KEY. For a key made of several columns, write PRIMARY KEY (a, b) once, after the columns."
	case msg == "AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY":
		return "AUTOINCREMENT works only on a column declared exactly INTEGER PRIMARY KEY; often you do not need it, as an INTEGER PRIMARY KEY already numbers new rows."
	case strings.HasPrefix(msg, "default value of column") && strings.HasSuffix(msg, "is not constant"):
		return "A DEFAULT must be a constant; to use an expression, put it in parentheses, as in DEFAULT (datetime('now'))."
	case msg == "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint":
		return "ON CONFLICT (...) must name columns that are the PRIMARY KEY or UNIQUE in the table, so that SQLite knows which row clashes."
	}
	return ""
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "n"
	}
	return ""
}

// explainQuery explains SELECTs that do not fit together.
func explainQuery(msg string) string {
	var n int
	if k, _ := fmt.Sscanf(msg, "sub-select returns %d columns - expected 1", &n); k == 1 {
		return fmt.Sprintf("A subquery used as one value must return one column, but this one returns %d: keep a single column in its SELECT list.", n)
	}
	if i := strings.Index(msg, " BY term out of range - should be between 1 and "); i > 0 {
		clause := msg[strings.LastIndex(msg[:i], " ")+1:i] + " BY"
		limit := msg[i+len(" BY term out of range - should be between 1 and "):]
		return fmt.Sprintf("A number after %s means a column of the result by its position, and the result has only %s: use a number from 1 to %s, or the column's name.",
			clause, plural1(limit), limit)
	}
	switch {
	case strings.HasSuffix(msg, "BY term does not match any column in the result set"):
		return "With UNION, ORDER BY can only name a column of the result: use a column name (or AS alias) of the first SELECT, or the column's position."
	case msg == "no tables specified":
		return "SELECT * needs a FROM clause that says which table to read."
	case strings.HasPrefix(msg, "SELECTs to the left and right of "):
		return "The SELECTs joined by UNION (or INTERSECT, EXCEPT) must return the same number of columns."
	case msg == "a JOIN clause is required before ON":
		return "ON belongs to a JOIN: write FROM a JOIN b ON a.x = b.y, or use WHERE for a condition."
	case strings.HasPrefix(msg, "cannot join using column "):
		return "USING (column) needs a column of that name in both tables; otherwise write JOIN ... ON a.x = b.y."
	case msg == "attempt to write a readonly database":
		return "This statement tries to change the database, but here it may only read it."
	}
	return ""
}

// plural1 returns "1 column" or "N columns" for a count written as text.
func plural1(n string) string {
	if n == "1" {
		return "1 column"
	}
	return n + " columns"
}
