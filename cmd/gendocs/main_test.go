package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

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

// TestCaskListsEveryManPage: the Homebrew cask installs each man page by
// name, listed in .goreleaser.yaml; a command added without its page there
// would have none.
func TestCaskListsEveryManPage(t *testing.T) {
	b, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var config struct {
		Casks []struct {
			Manpages []string `yaml:"manpages"`
		} `yaml:"homebrew_casks"`
	}
	if err := yaml.Unmarshal(b, &config); err != nil {
		t.Fatal(err)
	}
	if len(config.Casks) != 1 {
		t.Fatalf(".goreleaser.yaml has %d homebrew_casks, want 1", len(config.Casks))
	}
	dir := t.TempDir()
	if err := generate(cmd.Tree(), options{dir: dir}); err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "man", "*.1"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range pages {
		want = append(want, "man/"+filepath.Base(p))
	}
	got := slices.Sorted(slices.Values(config.Casks[0].Manpages))
	if !slices.Equal(got, want) {
		t.Errorf(".goreleaser.yaml's homebrew_casks manpages are\n%q\ncmd/gendocs writes\n%q", got, want)
	}
}
