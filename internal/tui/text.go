package tui

import (
	"strconv"
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

func itoa(n int) string { return strconv.Itoa(n) }

// footerView is the key map in one line, and the notice above it when
// there is one.
func footerView(sh *shared, bindings ...key.Binding) string {
	st := sh.st
	var parts []string
	for _, b := range bindings {
		h := b.Help()
		if h.Key == "" {
			continue
		}
		parts = append(parts, st.key.Render(h.Key)+" "+st.footer.Render(h.Desc))
	}
	line := fit(strings.Join(parts, st.footer.Render(" · ")), sh.width)
	if sh.notice == "" {
		return line
	}
	style := st.warn
	if sh.noticeBad {
		style = st.fail
	}
	return style.Render(fit(sh.notice, sh.width)) + "\n" + line
}
