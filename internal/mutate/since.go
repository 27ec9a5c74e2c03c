package mutate

import (
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
)

// Since keeps the mutants of content that touch a line that is not in
// previous, an earlier version of the file (as a step found it), by a
// line diff: the mutants of the lines a step wrote, for the checks of that
// step. A line whose only change is its spacing (columns realigned) was not
// written by the step. With previous "", it keeps them all.
func Since(previous, content string, ms []Mutant) []Mutant {
	if previous == "" {
		return ms
	}
	changed := newLines(spacing(strings.Split(previous, "\n")), spacing(strings.Split(content, "\n")))
	var out []Mutant
	for _, m := range ms {
		for l := m.Line; l < m.Line+m.Lines; l++ {
			if changed[l] {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// spacing returns lines with each run of spaces and tabs made one space,
// and none at either end.
func spacing(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Join(strings.Fields(l), " ")
	}
	return out
}

// newLines are the lines of b, from 1, that a shortest line diff of a and
// b adds.
func newLines(a, b []string) map[int]bool {
	changed := map[int]bool{}
	line := 0
	for _, op := range lessons.DiffLines(a, b) {
		switch op.Op {
		case ' ':
			line++
		case '+':
			line++
			changed[line] = true
		}
	}
	return changed
}
