package gitcmd

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func gitConfig(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	out, _ := cmd.Output() // exit 1: no such key
	return strings.TrimSpace(string(out))
}

// TestConfiguration: Local reads no configuration but the repository's
// own; Remote reads the user's (their credentials), but never a
// repository's above the folder it runs in.
func TestConfiguration(t *testing.T) {
	if Installed() != nil {
		t.Skip("no git here")
	}
	ctx := context.Background()
	dir := t.TempDir()
	global := filepath.Join(dir, "gitconfig")
	if err := os.WriteFile(global, []byte("[user]\n\tkey = global\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", global)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")

	// A repository whose configuration would run code, and a folder in it.
	repo := filepath.Join(dir, "hostile")
	if out, err := exec.Command("git", "init", "-q", repo).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if out, err := exec.Command("git", "-C", repo, "config", "user.key", "hostile").CombinedOutput(); err != nil {
		t.Fatalf("git config: %v\n%s", err, out)
	}
	inside := filepath.Join(repo, "cache")
	if err := os.Mkdir(inside, 0o700); err != nil {
		t.Fatal(err)
	}

	if got := gitConfig(t, Remote(ctx, inside, "config", "--get", "user.key")); got != "global" {
		t.Errorf("Remote in a folder of a repository read %q, want the user's configuration only", got)
	}
	if got := gitConfig(t, Local(ctx, dir, "config", "--get", "user.key")); got != "" {
		t.Errorf("Local read the user's configuration: %q", got)
	}
	if got := gitConfig(t, Local(ctx, repo, "config", "--get", "user.key")); got != "hostile" {
		t.Errorf("Local in a repository read %q, want its own configuration", got)
	}
}
