package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// fit cuts s to width cells, ending with an ellipsis when it was cut.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// wrap word-wraps plain text to width cells, each line after the first
// indented like the first.
func wrap(s string, width int) string {
	if width <= 4 {
		return fit(s, width)
	}
	return ansi.Wrap(s, width, "")
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
// there is one. When the line is too long, bindings are dropped from the
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
	return style.Render(fit(sh.notice, sh.width)) + "\n" + line
}

// hanging wraps text to width with every line after the first indented by
// indent cells, so a wrapped item stays under its first word.
func hanging(first, text string, width, indent int) string {
	w := width - indent
	var lines []string
	if w <= 4 {
		lines = strings.Split(fit(text, w), "\n")
	} else {
		lines = strings.Split(ansi.Wrap(text, w, ""), "\n")
	}
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = strings.Repeat(" ", indent) + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
