package tui

import (
	"context"
	"io"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/invocation"
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
	editor        EditorChoice
	// command is how the learner runs sandcastle from where they are
	// (Options.Command).
	command string
	// clipboard is the terminal, where y writes the OSC 52 sequence that
	// sets the clipboard.
	clipboard io.Writer
	// root is the workspace's folder.
	root string
	ctx  context.Context
	now  func() time.Time

	mu   sync.Mutex // guards sess while an action runs
	sess *session.Session
	// acts counts the actions started (act); seen is the progress
	// database's revision the TUI last read or wrote, guarded by mu, and
	// pollEvery how often it looks for another process's (elsewhere.go).
	acts      atomic.Uint64
	seen      workspace.Revision
	pollEvery time.Duration

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
	// next is the navigation message a screen has just sent (navigate),
	// which the root takes before anything else.
	next tea.Msg
	// declined are the steps of the offers to catch up the learner declined.
	declined declinedOffers
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
		sh.acts.Add(1)
		before := sh.sess.Store.Revision()
		msg := f(sh.sess)
		if before == sh.seen {
			// Only f recorded since the TUI last looked, and its message
			// brings what it recorded: nothing to read again.
			sh.seen = sh.sess.Store.Revision()
		}
		return msg
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

// Model is the root model of the TUI: it keeps the screens, shows one,
// and moves between them on the navigation messages they send.
type Model struct {
	sh      *shared
	screen  screen
	back    screen // where help returns to
	cmap    *mapModel
	step    *stepModel
	console *consoleModel
	lang    *langModel
	help    *helpModel
	watch   *workspace.Watcher
}

// Init starts watching the workspace, and its progress.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.waitForChange(), m.sh.tickProgress())
}

// Update routes messages: global keys and navigation first, then to the
// screen the message is for.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sh.width, m.sh.height = msg.Width, msg.Height
		return m, tea.Batch(m.step.Resize(), m.console.Resize())
	case tea.KeyMsg:
		if key.Matches(msg, m.sh.keys.Quit) {
			return m, tea.Quit
		}
		if key.Matches(msg, m.sh.keys.Help) && m.screen != screenConsole && m.screen != screenHelp {
			m.back, m.screen = m.screen, screenHelp
			m.help.offset = 0
			return m, nil
		}
		if keys := splitRunes(msg); keys != nil && m.screen != screenConsole {
			return m.each(keys)
		}
		m.sh.notice = ""
	case changedMsg:
		return m.changed(msg)
	case progressTickMsg:
		return m, m.sh.readProgress()
	case progressReadMsg:
		return m.progressRead(msg)
	case langChosenMsg:
		m.sh.apply(msg.progressed)
		if msg.err != nil {
			m.sh.say(msg.err.Error(), true)
			return m, nil
		}
		m.screen = screenMap
		return m, nil
	case openStepMsg:
		m.screen = screenStep
		// The step opened last is the current step (cli.md), for the
		// commands too: check, sql and serve see the step the TUI shows.
		return m, tea.Sequence(m.step.open(msg.step), m.step.makeCurrent(m.sh), m.step.offerCatchUp(m.sh, msg.fromMap))
	case openMapMsg:
		m.screen = screenMap
		m.cmap.focus(m.step.step)
		return m, nil
	case openConsoleMsg:
		m.screen = screenConsole
		return m, tea.Sequence(m.step.makeCurrent(m.sh), m.console.open(m.sh, m.step.step))
	case closeConsoleMsg:
		if m.screen == screenConsole {
			m.screen = screenStep
		}
		return m, nil
	case closeHelpMsg:
		if m.screen == screenHelp {
			m.screen = m.back
		}
		return m, nil
	}
	_, cmd := m.recipient(msg).Update(msg)
	if next := m.sh.next; next != nil {
		m.sh.next = nil
		nm, more := m.Update(next)
		return nm, tea.Batch(cmd, more)
	}
	return m, cmd
}

// recipient is the screen a message is for: the outcome of a step's
// action or of the console's goes to its screen, shown or not; anything
// else (keys) to the screen shown.
func (m Model) recipient(msg tea.Msg) child {
	switch msg.(type) {
	case checkedMsg, renderedMsg, actedMsg, trustedMsg, stepLoadedMsg, offeredMsg:
		return m.step
	case consoleOpenedMsg, consoleResultMsg:
		return m.console
	}
	return m.shown()
}

// shown is the screen shown.
func (m Model) shown() child {
	switch m.screen {
	case screenStep:
		return m.step
	case screenConsole:
		return m.console
	case screenHelp:
		return m.help
	case screenLang:
		return m.lang
	}
	return m.cmap
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
	return m.shown().View()
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
	*m.step, cmd = m.step.runCheck(m.sh)
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
	line += "\nYour workspace: " + m.sh.root
	if c := m.sh.command; c != "" && c != invocation.Name {
		line += "\nTo carry on: " + c // sandcastle is not on the PATH
	}
	return line
}
