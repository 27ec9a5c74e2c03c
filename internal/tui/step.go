package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sandcastle/sandcastle/internal/markdown"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/lessons"
)

// stepModel is the step view: the step's prose, its files, and the last
// check's results, with the actions a learner takes on a step.
type stepModel struct {
	sh   *shared
	step *lessons.Step
	// files are the learner's files of the step, and allHints its hints,
	// as the session gave them when the step opened (stepLoadedMsg).
	files    []string
	allHints []*lessons.Hint
	// hasFiles is set once they have come.
	hasFiles bool
	prose    viewport.Model
	results  viewport.Model
	// focusResults says which pane the scroll keys move.
	focusResults bool
	// trustShown is set once t has scrolled to the end of the trust
	// prompt, so that the next t trusts (m.trust).
	trustShown bool
	spin       spinner.Model
	checking   bool
	// again is set when files changed during a check: check once more.
	again bool
	// checked is the last check of this step, when there was one.
	checked   *session.Checked
	checkedAt time.Time
	// attempts are the step's checks recorded when it opened or at its last
	// check here: more in the progress were made elsewhere
	// (checkedElsewhere).
	attempts int
	// verdict is what the last check says, as session words it.
	verdict *session.Verdict
	// justPassed shows the moment of success and the offer to go on.
	justPassed bool
	hints      []*lessons.Hint
	solution   []*lessons.FileBlock
	// changed is what the solution's files change in the files the step
	// starts with, by path (session.Changes); changes shows that instead
	// of the whole files.
	changed map[string]session.Change
	changes bool
	confirm confirmKind
	// offer is the offer to catch up that the dialog asks (confirmCatchUp).
	offer *session.Offer
	// info is extra text for the results pane (created files, backups).
	info string
	// editorNote is what e said about the editor (the one chosen for the
	// learner, or that there is none): it stays in the results pane past
	// the results of the checks under way when it came (noteKeeps of them:
	// the edit's saves started them), and goes at the next result, when e
	// is pressed again, or when a step opens.
	editorNote string
	noteKeeps  int
	// created are the files the last check created for the next step:
	// watch mode does not check again for them.
	created []string
	// log is the end of the server's log after the last check, and logPath
	// how to name that log.
	log     []string
	logPath string
	// stop cancels the check under way.
	stop context.CancelFunc
	// proseWidth is the width the prose was last laid out for, and
	// proseOffset the sideways offset of its code; doc is that rendering.
	proseWidth, proseOffset int
	doc                     markdown.Document
	// codeOffset is how far the learner scrolled the code blocks sideways
	// (← →), in cells.
	codeOffset int
	// zoom is the full-screen view open over the body, if any, full its
	// viewport, and fullLog the server's log it shows (nil while read).
	zoom    zoomKind
	full    viewport.Model
	fullLog []string
	// logLaid is fullLog laid out at logWidth: made again only when the
	// log or the width changes, not on every message layout sees.
	logLaid  string
	logWidth int
	// logFile is the server's log of the last check, for the full view.
	logFile string
	// laidFor are the panes layout last sized the viewports for.
	laidFor panes
}

type confirmKind int

const (
	confirmNone confirmKind = iota
	confirmSolution
	confirmReset
	confirmCatchUp
)

// checkedMsg is a finished check of a step.
type checkedMsg struct {
	step string
	out  session.Checked
	err  error
	// verdict is what out says of the step.
	verdict *session.Verdict
	// log is the end of the server's log, for a step that ran it, and
	// logPath how to name that log.
	log     []string
	logPath string
	// logFile is the log's path, for the full-screen view.
	logFile string
	progressed
}

// actedMsg is a finished hint, solution, reset or edit.
type actedMsg struct {
	step string
	// created are files a goto created, which watch mode need not check.
	created  []string
	hints    []*lessons.Hint
	solution []*lessons.FileBlock
	changed  map[string]session.Change
	info     string
	err      error
	progressed
}

// stepLoadedMsg is what the session says of a step that opens: its
// files and its hints for the workspace's language.
type stepLoadedMsg struct {
	step     string
	files    []string
	allHints []*lessons.Hint
}

func newStepModel(sh *shared) stepModel {
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	return stepModel{sh: sh, spin: sp, prose: viewport.New(0, 0), results: viewport.New(0, 0), full: viewport.New(0, 0)}
}

