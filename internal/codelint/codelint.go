// Package codelint reads the Go and Python solutions of a course as code: a
// Go solution is formatted as gofmt formats it, a Python one compiles. What
// it finds are warnings at the lesson's line, for `lessons test`; mistakes
// are never read, since they are wrong on purpose.
package codelint

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
)

// Warning is one problem with a solution, at a line of a lesson file, or,
// for a problem with no place (no Python to compile with), at none.
type Warning struct {
	// File is the lesson file, relative to the course folder.
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// String renders the warning as lint does: FILE:LINE: message.
func (w Warning) String() string {
	if w.File == "" {
		return w.Message
	}
	return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message)
}

// source is one solution as code: the whole file a solution block leaves in
// a workspace of language lang.
type source struct {
	step    *lessons.Step
	block   *lessons.FileBlock
	lang    string
	content string
}

// edit reports whether the source's file is more than its block: the block
// is an edit of the file before it.
func (s source) edit() bool { return s.block.Edit != nil }

// problem is what is wrong with a source: at its 1-based line (0: the
// block itself), and what.
type problem struct {
	line    int
	message string
}

// Check reads the Go (.go) and Python (.py) solutions of the steps keep
// selects (all when nil), as each leaves its file in a workspace of each of
// langs. The warnings come in course order, after one saying that Python
// could not be run, when it could not.
func Check(ctx context.Context, course *lessons.Course, langs []string, keep func(*lessons.Step) bool) []Warning {
	sources := collect(course, langs, keep)
	problems := make([]*problem, len(sources))
	var py []int // the sources that are Python, by index
	for i, s := range sources {
		switch path.Ext(s.block.Path) {
		case ".go":
			problems[i] = goProblem(s.content)
		case ".py":
			py = append(py, i)
		}
	}
	var warnings []Warning
	if len(py) > 0 {
		contents := make([]string, len(py))
		for j, i := range py {
			contents[j] = sources[i].content
		}
		found, err := pyProblems(ctx, pythonFor(course, langs), contents)
		if err != nil {
			warnings = append(warnings, Warning{Message: err.Error()})
		}
		for j, p := range found {
			problems[py[j]] = p
		}
	}
	return append(warnings, place(sources, problems)...)
}

// collect returns every solution block of the selected steps as the whole
// file it leaves, once per language it applies to, and once only where two
// languages share it.
func collect(course *lessons.Course, langs []string, keep func(*lessons.Step) bool) []source {
	if len(langs) == 0 { // a course with no server language: proved once, in none
		langs = []string{""}
	}
	var out []source
	for _, step := range course.Steps() {
		if keep != nil && !keep(step) {
			continue
		}
		for _, b := range step.Files {
			if b.Kind != lessons.Solution {
				continue
			}
			seen := map[string]bool{}
			for _, lang := range langs {
				if !course.AppliesTo(b.Lang, lang) {
					continue
				}
				content, ok := course.Version(b.Path, lang, step, lessons.Solution)
				if !ok || seen[content] {
					continue
				}
				seen[content] = true
				out = append(out, source{step: step, block: b, lang: lang, content: content})
			}
		}
	}
	return out
}

// place turns the problems of sources, which come in course order, into
// warnings at the lessons' lines.
// A block written as a whole file is reported at the line of the problem in
// it. A block whose file the course resolves from more than the block (an
// edit) is reported at its fence, and only when the same problem was not
// reported already, from the file it edits.
func place(sources []source, problems []*problem) []Warning {
	var warnings []Warning
	reported := map[string]bool{}
	for i, s := range sources {
		p := problems[i]
		if p == nil {
			continue
		}
		key := s.block.Path + "\x00" + s.lang + "\x00" + p.message + "\x00" + lineText(s.content, p.line)
		edit := s.edit()
		if edit && reported[key] {
			continue
		}
		reported[key] = true
		w := Warning{File: s.step.Lesson.File, Line: s.block.Line, Message: s.block.Path + " " + p.message}
		switch {
		case edit && p.line > 0:
			w.Message += fmt.Sprintf(" (line %d of the file this edit makes)", p.line)
		case !edit:
			w.Line = markdownLine(s.block, p.line)
		}
		warnings = append(warnings, w)
	}
	return warnings
}

// markdownLine maps line (1-based; 0 for the block itself) of a block's
// content to the line of the lesson file it is written on. A line past the
// block's end (Python's "unexpected end of file") is its last line.
func markdownLine(b *lessons.FileBlock, line int) int {
	n := strings.Count(b.Content, "\n")
	if line > n {
		line = n
	}
	if line < 0 {
		line = 0
	}
	return b.Line + line
}

// lineText returns line (1-based) of content, or "" when there is none.
func lineText(content string, line int) string {
	lines := strings.Split(content, "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	return lines[line-1]
}
