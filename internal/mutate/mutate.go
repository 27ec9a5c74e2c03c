// Package mutate derives mutants of a course's solution files: copies of a
// file with one small change of the kind people get wrong, such as DESC for
// ASC, > for >=, or a guard left out. A check that still passes on a mutant
// cannot see that mistake; a mutant that survives every check of a step is
// either a hole in the checks or a change that truly does nothing (an
// equivalent mutant).
//
// A Mutant names its Operator with a short stable id, the first Line it
// changes, that line before and after, and the whole mutated Content. Mutants
// gives a file's mutants in a deterministic order (by line, then operator),
// never one equal to the original and never two with the same content: when
// two operators make the same change, the one listed first below names it.
//
// SQL (tokens: strings, quoted names and comments are never changed inside,
// except by sql/quote-text):
//
//	sql/drop-savepoint     drop a SAVEPOINT, RELEASE, BEGIN, COMMIT or ROLLBACK statement
//	sql/drop-statement     drop a whole statement (files of two or more)
//	sql/asc-desc           ASC<->DESC; an ORDER BY term with no direction gets DESC
//	sql/drop-order-term    drop one ORDER BY term (the clause, when it has one)
//	sql/limit-offset       LIMIT or OFFSET n to n+1 and n-1 (or EXPR + 1, EXPR - 1)
//	sql/comparison         >= <-> >, <= <-> <, = <-> <> (not an assignment of SET)
//	sql/join               JOIN <-> LEFT JOIN
//	sql/count              count(col) -> count(*); count(*) -> count(t.c) for a qualified column of the statement
//	sql/aggregate          MAX, MIN, SUM, AVG to each other (two-argument max/min: to each other only)
//	sql/drop-condition     drop one AND/OR operand of WHERE or HAVING, or the clause when it has one
//	sql/drop-distinct      drop a DISTINCT
//	sql/drop-returning     drop a RETURNING clause
//	sql/drop-constraint    drop a NOT NULL, UNIQUE, CHECK, REFERENCES or DEFAULT of CREATE TABLE
//	sql/or-ignore-replace  OR IGNORE <-> OR REPLACE
//	sql/int                an integer literal to n+1 and n-1 (not a type's size)
//	sql/quote-text         'text' -> "text"
//
// Go servers (go/parser and go/ast; a mutant that would not type-check for a
// reason the change made, an unused variable or import or a missing return,
// is left out):
//
//	go/drop-header         drop a w.Header().Set/Add/Del line
//	go/drop-return         drop a return that follows a call answering the request
//	go/drop-if             drop an if (with no else) and its block
//	go/delete-statement    delete a simple statement (a call, an assignment that is not :=, ++, --, defer, go, send)
//	go/status-neighbour    a status code to its neighbour (200<->201, 400<->404, 401<->403, 500->200, ...), as a number or http.StatusXxx
//	go/drop-json-key       drop one key: value of a map literal with string keys, or of a struct literal in an answer
//	go/comparison          == <-> !=, < <-> <=, > <-> >=
//	go/int                 an integer literal to n+1 and n-1 (not a status code, not an argument of strconv, not a negative index)
//
// Python servers (a line and indentation tokenizer; python3 is not run):
//
//	py/drop-header         drop a send_header line
//	py/drop-return         drop a return that follows a call answering the request
//	py/drop-if             drop an if (with no elif or else) and its block
//	py/drop-json-key       drop one "key": value of a dict literal
//	py/delete-statement    delete a simple statement (not a docstring, pass, import or return)
//	py/status-neighbour    a status code to its neighbour, as a number or HTTPStatus.NAME
//	py/comparison          == <-> !=, < <-> <=, > <-> >=, is <-> is not, in <-> not in
//	py/int                 an integer literal to n+1 and n-1 (not a status code; an index 0 only to 1)
//
// A statement a mutant deletes that is the only one of its Python block
// becomes pass, so the mutant still parses.
//
// Since keeps the mutants of the lines a step wrote, given the file as the
// step found it: a server file grows over many steps, and the checks of a
// step test what that step added.
//
// The package knows nothing of checks, sessions or the UI.
package mutate

import (
	"path/filepath"
	"slices"
	"strings"
)

// Mutant is one small change to a file.
type Mutant struct {
	// Operator is the id of the change, such as "sql/asc-desc".
	Operator string
	// Line is the first line, from 1, that the mutant changes.
	Line int
	// Original is that line in the file; Changed is that line in the
	// mutant, or "" when the mutant deletes it (Deleted).
	Original string
	Changed  string
	// Deleted is true when the mutant only deletes lines, from Line on.
	Deleted bool
	// Lines is how many lines of the file, from Line, the mutant replaces
	// or deletes: 1 for most, more for a block or a statement over lines.
	Lines int
	// Content is the whole mutated file.
	Content string
}

// Shown is the changed line as a report shows it: the changed line, or
// "deleted: " and the line the mutant deletes, with their indentation trimmed.
func (m Mutant) Shown() string {
	if m.Deleted {
		return "deleted: " + strings.TrimSpace(m.Original)
	}
	return strings.TrimSpace(m.Changed)
}

