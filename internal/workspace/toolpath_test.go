package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/lessons"
)

// TestToolPathsAreNeverWritten: a course that got past lint still cannot
// write into .git (the learner's next `git status` would run its hooks and
// config) or a tool's file; the workspace refuses, and says why.
func TestToolPathsAreNeverWritten(t *testing.T) {
	for _, name := range []string{".git/config", ".GitHub/workflows/x.yml", "server/.envrc", ".git./hooks/pre-commit", ".sandcastle/state.db"} {
		t.Run(name, func(t *testing.T) {
			w := newWorkspace(t)
			step := w.Course.Steps()[0]
			step.Files = append(step.Files, &lessons.FileBlock{Kind: lessons.Starter, Path: name, Content: "[core]\n\tfsmonitor = evil\n"})
			if _, err := w.CreateStarters(step); err == nil || !strings.Contains(err.Error(), "own folder") && !strings.Contains(err.Error(), "own file") && !strings.Contains(err.Error(), "sandcastle's own") {
				t.Errorf("CreateStarters: %v; want a refusal that names the tool", err)
			}
			if _, err := w.CreateMissing(step); err == nil {
				t.Error("CreateMissing wrote a tool's file")
			}
			if _, err := w.Put(w.NewBackup(), map[string]string{name: "x"}); err == nil {
				t.Error("Put wrote a tool's file")
			}
			if b, err := os.ReadFile(filepath.Join(w.Root, filepath.FromSlash(name))); err == nil && (string(b) == "x" || strings.Contains(string(b), "fsmonitor")) {
				t.Errorf("%s was written", name)
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(w.Root, name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(w.Root, name+".mine"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(w.Root, name+".mine"), filepath.Join(w.Root, name)); err != nil {
				t.Fatal(err)
			}
			if err := w.Remove(w.NewBackup(), []string{name}); err == nil {
				t.Error("Remove removed a tool's file")
			}
			if b, _ := os.ReadFile(filepath.Join(w.Root, name)); string(b) != "mine" {
				t.Errorf("%s = %q, want it untouched", name, b)
			}
		})
	}
}
