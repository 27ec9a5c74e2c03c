package tui

// Progress recorded by another process: a learner keeps the TUI open and
// runs `sandcastle check` in another terminal, as the lessons tell them to.
// Every progressPoll the TUI reads the progress database's revision (a stat
// and four bytes, no query); only when it moved, and not by the TUI's own
// actions (act), does it read the progress again. It never runs a check:
// the step view says the step was checked elsewhere, and c shows why.

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/session"
)

// progressPoll is how often the TUI looks for progress recorded elsewhere.
const progressPoll = time.Second

// progressTickMsg is time to look at the progress database again.
type progressTickMsg struct{}

// progressReadMsg is the progress, read again after another process
// recorded some; read is false when nothing had changed.
type progressReadMsg struct {
	read bool
	// acts is how many actions had started when it was read: an action
	// started since brings a newer progress, and this one is dropped.
	acts uint64
	progressed
}

// tickProgress waits for the next look at the progress database; nil when
// the TUI does not look by itself (pollEvery 0: the tests send the ticks).
func (sh *shared) tickProgress() tea.Cmd {
	if sh.pollEvery <= 0 {
		return nil
	}
	return tea.Tick(sh.pollEvery, func(time.Time) tea.Msg { return progressTickMsg{} })
}

// readProgress reads the progress again when the database's revision moved
// since the TUI last saw it.
func (sh *shared) readProgress() tea.Cmd {
	return func() tea.Msg {
		sh.mu.Lock()
		defer sh.mu.Unlock()
		rev := sh.sess.Store.Revision()
		if rev == sh.seen {
			return progressReadMsg{}
		}
		if err := sh.sess.Reload(sh.ctx); err != nil {
			return progressReadMsg{} // the next look tries again
		}
		sh.seen = rev
		return progressReadMsg{read: true, acts: sh.acts.Load(), progressed: snapshot(sh.sess)}
	}
}

// progressRead shows the progress read again: the map's marks and counts,
// the step's state; then waits for the next look.
func (m Model) progressRead(msg progressReadMsg) (tea.Model, tea.Cmd) {
	if msg.read && msg.acts == m.sh.acts.Load() {
		m.sh.apply(msg.progressed)
		m.step.layout(m.sh)
	}
	return m, m.sh.tickProgress()
}

// checkedElsewhere reports whether the step was checked in another process
// since the step view last knew of its checks: the results it shows are
// out of date.
func (m stepModel) checkedElsewhere(sh *shared) bool {
	return !m.checking && sh.progress.Steps[m.step.FullID()].Attempts > m.attempts
}

// shown is the verdict the step view shows: the last check's, unless the
// step was checked elsewhere since.
func (m stepModel) shown(sh *shared) *session.Verdict {
	if m.checkedElsewhere(sh) {
		return nil
	}
	return m.verdict
}

// elsewhereText says the step was checked in another terminal, and how
// it went.
func (m stepModel) elsewhereText(sh *shared, width int) string {
	if sh.progress.Steps[m.step.FullID()].LastStatus == string(check.Pass) {
		return sh.st.pass.Render(wrap("✓ Passed in another terminal (sandcastle check): press c to see the results here.", width)) + "\n"
	}
	return sh.st.warn.Render(wrap("Checked in another terminal: it did not pass. Press c to see the results here.", width)) + "\n"
}
