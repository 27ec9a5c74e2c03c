package check

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatValue returns a SQLite value as text, the way SQLite itself writes
// it: NULL for nil, integers in decimal, a REAL with at least one decimal
// ("3.0", "0.1", "1.0e+20"), text as it is and a blob as X'0A1B'.
func FormatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case float64:
		return formatReal(v)
	case string:
		return v
	case []byte:
		return fmt.Sprintf("X'%X'", v)
	}
	return fmt.Sprint(v)
}

// formatReal writes f as SQLite's "%!.15g" does: 15 significant digits,
// and ".0" added to a number that would otherwise look like an integer.
func formatReal(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	case f == 0:
		return "0.0" // SQLite writes -0.0 as 0.0 too
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if strings.Contains(s, ".") {
		return s
	}
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		return s[:i] + ".0" + s[i:]
	}
	return s + ".0"
}

// isNumber says whether s is a decimal number: an optional sign, digits
// with at most one '.', and an optional exponent. Hexadecimal, "Inf" and
// "NaN" are not numbers here.
func isNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, dot := 0, false
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
	}
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	exp := s[i+1:]
	if exp != "" && (exp[0] == '+' || exp[0] == '-') {
		exp = exp[1:]
	}
	if exp == "" {
		return false
	}
	for j := 0; j < len(exp); j++ {
		if exp[j] < '0' || exp[j] > '9' {
			return false
		}
	}
	return true
}

// canonNumber returns the text that two equal numbers share: an integer in
// decimal, any other number rounded to 15 significant digits. ok is false
// when s is not a number.
func canonNumber(s string) (string, bool) {
	if !isNumber(s) {
		return "", false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return strconv.FormatInt(i, 10), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", false
	}
	return canonFloat(f), true
}

// canonFloat is canonNumber for a float64: whole numbers that fit an int64
// are written exactly, other numbers at the 15 digits SQLite shows.
func canonFloat(f float64) string {
	if c, ok := wholeNumber(f); ok {
		return c
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if g, err := strconv.ParseFloat(s, 64); err == nil {
		if c, ok := wholeNumber(g); ok {
			return c
		}
	}
	return s
}

func wholeNumber(f float64) (string, bool) {
	if f != math.Trunc(f) || math.Abs(f) >= 9.2e18 {
		return "", false
	}
	return strconv.FormatInt(int64(f), 10), true
}

// wildcard is the text that stands for any run of characters in a cell.
const wildcard = "..."

// wildMatch says whether text matches pattern, in which each "..." stands
// for any run of characters (the empty run too).
func wildMatch(pattern, text string) bool {
	parts := strings.Split(pattern, wildcard)
	if len(parts) == 1 {
		return pattern == text
	}
	first, last := parts[0], parts[len(parts)-1]
	if !strings.HasPrefix(text, first) {
		return false
	}
	text = text[len(first):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(text, p)
		if i < 0 {
			return false
		}
		text = text[i+len(p):]
	}
	return strings.HasSuffix(text, last)
}

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
	case text == wildcard:
		c.any = true
	case strings.Contains(text, wildcard):
		c.wild = true
	case text == "NULL":
		c.key = "\x00"
	default:
		if n, ok := canonNumber(text); ok {
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
	text string // FormatValue of the value
	key  string // equal for the values that equal cells match
}

func newValue(v any) value {
	text := FormatValue(v)
	switch v := v.(type) {
	case nil:
		return value{null: true, text: text, key: "\x00"}
	case int64, int:
		return value{text: text, key: "n" + text}
	case float64:
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			return value{text: text, key: "n" + canonFloat(v)}
		}
	case string:
		if n, ok := canonNumber(v); ok {
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
		return !v.null && wildMatch(c.text, v.text)
	}
	return c.key == v.key
}

// showValue is how a result's value is shown to the learner: FormatValue,
// except that the text 'NULL' is quoted so that it is not read as NULL.
func showValue(v any) string {
	if s, ok := v.(string); ok && s == "NULL" {
		return "'NULL'"
	}
	return FormatValue(v)
}

// maxCellWidth bounds how many characters of one cell a message shows.
const maxCellWidth = 64

// showCell makes a cell fit on one line of a table: pipes escaped, line
// breaks and tabs written as \n and \t, long text cut.
func showCell(s string) string {
	r := strings.NewReplacer("|", `\|`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return shortenText(r.Replace(s), maxCellWidth)
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
			fmt.Fprintf(b, "  ... %d %s before\n", s.skip, plural(s.skip, "row"))
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
