package cmd

import (
	"bufio"
	"context"
	"strings"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/sandbox"
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
	s, err := a.openSession(ctx)
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
	for _, e := range con.Skipped {
		io.printf("%s %s\n%s\n", io.yellow("warning:"), "left out of the sandbox:", indent(e.Error(), "  "))
	}
	if query != "" {
		if !consoleRun(ctx, io, con, query) {
			return errFailed
		}
		return nil
	}
	if io.InTTY {
		io.printf("SQL console on the sandbox of %s. End statements with ;  .help for help, .quit to leave.\n", step.FullID())
	}
	return consoleLoop(ctx, a, con)
}

// consoleLoop reads statements line by line until .quit or the end of
// input. Ctrl-C stops the statement running, not the console.
func consoleLoop(ctx context.Context, a *app, con *check.Console) error {
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
	var pending strings.Builder
	for {
		if io.InTTY && pending.Len() == 0 {
			io.printf("sql> ")
		} else if io.InTTY {
			io.printf(" ...> ")
		}
		if !in.Scan() {
			if io.InTTY {
				io.println()
			}
			if pending.Len() > 0 {
				consoleRun(ctx, io, con, pending.String())
			}
			return in.Err()
		}
		line := in.Text()
		if discard.Swap(false) {
			pending.Reset()
		}
		if pending.Len() == 0 {
			switch strings.TrimSpace(line) {
			case "":
				continue
			case ".quit", ".exit":
				return nil
			}
		}
		pending.WriteString(line + "\n")
		text := strings.TrimSpace(pending.String())
		if strings.HasPrefix(text, ".") || sandbox.Complete(text) {
			stmtCtx, stop := context.WithCancel(ctx)
			running.Store(&stop)
			consoleRun(stmtCtx, io, con, text)
			running.Store(nil)
			stop()
			pending.Reset()
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// consoleRun runs one input and prints each result, or the error on stderr.
func consoleRun(ctx context.Context, io *Streams, con *check.Console, input string) bool {
	input = strings.TrimSpace(input)
	if input == ".help" {
		io.println(check.ConsoleHelp)
		return true
	}
	results, err := con.ExecAll(ctx, input)
	for _, res := range results {
		if strings.HasPrefix(input, ".schema") {
			for _, row := range res.Rows {
				io.println(termtext.Printable(check.FormatValue(row[0])))
			}
			continue
		}
		io.println(termtext.Printable(check.FormatTable(res)))
	}
	if err != nil {
		io.eprintln(io.red("error: ") + termtext.Printable(err.Error()))
		return false
	}
	return true
}
