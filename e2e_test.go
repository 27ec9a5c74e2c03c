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
// mode, quit, and the progress recorded.
func TestTUIInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("this test needs tmux: apt-get install tmux")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "sandcastle")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ws := filepath.Join(dir, "ws")
	if out, err := exec.Command(bin, "init", ws, "--lang", "python").CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	tm := &tmux{t: t, socket: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(tm.kill)
	tm.run("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "-c", ws,
		"TERM=xterm-256color XDG_DATA_HOME="+dir+" "+bin+"; echo sandcastle exited $?; sleep 30")

	tm.waitFor("Your first query") // the course map, current step preselected
	tm.keys("Enter")
	tm.waitFor("Not checked yet")
	tm.keys("c")
	tm.waitFor("0 of 1 pass")
	tm.waitFor("has no statement yet")

	solution := "SELECT 'hello, backend' AS greeting;\n"
	if err := os.WriteFile(filepath.Join(ws, "queries", "hello.sql"), []byte(solution), 0o644); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("Step passed!") // watch mode saw the save
	tm.keys("q")
	tm.waitFor("✓ Your first query")
	tm.keys("q")
	tm.waitFor("sandcastle exited 0")
	tm.waitFor("steps passed · current step: hello-backend/let-the-database-do-the-math")

	out, err := exec.Command(bin, "-C", ws, "status", "--json").Output()
	if err != nil {
		t.Fatalf("status: %v", err)
	}
	var st struct{ Passed []string }
	if err := json.Unmarshal(out, &st); err != nil || len(st.Passed) != 1 || st.Passed[0] != "hello-backend/your-first-query" {
		t.Errorf("status --json: %s (%v); want the first step passed", out, err)
	}
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
