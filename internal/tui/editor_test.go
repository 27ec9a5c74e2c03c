package tui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakePath is a folder of fake programs, each a script that records its
// arguments in args.txt beside it, to be the PATH.
func fakePath(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		script := "#!/bin/sh\necho \"$@\" > \"${0%/*}/args.txt\"\n" // builtins only: PATH has just these
		if err := os.WriteFile(filepath.Join(dir, n), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEditorChoice(t *testing.T) {
	for _, tc := range []struct {
		name         string
		visual, edit string
		path         []string // the fake programs on PATH
		want, chosen string   // the command's name, and Chosen
		none         bool
	}{
		{name: "$VISUAL first", visual: "code --wait", edit: "vim", path: []string{"nano"}, want: "code"},
		{name: "$EDITOR", edit: "vim", path: []string{"nano"}, want: "vim"},
		{name: "neither: nano", path: []string{"nano", "micro", "vim", "vi"}, want: "nano", chosen: "nano"},
		{name: "neither, no nano: micro", path: []string{"micro", "vi"}, want: "micro", chosen: "micro"},
		{name: "only vi and vim: none, never vi unannounced", path: []string{"vim", "vi"}, none: true},
		{name: "an empty PATH: none", none: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("VISUAL", tc.visual)
			t.Setenv("EDITOR", tc.edit)
			if tc.path != nil {
				t.Setenv("PATH", fakePath(t, tc.path...))
			} else {
				t.Setenv("PATH", "")
			}
			got := Editor()
			if tc.none {
				if got.Command != nil {
					t.Fatalf("Editor() = %+v, want none", got)
				}
				return
			}
			if len(got.Command) == 0 || filepath.Base(got.Command[0]) != tc.want || got.Chosen != tc.chosen {
				t.Errorf("Editor() = %+v, want %s (chosen %q)", got, tc.want, tc.chosen)
			}
		})
	}
	t.Run("$EDITOR with arguments", func(t *testing.T) {
		t.Setenv("VISUAL", "")
		t.Setenv("EDITOR", "code --wait")
		if got := Editor(); !slices.Equal(got.Command, []string{"code", "--wait"}) {
			t.Errorf("Editor() = %+v", got)
		}
	})
}

// e with no editor set opens nano when it is installed, and says which and
// how to set one; with none, it runs nothing and says where the files are.
func TestEditWithoutEditorSet(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")

	t.Run("nano installed", func(t *testing.T) {
		bin := fakePath(t, "nano", "vi")
		t.Setenv("PATH", bin)
		h := tiny(t)
		h.m.sh.editor = Editor()
		h.keys("enter")
		cmd, msg := h.m.step.editorProcess(h.m.sh)
		if cmd == nil {
			t.Fatalf("no editor to run: %+v", msg)
		}
		if err := cmd.Run(); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(bin, "args.txt")); strings.TrimSpace(string(b)) != "schema.sql" {
			t.Errorf("nano was given %q", b)
		}
		h.send(editedMsg{note: editorChosenNote(h.m.sh.editor.Chosen)})
		h.sees("That was nano, opened because neither $VISUAL nor $EDITOR is set", "export EDITOR=nano")
	})

	t.Run("none installed", func(t *testing.T) {
		t.Setenv("PATH", "")
		h := tiny(t)
		h.m.sh.editor = Editor()
		h.keys("enter", "e")
		h.sees("No editor to open", "export EDITOR=", "schema.sql")
		want := filepath.Join(h.dir, "schema.sql")
		if v := strings.Join(strings.Fields(h.view()), ""); !strings.Contains(v, want) {
			t.Errorf("the file's path %s is not given:\n%s", want, h.view())
		}
	})
}

// What e said about the editor is news until the next check's result or
// another step: a learner's trial saw "No editor to open" under every later
// result, "★ Step passed!" too.
func TestEditorNoteGoesAtTheNextResult(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	t.Setenv("PATH", "")

	t.Run("a check's result", func(t *testing.T) {
		h := tiny(t)
		h.m.sh.editor = Editor()
		h.keys("enter", "e")
		h.sees("No editor to open")
		h.write("schema.sql", tinySchema)
		h.keys("c")
		h.sees("★ Step passed!")
		h.lacks("No editor to open")
	})

	t.Run("a result in watch mode", func(t *testing.T) {
		h := tiny(t)
		h.m.sh.editor = Editor()
		h.m.sh.watching = true
		h.keys("enter", "e")
		h.sees("No editor to open")
		h.write("schema.sql", tinySchema)
		h.send(changedMsg{paths: []string{"schema.sql"}})
		h.sees("★ Step passed!")
		h.lacks("No editor to open")
	})

	t.Run("another step", func(t *testing.T) {
		h := tiny(t)
		h.m.sh.editor = Editor()
		h.keys("enter", "e")
		h.sees("No editor to open")
		h.keys("esc", "down", "enter", "n")
		h.sees("The best scores")
		h.lacks("No editor to open")
		h.keys("esc", "up", "enter")
		h.sees("Create the scores table")
		h.lacks("No editor to open")
	})

	// The editor's saves start a check in watch mode before it closes: what
	// sandcastle says of the editor it chose outlives that check's result.
	t.Run("the check the edit started", func(t *testing.T) {
		h := tiny(t)
		h.keys("enter")
		h.m.step.checking = true // the check the edit's saves started
		h.send(editedMsg{note: editorChosenNote("nano")})
		h.send(checkedMsg{step: "table/create-the-scores-table", progressed: snapshot(h.m.sh.sess)})
		h.sees("That was nano")
		h.keys("c")
		h.sees("0 of 2 checks passed")
		h.lacks("That was nano")
	})
}
