package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestCompletionWritesNothing: a shell asks for completions on every Tab,
// in whatever folder the learner is. Completing any command line reads the
// workspace's course at most: it creates no .sandcastle, migrates no
// progress database, and writes nothing in a folder that is not a
// workspace, nor in the user's data and config folders.
func TestCompletionWritesNothing(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	course, err := filepath.Abs("../testdata/courses/tiny")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// workspace makes a workspace of the tiny course, then spoil changes its
	// .sandcastle.
	workspace := func(t *testing.T, spoil func(state string)) string {
		ws := filepath.Join(home, t.Name(), "ws")
		var errOut bytes.Buffer
		if code := Run(ctx, []string{"init", ws, "--course", course}, &Streams{Out: &bytes.Buffer{}, Err: &errOut}); code != 0 {
			t.Fatalf("init: exit %d: %s", code, errOut.String())
		}
		state := filepath.Join(ws, ".sandcastle")
		if err := os.RemoveAll(state); err != nil {
			t.Fatal(err)
		}
		spoil(state)
		return ws
	}
	for _, tc := range []struct {
		name  string
		dir   func(t *testing.T) string
		steps bool // the steps are offered
	}{
		{"not a workspace", func(t *testing.T) string {
			dir := filepath.Join(home, t.Name())
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			return dir
		}, false},
		{"a workspace without .sandcastle", func(t *testing.T) string {
			return workspace(t, func(string) {})
		}, true},
		{"a workspace whose progress predates the migrations", func(t *testing.T) string {
			// An empty file is an SQLite database with none of the tables.
			return workspace(t, func(state string) {
				if err := os.Mkdir(state, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(state, "state.db"), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			})
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir(t)
			before := tree(t, home)
			for _, line := range completionLines(newRoot(&app{io: &Streams{}})) {
				var out, errOut bytes.Buffer
				args := append([]string{"__complete", "-C", dir}, line...)
				if code := Run(ctx, args, &Streams{Out: &out, Err: &errOut}); code != 0 {
					t.Errorf("%s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
				}
				offered := strings.Contains(out.String(), "table/create-the-scores-table\tCreate the scores table\n")
				if slices.Equal(line, []string{"hint", ""}) && offered != tc.steps {
					t.Errorf("%s: the steps offered: %v, want %v:\n%s", strings.Join(args, " "), offered, tc.steps, out.String())
				}
			}
			for _, change := range treeChanges(before, tree(t, home)) {
				t.Errorf("completion %s", change)
			}
		})
	}
}

// TestReadingCommandsCreateNothing: a command that records nothing leaves a
// workspace as it is, even one with no .sandcastle yet (a repository's
// checkout): status, show and trust (which records in the user's config
// folder) read the course, and the progress as none.
func TestReadingCommandsCreateNothing(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	course, err := filepath.Abs("../testdata/courses/web")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ws := filepath.Join(t.TempDir(), "ws")
	var errOut bytes.Buffer
	if code := Run(ctx, []string{"init", ws, "--course", course, "--lang", "python"}, &Streams{Out: &bytes.Buffer{}, Err: &errOut}); code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut.String())
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"status"}, "0 of "},
		{[]string{"status", "--json"}, `"passed": []`},
		{[]string{"show"}, "When you are ready: `sandcastle check`"},
		{[]string{"show", "web/save-a-score"}, "Your files:"},
		{[]string{"sql", "SELECT 41 + 1 AS answer;"}, "42"},
		{[]string{"trust", "--show"}, "runs this code on your computer"},
		{[]string{"trust"}, "Recorded in"},
		{[]string{"trust", "--revoke"}, "is no longer trusted"},
		{[]string{"lessons", "list", "--course", course}, "web/save-a-score"},
		{[]string{"--help"}, "Usage:"},
		{[]string{"hint", "--help"}, "Usage:"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(ws, ".sandcastle")); err != nil {
				t.Fatal(err)
			}
			before := tree(t, ws)
			var out, errOut bytes.Buffer
			if code := Run(ctx, append([]string{"-C", ws}, tc.args...), &Streams{Out: &out, Err: &errOut}); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("the output has no %q:\n%s", tc.want, out.String())
			}
			for _, change := range treeChanges(before, tree(t, ws)) {
				t.Error(change)
			}
		})
	}
}

// completionLines are command lines a shell completes: every command's
// path followed by an empty word (its arguments) and by "--" (its flags).
func completionLines(root *cobra.Command) [][]string {
	var lines [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		lines = append(lines, append(slices.Clone(path), ""), append(slices.Clone(path), "--"))
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(path), sub.Name()))
		}
	}
	walk(root, nil)
	return lines
}

// treeChanges says what differs between two fingerprints made by tree.
func treeChanges(before, after map[string]string) []string {
	var changes []string
	for path, was := range before {
		if now, ok := after[path]; !ok {
			changes = append(changes, "removed "+path)
		} else if now != was {
			changes = append(changes, "changed "+path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			changes = append(changes, "created "+path)
		}
	}
	slices.Sort(changes)
	return changes
}
