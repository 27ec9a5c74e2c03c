// Package lessons holds sandcastle's course format, version 1: the types of a
// course, the parser that reads one from a folder or from the embedded
// built-in course, and the linter that reports an author's mistakes as
// FILE:LINE problems.
//
// The package imports nothing else of the project.
package lessons

import (
	"fmt"
	"io/fs"
	"strings"
)

// FormatVersion is the newest value of course.yaml's format key this
// release reads; it reads every format from 1 to it.
const FormatVersion = 2

// Course is a parsed course: its metadata and its lessons in learning order.
type Course struct {
	Format int
	// Release is course.yaml's version (format 2), any text, or "".
	Release     string
	ID          string
	Title       string
	Description string
	// Languages are the server languages the course declares, in the order of course.yaml.
	Languages []Language
	Lessons   []*Lesson
	// Source names where the course came from: "builtin:ID" or a folder path.
	Source string
	// Origin is, for a course fetched from git, its repository's URL and
	// commit (URL@COMMIT); Source is then the folder it was fetched into.
	// It is "" for a course from a folder or the built-in course.
	Origin string
	// Trusted is true for the built-in course only, which is always
	// trusted; a course from elsewhere is trusted by the learner, for its
	// location and Hash, outside the course (internal/trust).
	Trusted bool
	// Hash identifies the course's content: "sha256:" and the hex SHA-256
	// of course.yaml and each lesson file, with their names, as parsed.
	// It is empty for the built-in course.
	Hash string
	// NoCatchUp is course.yaml's catch_up: false: a learner who opens a step
	// ahead is not offered the course's answers for the steps before it
	// (a graded class, say).
	NoCatchUp bool

	steps []*Step
	// Renamed maps the old full id of a step to its new one (course.yaml's
	// renamed, format 2): a workspace's progress moves with it.
	Renamed      map[string]string
	renamedLines map[string]int
	// Build is the stamp of a student build (course.yaml's build), or nil
	// for a full course.
	Build *Build
	// points are course.yaml's points entries, applied to the steps once
	// the lessons are read (applyPoints).
	points []pointsEntry
}

// Language is one entry of course.yaml's languages: how the learner's server starts.
type Language struct {
	Name string
	Run  string
}

// Lesson is one Markdown file of a course.
type Lesson struct {
	ID      string
	Title   string
	Summary string
	// File is the lesson's file name relative to the course folder.
	File string
	// Intro is the prose before the first step.
	Intro Markdown
	// Setup and Seed are the setup and seed blocks written in the introduction.
	Setup []*SQLBlock
	Seed  []*SQLBlock
	Steps []*Step
	// Line is the line of the lesson's front matter.
	Line int
	// Inputs is the hash of course.yaml's checked settings (the format and
	// the languages) and the lesson files up to this one: what the
	// fingerprints of its mistakes are made from.
	Inputs string
}

// Step is one level-2 section of a lesson: prose, the learner's files and checks.
type Step struct {
	// ID is the step's id inside its lesson; FullID adds the lesson's.
	ID     string
	Title  string
	Lesson *Lesson
	// Index is the step's position in the whole course, from 0.
	Index int
	// Prose is the step's text.
	Prose Markdown
	// Files are the step's file=, solution and mistake blocks in the order written.
	Files  []*FileBlock
	Setup  []*SQLBlock
	Seed   []*SQLBlock
	Checks []*Check
	Hints  []*Hint
	// Equivalents are the mutants of the step's solutions that its author
	// declared right too (format 2's mutant blocks).
	Equivalents []*Equivalent
	// Prints are the fingerprints of the step's mistakes, read from the
	// course's PrintsFile when they are current; nil without them.
	Prints []MistakePrint
	// Line is the line of the step's heading.
	Line int
	// Points is what passing the step is worth in a grade: course.yaml's
	// points for the step or its lesson (format 2), else DefaultPoints.
	Points int
}

// DefaultPoints is what a step is worth when course.yaml gives it no points.
const DefaultPoints = 1

// Equivalent is a mutant of a solution that is as right as the solution,
// so that no check can or should tell them apart (format 2):
//
//	```sql mutant file=queries/board.sql "GROUP BY already orders by name"
//	GROUP BY p.name;
//	```
type Equivalent struct {
	// Lang is the block's language; Path the learner file the mutant changes.
	Lang, Path string
	// Changed is the changed line as `lessons test --mutants` shows it.
	Changed string
	Why     string
	Line    int
}

// FullID is the id every command and report uses: LESSON-ID/STEP-ID.
func (s *Step) FullID() string { return s.Lesson.ID + "/" + s.ID }

// FileKind says which of a learner file's versions a block holds.
type FileKind int