// Update takes a key or the outcome of one of the step's actions.
func (m *stepModel) Update(msg tea.Msg) (child, tea.Cmd) {
	var cmd tea.Cmd
	*m, cmd = m.update(m.sh, msg)
	return m, cmd
}

// View is the step view.
func (m *stepModel) View() string { return m.view(m.sh) }

// Resize lays the open step out again, and renders its prose for the new
// width.
func (m *stepModel) Resize() tea.Cmd {
	if m.step == nil {
		return nil
	}
	m.layout(m.sh)
	return m.ensureRendered(m.sh)
}

// open shows step, with what the learner has already seen of it; its
// files and hints come from the session (load).
func (m *stepModel) open(step *lessons.Step) tea.Cmd {
	sh := m.sh
	var load tea.Cmd
	if m.step != step {
		*m = newStepModel(sh)
		m.step = step
		m.attempts = sh.progress.Steps[step.FullID()].Attempts
		load = sh.act(func(s *session.Session) tea.Msg {
			return stepLoadedMsg{step: step.FullID(), files: s.Files(step), allHints: s.Hints(step)}
		})
	}
	// What the last action said (the files it created, a reset) was news
	// then; said again, it would be wrong.
	m.info, m.editorNote = "", ""
	m.focusResults, m.trustShown = false, false
	sh.notice = ""
	m.layout(sh)
	return tea.Batch(load, m.ensureRendered(sh))
}

// loaded takes the step's files and hints, and shows the hints the
// learner has seen.
func (m stepModel) loaded(sh *shared, msg stepLoadedMsg) stepModel {
	if msg.step != m.step.FullID() {
		return m
	}
	m.files, m.allHints, m.hasFiles = msg.files, msg.allHints, true
	seen := min(sh.progress.Steps[msg.step].HintsSeen, len(msg.allHints))
	if seen > len(m.hints) {
		m.hints = msg.allHints[:seen]
	}
	return m
}

// makeCurrent makes the open step the current step, as goto does, passed
// or not (a learner may revisit one), and creates its missing files: from
// then on the commands (check, sql, serve) see the same step as the TUI.
func (m stepModel) makeCurrent(sh *shared) tea.Cmd {
	step := m.step
	if step == nil || step == sh.current {
		return nil
	}
	return sh.act(func(s *session.Session) tea.Msg {
		created, err := s.Goto(sh.ctx, step)
		msg := actedMsg{step: step.FullID(), err: err, created: created, progressed: snapshot(s)}
		if len(created) > 0 {
			msg.info = "Created " + strings.Join(created, ", ") + "."
		}
		return msg
	})
}

func (m stepModel) update(sh *shared, msg tea.Msg) (_ stepModel, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.key(sh, msg)
	case checkedMsg:
		m = m.checkDone(sh, msg)
		return m, m.checkAgain(sh)
	case stepLoadedMsg:
		m = m.loaded(sh, msg)
	case actedMsg:
		m = m.acted(sh, msg)
	case offeredMsg:
		m = m.offered(sh, msg)
	case trustedMsg:
		m, cmd = m.trustDone(sh, msg)
	case copiedMsg:
		m.copied(sh, msg)
	case logLoadedMsg:
		m = m.logLoaded(sh, msg)
	case renderedMsg:
		// the prose is ready: layout below puts it in
	case spinner.TickMsg:
		if m.checking {
			m.spin, cmd = m.spin.Update(msg)
		}
	case editedMsg:
		m.editorNote, m.noteKeeps = msg.note, 0
		if m.checking {
			m.noteKeeps = 1
		}
		if msg.err != nil {
			sh.say("the editor: "+msg.err.Error(), true)
		}
	}
	m.layout(sh)
	return m, cmd
}

