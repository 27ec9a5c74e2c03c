package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/console"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// consoleModel is the SQL console screen: it lays out what the console of
// internal/console returns for each line.
type consoleModel struct {
	sh      *shared
	step    *lessons.Step
	con     *console.Console
	hist    *console.History // the workspace's, shared with sandcastle sql
	input   textinput.Model
	out     viewport.Model
	log     []string // the transcript, styled
	history []string
	back    int    // how far up the history the input is; 0 is new input
	typed   string // the lines of the statement being typed, for the history
	running bool
}

type consoleOpenedMsg struct {
	step *lessons.Step
	con  *console.Console
	// hist is the workspace's history, read when a console opens anew.
	hist *console.History
	// outs are what opening said: the warnings of what was left out, and
	// on a rebuild, that it was one.
	outs []console.Output
	err  error
}

type consoleResultMsg struct {
	outs   []console.Output
	prompt string // the console's prompt after the line
}

// open builds the console's sandbox in the background.
// The sandbox is built afresh from the learner's files each time the console
// opens; on the same step, the transcript, the history and the parameters
// stay.
func (m *consoleModel) open(sh *shared, step *lessons.Step) tea.Cmd {
	if m.step != step {
		m.close()
		*m = consoleModel{sh: sh, step: step, input: textinput.New(), out: viewport.New(0, 0)}
		m.input.Prompt = "sql> "
		m.input.Placeholder = "a statement ending with ;"
		m.input.CharLimit = 10000
		m.input.Cursor.SetMode(cursor.CursorStatic) // no blinking: no redraw twice a second
		m.say(sh.st.dim.Render(console.Intro(step.FullID()) + " · esc goes back."))
	}
	con := m.con
	if con == nil { // a new console: no statement is being typed
		m.typed, m.input.Prompt = "", "sql> "
	}
	m.running = true
	focus := m.input.Focus()
	return tea.Batch(focus, sh.act(func(s *session.Session) tea.Msg {
		if con != nil {
			outs, err := con.Rebuild(sh.ctx)
			return consoleOpenedMsg{step: step, con: con, outs: outs, err: err}
		}
		hist, histErr := s.SQLHistory()
		con, err := s.Console(sh.ctx, step)
		if err != nil {
			return consoleOpenedMsg{step: step, err: err}
		}
		outs := con.Skipped()
		if histErr != nil {
			outs = append(outs, console.Output{Kind: console.Note, Text: histErr.Error()})
		}
		return consoleOpenedMsg{step: step, con: con, hist: hist, outs: outs}
	}))
}

func (m *consoleModel) close() {
	if m.con != nil {
		m.con.Close()
		m.con = nil
	}
}

// Update takes a key, or what the console returned.
func (m *consoleModel) Update(msg tea.Msg) (child, tea.Cmd) {
	var cmd tea.Cmd
	*m, cmd = m.update(m.sh, msg)
	return m, cmd
}

// View is the console screen.
func (m *consoleModel) View() string { return m.view(m.sh) }

// Resize lays the transcript out again, once the console has opened.
func (m *consoleModel) Resize() tea.Cmd {
	if m.step != nil {
		m.layout(m.sh)
	}
	return nil
}

func (m consoleModel) update(sh *shared, msg tea.Msg) (_ consoleModel, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case consoleOpenedMsg:
		if msg.step != m.step { // the console of a step left since
			if msg.con != nil && msg.con != m.con {
				msg.con.Close()
			}
			break
		}
		m.running = false
		if msg.err != nil {
			m.close()
			m.say(sh.st.fail.Render("the console could not start: " + termtext.Printable(msg.err.Error())))
			break
		}
		m.con = msg.con
		if msg.hist != nil {
			m.hist = msg.hist
			m.history = append(msg.hist.Entries(), m.history...)
		}
		m.show(sh, msg.outs)
	case consoleResultMsg:
		m.running = false
		m.input.Prompt = msg.prompt
		if !console.Has(msg.outs, console.More) {
			m.remember(sh, m.typed, console.Has(msg.outs, console.Quit))
			m.typed = ""
		}
		m.show(sh, msg.outs)
		if console.Has(msg.outs, console.Quit) {
			m.layout(sh)
			m.sh.navigate(closeConsoleMsg{})
			return m, nil
		}
	case tea.KeyMsg:
		switch {
		case msg.Type == tea.KeyEsc && m.halfTyped():
			m.drop(sh)
		case msg.Type == tea.KeyEsc:
			m.sh.navigate(closeConsoleMsg{})
			return m, nil
		case key.Matches(msg, sh.keys.Run):
			return m.submit(sh)
		case key.Matches(msg, sh.keys.HistoryUp):
			m.recall(1)
		case key.Matches(msg, sh.keys.HistoryDown):
			m.recall(-1)
		case msg.Type == tea.KeyPgUp:
			m.out.HalfViewUp()
		case msg.Type == tea.KeyPgDown:
			m.out.HalfViewDown()
		default:
			m.input, cmd = m.input.Update(msg)
		}
	default:
		m.input, cmd = m.input.Update(msg)
	}
	m.layout(sh)
	return m, cmd
}

// halfTyped reports whether a statement is being typed: text at the
// prompt, or lines given to the console that wait for their end.
func (m consoleModel) halfTyped() bool {
	return !m.running && (m.input.Value() != "" || m.typed != "")
}

