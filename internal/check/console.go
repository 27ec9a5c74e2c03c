package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Console runs a learner's own queries on a step's sandbox: the SQL console
// of `sandcastle sql` and of the TUI.
type Console struct {
	sb *sandbox.Sandbox
	// params are the values .param set gave named parameters, by name
	// without its ':'.
	params map[string]any
	// Skipped are the learner files that did not apply; the console runs
	// without them.
	Skipped []error
}

// OpenConsole builds the step's sandbox for a console. A learner file that
// does not apply, or a seed block the learner's tables do not take, is
// skipped and reported in Skipped: the console is for finding out why.
func OpenConsole(ctx context.Context, course *lessons.Course, step *lessons.Step, files fs.FS, opts Options) (*Console, error) {
	sb, err := sandbox.New(ctx, opts.Sandbox)
	if err != nil {
		return nil, err
	}
	c := &Console{sb: sb, params: map[string]any{}}
	if err := populate(ctx, sb, course, step, files, opts.Lang, &c.Skipped); err != nil {
		sb.Close()
		return nil, err
	}
	return c, nil
}

// Close releases the console's sandbox.
func (c *Console) Close() error { return c.sb.Close() }

// ConsoleHelp lists the console's dot commands.
const ConsoleHelp = `.tables               list the tables and views
.schema [TABLE]       show the CREATE statements (of one table)
.param set :NAME VAL  give the parameter :NAME a value ('ada', 300, NULL)
.param list           show the parameters' values
.param clear          forget them
.help                 this help
End a statement with ; to run it.`

// ExecAll runs one input of the console, SQL statements or a dot command,
// and returns the rows of each of its statements that returned some, in
// order, up to the error that stopped them, if one did. A SQL error comes
// back as an error whose text explains it.
func (c *Console) ExecAll(ctx context.Context, input string) ([]*sandbox.Result, error) {
	input = strings.TrimSpace(input)
	if strings.HasPrefix(input, ".") {
		res, err := c.dot(ctx, input)
		if err != nil {
			return nil, err
		}
		return []*sandbox.Result{res}, nil
	}
	var results []*sandbox.Result
	_, err := c.sb.Run(ctx, sandbox.Script{SQL: input, Args: c.params, Each: func(r *sandbox.Result) { results = append(results, r) }})
	if err != nil {
		return results, c.explain(err)
	}
	return results, nil
}

func (c *Console) dot(ctx context.Context, input string) (*sandbox.Result, error) {
	cmd, arg, _ := strings.Cut(input, " ")
	arg = strings.TrimSpace(arg)
	switch cmd {
	case ".tables":
		return c.sb.Run(ctx, sandbox.Script{SQL: `SELECT name FROM sqlite_schema
			WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`})
	case ".schema":
		q := `SELECT sql || ';' AS "schema" FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'`
		args := map[string]any{}
		if arg != "" {
			q += ` AND tbl_name = :table COLLATE NOCASE`
			args["table"] = arg
		}
		return c.sb.Run(ctx, sandbox.Script{SQL: q + ` ORDER BY tbl_name, type DESC, name`, Args: args})
	case ".param", ".parameter":
		return c.param(ctx, arg)
	case ".help":
		return &sandbox.Result{}, nil
	}
	return nil, fmt.Errorf("unknown command %s; .help lists the commands", cmd)
}

// explain is the console's message for a failed input: describe's, and how
// to give a value to a parameter that has none.
func (c *Console) explain(err error) error {
	msg := describe(err)
	if e, ok := sandbox.AsError(err); ok && e.Unbound != "" {
		msg += fmt.Sprintf("\nGive it one first, as in: .param set %s 'ada'", e.Unbound)
	}
	return errors.New(msg)
}

// param runs .param: set NAME VALUE, list, clear.
func (c *Console) param(ctx context.Context, arg string) (*sandbox.Result, error) {
	sub, rest, _ := strings.Cut(arg, " ")
	switch sub {
	case "set":
		name, value, _ := strings.Cut(strings.TrimSpace(rest), " ")
		name = strings.TrimLeft(name, ":@$")
		value = strings.TrimSpace(value)
		if name == "" || value == "" {
			return nil, errors.New("usage: .param set :NAME VALUE, as in .param set :player 'ada'")
		}
		v, err := c.paramValue(ctx, value)
		if err != nil {
			return nil, err
		}
		c.params[name] = v
		return c.paramList(), nil
	case "list", "":
		return c.paramList(), nil
	case "clear":
		clear(c.params)
		return &sandbox.Result{}, nil
	}
	return nil, fmt.Errorf("unknown .param command %s: set, list or clear", sub)
}

// paramValue reads a parameter's value as SQL reads it ('ada', 300, 2.5,
// NULL, even 100 * 3); a bare word that is no value is taken as text.
func (c *Console) paramValue(ctx context.Context, value string) (any, error) {
	if strings.Contains(value, ";") {
		return nil, fmt.Errorf("%s is not one value: a value holds no ;", value)
	}
	res, err := c.sb.Run(ctx, sandbox.Script{SQL: "SELECT " + value + ";"})
	if err == nil && len(res.Rows) == 1 && len(res.Rows[0]) == 1 {
		return res.Rows[0][0], nil
	}
	if !strings.ContainsAny(value, " ;'\"") {
		return value, nil
	}
	return nil, fmt.Errorf("%s is not a value: write text in single quotes ('ada'), numbers as they are (300)", value)
}

// paramList is the parameters and their values, by name.
func (c *Console) paramList() *sandbox.Result {
	res := &sandbox.Result{Columns: []string{"parameter", "value"}}
	names := slices.Sorted(maps.Keys(c.params))
	for _, n := range names {
		res.Rows = append(res.Rows, []any{":" + n, c.params[n]})
	}
	return res
}

// FormatTable renders a result as an aligned text table with a row count.
func FormatTable(res *sandbox.Result) string {
	if res == nil || res.Columns == nil {
		return "(done)"
	}
	widths := make([]int, len(res.Columns))
	cells := make([][]string, len(res.Rows))
	for i, c := range res.Columns {
		widths[i] = len([]rune(c))
	}
	for r, row := range res.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			cells[r][i] = strings.ReplaceAll(FormatValue(v), "\n", "↵")
			widths[i] = max(widths[i], len([]rune(cells[r][i])))
		}
	}
	var b strings.Builder
	writeRow(&b, res.Columns, widths)
	for i, w := range widths {
		if i > 0 {
			b.WriteString("-+-")
		}
		b.WriteString(strings.Repeat("-", w))
	}
	b.WriteByte('\n')
	for _, row := range cells {
		writeRow(&b, row, widths)
	}
	switch n := len(res.Rows); {
	case res.Truncated:
		fmt.Fprintf(&b, "(%d rows shown; there are more)", n)
	case n == 1:
		b.WriteString("(1 row)")
	default:
		fmt.Fprintf(&b, "(%d rows)", n)
	}
	return b.String()
}

func writeRow(b *strings.Builder, cells []string, widths []int) {
	for i, c := range cells {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(c)
		if i < len(cells)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-len([]rune(c))))
		}
	}
	b.WriteByte('\n')
}
