package tui

// The step screen's check: running it, its result, the server's log.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/lessons"
)

// runCheck checks the step in the background; a check already running is
// followed by one more.
func (m stepModel) runCheck(sh *shared) (stepModel, tea.Cmd) {
	if m.checking {
		// The files changed under the check: stop it, and check again.
		m.again = true
		if m.stop != nil {
			m.stop()
		}
		return m, nil
	}
	m.checking, m.justPassed = true, false
	step := m.step
	ctx, stop := context.WithCancel(sh.ctx)
	m.stop = stop
	sh.phase.Store(server.Phase(0))
	run := sh.act(func(s *session.Session) tea.Msg {
		defer stop()
		out, err := s.Check(ctx, step)
		msg := checkedMsg{step: step.FullID(), out: out, err: err, progressed: snapshot(s)}
		if err == nil {
			words := tuiWords
			words.Command = sh.command
			v := s.Verdict(out, 0, words)
			msg.verdict = &v
		}
		if len(out.Results) == 1 && out.Results[0].LogPath != "" {
			msg.logPath = s.WS.Shown(out.Results[0].LogPath)
			msg.log = logTail(out.Results[0].LogPath, 12)
			msg.logFile = out.Results[0].LogPath
		}
		return msg
	})
	return m, tea.Batch(run, m.spin.Tick)
}

func (m stepModel) checkDone(sh *shared, msg checkedMsg) stepModel {
	sh.apply(msg.progressed)
	if msg.step != m.step.FullID() {
		return m
	}
	m.checking, m.stop = false, nil
	m.attempts = sh.progress.Steps[msg.step].Attempts
	if msg.err != nil && m.again && errors.Is(msg.err, context.Canceled) {
		return m // stopped for a newer save: the next check follows
	}
	if msg.err != nil {
		m.info = "The check could not run: " + msg.err.Error()
		sh.say(m.info, true)
		return m
	}
	m.checked, m.checkedAt = &msg.out, sh.now()
	m = m.ageEditorNote()
	if msg.verdict != nil {
		m.verdict = msg.verdict
	}
	m.log, m.logPath, m.logFile = msg.log, msg.logPath, msg.logFile
	// A new check's results are read from the top, and the arrows go back
	// to the prose (the learner reads, then scrolls the lesson again).
	m.focusResults = false
	m.justPassed = m.verdict != nil && m.verdict.Passed()
	m.info, m.created = "", msg.out.Created
	if len(msg.out.Created) > 0 {
		m.info = "created for the next step: " + strings.Join(msg.out.Created, ", ")
	}
	m.layout(sh)
	if m.justPassed {
		m.results.GotoTop()
	}
	return m
}

// ageEditorNote drops what e said about the editor at a check's result,
// unless the check was under way when it was said.
func (m stepModel) ageEditorNote() stepModel {
	if m.noteKeeps > 0 {
		m.noteKeeps--
		return m
	}
	m.editorNote = ""
	return m
}

// checkAgain runs the check queued while one was running.
func (m *stepModel) checkAgain(sh *shared) tea.Cmd {
	if !m.again || m.checking {
		return nil
	}
	m.again = false
	var cmd tea.Cmd
	*m, cmd = m.runCheck(sh)
	return cmd
}

// ownFiles reports whether paths are only the files the last check created,
// which need no check of their own.
func (m *stepModel) ownFiles(paths []string) bool {
	if len(m.created) == 0 {
		return false
	}
	for _, p := range paths {
		if !slices.Contains(m.created, p) {
			return false
		}
	}
	m.created = nil
	return true
}

// usesServer reports whether a step runs the learner's server.
func usesServer(step *lessons.Step) bool {
	return step.Serves()
}

// logTail returns the last n lines of a log file (nil when there is none),
// reading only its last 64 KiB: a server's log may be megabytes long.
func logTail(path string, n int) []string {
	return logTailOf(path, n, 64<<10)
}

// logTailOf is logTail reading at most the last most bytes.
func logTailOf(path string, n int, most int64) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	off := int64(0)
	if fi, err := f.Stat(); err == nil && fi.Size() > most {
		off = fi.Size() - most
	}
	data, err := io.ReadAll(io.NewSectionReader(f, off, most))
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if off > 0 && len(lines) > 1 {
		lines = lines[1:] // the first line may be the end of a longer one
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	const longest = 1000 // a line printed without end would fill the screen
	for i, l := range lines {
		if len(l) > longest {
			lines[i] = strings.ToValidUTF8(l[:longest], "") + fmt.Sprintf(" … (%d more bytes)", len(l)-longest)
		}
	}
	return lines
}
