package tui

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/trust"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// screen is what the TUI shows.
type screen int

const (
	screenMap screen = iota
	screenStep
	screenConsole
	screenHelp
	screenLang
)

// shared is what every screen uses: the size, the styles, and the session
// with the model's copy of its progress. Screens never touch the session
// in Update or View: actions run as commands, holding mu, and come back as
// messages carrying the new progress.
type shared struct {
	width, height int
	st            styles
	keys          keyMap
	render        *renderCache
	editor        []string
	ctx           context.Context
	now           func() time.Time

	mu   sync.Mutex // guards sess while an action runs
	sess *session.Session

	course *lessons.Course
	// lang is the workspace's server language, "" until chosen.
	lang     string
	progress *workspace.Progress
	current  *lessons.Step
	// trusted says whether the course's code may run.
	trusted  trust.Status
	watching bool
	// notice is a one-line message in the footer; noticeBad makes it red.
	notice    string
	noticeBad bool
	// phase is what the learner's server is doing during a check, set from
	// the check's goroutine and read by View.
	phase atomic.Value // server.Phase
}

// progressed carries the session's progress after an action.
type progressed struct {
	progress *workspace.Progress
	current  *lessons.Step
	lang     string
	trusted  trust.Status
}

// act runs f on the session in the background and returns its message.
func (sh *shared) act(f func(*session.Session) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		sh.mu.Lock()
		defer sh.mu.Unlock()
		return f(sh.sess)
	}
}

func snapshot(s *session.Session) progressed {
	return progressed{progress: s.Progress, current: s.Current(), lang: s.Lang(), trusted: s.Trusted()}
}

func (sh *shared) apply(p progressed) {
	if p.progress != nil {
		sh.progress, sh.current, sh.lang, sh.trusted = p.progress, p.current, p.lang, p.trusted
	}
}

func (sh *shared) passed(step *lessons.Step) bool {
	return sh.progress.Steps[step.FullID()].Passed
}

func (sh *shared) say(text string, bad bool) {
	sh.notice, sh.noticeBad = termtext.Printable(text), bad // an error may quote a course or a learner
}

// Model is the root model of the TUI.
type Model struct {
	sh      *shared
	screen  screen
	back    screen // where help returns to
	cmap    mapModel
	step    stepModel
	console consoleModel
	lang    langModel
	watch   *workspace.Watcher
	// helpOffset is how far the help screen is scrolled.
	helpOffset int
}

// Init starts watching the workspace.
func (m Model) Init() tea.Cmd {
	return m.waitForChange()
}

// Update routes messages: global keys first, then the screen's.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sh.width, m.sh.height = msg.Width, msg.Height
		if m.step.step == nil {
			return m, nil
		}
		m.step.layout(m.sh)
		return m, m.step.ensureRendered(m.sh)
	case tea.KeyMsg:
		if key.Matches(msg, m.sh.keys.Quit) {
			return m, tea.Quit
		}
		if key.Matches(msg, m.sh.keys.Help) && m.screen != screenConsole && m.screen != screenHelp {
			m.back, m.screen, m.helpOffset = m.screen, screenHelp, 0
			return m, nil
		}
		if keys := splitRunes(msg); keys != nil && m.screen != screenConsole {
			return m.each(keys)
		}
		m.sh.notice = ""
	case changedMsg:
		return m.changed(msg)
	case langChosenMsg:
		m.sh.apply(msg.progressed)
		if msg.err != nil {
			m.sh.say(msg.err.Error(), true)
			return m, nil
		}
		m.screen = screenMap
		return m, nil
	}
	return m.updateScreen(msg)
}

