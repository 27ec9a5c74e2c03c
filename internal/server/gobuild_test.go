//go:build unix

package server

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeGo is a fake learner's Go server: it starts a grandchild, then answers
// /health with VERSION, PORT and DATABASE_PATH.
const fakeGo = `package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
)

const version = "VERSION"

func main() {
	if err := exec.Command("sleep", "100").Start(); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, version, " ", os.Getenv("PORT"), " ", os.Getenv("DATABASE_PATH"))
	})
	log.Printf("listening on %s", os.Getenv("PORT"))
	log.Fatal(http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil))
}
`

// goWorkspace writes a workspace with go.mod and server/main.go.
func goWorkspace(t *testing.T, main string) Options {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/learner\n\ngo 1.21\n")
	write(t, filepath.Join(dir, "server", "main.go"), main)
	return inState(Options{Dir: dir, Command: "go run ./server", DatabasePath: filepath.Join(dir, "step.db"),
		BuildTimeout: 5 * time.Minute, StartTimeout: wait})
}

func body(t *testing.T, s *Server) string {
	t.Helper()
	resp, err := s.Do(context.Background(), get(t, "/health"))
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestGoRunBuildsOnlyWhenTheSourcesChange(t *testing.T) {
	opts := goWorkspace(t, strings.Replace(fakeGo, "VERSION", "v1", 1))
	var seen phases
	opts.Progress = seen.add
	hashFile := filepath.Join(opts.Dir, ".sandcastle", "build", "server.hash")
	bin := filepath.Join(opts.Dir, ".sandcastle", "build", "server")

	// wantBuild is the build phase the start reports, or 0 for none.
	start := func(wantBuild Phase, wantVersion string) {
		t.Helper()
		s, err := Start(context.Background(), opts)
		if err != nil {
			t.Fatalf("Start: %v", err)
		}
		if got := body(t, s); !strings.HasPrefix(got, wantVersion+" ") || !strings.HasSuffix(got, " "+opts.DatabasePath) {
			t.Errorf("the server answers %q, want %s, its port and %s", got, wantVersion, opts.DatabasePath)
		}
		if runtime.GOOS == "linux" {
			// The server is sandcastle's own child, not a grandchild under go run.
			if exe, _ := os.Readlink("/proc/" + strconv.Itoa(s.pgid) + "/exe"); exe != bin {
				t.Errorf("the server's process runs %q, want %q", exe, bin)
			}
		}
		if _, err := s.Stop(); err != nil {
			t.Errorf("Stop: %v", err)
		}
		assertGone(t, s.pgid)
		want := []Phase{Starting, Ready, Stopping}
		if wantBuild != 0 {
			want = append([]Phase{wantBuild}, want...)
		}
		if got := seen.take(); !slices.Equal(got, want) {
			t.Errorf("phases %v, want %v", got, want)
		}
	}
	start(FirstBuild, "v1") // no binary yet
	first := stat(t, hashFile)

	start(0, "v1") // nothing changed: no build
	if again := stat(t, hashFile); !again.ModTime().Equal(first.ModTime()) {
		t.Error("the hash file was written again without a build")
	}
	write(t, filepath.Join(opts.Dir, "server", "main.go"), strings.Replace(fakeGo, "VERSION", "v2", 1))
	start(Building, "v2")
	write(t, filepath.Join(opts.Dir, "schema.sql"), "CREATE TABLE t (x);") // not a Go source
	start(0, "v2")
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

func TestBuildFailed(t *testing.T) {
	opts := goWorkspace(t, "package main\n\nfunc main() {\n\tfmt.Println(\"hi\"\n}\n")
	_, err := Start(context.Background(), opts)
	f := failure(t, err, BuildFailed)
	contains(t, "message", f.Message, "your server does not build")
	linesContain(t, f.LastLines, "server/main.go:4")
	if _, err := os.Stat(filepath.Join(opts.Dir, ".sandcastle", "build", "server.hash")); err == nil {
		t.Error("a failed build stored a hash")
	}
	log, _ := os.ReadFile(filepath.Join(opts.Dir, ".sandcastle", "server.log"))
	contains(t, "log", string(log), "server/main.go:4")
}

func TestGoRun(t *testing.T) {
	for _, tc := range []struct {
		command    string
		pkgs, args []string
		ok         bool
	}{
		{"go run ./server", []string{"./server"}, []string{}, true},
		{"go run ./server -v 2", []string{"./server"}, []string{"-v", "2"}, true},
		{"go run main.go db.go --debug", []string{"main.go", "db.go"}, []string{"--debug"}, true},
		{"go run -race ./server", nil, nil, false},
		{"go build ./server", nil, nil, false},
		{"python3 server/app.py", nil, nil, false},
	} {
		t.Run(tc.command, func(t *testing.T) {
			pkgs, args, ok := goRun(strings.Fields(tc.command))
			if ok != tc.ok || !slices.Equal(pkgs, tc.pkgs) || !slices.Equal(args, tc.args) {
				t.Errorf("goRun = %q, %q, %v; want %q, %q, %v", pkgs, args, ok, tc.pkgs, tc.args, tc.ok)
			}
		})
	}
}

// TestBuildIgnoresTheServersOwnSettings: a new API_KEY each run does not
// rebuild the server; a build setting does.
func TestBuildIgnoresTheServersOwnSettings(t *testing.T) {
	dir := t.TempDir()
	o := &Options{Dir: dir, BuildDir: filepath.Join(dir, ".sandcastle", "build")}
	write(t, filepath.Join(dir, "go.mod"), "module x\n\ngo 1.22\n")
	hash := func(env ...string) string {
		o.Env = env
		h, err := sourceHash(o, []string{"./server"}, "go")
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	if hash("API_KEY=a") != hash("API_KEY=b") {
		t.Error("a new API_KEY changed the build's hash")
	}
	if hash("GOFLAGS=-race") == hash() {
		t.Error("GOFLAGS did not change the build's hash")
	}
}

// TestShippedBuildIsNotRun: a repository can carry .sandcastle/build with a
// binary of its own and the hash its sources would have (anyone can compute
// it): sandcastle builds the learner's sources instead of running a binary
// it did not build.
func TestShippedBuildIsNotRun(t *testing.T) {
	opts := goWorkspace(t, strings.Replace(fakeGo, "VERSION", "built", 1))
	o, err := opts.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	goPath, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(t.TempDir(), "shipped-ran")
	write(t, filepath.Join(o.BuildDir, "server"), "#!/bin/sh\ntouch "+marker+"\nexit 1\n")
	os.Chmod(filepath.Join(o.BuildDir, "server"), 0o755)
	// What the repository's author computed: the sources' hash, with
	// everything but what is this machine's own.
	forged, err := sourceHash(&o, []string{"./server"}, goPath)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(o.BuildDir, "server.hash"), forged)

	s, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	defer s.Stop()
	if got := body(t, s); !strings.HasPrefix(got, "built ") {
		t.Errorf("the server answers %q: not the learner's sources", got)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("sandcastle ran the binary the workspace shipped")
	}
}
