package console

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/sandbox"
)

// dot runs a dot command.
func (c *Console) dot(ctx context.Context, input string) []Output {
	cmd, arg, _ := strings.Cut(input, " ")
	arg = strings.TrimSpace(arg)
	switch cmd {
	case ".tables":
		return c.tables(ctx)
	case ".schema":
		return c.schema(ctx, arg)
	case ".param", ".parameter":
		return c.param(ctx, arg)
	case ".help":
		return []Output{{Kind: Help, Text: HelpText}}
	case ".quit", ".exit":
		return []Output{{Kind: Quit}}
	}
	return []Output{errorf("unknown command %s; .help lists the commands", cmd)}
}

// noTables is the note for a sandbox without a table or a view.
const noTables = "no tables yet"

func (c *Console) tables(ctx context.Context) []Output {
	res, err := c.sb.Run(ctx, sandbox.Script{SQL: `SELECT name FROM sqlite_schema
		WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`})
	switch {
	case err != nil:
		return []Output{failed(err)}
	case len(res.Rows) == 0:
		return []Output{note(noTables)}
	}
	return []Output{{Kind: Table, Result: res}}
}

// schema runs .schema [TABLE]: the CREATE statements, of one table and
// what belongs to it when TABLE is given.
func (c *Console) schema(ctx context.Context, table string) []Output {
	q := `SELECT sql || ';' AS "schema" FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'`
	args := map[string]any{}
	if table != "" {
		q += ` AND tbl_name = :table COLLATE NOCASE`
		args["table"] = table
	}
	res, err := c.sb.Run(ctx, sandbox.Script{SQL: q + ` ORDER BY tbl_name, type DESC, name`, Args: args})
	switch {
	case err != nil:
		return []Output{failed(err)}
	case len(res.Rows) == 0 && table != "":
		return []Output{note("there is no table or view named " + table)}
	case len(res.Rows) == 0:
		return []Output{note(noTables)}
	}
	stmts := make([]string, len(res.Rows))
	for i, row := range res.Rows {
		stmts[i] = textfmt.Value(row[0])
	}
	return []Output{{Kind: Schema, Text: strings.Join(stmts, "\n")}}
}

// param runs .param: set NAME VALUE, list, clear.
func (c *Console) param(ctx context.Context, arg string) []Output {
	sub, rest, _ := strings.Cut(arg, " ")
	switch sub {
	case "set":
		name, value, _ := strings.Cut(strings.TrimSpace(rest), " ")
		name = strings.TrimLeft(name, ":@$")
		value = strings.TrimSpace(value)
		if name == "" || value == "" {
			return []Output{errorf("usage: .param set :NAME VALUE, as in .param set :player 'ada'")}
		}
		v, err := c.paramValue(ctx, value)
		if err != nil {
			return []Output{failed(err)}
		}
		c.params[name] = v
		return c.paramList()
	case "list", "":
		return c.paramList()
	case "clear":
		clear(c.params)
		return []Output{note("ok")}
	}
	return []Output{errorf("unknown .param command %s: set, list or clear", sub)}
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
	return nil, errors.New(value + " is not a value: write text in single quotes ('ada'), numbers as they are (300)")
}

// paramList is the parameters and their values, by name.
func (c *Console) paramList() []Output {
	if len(c.params) == 0 {
		return []Output{note("no parameters yet; .param set :NAME VALUE gives one a value")}
	}
	res := &sandbox.Result{Columns: []string{"parameter", "value"}}
	for _, n := range slices.Sorted(maps.Keys(c.params)) {
		res.Rows = append(res.Rows, []any{":" + n, c.params[n]})
	}
	return []Output{{Kind: Table, Result: res}}
}
