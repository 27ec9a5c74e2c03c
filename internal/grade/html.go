package grade

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/lessons"
)

//go:embed report.html.tmpl
var reportHTML string

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"percent": func(n, of int) string {
		if of == 0 {
			return "0"
		}
		return fmt.Sprintf("%.1f", 100*float64(n)/float64(of))
	},
}).Parse(reportHTML))

// htmlReport is what the HTML report shows.
type htmlReport struct {
	Course, Title string
	Steps         []htmlStep
	Students      []htmlStudent
	Passing       int
}

// htmlStep is a column of the grid and a bar chart of its mistakes.
type htmlStep struct {
	ID, Short, Title string
	StepInsight
	Total int
}

// htmlStudent is a row of the grid and a section of failures.
type htmlStudent struct {
	Path, Anchor, Error string
	Cells               []htmlCell
	Failures            []htmlFailure
	Passed, Graded      int
}

// htmlCell is one workspace's result of one step.
type htmlCell struct {
	Status, Label, Tip string
}

// htmlFailure is a step a workspace did not pass, with what it says.
type htmlFailure struct {
	ID, Title, Status, Message string
	Diagnosis                  []string
	Checks                     []check.CheckResult
}

// WriteHTML writes a self-contained HTML report of a class's grades (no
// script, no file or address it loads): a grid of workspaces by steps
// coloured by status, for each step the known mistakes most made, and for
// each workspace the steps it failed, with what their checks said.
func WriteHTML(w io.Writer, course *lessons.Course, grades []Workspace) error {
	r := htmlReport{Course: course.ID, Title: course.Title}
	insight := Insight(course, grades)
	for i, in := range insight {
		step, _ := course.Step(in.ID)
		title := in.ID
		if step != nil {
			title = step.Title
		}
		r.Steps = append(r.Steps, htmlStep{ID: in.ID, Short: fmt.Sprintf("%d", i+1), Title: title, StepInsight: in,
			Total: in.Passed + in.Failed + in.Errors + in.NotAttempted})
	}
	for i, g := range grades {
		s := htmlStudent{Path: printable(g.Path), Anchor: fmt.Sprintf("ws-%d", i+1), Error: printable(g.Error), Passed: g.Passed(), Graded: len(g.Steps)}
		if g.OK() {
			r.Passing++
		}
		for _, st := range r.Steps {
			j := slices.IndexFunc(g.Steps, func(x Step) bool { return x.ID == st.ID })
			if j < 0 {
				s.Cells = append(s.Cells, htmlCell{Status: "none", Label: "·", Tip: st.ID + ": not graded"})
				continue
			}
			res := g.Steps[j].StepResult
			if g.Steps[j].NotAttempted {
				// Not tried yet: no failure to read, and no server to blame.
				s.Cells = append(s.Cells, htmlCell{Status: "untried", Label: "–", Tip: st.ID + ": not attempted"})
				continue
			}
			s.Cells = append(s.Cells, cell(st.ID, res))
			if !res.Passed() {
				s.Failures = append(s.Failures, failure(res))
			}
		}
		r.Students = append(r.Students, s)
	}
	return reportTemplate.Execute(w, r)
}

// cell is how the grid shows one result: its status, a one-letter label
// (so that the grid reads without colour too), and a tooltip.
func cell(id string, r check.StepResult) htmlCell {
	c := htmlCell{Status: string(r.Status), Tip: id + ": " + string(r.Status)}
	switch r.Status {
	case check.Pass:
		c.Label = "✓"
	case check.Fail:
		c.Label = "✗"
	default:
		c.Label = "!"
	}
	for _, d := range r.Diagnosis {
		c.Tip += " — " + printable(d.Why)
	}
	return c
}

func failure(r check.StepResult) htmlFailure {
	f := htmlFailure{ID: r.ID, Title: printable(r.Title), Status: string(r.Status), Message: printable(r.Message)}
	for _, d := range r.Diagnosis {
		f.Diagnosis = append(f.Diagnosis, printable(d.Why))
	}
	for _, c := range r.Checks {
		if c.Status != check.Pass {
			c.Title, c.Message = printable(c.Title), printable(c.Message)
			f.Checks = append(f.Checks, c)
		}
	}
	return f
}

// printable is text from a workspace or a course, safe to show: no
// control characters (html/template escapes the markup).
func printable(s string) string { return strings.TrimSpace(termtext.Printable(s)) }
