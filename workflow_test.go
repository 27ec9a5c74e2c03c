package main

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"go.yaml.in/yaml/v3"
)

// ghWorkflow is what the workflow command reads of a GitHub Actions workflow.
type ghWorkflow struct {
	Env  map[string]string `yaml:"env"`
	Jobs map[string]struct {
		Steps []struct {
			Name string            `yaml:"name"`
			ID   string            `yaml:"id"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// workflowCmd runs a GitHub Actions workflow's shell commands here, in the
// current folder, as a runner would: workflow FILE. Each run: step runs in
// bash -e; each autograding-command-grader test runs its setup-command and
// command, and is reported "test NAME: pass|fail, max-score N"; the
// reporter's env and runners must name every test; other actions (checkout,
// setup-go, cache) are reported as skipped. A run: step that fails stops
// the command with an error.
func workflowCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: workflow FILE")
	}
	var wf ghWorkflow
	if err := yaml.Unmarshal([]byte(ts.ReadFile(args[0])), &wf); err != nil {
		ts.Fatalf("the workflow is not valid YAML: %v", err)
	}
	env := os.Environ()
	for _, name := range []string{"PATH", "HOME", "TMPDIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "NO_COLOR",
		"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOFLAGS", "GOTOOLCHAIN", "GONOSUMDB", "GOSUMDB"} {
		if v := ts.Getenv(name); v != "" {
			env = append(env, name+"="+v)
		}
	}
	for k, v := range wf.Env {
		env = append(env, k+"="+v)
	}
	run := func(script string) (string, error) {
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Dir = ts.MkAbs(".")
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	var out strings.Builder
	var tests []string
	for _, job := range wf.Jobs {
		for _, st := range job.Steps {
			switch {
			case st.Run != "":
				got, err := run(st.Run)
				if err != nil {
					ts.Fatalf("step %q failed: %v\n%s", st.Name, err, got)
				}
				fmt.Fprintf(&out, "ran %s\n", st.Name)
			case strings.HasPrefix(st.Uses, "classroom-resources/autograding-command-grader@"):
				status := "pass"
				if setup := st.With["setup-command"]; setup != "" {
					if _, err := run(setup); err != nil {
						status = "fail"
					}
				}
				if status == "pass" {
					if _, err := run(st.With["command"]); err != nil {
						status = "fail"
					}
				}
				tests = append(tests, st.ID)
				fmt.Fprintf(&out, "test %s: %s, max-score %s\n", st.With["test-name"], status, st.With["max-score"])
			case strings.HasPrefix(st.Uses, "classroom-resources/autograding-grading-reporter@"):
				runners := strings.Split(st.With["runners"], ",")
				if strings.Join(runners, ",") != strings.Join(tests, ",") {
					ts.Fatalf("the reporter's runners %v are not the tests %v", runners, tests)
				}
				var keys []string
				for k, v := range st.Env {
					keys = append(keys, k)
					id := strings.ToLower(strings.TrimSuffix(k, "_RESULTS"))
					if v != "${{ steps."+id+".outputs.result }}" {
						ts.Fatalf("the reporter's %s is %q", k, v)
					}
				}
				sort.Strings(keys)
				if len(keys) != len(tests) {
					ts.Fatalf("the reporter has %d results for %d tests", len(keys), len(tests))
				}
				fmt.Fprintf(&out, "reporter: %d tests\n", len(tests))
			default:
				fmt.Fprintf(&out, "skipped %s\n", st.Uses)
			}
		}
	}
	fmt.Fprint(ts.Stdout(), out.String())
}
