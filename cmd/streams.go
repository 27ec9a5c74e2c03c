package cmd

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
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
	_, noColor := os.LookupEnv("NO_COLOR")
	s.Color = s.OutTTY && !noColor && os.Getenv("TERM") != "dumb"
	return s
}

// ANSI styles, used only when Color is set.
const (
	styleGreen  = "32"
	styleRed    = "31"
	styleYellow = "33"
	styleDim    = "2"
	styleBold   = "1"
)

func (s *Streams) paint(style, text string) string {
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

func (s *Streams) printf(format string, args ...any) { fmt.Fprintf(s.Out, format, args...) }
func (s *Streams) println(args ...any)               { fmt.Fprintln(s.Out, args...) }
