package cmd

import (
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/sandcastle/sandcastle/internal/termtext"
)

// Streams are a command's input and outputs, and what they are connected
// to. Tests run commands with buffers.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// InTTY and OutTTY say whether stdin and stdout are terminals.
	InTTY, OutTTY bool
	// Color is set when stdout is a terminal that wants colour.
	Color bool
	// Width is the width of the terminal stdout is, or 0.
	Width int
}

// SystemStreams are the process's own streams. Colour is used only on a
// terminal, never with NO_COLOR set or TERM=dumb.
func SystemStreams() *Streams {
	s := &Streams{
		In:     os.Stdin,
		Out:    os.Stdout,
		Err:    os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
	if s.OutTTY {
		s.Width, _, _ = term.GetSize(int(os.Stdout.Fd()))
	}
	_, noColor := os.LookupEnv("NO_COLOR")
	s.Color = s.OutTTY && !noColor && os.Getenv("TERM") != "dumb"
	// A terminal acts on escapes: one a presenter let through is made
	// visible there, and only our own styling passes (none without colour).
	// Output to a file or a pipe is left as the presenters made it.
	if s.OutTTY {
		s.Out = &termtext.Writer{W: os.Stdout, Keep: s.ours()}
	}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		s.Err = &termtext.Writer{W: os.Stderr, Keep: s.ours()}
	}
	return s
}

// ANSI styles, used only when Color is set.
const (
	styleGreen  = "32"
	styleRed    = "31"
	styleYellow = "33"
	styleDim    = "2"
	styleBold   = "1"
	styleWon    = styleGreen + ";" + styleBold
)

// ours accepts the escape sequences paint writes, and none without colour.
func (s *Streams) ours() func(seq string) bool {
	if !s.Color {
		return nil
	}
	return func(seq string) bool {
		switch seq {
		case "\x1b[0m", "\x1b[" + styleGreen + "m", "\x1b[" + styleRed + "m", "\x1b[" + styleYellow + "m",
			"\x1b[" + styleDim + "m", "\x1b[" + styleBold + "m", "\x1b[" + styleWon + "m":
			return true
		}
		return false
	}
}

// paint styles text, which it first makes printable: a course's title may
// carry escapes of its own.
func (s *Streams) paint(style, text string) string {
	text = termtext.Printable(text)
	if !s.Color || text == "" {
		return text
	}
	return "\x1b[" + style + "m" + text + "\x1b[0m"
}

func (s *Streams) green(text string) string  { return s.paint(styleGreen, text) }
func (s *Streams) red(text string) string    { return s.paint(styleRed, text) }
func (s *Streams) yellow(text string) string { return s.paint(styleYellow, text) }
func (s *Streams) dim(text string) string    { return s.paint(styleDim, text) }
func (s *Streams) bold(text string) string   { return s.paint(styleBold, text) }

// shown is text as it may reach the terminal: whatever a course or a
// learner wrote into it is made visible, and of the escapes only the
// styling paint added stays (none without colour). Presenters make course
// text printable before they style it; this catches what they did not.
func (s *Streams) shown(text string) string { return termtext.Styled(text, s.ours()) }

// printable is text a course or a learner wrote, made printable: for the
// presenters, before they lay it out and style it.
func printable(text string) string { return termtext.Printable(text) }

// printf and println print to Out, eprintf and eprintln to Err, what they
// print shown safely (see shown).
func (s *Streams) printf(format string, args ...any)  { s.write(s.Out, fmt.Sprintf(format, args...)) }
func (s *Streams) println(args ...any)                { s.write(s.Out, fmt.Sprintln(args...)) }
func (s *Streams) eprintf(format string, args ...any) { s.write(s.Err, fmt.Sprintf(format, args...)) }
func (s *Streams) eprintln(args ...any)               { s.write(s.Err, fmt.Sprintln(args...)) }

func (s *Streams) write(w io.Writer, text string) { io.WriteString(w, s.shown(text)) }

// printRendered prints text that a renderer styled after making what it
// shows printable (internal/markdown): every SGR sequence in it is its own
// styling, kept in colour; any other escape is made visible.
func (s *Streams) printRendered(text string) {
	var keep func(string) bool
	if s.Color {
		keep = termtext.SGR
	}
	out := s.Out
	if w, ok := out.(*termtext.Writer); ok {
		out = &termtext.Writer{W: w.W, Keep: keep}
	}
	io.WriteString(out, termtext.Styled(text, keep))
}

// fit wraps text at words to the terminal's width, for a paragraph printed
// before the TUI takes the screen; as it is when stdout is not a terminal
// or its width is not known.
func (s *Streams) fit(text string) string {
	if !s.OutTTY || s.Width <= 0 {
		return text
	}
	return ansi.Wordwrap(text, s.Width, "")
}
