package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key binding of the TUI.
type keyMap struct {
	Quit, Back, Help                        key.Binding
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Next, Focus                       key.Binding
	Check, Watch, Hint, Solution, Reset     key.Binding
	Changes, Copy, Left, Right, Zoom, Log   key.Binding
	Edit, Console, Trust                    key.Binding
	Yes, No                                 key.Binding
	Run, HistoryUp, HistoryDown             key.Binding
}

func newKeyMap() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Quit:        b("ctrl+c", "quit", "ctrl+c"),
		Back:        b("q/esc", "back", "q", "esc"),
		Help:        b("?", "help", "?"),
		Up:          b("↑/k", "up", "up", "k"),
		Down:        b("↓/j", "down", "down", "j"),
		PageUp:      b("pgup", "page up", "pgup", "b"),
		PageDown:    b("pgdn", "page down", "pgdown", " ", "f"),
		Top:         b("g", "top", "g", "home"),
		Bottom:      b("G", "bottom", "G", "end"),
		Open:        b("enter", "open", "enter"),
		Next:        b("n", "next step", "n"),
		Focus:       b("tab", "pane", "tab"),
		Check:       b("c", "check", "c"),
		Watch:       b("w", "watch", "w"),
		Hint:        b("h", "hint", "h"),
		Solution:    b("s", "solution", "s"),
		Reset:       b("r", "reset", "r"),
		Changes:     b("d", "solution: whole files or what changed", "d"),
		Copy:        b("y", "copy code", "y"),
		Left:        b("←", "code left", "left", "<"),
		Right:       b("→", "code right", "right", ">"),
		Zoom:        b("z", "results full screen", "z"),
		Log:         b("l", "server log", "l"),
		Edit:        b("e", "edit", "e"),
		Console:     b("x", "sql", "x"),
		Trust:       b("t", "trust the course", "t"),
		Yes:         b("y", "yes", "y", "Y"),
		No:          b("n", "no", "n", "N", "esc", "q"),
		Run:         b("enter", "run", "enter"),
		HistoryUp:   b("↑", "older", "up"),
		HistoryDown: b("↓", "newer", "down"),
	}
}
