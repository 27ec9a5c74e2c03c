package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sandcastle/sandcastle/cmd"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/termtext/termtexttest"
)

func TestMain(m *testing.M) {
	// grade confines a student's server with this binary, started again.
	server.RunLauncher()
	testscript.Main(m, map[string]func(){
		"sandcastle": func() { os.Exit(cmd.Execute()) },
	})
}

// TestScripts drives the real binary through the scripts in
// testdata/script: init, check, hint, reset, lint, exit codes, escapes.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams("testdata/script"))
}

// scriptParams runs the scripts in dir with the sandcastle command, the
// fixture courses, a private data and config folder, and the commands
// below.
func scriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir: dir,
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, ".data"))
			// Trust is recorded in the user's config folder: the script's own.
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			// Courses from git are fetched into the user's cache folder: the script's own.
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("NO_COLOR", "1")
			// A port no other script uses, for serve --port: scripts run in
			// parallel, and serve refuses a port in use.
			port, err := freePort()
			if err != nil {
				return err
			}
			env.Setenv("FREEPORT", port)
			// A learner's Go server builds with the real Go caches and proxy.
			for name, value := range goEnv() {
				env.Setenv(name, value)
			}
			// Every script finds the fixture courses: $WORK/course (SQL),
			// $WORK/web (a server in Go or Python) and $WORK/ahead (steps
			// that build on each other, to skip ahead).
			for name, src := range map[string]string{"course": "tiny", "web": "web", "ahead": "ahead"} {
				if err := os.CopyFS(filepath.Join(env.WorkDir, name), os.DirFS(filepath.Join("testdata/courses", src))); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: scriptCmds(),
	}
}

// freePort returns a port of 127.0.0.1 that nothing listens on now.
func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

// scriptCmd is a command of the scripts' own.
type scriptCmd = func(ts *testscript.TestScript, neg bool, args []string)

// scriptCmds are the scripts' own commands: these, and on Unix those that
// look for processes and send signals (processCmds).
func scriptCmds() map[string]scriptCmd {
	cmds := map[string]scriptCmd{
		"lines":    linesCmd,
		"sleep":    sleepCmd,
		"http":     httpCmd,
		"junit":    junitCmd,
		"ctl":      ctlCmd,
		"clean":    cleanCmd,
		"workflow": workflowCmd,
		"grades":   gradesCmd,
	}
	maps.Copy(cmds, processCmds)
	return cmds
}

// goEnv is the Go environment a learner's Go server builds with in the
// scripts: the caches and module proxy of the machine running the tests.
var goEnv = sync.OnceValue(func() map[string]string {
	names := []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOFLAGS", "GOTOOLCHAIN", "GONOSUMDB", "GOSUMDB"}
	out, err := exec.Command("go", append([]string{"env"}, names...)...).Output()
	env := map[string]string{}
	if err != nil {
		return env
	}
	for i, v := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if i < len(names) && v != "" {
			env[names[i]] = v
		}
	}
	return env
})

// linesCmd asserts that a file has exactly N lines: lines N FILE.
func linesCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: lines N FILE")
	}
	data := ts.ReadFile(args[1])
	n := 0
	for _, c := range data {
		if c == '\n' {
			n++
		}
	}
	if (strconv.Itoa(n) == args[0]) == neg {
		ts.Fatalf("%s has %d lines, want %s%s", args[1], n, map[bool]string{true: "not ", false: ""}[neg], args[0])
	}
}

// sleepCmd waits: sleep DURATION. Scripts use it to let a background
// command (check --watch) see a change; the durations are generous.
func sleepCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

// httpCmd sends a request, retrying until something listens (15 s at most),
// and prints the status and the body: http METHOD URL [BODY].
func httpCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: http METHOD URL [BODY]")
	}
	var body string
	if len(args) == 3 {
		body = args[2]
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		req, err := http.NewRequest(args[0], args[1], strings.NewReader(body))
		ts.Check(err)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			out, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Fprintf(ts.Stdout(), "%d\n%s\n", resp.StatusCode, out)
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s %s: %v", args[0], args[1], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// junitCmd reads a JUnit XML file the way CI systems do and prints, per
// test suite, its name and counts, then each failed or errored case:
// junit FILE.
func junitCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: junit FILE")
	}
	type problem struct {
		Message string `xml:"message,attr"`
	}
	var doc struct {
		XMLName xml.Name `xml:"testsuites"`
		Tests   int      `xml:"tests,attr"`
		Suites  []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Errors   int    `xml:"errors,attr"`
			Cases    []struct {
				Class   string   `xml:"classname,attr"`
				Name    string   `xml:"name,attr"`
				Failure *problem `xml:"failure"`
				Error   *problem `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	ts.Check(xml.Unmarshal([]byte(ts.ReadFile(args[0])), &doc))
	for _, s := range doc.Suites {
		if s.Tests != len(s.Cases) {
			ts.Fatalf("suite %s says %d tests and has %d", s.Name, s.Tests, len(s.Cases))
		}
		fmt.Fprintf(ts.Stdout(), "suite %s tests=%d failures=%d errors=%d\n", s.Name, s.Tests, s.Failures, s.Errors)
		for _, c := range s.Cases {
			switch {
			case c.Failure != nil:
				fmt.Fprintf(ts.Stdout(), "  failure %s: %s\n", c.Name, c.Failure.Message)
			case c.Error != nil:
				fmt.Fprintf(ts.Stdout(), "  error %s: %s\n", c.Name, c.Error.Message)
			}
		}
	}
}

// controls are the placeholders ctl replaces: what a hostile course sends a
// terminal. {ALL} is termtexttest.Text (OSC 52, OSC 0, CSI 2J, SGR, the C1
// control CSI, a bidi override), {YAML} the same as YAML escapes.
var controls = strings.NewReplacer(
	"{ALL}", termtexttest.Text, "{YAML}", termtexttest.YAML,
	"{ESC}", "\x1b", "{BEL}", "\x07", "{C1}", "\u009b", "{RLO}", "\u202e", "{NUL}", "\x00",
)

// ctlCmd writes control characters into files in place of their
// placeholders ({ALL}, {YAML}, {ESC}, {BEL}, {C1}, {RLO}, {NUL}):
// ctl FILE...
func ctlCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: ctl FILE...")
	}
	for _, f := range args {
		ts.Check(os.WriteFile(ts.MkAbs(f), []byte(controls.Replace(ts.ReadFile(f))), 0o644))
	}
}

// cleanCmd asserts that the last command's stdout and stderr, or the
// files named, hold nothing a terminal would act on: no ESC at all (the
// scripts run with NO_COLOR), no other C0 control but newline and tab, no
// DEL, no C1 control (as a character or a lone byte), no bidi control:
// clean [FILE...]
func cleanCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: clean [FILE...]")
	}
	if len(args) == 0 {
		args = []string{"stdout", "stderr"}
	}
	for _, f := range args {
		if what, found := termtexttest.Find(ts.ReadFile(f), nil); found {
			ts.Fatalf("%s holds %s", f, what)
		}
	}
}
