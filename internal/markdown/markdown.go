// Package markdown renders lesson Markdown for a terminal, at a given
// width, with or without colour: prose wrapped at word boundaries, lists
// with hanging indents, headings without their # marks, tables as tables,
// and code blocks that never wrap (a line too long for the width is
// clipped, with a marker in its last cell, and can be shifted sideways).
// Without colour it keeps the same structure and shows no Markdown marks.
//
// It reads goldmark's syntax tree and styles with lipgloss; code is
// highlighted by internal/highlight. Every character of the source is made
// printable (termtext.Printable) before it is laid out, so an escape
// sequence in a lesson reaches the terminal as a visible ␛, never as an
// escape.
package markdown

import (
	"strings"

	"github.com/muesli/termenv"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/sandcastle/sandcastle/internal/termtext"
)

// Options are how a text is rendered.
type Options struct {
	// Width is the number of cells a line may take (at least 20 are used).
	Width int
	// Profile is the terminal's colour profile; termenv.Ascii renders
	// without colour or any other escape sequence. (The zero value is
	// termenv.TrueColor.)
	Profile termenv.Profile
	// Dark says the terminal's background is dark.
	Dark bool
	// CodeOffset shifts code blocks left by so many cells, to read the end
	// of lines too long for the width.
	CodeOffset int
}

// Document is a rendered text.
type Document struct {
	// Text is the rendered text, lines separated by "\n", none of them
	// wider than the width.
	Text string
	// Code are the text's code blocks, in order.
	Code []CodeBlock
}

// CodeBlock is a code block of a rendered text.
type CodeBlock struct {
	// Lang is the language its fence names, or "".
	Lang string
	// Source is the code as written (made printable), without the last
	// newline: what a learner copies.
	Source string
	// Line is the line of Document.Text its first line is on (from 0), and
	// Lines how many lines it takes.
	Line, Lines int
	// Width is the width in cells of its widest line, tabs expanded.
	Width int
}

// minWidth is the narrowest width laid out.
const minWidth = 20

// Render renders the Markdown src.
func Render(src string, o Options) Document {
	o.Width = max(o.Width, minWidth)
	o.CodeOffset = max(o.CodeOffset, 0)
	source := []byte(termtext.Printable(src))
	r := &renderer{o: o, pal: newPalette(o.Profile, o.Dark)}
	doc := r.parse(source)
	lines := r.children(doc, source, o.Width)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
		if l.code > 0 {
			r.code[l.code-1].Line = i
		}
	}
	return Document{Text: strings.Join(out, "\n"), Code: r.code}
}

// renderer is one rendering of a text.
type renderer struct {
	o    Options
	pal  palette
	code []CodeBlock
	p    parser.Parser
}

// line is a rendered line; code is 1 + the index of the code block it is
// the first line of, or 0.
type line struct {
	text string
	code int
}

func (r *renderer) parse(source []byte) ast.Node {
	if r.p == nil {
		r.p = parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
	}
	return r.p.Parse(text.NewReader(source))
}

// children renders the blocks under n, a blank line between two.
func (r *renderer) children(n ast.Node, source []byte, width int) []line {
	var out []line
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b := r.block(c, source, width)
		if len(b) == 0 {
			continue
		}
		if len(out) > 0 && !tight(c) {
			out = append(out, line{})
		}
		out = append(out, b...)
	}
	return out
}

// tight reports whether block n follows the one before it with no blank
// line: in an item of a tight list (a nested list after its text).
func tight(n ast.Node) bool {
	if _, ok := n.Parent().(*ast.ListItem); !ok {
		return false
	}
	l, ok := n.Parent().Parent().(*ast.List)
	return ok && l.IsTight
}

// block renders one block.
func (r *renderer) block(n ast.Node, source []byte, width int) []line {
	switch n := n.(type) {
	case *ast.Paragraph:
		if rows, ok := tableRows(n, source); ok {
			return r.table(rows, width)
		}
		return plainLines(r.wrap(r.inline(n, source, 0), width))
	case *ast.TextBlock:
		return plainLines(r.wrap(r.inline(n, source, 0), width))
	case *ast.Heading:
		return r.heading(n, source, width)
	case *ast.ThematicBreak:
		return []line{{text: r.pal.rule.Render(strings.Repeat("─", width))}}
	case *ast.FencedCodeBlock:
		return r.codeBlock(string(n.Language(source)), rawText(n, source), width)
	case *ast.CodeBlock:
		return r.codeBlock("", rawText(n, source), width)
	case *ast.Blockquote:
		return prefixed(r.children(n, source, width-2), r.pal.quote.Render("│ "), r.pal.quote.Render("│"))
	case *ast.List:
		return r.list(n, source, width)
	case *ast.HTMLBlock:
		if n.HTMLBlockType == ast.HTMLBlockType2 { // a comment, for authors
			return nil
		}
		return plainLines(r.wrap(r.words([]frag{{text: strings.TrimRight(rawText(n, source), "\n")}}), width))
	}
	return r.children(n, source, width)
}

// rawText is the text of a block's lines, as written.
func rawText(n ast.Node, source []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		b.Write(h.ClosureLine.Value(source))
	}
	return b.String()
}

// heading renders a heading without its marks: the first level underlined
// with a double rule, the second with a single one, the others in their
// style alone.
func (r *renderer) heading(n *ast.Heading, source []byte, width int) []line {
	lvl := min(n.Level, 3)
	text := r.wrap(r.inline(n, source, headingFlags[lvl-1]), width)
	if lvl < 3 {
		w := 0
		for _, t := range text {
			w = max(w, textWidth(t))
		}
		text = append(text, r.pal.rule.Render(strings.Repeat([]string{"═", "─"}[lvl-1], w)))
	}
	return plainLines(text)
}

// list renders a list's items, each under its marker with a hanging indent.
func (r *renderer) list(n *ast.List, source []byte, width int) []line {
	var out []line
	num := n.Start
	last := len(itoa(n.Start + n.ChildCount() - 1))
	depth := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			depth++
		}
	}
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := bullets[depth%len(bullets)] + " "
		if n.IsOrdered() {
			s := itoa(num)
			marker = strings.Repeat(" ", last-len(s)) + s + string(n.Marker) + " "
			num++
		}
		indent := strings.Repeat(" ", textWidth(marker))
		body := r.children(item, source, width-len(indent))
		if len(body) == 0 {
			body = []line{{}}
		}
		if len(out) > 0 && !n.IsTight {
			out = append(out, line{})
		}
		body = prefixed(body, indent, "")
		body[0].text = r.pal.marker.Render(marker) + strings.TrimPrefix(body[0].text, indent)
		out = append(out, body...)
	}
	return out
}

// bullets mark the items of lists by depth.
var bullets = [...]string{"•", "◦", "▪"}

// prefixed puts prefix before each line, and blank before each blank one.
func prefixed(lines []line, prefix, blank string) []line {
	for i, l := range lines {
		if l.text == "" {
			lines[i].text = blank
			continue
		}
		lines[i].text = prefix + l.text
	}
	return lines
}

func plainLines(text []string) []line {
	out := make([]line, len(text))
	for i, t := range text {
		out[i] = line{text: t}
	}
	return out
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
