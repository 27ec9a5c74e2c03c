package check

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"math"
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
	if c.Load != "" {
		return "load " + c.Load
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
	if !course.Attempted(step, lang, files) {
		return nil // the learner has not begun the step: no mistake is theirs yet
	}
	var ds []Diagnosis
	var like [][]*lessons.FileBlock // the mistake blocks of each of ds the learner's files are written like
	for _, m := range step.Diagnose(Fingerprint(r), lang) {
		// The course's own mistake block says what the mistake is: the
		// prints file only says what it makes the checks say, and names
		// no mistake the step does not have.
		d := Diagnosis{Mistake: m.ID}
		var blocks []*lessons.FileBlock
		for _, f := range step.Files {
			if f.Kind != lessons.Mistake || f.ID != m.ID || !course.AppliesTo(f.Lang, lang) {
				continue
			}
			d.Why, d.Says = f.Why, f.Says
			if writesLikeIt(course, step, f, lang, files) {
				blocks = append(blocks, f)
			}
		}
		if len(blocks) > 0 {
			ds, like = append(ds, d), append(like, blocks)
		}
	}
	if len(ds) < 2 {
		return ds
	}
	return nearest(course, step, lang, files, ds, like)
}

// nearest are the diagnoses of ds the learner's files are nearest to, like
// holding each one's mistake blocks: two mistakes can make the same result
// and both be written like the learner's file (db.Exec("PRAGMA
// busy_timeout = 5000") holds the words of ?busy_timeout=5000 too), and
// the one whose lines the learner wrote is theirs. All of ds when a
// nearness cannot be told.
func nearest(course *lessons.Course, step *lessons.Step, lang string, files fs.FS, ds []Diagnosis, like [][]*lessons.FileBlock) []Diagnosis {
	nearer := make([]int, len(ds))
	for i, blocks := range like {
		nearer[i] = math.MinInt
		for _, f := range blocks {
			n, ok := nearness(course, step, f, lang, files)
			if !ok {
				return ds
			}
			nearer[i] = max(nearer[i], n)
		}
	}
	best := slices.Max(nearer)
	var out []Diagnosis
	for i, d := range ds {
		if nearer[i] == best {
			out = append(out, d)
		}
	}
	return out
}

// nearness is how many fewer lines the learner's file differs by from
// mistake m than from the step's solution, lines compared without their
// indentation, blank lines left out: above 0 for a mistake whose lines the
// learner wrote. ok is false when it cannot be told (a student build has
// no mistake's content).
func nearness(course *lessons.Course, step *lessons.Step, m *lessons.FileBlock, lang string, files fs.FS) (n int, ok bool) {
	if m.Likeness != nil {
		return 0, false
	}
	solution, ok := course.Version(m.Path, lang, step, lessons.Solution)
	data, err := fs.ReadFile(files, m.Path)
	if !ok || err != nil {
		return 0, false
	}
	learner := codeLines(string(data))
	return lineDistance(learner, codeLines(solution)) - lineDistance(learner, codeLines(m.Content)), true
}

// codeLines are text's lines without their indentation, blank lines left out.
func codeLines(text string) []string {
	var out []string
	for line := range strings.Lines(text) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// lineDistance is how many lines a diff of a and b adds or takes away.
func lineDistance(a, b []string) int {
	n := 0
	for _, d := range lessons.DiffLines(a, b) {
		if d.Op != ' ' {
			n++
		}
	}
	return n
}

// writesLikeIt reports whether the learner's file is written like mistake
// m (lessons.Likeness): a mistake with nothing of its own to find matches on
// its result alone. In a student build, m has no content but its likeness,
// with hashed words.
func writesLikeIt(course *lessons.Course, step *lessons.Step, m *lessons.FileBlock, lang string, files fs.FS) bool {
	like := m.Likeness
	if like == nil {
		solution, ok := course.Version(m.Path, lang, step, lessons.Solution)
		if !ok {
			return true
		}
		l := lessons.MistakeLikeness(solution, m.Content)
		like = &l
	}
	if like.Empty() {
		return true
	}
	data, err := fs.ReadFile(files, m.Path)
	if err != nil {
		return false
	}
	return like.Matches(string(data))
}
