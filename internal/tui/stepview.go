package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// wide is the width from which prose and results stand side by side.
const wide = 110

// panes are the step view's areas, computed from the window size.
type panes struct {
	bodyHeight         int
	proseW, proseH     int
	resultsW, resultsH int
	sideBySide         bool
}

// panes are the widths of the step view's areas, and, side by side, their
// heights; stacked, layout shares the height out (stack).
func (m stepModel) panes(sh *shared) panes {
	footer := 1 + len(noticeLines(sh))
	p := panes{bodyHeight: max(sh.height-2-footer, 4)}
	if sh.width >= wide {
		p.sideBySide = true
		p.proseW = sh.width * 58 / 100
		p.resultsW = sh.width - p.proseW - 2 // a bar and a space between
		p.proseH, p.resultsH = p.bodyHeight, p.bodyHeight
		return p
	}
	p.proseW, p.resultsW = sh.width, sh.width
	return p
}

// textW is the width the prose is laid out for: its pane's, less a
// cell before the bar when the results stand beside it.
func (p panes) textW() int {
	if p.sideBySide {
		return p.proseW - 1
	}
	return p.proseW
}

// stack shares the height of stacked panes out: the prose takes 55% of it,
// more when the results (of so many lines) are short, less when the prose
// is, and the results the rest.
func (m stepModel) stack(p panes, results int) panes {
	if p.sideBySide {
		return p
	}
	p.proseH = max(p.bodyHeight*55/100, p.bodyHeight-1-results, 3)
	if lines := m.prose.TotalLineCount(); m.proseWidth == p.textW() && lines > 0 {
		p.proseH = max(min(p.proseH, lines), 3)
	}
	p.resultsH = max(p.bodyHeight-p.proseH-1, 1)
	return p
}

// layout sizes the panes and fills them: the prose when it is rendered,
// the results from the model.
func (m *stepModel) layout(sh *shared) {
	if m.step == nil || sh.width == 0 {
		return
	}
	p := m.panes(sh)
	m.laidFor = p
	if w := p.textW(); m.proseWidth != w || m.proseOffset != m.codeOffset || m.prose.TotalLineCount() <= 1 {
		if doc, ok := sh.render.get(m.step, sh.lang, w, m.codeOffset); ok {
			m.prose.SetContent(doc.Text)
			m.doc, m.proseWidth, m.proseOffset = doc, w, m.codeOffset
		} else if m.proseWidth != w {
			m.prose.SetContent(sh.st.dim.Render("  …"))
		}
	}
	results := m.resultsText(sh, p.resultsW-2)
	p = m.stack(p, strings.Count(results, "\n")+1) // after the prose: the heights depend on its length
	m.prose.Width, m.prose.Height = p.proseW, p.proseH
	m.results.Width, m.results.Height = p.resultsW, p.resultsH
	m.results.SetContent(results)
	if m.zoom != zoomNone {
		m.full.Width, m.full.Height = sh.width, max(p.bodyHeight-1, 1)
		m.full.SetContent(m.zoomText(sh, sh.width-2))
	}
}

// ensureRendered renders the prose at the current width when it is not
// cached yet.
func (m stepModel) ensureRendered(sh *shared) tea.Cmd {
	if m.step == nil || sh.width == 0 {
		return nil
	}
	w := m.panes(sh).textW()
	if _, ok := sh.render.get(m.step, sh.lang, w, m.codeOffset); ok {
		return nil
	}
	return sh.render.render(sh.course, m.step, sh.lang, w, m.codeOffset)
}

