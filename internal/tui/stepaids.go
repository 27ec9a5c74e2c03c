package tui

// The step screen's hints and solution, as the learner unfolds them.

import (
	"fmt"
	"strings"

	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

func (m stepModel) hintsText(sh *shared, width int) string {
	if len(m.hints) == 0 {
		return ""
	}
	st := sh.st
	all := len(m.allHints)
	var b strings.Builder
	b.WriteString("\n" + st.header.Render(fmt.Sprintf("Hints (%d of %d)", len(m.hints), all)) + "\n")
	for i, h := range m.hints {
		for j, para := range hintParagraphs(termtext.Printable(h.Body)) {
			first := "   "
			if j == 0 {
				first = fmt.Sprintf("%d. ", i+1)
			}
			if strings.HasPrefix(para, "    ") || isTableLine(para) {
				b.WriteString(block(para, width, "   ") + "\n")
				continue
			}
			b.WriteString(codeSpans(st, hanging(first, para, width, 3)) + "\n")
		}
	}
	if len(m.hints) == all {
		b.WriteString(st.dim.Render(wrap("That was the last hint; s shows the solution.", width)) + "\n")
	}
	return b.String()
}

func (m stepModel) solutionText(sh *shared, width int) string {
	if len(m.solution) == 0 {
		return ""
	}
	st := sh.st
	var b strings.Builder
	b.WriteString("\n" + st.header.Render("Solution") + "\n")
	for _, f := range m.solution {
		if c, ok := m.changed[f.Path]; ok && m.changes {
			from := "since the step before"
			if c.FromStarter {
				from = "from its starter"
			}
			b.WriteString(st.dim.Render("── "+termtext.Printable(f.Path)+": what changed "+from+" (d: the whole file) ──") + "\n")
			b.WriteString(editText(st, c.Hunks, width) + "\n")
			continue
		}
		b.WriteString(st.dim.Render("── "+termtext.Printable(f.Path)+" ──") + "\n")
		b.WriteString(block(termtext.Printable(strings.TrimRight(f.Content, "\n")), width, "") + "\n")
	}
	return b.String()
}

// editText lays out hunks: lines that go in the fail style, lines that
// come in the pass style, context dim, "···" between hunks.
func editText(st styles, hunks []lessons.Hunk, width int) string {
	var out []string
	for i, h := range hunks {
		if i > 0 {
			out = append(out, st.dim.Render("···"))
		}
		for _, l := range h.Lines {
			line := block(termtext.Printable(string(l.Op)+" "+l.Text), width, "")
			switch l.Op {
			case '-':
				line = st.fail.Render(line)
			case '+':
				line = st.pass.Render(line)
			default:
				line = st.dim.Render(line)
			}
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// codeSpans shows `code` in a hint as code: the backticks go, the code is
// set apart (bold; in colour, the accent colour).
func codeSpans(st styles, text string) string {
	parts := strings.Split(text, "`")
	if len(parts) < 3 {
		return text
	}
	for i := 1; i < len(parts); i += 2 {
		if i == len(parts)-1 {
			parts[i] = "`" + parts[i] // an unmatched backtick stays
			continue
		}
		// Line by line: a span that wraps must not become a padded block.
		lines := strings.Split(parts[i], "\n")
		for j, l := range lines {
			lines[j] = st.current.Render(l)
		}
		parts[i] = strings.Join(lines, "\n")
	}
	return strings.Join(parts, "")
}

// hintParagraphs splits a hint into what wraps as one: its lines of prose
// joined into paragraphs (an author's line breaks are not the reader's),
// and each line of code (indented four spaces) or of a table on its own.
func hintParagraphs(body string) []string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = nil
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "    ") || isTableLine(line):
			flush()
			out = append(out, line)
		default:
			para = append(para, strings.TrimSpace(line))
		}
	}
	flush()
	return out
}
