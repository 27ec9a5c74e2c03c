package check

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
)

// Fingerprint is what a failing result says, reduced to what a wrong answer
// decides: each check's status and its kind of difference (the rows missing
// or too many, the order, the JSON paths and statuses of an answer, the
// first line of an error), without what changes from run to run (ports,
// API keys, times). Two runs of the same step with the same files have the
// same fingerprint, in a workspace or in lessons test; a known mistake is
// recognised by it (see lessons.MistakePrint). It is "" for a result that
// passed.
func Fingerprint(r StepResult) string {
	if r.Status == Pass {
		return ""
	}
	var b strings.Builder
	b.WriteString(string(r.Status))
	if r.Status == Error {
		b.WriteString(" " + steady(firstLine(r.Message)))
	}
	for _, c := range r.Checks {
		b.WriteString("\n" + checkPrint(c))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:12])
}

// checkPrint is one check's part of a fingerprint.
func checkPrint(c CheckResult) string {
	if c.Status == Pass {
		return "pass"
	}
	switch m, h := c.Mismatch, c.HTTP; {
	case m != nil:
		var b strings.Builder
		b.WriteString("rows " + m.Columns)
		for _, row := range m.Missing {
			b.WriteString("\n- " + steady(strings.Join(row, " | ")))
		}
		for _, row := range m.Extra {
			b.WriteString("\n+ " + steady(strings.Join(row, " | ")))
		}
		if m.WrongOrder {
			b.WriteString("\norder")
			for _, row := range m.Actual.Rows {
				b.WriteString("\n= " + steady(strings.Join(row, " | ")))
			}
		}
		return b.String()
	case h != nil:
		var b strings.Builder
		b.WriteString("http " + h.Method + " " + steady(h.Path))
		b.WriteString(" " + strconv.Itoa(h.WantStatus) + " " + strconv.Itoa(h.GotStatus))
		for _, p := range append(append([]string{}, h.HeaderProblems...), h.BodyProblems...) {
			b.WriteString("\n" + steady(expected(p)))
		}
		return b.String()
	}
	return "fail " + steady(firstLine(c.Message))
}

// varying are the parts of a message that change from run to run: a time,
// a port, the run's API key, a temporary folder.
var varying = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?Z?`), "TIME"},
	{regexp.MustCompile(`\bport \d+`), "port N"},
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:N"},
	{regexp.MustCompile(`sk-[0-9a-f]{8,}`), "KEY"},
	{regexp.MustCompile(`/\S*sandcastle-proof-\S*`), "DIR"},
	{regexp.MustCompile(`\d+(\.\d+)? ?(ms|µs|s)\b`), "DURATION"},
}

// expected is a problem of an answer up to what it got: the path and what
// was expected, which decide the mistake, without the value the server sent
// (an error's text, a traceback with the workspace's paths in it).
func expected(problem string) string {
	before, _, _ := strings.Cut(problem, ", got ")
	return before
}

// steady is s with what varies from run to run replaced by a fixed word.
func steady(s string) string {
	for _, v := range varying {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return s
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// Diagnosis is a known mistake of a step that a result looks like: what
// the step's mistake of that ID makes its checks say, the result says too.
type Diagnosis struct {
	Mistake string `json:"mistake"`
	Why     string `json:"why"`
	// Says is what the course's author wrote for the learner who makes
	// it (a mistake's says=), "" when nothing.
	Says string `json:"says,omitempty"`
}

// diagnose finds the known mistakes of step that r looks like, in the
// workspace language lang: none for a result that passed, or that did not
// run because the course is not trusted. A mistake whose result r has is
// named only when the learner's file also holds what the mistake writes
// that the solution does not (see writesLikeIt): two wrong answers can
// make the same rows, and the learner of the other one would be misled.
func diagnose(course *lessons.Course, step *lessons.Step, files fs.FS, r StepResult, lang string) []Diagnosis {
	if len(step.Prints) == 0 || r.Passed() || r.Refused() {
		return nil
	}
	var ds []Diagnosis
	for _, m := range step.Diagnose(Fingerprint(r), lang) {
		// The course's own mistake block says what the mistake is: the
		// prints file only says what it makes the checks say, and names
		// no mistake the step does not have.
		d := Diagnosis{Mistake: m.ID}
		named := false
		for _, f := range step.Files {
			if f.Kind != lessons.Mistake || f.ID != m.ID || !course.AppliesTo(f.Lang, lang) {
				continue
			}
			d.Why, d.Says = f.Why, f.Says
			named = named || writesLikeIt(course, step, f, lang, files)
		}
		if named {
			ds = append(ds, d)
		}
	}
	return ds
}

var words = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[<>=!]+`)