func (m Model) updateScreen(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenMap:
		var open *lessons.Step
		var quit bool
		m.cmap, open, quit = m.cmap.update(m.sh, msg)
		if quit {
			return m, tea.Quit
		}
		if open != nil {
			m.screen = screenStep
			m.step, cmd = m.step.open(m.sh, open)
			return m, cmd
		}
	case screenStep:
		var leave bool
		var console bool
		m.step, leave, console, cmd = m.step.update(m.sh, msg)
		if leave {
			m.screen = screenMap
			m.cmap.focus(m.step.step)
		}
		if console {
			m.screen = screenConsole
			return m, tea.Batch(cmd, tea.Sequence(m.step.makeCurrent(m.sh), m.console.open(m.sh, m.step.step)))
		}
	case screenConsole:
		var leave bool
		m.console, leave, cmd = m.console.update(m.sh, msg)
		if leave {
			m.screen = screenStep
		}
	case screenHelp:
		if k, ok := msg.(tea.KeyMsg); ok {
			switch {
			case key.Matches(k, m.sh.keys.Up):
				m.helpOffset--
			case key.Matches(k, m.sh.keys.Down):
				m.helpOffset++
			case key.Matches(k, m.sh.keys.PageUp):
				m.helpOffset -= m.sh.height / 2
			case key.Matches(k, m.sh.keys.PageDown):
				m.helpOffset += m.sh.height / 2
			default:
				m.screen = m.back
			}
			_, m.helpOffset = helpView(m.sh, m.helpOffset)
		}
	case screenLang:
		m.lang, cmd = m.lang.update(m.sh, msg)
	}
	// Messages for the step screen keep flowing while another screen shows.
	if m.screen != screenStep {
		switch msg.(type) {
		case checkedMsg, renderedMsg, actedMsg, trustedMsg:
			var more tea.Cmd
			m.step, _, _, more = m.step.update(m.sh, msg)
			cmd = tea.Batch(cmd, more)
		}
	}
	return m, cmd
}

// splitRunes splits a key message that holds several letters typed faster
// than they were read (Bubble Tea gives them as one) into one message per
// letter; it returns nil for any other message.
func splitRunes(k tea.KeyMsg) []tea.KeyMsg {
	if k.Type != tea.KeyRunes || len(k.Runes) < 2 || k.Paste {
		return nil
	}
	keys := make([]tea.KeyMsg, len(k.Runes))
	for i, r := range k.Runes {
		keys[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
	}
	return keys
}

// each gives the model the keys in turn.
func (m Model) each(keys []tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var next tea.Model = m
	for _, k := range keys {
		var cmd tea.Cmd
		next, cmd = next.Update(k)
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}

// View draws the screen.
// View is the screen. Every screen makes the course's and the learner's
// text printable before it styles it; what one of them missed is made
// visible here, keeping only the styling (SGR) lipgloss added, so that no
// text can move the cursor, clear the screen, or set the clipboard or the
// window's title.
func (m Model) View() string {
	return termtext.Styled(m.screenView(), termtext.SGR)
}

func (m Model) screenView() string {
	if m.sh.width == 0 {
		return ""
	}
	switch m.screen {
	case screenStep:
		return m.step.view(m.sh)
	case screenConsole:
		return m.console.view(m.sh)
	case screenHelp:
		view, _ := helpView(m.sh, m.helpOffset)
		return view
	case screenLang:
		return m.lang.view(m.sh)
	}
	return m.cmap.view(m.sh)
}

// changedMsg reports learner files that changed on disk.
type changedMsg struct{ paths []string }

// waitForChange waits for the watcher's next batch of changes.
func (m Model) waitForChange() tea.Cmd {
	if m.watch == nil {
		return nil
	}
	ch := m.watch.Changes()
	return func() tea.Msg {
		paths, ok := <-ch
		if !ok {
			return nil
		}
		return changedMsg{paths: paths}
	}
}

// changed re-checks the open step when watch mode is on.
func (m Model) changed(msg changedMsg) (tea.Model, tea.Cmd) {
	next := m.waitForChange()
	if !m.sh.watching || m.screen == screenMap || m.step.step == nil || m.step.ownFiles(msg.paths) {
		return m, next
	}
	var cmd tea.Cmd
	m.step, cmd = m.step.runCheck(m.sh)
	return m, tea.Batch(next, cmd)
}

// Summary is the one line printed after the TUI quits.
func (m Model) Summary() string {
	passed := workspace.Passed(m.sh.course, m.sh.progress)
	total := len(m.sh.course.Steps())
	line := termtext.Printable(m.sh.course.Title) + ": " + strconv.Itoa(passed) + " of " + strconv.Itoa(total) + " steps passed"
	if passed == total {
		line += ". Every step passes: well done!"
	} else {
		line += " · current step: " + m.sh.current.FullID()
	}
	return line + "\nYour workspace: " + m.sh.sess.WS.Root
}
