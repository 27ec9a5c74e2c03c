package lessons

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
)

// Likeness is what a mistake writes that its step's solution does not,
// word by word without case: what a learner's file must be written like
// for check to name the mistake (two wrong answers can make the same
// rows). Own are words the mistake writes that the solution has nowhere
// (LEFT of a LEFT JOIN), Gone words of the solution the mistake takes away
// entirely (SAVEPOINT), Cut the lines the mistake only takes words out of
// (ORDER BY score DESC without ", id"). In a student build (Build) the words
// are hashed: the solution's words are not written out.
type Likeness struct {
	Own  []string `json:"own,omitempty"`
	Gone []string `json:"gone,omitempty"`
	Cut  []Cut    `json:"cut,omitempty"`
	// Shortened is what student builds made before Cut hold in its place:
	// each cut line's words with the word of the mistake that follows
	// them. It is read, never made.
	Shortened [][]string `json:"shortened,omitempty"`
	// Runs, only for a mistake that has no Own, Gone or Shortened words
	// (timeout=0 for timeout=5, when the solution has a 0 elsewhere), are
	// the runs of three words of the lines it writes that the solution has
	// nowhere ("timeout = 0"): the learner's file must hold one of them.
	Runs [][]string `json:"runs,omitempty"`
	// Salt, when set, is what the words were hashed with (HashWord).
	Salt string `json:"salt,omitempty"`
}

