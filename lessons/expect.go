package lessons

import (
	"errors"
	"fmt"
	"strings"
)

// sqlModes are the modes of an expect for a sql check; "" compares rows in order.
func sqlModes() []string { return []string{"unordered", "contains", "error"} }

// blockProblem is a problem of a block: at its fence (line 0), or at a
// line of its body (1: the line after the fence).
type blockProblem struct {
	line int
	msg  string
}

// atFence makes problems of a block, at its fence, of msgs.
func atFence(msgs []string) []blockProblem {
	var ps []blockProblem
	for _, m := range msgs {
		ps = append(ps, blockProblem{msg: m})
	}
	return ps
}

// inBody is the problem of err: at its line when it is a *LineError, else
// at the fence.
func inBody(err error) blockProblem {
	var le *LineError
	if errors.As(err, &le) {
		return blockProblem{line: le.Line, msg: le.Msg}
	}
	return blockProblem{msg: err.Error()}
}

// parseExpect parses e as the expect of a check of kind, filling its
// Table, Response or Exit, and says what is wrong with it, and what may be.
func parseExpect(c *Check, e *Expect) (errs []blockProblem, warnings []string) {
	if c.Kind == "load" {
		return loadExpect(c, e), nil
	}
	msgs, warnings := expectProblems(c, e)
	return atFence(msgs), warnings
}

// expectProblems parses the expect of a check that is not a load check.
func expectProblems(c *Check, e *Expect) (errs, warnings []string) {
	kind := c.Kind
	switch kind {
	case "sql":
		return sqlExpect(e), nil
	case "http":
		if c.Start != nil {
			return startExpect(c, e)
		}
		if strings.HasPrefix(strings.TrimSpace(e.Body), "exit") {
			return []string{"an http check's expect is its answer (HTTP NNN ...); exit N is for a check that starts " +
				"the server with unset= or env= and sends no request"}, nil
		}
		return httpExpect(e)
	case "log":
		e.Text = strings.TrimSpace(e.Body)
		if e.Text == "" {
			return append(noMode(kind, e), "the expect of a log check is the text the server's output must show"), nil
		}
		return noMode(kind, e), nil
	case "sh":
		x, err := ParseExit(e.Body)
		if err != nil {
			return append(noMode(kind, e), err.Error()), nil
		}
		e.Exit = &x
		return noMode(kind, e), nil
	}
	return nil, nil
}

// httpExpect parses the expect of an http check: the answer to its request.
// Its one mode, exact, wants a JSON body.
func httpExpect(e *Expect) (errs, warnings []string) {
	mode := func() []string {
		if e.Mode != "exact" {
			return noMode("http", e)
		}
		if e.Response == nil || e.Response.JSON == nil {
			return []string{"expect exact compares the keys of a JSON body: the block needs a JSON body"}
		}
		return nil
	}
	r, notJSON, err := parseResponse(e.Body)
	if err != nil {
		return append(mode(), err.Error()), nil
	}
	r.Exact = e.Mode == "exact"
	e.Response = &r
	if notJSON != nil {
		warnings = append(warnings, fmt.Sprintf("the expected body starts like JSON but is not JSON: %v; it would be matched as text", notJSON))
	}
	return mode(), warnings
}

func noMode(kind string, e *Expect) []string {
	if e.Mode == "" {
		return nil
	}
	if kind == "http" {
		return []string{fmt.Sprintf("the expect of an http check takes one mode, exact (only the keys expected); remove %q", e.Mode)}
	}
	return []string{fmt.Sprintf("the expect of %s check takes no mode; remove %q", article(kind), e.Mode)}
}

func sqlExpect(e *Expect) []string {
	switch e.Mode {
	case "", "unordered", "contains":
		t, err := ParseTable(e.Body)
		if err != nil {
			return []string{err.Error()}
		}
		e.Table = &t
	case "error":
	default:
		if hint := didYouMean(e.Mode, sqlModes(), 2); hint != "" {
			return []string{fmt.Sprintf("unknown expect mode %q%s", e.Mode, hint)}
		}
		return []string{fmt.Sprintf("unknown expect mode %q; use unordered, contains or error, or no mode for the same rows in the same order", e.Mode)}
	}
	return nil
}

// article is kind after "a" or "an", as it is read aloud: "an sh" (an
// ess-aitch), "an http", "a sql", "a log", "a load".
func article(kind string) string {
	if kind == "sh" || kind == "http" {
		return "an " + kind
	}
	return "a " + kind
}
