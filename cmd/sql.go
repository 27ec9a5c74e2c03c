package cmd

import (
	"bufio"
	"context"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/console"
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
.quit (or Ctrl-D) leaves.`,
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
		io.println(console.Intro(step.FullID()) + " · .quit or Ctrl-D leaves.")
	}
	return consoleLoop(ctx, a, con)
}

// consoleLoop gives the console the input line by line until .quit or the
// end of input. Ctrl-C stops the statement running, not the console.
func consoleLoop(ctx context.Context, a *app, con *console.Console) error {
	io := a.io
	var running atomic.Pointer[context.CancelFunc]
	var discard atomic.Bool // Ctrl-C at a prompt drops the statement being typed
	release := a.interrupts.take(func() {
		if stop := running.Load(); stop != nil {
			(*stop)()
			return
		}
		discard.Store(true)
		io.printf("\n(.quit or Ctrl-D leaves the console)\nsql> ")
	})
	defer release()
	in := bufio.NewScanner(io.In)
	in.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for {
		if io.InTTY {
			io.printf("%s", con.Prompt())
		}
		if !in.Scan() {
			if io.InTTY {
				io.println()
			}
			showConsole(io, con.End(ctx))
			return in.Err()
		}
		if discard.Swap(false) {
			con.Discard()
		}
		lineCtx, stop := context.WithCancel(ctx)
		running.Store(&stop)
		outs := con.Run(lineCtx, in.Text())
		running.Store(nil)
		stop()
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
