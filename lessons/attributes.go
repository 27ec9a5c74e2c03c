package lessons

import (
	"fmt"
	"slices"
)

// allowedAttrs returns the attributes a block of role takes.
func allowedAttrs(role string) []string {
	switch role {
	case "":
		return []string{"file", "query"}
	case roleSolution:
		return []string{"file", "query", "edit"}
	case roleMistake:
		return []string{"file", "query", "edit", "error", "says"}
	case roleCheck:
		return []string{"run", "args", "stops", "unset", "env", "n", "parallel"}
	case roleMutant:
		return []string{"file"}
	}
	return nil
}

// takes says what a block of role takes after its role, for messages, in
// a course of format (format 2 adds edit and error).
func takes(role string, format int) string {
	switch {
	case role == "" || role == roleSolution && format < 2:
		return "file= and query"
	case role == roleSolution:
		return "file=, query and edit"
	case role == roleMistake && format < 2:
		return "file=, query and a \"WHY\""
	case role == roleMistake:
		return "file=, query, edit, error, says= and a \"WHY\""
	case role == roleCheck && format < 2:
		return "run=, args= and a \"TITLE\""
	case role == roleCheck:
		return "run=, args=, stops=, unset=, env=, n=, parallel= and a \"TITLE\""
	case role == roleMutant:
		return "file= and a \"WHY\""
	case role == roleExpect:
		return "one mode: unordered, contains or error for a sql check, exact for an http check"
	}
	return "no attributes"
}

// add records one token after the role; it returns a problem or "".
func (b *blockInfo) add(t token) string {
	switch t.kind {
	case stringToken:
		return b.addText(t.value)
	case pairToken:
		return b.addPair(t)
	}
	if b.role == roleExpect {
		if b.hasMode {
			return fmt.Sprintf("expect takes one mode; remove %q", t.value)
		}
		b.mode, b.hasMode = t.value, true
		return ""
	}
	flag := b.flag(t.value)
	if flag == nil {
		return b.unknownAttr(t)
	}
	if !slices.Contains(allowedAttrs(b.role), t.value) {
		return fmt.Sprintf("%s does not belong on %s; it takes %s", t.value, b.name(), takes(b.role, b.format))
	}
	if *flag {
		return t.value + " is given twice"
	}
	*flag = true
	return ""
}

func (b *blockInfo) addText(s string) string {
	if b.role != roleCheck && b.role != roleMistake && b.role != roleMutant {
		return fmt.Sprintf("%s takes no quoted string; it takes %s", b.name(), takes(b.role, b.format))
	}
	if b.hasText {
		return fmt.Sprintf("%s takes one quoted string; remove %q or join it with the first", b.name(), s)
	}
	b.text, b.hasText = s, true
	return ""
}

func (b *blockInfo) addPair(t token) string {
	if !slices.Contains(attributes(), t.key) {
		return b.unknownAttr(t)
	}
	if b.flag(t.key) != nil {
		return t.key + " takes no value; write " + t.key + " alone"
	}
	if !slices.Contains(allowedAttrs(b.role), t.key) {
		return fmt.Sprintf("%s= does not belong on %s; it takes %s", t.key, b.name(), takes(b.role, b.format))
	}
	var value *string
	var has *bool
	switch t.key {
	case "file":
		value, has = &b.file, &b.hasFile
	case "run":
		value, has = &b.run, &b.hasRun
	case "stops":
		value, has = &b.stops, &b.hasStops
	case "says":
		value, has = &b.says, &b.hasSays
	case "unset":
		value, has = &b.unset, &b.hasUnset
	case "env":
		value, has = &b.env, &b.hasEnv
	case "n":
		value, has = &b.n, &b.hasN
	case "parallel":
		value, has = &b.parallel, &b.hasParallel
	default:
		value, has = &b.args, &b.hasArgs
	}
	if *has {
		return t.key + "= is given twice"
	}
	*value, *has = t.value, true
	return ""
}

// unknownAttr reports an attribute (or flag) that is not one of sandcastle's.
// When it is one letter away from an attribute the block takes, the block
// is read as if it were spelt right, so that one typo makes one problem.
func (b *blockInfo) unknownAttr(t token) string {
	name := t.value
	if t.kind == pairToken {
		name = t.key
	}
	s := nearest(name, attributes(), 1)
	if s == "" {
		return fmt.Sprintf("unknown attribute %q; %s takes %s", name, b.name(), takes(b.role, b.format))
	}
	if slices.Contains(allowedAttrs(b.role), s) && (b.flag(s) != nil) == (t.kind == wordToken) {
		if t.kind == wordToken {
			t.value = s
		} else {
			t.key = s
		}
		b.add(t)
	}
	return fmt.Sprintf("unknown attribute %q; did you mean %q?", name, s)
}

// flag returns the field of the flag named word (query, edit, error), or nil
// when word is not a flag.
func (b *blockInfo) flag(word string) *bool {
	switch word {
	case "query":
		return &b.query
	case "edit":
		return &b.edit
	case "error":
		return &b.errorFlag
	}
	return nil
}
