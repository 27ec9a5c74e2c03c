// Package console is the SQL console on a step's sandbox, the one behind
// `sandcastle sql` and the TUI's console screen. A Console takes the
// learner's input a line at a time, keeps a statement that is not complete
// until its end, runs statements and dot commands (.tables, .schema, .param,
// .help, .quit) and returns what to show as typed Outputs: the front ends
// only lay them out and style them, so both say the same words.
package console

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/sandcastle/sandcastle/internal/explain"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Build builds the sandbox a console runs on: the step's, from the
// learner's files as they are now. skipped are the learner's files (or the
// step's rows) that did not apply and were left out.
type Build func(ctx context.Context) (sb *sandbox.Sandbox, skipped []error, err error)

// Console is a SQL console on a step's sandbox. Its methods may be called
// from any goroutine; one input runs at a time.
type Console struct {
	mu      sync.Mutex
	build   Build
	sb      *sandbox.Sandbox
	skipped []error
	// params are the values .param set gave named parameters, by name
	// without its ':'.
	params map[string]any
	// pending is the start of a statement that has no ; yet.
	pending strings.Builder
}

// Open builds the console's sandbox. The console is to be closed.
func Open(ctx context.Context, build Build) (*Console, error) {
	sb, skipped, err := build(ctx)
	if err != nil {
		return nil, err
	}
	return &Console{build: build, sb: sb, skipped: skipped, params: map[string]any{}}, nil
}

// Close releases the console's sandbox.
func (c *Console) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sb.Close()
}

// Intro is the line a console on the step named step starts with; the front
// end adds how to leave it.
func Intro(step string) string {
	return "A SQL console on the sandbox of " + step + ": the course's setup, your files and the step's rows. " +
		"End a statement with ; · .tables · .schema [TABLE] · .param set :NAME VALUE · .help"
}

// HelpText lists the console's dot commands.
const HelpText = `.tables               list the tables and views
.schema [TABLE]       show the CREATE statements (of one table)
.param set :NAME VAL  give the parameter :NAME a value ('ada', 300, NULL)
.param list           show the parameters' values
.param clear          forget them
.help                 this help
.quit                 leave the console
End a statement with ; to run it.`

// Skipped is a Warning for each of the learner's files (or the step's
// rows) that the sandbox was built without.
func (c *Console) Skipped() []Output {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.warnings()
}

func (c *Console) warnings() []Output {
	var outs []Output
	for _, e := range c.skipped {
		outs = append(outs, Output{Kind: Warning, Text: "left out of the sandbox:", Detail: e.Error()})
	}
	return outs
}

// Rebuild builds the sandbox again from the learner's files as they are
// now; the parameters and a statement being typed stay. It returns a Note
// that says so and the Warnings of what was left out. When the sandbox
// cannot be built, the console keeps the one it had and the error is
// returned.
func (c *Console) Rebuild(ctx context.Context) ([]Output, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sb, skipped, err := c.build(ctx)
	if err != nil {
		return nil, err
	}
	c.sb.Close()
	c.sb, c.skipped = sb, skipped
	return append([]Output{note("the sandbox is built again from your files")}, c.warnings()...), nil
}

// Prompt is the prompt for the next line: "sql> ", or " ...> " while a
// statement waits for its end.
func (c *Console) Prompt() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending.Len() > 0 {
		return " ...> "
	}
	return "sql> "
}

// Pending reports whether a statement waits for more lines.
func (c *Console) Pending() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending.Len() > 0
}

// Discard forgets the statement being typed.
func (c *Console) Discard() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending.Reset()
}

// Run takes one line of input. A blank line outside a statement is
// nothing; .quit (or .exit) is Quit; a dot command, or a line that ends a
// statement with ;, runs what was typed so far (Exec); any other line is
// kept, and the answer is More.
func (c *Console) Run(ctx context.Context, line string) []Output {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending.Len() == 0 {
		switch strings.TrimSpace(line) {
		case "":
			return nil
		case ".quit", ".exit":
			return []Output{{Kind: Quit}}
		}
	}
	c.pending.WriteString(line + "\n")
	input := strings.TrimSpace(c.pending.String())
	if !strings.HasPrefix(input, ".") && !sandbox.Complete(input) {
		return []Output{{Kind: More}}
	}
	c.pending.Reset()
	return c.exec(ctx, input)
}

// End runs the statement still being typed when the input ends, if there
// is one: SQLite says what it lacks.
func (c *Console) End(ctx context.Context) []Output {
	c.mu.Lock()
	defer c.mu.Unlock()
	input := strings.TrimSpace(c.pending.String())
	c.pending.Reset()
	if input == "" {
		return nil
	}
	return c.exec(ctx, input)
}

// Exec runs one whole input, SQL statements or a dot command, as it is: the
// rows of each statement that returned some, in order, then the error that
// stopped them, if one did, or a Note "ok" when there is nothing else to
// show.
func (c *Console) Exec(ctx context.Context, input string) []Output {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.exec(ctx, strings.TrimSpace(input))
}

func (c *Console) exec(ctx context.Context, input string) []Output {
	if strings.HasPrefix(input, ".") {
		return c.dot(ctx, input)
	}
	var outs []Output
	_, err := c.sb.Run(ctx, sandbox.Script{SQL: input, Args: c.params, Each: func(r *sandbox.Result) {
		outs = append(outs, Output{Kind: Table, Result: r})
	}})
	if err != nil {
		return append(outs, Output{Kind: Error, Text: c.explain(err)})
	}
	if len(outs) == 0 {
		return []Output{note("ok")}
	}
	return outs
}

// explain is the console's words for a failed statement: a check's
// (explain.Describe), how to give a value to a parameter that has none, and,
// for a table that is missing while some of the learner's files were left
// out, that they are why.
func (c *Console) explain(err error) string {
	msg := explain.Describe(err)
	e, ok := sandbox.AsError(err)
	if !ok {
		return msg
	}
	if e.Unbound != "" {
		msg += fmt.Sprintf("\nGive it one first, as in: .param set %s 'ada'", e.Unbound)
	}
	if strings.HasPrefix(e.Message, "no such table: ") {
		msg += "\n.tables lists the tables the sandbox has."
		if len(c.skipped) > 0 {
			msg += " Some of your files were left out of it (the warnings when the console opened say why): the tables they make are not there."
		}
	}
	return msg
}