// drop forgets the statement being typed (the first esc; the next leaves).
func (m *consoleModel) drop(sh *shared) {
	if m.typed != "" {
		m.say(sh.st.dim.Render(m.input.Prompt) + termtext.Printable(m.input.Value()))
		m.say(sh.st.dim.Render("(the statement you were typing is dropped; esc again goes back to the step)"))
	}
	if m.con != nil {
		m.con.Discard()
	}
	m.input.SetValue("")
	m.input.Prompt = "sql> "
	m.typed, m.back = "", 0
}

// submit gives the console the input line.
func (m consoleModel) submit(sh *shared) (consoleModel, tea.Cmd) {
	line := m.input.Value()
	m.input.SetValue("")
	m.back = 0
	if strings.TrimSpace(line) == "" && m.typed == "" {
		return m, nil
	}
	m.say(sh.st.dim.Render(m.input.Prompt) + termtext.Printable(line))
	if m.con == nil || m.running {
		busy := "the last statement is still running; try again in a moment"
		switch {
		case m.con == nil && m.running:
			busy = "the console is still starting; try again in a moment"
		case m.con == nil:
			busy = "the console could not start (see above): esc goes back to the step, and x opens it again"
		}
		m.say(sh.st.warn.Render(busy))
		m.layout(sh)
		return m, nil
	}
	m.typed += line + "\n"
	m.running = true
	con, ctx := m.con, sh.ctx
	m.layout(sh)
	return m, func() tea.Msg {
		outs := con.Run(ctx, line)
		return consoleResultMsg{outs: outs, prompt: con.Prompt()}
	}
}

// show adds what the console returned to the transcript.
func (m *consoleModel) show(sh *shared, outs []console.Output) {
	for _, o := range outs {
		switch o.Kind {
		case console.Table:
			m.log = append(m.log, tableMark+o.String())
		case console.Error:
			m.say(sh.st.fail.Render(o.Label()) + o.String())
		case console.Warning: // its colour is its label
			m.say(sh.st.warn.Render(o.String()))
		case console.Note:
			m.say(sh.st.dim.Render(o.String()))
		case console.Schema, console.Help:
			m.say(o.String())
		}
	}
}

// say adds text to the transcript; it wraps to the window. Text is styled
// already: what came from the sandbox goes through termtext.Printable first, so
// that a value cannot send the terminal escape sequences.
func (m *consoleModel) say(text string) { m.log = append(m.log, text) }

// tableMark starts a transcript entry, a table, whose lines must not wrap.
const tableMark = "\x00"

// remember adds a statement that ran to the history (.quit is not kept).
func (m *consoleModel) remember(sh *shared, statement string, quit bool) {
	if quit {
		return
	}
	if m.hist == nil { // the console did not open: this screen's history only
		m.history = append(m.history, termtext.Printable(console.Entry(statement)))
		return
	}
	shown, err := m.hist.Add(statement)
	if shown != "" {
		m.history = append(m.history, shown)
	}
	if err != nil {
		m.say(sh.st.dim.Render(termtext.Printable(err.Error())))
	}
}

// recall puts an older (by > 0) or newer input of the history in the prompt.
func (m *consoleModel) recall(by int) {
	m.back = max(0, min(m.back+by, len(m.history)))
	if m.back == 0 {
		m.input.SetValue("")
		return
	}
	m.input.SetValue(m.history[len(m.history)-m.back])
	m.input.CursorEnd()
}

func (m *consoleModel) layout(sh *shared) {
	m.out.Width, m.out.Height = sh.width, outHeight(sh)
	m.input.Width = max(sh.width-len(m.input.Prompt)-1, 10)
	var lines []string
	for _, entry := range m.log {
		t, ok := strings.CutPrefix(entry, tableMark)
		if !ok {
			lines = append(lines, block(entry, sh.width, ""))
			continue
		}
		cut := false
		for _, l := range strings.Split(t, "\n") {
			cut = cut || ansi.StringWidth(l) > sh.width
			lines = append(lines, fit(l, sh.width))
		}
		if cut {
			lines = append(lines, block(sh.st.dim.Render(wideTable), sh.width, ""))
		}
	}
	m.out.SetContent(strings.Join(lines, "\n"))
	m.out.GotoBottom()
}

// wideTable is the note under a table cut at the window's edge.
const wideTable = "(the table is wider than the window: the columns past its edge are cut off; select fewer columns, or widen the window)"

// outHeight is the height of the console's output: the window less the
// title, the input, the keys and a line kept for a notice (a longer notice
// takes more).
func outHeight(sh *shared) int { return max(sh.height-3-max(len(noticeLines(sh)), 1), 1) }

func (m consoleModel) view(sh *shared) string {
	st := sh.st
	m.out.Height = outHeight(sh) // a notice may have come since the layout
	title := st.title.Render("SQL console") + st.dim.Render(" · "+m.step.FullID())
	if m.running {
		title += st.dim.Render(" · running…")
	}
	esc := key.NewBinding(key.WithHelp("esc", "back to the step"))
	if m.halfTyped() {
		esc = key.NewBinding(key.WithHelp("esc", "drop the statement"))
	}
	footer := footerView(sh, sh.keys.Run, sh.keys.HistoryUp, key.NewBinding(key.WithHelp("pgup/pgdn", "scroll")), esc)
	return lipgloss.JoinVertical(lipgloss.Left, fit(title, sh.width), pad(m.out.View(), sh.width), m.input.View(), footer)
}
