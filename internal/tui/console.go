package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// consoleModel is the SQL console on a step's sandbox.
type consoleModel struct {
	step    *lessons.Step
	con     *check.Console
	input   textinput.Model
	out     viewport.Model
	log     []string // the transcript, styled
	history []string
	back    int    // how far up the history the input is; 0 is new input
	pending string // the start of a statement that has no ; yet
	running bool
}

type consoleOpenedMsg struct {
	step string
	con  *check.Console
	err  error
}

type consoleResultMsg struct {
	// results are what the statements returned, in order.
	results []*sandbox.Result
	err     error
	dot     bool // a dot command: show its text as is
	table   string
}

// open builds the console's sandbox in the background.
// The sandbox is built afresh from the learner's files each time the console
// opens; on the same step, the transcript and the history stay.
func (m *consoleModel) open(sh *shared, step *lessons.Step) tea.Cmd {
	m.close()
	if m.step != step {
		*m = consoleModel{step: step, input: textinput.New(), out: viewport.New(0, 0)}
		m.input.Prompt = "sql> "
		m.input.Placeholder = "a statement ending with ;"
		m.input.CharLimit = 10000
		m.input.Cursor.SetMode(cursor.CursorStatic) // no blinking: no redraw twice a second
		m.log = []string{sh.st.dim.Render("A SQL console on the sandbox of " + step.FullID() +
			": the course's setup, your files and the step's rows. End a statement with ; · .tables · .schema [TABLE] · .param set :NAME VALUE · .help · esc goes back.")}
	} else {
		m.say(sh.st.dim.Render("(the sandbox is built again from your files)"))
	}
	m.running = true
	focus := m.input.Focus()
	return tea.Batch(focus, sh.act(func(s *session.Session) tea.Msg {
		con, err := s.Console(sh.ctx, step)
		return consoleOpenedMsg{step: step.FullID(), con: con, err: err}
	}))
}

func (m *consoleModel) close() {
	if m.con != nil {
		m.con.Close()
		m.con = nil
	}
}

func (m consoleModel) update(sh *shared, msg tea.Msg) (_ consoleModel, leave bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case consoleOpenedMsg:
		m.running = false
		if msg.err != nil {
			m.say(sh.st.fail.Render("the console could not start: " + termtext.Printable(msg.err.Error())))
			break
		}
		m.con = msg.con
		for _, e := range msg.con.Skipped {
			m.say(sh.st.warn.Render("left out of the sandbox: " + termtext.Printable(e.Error())))
		}
	case consoleResultMsg:
		m.running = false
		m.show(sh, msg)
	case tea.KeyMsg:
		switch {
		case msg.Type == tea.KeyEsc:
			return m, true, nil
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
	return m, false, cmd
}

// submit runs the input, or keeps it when the statement is not finished.
func (m consoleModel) submit(sh *shared) (consoleModel, bool, tea.Cmd) {
	line := m.input.Value()
	m.input.SetValue("")
	m.back = 0
	text := strings.TrimSpace(m.pending + line)
	if text == "" {
		return m, false, nil
	}
	m.say(sh.st.dim.Render(m.input.Prompt) + termtext.Printable(line))
	if !strings.HasPrefix(text, ".") && !sandbox.Complete(text) {
		m.pending += line + "\n"
		m.input.Prompt = " ...> "
		m.layout(sh)
		return m, false, nil
	}
	m.pending, m.input.Prompt = "", "sql> "
	m.history = append(m.history, text)
	if text == ".help" {
		m.say(check.ConsoleHelp)
		m.layout(sh)
		return m, false, nil
	}
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
		return m, false, nil
	}
	m.running = true
	con, ctx := m.con, sh.ctx
	m.layout(sh)
	return m, false, func() tea.Msg {
		results, err := con.ExecAll(ctx, text)
		msg := consoleResultMsg{results: results, err: err, dot: strings.HasPrefix(text, ".schema")}
		if msg.dot {
			msg.table = strings.TrimSpace(strings.TrimPrefix(text, ".schema"))
		}
		return msg
	}
}

// show adds what the statements returned to the transcript: each table,
// then the error that stopped them, if one did.
func (m *consoleModel) show(sh *shared, msg consoleResultMsg) {
	shown := false
	for _, res := range msg.results {
		switch {
		case msg.dot:
			for _, row := range res.Rows {
				m.say(termtext.Printable(check.FormatValue(row[0])))
			}
			if len(res.Rows) == 0 && msg.table != "" {
				m.say(sh.st.dim.Render("there is no table or view named " + termtext.Printable(msg.table)))
			}
		case res.Columns != nil:
			m.table(check.FormatTable(res))
		default:
			continue
		}
		shown = true
	}
	if msg.err != nil {
		m.say(sh.st.fail.Render("error: ") + termtext.Printable(msg.err.Error()))
	} else if !shown {
		m.say(sh.st.dim.Render("ok"))
	}
}

// say adds text to the transcript; it wraps to the window. Text is styled
// already: what came from the sandbox goes through termtext.Printable first, so
// that a value cannot send the terminal escape sequences.
func (m *consoleModel) say(text string) { m.log = append(m.log, text) }

// table adds a table to the transcript; its lines are cut, not wrapped, so
// its columns stay aligned.
func (m *consoleModel) table(text string) { m.log = append(m.log, tableMark+termtext.Printable(text)) }

// tableMark starts a transcript entry whose lines must not wrap.
const tableMark = "\x00"

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
	m.out.Width, m.out.Height = sh.width, max(sh.height-4, 1)
	m.input.Width = max(sh.width-len(m.input.Prompt)-1, 10)
	var lines []string
	for _, entry := range m.log {
		if t, ok := strings.CutPrefix(entry, tableMark); ok {
			for _, l := range strings.Split(t, "\n") {
				lines = append(lines, fit(l, sh.width))
			}
			continue
		}
		lines = append(lines, block(entry, sh.width, ""))
	}
	m.out.SetContent(strings.Join(lines, "\n"))
	m.out.GotoBottom()
}

func (m consoleModel) view(sh *shared) string {
	st := sh.st
	title := st.title.Render("SQL console") + st.dim.Render(" · "+m.step.FullID())
	if m.running {
		title += st.dim.Render(" · running…")
	}
	footer := footerView(sh, sh.keys.Run, sh.keys.HistoryUp, key.NewBinding(key.WithHelp("pgup/pgdn", "scroll")),
		key.NewBinding(key.WithHelp("esc", "back to the step")))
	return lipgloss.JoinVertical(lipgloss.Left, fit(title, sh.width), pad(m.out.View(), sh.width), m.input.View(), footer)
}
