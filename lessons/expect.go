package lessons

import (
	"fmt"
)

// sqlModes are the modes of an expect for a sql check; "" compares rows in order.
func sqlModes() []string { return []string{"unordered", "contains", "error"} }

// parseExpect parses e as the expect of a check of kind, filling its
// Table, Response or Exit, and says what is wrong with it.
func parseExpect(kind string, e *Expect) []string {
	switch kind {
	case "sql":
		return sqlExpect(e)
	case "http":
		r, err := ParseResponse(e.Body)
		if err != nil {
			return append(noMode(kind, e), err.Error())
		}
		e.Response = &r
		return noMode(kind, e)
	case "sh":
		x, err := ParseExit(e.Body)
		if err != nil {
			return append(noMode(kind, e), err.Error())
		}
		e.Exit = &x
		return noMode(kind, e)
	}
	return nil
}

func noMode(kind string, e *Expect) []string {
	if e.Mode == "" {
		return nil
	}
	return []string{fmt.Sprintf("the expect of an %s check takes no mode; remove %q", kind, e.Mode)}
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
