package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sandcastle/sandcastle/internal/grade"
)

// gradedCommit is the commit a note of grade --at names, which a script
// cannot know ahead.
var gradedCommit = regexp.MustCompile(`graded commit [0-9a-f]{12}`)

// gradesCmd reads the JSON of grade --json and prints it in a few exact
// lines, for a script to compare whole: each workspace with its points,
// language, commit time and notes, each of its steps with its status, its
// points and the known mistakes it looks like; then each step of the class
// summary and each group of identical work (the commit of a note of
// --at as COMMIT): grades FILE.
func gradesCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: grades FILE")
	}
	var doc struct {
		Course     string              `json:"course"`
		Workspaces []grade.Workspace   `json:"workspaces"`
		Steps      []grade.StepInsight `json:"steps"`
		Similar    []grade.Group       `json:"similar"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc))
	out := ts.Stdout()
	fmt.Fprintf(out, "course %s\n", doc.Course)
	for _, w := range doc.Workspaces {
		fmt.Fprintf(out, "%s %d/%d %s", w.Path, w.Points, w.MaxPoints, w.Lang)
		if w.Snapshot != nil {
			fmt.Fprintf(out, " at %s", w.Snapshot.Time.UTC().Format("2006-01-02T15:04"))
		}
		if w.Error != "" {
			fmt.Fprintf(out, " error: %s", w.Error)
		}
		fmt.Fprintln(out)
		for _, n := range w.Notes {
			fmt.Fprintf(out, "  note: %s\n", gradedCommit.ReplaceAllString(n, "graded commit COMMIT"))
		}
		for _, s := range w.Steps {
			line := fmt.Sprintf("  %s %s %d/%d", s.ID, s.Status, s.Points, s.MaxPoints)
			if s.NotAttempted {
				line += " not-attempted"
			}
			for _, d := range s.Diagnosis {
				line += " mistake=" + d.Mistake
			}
			fmt.Fprintln(out, line)
		}
	}
	for _, s := range doc.Steps {
		fmt.Fprintf(out, "step %s passed=%d failed=%d errors=%d not-attempted=%d otherwise=%d", s.ID, s.Passed, s.Failed, s.Errors, s.NotAttempted, s.Otherwise)
		for _, m := range s.Mistakes {
			fmt.Fprintf(out, " %s=%d", m.Mistake, m.Count)
		}
		fmt.Fprintln(out)
	}
	for _, g := range doc.Similar {
		fmt.Fprintf(out, "similar %s: %s\n", strings.Join(g.Workspaces, ", "), strings.Join(g.Files, ", "))
	}
}
