//go:build unix

package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nobody is the user that owns the folders of another user in these tests.
const nobody = 65534

// asRoot skips a test that gives files away: only root can.
func asRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("giving a folder to another user needs root")
	}
}

// TestFindStopsAtAnotherUsersFolder: looking upward for sandcastle.yaml
// stops at a folder of another user, as git's safe.directory does: a
// sandcastle.yaml there (in /tmp, say) is not the learner's workspace.
func TestFindStopsAtAnotherUsersFolder(t *testing.T) {
	asRoot(t)
	t.Setenv("SUDO_UID", "")
	shared := t.TempDir()
	if err := writeConfig(shared, Config{Course: tinyRef(t)}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(shared, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(shared, "project", "sub")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := Find(mine)
	if err == nil {
		w.Close()
		t.Fatalf("Find opened %s, in a folder of another user", w.Root)
	}
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "stopped looking for a workspace at "+shared+": it belongs to another user") {
		t.Errorf("Find: %v; want no workspace found, saying where it stopped and why", err)
	}

	// Run by that user (sudo sets SUDO_UID), the folder is theirs.
	t.Setenv("SUDO_UID", "65534")
	if w, err := Find(mine); err != nil {
		t.Errorf("Find under sudo by the folder's owner: %v", err)
	} else {
		w.Close()
	}
}

// TestFindDoesNotOpenAnotherUsersConfig: a sandcastle.yaml another user put
// in a folder of the learner's is not opened; the message says what to do.
func TestFindDoesNotOpenAnotherUsersConfig(t *testing.T) {
	asRoot(t)
	t.Setenv("SUDO_UID", "")
	dir := t.TempDir()
	if err := writeConfig(dir, Config{Course: tinyRef(t)}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(filepath.Join(dir, ConfigFile), nobody, nobody); err != nil {
		t.Fatal(err)
	}
	w, err := Find(dir)
	if err == nil {
		w.Close()
		t.Fatal("Find opened a sandcastle.yaml of another user")
	}
	if errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), filepath.Join(dir, ConfigFile)+" belongs to another user") ||
		!strings.Contains(err.Error(), "cp -r") {
		t.Errorf("Find: %v; want a refusal that says whose it is and what to do", err)
	}
}
