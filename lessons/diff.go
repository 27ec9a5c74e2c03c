package lessons

import "strings"

// DefaultEditContext is how many lines of context `lessons fmt` puts
// around each change unless told otherwise.
const DefaultEditContext = 1

// DiffEdit returns the body of a minimal edit that turns base into target:
// a line diff with context lines of context around each change (at least
// 0), hunks merged when their context would touch, each hunk's context grown
// until it matches one place of base. ok is false when no edit can say it:
// the two are equal, base is empty, or only one of them ends in a newline.
func DiffEdit(base, target string, context int) (body string, ok bool) {
	a, finalA := fileLines(base)
	b, finalB := fileLines(target)
	if base == target || len(a) == 0 || finalA != finalB {
		return "", false
	}
	ops := DiffLines(a, b)
	changes := changeRuns(ops)
	ctx := contexts(len(changes), context)
	for range 2*len(ops) + 2 {
		hunks := groupHunks(ops, changes, ctx)
		grown := false
		for _, h := range hunks {
			if _, n := matches(a, h.old()); n == 1 {
				continue
			}
			// Grow the hunk by one line at one end, the shorter end first.
			if before, after := &ctx[h.first][0], &ctx[h.last][1]; *before <= *after {
				*before++
			} else {
				*after++
			}
			grown = true
		}
		if !grown {
			return writeEdit(hunks), true
		}
	}
	return "", false // cannot happen: a hunk as long as the base matches once
}

// DiffHunks returns what changes from base to target, to be read: the line
// diff cut into hunks with context lines of context around each change
// (hunks merged when their context would touch); none when the two are
// equal. Unlike DiffEdit, its hunks need not match one place of base.
func DiffHunks(base, target string, context int) []Hunk {
	a, _ := fileLines(base)
	b, _ := fileLines(target)
	ops := DiffLines(a, b)
	changes := changeRuns(ops)
	var hunks []Hunk
	for _, h := range groupHunks(ops, changes, contexts(len(changes), context)) {
		hunks = append(hunks, h.Hunk)
	}
	return hunks
}

// changeRuns are the runs of ops that are not context, as [start, end).
func changeRuns(ops []EditLine) [][2]int {
	var changes [][2]int
	for i := 0; i < len(ops); i++ {
		if ops[i].Op == ' ' {
			continue
		}
		j := i
		for j < len(ops) && ops[j].Op != ' ' {
			j++
		}
		changes = append(changes, [2]int{i, j})
		i = j
	}
	return changes
}

// contexts are the lines of context before and after each of n changes:
// context (at least 0) on each side.
func contexts(n, context int) [][2]int {
	ctx := make([][2]int, n)
	for i := range ctx {
		ctx[i] = [2]int{max(context, 0), max(context, 0)}
	}
	return ctx
}

func (h Hunk) lines() []EditLine { return h.Lines }

// diffHunk is a hunk being built: its lines and the changes it covers.
type diffHunk struct {
	Hunk
	first, last int
}

// groupHunks cuts ops into hunks: each run of changes with ctx of its
// context lines before and after it, runs whose context touches in one hunk.
func groupHunks(ops []EditLine, changes [][2]int, ctx [][2]int) []diffHunk {
	var hunks []diffHunk
	end := -1 // where the last hunk ends in ops
	for k, ch := range changes {
		from := max(ch[0]-ctx[k][0], 0)
		to := min(ch[1]+ctx[k][1], len(ops))
		if len(hunks) > 0 && from <= end {
			h := &hunks[len(hunks)-1]
			h.Lines = append(h.Lines, ops[end:to]...)
			h.last, end = k, to
			continue
		}
		hunks = append(hunks, diffHunk{Hunk: Hunk{Lines: append([]EditLine(nil), ops[from:to]...)}, first: k, last: k})
		end = to
	}
	return hunks
}

// writeEdit writes hunks as an edit's body, @@ between them.
func writeEdit[H interface{ lines() []EditLine }](hunks []H) string {
	var b strings.Builder
	for i, h := range hunks {
		if i > 0 {
			b.WriteString("@@\n")
		}
		for _, l := range h.lines() {
			if l.Op != ' ' || l.Text != "" {
				b.WriteByte(l.Op)
			}
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// DiffLines returns a shortest line diff of a and b as context, - and + lines.
func DiffLines(a, b []string) []EditLine {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []EditLine
	for _, l := range a[:pre] {
		ops = append(ops, EditLine{Op: ' ', Text: l})
	}
	ops = append(ops, lcsDiff(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, EditLine{Op: ' ', Text: l})
	}
	return ops
}

// lcsDiff diffs a and b by their longest common subsequence of lines.
func lcsDiff(a, b []string) []EditLine {
	n, m := len(a), len(b)
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []EditLine
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, EditLine{Op: ' ', Text: a[i]})
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, EditLine{Op: '+', Text: b[j]})
			j++
		default:
			ops = append(ops, EditLine{Op: '-', Text: a[i]})
			i++
		}
	}
	return normalizeOps(ops)
}

// normalizeOps puts the - lines of each run of changes before its + lines.
func normalizeOps(ops []EditLine) []EditLine {
	out := make([]EditLine, 0, len(ops))
	for i := 0; i < len(ops); {
		if ops[i].Op == ' ' {
			out = append(out, ops[i])
			i++
			continue
		}
		j := i
		for j < len(ops) && ops[j].Op != ' ' {
			j++
		}
		for _, o := range ops[i:j] {
			if o.Op == '-' {
				out = append(out, o)
			}
		}
		for _, o := range ops[i:j] {
			if o.Op == '+' {
				out = append(out, o)
			}
		}
		i = j
	}
	return out
}