func (m stepModel) header(sh *shared) string {
	st := sh.st
	l := m.step.Lesson
	pos := slices.Index(l.Steps, m.step) + 1
	watch := st.dim.Render("○ watch off")
	if sh.watching {
		watch = st.pass.Render("● watching")
	}
	crumbs := termtext.Printable(fmt.Sprintf("%s › %d. %s › step %d of %d", sh.course.Title, lessonIndex(sh, l)+1, l.Title, pos, len(l.Steps)))
	line1 := fit(st.dim.Render(crumbs), sh.width-lipgloss.Width(watch)-1)
	line1 += strings.Repeat(" ", max(sh.width-lipgloss.Width(line1)-lipgloss.Width(watch), 1)) + watch
	title := st.title.Render(termtext.Printable(m.step.Title))
	switch {
	case sh.passed(m.step) && m.shown(sh) != nil && !m.verdict.Passed():
		title += " " + st.warn.Render("✓ passed before · failing now")
	case sh.passed(m.step):
		title += " " + st.pass.Render("✓ passed")
	}
	return fit(line1, sh.width) + "\n" + fit(title, sh.width)
}

func (m stepModel) body(sh *shared) string {
	st := sh.st
	p := m.panes(sh)
	if m.zoom != zoomNone {
		return m.zoomBody(sh)
	}
	prose := pad(m.prose.View(), p.proseW)
	results := pad(m.results.View(), p.resultsW)
	if p.sideBySide {
		// The bar points at the pane the scroll keys move: ◂ the text, ▸ the results.
		mark := "◂"
		if m.focusResults {
			mark = "▸"
		}
		bar := st.current.Render(mark) + " \n" + st.border.Render(strings.TrimSuffix(strings.Repeat("│ \n", p.bodyHeight-1), "\n"))
		return lipgloss.JoinHorizontal(lipgloss.Top, prose, bar, results)
	}
	// The rule says how to see the results whole: the footer has no room
	// for it below 110 columns.
	label := " results · z full screen "
	if m.focusResults {
		label = " results (scrolling) · z full screen "
	}
	rule := st.border.Render("──") + st.dim.Render(label) + st.border.Render(strings.Repeat("─", max(sh.width-len(label)-2, 0)))
	return prose + "\n" + fit(rule, sh.width) + "\n" + results
}

func (m stepModel) footer(sh *shared) string {
	k := sh.keys
	if m.confirm != confirmNone {
		return footerView(sh, k.Yes, k.No)
	}
	if m.zoom != zoomNone {
		return m.zoomFooter(sh)
	}
	if m.justPassed && nextStep(sh, m.step) != nil {
		return footerView(sh, k.Next, k.Check, k.Hint, k.Console, k.Back, k.Help)
	}
	if m.asksTrust() && !m.checking {
		return footerView(sh, k.Trust, k.Check, k.Hint, k.Edit, k.Back, k.Help)
	}
	// tab moves between the panes, and the arrows scroll the one in focus.
	focus := key.NewBinding(key.WithKeys(k.Focus.Keys()...), key.WithHelp(k.Focus.Help().Key, "results, ↑↓ scroll"))
	if m.focusResults {
		focus.SetHelp(k.Focus.Help().Key, "text, ↑↓ scroll")
	}
	if m.codeClipped() && !m.focusResults {
		// A code line is cut at the pane's edge: the keys that read the rest
		// are worth more here than watch mode's.
		sideways := key.NewBinding(key.WithKeys(append(k.Left.Keys(), k.Right.Keys()...)...), key.WithHelp("← →", "code"))
		return footerView(sh, k.Check, sideways, k.Hint, k.Edit, k.Console, k.Zoom, k.Copy, focus, k.Back, k.Help)
	}
	if len(m.doc.Code) > 0 && !m.focusResults {
		return footerView(sh, k.Check, k.Watch, k.Hint, k.Edit, k.Console, k.Zoom, k.Copy, focus, k.Back, k.Help)
	}
	return footerView(sh, k.Check, k.Watch, k.Hint, k.Edit, k.Console, k.Zoom, focus, k.Back, k.Help)
}

