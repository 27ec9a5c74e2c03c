package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/markdown"
)

// fit cuts s to width cells, ending with an ellipsis when it was cut.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// wrap word-wraps text to width cells, line by line, breaking only at
// spaces: a path, a flag or a word with a hyphen is never split, as a
// learner copies them. A `code span` that fits on a line is kept on one; one
// wider than a line breaks at its own spaces (hints hold long SQL). A word
// wider than a line has a line of its own, clipped with the code-line
// marker.
func wrap(s string, width int) string {
	if width <= 4 {
		return fit(s, width)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = wrapLine(l, width)
	}
	return strings.Join(lines, "\n")
}

// unit is what wrapLine does not break inside: a word, or a code span of
// several words that fits on a line; gap is the spaces before it.
type unit struct {
	gap, text string
}

// wrapLine wraps one line of text (wrap).
func wrapLine(line string, width int) string {
	var out []string
	cur := ""
	for _, u := range units(line, width) {
		switch {
		case cur == "":
			cur = u.gap + u.text // the line's own indentation stays
		case ansi.StringWidth(cur+u.gap+u.text) <= width:
			cur += u.gap + u.text
		default:
			out = append(out, cur)
			cur = u.text
		}
		if ansi.StringWidth(cur) > width {
			cur = clipWord(cur, width)
		}
	}
	return strings.Join(append(out, cur), "\n")
}

// units splits a line at its spaces, joining again the words of a code span
// (between backticks) that fits in width.
func units(line string, width int) []unit {
	var words []unit
	rest := line
	for rest != "" {
		text := strings.TrimLeft(rest, " ")
		gap := rest[:len(rest)-len(text)]
		end := strings.IndexByte(text, ' ')
		if end < 0 {
			end = len(text)
		}
		if text != "" {
			words = append(words, unit{gap: gap, text: text[:end]})
		}
		rest = text[end:]
	}
	var out []unit
	for i := 0; i < len(words); i++ {
		u := words[i]
		if strings.Count(u.text, "`")%2 == 1 {
			// A span opens: take the words up to its end, if it fits.
			span, j := u, i+1
			for ; j < len(words) && strings.Count(span.text, "`")%2 == 1; j++ {
				span.text += words[j].gap + words[j].text
			}
			if strings.Count(span.text, "`")%2 == 0 && ansi.StringWidth(span.text) <= width {
				u, i = span, j-1
			}
		}
		out = append(out, u)
	}
	return out
}

// clipWord cuts a line that is one word too wide to width cells, ending in
// the code-line marker; a code span cut short keeps its closing backtick,
// which codeSpans takes away.
func clipWord(s string, width int) string {
	kept := ansi.Truncate(s, width-1, "")
	if strings.Count(kept, "`")%2 == 1 {
		return ansi.Truncate(s, width-2, "") + markdown.ClipMarker + "`"
	}
	return kept + markdown.ClipMarker
}

// pad makes every line of s exactly width cells wide.
func pad(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = fit(l, width)
		if w := ansi.StringWidth(l); w < width {
			l += strings.Repeat(" ", width-w)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// footerView is the key map in one line, and the notice above it when
// there is one, wrapped (noticeLines). When the line is too long, bindings are dropped from the
// middle, right to left: the first (the screen's main action) and the last
// three (how to scroll or move between panes, go back, and help) always
// show, down to 60 columns.
func footerView(sh *shared, bindings ...key.Binding) string {
	st := sh.st
	var parts []string
	for _, b := range bindings {
		if h := b.Help(); h.Key != "" {
			parts = append(parts, st.key.Render(h.Key)+" "+st.footer.Render(h.Desc))
		}
	}
	sep := st.footer.Render(" · ")
	line := strings.Join(parts, sep)
	const kept = 3 // at the end
	for len(parts) > kept+1 && ansi.StringWidth(line) > sh.width {
		parts = append(parts[:len(parts)-kept-1], parts[len(parts)-kept:]...)
		line = strings.Join(parts, sep)
	}
	for len(parts) > 2 && ansi.StringWidth(line) > sh.width { // narrower still
		parts = append(parts[:len(parts)-2], parts[len(parts)-1])
		line = strings.Join(parts, sep)
	}
	line = fit(line, sh.width)
	if sh.notice == "" {
		return line
	}
	style := st.warn
	if sh.noticeBad {
		style = st.fail
	}
	notice := noticeLines(sh)
	for i, l := range notice {
		notice[i] = style.Render(l)
	}
	return strings.Join(notice, "\n") + "\n" + line
}

// noticeMost is how many lines a notice takes at most, above the keys: an
// error that says more is cut there (the results pane has it whole).
const noticeMost = 4

// noticeLines is the notice wrapped to the window, each line after the
// first under its first word; none without a notice.
func noticeLines(sh *shared) []string {
	if sh.notice == "" {
		return nil
	}
	lines := strings.Split(hanging("", sh.notice, sh.width, 2), "\n")
	if len(lines) > noticeMost {
		lines = lines[:noticeMost]
		lines[noticeMost-1] = fit(lines[noticeMost-1]+" …", sh.width)
	}
	return lines
}

// hanging wraps text to width with every line after the first indented by
// indent cells, so a wrapped item stays under its first word.
func hanging(first, text string, width, indent int) string {
	w := width - indent
	lines := strings.Split(wrap(text, w), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = strings.Repeat(" ", indent) + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
