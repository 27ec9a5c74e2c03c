package tablematch

import (
	"fmt"
	"strings"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// Mismatch is how a query's result differs from its expect block. Its
// fields let a screen draw the difference its own way; Error writes it as
// plain text for a beginner.
type Mismatch struct {
	// Mode is the expect block's mode: "", "unordered" or "contains".
	Mode string
	// Expected is the expect block's table.
	Expected lessons.Table
	// Actual is the result: its column names, and its values as
	// textfmt.Value writes them, except that the text 'NULL' is quoted to
	// tell it from NULL.
	Actual lessons.Table
	// Columns says what is wrong with the result's columns, their number
	// or their names; "" when nothing is. Error adds what to do, unless
	// CheckSQL is set. When their number differs, the rows are not
	// compared: Missing and Extra stay empty.
	Columns string
	// columnAdvice says how to fix Columns in a query.
	columnAdvice string
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
	// CheckSQL says that the compared result came from the check's own
	// SQL, not from a learner's query file: advice on how to write the
	// query is left out, since the learner never sees that query.
	CheckSQL bool
}

// maxRows bounds the rows that one section of a message shows.
const maxRows = 10

// Error describes the mismatch in several lines of plain text: what is
// wrong, the rows that differ, and both tables when they are short or
// their columns differ.
func (m *Mismatch) Error() string {
	var b strings.Builder
	if m.Truncated {
		m.writeTruncated(&b)
	}
	m.writeColumns(&b)
	switch {
	case m.WrongOrder:
		m.writeOrder(&b)
	case len(m.Missing) > 0 || len(m.Extra) > 0:
		m.writeDiff(&b)
	}
	short := len(m.Expected.Rows) <= maxRows && len(m.Actual.Rows) <= maxRows
	if !m.WrongOrder && (short || m.Columns != "") {
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
	if hasWildcard(m.Expected) {
		b.WriteString(textfmt.WildcardNote + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// writeColumns writes what is wrong with the columns and, for a learner's
// query, how to fix it. The check's own query is not the learner's to
// fix: for it, only the names are listed.
func (m *Mismatch) writeColumns(b *strings.Builder) {
	switch {
	case m.Columns == "":
	case !m.CheckSQL:
		b.WriteString(m.Columns + "\n")
		if m.columnAdvice != "" {
			b.WriteString(m.columnAdvice + "\n")
		}
	case m.countProblem():
		b.WriteString(m.Columns + "\n")
	default:
		fmt.Fprintf(b, "The column names are not the expected ones: expected %s; got %s.\n",
			strings.Join(m.Expected.Columns, ", "), strings.Join(m.Actual.Columns, ", "))
	}
}

// hasWildcard says whether a name or a cell of t holds "...".
func hasWildcard(t lessons.Table) bool {
	for _, row := range append([][]string{t.Columns}, t.Rows...) {
		for _, c := range row {
			if strings.Contains(c, textfmt.Wildcard) {
				return true
			}
		}
	}
	return false
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
	read := fmt.Sprintf("only the first %d were read", n)
	if n == 1 {
		read = "only the first was read"
	}
	fmt.Fprintf(b, "Your result was cut short: the query returned more than %d %s; %s.\n", n, textfmt.Plural(n, "row"), read)
	if len(m.Missing) == 0 && len(m.Extra) == 0 && !m.WrongOrder && m.Columns == "" {
		e := len(m.Expected.Rows)
		fmt.Fprintf(b, "The expected result has %d %s", e, textfmt.Plural(e, "row"))
		if m.CheckSQL {
			b.WriteString(".\n")
		} else {
			b.WriteString(": check the WHERE clause (or add a LIMIT).\n")
		}
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
	if m.CheckSQL {
		b.WriteString("The order of what you wrote matters here: for example the order of the columns in your CREATE TABLE, " +
			"or of the rows you insert.\n")
		return
	}
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
	if note := m.nearMiss(); note != "" {
		b.WriteString(note + "\n")
	}
	for _, row := range m.Extra {
		for _, c := range row {
			if c == "'NULL'" {
				b.WriteString("'NULL' in quotes is the text NULL, not SQL NULL: write NULL without quotes.\n")
				return
			}
		}
	}
}

// nearMiss is a note on the first missing row that a row of the result
// equals but for the case or the spaces of one text ("hello, backend" for
// "Hello, backend"): a beginner reads the two as the same. "" for none.
func (m *Mismatch) nearMiss() string {
	for _, want := range m.Missing {
		for _, got := range m.Extra {
			if note := nearRow(want, got); note != "" {
				return note
			}
		}
	}
	return ""
}

// nearRow is the note for rows want and got that differ in one cell, in
// its case or its spaces alone.
func nearRow(want, got []string) string {
	if len(want) != len(got) {
		return ""
	}
	note := ""
	for i := range want {
		w, g := want[i], got[i]
		switch {
		case w == g:
			continue
		case note != "" || strings.Contains(w, "..."):
			return ""
		case strings.EqualFold(w, g):
			note = fmt.Sprintf("Your '%s' differs from the expected '%s' only in upper and lower case: text is compared exactly.", g, w)
		case strings.Join(strings.Fields(w), " ") == strings.Join(strings.Fields(g), " "):
			note = fmt.Sprintf("Your '%s' differs from the expected '%s' only in its spaces: text is compared exactly.", g, w)
		default:
			return ""
		}
	}
	return note
}

// diffHeadline says in one line how many rows are missing or extra.
func (m *Mismatch) diffHeadline() string {
	miss, extra, got, want := len(m.Missing), len(m.Extra), len(m.Actual.Rows), len(m.Expected.Rows)
	missing := "Missing " + textfmt.Plural(miss, "row") + ":"
	switch {
	case m.Mode == "contains" && want == 1:
		return "Missing row: the expected row is not in your result."
	case m.Mode == "contains":
		return fmt.Sprintf("%s %d of the %d expected rows %s not in your result.", missing, miss, want, isAre(miss))
	case miss > 0 && extra > 0:
		return fmt.Sprintf("Wrong rows: %d expected %s missing and %d %s not expected.",
			miss, textfmt.Plural(miss, "row")+" "+isAre(miss), extra, textfmt.Plural(extra, "row")+" "+isAre(extra))
	case extra > 0 && want == 0:
		return fmt.Sprintf("Expected no rows, but your result has %d %s.", got, textfmt.Plural(got, "row"))
	case extra > 0:
		return fmt.Sprintf("Extra %s: your result has %d %s that %s not expected.", textfmt.Plural(extra, "row"), extra, textfmt.Plural(extra, "row"), isAre(extra))
	case got == 0 && m.Actual.Columns == nil && !m.CheckSQL:
		return fmt.Sprintf("%s the statement returned no rows at all, but %d %s %s expected; is the last statement a SELECT?",
			missing, miss, textfmt.Plural(miss, "row"), wasWere(miss))
	case got == 0:
		return fmt.Sprintf("%s your result has no rows, but %d %s %s expected.", missing, miss, textfmt.Plural(miss, "row"), wasWere(miss))
	}
	return fmt.Sprintf("%s %d expected %s not in your result.", missing, miss, textfmt.Plural(miss, "row")+" "+isAre(miss))
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
