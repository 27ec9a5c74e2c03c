package markdown

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// frag is a piece of inline text in one style. A code span's frag is
// marked nobreak: its spaces are not places to break a line.
type frag struct {
	text    string
	f       flags
	nobreak bool
	// br is a hard line break.
	br bool
}

// inline collects the inline content of block n as frags, each with the
// flags base adds to its own.
func (r *renderer) inline(n ast.Node, source []byte, base flags) []word {
	var frags []frag
	var walk func(n ast.Node, f flags)
	walk = func(n ast.Node, f flags) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				frags = append(frags, frag{text: textValue(c, source), f: f})
				switch {
				case c.HardLineBreak():
					frags = append(frags, frag{br: true})
				case c.SoftLineBreak():
					frags = append(frags, frag{text: " ", f: f})
				}
			case *ast.String:
				frags = append(frags, frag{text: string(c.Value), f: f})
			case *ast.CodeSpan:
				frags = append(frags, frag{text: codeSpanText(c, source), f: f | code, nobreak: true})
			case *ast.Emphasis:
				walk(c, f|[...]flags{emph, strong}[min(c.Level, 2)-1])
			case *ast.Link:
				walk(c, f|link)
				if dest := string(c.Destination); showURL(dest, c, source) {
					frags = append(frags, frag{text: " (" + dest + ")", f: f | url})
				}
			case *ast.AutoLink:
				frags = append(frags, frag{text: string(c.Label(source)), f: f | link})
			case *ast.Image:
				frags = append(frags, frag{text: "[image: ", f: f | url})
				walk(c, f)
				frags = append(frags, frag{text: "]", f: f | url})
			case *ast.RawHTML:
				if raw := rawHTML(c, source); !strings.HasPrefix(raw, "<!--") {
					frags = append(frags, frag{text: raw, f: f})
				}
			default:
				walk(c, f)
			}
		}
	}
	walk(n, base)
	return r.words(frags)
}

// textValue is a text node's text with its backslash escapes and
// character references resolved, as a Markdown renderer shows it.
func textValue(t *ast.Text, source []byte) string {
	v := t.Segment.Value(source)
	if t.IsRaw() {
		return string(v)
	}
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v))))
}

func codeSpanText(c *ast.CodeSpan, source []byte) string {
	var b strings.Builder
	for t := c.FirstChild(); t != nil; t = t.NextSibling() {
		if t, ok := t.(*ast.Text); ok {
			b.Write(t.Segment.Value(source))
		}
	}
	return strings.ReplaceAll(b.String(), "\n", " ")
}

func rawHTML(h *ast.RawHTML, source []byte) string {
	var b strings.Builder
	for i := 0; i < h.Segments.Len(); i++ {
		s := h.Segments.At(i)
		b.Write(s.Value(source))
	}
	return b.String()
}

// showURL reports whether a link's destination is worth showing after its
// text: a web address that the text does not already say.
func showURL(dest string, l *ast.Link, source []byte) bool {
	if !strings.HasPrefix(dest, "http://") && !strings.HasPrefix(dest, "https://") {
		return false
	}
	var b strings.Builder
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(source))
		}
	}
	return !strings.Contains(dest, b.String()) || b.Len() == 0
}

// word is what a line does not break inside: text between two spaces, a
// code span together with the punctuation around it. A word that is a
// hard break (br) ends a line.
type word struct {
	frags []frag
	width int
	br    bool
}

// words splits frags at the spaces of text that may break.
func (r *renderer) words(frags []frag) []word {
	var out []word
	var cur word
	end := func() {
		if len(cur.frags) > 0 {
			out = append(out, cur)
		}
		cur = word{}
	}
	add := func(f frag) {
		cur.width += textWidth(f.text)
		if n := len(cur.frags); n > 0 && cur.frags[n-1].f == f.f && cur.frags[n-1].nobreak == f.nobreak {
			cur.frags[n-1].text += f.text
			return
		}
		cur.frags = append(cur.frags, f)
	}
	for _, f := range frags {
		switch {
		case f.br:
			end()
			out = append(out, word{br: true})
		case f.nobreak:
			add(f)
		default:
			start := 0
			for i := 0; i < len(f.text); i++ {
				if isSpace(f.text[i]) {
					if i > start {
						add(frag{text: f.text[start:i], f: f.f})
					}
					end()
					start = i + 1
				}
			}
			if start < len(f.text) {
				add(frag{text: f.text[start:], f: f.f})
			}
		}
	}
	end()
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// wrap lays words out in lines of at most width cells, breaking only
// between words. A word wider than the width is broken at its own spaces
// (a long code span), and failing that, anywhere.
func (r *renderer) wrap(words []word, width int) []string {
	var lines []string
	var cur []word
	used := 0
	flush := func() {
		lines = append(lines, r.renderLine(cur))
		cur, used = cur[:0], 0
	}
	for _, w := range words {
		switch {
		case w.br:
			flush()
			continue
		case w.width > width:
			if used > 0 {
				flush()
			}
			lines = append(lines, r.split(w, width)...)
			continue
		case used > 0 && used+1+w.width > width:
			flush()
		}
		if used > 0 {
			used++
		}
		cur = append(cur, w)
		used += w.width
	}
	if used > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// renderLine is the words of a line in their styles, a space between two:
// a run of text in one style (a heading, a link of several words) is one
// styled string, its spaces styled too.
func (r *renderer) renderLine(words []word) string {
	var frags []frag
	for i, w := range words {
		if i > 0 {
			if last := &frags[len(frags)-1]; last.f == w.frags[0].f {
				last.text += " "
			} else {
				frags = append(frags, frag{text: " "})
			}
		}
		for _, f := range w.frags {
			if n := len(frags); n > 0 && frags[n-1].f == f.f {
				frags[n-1].text += f.text
				continue
			}
			frags = append(frags, frag{text: f.text, f: f.f})
		}
	}
	var b strings.Builder
	for _, f := range frags {
		b.WriteString(r.pal.paint(f.f, f.text))
	}
	return b.String()
}

// split breaks a word wider than width into lines: at the spaces of its
// code spans, and what is still too wide every width cells.
func (r *renderer) split(w word, width int) []string {
	var pieces []frag
	spaced := false
	for _, f := range w.frags {
		if !f.nobreak || !strings.Contains(f.text, " ") {
			pieces = append(pieces, frag{text: f.text, f: f.f})
			continue
		}
		spaced = true
		for i, part := range strings.Split(f.text, " ") {
			if i > 0 {
				pieces = append(pieces, frag{text: " ", f: f.f})
			}
			pieces = append(pieces, frag{text: part, f: f.f})
		}
	}
	if spaced {
		return r.wrap(r.words(pieces), width)
	}
	return strings.Split(ansi.Hardwrap(r.renderLine([]word{w}), width, true), "\n")
}

// textWidth is the width of text in cells, escapes left out.
func textWidth(s string) int { return ansi.StringWidth(s) }
