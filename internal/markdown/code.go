package markdown

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/highlight"
)

// ClipMarker ends a code line clipped at the edge of the width.
const ClipMarker = "→"

// tabWidth is the distance between tab stops in code.
const tabWidth = 4

// codeBlock renders a code block: each line of the source on one line,
// never wrapped. A line wider than the width is clipped, its last cell the
// marker; the code is shifted left by the options' CodeOffset.
func (r *renderer) codeBlock(lang, source string, width int) []line {
	source = strings.TrimSuffix(source, "\n")
	lang = strings.ToLower(strings.TrimSpace(lang))
	src := strings.Split(source, "\n")
	plain := make([]string, len(src))
	for i, l := range src {
		plain[i] = ExpandTabs(l)
	}
	var spans [][]highlight.Span
	if r.pal.colour {
		spans = highlight.Lines(lang, strings.Join(plain, "\n"))
	}
	block := CodeBlock{Lang: lang, Source: source, Lines: len(src)}
	out := make([]line, len(src))
	for i, l := range plain {
		w := textWidth(l)
		block.Width = max(block.Width, w)
		styled := l
		if spans != nil && i < len(spans) {
			styled = r.paintCode(spans[i])
		}
		out[i] = line{text: r.clip(styled, w, width)}
	}
	r.code = append(r.code, block)
	out[0].code = len(r.code)
	return out
}

// paintCode is a line of code in its highlighting.
func (r *renderer) paintCode(spans []highlight.Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Class == highlight.ClassPlain {
			b.WriteString(s.Text)
			continue
		}
		b.WriteString(r.pal.code[s.Class].Render(s.Text))
	}
	return b.String()
}

// clip is the part of a code line (styled, w cells wide) that shows in
// width cells at the options' offset: what is past the edge is cut, and
// the marker takes the last cell.
func (r *renderer) clip(styled string, w, width int) string {
	off := r.o.CodeOffset
	if off == 0 && w <= width {
		return styled
	}
	if w-off <= width {
		return ansi.Cut(styled, off, w)
	}
	return ansi.Cut(styled, off, off+width-1) + r.pal.clip.Render(ClipMarker)
}

// ExpandTabs replaces each tab of a line with the spaces up to the next
// stop of four: a terminal would put it at its own tab stops, off the
// layout.
func ExpandTabs(line string) string {
	if !strings.Contains(line, "\t") {
		return line
	}
	var b strings.Builder
	col := 0
	for _, r := range line {
		if r == '\t' {
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col += max(ansi.StringWidth(string(r)), 0)
	}
	return b.String()
}
