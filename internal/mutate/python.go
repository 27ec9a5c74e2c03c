package mutate

import (
	"strconv"
	"strings"
)

// pyEdits derives the edits of every Python operator, in the order of the
// package comment.
func pyEdits(content string) []edit {
	p := &pyFile{content: content, lines: pyLines(content)}
	for k, l := range p.lines {
		if !l.header() && hasCall(l, "send_header") {
			p.drop("py/drop-header", k, k+1)
		}
	}
	for k, l := range p.lines {
		if l.first() == "return" && k > 0 && p.lines[k-1].indent == l.indent && answersPy(p.lines[k-1]) && !p.lastOfDef(k) {
			p.drop("py/drop-return", k, k+1)
		}
	}
	for k, l := range p.lines {
		if l.first() == "if" {
			end := p.blockEnd(k)
			if end < len(p.lines) && p.lines[end].indent == l.indent && (p.lines[end].first() == "elif" || p.lines[end].first() == "else") {
				continue
			}
			p.drop("py/drop-if", k, end)
		}
	}
	for _, l := range p.lines {
		p.jsonKeys(l)
	}
	for k, l := range p.lines {
		if p.deletes(l) {
			p.drop("py/delete-statement", k, k+1)
		}
	}
	skip := map[int]bool{} // the starts of integers py/int leaves alone
	for _, l := range p.lines {
		p.statuses(l, skip)
	}
	for _, l := range p.lines {
		p.comparisons(l)
	}
	for _, l := range p.lines {
		for j, t := range l.toks {
			n, err := strconv.Atoi(t.text)
			if t.kind != pyNumber || err != nil || skip[t.start] {
				continue
			}
			p.edits = append(p.edits, edit{op: "py/int", start: t.start, end: t.end, text: strconv.Itoa(n + 1)})
			index := j > 0 && l.toks[j-1].text == "[" && j+1 < len(l.toks) && l.toks[j+1].text == "]"
			if !(index && n == 0) {
				p.edits = append(p.edits, edit{op: "py/int", start: t.start, end: t.end, text: strconv.Itoa(n - 1)})
			}
		}
	}
	return p.edits
}

// pyFile holds a Python file being mutated and the edits derived so far.
type pyFile struct {
	content string
	lines   []pyLine
	edits   []edit
}

// blockEnd is the index of the first line after line k and its block.
func (p *pyFile) blockEnd(k int) int {
	end := k + 1
	if !p.lines[k].header() {
		return end
	}
	for end < len(p.lines) && p.lines[end].indent > p.lines[k].indent {
		end++
	}
	return end
}

// drop removes lines k to end; when they are all their block holds, pass
// takes their place, so that the mutant still parses.
func (p *pyFile) drop(op string, k, end int) {
	l := p.lines[k]
	to := p.lines[end-1].to
	alone := k > 0 && p.lines[k-1].header() && p.lines[k-1].indent < l.indent &&
		(end == len(p.lines) || p.lines[end].indent < l.indent)
	text := ""
	if alone {
		text = p.content[l.from:l.toks[0].start] + "pass\n"
	}
	p.edits = append(p.edits, edit{op: op, start: l.from, end: to, text: text})
}

// lastOfDef reports whether line k is the last statement of a function's
// own body, where a return changes nothing.
func (p *pyFile) lastOfDef(k int) bool {
	l := p.lines[k]
	for j := k + 1; j < len(p.lines); j++ {
		if p.lines[j].indent <= l.indent {
			return p.lines[j].indent < l.indent && p.enclosing(k) == "def"
		}
	}
	return p.enclosing(k) == "def"
}

// enclosing is the first word of the header whose block holds line k.
func (p *pyFile) enclosing(k int) string {
	for j := k - 1; j >= 0; j-- {
		if p.lines[j].indent < p.lines[k].indent {
			return p.lines[j].first()
		}
	}
	return ""
}

// deletes reports whether py/delete-statement deletes a line: a simple
// statement that is not a docstring, pass, import or return (nor a whole
// compound statement on one line: drop-if takes an if).
func (p *pyFile) deletes(l pyLine) bool {
	if l.header() || l.first() == "@" {
		return false
	}
	switch l.first() {
	case "pass", "import", "from", "return", "...",
		// compound statements on one line, as in else: x = 1
		"if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class", "async", "match", "case":
		return false
	}
	for _, t := range l.toks {
		if t.kind != pyString {
			return true
		}
	}
	return false
}

// hasCall reports whether a line calls a function or method named name.
func hasCall(l pyLine, name string) bool {
	for j := 0; j+1 < len(l.toks); j++ {
		if l.toks[j].text == name && l.toks[j].kind == pyName && l.toks[j+1].text == "(" {
			return true
		}
	}
	return false
}

