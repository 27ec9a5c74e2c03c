package lessons

import (
	"fmt"
	"strings"
)

// sqlModes are the modes of an expect for a sql check; "" compares rows in order.
func sqlModes() []string { return []string{"unordered", "contains", "error"} }

// expectProblems says what is wrong with e as the expect of a check of kind.
func expectProblems(kind string, e Expect) []string {
	switch kind {
	case "sql":
		return sqlExpectProblems(e)
	case "http":
		return append(noMode(kind, e), statusProblem(e.Body)...)
	case "sh":
		if !isExitLine(firstLine(e.Body)) {
			return append(noMode(kind, e), "the expect of an sh check starts with exit N, as in exit 0")
		}
		return noMode(kind, e)
	}
	return nil
}

func noMode(kind string, e Expect) []string {
	if e.Mode == "" {
		return nil
	}
	return []string{fmt.Sprintf("the expect of an %s check takes no mode; remove %q", kind, e.Mode)}
}

func statusProblem(body string) []string {
	if !isStatusLine(firstLine(body)) {
		return []string{"the expect of an http check starts with a status line, as in HTTP 200"}
	}
	return nil
}

func sqlExpectProblems(e Expect) []string {
	switch e.Mode {
	case "", "unordered", "contains":
		if msg := tableProblem(e.Body); msg != "" {
			return []string{msg}
		}
	case "error":
	default:
		if hint := didYouMean(e.Mode, sqlModes(), 2); hint != "" {
			return []string{fmt.Sprintf("unknown expect mode %q%s", e.Mode, hint)}
		}
		return []string{fmt.Sprintf("unknown expect mode %q; use unordered, contains or error, or no mode for the same rows in the same order", e.Mode)}
	}
	return nil
}

// tableProblem checks that body is a pipe table whose rows all have the
// same number of cells, or empty.
func tableProblem(body string) string {
	cells := -1
	for i, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if len(t) < 2 || t[0] != '|' || t[len(t)-1] != '|' || strings.HasSuffix(t, `\|`) {
			return fmt.Sprintf("line %d of the expect block is not a table row; start and end it with |", i+1)
		}
		n := len(splitCells(t))
		if cells < 0 {
			cells = n
		} else if n != cells {
			return fmt.Sprintf("line %d of the expect block has %s, the first row has %d; give every row the same cells", i+1, cellCount(n), cells)
		}
	}
	return ""
}

// splitCells splits a table row "| a | b\| c |" into its cells; \| is a
// literal pipe.
func splitCells(row string) []string {
	row = row[1 : len(row)-1]
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// isStatusLine reports whether line is "HTTP NNN", optionally followed by a reason.
func isStatusLine(line string) bool {
	rest, ok := strings.CutPrefix(line, "HTTP ")
	if !ok {
		// HTTP/1.1 201 Created, as an answer is written in an .http file
		if v, after, found := strings.Cut(line, " "); found && strings.HasPrefix(v, "HTTP/") {
			rest, ok = after, true
		}
	}
	if !ok || len(rest) < 3 || !allDigits(rest[:3]) {
		return false
	}
	return len(rest) == 3 || rest[3] == ' '
}

// isExitLine reports whether line is "exit N".
func isExitLine(line string) bool {
	rest, ok := strings.CutPrefix(line, "exit ")
	return ok && allDigits(strings.TrimSpace(rest))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func cellCount(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return fmt.Sprintf("%d cells", n)
}
