package tui

// The step screen's full-screen views: the results, and the server's log,
// each over the whole body, for a traceback longer than the results pane.

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/termtext"
)

// zoomKind is what the step view shows over its whole body, if anything.
type zoomKind int

const (
	zoomNone zoomKind = iota
	zoomResults
	zoomLog
)

// logLoadedMsg is the server's log, read for the full-screen view.
type logLoadedMsg struct {
	step  string
	lines []string
}

// logLines is how much of a log the full-screen view shows: its last lines,
// from its last 512 KiB.
const (
	logLines = 5000
	logBytes = 512 << 10
)

// zoomKey takes a key while a full-screen view is open: the scroll keys
// move it, l and z switch between the log and the results, q and esc close
// it; c closes it and checks.
func (m stepModel) zoomKey(sh *shared, k tea.KeyMsg) (stepModel, tea.Cmd) {
	keys := sh.keys
	switch {
	case key.Matches(k, keys.Back):
		m.zoom = zoomNone
	case key.Matches(k, keys.Zoom):
		if m.zoom == zoomResults {
			m.zoom = zoomNone
			break
		}
		m.zoom = zoomResults
		m.full.GotoTop()
	case key.Matches(k, keys.Log):
		if m.zoom == zoomLog {
			m.zoom = zoomNone
			break
		}
		return m.openLog(sh)
	case key.Matches(k, keys.Check):
		m.zoom = zoomNone
		var cmd tea.Cmd
		m, cmd = m.runCheck(sh)
		return m, tea.Sequence(m.makeCurrent(sh), cmd)
	default:
		scrollViewport(&m.full, keys, k)
	}
	m.layout(sh)
	return m, nil
}

// openZoom shows the results over the whole body, from their top.
func (m stepModel) openZoom(sh *shared) stepModel {
	m.zoom = zoomResults
	m.layout(sh)
	m.full.GotoTop()
	return m
}

// openLog shows the server's log over the whole body, read in the
// background; a step that runs no server, or has not run it yet, says so.
func (m stepModel) openLog(sh *shared) (stepModel, tea.Cmd) {
	switch {
	case !usesServer(m.step):
		sh.say("This step does not run your server, so it has no log: z shows the results full screen.", false)
		return m, nil
	case m.logFile == "":
		sh.say("No server log yet: press c to check, which starts your server and keeps its log.", false)
		return m, nil
	}
	m.zoom, m.fullLog = zoomLog, nil
	step, path := m.step.FullID(), m.logFile
	m.layout(sh)
	return m, func() tea.Msg {
		return logLoadedMsg{step: step, lines: logTailOf(path, logLines, logBytes)}
	}
}

// logLoaded takes the log read for the full-screen view, shown from its end.
func (m stepModel) logLoaded(sh *shared, msg logLoadedMsg) stepModel {
	if msg.step != m.step.FullID() || m.zoom != zoomLog {
		return m
	}
	m.fullLog, m.logWidth = msg.lines, 0
	if m.fullLog == nil {
		m.fullLog = []string{}
	}
	m.layout(sh)
	m.full.GotoBottom()
	return m
}

// zoomText is what the full-screen view shows, at width.
func (m *stepModel) zoomText(sh *shared, width int) string {
	if m.zoom == zoomResults {
		return m.resultsText(sh, width)
	}
	switch {
	case m.fullLog == nil:
		return sh.st.dim.Render("  reading " + termtext.Printable(m.logPath) + " …")
	case len(m.fullLog) == 0:
		return sh.st.dim.Render("  " + termtext.Printable(m.logPath) + " is empty: your server printed nothing.")
	}
	if m.logWidth != width {
		lines := make([]string, len(m.fullLog))
		for i, l := range m.fullLog {
			lines[i] = ansi.Hardwrap(termtext.Printable(l), width, true)
		}
		m.logLaid, m.logWidth = strings.Join(lines, "\n"), width
	}
	return m.logLaid
}

// zoomBody is the full-screen view with a rule naming it above.
func (m stepModel) zoomBody(sh *shared) string {
	st := sh.st
	label := " results, full screen "
	if m.zoom == zoomLog {
		label = " server log: " + termtext.Printable(m.logPath) + " "
	}
	rule := st.border.Render("──") + st.dim.Render(label) + st.border.Render(strings.Repeat("─", max(sh.width-ansi.StringWidth(label)-2, 0)))
	return fit(rule, sh.width) + "\n" + pad(m.full.View(), sh.width)
}

// zoomFooter says how to scroll the full-screen view and how to leave it.
func (m stepModel) zoomFooter(sh *shared) string {
	k := sh.keys
	scroll := key.NewBinding(key.WithHelp("↑↓ pgdn", "scroll"))
	other := key.NewBinding(key.WithHelp(k.Log.Help().Key, "server log"))
	if m.zoom == zoomLog {
		other = key.NewBinding(key.WithHelp(k.Zoom.Help().Key, "results"))
	}
	// When the line is too long, bindings go from the middle: scrolling,
	// back and help stay.
	if !usesServer(m.step) {
		return footerView(sh, k.Check, scroll, k.Back, k.Help)
	}
	return footerView(sh, k.Check, other, scroll, k.Back, k.Help)
}

// scrollViewport moves vp by a scroll key; other keys do nothing.
func scrollViewport(vp *viewport.Model, keys keyMap, k tea.KeyMsg) {
	switch {
	case key.Matches(k, keys.Up):
		vp.LineUp(1)
	case key.Matches(k, keys.Down):
		vp.LineDown(1)
	case key.Matches(k, keys.PageUp):
		vp.HalfViewUp()
	case key.Matches(k, keys.PageDown):
		vp.HalfViewDown()
	case key.Matches(k, keys.Top):
		vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		vp.GotoBottom()
	}
}
