// Package explain says what SQLite's error messages mean for a beginner
// ("no such table: scores": what it means for this statement and what to
// check), for the verdict of a check and for the SQL console.
package explain

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Describe is the text of a statement's error as a check or the console
// shows it: the sandbox's message and, for a SQL error, what it means
// (Explain).
func Describe(err error) string {
	e, ok := sandbox.AsError(err)
	if !ok {
		return err.Error()
	}
	msg := e.Error()
	if e.Reason == sandbox.SQLError {
		if ex := Explain(e.Message); ex != "" {
			msg += "\n" + ex
		}
	}
	return msg
}

// Explain returns a short explanation, for a beginner, of an error message
// of SQLite ("no such table: scores"): what it means for this statement and
// what to check. It returns "" for a message it has nothing to add to.
func Explain(message string) string {
	msg := oneLine(trimMessage(message))
	for _, rule := range []func(string) string{
		explainCurlyQuotes, explainNames, explainSyntax, explainConstraint, explainInsert,
		explainAggregate, explainTransaction, explainSchema, explainQuery, explainMemory,
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
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") && textfmt.IsNumber(msg[i+2:len(msg)-1]) {
		msg = msg[:i]
	}
	return msg
}

// oneLine writes the line breaks of msg, which only a token of the
// learner's can hold, as ↵, so that an explanation stays on one line.
func oneLine(msg string) string {
	return strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵").Replace(msg)
}

// curlyQuotes are the typographic quotes that word processors put in.
const curlyQuotes = "‘’“”"

// explainCurlyQuotes explains a name or token that holds typographic
// quotes, which SQLite reads as letters of a name, not as quotes. The rules
// in a constraint failure are left to explainConstraint: there a curly
// quote may be part of a text value.
func explainCurlyQuotes(msg string) string {
	if !strings.ContainsAny(msg, curlyQuotes) || strings.Contains(msg, "constraint failed") {
		return ""
	}
	return "The statement holds typographic quotes (‘ ’ “ ”), which word processors and some editors put in; " +
		"SQLite does not read them as quotes. Type straight quotes ' instead, as in 'like this'."
}