func (m stepModel) key(sh *shared, k tea.KeyMsg) (_ stepModel, cmd tea.Cmd) {
	keys := sh.keys
	if m.confirm != confirmNone {
		cmd = m.confirmed(sh, k)
		m = m.answer(sh, k)
		m.layout(sh) // the answer may have put a notice in the footer
		return m, cmd
	}
	if m.zoom != zoomNone {
		return m.zoomKey(sh, k)
	}
	switch {
	case key.Matches(k, keys.Back):
		sh.navigate(openMapMsg{})
		return m, nil
	case key.Matches(k, keys.Check):
		m, cmd = m.runCheck(sh)
		cmd = tea.Sequence(m.makeCurrent(sh), cmd)
	case key.Matches(k, keys.Watch):
		sh.watching = !sh.watching
		if !sh.watching {
			sh.say("watch mode off: press c to check", false)
			break
		}
		sh.say("watch mode on: saving a file checks the step", false)
		m, cmd = m.runCheck(sh) // files may have changed while it was off
	case key.Matches(k, keys.Hint):
		cmd = m.hint(sh)
	case key.Matches(k, keys.Solution):
		if sh.course.Build.Student() {
			// Nothing to reveal: say so in full, where it is read.
			m.info = session.ErrSolutionsKept.Error() + "."
			m.focusResults = true
			break
		}
		m.confirm = confirmSolution
	case key.Matches(k, keys.Reset):
		m.confirm = confirmReset
	case key.Matches(k, keys.Changes):
		m = m.toggleChanges(sh)
	case key.Matches(k, keys.Edit):
		m.editorNote = ""
		cmd = tea.Sequence(m.makeCurrent(sh), m.edit(sh))
	case key.Matches(k, keys.Console):
		sh.navigate(openConsoleMsg{})
		return m, nil
	case key.Matches(k, keys.Trust):
		m, cmd = m.trust(sh)
	case key.Matches(k, keys.Next):
		next := nextStep(sh, m.step)
		if m.justPassed {
			next = m.onward(sh)
		}
		if next == nil && m.justPassed && sh.current != m.step && !sh.progress.Steps[sh.current.FullID()].Passed {
			next = sh.current // the end of the course, with steps before it still to pass
		}
		switch {
		case next == nil:
			sh.say("This is the last step of the course.", false)
		case !m.justPassed && !sh.passed(m.step):
			sh.say("n goes on once this step passes; the course map (q) opens any step.", false)
		default:
			sh.navigate(openStepMsg{step: next})
		}
	case key.Matches(k, keys.Focus):
		m.focusResults = !m.focusResults
	case key.Matches(k, keys.Copy):
		cmd = m.copyCode(sh)
	case !m.focusResults && (key.Matches(k, keys.Left) || key.Matches(k, keys.Right)):
		m, cmd = m.shiftCode(sh, key.Matches(k, keys.Right))
	case key.Matches(k, keys.Zoom):
		m = m.openZoom(sh)
	case key.Matches(k, keys.Log):
		return m.openLog(sh)
	default:
		m.scroll(sh, k)
	}
	m.layout(sh)
	return m, cmd
}

// scroll moves the focused pane.
func (m *stepModel) scroll(sh *shared, k tea.KeyMsg) {
	vp := &m.prose
	if m.focusResults {
		vp = &m.results
	}
	scrollViewport(vp, sh.keys, k)
}

// nextStep is the step after step in the course, or nil.
func nextStep(sh *shared, step *lessons.Step) *lessons.Step {
	steps := sh.course.Steps()
	if step.Index+1 < len(steps) {
		return steps[step.Index+1]
	}
	return nil
}

func (m stepModel) view(sh *shared) string {
	st := sh.st
	if m.laidFor != m.panes(sh) {
		// A notice came or went since the last layout (the footer's height
		// changed): lay this frame out again, so it keeps to the window.
		m.layout(sh)
	}
	header := m.header(sh)
	footer := m.footer(sh)
	body := m.body(sh)
	if m.confirm != confirmNone {
		body = lipgloss.Place(sh.width, lipgloss.Height(body), lipgloss.Center, lipgloss.Center,
			st.dialog.Render(wrap(m.confirmText(sh), max(sh.width-8, 10))), lipgloss.WithWhitespaceChars(" "))
	}
	return lipgloss.JoinVertical(lipgloss.Left, header, body, footer)
}

// toggleChanges switches the solution's files that change a file the step
// starts with between the whole file and what changed.
func (m stepModel) toggleChanges(sh *shared) stepModel {
	switch {
	case len(m.solution) == 0:
		sh.say("d shows what the solution changed; s shows the solution first.", false)
	case len(m.changed) == 0:
		sh.say("Nothing to compare: the solution's files are new in this step.", false)
	default:
		m.changes = !m.changes
	}
	return m
}
