//go:build unix

package server

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// wait is how long a test waits for something that should happen soon: long
// enough for a loaded two-core machine. Tests never assert durations.
const wait = 20 * time.Second

func TestMain(m *testing.M) {
	// Orphans become the test's children, so that it can reap them and see
	// their group disappear even under an init that never reaps.
	becomeSubreaper()
	// A confined server's launcher is this binary, started again.
	RunLauncher()
	os.Exit(m.Run())
}

// fakePy is a fake learner's server. It first starts a grandchild (sleep
// 100) and writes "PID SLEEP-PID" to $PIDFILE, then behaves as its mode says.
const fakePy = `import json, os, signal, socket, subprocess, sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer

mode = sys.argv[1]
child = subprocess.Popen(["sleep", "100"])

def host_pids():
    # Its own pid and its child's as sandcastle sees them: a server in a PID
    # namespace numbers its processes from 1.
    try:
        me = os.readlink("/proc/self")
        with open("/proc/self/task/%s/children" % me) as f:
            return int(me), int(f.read().split()[0])
    except (OSError, IndexError, ValueError):
        return os.getpid(), child.pid

if mode == "daemon":
    # A daemon, the classic way: fork, setsid, fork again; the grandchild
    # writes its pid to $PIDFILE.daemon, then the time to $PIDFILE.beat
    # every 50 ms, for ever.
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            try:
                me = os.readlink("/proc/self")
            except OSError:
                me = str(os.getpid())
            with open(os.environ["PIDFILE"] + ".daemon.tmp", "w") as f:
                f.write(me)
            os.rename(os.environ["PIDFILE"] + ".daemon.tmp", os.environ["PIDFILE"] + ".daemon")
            while True:
                with open(os.environ["PIDFILE"] + ".beat", "w") as f:
                    f.write(repr(time.time()))
                time.sleep(0.05)
        os._exit(0)
    os.wait()
    while not os.path.exists(os.environ["PIDFILE"] + ".daemon"):
        time.sleep(0.01)

with open(os.environ["PIDFILE"] + ".tmp", "w") as f:
    f.write("%d %d\n" % host_pids())
os.rename(os.environ["PIDFILE"] + ".tmp", os.environ["PIDFILE"])
print("fake server starting:", mode)

if mode == "exit3":
    print("boom: cannot open the database", file=sys.stderr)
    sys.exit(3)
if mode == "exit0":
    sys.exit(0)
if mode == "sleep":
    time.sleep(1000)
if mode == "ignoreterm":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
port = int(sys.argv[2]) if mode == "wrongport" else int(os.environ["PORT"])

if mode == "refuse":
    # Answer one request, closing the listener before answering, then idle.
    s = socket.socket()
    s.bind(("127.0.0.1", port))
    s.listen()
    while True:
        c, _ = s.accept()
        if c.recv(65536):
            break
        c.close()  # the readiness probe
    s.close()
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    c.close()
    time.sleep(1000)

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if mode == "hang":
            time.sleep(1000)
        if mode == "crash":
            print("panic: the handler crashed", file=sys.stderr)
            os._exit(4)
        if self.path == "/raise":
            raise RuntimeError("oops in the handler")
        body = json.dumps({"port": os.environ["PORT"], "database_path": os.environ.get("DATABASE_PATH", ""),
                           "extra": os.environ.get("EXTRA", "")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.path == "/twice":  # a handler with no return after its answer
            self.send_error(404)

print("listening on", port)
HTTPServer(("127.0.0.1", port), Handler).serve_forever()
`

// fake is a fake server's options, and the pid of its process once started.
type fake struct {
	Options
	pid atomic.Int64
}

// inState gives o the log file and build folder a workspace's server has.
func inState(o Options) Options {
	o.LogPath = filepath.Join(o.Dir, ".sandcastle", "server.log")
	o.BuildDir = filepath.Join(o.Dir, ".sandcastle", "build")
	return o
}

// pyFake returns the fake Python server in mode (args after it), in a new
// workspace.
func pyFake(t testing.TB, mode string, args ...string) *fake {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "fake.py"), fakePy)
	f := &fake{Options: inState(Options{
		Dir:          dir,
		Command:      strings.Join(append([]string{"python3", "fake.py", mode}, args...), " "),
		Env:          []string{"PIDFILE=" + filepath.Join(dir, "pids")},
		StartTimeout: wait,
	})}
	f.onStart = func(pid int) { f.pid.Store(int64(pid)) }
	return f
}

// assertGone fails the test if a process of the fake's group is left, or
// its grandchild (when it got as far as starting one).
func (f *fake) assertGone(t *testing.T) {
	t.Helper()
	pid := int(f.pid.Load())
	if pid == 0 {
		t.Fatal("the server's process never started")
	}
	var pids []int
	if b, err := os.ReadFile(filepath.Join(f.Dir, "pids")); err == nil {
		grandchild, _ := strconv.Atoi(strings.Fields(string(b))[1])
		pids = append(pids, grandchild)
	}
	assertGone(t, pid, pids...)
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// started waits until the fake server has written its pids: it runs.
func (f *fake) started() bool {
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join(f.Dir, "pids")); err == nil {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// assertGone fails the test if a process of the group pgid is left, or one
// of pids. It reaps the group's orphans (see TestMain) and gives their exit
// a moment to be seen, since a killed process is not gone at once.
func assertGone(t testing.TB, pgid int, pids ...int) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		reapGroup(pgid)
		left := []string{}
		if err := syscall.Kill(-pgid, 0); !errors.Is(err, syscall.ESRCH) {
			left = append(left, "group "+strconv.Itoa(pgid))
		}
		for _, pid := range pids {
			if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
				left = append(left, "process "+strconv.Itoa(pid))
			}
		}
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			ps, _ := exec.Command("ps", "-eo", "pid,ppid,pgid,stat,args").CombinedOutput()
			t.Fatalf("left behind: %s\n%s", strings.Join(left, ", "), ps)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startOK starts opts and fails the test if it does not start; the server
// is stopped and checked gone at the end of the test.
func startOK(t testing.TB, ctx context.Context, opts Options) *Server {
	t.Helper()
	s, err := Start(ctx, opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		s.Close()
		assertGone(t, s.pgid)
	})
	return s
}

// failure checks that err is a *Failure with the reason want.
func failure(t *testing.T, err error, want Reason) *Failure {
	t.Helper()
	var f *Failure
	if !errors.As(err, &f) {
		t.Fatalf("error %v (%T), want a *Failure %s", err, err, want)
	}
	if f.Reason != want {
		t.Fatalf("reason %s, want %s; message: %v", f.Reason, want, f)
	}
	return f
}

func contains(t *testing.T, what, text, want string) {
	t.Helper()
	if !strings.Contains(text, want) {
		t.Errorf("%s %q does not contain %q", what, text, want)
	}
}

func linesContain(t *testing.T, lines []string, want string) {
	t.Helper()
	contains(t, "last lines", strings.Join(lines, "\n"), want)
}

// phases records the phases reported to Options.Progress.
type phases struct {
	mu   sync.Mutex
	seen []Phase
}

func (p *phases) add(ph Phase) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen = append(p.seen, ph)
}

func (p *phases) take() []Phase {
	p.mu.Lock()
	defer p.mu.Unlock()
	seen := p.seen
	p.seen = nil
	return seen
}
