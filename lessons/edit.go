package lessons

import (
	"fmt"
	"strings"
)

// Edit is the body of a solution or mistake block with the edit flag (format
// 2): hunks that turn the block's base into the file it stands for.
type Edit struct {
	Hunks []Hunk
}

// Hunk is one part of an edit: lines of the base that stay (context) or go,
// and lines that come, in order.
type Hunk struct {
	// Line is the line of the lesson file the hunk starts at: its first
	// line (the @@ before it, for a hunk with no line).
	Line int
	// Comment is the text after @@, if any.
	Comment string
	Lines   []EditLine
}

// EditLine is one line of a hunk.
type EditLine struct {
	// Op is ' ' for context, '-' for a line of the base that goes, '+' for one that comes.
	Op   byte
	Text string
	// Line is the line of the lesson file it is written at.
	Line int
}

// old returns the lines of the base the hunk matches: its context and - lines.
func (h Hunk) old() []string {
	var out []string
	for _, l := range h.Lines {
		if l.Op != '+' {
			out = append(out, l.Text)
		}
	}
	return out
}

// new returns what the hunk puts in place of old: its context and + lines.
func (h Hunk) new() []string {
	var out []string
	for _, l := range h.Lines {
		if l.Op != '-' {
			out = append(out, l.Text)
		}
	}
	return out
}

// parseEdit reads an edit's body, whose first line is line first of the
// lesson file. It reports each line that is not a hunk line at that line.
func parseEdit(body string, first int, r *reporter) *Edit {
	e := &Edit{}
	var cur *Hunk
	for i, text := range strings.SplitAfter(body, "\n") {
		if text == "" {
			break // after the last newline
		}
		text = strings.TrimSuffix(text, "\n")
		line := first + i
		if rest, ok := strings.CutPrefix(text, "@@"); ok {
			e.Hunks = append(e.Hunks, Hunk{Line: line, Comment: strings.TrimSpace(rest)})
			cur = &e.Hunks[len(e.Hunks)-1]
			continue
		}
		op := byte(' ')
		if text != "" {
			op = text[0]
			text = text[1:]
		}
		if op != ' ' && op != '-' && op != '+' {
			r.errorf(line, "an edit's line starts with -, + or a space (or is empty), or is a @@ line between hunks; this one starts with %q", string(op))
			continue
		}
		if cur == nil {
			e.Hunks = append(e.Hunks, Hunk{Line: line})
			cur = &e.Hunks[len(e.Hunks)-1]
		}
		if len(cur.Lines) == 0 {
			cur.Line = line // a hunk starts at its first line, not at the @@ before it
		}
		cur.Lines = append(cur.Lines, EditLine{Op: op, Text: text, Line: line})
	}
	if len(e.Hunks) == 0 {
		r.errorf(first-1, "edit is empty; write its hunks: - for a line that goes, + for one that comes, a space for context")
	}
	return e
}

// EditError is why an edit does not apply to its base, at a line of the lesson file.
type EditError struct {
	Line    int
	Message string
}

func (e *EditError) Error() string { return e.Message }

// Apply applies the edit to base and returns the whole file, or why it
// does not apply. It works on the text itself: every course load applies
// every edit of the course.
func (e *Edit) Apply(base string) (string, *EditError) {
	text := base
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n" // the last line ends like the others; the result drops it again
	}
	var out strings.Builder
	out.Grow(len(text) + e.added())
	pos := 0 // in text, where the hunk before ended
	for _, h := range e.Hunks {
		old := h.text('+')
		if old == "" {
			return "", &EditError{h.Line, "hunk has no context or - line to place it by; add a line of the base around its + lines"}
		}
		at, n := find(text, old)
		switch {
		case n == 0:
			lines, _ := fileLines(base)
			return "", &EditError{h.Line, "hunk matches nowhere in its base; " + nearMatch(lines, h)}
		case n > 1:
			lines, _ := fileLines(base)
			return "", &EditError{h.Line, fmt.Sprintf("hunk matches %d places in its base (lines %s); add context lines until it matches one", n, matchLines(lines, h.old()))}
		case at < pos:
			return "", &EditError{h.Line, fmt.Sprintf("hunk matches line %d of its base, above where the hunk before it ended (line %d); hunks apply in order",
				strings.Count(text[:at], "\n")+1, strings.Count(text[:pos], "\n"))}
		}
		out.WriteString(text[pos:at])
		out.WriteString(h.text('-'))
		pos = at + len(old)
	}
	out.WriteString(text[pos:])
	result := out.String()
	if len(text) != len(base) {
		result = strings.TrimSuffix(result, "\n")
	}
	return result, nil
}

