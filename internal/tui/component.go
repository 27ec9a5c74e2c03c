package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sandcastle/sandcastle/lessons"
)

// child is the shape of every screen under the root model (the course
// map, the step, the console, the language, the help), as soft-serve's
// common.Component is: Update returns the screen and what to run, never
// flags for the root to read. A screen that wants another screen says so
// with a navigation message (openStepMsg, ...), which the root handles.
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
	openStepMsg struct{ step *lessons.Step }
	// openMapMsg goes back to the course map, its cursor on the open step.
	openMapMsg struct{}
	// openConsoleMsg opens the SQL console of the open step.
	openConsoleMsg struct{}
	// closeConsoleMsg goes back from the console to its step.
	closeConsoleMsg struct{}
	// closeHelpMsg goes back from the help to the screen it was opened on.
	closeHelpMsg struct{}
)

// navigate is the command that sends a navigation message.
func navigate(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}
