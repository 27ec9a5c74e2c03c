//go:build unix

package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func get(t testing.TB, path string) *http.Request {
	t.Helper()
	req, err := http.NewRequest("GET", path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestGoodServer(t *testing.T) {
	f := pyFake(t, "good")
	f.DatabasePath = "step.db"
	f.Env = append(f.Env, "EXTRA=yes")
	var seen phases
	f.Progress = seen.add
	s := startOK(t, context.Background(), f.Options)

	resp, err := s.Do(context.Background(), get(t, "/health"))
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	var got map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"port": strconv.Itoa(s.Port), "database_path": filepath.Join(f.Dir, "step.db"), "extra": "yes"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("the server sees %s=%q, want %q", k, got[k], v)
		}
	}
	if s.URL != "http://127.0.0.1:"+strconv.Itoa(s.Port) {
		t.Errorf("URL %q", s.URL)
	}
	if exited, _ := s.Exited(); exited {
		t.Error("Exited reports a running server as exited")
	}
	if p := seen.take(); !slices.Equal(p, []Phase{Starting, Ready}) {
		t.Errorf("phases %v, want [starting ready]", p)
	}
	linesContain(t, s.out.last(5), "listening on "+strconv.Itoa(s.Port))

	st, err := s.Stop()
	if err != nil || st.Killed || st.AlreadyExited {
		t.Errorf("Stop = %+v, %v; want a clean stop", st, err)
	}
	s.Close() // a second stop is harmless
	if p := seen.take(); !slices.Equal(p, []Phase{Stopping}) {
		t.Errorf("phases %v, want [stopping]", p)
	}
	f.assertGone(t)
	log, err := os.ReadFile(filepath.Join(f.Dir, ".sandcastle", "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "log", string(log), "fake server starting: good")
}

func TestNotFound(t *testing.T) {
	for _, tc := range []struct{ name, command, want string }{
		{"python3 is missing", "python3 server/app.py", "python3 was not found; install Python 3"},
		{"go is missing", "go run ./server", "go was not found; install Go"},
		{"another program is missing", "node server.js", "node was not found; install it, or check the course's server command (`node server.js`)"},
		{"a program of the workspace is missing", "./run-server", "./run-server was not found"},
		{"no command", "  ", "this course gives no command"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PATH", t.TempDir())
			_, err := Start(context.Background(), inState(Options{Dir: t.TempDir(), Command: tc.command}))
			contains(t, "message", failure(t, err, NotFound).Message, tc.want)
		})
	}
}

func TestExitedEarly(t *testing.T) {
	t.Run("with an error", func(t *testing.T) {
		fk := pyFake(t, "exit3")
		_, err := Start(context.Background(), fk.Options)
		fk.assertGone(t)
		f := failure(t, err, ExitedEarly)
		if f.ExitCode != 3 {
			t.Errorf("exit code %d, want 3", f.ExitCode)
		}
		contains(t, "message", f.Message, "your server exited with code 3 before it listened on port")
		linesContain(t, f.LastLines, "boom: cannot open the database")
	})
	t.Run("without an error", func(t *testing.T) {
		fk := pyFake(t, "exit0")
		_, err := Start(context.Background(), fk.Options)
		fk.assertGone(t)
		contains(t, "message", failure(t, err, ExitedEarly).Message, "a server must keep running")
	})
}

func TestNeverListened(t *testing.T) {
	fk := pyFake(t, "sleep")
	fk.StartTimeout = time.Second
	_, err := Start(context.Background(), fk.Options)
	fk.assertGone(t)
	f := failure(t, err, NeverListened)
	contains(t, "message", f.Message, "did not listen on port")
	contains(t, "message", f.Message, "within 1 s")
}

func TestWrongPort(t *testing.T) {
	other, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	fk := pyFake(t, "wrongport", strconv.Itoa(other))
	_, err = Start(context.Background(), fk.Options)
	fk.assertGone(t)
	f := failure(t, err, WrongPort)
	contains(t, "message", f.Message, "your server listens on port "+strconv.Itoa(other)+", not on the port in $PORT (")
	contains(t, "message", f.Message, "read the port from the PORT environment variable")
}

func TestHung(t *testing.T) {
	f := pyFake(t, "hang")
	f.RequestTimeout = time.Second
	s := startOK(t, context.Background(), f.Options)
	_, err := s.Do(context.Background(), get(t, "/health"))
	contains(t, "message", failure(t, err, Hung).Message, "the server did not answer GET /health within 1 s")
}

func TestCrashedWhileAnswering(t *testing.T) {
	fk := pyFake(t, "crash")
	s := startOK(t, context.Background(), fk.Options)
	_, err := s.Do(context.Background(), get(t, "/scores?top=3"))
	f := failure(t, err, Crashed)
	if f.ExitCode != 4 {
		t.Errorf("exit code %d, want 4", f.ExitCode)
	}
	contains(t, "message", f.Message, "your server exited with code 4 while answering GET /scores?top=3")
	linesContain(t, f.LastLines, "panic: the handler crashed")

	exited, info := s.Exited()
	if !exited || info.Code != 4 {
		t.Errorf("Exited = %v, %+v; want exit code 4", exited, info)
	}
	// What it started went with it.
	fk.assertGone(t)
	_, err = s.Do(context.Background(), get(t, "/health"))
	contains(t, "message", failure(t, err, Crashed).Message, "before GET /health was sent")
	if st, err := s.Stop(); err != nil || !st.AlreadyExited || st.Killed {
		t.Errorf("Stop = %+v, %v; want AlreadyExited", st, err)
	}
}

// TestAnsweredTwice: what a handler sends after its answer is kept apart
// from it, so a check can say the server answered twice; a handler that
// answers once leaves nothing after.
func TestAnsweredTwice(t *testing.T) {
	f := pyFake(t, "good")
	s := startOK(t, context.Background(), f.Options)
	a, err := s.Do(context.Background(), get(t, "/health"))
	if err != nil {
		t.Fatal(err)
	}
	if a.StatusCode != 200 || len(a.After) != 0 {
		t.Errorf("one answer: status %d, after it %q", a.StatusCode, a.After)
	}
	a, err = s.Do(context.Background(), get(t, "/twice"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(a.Body)
	if a.StatusCode != 200 || !strings.Contains(string(body), "port") {
		t.Errorf("the first answer: %d %q", a.StatusCode, body)
	}
	if !strings.HasPrefix(string(a.After), "HTTP/1.0 404") {
		t.Errorf("after the answer: %q, want the second answer", a.After)
	}
}

func TestRefused(t *testing.T) {
	f := pyFake(t, "refuse")
	s := startOK(t, context.Background(), f.Options)
	resp, err := s.Do(context.Background(), get(t, "/health"))
	if err != nil {
		t.Fatalf("first request: %v", err)
	}
	if body, _ := io.ReadAll(resp.Body); string(body) != "ok" {
		t.Fatalf("first answer %q, want ok", body)
	}
	_, err = s.Do(context.Background(), get(t, "/health"))
	contains(t, "message", failure(t, err, Refused).Message, "your server is still running but refused GET /health")
}

func TestDropped(t *testing.T) {
	fk := pyFake(t, "good")
	s := startOK(t, context.Background(), fk.Options)
	_, err := s.Do(context.Background(), get(t, "/raise"))
	f := failure(t, err, Dropped)
	contains(t, "message", f.Message, "your server did not give a valid answer to GET /raise")
	linesContain(t, f.LastLines, "RuntimeError: oops in the handler")
	if _, err := s.Do(context.Background(), get(t, "/health")); err != nil {
		t.Errorf("the server should still answer: %v", err)
	}
}

func TestIgnoresSIGTERM(t *testing.T) {
	f := pyFake(t, "ignoreterm")
	f.StopTimeout = 500 * time.Millisecond
	s := startOK(t, context.Background(), f.Options)
	st, err := s.Stop()
	if err != nil || !st.Killed {
		t.Errorf("Stop = %+v, %v; want Killed", st, err)
	}
	f.assertGone(t)
}

func TestCanceled(t *testing.T) {
	t.Run("while starting", func(t *testing.T) {
		f := pyFake(t, "sleep")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			f.started()
			cancel()
		}()
		_, err := Start(ctx, f.Options)
		f.assertGone(t)
		contains(t, "message", failure(t, err, Canceled).Message, "sandcastle was interrupted before your server was ready")
	})
	t.Run("while running", func(t *testing.T) {
		f := pyFake(t, "ignoreterm") // ignoring SIGTERM does not save it
		f.StopTimeout = 200 * time.Millisecond
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		s := startOK(t, ctx, f.Options)
		cancel()
		f.assertGone(t)
		_, err := s.Do(context.Background(), get(t, "/health"))
		if err == nil {
			t.Error("a request to a server whose context ended succeeded")
		}
	})
	t.Run("while waiting for an answer", func(t *testing.T) {
		f := pyFake(t, "hang")
		s := startOK(t, context.Background(), f.Options)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(200*time.Millisecond, cancel)
		_, err := s.Do(ctx, get(t, "/health"))
		failure(t, err, Canceled)
	})
}

// BenchmarkRequest times one GET to the fake Python server: through
// net/http's client on a connection of its own (the baseline: how Do sent
// requests before it read what follows an answer), and through Do.
func BenchmarkRequest(b *testing.B) {
	f := pyFake(b, "good")
	s := startOK(b, context.Background(), f.Options)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	url := s.URL + "/health"
	b.Run("net/http client", func(b *testing.B) {
		for b.Loop() {
			resp, err := client.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			io.ReadAll(resp.Body)
			resp.Body.Close()
		}
	})
	b.Run("Do", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Do(context.Background(), get(b, "/health")); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestPortInUse: a port chosen by the learner (serve --port) that another
// program listens on is refused before the server starts: otherwise that
// program's answer would pass for the server's being ready.
func TestPortInUse(t *testing.T) {
	other, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	fk := pyFake(t, "good")
	fk.Port = other.Addr().(*net.TCPAddr).Port
	var seen phases
	fk.Progress = seen.add
	s, err := Start(context.Background(), fk.Options)
	if err == nil {
		s.Stop()
		t.Fatal("Start succeeded on a port another program listens on")
	}
	contains(t, "error", err.Error(), fmt.Sprintf("port %d is in use by another program", fk.Port))
	if p := seen.take(); len(p) != 0 {
		t.Errorf("phases %v: the server started", p)
	}
}

// TestStartNeedsItsPaths: the caller says where the log and the build go;
// the server package has no layout of its own to fall back on.
func TestStartNeedsItsPaths(t *testing.T) {
	dir := t.TempDir()
	for _, o := range []Options{
		{Dir: dir, Command: "python3 app.py", BuildDir: filepath.Join(dir, "build")},
		{Dir: dir, Command: "python3 app.py", LogPath: filepath.Join(dir, "server.log")},
	} {
		if _, err := Start(context.Background(), o); err == nil || !strings.Contains(err.Error(), "no log file or no build folder") {
			t.Errorf("Start(%+v) = %v, want a refusal", o, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Start wrote %v in the workspace", entries)
	}
}
