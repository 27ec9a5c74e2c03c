package lessons

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Start is how an http check with unset= or env= (format 2) starts the
// learner's server: on a start of its own, with its environment changed, to
// see what the server does at start-up (refuse to start without a secret,
// say). Its expect is an answer to its request, or, when it sends none,
// how the server must end (see StartExit).
type Start struct {
	// Unset names the variables the server does not get, in the order written.
	Unset []string
	// Set are the NAME=VALUE pairs it gets, in the order written.
	Set []string
}

// String says the change for a person: "without API_KEY",
// "with API_KEY=old-key", or both, joined with "and".
func (s *Start) String() string {
	var parts []string
	if len(s.Unset) > 0 {
		parts = append(parts, "without "+strings.Join(s.Unset, " and "))
	}
	if len(s.Set) > 0 {
		parts = append(parts, "with "+strings.Join(s.Set, " and "))
	}
	return strings.Join(parts, " and ")
}

// Value returns what the server gets as name: set is false when the check
// leaves it alone, and value "" with set true when it unsets it.
func (s *Start) Value(name string) (value string, set bool) {
	if slices.Contains(s.Unset, name) {
		return "", true
	}
	for _, kv := range s.Set {
		if n, v, _ := strings.Cut(kv, "="); n == name {
			return v, true
		}
	}
	return "", false
}

// ownEnv are the variables sandcastle gives every server, which no check changes.
var ownEnv = []string{"PORT", "DATABASE_PATH"}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// parseStart reads the unset= and env= of an http check block: nil when it
// has neither.
func parseStart(b blockInfo) (*Start, []string) {
	if !b.hasUnset && !b.hasEnv {
		return nil, nil
	}
	var ps []string
	if b.format < 2 {
		ps = append(ps, needsFormat2("unset= and env="))
	}
	s := &Start{}
	name := func(attr, n string) bool {
		switch {
		case !envName.MatchString(n):
			ps = append(ps, fmt.Sprintf("%s= names %q, which is not an environment variable's name (letters, digits and _)", attr, n))
		case slices.Contains(ownEnv, n):
			ps = append(ps, fmt.Sprintf("%s= cannot change %s: sandcastle gives it to every server, so that checks can reach it", attr, n))
		case slices.Contains(s.Unset, n) || slices.ContainsFunc(s.Set, func(kv string) bool { return strings.HasPrefix(kv, n+"=") }):
			ps = append(ps, fmt.Sprintf("%s is changed twice; unset it or give it one value", n))
		default:
			return true
		}
		return false
	}
	if b.hasUnset {
		names := strings.FieldsFunc(b.unset, func(r rune) bool { return r == ',' || r == ' ' })
		if len(names) == 0 {
			ps = append(ps, `unset= is empty; name the variable the server must do without, as in unset=API_KEY`)
		}
		for _, n := range names {
			if name("unset", n) {
				s.Unset = append(s.Unset, n)
			}
		}
	}
	if b.hasEnv {
		pairs := strings.Fields(b.env)
		if len(pairs) == 0 {
			ps = append(ps, `env= is empty; give the server's variables, as in env="API_KEY=another-key"`)
		}
		for _, kv := range pairs {
			n, _, ok := strings.Cut(kv, "=")
			if !ok {
				ps = append(ps, fmt.Sprintf(`env= gives %q without a value; write NAME=VALUE, as in env="API_KEY=another-key"`, kv))
				continue
			}
			if name("env", n) {
				s.Set = append(s.Set, kv)
			}
		}
	}
	return s, ps
}

// startExit reads the expect block of an http check that sends no request:
// "exit non-zero" (or "exit N") on its first line, then the text the
// server's output must contain.
func startExit(body string) (Exit, error) {
	first, rest, _ := strings.Cut(body, "\n")
	n, ok := strings.CutPrefix(strings.TrimSpace(first), "exit ")
	n = strings.TrimSpace(n)
	if ok && n == "non-zero" {
		return Exit{NonZero: true, Output: strings.TrimSpace(rest)}, nil
	}
	code, err := strconv.Atoi(n)
	if !ok || !allDigits(n) || err != nil {
		return Exit{}, errors.New("a check that sends no request expects how the server ends: exit non-zero (or exit N) " +
			"on the first line, then text its output must show, as in exit non-zero and API_KEY on the next line")
	}
	return Exit{Code: code, Output: strings.TrimSpace(rest)}, nil
}

// startExpect parses the expect of an http check with a Start, and says
// what is wrong with the pair.
func startExpect(c *Check, e *Expect) (errs, warnings []string) {
	noRequest := strings.TrimSpace(c.Body) == ""
	if !noRequest {
		if strings.HasPrefix(strings.TrimSpace(e.Body), "exit") {
			return []string{"a check that expects the server to exit sends no request: empty the check's body, " +
				"or expect an answer (HTTP NNN ...) to its request"}, nil
		}
		return httpExpect(e)
	}
	x, err := startExit(e.Body)
	if err != nil {
		return []string{err.Error()}, nil
	}
	e.Exit = &x
	return noMode("http", e), nil
}

// startUses says what is wrong with a check with a Start that uses a
// value it cannot have: a variable it unsets, or a capture of another check
// (it runs on a server of its own).
func startUses(c *Check) []string {
	var ps []string
	for _, m := range placeholder.FindAllStringSubmatch(c.Body, -1) {
		switch name := m[1]; {
		case slices.Contains(c.Start.Unset, name):
			ps = append(ps, fmt.Sprintf("the check unsets %s, so it cannot send {{%s}}", name, name))
		case name != "API_KEY":
			ps = append(ps, fmt.Sprintf("a check with unset= or env= runs on a server of its own, started afresh: "+
				"it cannot use {{%s}}, captured by another check", name))
		}
	}
	return ps
}
