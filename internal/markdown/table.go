package markdown

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/yuin/goldmark/ast"
)

// tableRows are the cells of a paragraph that is a pipe table (a header
// row, a delimiter row of dashes, then rows), as written, the delimiter
// row left out; ok is false for any other paragraph. goldmark's table
// extension would do this too, but compiles its regular expressions
// (linkify's) when the program starts.
func tableRows(p *ast.Paragraph, source []byte) (rows [][]string, ok bool) {
	lines := p.Lines()
	if lines.Len() < 2 {
		return nil, false
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		l := strings.TrimSpace(string(seg.Value(source)))
		if !strings.Contains(l, "|") {
			return nil, false
		}
		cells := splitRow(l)
		if i == 1 {
			if !delimiterRow(cells) || len(cells) != len(rows[0]) {
				return nil, false
			}
			continue
		}
		rows = append(rows, cells)
	}
	return rows, true
}

// splitRow splits a table row at its pipes, but not at an escaped pipe
// or one inside a code span.
func splitRow(l string) []string {
	l = strings.TrimPrefix(l, "|")
	if strings.HasSuffix(l, "|") && !strings.HasSuffix(l, `\|`) {
		l = l[:len(l)-1]
	}
	var cells []string
	var b strings.Builder
	inCode := false
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case c == '\\' && i+1 < len(l) && l[i+1] == '|':
			b.WriteByte('|')
			i++
			continue
		case c == '`':
			inCode = !inCode
		case c == '|' && !inCode:
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
			continue
		}
		b.WriteByte(c)
	}
	return append(cells, strings.TrimSpace(b.String()))
}

func delimiterRow(cells []string) bool {
	for _, c := range cells {
		c = strings.Trim(c, ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// table lays out rows (the first the header) in columns that fit the
// width: each column as wide as its widest cell when they all fit, and
// else the width shared out so that narrow columns keep their width and
// the wide ones wrap their cells.
func (r *renderer) table(rows [][]string, width int) []line {
	cols := len(rows[0])
	cells := make([][][]word, len(rows))
	natural := make([]int, cols)
	for i, row := range rows {
		cells[i] = make([][]word, cols)
		for j := 0; j < cols && j < len(row); j++ {
			base := flags(0)
			if i == 0 {
				base = strong
			}
			cells[i][j] = r.cell(row[j], base)
			natural[j] = max(natural[j], wordsWidth(cells[i][j]))
		}
	}
	widths := share(natural, width-3*(cols-1))
	sep := r.pal.rule.Render(" │ ")
	var out []line
	for i, row := range cells {
		laid := make([][]string, cols)
		height := 1
		for j := range row {
			laid[j] = r.wrap(row[j], widths[j])
			height = max(height, len(laid[j]))
		}
		for k := 0; k < height; k++ {
			parts := make([]string, cols)
			for j := range laid {
				if k < len(laid[j]) {
					parts[j] = laid[j][k]
				}
				parts[j] += strings.Repeat(" ", max(widths[j]-textWidth(parts[j]), 0))
			}
			// Columns at their narrowest may still not fit: the row is cut.
			out = append(out, line{text: ansi.Truncate(strings.TrimRight(strings.Join(parts, sep), " "), width, "…")})
		}
		if i == 0 {
			rules := make([]string, cols)
			for j, w := range widths {
				rules[j] = strings.Repeat("─", w)
			}
			out = append(out, line{text: ansi.Truncate(r.pal.rule.Render(strings.Join(rules, "─┼─")), width, "")})
		}
	}
	return out
}

// cell parses one cell's Markdown and collects its words.
func (r *renderer) cell(md string, base flags) []word {
	source := []byte(md)
	doc := r.parse(source)
	if p := doc.FirstChild(); p != nil {
		return r.inline(p, source, base)
	}
	return nil
}

// wordsWidth is the width of words on one line.
func wordsWidth(words []word) int {
	w := 0
	for i, wd := range words {
		if i > 0 {
			w++
		}
		w += wd.width
	}
	return w
}

// share shares total cells out among columns that would like natural
// widths: all of them when they fit; else every column that wants less
// than an equal share of what is left gets what it wants, and the others
// split the rest equally. No column gets less than 3.
func share(natural []int, total int) []int {
	widths := make([]int, len(natural))
	sum := 0
	for _, n := range natural {
		sum += n
	}
	if sum <= total {
		copy(widths, natural)
		return widths
	}
	done := make([]bool, len(natural))
	left, open := total, len(natural)
	for changed := true; changed && open > 0; {
		changed = false
		fair := left / open
		for j, n := range natural {
			if !done[j] && n <= fair {
				widths[j], done[j] = n, true
				left -= n
				open--
				changed = true
			}
		}
	}
	for j := range natural {
		if !done[j] {
			widths[j] = max(left/max(open, 1), 3)
		}
	}
	return widths
}
