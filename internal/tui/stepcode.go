package tui

import (
	"io"
	"os"
	"strconv"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/markdown"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
)

// The step's code blocks never wrap: a line too long for the pane is
// clipped with a marker, and ← → shift every code block sideways to read
// the rest of it. y copies a block as written.

// codeStep is how many cells ← and → shift the code.
const codeStep = 8

// codeClipped reports whether a code block of the step is wider than the
// pane its prose was laid out for: a line is cut at the edge.
func (m stepModel) codeClipped() bool {
	for _, b := range m.doc.Code {
		if b.Width-m.proseWidth+1 > 0 {
			return true
		}
	}
	return false
}

// shiftCode shifts the code blocks a step sideways, right to read further
// along their lines, as far as the end of the longest.
func (m stepModel) shiftCode(sh *shared, right bool) (stepModel, tea.Cmd) {
	widest := 0
	for _, b := range m.doc.Code {
		widest = max(widest, b.Width)
	}
	limit := max(widest-m.proseWidth+1, 0)
	if !m.codeClipped() {
		sh.say("The code fits the pane: nothing to scroll sideways.", false)
		return m, nil
	}
	off := m.codeOffset - codeStep
	if right {
		off = m.codeOffset + codeStep
	}
	m.codeOffset = min(max(off, 0), limit)
	sh.notice = ""
	if m.codeOffset > 0 {
		sh.say("code shifted "+strconv.Itoa(m.codeOffset)+" columns: ← → to scroll it, y to copy a block", false)
	}
	return m, m.ensureRendered(sh)
}

// nearestCode is the index of the code block nearest the top of the
// visible lines [top, top+height): the first one that shows, or else the
// one closest to them; -1 when there is none.
func nearestCode(blocks []markdown.CodeBlock, top, height int) int {
	best, bestDist := -1, 0
	for i, b := range blocks {
		var d int
		switch {
		case b.Line+b.Lines <= top:
			d = top - (b.Line + b.Lines) + 1
		case b.Line >= top+height:
			d = b.Line - (top + height) + 1
		}
		if best < 0 || d < bestDist {
			best, bestDist = i, d
		}
	}
	return best
}

// copiedMsg is a code block copied: written to path (as the learner reads
// it), and to the clipboard if the terminal allows.
type copiedMsg struct {
	step string
	path string
	err  error
}

// copyCode copies the code block nearest the top of the visible prose:
// to the clipboard with OSC 52, which many terminals honour (and the
// others ignore), and to a file in the workspace, which always works.
func (m stepModel) copyCode(sh *shared) tea.Cmd {
	i := nearestCode(m.doc.Code, m.prose.YOffset, m.prose.Height)
	if i < 0 {
		sh.say("This step has no code block to copy.", false)
		return nil
	}
	b, step, out := m.doc.Code[i], m.step.ID, sh.clipboard
	return sh.act(func(s *session.Session) tea.Msg {
		writeClipboard(out, b.Source)
		path, err := s.WS.SaveCopied(step, i+1, b.Lang, b.Source)
		return copiedMsg{step: step, path: s.WS.Shown(path), err: err}
	})
}

// writeClipboard sets the terminal's clipboard to text with OSC 52 (in
// tmux, passed through to the terminal around it).
func writeClipboard(out io.Writer, text string) {
	if out == nil {
		return
	}
	seq := osc52.New(text)
	if os.Getenv("TMUX") != "" {
		seq = seq.Tmux()
	}
	_, _ = seq.WriteTo(out)
}

// copied says where the code went: in the results pane, wrapped, and in
// the footer in as many of its words as fit there whole.
func (m *stepModel) copied(sh *shared, msg copiedMsg) {
	if msg.err != nil {
		m.info = "Copied to the clipboard (if your terminal allows); writing " + msg.path + " failed: " + msg.err.Error()
		sh.say(m.info, true)
		return
	}
	m.info = "Code copied to the clipboard (if your terminal allows) and to " + msg.path + "."
	for _, say := range []string{
		"copied to the clipboard (if your terminal allows) and to " + msg.path,
		"copied to the clipboard (if allowed) and to " + msg.path,
		"copied to " + msg.path + " and the clipboard",
		"code copied: the results pane says where",
	} {
		if ansi.StringWidth(termtext.Printable(say)) <= sh.width {
			sh.say(say, false)
			return
		}
	}
}
