package lessons

import (
	"slices"
	"strconv"
)

// Runs is the code a course runs on the learner's computer, which the
// learner must trust before any of it runs: its server command and the
// code files it writes into the workspace, per language, and its sh checks.
type Runs struct {
	// Servers are the course's languages, for a course with HTTP checks (a
	// step that starts the learner's server); for a course without
	// languages whose sh checks may run its files, one entry with no Lang
	// and no Command lists them.
	Servers []ServerRun
	// Shell are the course's sh checks, in course order.
	Shell []ShellRun
}

// ServerRun is what runs in a workspace of one language.
type ServerRun struct {
	Lang string
	// Command is the language's run command ("" when no step starts the
	// server).
	Command string
	// Files are the paths of the files the course writes for the language
	// (its starters, and the solutions reset puts back) that are not SQL:
	// server code, helpers, go.mod. The server is built from them, with
	// the learner's own.
	Files []string
}

// ShellRun is one sh check: a command run in the workspace.
type ShellRun struct {
	// Step is the full id of its step.
	Step  string
	Title string
	// File and Line are where the check is written: LESSON-FILE:LINE.
	File    string
	Line    int
	Command string
}

// Where is where the check is written: LESSON-FILE:LINE.
func (r ShellRun) Where() string { return r.File + ":" + strconv.Itoa(r.Line) }

// Nothing reports whether the course runs no code at all: no server and
// no sh check, so there is nothing to trust.
func (r Runs) Nothing() bool {
	return len(r.Shell) == 0 && !slices.ContainsFunc(r.Servers, func(s ServerRun) bool { return s.Command != "" })
}

// Runs lists the code the course runs on the learner's computer. `sandcastle
// trust` and the TUI's trust prompt show it before the learner trusts it.
func (c *Course) Runs() Runs {
	var r Runs
	server := false
	for _, step := range c.Steps() {
		for _, ch := range step.Checks {
			switch ch.Kind {
			case "http", "load":
				server = true
			case "sh":
				r.Shell = append(r.Shell, ShellRun{Step: step.FullID(), Title: ch.Title,
					File: step.Lesson.File, Line: ch.Line, Command: ch.Body})
			}
		}
	}
	if !server && len(r.Shell) == 0 {
		return r
	}
	for _, l := range c.Languages {
		run := ServerRun{Lang: l.Name, Files: c.codeFiles(l.Name)}
		if server {
			run.Command = l.Run
		}
		r.Servers = append(r.Servers, run)
	}
	if len(c.Languages) == 0 {
		if files := c.codeFiles(""); len(files) > 0 {
			r.Servers = append(r.Servers, ServerRun{Files: files})
		}
	}
	return r
}

// codeFiles are the paths, in course order, of the files the course writes
// into a workspace of lang (a starter, or a solution that reset puts back;
// never a mistake) that are not SQL.
func (c *Course) codeFiles(lang string) []string {
	var files []string
	for _, step := range c.Steps() {
		for _, f := range step.Files {
			if f.Kind != Mistake && c.AppliesTo(f.Lang, lang) && !isSQLFile(f.Path) && !slices.Contains(files, f.Path) {
				files = append(files, f.Path)
			}
		}
	}
	return files
}
