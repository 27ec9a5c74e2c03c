package lessons

import (
	"fmt"
	"strings"
)

// checkKinds are the languages a check can be written in.
func checkKinds() []string { return []string{"sql", "http", "sh"} }

// check reads a check block.
func (lp *lessonParser) check(b blockInfo, blk *block) *Check {
	c := &Check{Kind: b.lang, Title: b.text, Args: b.args, Body: blk.body, Line: blk.line}
	if b.hasRun && pathProblem("run", b.run) == "" {
		c.Run = cleanPath(b.run)
	}
	for _, msg := range checkProblems(b, blk.body) {
		lp.r.errorf(blk.line, "%s", msg)
	}
	if !b.hasText {
		lp.r.warnf(blk.line, "check has no title; add one in quotes, as in ```%s check \"the scores table exists\"```", checkLang(b.lang))
	}
	return c
}

func checkLang(lang string) string {
	if lang == "http" || lang == "sh" {
		return lang
	}
	return "sql"
}

// checkProblems says what is wrong with a check block.
func checkProblems(b blockInfo, body string) []string {
	var ps []string
	switch b.lang {
	case "sql":
		ps = sqlCheckProblems(b, body)
	case "http":
		if strings.TrimSpace(body) == "" || !isRequestLine(firstLine(body)) {
			ps = append(ps, "an http check starts with a request line, as in GET /scores")
		}
	case "sh":
		if strings.TrimSpace(body) == "" {
			ps = append(ps, "an sh check needs the command to run in its body")
		}
	default:
		ps = append(ps, "a check needs the language sql, http or sh, as in ```sql check \"TITLE\"```")
	}
	if b.lang != "sql" {
		for _, a := range []struct {
			name string
			has  bool
		}{{"run", b.hasRun}, {"args", b.hasArgs}} {
			if a.has {
				ps = append(ps, a.name+"= is only for sql checks")
			}
		}
	}
	return ps
}

func sqlCheckProblems(b blockInfo, body string) []string {
	var ps []string
	if b.hasRun {
		if msg := pathProblem("run", b.run); msg != "" {
			ps = append(ps, msg)
		}
	} else if strings.TrimSpace(body) == "" {
		ps = append(ps, "a check needs a body or run=; write a query in the block, or name a learner's .sql file with run=PATH")
	}
	if b.hasArgs && !b.hasRun {
		ps = append(ps, "args= needs run=; args bind the parameters of the file that run= names")
	} else if b.hasArgs {
		if msg := argsProblem(b.args); msg != "" {
			ps = append(ps, msg)
		}
	}
	return ps
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimRight(line, " \t")
}

// isRequestLine reports whether line is METHOD /PATH, optionally followed by an HTTP version.
func isRequestLine(line string) bool {
	f := strings.Fields(line)
	if len(f) < 2 || len(f) > 3 || !strings.HasPrefix(f[1], "/") {
		return false
	}
	for i := 0; i < len(f[0]); i++ {
		if f[0][i] < 'A' || f[0][i] > 'Z' {
			return false
		}
	}
	return len(f) == 2 || strings.HasPrefix(f[2], "HTTP/")
}

// argsProblem checks args="name=value name=\"quoted value\"".
func argsProblem(args string) string {
	const how = `; write name=value pairs separated by spaces, as in args="player=ada score=3"`
	s := strings.TrimLeft(args, " \t")
	if s == "" {
		return "args= is empty" + how
	}
	seen := map[string]bool{}
	for s != "" {
		name, rest, ok := strings.Cut(s, "=")
		if !ok || !isParamName(name) {
			return fmt.Sprintf("args= has %q where a parameter name and = should be%s", firstWord(s), how)
		}
		if seen[name] {
			return fmt.Sprintf("args= binds %s twice%s", name, how)
		}
		seen[name] = true
		value, after, problem := argValue(rest)
		if problem != "" || value == "" {
			return fmt.Sprintf("args= has no value for %s%s", name, how)
		}
		s = strings.TrimLeft(after, " \t")
	}
	return ""
}

// argValue reads the value of one args= pair: a word, or a double-quoted string.
func argValue(s string) (value, rest, problem string) {
	if strings.HasPrefix(s, "\"") {
		v, rest, problem := quoted(s)
		if problem == "" {
			v = "\"" + v + "\""
		}
		return v, rest, problem
	}
	end := strings.IndexAny(s, " \t")
	if end < 0 {
		end = len(s)
	}
	return s[:end], s[end:], ""
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// isParamName reports whether s is [A-Za-z_][A-Za-z0-9_]*.
func isParamName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
