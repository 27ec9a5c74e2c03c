package grade

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/internal/termtext"
)

// JUnit XML, as CI systems read it: one test suite per workspace, one test
// case per step.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Time       string           `xml:"time,attr"`
	Cases      []junitCase      `xml:"testcase"`
	// Error is the workspace's own error, when it could not be graded.
	SystemErr string `xml:"system-err,omitempty"`
}

type junitCase struct {
	Class      string           `xml:"classname,attr"`
	Name       string           `xml:"name,attr"`
	Time       string           `xml:"time,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Failure    *junitProblem    `xml:"failure,omitempty"`
	Error      *junitProblem    `xml:"error,omitempty"`
}

// junitProperties carry points: what a step earned of what it is worth, and
// a workspace's totals.
type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

func pointsProperties(points, most int) *junitProperties {
	return &junitProperties{Property: []junitProperty{
		{Name: "points", Value: fmt.Sprint(points)},
		{Name: "max_points", Value: fmt.Sprint(most)},
	}}
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the grades as JUnit XML. Its text is made printable: a
// report is read in a terminal too, and XML carries C1 and bidi controls
// as they are (and cannot carry most C0 controls at all).
func WriteJUnit(w io.Writer, course string, grades []Workspace) error {
	doc := junitSuites{Name: termtext.Printable(course)}
	for _, g := range grades {
		s := junitSuite{Name: termtext.Printable(g.Path), Time: seconds(g.Duration.Seconds()), SystemErr: termtext.Printable(g.Error),
			Properties: pointsProperties(g.Points, g.MaxPoints)}
		if g.Error != "" {
			s.Errors++
		}
		for _, r := range g.Steps {
			id := termtext.Printable(r.ID)
			c := junitCase{Class: strings.SplitN(id, "/", 2)[0], Name: id, Time: seconds(r.Duration.Seconds()),
				Properties: pointsProperties(r.Points, r.MaxPoints)}
			switch {
			case r.NotAttempted:
				// Work not done yet is a failure, not an error of the
				// grader's: the student's files are as the course gave them.
				c.Failure = &junitProblem{Message: "not attempted", Text: "not attempted: the files this step asks for are missing or as the course gave them"}
				s.Failures++
			case r.Status == check.Error:
				msg := termtext.Printable(r.Message)
				c.Error = &junitProblem{Message: firstLine(msg), Text: msg}
				s.Errors++
			case r.Status == check.Fail:
				c.Failure = &junitProblem{Message: fmt.Sprintf("%d of %d checks failed", r.Failed(), len(r.Checks)), Text: failures(r.StepResult)}
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// failures is the text of a step's failed checks.
func failures(r check.StepResult) string {
	var b strings.Builder
	for _, c := range r.Checks {
		if c.Status != check.Pass {
			fmt.Fprintf(&b, "✗ %s\n%s\n\n", termtext.Printable(c.Title), termtext.Printable(c.Message))
		}
	}
	return strings.TrimSpace(b.String())
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }
