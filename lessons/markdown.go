package lessons

import (
	"strings"
)

// normalizeText drops a UTF-8 byte order mark and turns CRLF line endings into LF.
func normalizeText(data []byte) string {
	s := strings.TrimPrefix(string(data), "\ufeff")
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// splitLines splits a file into its lines, without line endings.
func splitLines(data []byte) []string {
	s := normalizeText(data)
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// section is the introduction of a lesson (line 0) or one of its steps.
type section struct {
	// line is the line of the step's heading; title its text as written.
	line  int
	title string
	parts []part
}

// part is a line of prose or a fenced block of a section.
type part struct {
	prose string
	block *block
}

// block is a fenced code block.
type block struct {
	line int
	info string
	// body is the text between the fences, each line ending in "\n".
	body string
	// raw is the block as written, fences included, for prose.
	raw []string
}

// fence is an opening code fence.
type fence struct {
	indent int
	char   byte
	n      int
	info   string
}

// scanSections splits lines[from:] into the introduction and the steps. An
// unterminated fence is reported and ends the scan.
func scanSections(lines []string, from int, r *reporter) []section {
	secs := []section{{}}
	for i := from; i < len(lines); i++ {
		cur := &secs[len(secs)-1]
		line := lines[i]
		if f, ok := openFence(line); ok {
			end := closingFence(lines, i+1, f)
			if end < 0 {
				r.errorf(i+1, "code block is never closed; close it with a line of %s", strings.Repeat(string(f.char), f.n))
				break
			}
			cur.parts = append(cur.parts, part{block: newBlock(lines, i, end, f)})
			i = end
			continue
		}
		if f, ok := brokenFence(line); ok {
			r.errorf(i+1, "this line opens no block: in Markdown, a %s fence's info string cannot hold a backtick, so the block "+
				"would be shown to learners as text; open it with ~~~ and close it with ~~~, or leave the backticks out", strings.Repeat("`", f.n))
			// Read as the block it was meant to be: none of it reaches the
			// prose, and nothing else is reported because of it.
			if end := closingFence(lines, i+1, f); end >= 0 {
				cur.parts = append(cur.parts, part{block: newBlock(lines, i, end, f)})
				i = end
				continue
			}
		}
		if title, ok := stepHeading(line); ok {
			secs = append(secs, section{line: i + 1, title: title})
			continue
		}
		cur.parts = append(cur.parts, part{prose: line})
	}
	return secs
}

// newBlock builds the block that opens at lines[open] and closes at lines[end].
func newBlock(lines []string, open, end int, f fence) *block {
	var body strings.Builder
	size := 0
	for _, l := range lines[open+1 : end] {
		size += len(l) + 1
	}
	body.Grow(size)
	for _, l := range lines[open+1 : end] {
		body.WriteString(stripIndent(l, f.indent))
		body.WriteByte('\n')
	}
	return &block{line: open + 1, info: f.info, body: body.String(), raw: lines[open : end+1]}
}

// closingFence returns the index of the line that closes f, searching from
// lines[from], or -1.
func closingFence(lines []string, from int, f fence) int {
	for i := from; i < len(lines); i++ {
		if closesFence(lines[i], f) {
			return i
		}
	}
	return -1
}

// leadingSpaces counts the spaces that start s, up to 4.
func leadingSpaces(s string) int {
	n := 0
	for n < len(s) && n < 4 && s[n] == ' ' {
		n++
	}
	return n
}

// stripIndent removes up to n leading spaces of s.
func stripIndent(s string, n int) string {
	for i := 0; i < n && strings.HasPrefix(s, " "); i++ {
		s = s[1:]
	}
	return s
}

// openFence reports whether line opens a fenced code block: up to three
// spaces, then three or more backticks or tildes, then the info string.
func openFence(line string) (fence, bool) {
	indent := leadingSpaces(line)
	if indent > 3 {
		return fence{}, false
	}
	rest := line[indent:]
	if rest == "" || rest[0] != '`' && rest[0] != '~' {
		return fence{}, false
	}
	n := runOf(rest, rest[0])
	if n < 3 {
		return fence{}, false
	}
	info := strings.TrimSpace(rest[n:])
	if rest[0] == '`' && strings.Contains(info, "`") {
		return fence{}, false
	}
	return fence{indent: indent, char: rest[0], n: n, info: info}, true
}

// brokenFence reports whether line was meant to open one of sandcastle's
// blocks but opens none: it starts with a backtick fence whose info string
// holds a backtick (which CommonMark reads as text, not as a fence) and
// names a role or a file=. A line whose backticks open a code span (``` is
// closed on the line by ``` again) is prose, as written. The fence returned
// has the info string without its backticks.
func brokenFence(line string) (fence, bool) {
	indent := leadingSpaces(line)
	if indent > 3 {
		return fence{}, false
	}
	rest := line[indent:]
	n := runOf(rest, '`')
	if n < 3 {
		return fence{}, false
	}
	info := strings.TrimSpace(rest[n:])
	if !strings.Contains(info, "`") || closesSpan(info, n) {
		return fence{}, false
	}
	for _, w := range strings.Fields(info) {
		w = strings.Trim(w, "`\"")
		if isRole(w) || strings.HasPrefix(w, "file=") {
			return fence{indent: indent, char: '`', n: n, info: strings.ReplaceAll(info, "`", "")}, true
		}
	}
	return fence{}, false
}

// closesSpan reports whether s holds a run of exactly n backticks: the end
// of a code span that a run of n opened.
func closesSpan(s string, n int) bool {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		run := runOf(s[i:], '`')
		if run == n {
			return true
		}
		i += run
	}
	return false
}

// closesFence reports whether line closes f: the same character at least as
// many times, and nothing else but spaces.
func closesFence(line string, f fence) bool {
	indent := leadingSpaces(line)
	if indent > 3 {
		return false
	}
	rest := line[indent:]
	n := runOf(rest, f.char)
	return n >= f.n && strings.TrimRight(rest[n:], " \t") == ""
}

// runOf counts the bytes c that start s.
func runOf(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// stepHeading reports whether line is a level-2 ATX heading and returns its text.
func stepHeading(line string) (string, bool) {
	indent := leadingSpaces(line)
	if indent > 3 {
		return "", false
	}
	rest, ok := strings.CutPrefix(line[indent:], "##")
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	text := strings.TrimSpace(rest)
	// An optional closing sequence of #s, after a space, is not part of the text.
	trimmed := strings.TrimRight(text, "#")
	if trimmed == "" {
		return "", true
	}
	if trimmed != text && (strings.HasSuffix(trimmed, " ") || strings.HasSuffix(trimmed, "\t")) {
		text = strings.TrimSpace(trimmed)
	}
	return text, true
}

// Slug turns a title into an id: ASCII letters lowercased, digits kept,
// each run of other characters one '-', '-' trimmed at both ends. It is how
// a step heading without {#id} gets its id.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
		default:
			dash = true
		}
	}
	return b.String()
}

