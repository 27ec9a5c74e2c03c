package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
)

// langModel asks, once, the language the learner will write their server in.
type langModel struct {
	sh     *shared
	cursor int
}

// Update moves the cursor, records the language chosen, or quits.
func (m *langModel) Update(msg tea.Msg) (child, tea.Cmd) {
	var cmd tea.Cmd
	*m, cmd = m.update(m.sh, msg)
	return m, cmd
}

// View is the question.
func (m *langModel) View() string { return m.view(m.sh) }

// Resize does nothing: View wraps to the size it has.
func (m *langModel) Resize() tea.Cmd { return nil }

// langChosenMsg is the language recorded in sandcastle.yaml.
type langChosenMsg struct {
	err error
	progressed
}

var langNames = map[string]string{"go": "Go", "python": "Python"}

func (m langModel) update(sh *shared, msg tea.Msg) (langModel, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	langs := sh.course.LanguageNames()
	switch {
	case key.Matches(k, sh.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, sh.keys.Down):
		m.cursor = min(m.cursor+1, len(langs)-1)
	case key.Matches(k, sh.keys.Open):
		lang := langs[m.cursor]
		return m, sh.act(func(s *session.Session) tea.Msg {
			_, err := s.SetLang(lang)
			return langChosenMsg{err: err, progressed: snapshot(s)}
		})
	case key.Matches(k, sh.keys.Back):
		return m, tea.Quit
	}
	return m, nil
}

func (m langModel) view(sh *shared) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(st.title.Render("Welcome to "+termtext.Printable(sh.course.Title)) + "\n\n")
	b.WriteString(wrap("Later in the course you write a small web server that saves scores and serves a "+
		"leaderboard. Which language will you write it in? You choose once; the SQL lessons are the same either way.", sh.width) + "\n\n")
	for i, lang := range sh.course.LanguageNames() {
		name := langNames[lang]
		if name == "" {
			name = termtext.Printable(lang)
		}
		if i == m.cursor {
			b.WriteString(st.selected.Render(" ▶ "+name+" ") + "\n")
		} else {
			b.WriteString("   " + name + "\n")
		}
	}
	b.WriteString("\n" + footerView(sh, sh.keys.Up, sh.keys.Down, key.NewBinding(key.WithHelp("enter", "choose")),
		key.NewBinding(key.WithHelp("q", "quit"))))
	return b.String()
}
