package console

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Kind is what an Output is, which says how a front end lays it out.
type Kind int

const (
	// Table is a statement's rows (Result), shown as an aligned table that
	// must not wrap.
	Table Kind = iota + 1
	// Schema is the CREATE statements .schema lists, one after the other.
	Schema
	// Note is a short word about what happened: "ok", "no tables yet".
	Note
	// Help is the list of the dot commands.
	Help
	// Warning is something the console left out, such as a learner's file
	// that does not apply.
	Warning
	// Error is an input that failed: the error and what it means.
	Error
	// More says the statement is not complete: the console waits for its
	// next line (Console.Prompt says so too).
	More
	// Quit asks the front end to leave the console.
	Quit
)

// Output is one thing the console has to show for an input.
type Output struct {
	Kind Kind
	// Text is the words, for every kind but Table, More and Quit; for a
	// Warning, its headline.
	Text string
	// Detail is what a Warning is about, such as the error of a file.
	Detail string
	// Result is the rows of a Table.
	Result *sandbox.Result
}

// String is the output's words, safe to print on a terminal (a value from
// the sandbox or a course cannot send it escape sequences), without its
// Label. A Table is an aligned table with a row count.
func (o Output) String() string {
	switch o.Kind {
	case Table:
		return termtext.Printable(formatTable(o.Result))
	case Warning:
		return termtext.Printable(o.Text + " " + o.Detail)
	}
	return termtext.Printable(o.Text)
}

// Label is the word a front end puts before an Error or a Warning, styled
// as one: "error: ", "warning: "; "" for the other kinds.
func (o Output) Label() string {
	switch o.Kind {
	case Error:
		return "error: "
	case Warning:
		return "warning: "
	}
	return ""
}

// Has reports whether any of outs is of kind k: an Error, to fail; Quit,
// to leave; More, to wait for the rest of a statement.
func Has(outs []Output, k Kind) bool {
	return slices.ContainsFunc(outs, func(o Output) bool { return o.Kind == k })
}

func note(text string) Output { return Output{Kind: Note, Text: text} }
func failed(err error) Output { return Output{Kind: Error, Text: err.Error()} }
func errorf(format string, args ...any) Output {
	return Output{Kind: Error, Text: fmt.Sprintf(format, args...)}
}

// formatTable renders a result as an aligned text table with a row count.
func formatTable(res *sandbox.Result) string {
	if res == nil || res.Columns == nil {
		return "(done)"
	}
	widths := make([]int, len(res.Columns))
	cells := make([][]string, len(res.Rows))
	for i, c := range res.Columns {
		widths[i] = len([]rune(c))
	}
	for r, row := range res.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			cells[r][i] = strings.ReplaceAll(textfmt.Value(v), "\n", "↵")
			widths[i] = max(widths[i], len([]rune(cells[r][i])))
		}
	}
	var b strings.Builder
	writeRow(&b, res.Columns, widths)
	for i, w := range widths {
		if i > 0 {
			b.WriteString("-+-")
		}
		b.WriteString(strings.Repeat("-", w))
	}
	b.WriteByte('\n')
	for _, row := range cells {
		writeRow(&b, row, widths)
	}
	switch n := len(res.Rows); {
	case res.Truncated:
		fmt.Fprintf(&b, "(%d rows shown; there are more)", n)
	case n == 1:
		b.WriteString("(1 row)")
	default:
		fmt.Fprintf(&b, "(%d rows)", n)
	}
	return b.String()
}

func writeRow(b *strings.Builder, cells []string, widths []int) {
	for i, c := range cells {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(c)
		if i < len(cells)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-len([]rune(c))))
		}
	}
	b.WriteByte('\n')
}
