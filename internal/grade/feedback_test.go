package grade

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/check"
)

func TestFeedbackNames(t *testing.T) {
	grades := []Workspace{{Path: "a/alice"}, {Path: "b/alice"}, {Path: "bob"}, {Path: "../../etc"}, {Path: "\x1b[31m;rm -rf"}, {Path: "..."}}
	got := feedbackNames(grades)
	want := []string{"a_alice.md", "b_alice.md", "bob.md", "etc.md", "31m_rm_-rf.md", "workspace.md"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}

func TestFeedbackIsPrintableAndFenced(t *testing.T) {
	course := tinyCourse(t)
	step := course.Steps()[0]
	g := Workspace{Path: "mallory", Points: 0, MaxPoints: 1, Steps: []Step{{MaxPoints: 1, StepResult: check.StepResult{
		ID: step.FullID(), Title: step.Title, Status: check.Fail,
		Checks: []check.CheckResult{{Title: "the table\x1b]52;c;aGk=\a exists", Status: check.Fail, Message: "```\n# not a heading\n```"}},
	}}}}
	var b bytes.Buffer
	if err := writeFeedback(&b, course, g); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\a") {
		t.Errorf("a control character reached the feedback: %q", out)
	}
	if !strings.Contains(out, "  ````text\n  ```\n  # not a heading\n  ```\n  ````") {
		t.Errorf("the message is not fenced by a longer fence:\n%s", out)
	}
}
