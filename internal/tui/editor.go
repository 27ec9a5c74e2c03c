package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// EditorChoice is the editor e opens the step's files in.
type EditorChoice struct {
	// Command is the editor and its arguments; nil when there is none.
	Command []string
	// Chosen names the beginner's editor sandcastle chose because the
	// learner set neither $VISUAL nor $EDITOR; "" when they chose.
	Chosen string
}

// beginnerEditors are the editors e opens when neither $VISUAL nor $EDITOR
// is set, in order: editors that show their keys on screen. Never vi or
// vim: a learner who did not ask for one may not know how to leave it.
var beginnerEditors = []string{"nano", "micro"}

// Editor is the learner's editor: $VISUAL, else $EDITOR, else the first
// beginner's editor installed (nano, micro), else none.
func Editor() EditorChoice { return FindEditor(os.Getenv, exec.LookPath) }

// FindEditor is Editor with the environment and the PATH search given.
func FindEditor(getenv func(string) string, lookPath func(string) (string, error)) EditorChoice {
	for _, env := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(getenv(env)); len(f) > 0 {
			return EditorChoice{Command: f}
		}
	}
	for _, name := range beginnerEditors {
		if path, err := lookPath(name); err == nil {
			return EditorChoice{Command: []string{path}, Chosen: name}
		}
	}
	return EditorChoice{}
}

// setEditor is how to choose an editor, for a learner who has not.
const setEditor = "to choose yours, put export EDITOR=nano (or micro, or code --wait) in your shell's profile (~/.bashrc, ~/.zshrc)"

// editorChosenNote is said after a beginner's editor opened.
func editorChosenNote(name string) string {
	return "That was " + name + ", opened because neither $VISUAL nor $EDITOR is set: " + setEditor + "."
}

// noEditorNote is said when there is no editor to open, with the files to
// open in the learner's own.
func noEditorNote(paths []string) string {
	return "No editor to open: neither $VISUAL nor $EDITOR is set, and neither " + strings.Join(beginnerEditors, " nor ") +
		" is installed. Open " + strings.Join(paths, ", ") + " in the editor you use; " + setEditor + "."
}

// editorProcess is the process that edits the step's files, or, when
// there is none to run, the message that says what to do instead.
func (m stepModel) editorProcess(sh *shared) (*exec.Cmd, tea.Msg) {
	if len(sh.editor.Command) == 0 {
		paths := make([]string, len(m.files))
		for i, f := range m.files {
			paths[i] = filepath.Join(sh.root, filepath.FromSlash(f))
		}
		return nil, editedMsg{note: noEditorNote(paths)}
	}
	args := append(append([]string{}, sh.editor.Command[1:]...), m.files...)
	cmd := exec.Command(sh.editor.Command[0], args...)
	cmd.Dir = sh.root
	return cmd, nil
}
