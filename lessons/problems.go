package lessons

import (
	"fmt"
	"sort"
)

// reporter collects the problems of one file.
type reporter struct {
	file  string
	probs Problems
}

func (r *reporter) errorf(line int, format string, args ...any) {
	r.probs = append(r.probs, Problem{File: r.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (r *reporter) warnf(line int, format string, args ...any) {
	r.probs = append(r.probs, Problem{File: r.file, Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
}

// sortProblems orders problems by file, in the order files lists them (files
// not in it come last, by name), then by line; problems on the same line keep
// the order they were found in.
func sortProblems(ps Problems, files []string) {
	rank := make(map[string]int, len(files))
	for i, f := range files {
		if _, ok := rank[f]; !ok {
			rank[f] = i
		}
	}
	rankOf := func(f string) int {
		if r, ok := rank[f]; ok {
			return r
		}
		return len(files)
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if ra, rb := rankOf(a.File), rankOf(b.File); ra != rb {
			return ra < rb
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
}
