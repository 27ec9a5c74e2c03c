// Package prove is the prover behind `sandcastle lessons test`: for each
// step of a course it runs the checks (package check) with the solutions
// in place, with the starters, with each mistake and with the files as the
// course leaves them, and says which of these proofs hold (prove.go).
// With --mutants it tests the checks instead (mutants.go): each mutant of
// a step's solutions (internal/mutate) must fail a check.
package prove

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// The proofs `lessons test` makes for every step.
const (
	ProofSolved  = "solved"  // with the solutions in place, every check passes
	ProofStarter = "starter" // with the step's starters, at least one check fails
	ProofMistake = "mistake" // with each mistake, at least one check fails (or, flagged error, the step cannot run)
	// ProofFinished is a warning, not one of the format's proofs: with the
	// files as the course leaves them at its end, the step still passes, so
	// `check --all` in a finished workspace passes too.
	ProofFinished = "finished"
)

// Proof is one proof about a step.
type Proof struct {
	Kind string `json:"kind"`
	// Why names the mistake, for mistake proofs.
	Why string `json:"why,omitempty"`
	// Check is the title of the check that caught the mistake, for a
	// mistake proof that holds because a check failed.
	Check string `json:"check,omitempty"`
	OK    bool   `json:"ok"`
	// Warning proofs do not make lessons test fail.
	Warning bool `json:"warning,omitempty"`
	// Mistake is the mistake's ID, and Fingerprint what it makes the step's
	// checks say (check.Fingerprint), for a mistake proof that holds.
	Mistake     string `json:"mistake,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	// Message says what went wrong when the proof failed.
	Message string `json:"message,omitempty"`
}

// StepProof is every proof about one step, for one server language.
type StepProof struct {
	Step     *lessons.Step `json:"-"`
	ID       string        `json:"id"`
	Lang     string        `json:"lang,omitempty"`
	Proofs   []Proof       `json:"proofs"`
	Duration time.Duration `json:"-"`
}

// OK reports whether every proof holds, warnings aside.
func (p StepProof) OK() bool {
	for _, pr := range p.Proofs {
		if !pr.OK && !pr.Warning {
			return false
		}
	}
	return true
}

// Warnings counts the warning proofs that do not hold.
func (p StepProof) Warnings() int {
	n := 0
	for _, pr := range p.Proofs {
		if !pr.OK && pr.Warning {
			n++
		}
	}
	return n
}

// Prove proves every step of course that keep selects (all when nil), for
// each of langs that the step has code in (every language for a step with
// HTTP checks; once, with no language, for a step that has none), steps in
// parallel. The results come in course order.
func Prove(ctx context.Context, course *lessons.Course, langs []string, keep func(*lessons.Step) bool, opts check.Options) []StepProof {
	type task struct {
		step *lessons.Step
		lang string
	}
	var tasks []task
	for _, s := range course.Steps() {
		if keep != nil && !keep(s) {
			continue
		}
		for _, l := range stepLangs(course, s, langs) {
			tasks = append(tasks, task{s, l})
		}
	}
	results := make([]StepProof, len(tasks))
	parallel(ctx, len(tasks), func(i int) {
		o := opts
		o.Lang = tasks[i].lang
		results[i] = proveStep(ctx, course, tasks[i].step, o)
	})
	return results
}

// parallel calls do(0) to do(n-1), as many at once as there are CPUs to
// run them, and returns when they have returned. Once ctx is done it starts
// no more.
func parallel(ctx context.Context, n int, do func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// stepLangs are the languages a step is proved in.
func stepLangs(course *lessons.Course, s *lessons.Step, langs []string) []string {
	var out []string
	http := s.Serves()
	for _, l := range langs {
		if http || slices.ContainsFunc(s.Files, func(f *lessons.FileBlock) bool { return f.Lang == l }) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// proveStep makes the three proofs of one step in the language opts.Lang.
func proveStep(ctx context.Context, course *lessons.Course, step *lessons.Step, opts check.Options) StepProof {
	start := time.Now()
	p := StepProof{Step: step, ID: step.FullID(), Lang: opts.Lang}
	solved := versions(course, step, opts.Lang, false)
	r := runFiles(ctx, course, step, solved, opts)
	p.Proofs = append(p.Proofs, Proof{Kind: ProofSolved, OK: r.Passed(),
		Message: failureText("with the solutions in place, the step does not pass", r)})
	r = runFiles(ctx, course, step, versions(course, step, opts.Lang, true), opts)
	p.Proofs = append(p.Proofs, Proof{Kind: ProofStarter, OK: !r.Passed(),
		Message: "the step passes with its starting files: a learner would pass it without doing anything"})
	for _, m := range step.Files {
		if m.Kind != lessons.Mistake || !course.AppliesTo(m.Lang, opts.Lang) {
			continue
		}
		files := maps.Clone(solved)
		files[m.Path] = m.Content
		p.Proofs = append(p.Proofs, diagnosed(step, m, opts.Lang, mistakeProof(step, m, runFiles(ctx, course, step, files, opts))))
	}
	if finished := finalVersions(course, step, opts.Lang); !maps.Equal(finished, solved) {
		r := runFiles(ctx, course, step, finished, opts)
		p.Proofs = append(p.Proofs, Proof{Kind: ProofFinished, OK: r.Passed(), Warning: true,
			Message: failureText("with the files as the course leaves them at its end, the step does not pass, "+
				"so `sandcastle check --all` fails it in a finished workspace; make its checks hold for the later versions too", r)})
	}
	for i := range p.Proofs {
		if p.Proofs[i].OK {
			p.Proofs[i].Message = ""
		}
	}
	p.Duration = time.Since(start)
	return p
}

// mistakeProof says whether a step's result with mistake m in place proves
// it: a check fails (status fail), or, for a mistake with the error flag,
// the step cannot run (status error). Check is the title of the first check
// that caught it.
func mistakeProof(step *lessons.Step, m *lessons.FileBlock, r check.StepResult) Proof {
	p := Proof{Kind: ProofMistake, Why: m.Why, Mistake: m.ID}
	at := fmt.Sprintf("%s:%d", step.Lesson.File, m.Line)
	switch {
	case m.Error && r.Status == check.Error:
		p.OK = true
	case m.Error:
		p.Message = fmt.Sprintf("the mistake at %s has the flag error, but the step runs with it (status %s); remove the flag, or make the mistake one that stops the step", at, r.Status)
	case r.Status == check.Fail:
		p.OK = true
	case r.Status == check.Error:
		p.Message = fmt.Sprintf("the step cannot run with the mistake at %s, which proves nothing (%s); "+
			"make it a mistake a check catches, or add the flag error to its block if not running is the lesson", at, r.Message)
	default:
		p.Message = fmt.Sprintf("the mistake at %s passes every check; add a check that catches it", at)
	}
	if p.OK {
		p.Fingerprint = check.Fingerprint(r)
	}
	if p.OK && r.Status == check.Fail {
		for _, c := range r.Checks {
			if c.Status == check.Fail {
				p.Check = c.Title
				break
			}
		}
	}
	return p
}

// versions returns the learner's files at step: the solutions of this step
// and the steps before, or with starting set, the solutions of the steps
// before and this step's starters. A file a step introduces without a
// starter does not exist at its start.
func versions(course *lessons.Course, step *lessons.Step, lang string, starting bool) map[string]string {
	files := map[string]string{}
	steps := course.Steps()
	for _, d := range course.Declared(step, lang) {
		upto := step
		if starting {
			if content, ok := starterIn(course, step, d.Path, lang); ok {
				files[d.Path] = content
				continue
			}
			if step.Index == 0 {
				continue
			}
			upto = steps[step.Index-1]
		}
		if content, ok := course.Version(d.Path, lang, upto, lessons.Solution); ok {
			files[d.Path] = content
		}
	}
	return files
}

// finalVersions returns the files a step uses as the course leaves them at
// its end: the last solution of each.
func finalVersions(course *lessons.Course, step *lessons.Step, lang string) map[string]string {
	steps := course.Steps()
	files := map[string]string{}
	for _, d := range course.Declared(step, lang) {
		if content, ok := course.Version(d.Path, lang, steps[len(steps)-1], lessons.Solution); ok {
			files[d.Path] = content
		}
	}
	return files
}

// starterIn returns the starter of path written in step itself.
func starterIn(course *lessons.Course, step *lessons.Step, path, lang string) (string, bool) {
	for _, f := range step.Files {
		if f.Kind == lessons.Starter && f.Path == path && course.AppliesTo(f.Lang, lang) {
			return f.Content, true
		}
	}
	return "", false
}

// runFiles checks a step against a set of files held in memory, or, when the
// step has sh checks or runs a server, written to a temporary folder for
// them to run in.
func runFiles(ctx context.Context, course *lessons.Course, step *lessons.Step, files map[string]string, opts check.Options) check.StepResult {
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644}
	}
	if step.Serves() || hasCheck(step, "sh") {
		tmp, err := os.MkdirTemp("", "sandcastle-proof-")
		if err != nil {
			return check.StepResult{ID: step.FullID(), Status: check.Error, Message: err.Error()}
		}
		defer os.RemoveAll(tmp)
		// The files in a folder of their own; the server's, beside it.
		dir, state := filepath.Join(tmp, "workspace"), filepath.Join(tmp, "state")
		if err := writeFiles(dir, files); err != nil {
			return check.StepResult{ID: step.FullID(), Status: check.Error, Message: err.Error()}
		}
		opts.Dir, opts.Trusted = dir, true
		opts.Server.Files = check.ServerFiles{DB: filepath.Join(state, "server.db"), Log: filepath.Join(state, "server.log"), Build: filepath.Join(state, "build")}
	}
	return check.Run(ctx, course, step, fsys, opts)
}

func writeFiles(dir string, files map[string]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// failureText renders why a step that should pass did not, the way a
// learner would see it.
func failureText(headline string, r check.StepResult) string {
	if r.Passed() {
		return ""
	}
	var b strings.Builder
	b.WriteString(headline + ":\n")
	if r.Status == check.Error {
		b.WriteString("the step could not run: " + r.Message + "\n")
		if r.Seed != nil && r.Seed.Where() != "" {
			b.WriteString(r.Seed.Where() + "\n") // for the course's author
		}
	}
	for _, c := range r.Checks {
		if c.Status != check.Pass {
			fmt.Fprintf(&b, "✗ %s\n%s\n", c.Title, textfmt.Indent(c.Message, "    "))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// hasCheck reports whether a step has a check of kind ("http", "sh").
func hasCheck(step *lessons.Step, kind string) bool {
	return slices.ContainsFunc(step.Checks, func(c *lessons.Check) bool { return c.Kind == kind })
}

// diagnosed checks a mistake proof that holds against the course's
// fingerprints, when it has current ones: check must name the mistake when
// a learner's files make the same result. A mistake whose result differs
// from the one written is a proof that fails: the fingerprints were made
// from another course (write them again), or the step's result changes
// from run to run, and then check cannot name it.
func diagnosed(step *lessons.Step, m *lessons.FileBlock, lang string, p Proof) Proof {
	if !p.OK || len(step.Prints) == 0 {
		return p
	}
	if slices.ContainsFunc(step.Diagnose(p.Fingerprint, lang), func(d lessons.MistakePrint) bool { return d.ID == m.ID }) {
		return p
	}
	p.OK = false
	p.Message = fmt.Sprintf("with the mistake at %s:%d in place, check would not name it: what the checks say is not what %s "+
		"holds for it; run lessons test with --course on the course's folder to write it again, and if this stays, "+
		"the step's result changes from run to run", step.Lesson.File, m.Line, lessons.PrintsFile)
	return p
}

// Prints are the fingerprints of the mistakes of every lesson whose every
// step proofs prove, in each of the course's languages, with every mistake
// proof holding; other lessons keep the prints of old (what PrintsFile held).
func Prints(course *lessons.Course, proofs []StepProof, old lessons.Prints) lessons.Prints {
	langs := course.LanguageNames()
	kept := map[string]lessons.LessonPrints{}
	for _, lp := range old.Lessons {
		kept[lp.Lesson] = lp
	}
	var out lessons.Prints
	for _, l := range course.Lessons {
		lp, ok := lessonPrints(course, l, langs, proofs)
		if !ok {
			lp, ok = kept[l.ID]
		}
		if ok && len(lp.Steps) > 0 {
			out.Lessons = append(out.Lessons, lp)
		}
	}
	return out
}

// lessonPrints are the prints of one lesson's mistakes, when proofs prove
// all of its steps in every language they are proved in.
func lessonPrints(course *lessons.Course, l *lessons.Lesson, langs []string, proofs []StepProof) (lessons.LessonPrints, bool) {
	lp := lessons.LessonPrints{Lesson: l.ID, Inputs: l.Inputs}
	for _, s := range l.Steps {
		for _, lang := range stepLangs(course, s, langs) {
			i := slices.IndexFunc(proofs, func(p StepProof) bool { return p.Step == s && p.Lang == lang })
			if i < 0 || !proofs[i].OK() {
				return lp, false
			}
			sp := lessons.StepPrints{Step: s.FullID(), Lang: lang}
			for _, pr := range proofs[i].Proofs {
				if pr.Kind == ProofMistake && pr.Fingerprint != "" {
					sp.Mistakes = append(sp.Mistakes, lessons.MistakePrint{ID: pr.Mistake, Why: pr.Why, Fingerprint: pr.Fingerprint})
				}
			}
			if len(sp.Mistakes) > 0 {
				lp.Steps = append(lp.Steps, sp)
			}
		}
	}
	return lp, true
}
