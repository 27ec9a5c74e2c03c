package mutate

import "strings"

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

// newLines are the lines of b, from 1, that a longest common subsequence
// of a and b leaves out.
func newLines(a, b []string) map[int]bool {
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	changed := map[int]bool{}
	i, j := 0, 0
	for j < len(b) {
		switch {
		case i < len(a) && a[i] == b[j]:
			i, j = i+1, j+1
		case i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			changed[j+1] = true
			j++
		}
	}
	return changed
}
