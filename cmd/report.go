package cmd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

// printStep prints the verdict on one step the way a learner reads it.
func printStep(io *Streams, s *session.Session, step *lessons.Step, out session.Checked) {
	r := out.Results[0]
	io.printf("%s %s\n\n", io.bold(step.Title), io.dim("("+step.FullID()+")"))
	if r.Status == check.Error {
		io.printf("  %s this step could not run:\n%s\n\n", io.red("!"), indent(r.Message, "    "))
		if r.Refused() {
			io.println(untrustedAdvice)
			return
		}
		io.println("Fix that first, then run `sandcastle check` again.")
		printBehind(io, s, step)
		return
	}
	printChecks(io, r, "  ")
	for _, n := range r.Notes {
		io.printf("  %s %s\n", io.yellow("note:"), printable(n))
	}
	io.println()
	if !r.Passed() {
		passed := len(r.Checks) - r.Failed()
		io.printf("%d of %d checks passed. ", passed, len(r.Checks))
		if r.Refused() {
			io.println(untrustedAdvice)
			return
		}
		if files := s.Files(step); len(files) > 0 {
			io.printf("Edit %s, then run `sandcastle check` again.\n", printable(strings.Join(files, ", ")))
		} else {
			io.println("Run `sandcastle check` again when you have changed your files.")
		}
		io.println(io.dim("Stuck? `sandcastle hint` shows the next hint."))
		printBehind(io, s, step)
		return
	}
	if len(r.Checks) == 1 {
		io.println(io.green("Step passed: its check passes."))
	} else {
		io.println(io.green(fmt.Sprintf("Step passed: all %d checks pass.", len(r.Checks))))
	}
	if out.Finished {
		io.printf("\n%s\n", io.paint(styleWon, "You have finished "+s.Course.Title+": every step passes. Well done!"))
		return
	}
	if out.Next == nil {
		return
	}
	io.printf("\nNext step: %s %s\n", io.bold(out.Next.Title), io.dim("("+out.Next.FullID()+")"))
	for _, f := range out.Created {
		io.printf("  created %s\n", printable(f))
	}
	io.println("Read it with `sandcastle show`.")
}

// printBehind says when steps before step have not passed: a learner who
// skipped ahead may be missing what their files make (a table, say).
func printBehind(io *Streams, s *session.Session, step *lessons.Step) {
	if n := s.Behind(step); n > 0 {
		io.println(io.yellow(session.BehindText(n, "`sandcastle status`")))
	}
}

// printChecks prints each check with its verdict, and what is wrong with
// the ones that failed.
func printChecks(io *Streams, r check.StepResult, prefix string) {
	for _, c := range r.Checks {
		if c.Status == check.Pass {
			io.printf("%s%s %s\n", prefix, io.green("✓"), printable(c.Title))
			continue
		}
		io.printf("%s%s %s\n", prefix, io.red("✗"), printable(c.Title))
		io.println(indent(c.Message, prefix+"    "))
	}
}

// printAll prints one line per step, and the failing checks of the steps
// that did not pass.
func printAll(io *Streams, results []check.StepResult) {
	passed := 0
	for _, r := range results {
		switch r.Status {
		case check.Pass:
			passed++
			io.printf("%s %s\n", io.green("✓"), printable(r.ID))
		case check.Error:
			io.printf("%s %s: could not run\n%s\n", io.red("!"), printable(r.ID), indent(r.Message, "    "))
		default:
			io.printf("%s %s: %d of %d checks failed\n", io.red("✗"), printable(r.ID), r.Failed(), len(r.Checks))
			for _, c := range r.Checks {
				if c.Status != check.Pass {
					io.printf("    %s %s: %s\n", io.red("✗"), printable(c.Title), printable(firstLine(c.Message)))
				}
			}
		}
	}
	io.printf("\n%d of %d steps pass.\n", passed, len(results))
	if slices.ContainsFunc(results, check.StepResult.Refused) {
		io.println(untrustedAdvice)
	}
}

// indent prefixes each line of text, shown safely: a learner's data may hold
// control characters.
func indent(text, prefix string) string {
	lines := strings.Split(strings.TrimRight(termtext.Printable(text), "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// firstLine is the gist of a check's message for a one-line summary: its
// first line, and the next one when the first only introduces it
// ("Wrong body:").
func firstLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	first := strings.TrimSpace(lines[0])
	if strings.HasSuffix(first, ":") {
		for _, l := range lines[1:] {
			if l = strings.TrimSpace(l); l != "" {
				return first + " " + l
			}
		}
	}
	return first
}

// plural writes a count with its noun: 1 step, 2 steps.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// untrustedAdvice follows a step refused because the course is not
// trusted (its server did not start, its sh checks did not run), under the
// refusal that says why.
const untrustedAdvice = "None of the course's code ran. Once you trust the course, run `sandcastle check` again."
