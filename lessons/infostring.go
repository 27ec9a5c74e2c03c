package lessons

import (
	"fmt"
	"strings"
)

// The roles a fenced block can have.
const (
	roleSolution = "solution"
	roleMistake  = "mistake"
	roleSetup    = "setup"
	roleSeed     = "seed"
	roleCheck    = "check"
	roleExpect   = "expect"
	roleHint     = "hint"
	// roleMutant declares a mutant of a solution that is right too (format 2).
	roleMutant = "mutant"
	// roleProse is prose for the learners of one server language (format 2).
	roleProse = "prose"
)

func roles() []string {
	return []string{roleSolution, roleMistake, roleSetup, roleSeed, roleCheck, roleExpect, roleHint, roleMutant, roleProse}
}

func attributes() []string {
	return []string{"file", "query", "run", "args", "stops", "unset", "env", "n", "parallel", "says", "edit", "error"}
}

func isRole(w string) bool {
	switch w {
	case roleSolution, roleMistake, roleSetup, roleSeed, roleCheck, roleExpect, roleHint, roleMutant, roleProse:
		return true
	}
	return false
}

// isKnownLang reports whether w is a language word one edit away from a role
// ("sed" from "seed"), which must not be taken for a typo of it.
func isKnownLang(w string) bool {
	return w == "sed"
}

// tokenKind tells the three kinds of words of an info string apart.
type tokenKind int

const (
	wordToken   tokenKind = iota // a bare word: LANG, ROLE, a flag or a mode
	pairToken                    // key=value or key="quoted value"
	stringToken                  // a bare "quoted string"
)

type token struct {
	kind  tokenKind
	key   string
	value string
}

// tokenize splits an info string into tokens. It returns the tokens read
// before a problem, and the problem.
func tokenize(info string) ([]token, string) {
	var toks []token
	s := info
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return toks, ""
		}
		var t token
		var problem string
		if s[0] == '"' {
			t.kind = stringToken
			t.value, s, problem = quoted(s)
		} else {
			t, s, problem = wordOrPair(s)
		}
		if problem != "" {
			return toks, problem
		}
		toks = append(toks, t)
	}
}

// wordOrPair reads a bare word or a key=value pair from the start of s.
func wordOrPair(s string) (token, string, string) {
	end := strings.IndexAny(s, " \t=")
	if end < 0 || s[end] != '=' {
		if end < 0 {
			end = len(s)
		}
		return token{kind: wordToken, value: s[:end]}, s[end:], ""
	}
	t := token{kind: pairToken, key: s[:end]}
	s = s[end+1:]
	if strings.HasPrefix(s, "\"") {
		var problem string
		t.value, s, problem = quoted(s)
		return t, s, problem
	}
	end = strings.IndexAny(s, " \t")
	if end < 0 {
		end = len(s)
	}
	t.value = s[:end]
	return t, s[end:], ""
}

// quoted reads a double-quoted string from the start of s; \" and \\ are a
// quote and a backslash.
func quoted(s string) (value, rest, problem string) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		case c == '"':
			rest = s[i+1:]
			if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				return "", "", "put a space after the closing \" of " + s[:i+1]
			}
			return b.String(), rest, ""
		default:
			b.WriteByte(c)
		}
	}
	return "", "", "a quoted string is never closed; end it with \""
}

// blockInfo is what an info string says about its block.
type blockInfo struct {
	lang string
	// role is "" for a starter (file= and no role) and a plain block.
	role    string
	file    string
	hasFile bool
	query   bool
	// edit and errorFlag are format 2's flags of solution and mistake blocks.
	edit      bool
	errorFlag bool
	run       string
	hasRun    bool
	args      string
	hasArgs   bool
	// stops (format 2): the sql check's run= file must stop at an error
	// holding this text; its body runs where the file stopped.
	stops    string
	hasStops bool
	// says (format 2): what a mistake tells the learner it is diagnosed in.
	says    string
	hasSays bool
	// unset and env are format 2's: an http check that starts the server
	// on its own, with its environment changed.
	unset    string
	hasUnset bool
	env      string
	hasEnv   bool
	// n and parallel are a load check's (format 2): how many requests, how
	// many at a time.
	n           string
	hasN        bool
	parallel    string
	hasParallel bool
	// text is the bare quoted string: a check's title or a mistake's WHY.
	text    string
	hasText bool
	mode    string
	hasMode bool
	// format is the course's format, for messages.
	format int
}

// machinery reports whether the block is for sandcastle rather than the learner's eyes.
func (b *blockInfo) machinery() bool { return b.role != "" || b.hasFile }

// name says what the block is, for messages: "a check block", "a file= block".
func (b *blockInfo) name() string {
	if b.role == "" {
		return "a file= block"
	}
	if b.role == roleExpect {
		return "an expect block"
	}
	return "a " + b.role + " block"
}

// parseInfo reads an info string. The problems it returns apply only when
// the block turns out to be machinery.
func parseInfo(info string) (blockInfo, []string) { return parseInfoIn(info, 0) }

// parseInfoIn reads an info string of a course of format.
func parseInfoIn(info string, format int) (blockInfo, []string) {
	toks, tokProblem := tokenize(info)
	b := blockInfo{format: format}
	var problems []string
	i, typo := findRole(toks, &b)
	if typo != "" {
		problems = append(problems, typo)
	}
	if tokProblem != "" {
		problems = append(problems, tokProblem)
	}
	for _, t := range toks[i:] {
		if p := b.add(t); p != "" {
			problems = append(problems, p)
		}
	}
	return b, problems
}

// findRole sets the block's LANG and ROLE from its first two words and
// returns the index of the first attribute. A word one letter away from a
// role is reported as a typo and taken as that role.
func findRole(toks []token, b *blockInfo) (int, string) {
	i := 0
	if len(toks) > 0 && toks[0].kind == wordToken && !isRole(toks[0].value) {
		b.lang = toks[0].value
		i = 1
	}
	if i < len(toks) && toks[i].kind == wordToken && isRole(toks[i].value) {
		b.role = toks[i].value
		return i + 1, ""
	}
	for j := 0; j < 2 && j < len(toks); j++ {
		w := toks[j].value
		if toks[j].kind != wordToken || isKnownLang(w) {
			continue
		}
		if r := nearest(w, roles(), 1); r != "" {
			b.role = r
			if j == 0 {
				b.lang = ""
			}
			return j + 1, fmt.Sprintf("unknown role %q; did you mean %q?", w, r)
		}
	}
	return i, ""
}
