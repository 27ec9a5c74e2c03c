package server

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	llsyscall "github.com/landlock-lsm/go-landlock/landlock/syscall"
)

// probePy is a hostile server: it tries what a confined server may not do
// and what it may, and answers GET / with what happened, as JSON.
const probePy = `import json, os, socket, tempfile
from http.server import BaseHTTPRequestHandler, HTTPServer

def attempt(f):
    try:
        f()
        return "allowed"
    except OSError as e:
        return "refused: %s" % e

def write(path):
    with open(path, "w") as f:
        f.write("the server was here")

def read(path):
    with open(path) as f:
        f.read()

results = {
    "read the instructor's key": attempt(lambda: read(os.environ["SECRET_FILE"])),
    "write outside": attempt(lambda: write(os.path.join(os.environ["OUTSIDE"], "escaped"))),
    "connect out": attempt(lambda: socket.create_connection(("127.0.0.1", int(os.environ["LISTENER_PORT"])), timeout=2).close()),
    "bind another port": attempt(lambda: socket.socket().bind(("127.0.0.1", 0))),
    "read its files": attempt(lambda: read("probe.py")),
    "write in HOME": attempt(lambda: write(os.path.join(os.environ["HOME"], "note"))),
    "write a temporary file": attempt(lambda: tempfile.TemporaryFile().close()),
    "write beside its database": attempt(lambda: write(os.environ["DATABASE_PATH"] + "-probe")),
}
env = {k: os.environ.get(k, "") for k in ["GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK", "HOME", "TMPDIR", "PATH"]}
body = json.dumps({"results": results, "env": env}).encode()

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
`

// TestConfined runs a hostile server confined, as grade does: it reads
// nothing of the instructor's, writes only in its own folders, connects
// nowhere, and sees no secret of sandcastle's environment.
func TestConfined(t *testing.T) {
	if abi, _ := llsyscall.LandlockGetABIVersion(); abi < landlockNet {
		t.Skipf("this kernel's Landlock ABI is %d: TCP rules need %d", abi, landlockNet)
	}
	for _, secret := range []string{"GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK"} {
		t.Setenv(secret, "the-instructor's-"+secret)
	}
	instructor := t.TempDir()
	secretFile := filepath.Join(instructor, ".ssh", "id_ed25519")
	write(t, secretFile, "PRIVATE KEY")
	outside := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()

	dir, state := t.TempDir(), t.TempDir()
	write(t, filepath.Join(dir, "probe.py"), probePy)
	s := startOK(t, context.Background(), Options{
		Dir: dir, Command: "python3 probe.py", DatabasePath: filepath.Join(state, "server.db"),
		LogPath: filepath.Join(state, "server.log"), BuildDir: filepath.Join(state, "build"), StartTimeout: wait, Confine: true,
		Env: []string{"SECRET_FILE=" + secretFile, "OUTSIDE=" + outside, "LISTENER_PORT=" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)},
	})
	resp, err := s.Do(context.Background(), get(t, "/"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Results map[string]string
		Env     map[string]string
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	for what, want := range map[string]string{
		"read the instructor's key": "refused", "write outside": "refused", "connect out": "refused",
		"bind another port": "refused", "read its files": "allowed", "write in HOME": "allowed",
		"write a temporary file": "allowed", "write beside its database": "allowed",
	} {
		if !strings.HasPrefix(got.Results[what], want) {
			t.Errorf("%s: %s, want %s", what, got.Results[what], want)
		}
	}
	for _, secret := range []string{"GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK"} {
		if v := got.Env[secret]; v != "" {
			t.Errorf("the server sees %s=%q", secret, v)
		}
	}
	home := got.Env["HOME"]
	if home == "" || home == os.Getenv("HOME") || got.Env["TMPDIR"] != home || got.Env["PATH"] == "" {
		t.Errorf("the server's HOME %q, TMPDIR %q, PATH %q: want a folder of its own, and a PATH", home, got.Env["TMPDIR"], got.Env["PATH"])
	}
	if _, err := os.Stat(filepath.Join(outside, "escaped")); err == nil {
		t.Error("the server wrote outside its folders")
	}
	s.Stop()
	if _, err := os.Stat(home); !os.IsNotExist(err) {
		t.Errorf("the server's HOME %s is left after Stop (%v)", home, err)
	}
}

// probeGo is probePy's first three attempts, in Go: a learner's Go server
// is built, then run confined.
const probeGo = `package main

import (
	"net"
	"net/http"
	"os"
)

func attempt(err error) string {
	if err != nil {
		return "refused: " + err.Error()
	}
	return "allowed"
}

func main() {
	_, readErr := os.ReadFile(os.Getenv("SECRET_FILE"))
	writeErr := os.WriteFile(os.Getenv("OUTSIDE")+"/escaped", []byte("x"), 0o644)
	c, connErr := net.Dial("tcp", "127.0.0.1:"+os.Getenv("LISTENER_PORT"))
	if connErr == nil {
		c.Close()
	}
	body := attempt(readErr) + "\n" + attempt(writeErr) + "\n" + attempt(connErr) + "\n" + os.Getenv("GITHUB_TOKEN") + "\n"
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) })
	http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil)
}
`

// TestConfinedGo builds a Go server, then runs it confined.
func TestConfinedGo(t *testing.T) {
	if abi, _ := llsyscall.LandlockGetABIVersion(); abi < landlockNet {
		t.Skipf("this kernel's Landlock ABI is %d: TCP rules need %d", abi, landlockNet)
	}
	t.Setenv("GITHUB_TOKEN", "the-instructor's-token")
	secretFile := filepath.Join(t.TempDir(), "id_ed25519")
	write(t, secretFile, "PRIVATE KEY")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	opts := goWorkspace(t, probeGo)
	opts.Confine = true
	opts.Env = []string{"SECRET_FILE=" + secretFile, "OUTSIDE=" + t.TempDir(), "LISTENER_PORT=" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)}
	s := startOK(t, context.Background(), opts)
	lines := strings.Split(body(t, s), "\n")
	for i, what := range []string{"read the instructor's key", "write outside", "connect out"} {
		if !strings.HasPrefix(lines[i], "refused") {
			t.Errorf("%s: %s, want refused", what, lines[i])
		}
	}
	if lines[3] != "" {
		t.Errorf("the server sees GITHUB_TOKEN=%q", lines[3])
	}
}

// A confined server whose program is missing says so, as one that is not
// confined does.
func TestConfinedNotFound(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Start(context.Background(), inState(Options{Dir: t.TempDir(), Command: "python3 server/app.py", Confine: true}))
	contains(t, "message", failure(t, err, NotFound).Message, "python3 was not found; install Python 3")
}