var likenessWords = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[<>=!]+`)

// Words are the words of text as Likeness counts them, lowercase.
func Words(text string) []string {
	return likenessWords.FindAllString(strings.ToLower(text), -1)
}

// MistakeLikeness is the likeness of mistake to solution.
func MistakeLikeness(solution, mistake string) Likeness {
	has := func(text string) map[string]bool {
		set := map[string]bool{}
		for _, w := range Words(text) {
			set[w] = true
		}
		return set
	}
	inSolution, inMistake := has(solution), has(mistake)
	var l Likeness
	diff := DiffLines(strings.Split(solution, "\n"), strings.Split(mistake, "\n"))
	for _, d := range diff {
		for _, w := range Words(d.Text) {
			switch {
			case d.Op == '+' && !inSolution[w] && !slices.Contains(l.Own, w):
				l.Own = append(l.Own, w)
			case d.Op == '-' && !inMistake[w] && !slices.Contains(l.Gone, w):
				l.Gone = append(l.Gone, w)
			}
		}
	}
	l.Cut = cutLines(diff, mistake)
	if l.Empty() {
		l.Runs = newRuns(diff, Words(solution))
	}
	return l
}

// runLength is how many words a Likeness's run holds.
const runLength = 3

// newRuns are the runs of runLength words of the lines diff adds (a whole
// line's words, for a shorter line) that solution, its words, has nowhere.
func newRuns(diff []EditLine, solution []string) [][]string {
	var runs [][]string
	add := func(run []string) {
		if runAt(solution, run) < 0 && !slices.ContainsFunc(runs, func(r []string) bool { return slices.Equal(r, run) }) {
			runs = append(runs, slices.Clone(run))
		}
	}
	for _, d := range diff {
		if d.Op != '+' {
			continue
		}
		words := Words(d.Text)
		if len(words) > 0 && len(words) < runLength {
			add(words)
		}
		for i := 0; i+runLength <= len(words); i++ {
			add(words[i : i+runLength])
		}
	}
	return runs
}

// Empty reports whether the likeness asks nothing of a learner's file.
func (l Likeness) Empty() bool {
	return len(l.Own) == 0 && len(l.Gone) == 0 && len(l.Cut) == 0 && len(l.Shortened) == 0 && len(l.Runs) == 0
}

// Hashed is l with every word hashed with salt.
func (l Likeness) Hashed(salt string) Likeness {
	h := func(ws []string) []string {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = HashWord(salt, w)
		}
		return out
	}
	out := Likeness{Own: h(l.Own), Gone: h(l.Gone), Salt: salt}
	for _, c := range l.Cut {
		hc := Cut{Words: h(c.Words)}
		if c.Next != "" {
			hc.Next = HashWord(salt, c.Next)
		}
		if c.Not != "" {
			hc.Not = HashWord(salt, c.Not)
		}
		out.Cut = append(out.Cut, hc)
	}
	for _, s := range l.Shortened {
		out.Shortened = append(out.Shortened, h(s))
	}
	for _, r := range l.Runs {
		out.Runs = append(out.Runs, h(r))
	}
	return out
}

// HashWord is a word as a student build keeps it.
func HashWord(salt, w string) string {
	sum := sha256.Sum256([]byte(salt + "\x00" + w))
	return hex.EncodeToString(sum[:8])
}

// Matches reports whether a learner's file of content text is written like
// the mistake: it holds none of Gone, every line of Cut (and of Shortened)
// word after word, and, when there are any, one of Own and one of Runs. An Empty likeness matches
// every file.
func (l Likeness) Matches(text string) bool {
	words, lines := wordLines(text)
	if l.Salt != "" {
		for i, w := range words {
			words[i] = HashWord(l.Salt, w)
		}
	}
	if slices.ContainsFunc(l.Gone, func(w string) bool { return slices.Contains(words, w) }) {
		return false
	}
	for _, c := range l.Cut {
		if !c.in(words, lines) {
			return false
		}
	}
	for _, line := range l.Shortened {
		if runAt(words, line) < 0 {
			return false
		}
	}
	if len(l.Runs) > 0 && !slices.ContainsFunc(l.Runs, func(r []string) bool { return runAt(words, r) >= 0 }) {
		return false
	}
	return len(l.Own) == 0 || slices.ContainsFunc(l.Own, func(w string) bool { return slices.Contains(words, w) })
}

// Cut is a line a mistake writes in place of a line of the solution that
// holds the same words and more, in order (ORDER BY score DESC without ",
// id"). The learner's file must hold its Words one after another, followed
// by Next, the mistake's word after them, or by nothing on the same line
// but Not, the solution's word that came next when the words taken out
// were the line's last: sql.Open("sqlite", path) cut from
// path+"?_pragma=busy_timeout(5000)" may be followed by the learner's own
// next line (if err != nil), but not by _pragma; ORDER BY score DESC cut
// from DESC, id not by ", player".
type Cut struct {
	Words []string `json:"words"`
	Next  string   `json:"next,omitempty"`
	Not   string   `json:"not,omitempty"`
}

// in reports whether words, the words of a learner's file on lines, hold
// c's words, one after another, followed as c says.
func (c Cut) in(words []string, lines []int) bool {
	for i := 0; i+len(c.Words) <= len(words); i++ {
		if !slices.Equal(words[i:i+len(c.Words)], c.Words) {
			continue
		}
		end := i + len(c.Words)
		if end == len(words) || words[end] == c.Next ||
			lines[end] > lines[end-1] && words[end] != c.Not {
			return true
		}
	}
	return false
}

// wordLines are the Words of text, with the line each stands on.
func wordLines(text string) (words []string, lines []int) {
	lower := strings.ToLower(text)
	at, line := 0, 1
	for _, span := range likenessWords.FindAllStringIndex(lower, -1) {
		line += strings.Count(lower[at:span[0]], "\n")
		at = span[0]
		words, lines = append(words, lower[span[0]:span[1]]), append(lines, line)
	}
	return words, lines
}

// cutLines are the lines of diff that a mistake only takes words out of;
// mistake is the mistake's whole text.
func cutLines(diff []EditLine, mistake string) []Cut {
	var out []Cut
	all := Words(mistake)
	for i := 0; i+1 < len(diff); i++ {
		if diff[i].Op != '-' || diff[i+1].Op != '+' {
			continue
		}
		was, now := Words(diff[i].Text), Words(diff[i+1].Text)
		if len(now) == 0 || len(now) >= len(was) || !isSubsequence(now, was) {
			continue
		}
		c := Cut{Words: now}
		if at := runAt(all, now); at >= 0 && at+len(now) < len(all) {
			c.Next = all[at+len(now)]
		}
		if end := lastMatched(now, was); end+1 < len(was) {
			c.Not = was[end+1]
		}
		out = append(out, c)
	}
	return out
}

// lastMatched is where in b the last word of a stands when a's words are
// matched in b in order, as late as they can be: the words of b after it
// were taken from the end. a is a subsequence of b.
func lastMatched(a, b []string) int {
	last := len(a) - 1
	for j := len(b) - 1; j >= 0; j-- {
		if b[j] == a[last] && isSubsequence(a[:last], b[:j]) {
			return j
		}
	}
	return -1
}

// isSubsequence reports whether the words of a occur in b in order.
func isSubsequence(a, b []string) bool {
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}

// runAt is where words holds run, one word after another, or -1.
func runAt(words, run []string) int {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return i
		}
	}
	return -1
}
