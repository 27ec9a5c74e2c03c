package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// hint reveals the next hint, recorded.
func (m stepModel) hint(sh *shared) tea.Cmd {
	step := m.step
	return sh.act(func(s *session.Session) tea.Msg {
		seen, hints, err := s.RevealHint(sh.ctx, step)
		msg := actedMsg{step: step.FullID(), err: err, progressed: snapshot(s)}
		if err == nil && len(hints) == 0 {
			msg.info = "This step has no hints."
		}
		if err == nil {
			msg.hints = hints[:seen]
		}
		return msg
	})
}

func (m stepModel) confirmText(sh *shared) string {
	if m.confirm == confirmCatchUp {
		return m.catchUpText(sh)
	}
	if m.confirm == confirmSolution {
		return "Show the solution of this step? It is recorded that you saw it; your files are not changed.\n\ny: show it · n: not now"
	}
	return "Put this step's files back to where the step starts? Your version of each file is kept in " + workspace.BackupsShown + ".\n\ny: reset · n: keep my files"
}

// answer closes the confirmation dialog.
func (m stepModel) answer(sh *shared, k tea.KeyMsg) stepModel {
	if m.confirm == confirmCatchUp && key.Matches(k, sh.keys.No) {
		sh.declined.add(m.offer.Plan.Skipped)
		sh.say("Not caught up; the course map (q) offers it again.", false)
	}
	if key.Matches(k, sh.keys.Yes) || key.Matches(k, sh.keys.No) {
		m.confirm = confirmNone
	}
	return m
}

// confirmed runs what the dialog asked for when the answer is yes.
func (m stepModel) confirmed(sh *shared, k tea.KeyMsg) tea.Cmd {
	if !key.Matches(k, sh.keys.Yes) {
		return nil
	}
	step := m.step
	if m.confirm == confirmCatchUp {
		return m.catchUp(sh)
	}
	if m.confirm == confirmSolution {
		return sh.act(func(s *session.Session) tea.Msg {
			files, err := s.RevealSolution(sh.ctx, step)
			msg := actedMsg{step: step.FullID(), solution: files, changed: s.Changes(step, files), err: err, progressed: snapshot(s)}
			if err == nil && len(files) == 0 {
				msg.info = "This step has no solution files."
			}
			return msg
		})
	}
	return sh.act(func(s *session.Session) tea.Msg {
		written, backup, err := s.Reset(sh.ctx, step)
		msg := actedMsg{step: step.FullID(), err: err, progressed: snapshot(s)}
		switch {
		case err != nil:
		case len(written) == 0:
			msg.info = "Your files already were where the step starts."
		case len(backup.Files) == 0:
			msg.info = "Reset: " + strings.Join(written, ", ") + "."
		default:
			rel, _ := filepath.Rel(s.WS.Root, backup.Dir)
			msg.info = fmt.Sprintf("Reset: %s. Your version is kept in %s.", strings.Join(written, ", "), rel)
		}
		return msg
	})
}

// acted takes the outcome of a hint, solution or reset.
func (m stepModel) acted(sh *shared, msg actedMsg) stepModel {
	sh.apply(msg.progressed)
	if msg.err != nil {
		sh.say(msg.err.Error(), true)
		return m
	}
	if msg.step != m.step.FullID() {
		return m
	}
	m.created = append(m.created, msg.created...)
	if msg.hints != nil {
		m.hints = msg.hints
		m.focusResults = true
	}
	if msg.solution != nil {
		m.solution, m.changed = msg.solution, msg.changed
		m.focusResults = true
	}
	if msg.info != "" {
		m.tell(sh, msg.info, false)
	}
	m.layout(sh)
	if msg.hints != nil || msg.solution != nil {
		m.results.GotoBottom()
	}
	return m
}

// tell puts text in the results pane, wrapped; the footer repeats it only
// when it fits there whole, never cut short.
func (m *stepModel) tell(sh *shared, text string, bad bool) {
	m.info = text
	if ansi.StringWidth(termtext.Printable(text)) <= sh.width {
		sh.say(text, bad)
	}
}

// editedMsg says the editor has closed (err: how it failed), or that
// there was none to open; note is what to tell the learner.
type editedMsg struct {
	err  error
	note string
}

// edit opens the step's files in the learner's editor, giving it the
// terminal until it exits; with none (no $VISUAL, $EDITOR, nano or
// micro), it says how to set one instead (editor.go).
func (m stepModel) edit(sh *shared) tea.Cmd {
	if !m.hasFiles {
		sh.say("The step's files are still being read: press e again in a moment.", false)
		return nil
	}
	if len(m.files) == 0 {
		sh.say("This step has no files to edit.", false)
		return nil
	}
	cmd, msg := m.editorProcess(sh)
	if cmd == nil {
		return func() tea.Msg { return msg }
	}
	chosen := sh.editor.Chosen
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		if chosen != "" {
			return editedMsg{err: err, note: editorChosenNote(chosen)}
		}
		return editedMsg{err: err}
	})
}