// resultsText is the results pane: the moment of success, the files, the
// last check, the hints seen, the solution when asked for.
func (m stepModel) resultsText(sh *shared, width int) string {
	st := sh.st
	var b strings.Builder
	if m.justPassed && m.shown(sh) != nil {
		b.WriteString(st.celebrate.Render("★ "+m.verdict.Headline+"!") + "\n")
		b.WriteString(m.onwardText(sh, width) + "\n")
	}
	if len(m.files) > 0 {
		b.WriteString(st.dim.Render("your files: ") + fit(termtext.Printable(strings.Join(m.files, ", ")), width-12) + "\n")
	}
	b.WriteString(m.checkText(sh, width))
	if m.info != "" {
		b.WriteString("\n" + st.dim.Render(wrap(termtext.Printable(m.info), width)) + "\n")
	}
	if m.editorNote != "" {
		b.WriteString("\n" + st.warn.Render(wrap(termtext.Printable(m.editorNote), width)) + "\n")
	}
	b.WriteString(m.logText(sh, width))
	b.WriteString(m.hintsText(sh, width))
	b.WriteString(m.solutionText(sh, width))
	return strings.TrimRight(b.String(), "\n")
}

// tuiWords name the learner's actions in the step view, for the verdict's
// advice: t trusts the course and checks again.
var tuiWords = session.Words{Check: "press c", Hint: "h", Progress: "the course map, q", TrustChecks: true,
	CatchUp: "open this step from the course map (q, then enter) and answer y"}

// checkText lays out the verdict on the last check.
func (m stepModel) checkText(sh *shared, width int) string {
	st := sh.st
	v := m.verdict
	switch {
	case m.checking:
		return m.spin.View() + " " + checkingText(sh) + "\n"
	case m.checkedElsewhere(sh):
		return m.elsewhereText(sh, width)
	case v == nil:
		how := "press c to check"
		if sh.watching {
			how = "save a file to check (watch mode), or press c"
		}
		if sh.passed(m.step) {
			return st.dim.Render(wrap("You passed this step before: "+how+" again.", width)) + "\n"
		}
		return st.dim.Render(wrap("Not checked yet: "+how+".", width)) + "\n"
	}
	var b strings.Builder
	when := m.checkedAt.Format("15:04:05")
	if v.Lead != "" {
		b.WriteString(st.warn.Render(wrap(termtext.Printable(v.Lead), width)) + "\n")
	}
	if v.Status == check.Error {
		b.WriteString(st.fail.Render("! "+v.Headline) + st.dim.Render(" · "+when) + "\n")
		if !v.Untrusted { // the trust prompt below says why
			b.WriteString(block(termtext.Printable(v.Message), width, "  ") + "\n")
		}
	} else {
		b.WriteString(st.dim.Render("checked "+when+" · "+v.Tally) + "\n")
		b.WriteString(checksText(st, v.Checks, width))
		for _, n := range v.Notes {
			b.WriteString(hanging(st.warn.Render("note: "), termtext.Printable(n), width, 2) + "\n")
		}
	}
	if !v.Passed() {
		b.WriteString(adviceText(st, v.Advice, width))
	}
	if v.Refused {
		b.WriteString(trustText(sh, width))
	}
	return b.String()
}

// checksText lays out each check with its verdict, and what is wrong with
// the ones that failed.
func checksText(st styles, checks []check.CheckResult, width int) string {
	var b strings.Builder
	for _, c := range checks {
		if c.Status == check.Pass {
			b.WriteString(hanging(st.pass.Render("✓ "), termtext.Printable(c.Title), width, 2) + "\n")
			if c.Measured != "" {
				b.WriteString(st.dim.Render(block(c.Measured, width, "  ")) + "\n")
			}
			continue
		}
		b.WriteString(hanging(st.fail.Render("✗ "), termtext.Printable(c.Title), width, 2) + "\n")
		b.WriteString(block(termtext.Printable(c.Message), width, "  ") + "\n")
	}
	return b.String()
}