// writesLikeIt reports whether the learner's file is written like mistake
// m, word by word without case: it holds a word m writes that the step's
// solution has nowhere (LEFT of a LEFT JOIN, 99 of score >= 99), and none
// that m takes away entirely (SAVEPOINT, for a mistake with no savepoint).
// And where m only takes words out of a line (", id" of ORDER BY score
// DESC, id), the learner's file holds what is left of the line, word after
// word: ties broken by name are not "no tie-break". A mistake with none of
// these matches on its result alone.
func writesLikeIt(course *lessons.Course, step *lessons.Step, m *lessons.FileBlock, lang string, files fs.FS) bool {
	solution, ok := course.Version(m.Path, lang, step, lessons.Solution)
	if !ok {
		return true
	}
	has := func(text string) map[string]bool {
		set := map[string]bool{}
		for _, w := range words.FindAllString(strings.ToLower(text), -1) {
			set[w] = true
		}
		return set
	}
	inSolution, inMistake := has(solution), has(m.Content)
	var own, gone []string
	diff := lessons.DiffLines(strings.Split(solution, "\n"), strings.Split(m.Content, "\n"))
	for _, l := range diff {
		for w := range has(l.Text) {
			switch {
			case l.Op == '+' && !inSolution[w]:
				own = append(own, w)
			case l.Op == '-' && !inMistake[w]:
				gone = append(gone, w)
			}
		}
	}
	shortened := shortenedLines(diff, m.Content)
	if len(own) == 0 && len(gone) == 0 && len(shortened) == 0 {
		return true
	}
	data, err := fs.ReadFile(files, m.Path)
	if err != nil {
		return false
	}
	learner := has(string(data))
	if slices.ContainsFunc(gone, func(w string) bool { return learner[w] }) {
		return false
	}
	run := words.FindAllString(strings.ToLower(string(data)), -1)
	for _, line := range shortened {
		if !containsRun(run, line) {
			return false
		}
	}
	return len(own) == 0 || slices.ContainsFunc(own, func(w string) bool { return learner[w] })
}

// shortenedLines are the words of each line mistake writes in place of a
// line of solution that holds the same words and more, in order (the
// lines it only takes words out of), with the word of the mistake that
// follows them: nothing may stand where the words were taken out.
func shortenedLines(diff []lessons.EditLine, mistake string) [][]string {
	var out [][]string
	all := words.FindAllString(strings.ToLower(mistake), -1)
	for i := 0; i+1 < len(diff); i++ {
		if diff[i].Op != '-' || diff[i+1].Op != '+' {
			continue
		}
		was := words.FindAllString(strings.ToLower(diff[i].Text), -1)
		now := words.FindAllString(strings.ToLower(diff[i+1].Text), -1)
		if len(now) > 0 && len(now) < len(was) && isSubsequence(now, was) {
			if at := runAt(all, now); at >= 0 && at+len(now) < len(all) {
				now = append(now, all[at+len(now)])
			}
			out = append(out, now)
		}
	}
	return out
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

// containsRun reports whether words holds run, one word after another.
func containsRun(words, run []string) bool { return runAt(words, run) >= 0 }

// runAt is where words holds run, one word after another, or -1.
func runAt(words, run []string) int {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return i
		}
	}
	return -1
}
