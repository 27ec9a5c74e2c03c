package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// helpView is the full key map, by screen.
func helpView(sh *shared) string {
	k := sh.keys
	st := sh.st
	groups := []struct {
		title    string
		bindings []key.Binding
	}{
		{"Everywhere", []key.Binding{k.Help, k.Back, k.Quit}},
		{"Course map", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open}},
		{"A step", []key.Binding{k.Check, k.Watch, k.Hint, k.Solution, k.Reset, k.Edit, k.Console, k.Next, k.Focus, k.Up, k.Down, k.PageUp, k.PageDown}},
		{"SQL console", []key.Binding{k.Run, k.HistoryUp, k.HistoryDown, key.NewBinding(key.WithHelp(".tables .schema", "inspect the sandbox")), key.NewBinding(key.WithHelp("esc", "back to the step"))}},
	}
	var b strings.Builder
	b.WriteString(st.title.Render("Keys") + "\n")
	for _, g := range groups {
		b.WriteString("\n" + st.header.Render(g.title) + "\n")
		for _, bind := range g.bindings {
			h := bind.Help()
			b.WriteString("  " + st.key.Render(padRight(h.Key, 16)) + " " + h.Desc + "\n")
		}
	}
	b.WriteString("\n" + st.dim.Render("Watch mode checks the open step each time you save one of the workspace's files.") + "\n")
	b.WriteString(st.dim.Render("Press any key to go back."))
	lines := strings.Split(b.String(), "\n")
	if len(lines) > sh.height {
		lines = lines[:sh.height]
	}
	for i, l := range lines {
		lines[i] = fit(l, sh.width)
	}
	return lipgloss.NewStyle().MaxHeight(sh.height).Render(strings.Join(lines, "\n"))
}

func padRight(s string, n int) string {
	if w := lipgloss.Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}