// answersPy reports whether a line is a call that answers the request: a
// method of self, or a function whose name says it sends, writes or
// answers an error.
func answersPy(l pyLine) bool {
	var callee []string
	for _, t := range l.toks {
		if t.text == "(" {
			break
		}
		if t.kind != pyName && t.text != "." {
			return false
		}
		callee = append(callee, t.text)
	}
	if len(callee) == 0 || len(callee) == len(l.toks) {
		return false
	}
	if callee[0] == "self" && len(callee) > 2 {
		return true
	}
	last := strings.ToLower(callee[len(callee)-1])
	for _, word := range []string{"send", "json", "respond", "reply", "write", "error", "not_found", "bad_request", "abort", "redirect"} {
		if strings.Contains(last, word) {
			return true
		}
	}
	return false
}

// jsonKeys derives the edits that drop one "key": value of each dict
// literal of a line (not a comprehension).
func (p *pyFile) jsonKeys(l pyLine) {
	for j, t := range l.toks {
		if t.text != "{" {
			continue
		}
		var starts, ends []int
		from, ok := j+1, true
		for k := j + 1; k < len(l.toks) && ok; k++ {
			u := l.toks[k]
			closing := u.text == "}" && u.depth == t.depth
			if !closing && (u.depth != t.depth+1 || u.text != ",") {
				ok = !(u.depth == t.depth+1 && (u.text == "for" || u.text == "**"))
				continue
			}
			if k > from {
				ok = l.toks[from].kind == pyString && from+1 < k && l.toks[from+1].text == ":"
				starts, ends = append(starts, l.toks[from].start), append(ends, l.toks[k-1].end)
			}
			from = k + 1
			if closing {
				break
			}
		}
		if ok {
			p.edits = append(p.edits, dropKeys("py/drop-json-key", p.content, starts, ends)...)
		}
	}
}

// pyStatus names the http.HTTPStatus members of the codes statusNeighbours knows.
var pyStatus = map[int]string{
	200: "OK", 201: "CREATED", 204: "NO_CONTENT",
	400: "BAD_REQUEST", 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND",
	409: "CONFLICT", 422: "UNPROCESSABLE_ENTITY", 500: "INTERNAL_SERVER_ERROR",
}

// statuses derives the edits of status codes: a number that is an argument
// of a call (marked in skip for py/int), or HTTPStatus.NAME.
func (p *pyFile) statuses(l pyLine, skip map[int]bool) {
	for j, t := range l.toks {
		var to []string
		switch code, err := strconv.Atoi(t.text); {
		case t.kind == pyNumber && err == nil && j > 1 && j+1 < len(l.toks) && callArgument(l.toks, j):
			for _, n := range statusNeighbours[code] {
				skip[t.start] = true
				to = append(to, strconv.Itoa(n))
			}
		case t.kind == pyName && j > 1 && l.toks[j-1].text == "." && l.toks[j-2].text == "HTTPStatus":
			for code, name := range pyStatus {
				if name == t.text {
					for _, n := range statusNeighbours[code] {
						to = append(to, pyStatus[n])
					}
				}
			}
		}
		for _, text := range to {
			p.edits = append(p.edits, edit{op: "py/status-neighbour", start: t.start, end: t.end, text: text})
		}
	}
}

// callArgument reports whether toks[j] is a whole argument of a call.
func callArgument(toks []pyToken, j int) bool {
	if prev, next := toks[j-1].text, toks[j+1].text; prev != "(" && prev != "," || next != ")" && next != "," {
		return false
	}
	for k := j - 1; k > 0; k-- {
		if toks[k].depth == toks[j].depth-1 {
			return toks[k].text == "(" && (toks[k-1].kind == pyName || toks[k-1].text == ")")
		}
	}
	return false
}

// comparisons derives the edits that flip a comparison: ==, !=, <, <=, >,
// >=, is, is not, in (not the in of a for) and not in.
func (p *pyFile) comparisons(l pyLine) {
	flip := map[string]string{"==": "!=", "!=": "==", "<": "<=", "<=": "<", ">": ">=", ">=": ">"}
	add := func(start, end int, text string) {
		p.edits = append(p.edits, edit{op: "py/comparison", start: start, end: end, text: text})
	}
	forAt := map[int]bool{} // depths at which a for came before
	for j, t := range l.toks {
		next := pyToken{}
		if j+1 < len(l.toks) {
			next = l.toks[j+1]
		}
		switch {
		case t.kind == pyOp && flip[t.text] != "":
			add(t.start, t.end, flip[t.text])
		case t.text == "for" && t.kind == pyName:
			forAt[t.depth] = true
		case t.text == "is" && next.text == "not":
			add(t.end, next.end, "")
		case t.text == "is":
			add(t.end, t.end, " not")
		case t.text == "not" && next.text == "in":
			add(t.start, next.start, "")
		case t.text == "in" && !forAt[t.depth] && (j == 0 || l.toks[j-1].text != "not"):
			add(t.start, t.start, "not ")
		}
	}
}
