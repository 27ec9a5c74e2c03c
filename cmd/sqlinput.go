package cmd

import (
	"bufio"
	"errors"
	"io"
	"os"

	"github.com/chzyer/readline"

	"github.com/sandcastle/sandcastle/internal/console"
)

// lineInput gives the SQL console its input a line at a time.
type lineInput interface {
	// line reads a line after prompt: io.EOF at the end of the input
	// (Ctrl-D), errInterrupted when Ctrl-C dropped what was being typed.
	line(prompt string) (string, error)
	// ran says a statement ran, as typed (its lines), for the history.
	ran(statement string)
	close()
}

// errInterrupted is Ctrl-C at the prompt of a line editor.
var errInterrupted = errors.New("interrupted")

// scanInput reads lines as they come: piped statements, or a terminal
// with no line editor. It prints the prompt only on a terminal.
type scanInput struct {
	io *Streams
	in *bufio.Scanner
}

func newScanInput(s *Streams) *scanInput {
	in := bufio.NewScanner(s.In)
	in.Buffer(make([]byte, 0, 64*1024), 1<<20)
	return &scanInput{io: s, in: in}
}

func (s *scanInput) line(prompt string) (string, error) {
	if s.io.InTTY {
		s.io.printf("%s", prompt)
	}
	if s.in.Scan() {
		return s.in.Text(), nil
	}
	if s.io.InTTY {
		s.io.println()
	}
	if err := s.in.Err(); err != nil {
		return "", err
	}
	return "", io.EOF
}

func (*scanInput) ran(string) {}
func (*scanInput) close()     {}

// editInput is a line editor on the terminal: ←→ move, ↑↓ go through the
// history (a statement of many lines is one entry), Ctrl-C drops what is
// being typed, Ctrl-D on an empty line ends. The history is the
// workspace's (console.History): what it shows is made safe to show.
type editInput struct {
	rl   *readline.Instance
	hist *console.History
	io   *Streams
	warn func(error) // says once that the history is not kept
}

// terminal are the hooks a line editor needs; nil ones are the process's
// terminal's. Tests give their own.
type terminal struct {
	in               io.ReadCloser
	out              io.Writer
	width            func() int
	isTerminal       func() bool
	makeRaw, exitRaw func() error
	onWidthChanged   func(func())
}

func newEditInput(s *Streams, t terminal, hist *console.History, warn func(error)) (*editInput, error) {
	cfg := &readline.Config{
		Prompt:                 "sql> ",
		HistoryLimit:           console.HistoryLimit,
		DisableAutoSaveHistory: true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "\n", // nothing: readline ends the line itself
		Stdin:                  t.in,
		Stdout:                 t.out,
		Stderr:                 t.out,
		FuncGetWidth:           t.width,
		FuncIsTerminal:         t.isTerminal,
		FuncMakeRaw:            t.makeRaw,
		FuncExitRaw:            t.exitRaw,
		FuncOnWidthChanged:     t.onWidthChanged,
	}
	if cfg.Stdin == nil {
		if f, ok := s.In.(*os.File); ok {
			cfg.Stdin = readline.NewCancelableStdin(f)
		} else {
			cfg.Stdin = io.NopCloser(s.In)
		}
	}
	if cfg.Stdout == nil {
		cfg.Stdout, cfg.Stderr = os.Stdout, os.Stderr
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return nil, err
	}
	for _, e := range hist.Entries() {
		rl.SaveHistory(e)
	}
	return &editInput{rl: rl, hist: hist, io: s, warn: warn}, nil
}

func (e *editInput) line(prompt string) (string, error) {
	e.rl.SetPrompt(prompt)
	line, err := e.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return line, errInterrupted
	}
	return line, err
}

func (e *editInput) ran(statement string) {
	shown, err := e.hist.Add(statement)
	if shown != "" {
		e.rl.SaveHistory(shown)
	}
	if err != nil && e.warn != nil {
		e.warn(err)
		e.warn = nil
	}
}

func (e *editInput) close() { e.rl.Close() }
