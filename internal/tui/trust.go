package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/trust"
)

// trustedMsg is the learner's trust in the course, recorded.
type trustedMsg struct {
	step    string
	granted trust.Granted
	err     error
	progressed
}

// asksTrust reports whether the last check was refused because the course
// is not trusted: the step shows what the course runs, and t trusts it.
func (m stepModel) asksTrust() bool {
	return m.verdict != nil && m.verdict.Refused
}

// trust records that the learner trusts the course, as `sandcastle trust`
// does; the check runs again when it is recorded. The prompt, which lists
// what the course runs, ends the results: while its end is out of sight (a
// small terminal), t first scrolls to it, and trusts only when pressed again.
func (m stepModel) trust(sh *shared) (stepModel, tea.Cmd) {
	if !m.asksTrust() {
		if sh.trusted.OK() {
			sh.say("This course is trusted: its code runs.", false)
		} else {
			sh.say("t trusts the course when a check asks for it, showing what it runs.", false)
		}
		return m, nil
	}
	if !m.results.AtBottom() && !m.trustShown {
		m.results.GotoBottom()
		m.focusResults, m.trustShown = true, true
		sh.say("Above is what the course runs: t again trusts it.", false)
		return m, nil
	}
	step := m.step
	return m, sh.act(func(s *session.Session) tea.Msg {
		g, err := s.Trust()
		return trustedMsg{step: step.FullID(), granted: g, err: err, progressed: snapshot(s)}
	})
}

// trustDone says where trust was recorded and checks the step again.
func (m stepModel) trustDone(sh *shared, msg trustedMsg) (stepModel, tea.Cmd) {
	sh.apply(msg.progressed)
	if msg.err != nil {
		sh.say("trust: "+msg.err.Error(), true)
		return m, nil
	}
	sh.say(fmt.Sprintf("Trusted %s: recorded in %s.", sh.course.Title, msg.granted.Path), false)
	if msg.step != m.step.FullID() {
		return m, nil
	}
	return m.runCheck(sh)
}

// trustText is the prompt under a check refused because the course is not
// trusted: why, what the course runs (lessons.Runs, as `sandcastle trust`
// lists it), and the key that trusts it.
func trustText(sh *shared, width int) string {
	st := sh.st
	var b strings.Builder
	line := func(text, indent string) {
		b.WriteString(hanging(indent, text, width, ansi.StringWidth(indent)) + "\n")
	}
	b.WriteString("\n" + st.header.Render(termtext.Printable(sh.trusted.Why(sh.course.Title))) + "\n")
	if w := sh.trusted.Warning; w != "" {
		b.WriteString(st.warn.Render(wrap(termtext.Printable(w), width)) + "\n")
	}
	line("sandcastle runs none of a course's code before you trust it. This course runs:", "")
	runs := sh.course.Runs()
	for _, srv := range runs.Servers {
		switch {
		case srv.Lang == "":
			line("files the course writes, which its sh checks may run:", "• ")
		case srv.Command == "":
			line("files the course writes for "+termtext.Printable(srv.Lang)+":", "• ")
		default:
			mine := ""
			if srv.Lang == sh.lang {
				mine = " (yours)"
			}
			line(fmt.Sprintf("your server in %s%s:", termtext.Printable(srv.Lang), mine), "• ")
			b.WriteString(st.current.Render(block(termtext.Printable(srv.Command), width, "    ")) + "\n")
		}
		if len(srv.Files) > 0 {
			line("with the files the course writes: "+termtext.Printable(strings.Join(srv.Files, ", ")), "  ")
		}
	}
	for _, c := range runs.Shell {
		line(fmt.Sprintf("sh check %q (%s):", termtext.Printable(c.Title), c.Where()), "• ")
		b.WriteString(block(termtext.Printable(strings.TrimRight(c.Command, "\n")), width, "    ") + "\n")
	}
	b.WriteString(st.dim.Render(wrap("Trust only a course whose author you trust. Trust is recorded in your config folder, for this course as it is now.", width)) + "\n")
	b.WriteString(st.key.Render("t") + " trust it and check again\n")
	return b.String()
}
