package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// mapModel is the course map: every lesson with its steps' state.
type mapModel struct {
	sh     *shared
	cursor int // index into the course's steps
	offset int // first row shown
}

func newMapModel(sh *shared) *mapModel {
	m := &mapModel{sh: sh}
	m.focus(sh.current)
	return m
}

// Update moves the cursor, opens the step under it, or quits.
func (m *mapModel) Update(msg tea.Msg) (child, tea.Cmd) {
	var cmd tea.Cmd
	*m, cmd = m.update(m.sh, msg)
	return m, cmd
}

// View is the course map.
func (m *mapModel) View() string { return m.view(m.sh) }

// Resize does nothing: View lays the map out for the size it has.
func (m *mapModel) Resize() tea.Cmd { return nil }

// focus puts the cursor on step.
func (m *mapModel) focus(step *lessons.Step) {
	if step != nil {
		m.cursor = step.Index
	}
}

func (m mapModel) update(sh *shared, msg tea.Msg) (mapModel, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	steps := sh.course.Steps()
	switch {
	case key.Matches(k, sh.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, sh.keys.Down):
		m.cursor = min(m.cursor+1, len(steps)-1)
	case key.Matches(k, sh.keys.PageUp):
		m.cursor = max(m.cursor-m.listHeight(sh)/2, 0)
	case key.Matches(k, sh.keys.PageDown):
		m.cursor = min(m.cursor+m.listHeight(sh)/2, len(steps)-1)
	case key.Matches(k, sh.keys.Top):
		m.cursor = 0
	case key.Matches(k, sh.keys.Bottom):
		m.cursor = len(steps) - 1
	case key.Matches(k, sh.keys.Open):
		sh.navigate(openStepMsg{step: steps[m.cursor], fromMap: true})
		return m, nil
	case k.String() == "q":
		return m, tea.Quit
	case k.Type == tea.KeyEsc:
		sh.say("q quits; ctrl+c quits from anywhere.", false)
	}
	m.offset = scrollTo(m.offset, rowOf(sh, steps[m.cursor]), m.listHeight(sh), rowCount(sh))
	return m, nil
}

// rowOf is the row of step in the list: under its lesson's heading and
// those of the lessons before it.
func rowOf(sh *shared, step *lessons.Step) int { return lessonIndex(sh, step.Lesson) + 1 + step.Index }

// rowCount is how many rows the list has: the lessons' and the steps'.
func rowCount(sh *shared) int { return len(sh.course.Lessons) + len(sh.course.Steps()) }

// listHeight is how many rows of lessons and steps fit: below the three
// lines of the header, above the keys and a line kept for a notice (a
// longer notice takes more).
func (m mapModel) listHeight(sh *shared) int {
	return max(sh.height-4-max(len(noticeLines(sh)), 1), 3)
}

// rows are the lines from up to to of the list, which has each lesson's
// heading, then its steps; only those lines are drawn.
func (m mapModel) rows(sh *shared, width, from, to int) []string {
	var rows []string
	row := 0
	for li, l := range sh.course.Lessons {
		if row >= from && row < to {
			rows = append(rows, lessonRow(sh, li, l, width))
		}
		row++
		for _, s := range l.Steps {
			if row >= from && row < to {
				rows = append(rows, m.stepRow(sh, s, width))
			}
			row++
		}
	}
	return rows
}

// lessonRow is the heading of the li-th lesson, with its steps passed.
func lessonRow(sh *shared, li int, l *lessons.Lesson, width int) string {
	st := sh.st
	done := 0
	for _, s := range l.Steps {
		if sh.passed(s) {
			done++
		}
	}
	head := fmt.Sprintf("%d. %s", li+1, termtext.Printable(l.Title))
	count := fmt.Sprintf("%d/%d", done, len(l.Steps))
	return st.header.Render(fit(head, width-len(count)-1)) + " " + st.dim.Render(count)
}

func (m mapModel) stepRow(sh *shared, s *lessons.Step, width int) string {
	st := sh.st
	icon, style := "·", st.dim
	sp := sh.progress.Steps[s.FullID()]
	switch {
	case sp.Passed:
		icon, style = "✓", st.pass
	case s == sh.current:
		icon, style = "▶", st.current
	case sp.CaughtUp:
		icon, style = caughtUpIcon, st.dim
	case sp.Attempts > 0:
		icon, style = "✗", st.fail
	}
	title := fit(termtext.Printable(s.Title), width-5)
	if s.Index == m.cursor {
		// The › shows the cursor without colour too (NO_COLOR, TERM=dumb).
		return st.current.Render("›") + " " + style.Render(icon) + " " + st.selected.Render(title)
	}
	return "  " + style.Render(icon) + " " + title
}

func (m mapModel) view(sh *shared) string {
	st := sh.st
	width := sh.width
	steps := sh.course.Steps()
	passed, total := workspace.Passed(sh.course, sh.progress), len(steps)
	header := st.title.Render(fit(termtext.Printable(sh.course.Title), width-20)) + "  " +
		progressBar(st, passed, total, min(20, max(width/5, 6))) + st.dim.Render(fmt.Sprintf(" %d/%d", passed, total))
	where := st.dim.Render(fit("workspace: "+termtext.Printable(sh.root), width))
	height := m.listHeight(sh)
	offset := scrollTo(m.offset, rowOf(sh, steps[m.cursor]), height, rowCount(sh))
	visible := m.rows(sh, width, offset, offset+height)
	for len(visible) < height {
		visible = append(visible, "")
	}
	footer := footerView(sh, sh.keys.Up, sh.keys.Down, sh.keys.Open, sh.keys.Help, key.NewBinding(key.WithHelp("q", "quit")))
	return lipgloss.JoinVertical(lipgloss.Left, header, where, legend(sh, width), strings.Join(visible, "\n"), footer)
}

// caughtUpIcon marks a step caught up: its files filled with the course's
// answers, not passed.
const caughtUpIcon = "↷"

// legend explains the map's marks that need it: a blank line unless some
// step is caught up.
func legend(sh *shared, width int) string {
	for _, sp := range sh.progress.Steps {
		if sp.CaughtUp {
			return sh.st.dim.Render(fit("✓ passed · "+caughtUpIcon+" caught up: the course's answers, not passed", width))
		}
	}
	return ""
}

// scrollTo returns the first row to show so that row is visible.
func scrollTo(offset, row, height, total int) int {
	if row < offset {
		offset = row
	}
	if row >= offset+height {
		offset = row - height + 1
	}
	if row <= 1 {
		offset = 0 // show the first lesson's heading
	}
	return max(0, min(offset, total-height))
}

// progressBar draws done of total as a bar of width cells.
func progressBar(st styles, done, total, width int) string {
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	return st.pass.Render(strings.Repeat("█", filled)) + st.dim.Render(strings.Repeat("░", width-filled))
}