// Lang is the language of a file to mutate, by its extension: "sql", "go",
// "python", or "" for a file Mutants has no operators for.
func Lang(path string) string {
	switch filepath.Ext(path) {
	case ".sql":
		return "sql"
	case ".go":
		return "go"
	case ".py":
		return "python"
	}
	return ""
}

// Mutants derives the mutants of a file of language lang ("sql", "go" or
// "python"; see Lang). It gives none for another language, and none for a Go
// file that does not parse.
func Mutants(lang, content string) []Mutant {
	var edits []edit
	keep := func(edit, string) bool { return true }
	switch lang {
	case "sql":
		edits = sqlEdits(content)
	case "go":
		var ok bool
		edits, keep, ok = goEdits(content)
		if !ok {
			return nil
		}
	case "python":
		edits = pyEdits(content)
	default:
		return nil
	}
	return collect(content, edits, keep)
}

// edit replaces content[start:end] with text; op is its operator's id.
type edit struct {
	op         string
	start, end int
	text       string
}

// collect applies each edit and keeps the mutants that differ from the
// original and from every mutant before them and that keep accepts, in
// the order of their lines.
func collect(content string, edits []edit, keep func(edit, string) bool) []Mutant {
	seen := map[string]bool{content: true}
	lines := strings.Split(content, "\n")
	var out []Mutant
	for _, e := range edits {
		mutated := content[:e.start] + e.text + content[e.end:]
		if seen[mutated] {
			continue
		}
		seen[mutated] = true
		if !keep(e, mutated) {
			continue
		}
		m := Mutant{Operator: e.op, Content: mutated}
		m.Line, m.Lines, m.Original, m.Changed, m.Deleted = firstChange(lines, strings.Split(mutated, "\n"))
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b Mutant) int { return a.Line - b.Line })
	return out
}

// firstChange finds the first line where after differs from before, how
// many lines of before differ from there, and whether after only lacks
// lines of before from there.
func firstChange(before, after []string) (line, lines int, original, changed string, deleted bool) {
	i := 0
	for i < len(before) && i < len(after) && before[i] == after[i] {
		i++
	}
	j := 0
	for j < len(before)-i && j < len(after)-i && before[len(before)-1-j] == after[len(after)-1-j] {
		j++
	}
	if i < len(before) {
		original = before[i]
	}
	lines = max(len(before)-j-i, 1)
	if len(after)-j <= i {
		return i + 1, lines, original, "", true
	}
	return i + 1, lines, original, after[i], false
}

// cut widens content[start:end], a span to remove, so that removing it
// leaves tidy text: whole lines when the span is alone on its lines; else
// the blanks before it (and, when it starts its line, the line break
// before it too), or when there are none the blanks after it.
func cut(content string, start, end int) (int, int) {
	ls := strings.LastIndexByte(content[:start], '\n') + 1
	le := strings.IndexByte(content[end:], '\n')
	if le < 0 {
		le = len(content)
	} else {
		le += end
	}
	startsLine := strings.TrimSpace(content[ls:start]) == ""
	if startsLine && strings.TrimSpace(content[end:le]) == "" {
		if le < len(content) {
			return ls, le + 1
		}
		return max(ls-1, 0), le // the last line, which no newline ends
	}
	s := start
	for s > 0 && (content[s-1] == ' ' || content[s-1] == '\t' || startsLine && content[s-1] == '\n') {
		s--
	}
	if s == start { // nothing blank before: the blanks after go
		for end < len(content) && (content[end] == ' ' || content[end] == '\t') {
			end++
		}
	}
	return s, end
}

// remove is an edit that removes content[start:end] tidily (see cut).
func remove(op, content string, start, end int) edit {
	s, e := cut(content, start, end)
	return edit{op: op, start: s, end: e}
}

// dropItem is an edit that removes item k of a list of two or more, the
// separators between items going with it: from its start to the next
// item's start, or for the last from the end of the one before.
func dropItem(op string, starts, ends []int, k int) edit {
	if k < len(starts)-1 {
		return edit{op: op, start: starts[k], end: starts[k+1]}
	}
	return edit{op: op, start: ends[k-1], end: ends[k]}
}

// dropKeys derives the edits that drop one key: value of a literal whose
// keys start and end at starts and ends; the only one goes with its comma.
func dropKeys(op, content string, starts, ends []int) []edit {
	if len(starts) == 1 {
		end := ends[0]
		if end < len(content) && content[end] == ',' {
			end++
		}
		return []edit{remove(op, content, starts[0], end)}
	}
	var edits []edit
	for k := range starts {
		edits = append(edits, dropItem(op, starts, ends, k))
	}
	return edits
}

// operatorEnd is the end of the operator that starts at s[start]: one of
// ops, longest first, or the one byte there.
func operatorEnd(s string, start int, ops []string) int {
	for _, op := range ops {
		if strings.HasPrefix(s[start:], op) {
			return start + len(op)
		}
	}
	return start + 1
}

// sameCase writes word in lower case when like is in lower case.
func sameCase(like, word string) string {
	if like == strings.ToLower(like) {
		return strings.ToLower(word)
	}
	return word
}

// statusNeighbours maps a status code to the codes it is easily mistaken for.
var statusNeighbours = map[int][]int{
	200: {201}, 201: {200}, 204: {200},
	400: {404}, 404: {400}, 401: {403}, 403: {401}, 409: {400}, 422: {400},
	500: {200},
}
