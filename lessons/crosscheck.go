package lessons

import (
	"fmt"
	"slices"
	"strings"
)

// checkCourse numbers the course's steps and checks what spans lessons:
// lesson ids, the query flag, solutions for starters and mistakes, run=
// targets and HTTP checks without languages.
func checkCourse(c *Course) Problems {
	var probs Problems
	add := func(s *Step, line int, warning bool, format string, args ...any) {
		probs = append(probs, Problem{File: s.Lesson.File, Line: line, Message: fmt.Sprintf(format, args...), Warning: warning})
	}
	ids := map[string]*Lesson{}
	for _, l := range c.Lessons {
		if prev, dup := ids[l.ID]; dup && l.ID != "" {
			probs = append(probs, Problem{File: l.File, Line: l.Line, Message: fmt.Sprintf("lesson id %q is already used by %s; give this lesson another id", l.ID, prev.File)})
		} else {
			ids[l.ID] = l
		}
	}
	c.steps = nil
	for _, l := range c.Lessons {
		for _, s := range l.Steps {
			s.Index = len(c.steps)
			c.steps = append(c.steps, s)
		}
	}
	nameMistakes(c)
	first := inheritQuery(c.steps, add)
	checkSolutions(c, add)
	resolveEdits(c, add)
	checkRuns(c, first, add)
	for _, l := range c.Lessons {
		mds := []Markdown{l.Intro}
		for _, s := range l.Steps {
			mds = append(mds, s.Prose)
		}
		for _, md := range mds {
			for line, lang := range md.ProseLangs() {
				if !c.HasLanguage(lang) {
					probs = append(probs, Problem{File: l.File, Line: line, Message: fmt.Sprintf(
						"a prose block is for the learners of one of the course's languages (%s); %q is not one", strings.Join(c.LanguageNames(), ", "), lang)})
				}
			}
		}
	}
	for _, s := range c.steps {
		server := slices.ContainsFunc(s.Checks, func(ch *Check) bool { return (ch.Kind == "http" || ch.Kind == "load") && ch.Start == nil })
		for _, ch := range s.Checks {
			if (ch.Kind == "http" || ch.Kind == "load") && len(c.Languages) == 0 {
				add(s, ch.Line, false, "%s check needs the learner's server: add languages: to course.yaml with the run: command of each language",
					map[string]string{"http": "an http", "load": "a load"}[ch.Kind])
			}
			if ch.Kind == "log" && !server {
				add(s, ch.Line, false, "a log check reads what the learner's server printed while the step's http checks ran: the step needs an http check without unset= or env=")
			}
		}
	}
	return probs
}

// reportFunc adds a problem at a line of a step's lesson file.
type reportFunc func(s *Step, line int, warning bool, format string, args ...any)

// declaration is the first block that names a path, and its step.
type declaration struct {
	block *FileBlock
	step  *Step
}

// inheritQuery gives every block of a path the query flag of the first block
// that names it, and returns those first blocks by path.
func inheritQuery(steps []*Step, add reportFunc) map[string]declaration {
	first := map[string]declaration{}
	for _, s := range steps {
		for _, f := range s.Files {
			d, ok := first[f.Path]
			if !ok {
				first[f.Path] = declaration{f, s}
				continue
			}
			if f.Query && !d.block.Query {
				add(s, f.Line, true, "query on %s has no effect here; put it on the first block that names the file, at %s:%d", f.Path, d.step.Lesson.File, d.block.Line)
			}
			f.Query = d.block.Query
		}
	}
	return first
}

// workspaceLangs returns the languages a workspace of the course can have;
// "" stands for the only one of a course without languages.
func workspaceLangs(c *Course) []string {
	if len(c.Languages) == 0 {
		return []string{""}
	}
	return c.LanguageNames()
}

// checkSolutions reports starters without a solution in their step or a
// later one, and mistakes without a solution in their step.
func checkSolutions(c *Course, add reportFunc) {
	if c.Build.Student() {
		return // the instructor kept the solutions
	}
	for i, s := range c.steps {
		for _, f := range s.Files {
			switch f.Kind {
			case Starter:
				if missing := missingSolutions(c, f, c.steps[i:]); len(missing) > 0 {
					add(s, f.Line, false, "%s has no solution%s in this step or a later one; add a ```%s``` block",
						attrValue("file", f.Path), forLangs(c, f, missing), infoString(f.Lang, "solution", attrValue("file", f.Path)))
				}
			case Mistake:
				if missing := missingSolutions(c, f, c.steps[i:i+1]); len(missing) > 0 {
					add(s, f.Line, false, "mistake for %s needs a solution of %s in the same step", f.Path, f.Path)
				}
			}
		}
	}
}

// missingSolutions returns the workspace languages f applies to that no
// solution of f's path in steps applies to.
func missingSolutions(c *Course, f *FileBlock, steps []*Step) []string {
	var missing []string
	for _, w := range workspaceLangs(c) {
		if !c.AppliesTo(f.Lang, w) {
			continue
		}
		found := false
		for _, s := range steps {
			for _, g := range s.Files {
				found = found || g.Kind == Solution && g.Path == f.Path && c.AppliesTo(g.Lang, w)
			}
		}
		if !found {
			missing = append(missing, w)
		}
	}
	return missing
}

// forLangs names the missing languages when f applies to more than those.
func forLangs(c *Course, f *FileBlock, missing []string) string {
	applies := 0
	for _, w := range workspaceLangs(c) {
		if c.AppliesTo(f.Lang, w) {
			applies++
		}
	}
	if len(missing) == applies {
		return ""
	}
	return " for " + wordList(missing, "or")
}

// infoString joins the words of an info string, leaving out empty ones.
func infoString(words ...string) string {
	var kept []string
	for _, w := range words {
		if w != "" {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// checkRuns reports run= attributes that name no declared .sql file, or a
// file that is applied rather than run.
func checkRuns(c *Course, first map[string]declaration, add reportFunc) {
	for _, s := range c.steps {
		for _, ch := range s.Checks {
			if ch.Kind != "sql" || ch.Run == "" {
				continue
			}
			d, declared := first[ch.Run]
			switch {
			case !isSQLFile(ch.Run):
				add(s, ch.Line, false, "%s is not a .sql file; a check can only run the learner's SQL", attrValue("run", ch.Run))
			case !declared || d.step.Index > s.Index:
				add(s, ch.Line, false, "%s names a file that is not declared in this step or an earlier one; declare it with a ```sql file=%s query``` block", attrValue("run", ch.Run), ch.Run)
			case !d.block.Query:
				add(s, ch.Line, true, "%s names a file without the query flag: it is applied, not run; add the query flag to its first block, at %s:%d", attrValue("run", ch.Run), d.step.Lesson.File, d.block.Line)
			}
		}
	}
}
