package cmd

import (
	"context"
	"errors"
	stdio "io"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/console"
	"github.com/sandcastle/sandcastle/internal/session"
)

func newSQLCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "sql [QUERY]",
		Short: "A SQL console on the current step's sandbox",
		Long: `Open a SQL console on the current step's sandbox: the course's setup, your files
and the step's seed rows, in a private in-memory database that is thrown away when
you leave. With QUERY, run it once and print the result.

In the console, end a statement with ; to run it. .tables lists the tables,
.schema [TABLE] shows their CREATE statements, .param set :NAME VALUE gives a
query's parameter a value (.param list shows them), .help lists the commands,
.quit (or Ctrl-D) leaves.

In a terminal, lines can be edited (←, →, Home, End, Ctrl-W), ↑ and ↓ go
through the statements run before (one of many lines comes back as one line),
Ctrl-C drops the statement being typed, or stops the one running. The
statements are kept per workspace, the last 500, in .sandcastle/sql_history
(the TUI's console, x, shares them). With its input from a pipe or a file,
the console reads the statements as they come and keeps none.`,
		Example: `  sandcastle sql
  sandcastle sql "SELECT * FROM scores ORDER BY score DESC LIMIT 3;"
  sandcastle sql .tables`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSQL(cmd.Context(), a, argOrEmpty(args))
		},
	}
}

func runSQL(ctx context.Context, a *app, query string) error {
	s, err := a.readSession(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	step := s.Current()
	con, err := s.Console(ctx, step)
	if err != nil {
		return err
	}
	defer con.Close()
	io := a.io
	if query != "" || !io.InTTY {
		// The step used, named first (cli.md), where it leaves the output alone.
		io.eprintln(io.dim("SQL on the sandbox of " + printable(step.Title) + " (" + step.FullID() + ")"))
	}
	showConsole(io, con.Skipped())
	if query != "" {
		if outs := con.Exec(ctx, query); showConsole(io, outs) {
			return errFailed
		}
		return nil
	}
	if io.InTTY {
		io.println(console.Intro(step.FullID()) + " · ↑ recalls a statement · .quit or Ctrl-D leaves.")
	}
	in, err := a.lineInput(s)
	if err != nil {
		return err
	}
	defer in.close()
	return consoleLoop(ctx, a, con, in)
}

// lineInput is the console's input: a line editor with the workspace's
// history on a terminal, else the lines as they come.
func (a *app) lineInput(s *session.Session) (lineInput, error) {
	io := a.io
	if !io.InTTY || !io.OutTTY {
		return newScanInput(io), nil
	}
	warn := func(err error) { io.eprintln(io.dim(printable(err.Error()))) }
	hist, err := s.SQLHistory()
	if err != nil {
		warn(err)
	}
	return newEditInput(io, a.terminal, hist, warn)
}

// consoleLoop gives the console the input line by line until .quit or the
// end of input. Ctrl-C stops the statement running, not the console; at
// the prompt, it drops the statement being typed.
func consoleLoop(ctx context.Context, a *app, con *console.Console, in lineInput) error {
	io := a.io
	var running atomic.Pointer[context.CancelFunc]
	var discard atomic.Bool // Ctrl-C as a signal (no line editor) at a prompt
	release := a.interrupts.take(func() {
		if stop := running.Load(); stop != nil {
			(*stop)()
			return
		}
		discard.Store(true)
		io.printf("\n(.quit or Ctrl-D leaves the console)\nsql> ")
	})
	defer release()
	typed := "" // the lines of the statement being typed
	for {
		line, err := in.line(con.Prompt())
		if errors.Is(err, errInterrupted) {
			if con.Pending() || line != "" {
				io.println(io.dim("(the statement you were typing is dropped; .quit or Ctrl-D leaves the console)"))
			} else {
				io.println(io.dim("(.quit or Ctrl-D leaves the console)"))
			}
			con.Discard()
			typed = ""
			continue
		}
		if err != nil {
			showConsole(io, con.End(ctx))
			if errors.Is(err, stdio.EOF) {
				return nil
			}
			return err
		}
		if discard.Swap(false) {
			con.Discard()
			typed = ""
		}
		typed += line + "\n"
		lineCtx, stop := context.WithCancel(ctx)
		running.Store(&stop)
		outs := con.Run(lineCtx, line)
		running.Store(nil)
		stop()
		if !console.Has(outs, console.More) {
			if !console.Has(outs, console.Quit) {
				in.ran(typed)
			}
			typed = ""
		}
		showConsole(io, outs)
		if console.Has(outs, console.Quit) {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// showConsole lays out what the console returned: errors on stderr, the
// rest on stdout. It reports whether one was an error.
func showConsole(io *Streams, outs []console.Output) (failed bool) {
	for _, o := range outs {
		switch o.Kind {
		case console.Error:
			io.eprintln(io.red(o.Label()) + o.String())
		case console.Warning:
			io.printf("%s%s\n%s\n", io.yellow(o.Label()), printable(o.Text), indent(o.Detail, "  "))
		case console.Note:
			io.println(io.dim(o.String()))
		case console.Table, console.Schema, console.Help:
			io.println(o.String())
		}
	}
	return console.Has(outs, console.Error)
}
