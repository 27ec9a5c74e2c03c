package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/cmd"
)

// TestGenerate: a man page for every command, named as man looks for it,
// with the release's version and date, and a completion script per shell.
func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	// Left behind by an earlier run, of a command that no longer exists.
	if err := os.MkdirAll(filepath.Join(dir, "man"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "man", "sandcastle-gone.1"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	date := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	if err := generate(cmd.Tree(), options{dir: dir, version: "v1.2.3", date: &date}); err != nil {
		t.Fatal(err)
	}
	check, err := os.ReadFile(filepath.Join(dir, "man", "sandcastle-check.1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`.TH "SANDCASTLE-CHECK" "1" "Dec 2026" "sandcastle v1.2.3"`, "sandcastle check [STEP]", "--watch"} {
		if !strings.Contains(string(check), want) {
			t.Errorf("sandcastle-check.1 lacks %q:\n%s", want, check)
		}
	}
	for _, name := range []string{"sandcastle.1", "sandcastle-lessons-lint.1", "sandcastle-sql.1"} {
		if _, err := os.Stat(filepath.Join(dir, "man", name)); err != nil {
			t.Errorf("no man page %s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "man", "sandcastle-gone.1")); err == nil {
		t.Error("a man page of an earlier run was left in man/")
	}
	for name, want := range map[string]string{
		"sandcastle.bash": "complete -o default -F __start_sandcastle sandcastle",
		"sandcastle.zsh":  "#compdef sandcastle",
		"sandcastle.fish": "complete -c sandcastle",
		"sandcastle.ps1":  "Register-ArgumentCompleter",
	} {
		b, err := os.ReadFile(filepath.Join(dir, "completions", name))
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
}
