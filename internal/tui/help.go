package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/markdown"
)

// helpModel is the help screen: the full key map, scrolled.
type helpModel struct {
	sh     *shared
	offset int
}

// Update scrolls; any other key goes back to the screen help was opened on.
func (m *helpModel) Update(msg tea.Msg) (child, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	keys, sh := m.sh.keys, m.sh
	switch {
	case key.Matches(k, keys.Up):
		m.offset--
	case key.Matches(k, keys.Down):
		m.offset++
	case key.Matches(k, keys.PageUp):
		m.offset -= sh.height / 2
	case key.Matches(k, keys.PageDown):
		m.offset += sh.height / 2
	default:
		sh.navigate(closeHelpMsg{})
		return m, nil
	}
	_, m.offset = helpView(sh, m.offset)
	return m, nil
}

// View is the key map at the offset.
func (m *helpModel) View() string {
	view, _ := helpView(m.sh, m.offset)
	return view
}

// Resize does nothing: View keeps the offset within the text.
func (m *helpModel) Resize() tea.Cmd { return nil }

// helpView is the full key map, by screen, scrolled to offset; it returns
// the view and the offset, kept within the text.
func helpView(sh *shared, offset int) (string, int) {
	k := sh.keys
	st := sh.st
	groups := []struct {
		title    string
		bindings []key.Binding
	}{
		{"Everywhere", []key.Binding{k.Help, k.Back, k.Quit}},
		{"Course map", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open}},
		{"A step", []key.Binding{k.Check, k.Watch, k.Hint, k.Solution, k.Changes, k.Reset, k.Edit, k.Console,
			key.NewBinding(key.WithHelp(k.Trust.Help().Key, "trust the course, when a check asks: it lists what the course runs")), k.Next,
			key.NewBinding(key.WithHelp("tab", "scroll the lesson or the results")), k.Zoom,
			key.NewBinding(key.WithHelp(k.Log.Help().Key, "the server's whole log, full screen (after a check that ran it)")), k.Up, k.Down, k.PageUp, k.PageDown,
			key.NewBinding(key.WithHelp("← → (< >)", "scroll code sideways (a line too long ends in "+markdown.ClipMarker+")")),
			key.NewBinding(key.WithHelp(k.Copy.Help().Key, "copy the top code block (clipboard, .sandcastle/copied/)"))}},
		{"SQL console", []key.Binding{k.Run, k.HistoryUp, k.HistoryDown, key.NewBinding(key.WithHelp(".tables .schema", "inspect the sandbox")), key.NewBinding(key.WithHelp(".param set :NAME VALUE", "a value for a query's parameter")), key.NewBinding(key.WithHelp("esc", "back to the step"))}},
	}
	var b strings.Builder
	b.WriteString(st.title.Render("Keys") + "\n")
	for _, g := range groups {
		b.WriteString("\n" + st.header.Render(g.title) + "\n")
		for _, bind := range g.bindings {
			b.WriteString(helpLine(sh, bind.Help()) + "\n")
		}
	}
	b.WriteString("\n" + st.dim.Render(wrap("Watch mode checks the open step each time you save one of the workspace's files.", sh.width)))
	if !sh.course.NoCatchUp {
		b.WriteString("\n\n" + st.dim.Render(wrap("Skipping ahead: opening a step whose earlier steps you have not done offers to catch up: "+
			"y fills their files with the course's answers, never a file you changed. The map marks them "+caughtUpIcon+
			" (caught up, not passed).", sh.width)))
	}
	lines := strings.Split(b.String(), "\n")
	height := max(sh.height-1, 1)
	offset = max(0, min(offset, len(lines)-height))
	lines = lines[offset:min(offset+height, len(lines))]
	for i, l := range lines {
		lines[i] = fit(l, sh.width)
	}
	more := "↑/↓ scroll · any other key goes back"
	if offset+height >= len(strings.Split(b.String(), "\n")) && offset == 0 {
		more = "any key goes back"
	}
	return strings.Join(lines, "\n") + "\n" + st.footer.Render(fit(more, sh.width)), offset
}

// keyColumn is how wide the help's column of keys is; the descriptions
// start after it and a space, at descColumn.
const (
	keyColumn  = 16
	descColumn = 2 + keyColumn + 1
)

// helpLine is a key and what it does, the description wrapped under its
// own column; a key wider than its column has a line of its own.
func helpLine(sh *shared, h key.Help) string {
	first := "  " + sh.st.key.Render(padRight(h.Key, keyColumn)) + " "
	if ansi.StringWidth(h.Key) > keyColumn {
		first = "  " + sh.st.key.Render(h.Key) + "\n" + strings.Repeat(" ", descColumn)
	}
	return hanging(first, h.Desc, sh.width, descColumn)
}

func padRight(s string, n int) string {
	if w := ansi.StringWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}
