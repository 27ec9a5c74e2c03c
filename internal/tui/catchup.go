package tui

// Catching up: opening a step whose earlier steps the learner has not done
// offers to fill their files with the course's answers (session.Offer).

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/lessons"
)

// offeredMsg is the offer to catch up before a step that has just opened.
type offeredMsg struct {
	step  string
	offer session.Offer
	// ask is set when the learner opened the step from the course map:
	// the offer is made even if they declined it before.
	ask bool
}

// offerCatchUp asks the session whether catching up before the open step
// can fill anything in; ask says the step was opened from the map.
func (m stepModel) offerCatchUp(sh *shared, ask bool) tea.Cmd {
	step := m.step
	if step == nil || step.Index == 0 {
		return nil
	}
	return sh.act(func(s *session.Session) tea.Msg {
		offer, ok, err := s.Offer(step)
		if err != nil {
			return actedMsg{step: step.FullID(), err: err, progressed: snapshot(s)}
		}
		if !ok {
			return nil
		}
		return offeredMsg{step: step.FullID(), offer: offer, ask: ask}
	})
}

// offered shows the offer, unless the learner is busy with another dialog
// or declined the same offer when they moved on with n.
func (m stepModel) offered(sh *shared, msg offeredMsg) stepModel {
	if m.step == nil || msg.step != m.step.FullID() || m.confirm != confirmNone {
		return m
	}
	if !msg.ask && sh.declined.has(msg.offer.Plan.Skipped) {
		return m
	}
	m.confirm, m.offer = confirmCatchUp, &msg.offer
	return m
}

// catchUpText is the offer, as the dialog asks it.
func (m stepModel) catchUpText(sh *shared) string {
	o := m.offer
	ask := " Fill their files with the course's answers so you can start here? They are recorded as caught up, not passed."
	if len(o.Plan.Skipped) == 1 {
		ask = " Fill its files with the course's answers so you can start here? It is recorded as caught up, not passed."
	}
	lines := []string{
		o.Skipped + ask,
		"",
		// The names that fit on about three lines of the dialog.
		o.WritesShort(max(3, (sh.width-8)*3/24)),
	}
	lines = append(lines, o.KeepsShort(2)...)
	return strings.Join(append(lines, "", "y: catch up · n: not now"), "\n")
}

// catchUp fills in the steps before the open step, as the offer said.
func (m stepModel) catchUp(sh *shared) tea.Cmd {
	step := m.step
	return sh.act(func(s *session.Session) tea.Msg {
		caught, err := s.CatchUp(sh.ctx, step)
		msg := actedMsg{step: step.FullID(), err: err, progressed: snapshot(s)}
		if err == nil {
			msg.info = strings.Join(caught.Lines(s.WS.Shown), " ")
		}
		return msg
	})
}

// declinedOffers are the steps whose offers the learner declined: moving on
// with n does not ask again about the same steps.
type declinedOffers map[string]bool

func (d declinedOffers) add(steps []*lessons.Step) {
	for _, s := range steps {
		d[s.FullID()] = true
	}
}

// has reports whether every one of steps was in an offer declined.
func (d declinedOffers) has(steps []*lessons.Step) bool {
	return !slices.ContainsFunc(steps, func(s *lessons.Step) bool { return !d[s.FullID()] })
}