// Markdown is prose a learner reads: a lesson's introduction or a step's
// text, with the machinery blocks removed. Its code blocks remember their
// language, so that a workspace sees the examples of its own server
// language only (see Course.AppliesTo).
type Markdown struct {
	lines []mdLine
}

type mdLine struct {
	text string
	// lang is the info string's first word, on every line of a code block
	// and of a prose block (format 2), whose lines are Markdown.
	lang string
	code bool
	// line is the line of the prose block's fence, for lint.
	line int
}

// String is the whole Markdown, the examples of every language included.
func (m Markdown) String() string { return m.For(nil, "") }

// For is the Markdown a workspace of language lang reads: code blocks in
// another of the course's server languages are left out. With no course or
// no language chosen yet, nothing is.
func (m Markdown) For(c *Course, lang string) string {
	var out []string
	blank := true // no blank line at the start, none twice in a row
	for _, l := range m.lines {
		switch {
		case l.lang != "" && c != nil && lang != "" && !c.AppliesTo(l.lang, lang):
			continue
		case l.code:
			out, blank = append(out, l.text), false
		case strings.TrimSpace(l.text) != "":
			out, blank = append(out, l.text), false
		case !blank:
			out, blank = append(out, ""), true
		}
	}
	if blank && len(out) > 0 {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// addText adds a line of Markdown.
func (m *Markdown) addText(line string) {
	m.lines = append(m.lines, mdLine{text: line})
}

// addProse adds the lines of a prose block, Markdown for the learners of
// lang, whose fence is at line.
func (m *Markdown) addProse(lines []string, lang string, line int) {
	for _, l := range lines {
		m.lines = append(m.lines, mdLine{text: l, lang: lang, line: line})
	}
}

// ProseLangs are the languages of the prose blocks in m, with the line of
// each block's fence.
func (m Markdown) ProseLangs() map[int]string {
	langs := map[int]string{}
	for _, l := range m.lines {
		if !l.code && l.lang != "" {
			langs[l.line] = l.lang
		}
	}
	return langs
}

// addCode adds the lines of a code block as written, in language lang.
func (m *Markdown) addCode(lines []string, lang string) {
	for _, l := range lines {
		m.lines = append(m.lines, mdLine{text: l, lang: lang, code: true})
	}
}