// explainNames explains names that do not exist or are not clear.
func explainNames(msg string) string {
	if name, ok := strings.CutPrefix(msg, "no such table: "); ok {
		name = strings.TrimPrefix(name, "main.")
		return fmt.Sprintf("There is no table named %s yet. Check its spelling, and that the CREATE TABLE that makes it ran before this statement.", name)
	}
	if name, ok := strings.CutPrefix(msg, "no such column: "); ok {
		// With double-quoted text refused, SQLite says which name it was:
		// no such column: "hello" - should this be a string literal in single-quotes?
		quoted, dq := strings.CutSuffix(name, ` - should this be a string literal in single-quotes?`)
		if dq && len(quoted) >= 2 && quoted[0] == '"' && quoted[len(quoted)-1] == '"' {
			name = strings.ReplaceAll(quoted[1:len(quoted)-1], `""`, `"`)
		}
		if dq || !isBareName(name) {
			// Only double quotes make such a "column": it was meant as text.
			return fmt.Sprintf("Text goes in single quotes; double quotes are for the names of tables and columns, "+
				"so SQLite looked for a column named %s. Write it as '%s'.", name, strings.ReplaceAll(name, "'", "''"))
		}
		s := fmt.Sprintf("None of the tables this statement reads has a column named %s. Check its spelling and which table it belongs to.", name)
		if !strings.Contains(name, ".") {
			s += fmt.Sprintf(" If %s is a name you gave with AS in the same SELECT, the other columns and an OVER (...) "+
				"cannot use it yet: write its expression there again. If %s is meant as text, put it in single quotes, '%s': "+
				"double quotes are for names.", name, name, name)
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

// isBareName reports whether name could be written without quotes: letters,
// digits and _, not starting with a digit, with dots between parts.
func isBareName(name string) bool {
	for _, part := range strings.Split(name, ".") {
		if part == "" || part[0] >= '0' && part[0] <= '9' {
			return false
		}
		for _, r := range part {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127) {
				return false
			}
		}
	}
	return true
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
		return fmt.Sprintf("SQLite cannot read %s: a quote is probably not closed (text goes between two single quotes, 'like this'), or a character is out of place.", shortToken(tok))
	}
	rest, ok := strings.CutPrefix(msg, "near ")
	if !ok || !strings.HasSuffix(rest, ": syntax error") {
		return ""
	}
	return explainNear(strings.TrimSuffix(rest, ": syntax error"))
}

// statementKeywords are the keywords that start a statement.
var statementKeywords = []string{"INSERT", "SELECT", "CREATE", "UPDATE", "DELETE", "DROP", "ALTER", "WITH",
	"BEGIN", "COMMIT", "REPLACE", "PRAGMA"}

// clausePlace says where each clause of a SELECT goes, by the keyword that
// starts it: a syntax error at one of them is most often a clause out of
// its place (LIMIT before ORDER BY).
var clausePlace = map[string]string{
	"FROM":   "FROM comes right after the columns, before WHERE",
	"WHERE":  "WHERE comes after FROM and its JOINs, before GROUP BY, ORDER BY and LIMIT (in an UPDATE, after SET)",
	"GROUP":  "GROUP BY comes after WHERE, before HAVING, ORDER BY and LIMIT",
	"HAVING": "HAVING comes after GROUP BY, before ORDER BY and LIMIT",
	"ORDER":  "ORDER BY comes after WHERE, GROUP BY and HAVING, before LIMIT",
	"LIMIT":  "LIMIT comes last, after ORDER BY",
	"OFFSET": "OFFSET comes after LIMIT, as in LIMIT 10 OFFSET 20",
}

// explainNear explains a syntax error at tok, a token in double quotes.
func explainNear(tok string) string {
	for _, k := range statementKeywords {
		if strings.EqualFold(strings.Trim(tok, `"`), k) {
			return fmt.Sprintf("SQLite could not read the statement at %s, which starts a new statement: most likely the statement before it "+
				"is missing a ; at its end, so SQLite reads the two as one. End each statement with ;.", tok)
		}
	}
	if place, ok := clausePlace[strings.ToUpper(strings.Trim(tok, `"`))]; ok {
		return fmt.Sprintf("SQLite could not read the statement at %s. The clauses of a SELECT come in one order, each at most once: "+
			"SELECT … FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT … OFFSET …; %s. "+
			"If it is in its place, look for a misspelt word or a missing comma just before it.", tok, place)
	}
	switch tok {
	case `")"`:
		return `SQLite could not read the statement at ")": look for a comma with nothing after it, as in (a, b,), or a value or name missing just before the parenthesis.`
	case `","`:
		return `SQLite could not read the statement at ",": look for a comma too many, or a value or name missing just before it.`
	case `";"`:
		return `SQLite could not read the statement at ";": the statement ends too early; something is missing just before the semicolon.`
	}
	return fmt.Sprintf("SQLite could not read the statement at %s: look for a misspelt keyword, a missing or extra comma, "+
		"a missing parenthesis, or a text whose closing quote is missing (then SQLite reads on past it), just before or at that word.", tok)
}

// maxTokenWidth bounds how much of the text near an error a message shows.
const maxTokenWidth = 40

// shortToken cuts a long token in double quotes, such as the rest of a
// file after a quote that is not closed.
func shortToken(tok string) string {
	text := strings.Trim(tok, `"`)
	if short := textfmt.Shorten(text, maxTokenWidth); short != text {
		return `"` + short + `"`
	}
	return tok
}

// explainConstraint explains rows that a table's rules refused.
func explainConstraint(msg string) string {
	if col, ok := strings.CutPrefix(msg, "NOT NULL constraint failed: "); ok {
		table, column := splitColumn(col)
		return fmt.Sprintf("The column %s of %s is NOT NULL, so every row needs a value there, but this statement leaves it NULL. "+
			"A column left out of an INSERT gets its DEFAULT (NULL when it has none), so give %s a value in the INSERT "+
			"(check the list of columns and values), or a DEFAULT in the CREATE TABLE, such as DEFAULT CURRENT_TIMESTAMP for a time.",
			column, table, column)
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
	return fmt.Sprintf("Another row of %s already has the same %s, which must be unique (UNIQUE or PRIMARY KEY). "+
		"Store a different value, or change the existing row with UPDATE. When the row being there already is fine "+
		"(a trigger that records each player once, say), INSERT OR IGNORE INTO %s skips it.", table, strings.Join(names, " and "), table)
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
			columns, textfmt.Plural(columns, "column"), values, textfmt.Plural(values, "value"))
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
		return fmt.Sprintf("%s has %d %s but the INSERT gives %d %s. Name the columns you fill, as in INSERT INTO %s (a, b) VALUES (...), or give a value for every column.",
			table, columns, textfmt.Plural(columns, "column"), values, textfmt.Plural(values, "value"), table)
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
		return "BEGIN came while a transaction was already open: end the first one with COMMIT (or ROLLBACK) before you begin another. " +
			"(A check runs your file inside a transaction of its own: there, use SAVEPOINT name … RELEASE name, which nest.)"
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

// explainMemory explains SQLite's "out of memory": in a sandbox, the heap
// cap, which the sandbox's own message names; from elsewhere, the same cause.
func explainMemory(msg string) string {
	if !strings.HasPrefix(msg, "out of memory") {
		return ""
	}
	return fmt.Sprintf("The statement needed more memory than SQLite may use here (%d MB): a sort (ORDER BY, GROUP BY, "+
		"DISTINCT) or a WITH over very many rows holds them all in memory. Add a LIMIT, or a condition that ends "+
		"a recursive WITH sooner.", sandbox.HeapLimit>>20)
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
		if n, err := strconv.Atoi(limit); err == nil {
			return fmt.Sprintf("A number after %s means a column of the result by its position, and the result has only %d %s: use a number from 1 to %d, or the column's name.",
				clause, n, textfmt.Plural(n, "column"), n)
		}
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
