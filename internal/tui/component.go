package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/lessons"
)

// child is the shape of every screen under the root model (the course
// map, the step, the console, the language, the help), as soft-serve's
// common.Component is: Update returns the screen and what to run, never
// flags for the root to read. A screen that wants another screen says so
// with a navigation message (openStepMsg, ...) given to shared.navigate,
// which the root handles in one place (Model.Update).
//
// A screen reads the shared state (the size, the styles, the model's copy
// of the progress) and the state its messages brought; it never touches
// the session in Update or View: what needs the session runs as a command
// (shared.act) and comes back as a message.
type child interface {
	Update(tea.Msg) (child, tea.Cmd)
	View() string
	// Resize lays the screen out again for the shared size, which the
	// root has just set.
	Resize() tea.Cmd
}

// The navigation messages: what a screen asks of the root.
type (
	// openStepMsg shows a step, from the course map or from the step
	// before it.
	// fromMap is set when the learner chose it on the map.
	openStepMsg struct {
		step    *lessons.Step
		fromMap bool
	}
	// openMapMsg goes back to the course map, its cursor on the open step.
	openMapMsg struct{}
	// openConsoleMsg opens the SQL console of the open step.
	openConsoleMsg struct{}
	// closeConsoleMsg goes back from the console to its step.
	closeConsoleMsg struct{}
	// closeHelpMsg goes back from the help to the screen it was opened on.
	closeHelpMsg struct{}
)

// navigate asks the root for another screen: the root takes msg as soon
// as the screen's Update returns, as if it were the next message. Not as
// a command: a command's message comes back later, after the keys typed
// with this one (Model.each), which must reach the screen they were typed
// for.
func (sh *shared) navigate(msg tea.Msg) { sh.next = msg }