// text returns the hunk's lines but those whose op is leave out, each
// ending in "\n": the lines it matches (leave '+') or puts in their place
// (leave '-').
func (h Hunk) text(leave byte) string {
	n := 0
	for _, l := range h.Lines {
		if l.Op != leave {
			n += len(l.Text) + 1
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, l := range h.Lines {
		if l.Op != leave {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// added is how many bytes the edit's + lines hold, to size its result.
func (e *Edit) added() int {
	n := 0
	for _, h := range e.Hunks {
		for _, l := range h.Lines {
			if l.Op == '+' {
				n += len(l.Text) + 1
			}
		}
	}
	return n
}

// find returns where old, whole lines, starts in text at the start of a
// line (the first place) and how many places it does. It tries each line
// start in turn: most fail at their first byte, which is far cheaper than
// searching the whole text for old again and again.
func find(text, old string) (at, n int) {
	at = -1
	for pos := 0; pos <= len(text)-len(old); {
		if strings.HasPrefix(text[pos:], old) {
			if n == 0 {
				at = pos
			}
			n++
		}
		nl := strings.IndexByte(text[pos:], '\n')
		if nl < 0 {
			break
		}
		pos += nl + 1
	}
	return at, n
}

// fileLines splits a file into lines; final says whether its last line ends in "\n".
func fileLines(s string) ([]string, bool) {
	if s == "" {
		return nil, true
	}
	final := strings.HasSuffix(s, "\n")
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n"), final
}

func joinLines(lines []string, final bool) string {
	if len(lines) == 0 {
		return ""
	}
	s := strings.Join(lines, "\n")
	if final {
		s += "\n"
	}
	return s
}

// matches returns where old occurs in lines as consecutive lines (the first
// place) and how many times.
func matches(lines, old []string) (at, n int) {
	at = -1
	for i := 0; i+len(old) <= len(lines); i++ {
		if equalAt(lines, i, old) {
			if n == 0 {
				at = i
			}
			n++
		}
	}
	return at, n
}

func equalAt(lines []string, i int, old []string) bool {
	for j, o := range old {
		if lines[i+j] != o {
			return false
		}
	}
	return true
}

// matchLines lists the base lines where old starts, for a message.
func matchLines(lines, old []string) string {
	var at []string
	for i := 0; i+len(old) <= len(lines); i++ {
		if equalAt(lines, i, old) {
			at = append(at, fmt.Sprint(i+1))
		}
	}
	return wordList(at, "and")
}

// nearMatch says where the base comes closest to a hunk that matches
// nowhere: the place where most of its lines match, and its first line that
// differs there.
func nearMatch(lines []string, h Hunk) string {
	var olds []EditLine
	for _, l := range h.Lines {
		if l.Op != '+' {
			olds = append(olds, l)
		}
	}
	best, bestN := -1, 0
	for i := 0; i < len(lines); i++ {
		n := 0
		for j := 0; j < len(olds) && i+j < len(lines); j++ {
			if lines[i+j] == olds[j].Text {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	if best >= 0 {
		for j, o := range olds {
			if best+j >= len(lines) {
				return fmt.Sprintf("nearest: line %d of the base, where its line %d (%q) runs past the base's end", best+1, o.Line, o.Text)
			}
			if b := lines[best+j]; b != o.Text {
				return fmt.Sprintf("nearest: line %d of the base, %q, where the edit's line %d has %q", best+j+1, b, o.Line, o.Text)
			}
		}
	}
	// No line matches: the base line most like the hunk's first.
	first := olds[0]
	at, dist := -1, 0
	for i, b := range lines {
		if d := lineDistance(b, first.Text); at < 0 || d < dist {
			at, dist = i, d
		}
	}
	if at < 0 {
		return "its base is empty"
	}
	return fmt.Sprintf("nearest: line %d of the base, %q, where the edit's line %d has %q", at+1, lines[at], first.Line, first.Text)
}

// lineDistance is the edit distance of two lines after trimming, cut short for long lines.
func lineDistance(a, b string) int {
	const longest = 200
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if len(a) > longest {
		a = a[:longest]
	}
	if len(b) > longest {
		b = b[:longest]
	}
	return editDistance(a, b)
}
