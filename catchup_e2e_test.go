package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSkipAheadInTmux: a learner who knows SQL opens lesson 9 from the
// course map of the real binary in a real terminal, catches up, passes 9.1
// with the solution copied from `sandcastle solution`, and then status,
// serve and sql all name lesson 9's next step (issue 15's "Done when").
func TestSkipAheadInTmux(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Fatal("this test needs python3, the server's language")
	}
	dir, bin := tmuxAndBinary(t)
	ws := filepath.Join(dir, "ws")
	env := append(os.Environ(), "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir, "NO_COLOR=1")
	sc := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"-C", ws}, args...)...)
		cmd.Env = env
		return cmd
	}
	if out, err := exec.Command(bin, "init", ws, "--lang", "python").CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	// Lesson 9 as `sandcastle lessons list` numbers it.
	list, err := sc("lessons", "list").Output()
	if err != nil || !strings.Contains(string(list), "9. Your first endpoint (your-first-endpoint)") {
		t.Fatalf("lessons list: %v\n%s", err, list)
	}
	before := strings.Count(string(list[:strings.Index(string(list), "9. Your first endpoint")]), "\n   ")

	tm := &tmux{t: t, socket: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(tm.kill)
	tm.run("new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", "-c", ws,
		"TERM=xterm-256color XDG_DATA_HOME="+dir+" XDG_CONFIG_HOME="+dir+" "+bin+"; echo sandcastle exited $?; sleep 30")
	tm.waitFor("Your first query") // the course map, on the first step
	for range before {
		tm.keys("j")
	}
	tm.waitFor("› · Starting your server")
	tm.keys("Enter")
	tm.waitFor("Lessons 1-8 have 29 steps you have not done.")
	tm.waitFor("y: catch up")
	tm.keys("y")
	tm.waitFor("Caught up 29 steps")

	// The learner copies the solution that `sandcastle solution` shows.
	out, err := sc("solution", "your-first-endpoint/starting-your-server").Output()
	if err != nil {
		t.Fatalf("solution: %v", err)
	}
	_, app, ok := strings.Cut(string(out), "── server/app.py ──\n")
	if !ok {
		t.Fatalf("solution shows no server/app.py:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(ws, "server", "app.py"), []byte(app), 0o644); err != nil {
		t.Fatal(err)
	}
	tm.keys("c")
	tm.waitFor("Step passed!")
	tm.keys("q")
	tm.waitFor("↷ caught up: the course's answers, not passed")
	tm.waitFor("✓ Starting your server")
	tm.keys("q")
	tm.waitFor("sandcastle exited 0")
	tm.waitFor("current step: your-first-endpoint/") // the rest wraps at 80 columns

	const next = "your-first-endpoint/the-leaderboard-as-json"
	status, err := sc("status").Output()
	if err != nil || !strings.Contains(string(status), "Current step: The leaderboard as JSON ("+next+")") ||
		!strings.Contains(string(status), "1 of ") || !strings.Contains(string(status), "29 caught up") {
		t.Errorf("status: %v\n%s", err, status)
	}
	sql := sc("sql", "SELECT count(*) > 0 AS seeded FROM scores")
	var stderr strings.Builder
	sql.Stderr = &stderr
	rows, err := sql.Output()
	if first, _, _ := strings.Cut(stderr.String(), "\n"); err != nil || !strings.Contains(first, "("+next+")") || !strings.Contains(string(rows), "1") {
		t.Errorf("sql: %v\nstderr: %s\nstdout: %s", err, stderr.String(), rows)
	}
	if first := serveFirstLine(t, sc("serve")); !strings.Contains(first, next) {
		t.Errorf("serve's first line names another step: %q", first)
	}
}

// serveFirstLine starts serve, reads the first line it prints, and stops it.
func serveFirstLine(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- l
	}()
	var first string
	select {
	case first = <-line:
	case <-ctx.Done():
		t.Errorf("serve printed nothing in 30s; stderr: %s", stderr.String())
	}
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
	}
	return first
}