// The three versions of a learner's file a lesson can hold.
const (
	Starter FileKind = iota
	Solution
	Mistake
)

func (k FileKind) String() string {
	switch k {
	case Solution:
		return "solution"
	case Mistake:
		return "mistake"
	}
	return "starter"
}

// FileBlock is a version of a learner's file: `LANG file=PATH`, `LANG solution
// file=PATH` or `LANG mistake file=PATH "WHY"`.
type FileBlock struct {
	Kind FileKind
	Lang string
	Path string
	// Query is the block's own query flag; Course.Declared resolves it per path.
	Query bool
	// Why names the mistake (mistake blocks only).
	Why string
	// Content is the whole file. For a block with the edit flag it is the
	// edit applied to its base, resolved when the course is loaded.
	Content string
	Line    int
	// Edit is the block's edit as written (format 2's edit flag), or nil
	// for a whole file.
	Edit *Edit
	// Error is format 2's error flag of a mistake: the step cannot run
	// with it, and that is the lesson.
	Error bool
	// ID names a mistake in its step: the slug of its WHY, the same for
	// the Go and the Python mistake of one WHY (see Step.Diagnose).
	ID string
	// Says is format 2's says= of a mistake: what the learner whose answer
	// looks like it reads after its WHY, when the fix needs more than a name.
	Says string
	// Likeness is set on a mistake of a student build, which has no
	// content: what check needs to name it (see Build).
	Likeness *Likeness
}

// SQLBlock is an instructor's setup or seed block.
type SQLBlock struct {
	Body string
	Line int
}

// Check is a sql, http, sh or log check with its expectation.
type Check struct {
	// Kind is the block's language word: "sql", "http", "sh" or "log".
	Kind  string
	Title string
	// Run and Args are the run= and args= attributes of a sql check.
	Run  string
	Args string
	// Stops is the stops= of a sql check (format 2): the text of the error
	// its run= file must stop at; the body then runs where it stopped.
	Stops string
	Body  string
	Line  int
	// Expect is the expect block that follows the check.
	Expect Expect
	// Request is the body of an http check, parsed; Params the values that
	// Args binds. Each is nil when there is none or it could not be
	// parsed (lint says why).
	Request *Request
	Params  map[string]any
	// Start is set for an http check with unset= or env=: it runs on a start
	// of the server of its own, with its environment changed.
	Start *Start
	// Load is set for a load check (format 2): its request is sent N times.
	Load *LoadSpec
}

// Expect is what a check must produce.
type Expect struct {
	// Mode is "" (ordered rows), "unordered", "contains" or "error" for SQL checks.
	Mode string
	Body string
	Line int
	// The body parsed, by the kind of its check: the table of a sql check
	// (not in mode error), the response of an http check, the exit of an
	// sh check. Nil when it could not be parsed (lint says why).
	Table    *Table
	Response *Response
	Exit     *Exit
	// Text is the text the server's output must show, for a log check.
	Text string
	// Load is what a load check expects of the whole run.
	Load *LoadExpect
}

// Hint is one hint of a step; hints are revealed in the order written.
type Hint struct {
	Lang string
	Body string
	Line int
}

// Steps returns every step of the course in learning order.
func (c *Course) Steps() []*Step {
	if c.steps == nil {
		for _, l := range c.Lessons {
			c.steps = append(c.steps, l.Steps...)
		}
	}
	return c.steps
}

// HasLanguage reports whether the course declares the server language name.
func (c *Course) HasLanguage(name string) bool {
	for _, l := range c.Languages {
		if l.Name == name {
			return true
		}
	}
	return false
}

// LanguageNames returns the names of the course's languages in course order.
func (c *Course) LanguageNames() []string {
	names := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		names[i] = l.Name
	}
	return names
}

// AppliesTo reports whether a block written in LANG applies to a workspace of
// language lang: blocks in one of the course's languages apply only to
// workspaces of that language, every other block to all.
func (c *Course) AppliesTo(blockLang, lang string) bool {
	if !c.HasLanguage(blockLang) {
		return true
	}
	return blockLang == lang
}

// Step finds a step by its full id (LESSON-ID/STEP-ID).
func (c *Course) Step(fullID string) (*Step, bool) {
	for _, s := range c.Steps() {
		if s.FullID() == fullID {
			return s, true
		}
	}
	return nil, false
}

// Lesson finds a lesson by its id.
func (c *Course) Lesson(id string) (*Lesson, bool) {
	for _, l := range c.Lessons {
		if l.ID == id {
			return l, true
		}
	}
	return nil, false
}

// DeclaredFile is a learner file as known at some step of the course.
type DeclaredFile struct {
	Path string
	// Query files are run by checks with run=; the others are applied to the sandbox.
	Query bool
	// Step is the step whose block first names the path.
	Step *Step
}

