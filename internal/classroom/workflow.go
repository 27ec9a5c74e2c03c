// Package classroom writes the GitHub Actions workflow that checks a
// student's repository on every push and reports each step's points to
// GitHub Classroom through its autograding actions.
package classroom

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"text/template"

	"github.com/sandcastle/sandcastle/lessons"
)

// Module is the module `go install` installs sandcastle from.
const Module = "github.com/sandcastle/sandcastle"

// Options say how the workflow installs sandcastle.
type Options struct {
	// Version is the sandcastle to install: a commit, a tag or a
	// pseudo-version of Module, pinned so that every student's run checks
	// with the same one.
	Version string
}

// Test is one step of the course as GitHub Classroom grades it.
type Test struct {
	ID, Name, Step string
	Points         int
	// Timeout is in minutes: a server step may build a Go server first.
	Timeout int
}

// Tests are the course's steps as GitHub Classroom tests, in course order.
func Tests(c *lessons.Course) []Test {
	var tests []Test
	for i, s := range c.Steps() {
		timeout := 2
		if s.Serves() {
			timeout = 10
		}
		tests = append(tests, Test{
			ID:      fmt.Sprintf("step-%d", i+1),
			Name:    fmt.Sprintf("%d. %s (%s)", i+1, oneLine(s.Title), s.FullID()),
			Step:    s.FullID(),
			Points:  s.Points,
			Timeout: timeout,
		})
	}
	return tests
}

// oneLine is a title on one line, without "${{", which GitHub would
// evaluate as an expression in a step's name.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "${{", "{{")
}

// Workflow is the workflow file for c, as .github/workflows/classroom.yml
// of the assignment's template repository holds it.
func Workflow(c *lessons.Course, opts Options) ([]byte, error) {
	var b bytes.Buffer
	err := workflow.Execute(&b, map[string]any{
		"Course": c, "Version": opts.Version, "Module": Module, "Tests": Tests(c),
		"Runners": runners(Tests(c)),
	})
	return b.Bytes(), err
}

func runners(tests []Test) string {
	ids := make([]string, len(tests))
	for i, t := range tests {
		ids[i] = t.ID
	}
	return strings.Join(ids, ",")
}

var workflow = template.Must(template.New("workflow").Funcs(template.FuncMap{
	"q":     strconv.Quote,
	"upper": strings.ToUpper,
}).Parse(`# GitHub Classroom autograding for {{.Course.Title}} ({{.Course.ID}}), written by
# sandcastle lessons workflow. One test per step of the course, worth its points.
# This is feedback for the student: their repository can change it. Final grades
# come from sandcastle grade with your full course.
name: Autograding Tests
on: [push, repository_dispatch, workflow_dispatch]
permissions:
  checks: write
  actions: read
  contents: read
env:
  SANDCASTLE_VERSION: {{q .Version}}
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Set up Go
        uses: actions/setup-go@v5
        with:
          go-version: "1.26"
          cache: false
      - name: Cache sandcastle and Go builds
        uses: actions/cache@v4
        with:
          path: |
            ~/go/bin/sandcastle
            ~/go/pkg/mod
            ~/.cache/go-build
          key: sandcastle-${{"{{"}} runner.os {{"}}"}}-${{"{{"}} env.SANDCASTLE_VERSION {{"}}"}}
      - name: Install sandcastle
        run: |
          export PATH="$PATH:$(go env GOPATH)/bin"
          command -v sandcastle >/dev/null || go install {{.Module}}@"$SANDCASTLE_VERSION"
          echo "$(go env GOPATH)/bin" >> "${GITHUB_PATH:-/dev/null}"
          sandcastle --version
      - name: Trust the course
        run: sandcastle trust
{{- range .Tests}}
      - name: {{q .Name}}
        id: {{.ID}}
        uses: classroom-resources/autograding-command-grader@v1
        with:
          test-name: {{q .Name}}
          command: {{q (printf "sandcastle check %s" .Step)}}
          timeout: {{.Timeout}}
          max-score: {{.Points}}
{{- end}}
      - name: Autograding Reporter
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
{{- range .Tests}}
          {{upper .ID}}_RESULTS: "${{"{{"}} steps.{{.ID}}.outputs.result {{"}}"}}"
{{- end}}
        with:
          runners: {{.Runners}}
`))
