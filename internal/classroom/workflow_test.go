package classroom

import (
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/sandcastle/sandcastle/lessons"
)

func TestWorkflowIsValidYAMLWhateverTheTitles(t *testing.T) {
	lesson := "---\nid: a\ntitle: A\n---\n\n## Quotes \" ' : # and ${{ secrets.TOKEN }} {#odd}\n\n" +
		"```sql check \"one\"\nSELECT 1;\n```\n\n```expect\n| 1 |\n```\n\n```hint\nSELECT 1.\n```\n"
	fsys := fstest.MapFS{
		"course.yaml": {Data: []byte("format: 2\nid: t\ntitle: \"T: a course\"\nlessons:\n  - 01-a.md\npoints:\n  a/odd: 7\n")},
		"01-a.md":     {Data: []byte(lesson)},
	}
	c, probs, err := lessons.Load(fsys, "t")
	if err != nil || len(probs.Errors()) > 0 {
		t.Fatalf("%v %v", err, probs)
	}
	out, err := Workflow(c, Options{Version: "v1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []map[string]any `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(out, &wf); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, out)
	}
	steps := wf.Jobs["run-autograding-tests"].Steps
	var test map[string]any
	for _, s := range steps {
		if s["id"] == "step-1" {
			test = s
		}
	}
	with, _ := test["with"].(map[string]any)
	if with == nil || with["command"] != "sandcastle check a/odd" || with["max-score"] != 7 {
		t.Fatalf("the step's test: %#v", test)
	}
	name, _ := with["test-name"].(string)
	if !strings.Contains(name, `Quotes " ' : #`) || strings.Contains(name, "${{") {
		t.Errorf("test-name %q", name)
	}
}