// adviceText lays out what to do about a step that did not pass.
func adviceText(st styles, a session.Advice, width int) string {
	b := strings.Builder{}
	b.WriteString("\n" + wrap(termtext.Printable(a.Do), width) + "\n")
	if a.Stuck != "" {
		b.WriteString(st.dim.Render(wrap(a.Stuck, width)) + "\n")
	}
	if a.Behind != "" {
		b.WriteString("\n" + st.dim.Render(wrap(a.Behind, width)) + "\n")
	}
	return b.String()
}

// onwardText says where the check that passed the step leaves the
// learner, and that n goes there.
func (m stepModel) onwardText(sh *shared, width int) string {
	o := m.verdict.Onward
	next := m.onward(sh)
	switch {
	case o.Finished != "":
		return wrap(termtext.Printable(o.Finished), width) + "\n"
	case o.Lead != "":
		return wrap(o.Lead+" Press n for the first of them: "+termtext.Printable(next.Title)+".", width) + "\n"
	case next != nil:
		return wrap("Press n for the next step: "+termtext.Printable(next.Title)+".", width) + "\n"
	}
	return ""
}

// onward is the step n opens after a pass: the step the check moved the
// learner on to, as `sandcastle check` names it, or else the step after
// this one.
func (m stepModel) onward(sh *shared) *lessons.Step {
	if m.verdict != nil && m.verdict.Onward.Next != nil {
		return m.verdict.Onward.Next
	}
	return nextStep(sh, m.step)
}

// block lays out a multi-line text in width cells: the lines of a table are
// cut with an ellipsis, so they keep their columns; other lines wrap, a
// code line's continuation under its own indentation, so that nothing of a
// message or a solution is lost off the edge. The text is styled already,
// or passed through termtext.Printable.
func block(text string, width int, indent string) string {
	w := width - ansi.StringWidth(indent)
	var out []string
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if isTableLine(line) {
			out = append(out, indent+fit(line, w))
			continue
		}
		for _, l := range strings.Split(wrapIndented(line, w), "\n") {
			out = append(out, indent+l)
		}
	}
	return strings.Join(out, "\n")
}

// isTableLine reports whether a line is a row of a table, as the console
// and tablematch write them (or a diff of one), which must not wrap.
func isTableLine(line string) bool {
	t := strings.TrimLeft(line, " ")
	return strings.HasPrefix(t, "|") || strings.HasPrefix(t, "- |") || strings.HasPrefix(t, "+ |")
}

// wrapIndented wraps a line to width, its continuation lines indented as
// the line is (up to half the width).
func wrapIndented(line string, width int) string {
	body := strings.TrimLeft(line, " ")
	lead := min(len(line)-len(body), width/2)
	if lead == 0 {
		return wrap(line, width)
	}
	return hanging(strings.Repeat(" ", lead), body, width, lead)
}

func lessonIndex(sh *shared, l *lessons.Lesson) int { return slices.Index(sh.course.Lessons, l) }

// checkingText says what a running check is doing: its server's phase for
// an HTTP step, whose first Go build takes a while.
func checkingText(sh *shared) string {
	p, _ := sh.phase.Load().(server.Phase)
	if doing := p.Doing(); doing != "" {
		return doing
	}
	return "checking…"
}

// logText is the end of the server's log after an HTTP step's check.
func (m stepModel) logText(sh *shared, width int) string {
	if len(m.log) == 0 || m.checking || m.checkedElsewhere(sh) {
		return ""
	}
	st := sh.st
	var b strings.Builder
	b.WriteString("\n" + st.header.Render("Your server's log") + "\n")
	b.WriteString(st.dim.Render(wrap("the last lines of "+termtext.Printable(m.logPath)+":", width)) + "\n")
	for _, l := range m.log {
		// A log line wraps, its continuation indented, so nothing of an
		// error is lost off the edge.
		for _, part := range strings.Split(hanging("", termtext.Printable(l), width, 2), "\n") {
			b.WriteString(st.dim.Render(part) + "\n")
		}
	}
	return b.String()
}