// Declared returns the learner files that apply to a workspace of language
// lang at step upto (inclusive), in the order they were first declared.
func (c *Course) Declared(upto *Step, lang string) []DeclaredFile {
	var files []DeclaredFile
	seen := map[string]bool{}
	for _, s := range c.Steps() {
		if s.Index > upto.Index {
			break
		}
		for _, f := range s.Files {
			if seen[f.Path] || !c.AppliesTo(f.Lang, lang) {
				continue
			}
			seen[f.Path] = true
			files = append(files, DeclaredFile{Path: f.Path, Query: f.Query, Step: s})
		}
	}
	return files
}

// StepFile returns the last starter and the last solution block of path
// that step s has for a workspace of language lang; each is nil when the
// step has none.
func (c *Course) StepFile(s *Step, path, lang string) (starter, solution *FileBlock) {
	for _, f := range s.Files {
		if f.Path != path || !c.AppliesTo(f.Lang, lang) {
			continue
		}
		switch f.Kind {
		case Starter:
			starter = f
		case Solution:
			solution = f
		}
	}
	return starter, solution
}

// Attempted reports whether the learner changed any file the step's
// solutions write, in files: a step whose every such file is missing, or as
// it was before the step (its starter, or the course's file at the end of
// the step before), was not attempted. A step whose solutions write no file
// counts as attempted: nothing tells.
func (c *Course) Attempted(step *Step, lang string, files fs.FS) bool {
	written := 0
	for _, f := range step.Files {
		if f.Kind != Solution || !c.AppliesTo(f.Lang, lang) {
			continue
		}
		written++
		data, err := fs.ReadFile(files, f.Path)
		if err != nil {
			continue // missing, or not copied: not written by the learner
		}
		before, ok := c.BeforeStep(step, lang, f.Path)
		if !ok || strings.TrimSpace(string(data)) != strings.TrimSpace(before) {
			return true
		}
	}
	return written == 0
}

// BeforeStep is the content of path that a learner of lang starts step
// with: the step's own starter of it, else the course's version at the end
// of the step before. ok is false when the course gives none.
func (c *Course) BeforeStep(step *Step, lang, path string) (string, bool) {
	if starter, _ := c.StepFile(step, path, lang); starter != nil {
		return starter.Content, true
	}
	if step.Index == 0 {
		return "", false
	}
	return c.FileAt(path, lang, c.Steps()[step.Index-1])
}

// FileAt is the course's version of path at the end of step, in a workspace
// of language lang: the file as the last step up to it that writes it
// leaves it (its solution, else its starter, for a file it gives as it is).
// ok is false when no step up to it writes path.
func (c *Course) FileAt(path, lang string, step *Step) (content string, ok bool) {
	for _, s := range c.Steps()[:step.Index+1] {
		switch starter, solution := c.StepFile(s, path, lang); {
		case solution != nil:
			content, ok = solution.Content, true
		case starter != nil:
			content, ok = starter.Content, true
		}
	}
	return content, ok
}

// Version returns the content of path for a workspace of language lang at
// step upto: the last block of kind at or before upto, or, when want is
// Solution and no solution exists yet, the last starter. ok is false when no
// such block exists.
func (c *Course) Version(path, lang string, upto *Step, want FileKind) (content string, ok bool) {
	var starter, solution string
	var hasStarter, hasSolution bool
	for _, s := range c.Steps() {
		if s.Index > upto.Index {
			break
		}
		for _, f := range s.Files {
			if f.Path != path || !c.AppliesTo(f.Lang, lang) {
				continue
			}
			switch f.Kind {
			case Starter:
				starter, hasStarter = f.Content, true
			case Solution:
				solution, hasSolution = f.Content, true
			}
		}
	}
	if want == Solution && hasSolution {
		return solution, true
	}
	return starter, hasStarter
}

// Problem is one mistake found in a course, reported as FILE:LINE: message.
type Problem struct {
	// File is relative to the course folder.
	File    string
	Line    int
	Message string
	// Warning problems do not make a course unusable.
	Warning bool
}

func (p Problem) String() string {
	msg := p.Message
	if p.Warning {
		msg = "warning: " + msg
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, msg)
	}
	return fmt.Sprintf("%s: %s", p.File, msg)
}

// Problems is a list of problems found in a course.
type Problems []Problem

// Errors returns the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var errs Problems
	for _, p := range ps {
		if !p.Warning {
			errs = append(errs, p)
		}
	}
	return errs
}

// Error makes a list of problems usable as an error: the first few, one per line.
func (ps Problems) Error() string {
	const shown = 5
	var b strings.Builder
	for i, p := range ps {
		if i == shown {
			fmt.Fprintf(&b, "\n... and %d more", len(ps)-shown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}
