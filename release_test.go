package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeCommands keeps the README's commands the ones that work: its
// test command is the one CI runs (.ci/run), its go install names this
// module, and the installers it pipes to a shell are in the repository.
func TestReadmeCommands(t *testing.T) {
	readme := readFile(t, "README.md")
	ci := readFile(t, ".ci/run")
	gomod := readFile(t, "go.mod")

	test := regexp.MustCompile(`(?m)^(go test .*?)\s+# run every test$`).FindStringSubmatch(readme)
	if test == nil {
		t.Fatal("README.md has no line ending in '# run every test'")
	}
	if !slices.Contains(strings.Split(ci, "\n"), test[1]) {
		t.Errorf("README.md's test command is not a line of .ci/run:\n%s", test[1])
	}

	module := regexp.MustCompile(`(?m)^module (\S+)$`).FindStringSubmatch(gomod)[1]
	if !strings.Contains(readme, "go install "+module+"@latest") {
		t.Errorf("README.md does not say go install %s@latest", module)
	}
	for _, script := range []string{"install.sh", "install.ps1"} {
		url := "https://raw.githubusercontent.com/sandcastle/sandcastle/main/" + script
		if !strings.Contains(readme, url) {
			t.Errorf("README.md does not install with %s", url)
		}
		if _, err := os.Stat(script); err != nil {
			t.Errorf("README.md pipes %s to a shell: %v", script, err)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReleaseWorkflowPinsTools: the release workflow runs the GoReleaser
// that .ci/run checks the release with, the one tools/go.mod pins.
func TestReleaseWorkflowPinsTools(t *testing.T) {
	pinned := regexp.MustCompile(`(?m)^\s+github\.com/goreleaser/goreleaser/v2 (v\S+)`).FindStringSubmatch(readFile(t, "tools/go.mod"))
	if pinned == nil {
		t.Fatal("tools/go.mod does not require github.com/goreleaser/goreleaser/v2")
	}
	workflow := readFile(t, ".github/workflows/release.yml")
	used := regexp.MustCompile(`(?m)^\s+version: (\S+)$`).FindAllStringSubmatch(workflow, -1)
	if len(used) != 1 || used[0][1] != pinned[1] {
		t.Errorf("release.yml runs GoReleaser %q, tools/go.mod pins %s", used, pinned[1])
	}
	if !strings.Contains(workflow, "uses: goreleaser/goreleaser-action@") {
		t.Error("release.yml does not run goreleaser-action")
	}
}
