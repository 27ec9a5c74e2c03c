package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTUIInTmux runs the real binary in a real terminal (tmux, on a private
// socket) the way a learner would: a fresh workspace, the first step, a
// failing check, the solution written from outside and passed through watch
// mode, the next step answered in the learner's editor, quit, and the
// progress recorded.
func TestTUIInTmux(t *testing.T) {
	dir, bin := tmuxAndBinary(t)
	ws := filepath.Join(dir, "ws")
	if out, err := exec.Command(bin, "init", ws, "--lang", "python").CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	// The learner's "editor" writes the second step's answer and exits.
	editor := filepath.Join(dir, "editor.sh")
	script := "#!/bin/sh\necho \"SELECT upper('ada') AS player, 12 * 100 + 3 * 250 AS total, (12 * 100 + 3 * 250) / 4.0 AS per_level;\" > \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tm := &tmux{t: t, socket: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(tm.kill)
	tm.run("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "-c", ws,
		"TERM=xterm-256color XDG_DATA_HOME="+dir+" XDG_CONFIG_HOME="+dir+" EDITOR="+editor+" "+bin+"; echo sandcastle exited $?; sleep 30")

	tm.waitFor("Your first query") // the course map, current step preselected
	tm.keys("Enter")
	tm.waitFor("Not checked yet")
	tm.keys("c")
	tm.waitFor("0 of 1 checks passed")
	tm.waitFor("has no statement yet")

	solution := "SELECT 'hello, backend' AS greeting;\n"
	if err := os.WriteFile(filepath.Join(ws, "queries", "hello.sql"), []byte(solution), 0o644); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("Step passed!") // watch mode saw the save

	// The next step, answered in the learner's editor: the TUI gives it the
	// terminal and comes back to the same step, which watch mode checks.
	tm.keys("n")
	tm.waitFor("Let the database do the math")
	tm.waitFor("Not checked yet")
	tm.keys("e")
	tm.waitFor("Step passed!")
	tm.keys("q")
	tm.waitFor("✓ Let the database do the math")
	tm.keys("q")
	tm.waitFor("sandcastle exited 0")
	tm.waitFor("steps passed · current step: hello-backend/make-your-first-table")

	out, err := exec.Command(bin, "-C", ws, "status", "--json").Output()
	if err != nil {
		t.Fatalf("status: %v", err)
	}
	var st struct{ Passed []string }
	want := []string{"hello-backend/your-first-query", "hello-backend/let-the-database-do-the-math"}
	if err := json.Unmarshal(out, &st); err != nil || strings.Join(st.Passed, " ") != strings.Join(want, " ") {
		t.Errorf("status --json: %s (%v); want %v passed", out, err, want)
	}
}

// tmuxAndBinary checks that tmux is installed and builds sandcastle into
// a new folder; it returns the folder and the binary.
func tmuxAndBinary(t *testing.T) (dir, bin string) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("this test needs tmux: apt-get install tmux")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "sandcastle")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir, bin
}

// tmux drives a tmux server on a private socket.
type tmux struct {
	t      *testing.T
	socket string
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	tm.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// waitFor polls the screen until it shows text.
func (tm *tmux) waitFor(text string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = tm.run("capture-pane", "-p", "-t", "e2e")
		if strings.Contains(screen, text) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("the screen never showed %q; it shows:\n%s", text, screen)
}

func (tm *tmux) kill() {
	exec.Command("tmux", "-S", tm.socket, "kill-server").Run()
}
