package tablematch

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/sandcastle/sandcastle/internal/textfmt"
)

// cell is one cell of an expect table, ready to be matched.
type cell struct {
	any  bool   // the cell is "...": it matches every value, NULL too
	wild bool   // the cell holds "...": match the value's text against it
	text string // the cell as written
	key  string // for the other cells: equal to the key of the values it matches
}

func newCell(text string) cell {
	c := cell{text: text}
	switch {
	case text == textfmt.Wildcard:
		c.any = true
	case strings.Contains(text, textfmt.Wildcard):
		c.wild = true
	case text == "NULL":
		c.key = "\x00"
	default:
		if n, ok := textfmt.CanonNumber(text); ok {
			c.key = "n" + n
		} else {
			c.key = "t" + text
		}
	}
	return c
}

// value is one value of a result, ready to be matched.
type value struct {
	null bool
	text string // textfmt.Value of the value
	key  string // equal for the values that equal cells match
}

func newValue(v any) value {
	text := textfmt.Value(v)
	switch v := v.(type) {
	case nil:
		return value{null: true, text: text, key: "\x00"}
	case int64, int:
		return value{text: text, key: "n" + text}
	case float64:
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			return value{text: text, key: "n" + textfmt.CanonFloat(v)}
		}
	case string:
		if n, ok := textfmt.CanonNumber(v); ok {
			return value{text: text, key: "n" + n}
		}
	}
	return value{text: text, key: "t" + text}
}

// matches says whether the expected cell c matches the value v.
func (c cell) matches(v value) bool {
	switch {
	case c.any:
		return true
	case c.wild:
		return !v.null && textfmt.WildMatch(c.text, v.text)
	}
	return c.key == v.key
}

// showValue is how a result's value is shown to the learner: textfmt.Value,
// except that the text 'NULL' is quoted so that it is not read as NULL.
func showValue(v any) string {
	if s, ok := v.(string); ok && s == "NULL" {
		return "'NULL'"
	}
	return textfmt.Value(v)
}

// maxCellWidth bounds how many characters of one cell a message shows.
const maxCellWidth = 64

// showCell makes a cell fit on one line of a table: pipes escaped, line
// breaks and tabs written as \n and \t, long text cut.
func showCell(s string) string {
	r := strings.NewReplacer("|", `\|`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return textfmt.Shorten(r.Replace(s), maxCellWidth)
}

// renderRows writes rows as pipe tables whose columns line up across all
// of them; each row gets its own prefix (a marker such as "- ").
func renderRows(rows [][]string) []string {
	var widths []int
	shown := make([][]string, len(rows))
	for i, row := range rows {
		shown[i] = make([]string, len(row))
		for j, c := range row {
			shown[i][j] = showCell(c)
			w := utf8.RuneCountInString(shown[i][j])
			if j >= len(widths) {
				widths = append(widths, w)
			} else if w > widths[j] {
				widths[j] = w
			}
		}
	}
	lines := make([]string, len(rows))
	for i, row := range shown {
		var b strings.Builder
		b.WriteString("|")
		for j, c := range row {
			b.WriteString(" " + c + strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)) + " |")
		}
		if len(row) == 0 {
			b.WriteString("|")
		}
		lines[i] = b.String()
	}
	return lines
}

// section is one titled table of a message. Each row is shown after
// marker ("- ", "+ "), skip rows are left out at the start, and at most
// maxRows rows are shown.
type section struct {
	title  string
	header []string
	marker string
	rows   [][]string
	skip   int
}

// writeSections writes sections with their columns lined up across all.
func writeSections(b *strings.Builder, secs []section) {
	var all [][]string
	for i := range secs {
		s := &secs[i]
		s.skip = min(max(s.skip, 0), len(s.rows))
		if len(s.rows) > 0 && s.header != nil {
			all = append(all, s.header)
		}
		all = append(all, s.rows[s.skip:min(len(s.rows), s.skip+maxRows)]...)
	}
	lines := renderRows(all)
	for _, s := range secs {
		if len(s.rows) == 0 {
			b.WriteString(s.title + " no rows\n")
			continue
		}
		b.WriteString(s.title + "\n")
		if s.header != nil {
			b.WriteString("  " + lines[0] + "\n")
			lines = lines[1:]
		}
		if s.skip > 0 {
			fmt.Fprintf(b, "  ... %d %s before\n", s.skip, textfmt.Plural(s.skip, "row"))
		}
		shown := min(len(s.rows)-s.skip, maxRows)
		marker := s.marker
		if marker == "" {
			marker = "  "
		}
		for _, l := range lines[:shown] {
			b.WriteString(marker + l + "\n")
		}
		lines = lines[shown:]
		if rest := len(s.rows) - s.skip - shown; rest > 0 {
			fmt.Fprintf(b, "  ... and %d more\n", rest)
		}
	}
}
