package lessons

import (
	"strings"
)

// checkKinds are the languages a check can be written in.
func checkKinds() []string { return []string{"sql", "http", "sh", "log", "load"} }

// check reads a check block.
func (lp *lessonParser) check(b blockInfo, blk *block) *Check {
	c := &Check{Kind: b.lang, Title: b.text, Args: b.args, Body: blk.body, Line: blk.line}
	if b.hasRun && pathProblem("run", b.run) == "" {
		c.Run = cleanPath(b.run)
	}
	for _, msg := range parseCheck(b, c) {
		lp.r.errorf(blk.line, "%s", msg)
	}
	if !b.hasText {
		lp.r.warnf(blk.line, "check has no title; add one in quotes, as in ```%s check \"the scores table exists\"```", checkLang(b.lang))
	}
	return c
}

func checkLang(lang string) string {
	if lang == "http" || lang == "sh" || lang == "log" || lang == "load" {
		return lang
	}
	return "sql"
}

// parseCheck parses the body and args= of check c, filling its Request
// or Params, and says what is wrong with the check block.
func parseCheck(b blockInfo, c *Check) []string {
	var ps []string
	switch b.lang {
	case "sql":
		ps = parseSQLCheck(b, c)
	case "http":
		start, problems := parseStart(b)
		ps = append(ps, problems...)
		c.Start = start
		if start != nil && strings.TrimSpace(c.Body) == "" {
			break // it sends no request: its expect says how the server ends
		}
		r, err := ParseRequest(c.Body)
		if err != nil {
			ps = append(ps, err.Error())
		} else {
			c.Request = &r
		}
		if start != nil {
			ps = append(ps, startUses(c)...)
		}
	case "sh":
		if strings.TrimSpace(c.Body) == "" {
			ps = append(ps, "an sh check needs the command to run in its body")
		}
	case "load":
		ps = append(ps, parseLoad(b, c)...)
	case "log":
		if b.format < 2 {
			ps = append(ps, needsFormat2("the log check"))
		}
		if strings.TrimSpace(c.Body) != "" {
			ps = append(ps, "a log check reads the server's output: leave its body empty, and write the text the output must show in its expect")
		}
	default:
		ps = append(ps, "a check needs the language sql, http, sh, log or load, as in ```sql check \"TITLE\"```")
	}
	if b.lang != "http" && (b.hasUnset || b.hasEnv) {
		ps = append(ps, "unset= and env= are only for http checks: they start the learner's server with its environment changed")
	}
	if b.lang != "load" && (b.hasN || b.hasParallel) {
		ps = append(ps, "n= and parallel= are only for load checks: how many requests they send, and how many at a time")
	}
	if b.lang != "sql" {
		for _, a := range []struct {
			name string
			has  bool
		}{{"run", b.hasRun}, {"args", b.hasArgs}, {"stops", b.hasStops}} {
			if a.has {
				ps = append(ps, a.name+"= is only for sql checks")
			}
		}
	}
	return ps
}

func parseSQLCheck(b blockInfo, c *Check) []string {
	var ps []string
	if b.hasRun {
		if msg := pathProblem("run", b.run); msg != "" {
			ps = append(ps, msg)
		}
	} else if strings.TrimSpace(c.Body) == "" {
		ps = append(ps, "a check needs a body or run=; write a query in the block, or name a learner's .sql file with run=PATH")
	}
	if b.hasStops {
		c.Stops = strings.TrimSpace(b.stops)
		switch {
		case b.format < 2:
			ps = append(ps, needsFormat2("stops="))
		case !b.hasRun:
			ps = append(ps, "stops= needs run=: it says at which error the learner's file must stop")
		case c.Stops == "":
			ps = append(ps, `stops= is empty; give text of the error the file must stop at, as in stops="CHECK constraint failed"`)
		case strings.TrimSpace(c.Body) == "":
			ps = append(ps, "a check with stops= needs a body: the SQL that runs where the file stopped (ROLLBACK TO a savepoint, say), whose result is compared")
		}
	}
	switch {
	case b.hasArgs && !b.hasRun:
		ps = append(ps, "args= needs run=; args bind the parameters of the file that run= names")
	case b.hasArgs && strings.TrimSpace(b.args) == "":
		ps = append(ps, "args= is empty"+argsHow)
	case b.hasArgs:
		params, err := ParseArgs(b.args)
		if err != nil {
			ps = append(ps, err.Error())
		}
		c.Params = params
	}
	return ps
}
