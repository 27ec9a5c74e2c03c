package cmd

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/codelint"
	"github.com/sandcastle/sandcastle/internal/prove"
	"github.com/sandcastle/sandcastle/lessons"
)

type lessonsTestOptions struct {
	course  courseFlag
	lang    string
	run     string
	json    bool
	mutants bool
}

func newLessonsTestCmd(a *app) *cobra.Command {
	opts := &lessonsTestOptions{}
	c := &cobra.Command{
		Use:   "test",
		Short: "Prove that every step of a course works",
		Long: `Prove every step of a course, in each of its server languages:
  - with the solutions of the step and every earlier step, every check passes;
  - with the earlier solutions and the step's starters, at least one check fails;
  - with each mistake of the step in place of its file, at least one check fails
    (a step that cannot run with it does not count, unless the mistake has the
    flag error: then the step must not run).
A failure shows the checks the way a learner would see them; --json names the
check that caught each mistake. Exit code 1 when a proof fails.

For a course folder, it writes what each mistake makes the checks say to
fingerprints.txt beside course.yaml (for the lessons it proved whole), so that
check can tell a learner which known mistake their answer looks like; when the
file is current, a mistake check would not name fails its proof.

It also reads each Go and Python solution as code, as gofmt -l and python3 -m
py_compile would (mistakes are wrong on purpose: never read), and prints what it
finds as a warning at the lesson's FILE:LINE. Warnings leave the exit code alone.

With --mutants it tests the checks instead: for each step, it changes the lines
the step's solutions write in the small ways people get things wrong (ASC for
DESC, > for >=, a status code to its neighbour, a deleted line, a dropped return
or JSON key...), each change alone, and runs the step's checks with it. A mutant
that passes every check is a wrong answer a learner would get a pass for: it is
printed as FILE:LINE: mutant survives: <the changed line>, and the exit code is
1. Mutants with which the step cannot run are counted apart.`,
		Example: `  sandcastle lessons test
  sandcastle lessons test --course ./my-course --lang python
  sandcastle lessons test --run 'a-home-for-scores/' --json
  sandcastle lessons test --mutants --run '^hello-backend/'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLessonsTest(cmd.Context(), a, opts)
		},
	}
	opts.course.register(c)
	c.Flags().StringVar(&opts.lang, "lang", "", "prove only this server language (default: every language)")
	c.Flags().StringVar(&opts.run, "run", "", "prove only the steps whose id matches this regular expression")
	c.Flags().BoolVar(&opts.json, "json", false, "print the results as JSON")
	c.Flags().BoolVar(&opts.mutants, "mutants", false, "test the checks with mutants of the solutions, instead of the proofs")
	return c
}

type lessonsTestJSON struct {
	Course string            `json:"course"`
	OK     bool              `json:"ok"`
	Steps  []prove.StepProof `json:"steps"`
	// Warnings are the solutions' problems as code; they leave ok alone.
	Warnings []codelint.Warning `json:"warnings"`
	Seconds  float64            `json:"seconds"`
}

func runLessonsTest(ctx context.Context, a *app, opts *lessonsTestOptions) error {
	course, err := opts.course.load(a)
	if err != nil {
		return err
	}
	if course.Build.Student() {
		return usageError{fmt.Errorf("this is a student build of %s, without its solutions: test the full course it was built from", course.Build.Course)}
	}
	langs := course.LanguageNames()
	if opts.lang != "" {
		if !course.HasLanguage(opts.lang) {
			return usageError{fmt.Errorf("--lang %s: the course's languages are %v", opts.lang, langs)}
		}
		langs = []string{opts.lang}
	}
	keep, err := stepFilter(opts.run)
	if err != nil {
		return err
	}
	if err := unmatched(course, keep, opts.run, opts.course.list()); err != nil {
		return err
	}
	start := time.Now()
	if opts.mutants {
		return runMutants(ctx, a, opts, course, langs, keep, start)
	}
	// Reading the solutions as code takes a Python start: hidden behind the proofs.
	read := make(chan []codelint.Warning, 1)
	go func() { read <- codelint.Check(ctx, course, langs, keep) }()
	proofs := prove.Prove(ctx, course, langs, keep, check.Options{})
	warnings := <-read
	if ctx.Err() != nil {
		return ctx.Err()
	}
	ok := !slices.ContainsFunc(proofs, func(p prove.StepProof) bool { return !p.OK() })
	writePrints(a, course, proofs)
	if opts.json {
		if err := writeJSON(a.io, lessonsTestJSON{Course: course.ID, OK: ok, Steps: proofs,
			Warnings: append([]codelint.Warning{}, warnings...), Seconds: time.Since(start).Seconds()}); err != nil {
			return err
		}
	} else {
		printProofs(a.io, course, proofs, warnings, time.Since(start))
	}
	if !ok {
		return errFailed
	}
	return nil
}

func printProofs(io *Streams, course *lessons.Course, proofs []prove.StepProof, warnings []codelint.Warning, total time.Duration) {
	failed := 0
	for _, l := range course.Lessons {
		var mine []prove.StepProof
		var took time.Duration
		for _, p := range proofs {
			if p.Step.Lesson == l {
				mine = append(mine, p)
				took += p.Duration
			}
		}
		if len(mine) == 0 {
			continue
		}
		bad := slices.ContainsFunc(mine, func(p prove.StepProof) bool { return !p.OK() })
		verdict := io.green("ok")
		if bad {
			verdict = io.red("FAIL")
		}
		io.printf("%-4s %-40s %-9s %s\n", verdict, printable(l.ID), plural(stepsOf(mine), "step"), io.dim(took.Round(time.Millisecond).String()))
		for _, p := range mine {
			if !p.OK() {
				failed++
			}
			if !p.OK() || p.Warnings() > 0 {
				printFailedProof(io, p)
			}
		}
	}
	for _, w := range warnings {
		io.printf("%s %s\n", io.yellow("warning:"), printable(w.String()))
	}
	warned := len(warnings)
	for _, p := range proofs {
		if p.Warnings() > 0 {
			warned++
		}
	}
	io.printf("\n%s proved", plural(stepsOf(proofs), "step"))
	if stepsOf(proofs) < len(proofs) {
		io.printf(" (%d runs: a step with a server once in each language)", len(proofs))
	}
	io.printf(" in %s", total.Round(time.Millisecond))
	if failed > 0 {
		io.printf(", %s", io.red(fmt.Sprintf("%d failed", failed)))
	} else {
		io.printf(", all hold")
	}
	if warned > 0 {
		io.printf(", %s", io.yellow(plural(warned, "warning")))
	}
	io.println()
}

// stepsOf counts the steps proofs prove: a step with a server is proved
// once in each of its languages.
func stepsOf(proofs []prove.StepProof) int {
	ids := map[string]bool{}
	for _, p := range proofs {
		ids[p.ID] = true
	}
	return len(ids)
}

func printFailedProof(io *Streams, p prove.StepProof) {
	name := p.ID
	if p.Lang != "" {
		name += " [" + p.Lang + "]"
	}
	mark := io.red("✗")
	if p.OK() {
		mark = io.yellow("!")
	}
	io.printf("  %s %s\n", mark, printable(name))
	for _, pr := range p.Proofs {
		if pr.OK {
			continue
		}
		label := pr.Kind
		if pr.Warning {
			label = "warning: " + label
		}
		if pr.Why != "" {
			label += fmt.Sprintf(" %q", pr.Why)
		}
		io.printf("      %s: %s\n", label, strings.TrimPrefix(indent(pr.Message, "        "), "        "))
	}
}

// writePrints writes the fingerprints of the mistakes of every lesson the
// proofs prove to the course folder's PrintsFile, so that check can name a
// known mistake; lessons they do not prove keep what the file held. The
// built-in course is not a folder: its file is written with --course
// lessons/builtin/score-keeper. Nothing is written when nothing changed.
func writePrints(a *app, course *lessons.Course, proofs []prove.StepProof) {
	if strings.HasPrefix(course.Source, "builtin:") {
		return
	}
	if course.Origin != "" {
		a.io.eprintf("fingerprints.txt not written: %s is a course from git, read from the cache; run lessons test on a clone of it to write them.\n", printable(course.Origin))
		return
	}
	path := filepath.Join(course.Source, lessons.PrintsFile)
	before, _ := os.ReadFile(path)
	old, _ := lessons.UnmarshalPrints(before)
	prints := prove.Prints(course, proofs, old)
	if len(prints.Lessons) == 0 && before == nil {
		return
	}
	data := lessons.MarshalPrints(prints)
	if bytes.Equal(data, before) {
		return
	}
	n := 0
	for _, lp := range prints.Lessons {
		for _, sp := range lp.Steps {
			n += len(sp.Mistakes)
		}
	}
	if err := replaceFile(path, data); err != nil {
		a.io.eprintf("could not write %s (%v): check cannot name the course's mistakes until it is written\n", path, err)
		return
	}
	a.io.eprintf("Wrote %s: the fingerprints of %s, so that check names the mistake a learner's answer looks like.\n",
		printable(path), plural(n, "mistake"))
}
