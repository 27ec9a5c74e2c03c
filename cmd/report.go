package cmd

import (
	"strconv"
	"strings"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
)

// cliWords name the learner's actions on the command line, for the
// verdict's advice; sc is how they run sandcastle (app.command).
func cliWords(sc string) session.Words {
	return session.Words{Check: "run `" + sc + " check`", Hint: "`" + sc + " hint`", Progress: "`" + sc + " status`", CatchUp: catchUpWords(sc), Command: sc}
}

// printVerdict prints the verdict on one step the way a learner reads it.
func printVerdict(io *Streams, v session.Verdict, sc string) {
	io.printf("%s %s\n\n", io.bold(printable(v.Title)), io.dim("("+printable(v.ID)+")"))
	if v.Lead != "" {
		io.printf("  %s\n\n", io.yellow(printable(v.Lead)))
	}
	if v.Status == check.Error {
		io.printf("  %s %s:\n%s\n\n", io.red("!"), v.Headline, indent(v.Message, "    "))
		printAdvice(io, v.Advice)
		return
	}
	printChecks(io, v.Checks, "  ")
	for _, n := range v.Notes {
		io.printf("  %s %s\n", io.yellow("note:"), printable(n))
	}
	io.println()
	if !v.Passed() {
		io.printf("%s. ", v.Tally)
		printAdvice(io, v.Advice)
		return
	}
	io.println(io.green(v.Headline + ": " + v.Praise + "."))
	printOnward(io, v.Onward, sc)
}

// printAdvice prints what to do about a step that did not pass.
func printAdvice(io *Streams, a session.Advice) {
	io.println(printable(a.Do))
	if a.Stuck != "" {
		io.println(io.dim(a.Stuck))
	}
	if a.Behind != "" {
		io.println(io.yellow(a.Behind))
	}
}

// printOnward prints where a passing check leaves the learner.
func printOnward(io *Streams, o session.Onward, sc string) {
	if o.Finished != "" {
		io.printf("\n%s\n", io.paint(styleWon, printable(o.Finished)))
		return
	}
	if o.Next == nil {
		return
	}
	io.println()
	if o.Lead != "" {
		io.println(o.Lead)
	}
	io.printf("Next step: %s %s\n", io.bold(printable(o.Next.Title)), io.dim("("+printable(o.Next.FullID())+")"))
	for _, f := range o.Created {
		io.printf("  created %s\n", printable(f))
	}
	io.println("Read it with `" + sc + " show`.")
}

// printChecks prints each check with its verdict, and what is wrong with
// the ones that failed.
func printChecks(io *Streams, checks []check.CheckResult, prefix string) {
	for _, c := range checks {
		if c.Status == check.Pass {
			io.printf("%s%s %s\n", prefix, io.green("✓"), printable(c.Title))
			if c.Measured != "" {
				io.println(io.dim(indent(c.Measured, prefix+"    ")))
			}
			continue
		}
		io.printf("%s%s %s\n", prefix, io.red("✗"), printable(c.Title))
		io.println(indent(c.Message, prefix+"    "))
	}
}

// printAll prints one line per step, and the failing checks of the steps
// that did not pass.
func printAll(io *Streams, verdicts []session.Verdict) {
	passed, refused := 0, ""
	for _, v := range verdicts {
		switch v.Status {
		case check.Pass:
			passed++
			io.printf("%s %s\n", io.green("✓"), printable(v.ID))
		case check.Error:
			io.printf("%s %s: could not run\n%s\n", io.red("!"), printable(v.ID), indent(v.Message, "    "))
		default:
			io.printf("%s %s: %d of %d checks failed\n", io.red("✗"), printable(v.ID), v.Failed(), len(v.Checks))
			for _, c := range v.Checks {
				if c.Status != check.Pass {
					io.printf("    %s %s: %s\n", io.red("✗"), printable(c.Title), printable(firstLine(c.Message)))
				}
			}
		}
		if v.Refused && refused == "" {
			refused = v.Advice.Do
		}
	}
	io.printf("\n%d of %d steps pass.\n", passed, len(verdicts))
	if refused != "" {
		io.println(refused)
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
