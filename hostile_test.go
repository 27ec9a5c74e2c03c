//go:build linux

// The hostile suite (TestHostile, testdata/hostile/*.txtar) is issue 10's
// acceptance test: courses, workspaces and learners' servers written to
// break sandcastle on purpose, each script stating its attack and what must
// hold. Whatever a script asserts besides, every run of sandcastle in it
// goes through `sc`, which holds it to the bounds: no escape
// sequence, BEL, C1 control or bidi override reaches the terminal (with
// NO_COLOR set, as every script has it), the process (with the children it
// waited for) peaks under 300 MB, and it ends within 90 s. `snapshot` and
// `unchanged` prove that nothing outside the workspace was added, changed
// or removed ($HOME, a folder beside the workspace, an instructor's
// reports), and `leftovers` that no process a script started outlives it.
// The suite takes about 40 s on 2 cores and is skipped with -short; it runs
// on Linux, where /proc says what is left behind.
//
// Commands, besides those of TestScripts:
//
//	sc [-signal SIG:DURATION [-when FILE]] [-readonly DIR] [-mayfail] ARGS...
//	    runs the built sandcastle with the script's environment (the
//	    variables its setup defines, with their current values: a variable
//	    a script adds with env is not passed on) in the script's folder, and writes what it printed to the script's stdout
//	    and stderr; `! sc` expects it to fail. -signal sends SIGINT,
//	    SIGTERM, SIGHUP or SIGKILL DURATION after it starts, or after FILE
//	    exists with -when (the command fails if FILE never appears).
//	    -readonly runs it where DIR is mounted read-only (root writes
//	    through file modes). -mayfail checks only the bounds, not the
//	    exit code, where the issue allows either.
//	snapshot DIR NAME
//	    records every file under DIR: its path, type, mode, size, time and
//	    content (a hash) or link target.
//	unchanged NAME
//	    fails, naming each one, when a file under the snapshot's folder was
//	    added, changed or removed since.
//	leftovers
//	    fails when a process other than the test names $WORK in its
//	    command line, folder, environment or open files 2 s after the
//	    command, and kills it.
//
// The condition [root] holds when the test runs as root, which a
// read-only mount (sc -readonly) needs.

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"
)

const (
	// hostileMemory is the most a run of sandcastle may take: peak RSS.
	hostileMemory = 300_000_000
	// hostileTimeout is how long a run of sandcastle may take.
	hostileTimeout = 90 * time.Second
	// hostileSecret is the value of the secrets in every script's
	// environment: a learner's or student's server must never see it.
	hostileSecret = "hostile-secret-4b1d"
)

// TestHostile runs the hostile courses, workspaces and servers of
// testdata/hostile against the built binary.
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile suite takes minutes")
	}
	bin := filepath.Join(t.TempDir(), "sandcastle")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	p := scriptParams("testdata/hostile")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		home := filepath.Join(env.WorkDir, "home")
		if err := os.MkdirAll(home, 0o755); err != nil {
			return err
		}
		env.Setenv("HOME", home)
		// The secrets of whoever runs sandcastle: an instructor's tokens.
		env.Setenv("GITHUB_TOKEN", hostileSecret)
		env.Setenv("AWS_SECRET_ACCESS_KEY", hostileSecret)
		var vars []string
		for _, kv := range env.Vars {
			if name, _, ok := strings.Cut(kv, "="); ok && !slices.Contains(vars, name) {
				vars = append(vars, name)
			}
		}
		env.Values[hostileKey{}] = &hostileScript{bin: bin, env: vars, snapshots: map[string]*snapshot{}}
		return nil
	}
	condition := p.Condition
	p.Condition = func(cond string) (bool, error) {
		if cond == "root" {
			return os.Geteuid() == 0, nil
		}
		if condition == nil {
			return false, fmt.Errorf("unknown condition %q", cond)
		}
		return condition(cond)
	}
	p.Cmds["sc"] = scCmd
	p.Cmds["snapshot"] = snapshotCmd
	p.Cmds["unchanged"] = unchangedCmd
	p.Cmds["leftovers"] = leftoversCmd
	testscript.Run(t, p)
}

// hostileKey finds a script's hostileScript among its values.
type hostileKey struct{}

// hostileScript is what the commands of one script share.
type hostileScript struct {
	bin       string
	env       []string // names of the variables sc passes on
	snapshots map[string]*snapshot
}

func hostileOf(ts *testscript.TestScript) *hostileScript {
	return ts.Value(hostileKey{}).(*hostileScript)
}

// scRun is one run of sc: its flags and arguments.
type scRun struct {
	signal   syscall.Signal
	after    time.Duration
	when     string
	readonly string
	mayFail  bool
	args     []string
}

var scSignals = map[string]syscall.Signal{
	"INT": syscall.SIGINT, "TERM": syscall.SIGTERM, "HUP": syscall.SIGHUP, "KILL": syscall.SIGKILL,
}

func parseSC(args []string) (scRun, error) {
	var r scRun
	for len(args) > 0 && slices.Contains([]string{"-signal", "-when", "-readonly", "-mayfail"}, args[0]) {
		if args[0] == "-mayfail" {
			r.mayFail, args = true, args[1:]
			continue
		}
		if len(args) == 1 {
			return r, fmt.Errorf("%s needs a value", args[0])
		}
		switch args[0] {
		case "-signal":
			name, dur, ok := strings.Cut(args[1], ":")
			sig, known := scSignals[strings.TrimPrefix(name, "SIG")]
			d, err := time.ParseDuration(dur)
			if !ok || !known || err != nil {
				return r, fmt.Errorf("-signal %s: want INT, TERM, HUP or KILL, a colon and a duration", args[1])
			}
			r.signal, r.after = sig, d
		case "-when":
			r.when = args[1]
		case "-readonly":
			r.readonly = args[1]
		}
		args = args[2:]
	}
	if r.when != "" && r.signal == 0 {
		return r, errors.New("usage: sc [-signal SIG:DURATION [-when FILE]] [-readonly DIR] [-mayfail] ARGS...")
	}
	r.args = args
	return r, nil
}

// scCmd runs sandcastle and holds it to the suite's bounds.
func scCmd(ts *testscript.TestScript, neg bool, args []string) {
	r, err := parseSC(args)
	ts.Check(err)
	res := runSC(ts, r)
	ts.Stdout().Write(res.stdout)
	ts.Stderr().Write(res.stderr)
	ts.Logf("sc %s: %v, peak RSS %.0f MB", strings.Join(r.args, " "), res.state, float64(res.rss)/1e6)
	if problem := res.outOfBounds(ts.Getenv("NO_COLOR") != ""); problem != "" {
		ts.Fatalf("%s", problem)
	}
	switch {
	case r.mayFail:
	case neg && res.state.Success():
		ts.Fatalf("unexpected success")
	case !neg && !res.state.Success():
		ts.Fatalf("sandcastle: %v", res.state)
	}
}

// scResult is what one run of sandcastle did.
type scResult struct {
	state          *os.ProcessState
	stdout, stderr []byte
	rss            int64 // peak, in bytes, of it and the children it waited for
	timedOut       bool
	signalErr      error // why sc's signal was not sent
}

// runSC runs sandcastle as r says, in the script's folder with its
// environment, and kills it after hostileTimeout.
func runSC(ts *testscript.TestScript, r scRun) scResult {
	h := hostileOf(ts)
	name, argv := h.bin, r.args
	if r.readonly != "" {
		// A mount namespace of its own, where DIR is mounted read-only.
		argv = append([]string{"--mount", "--propagation", "private", "sh", "-c",
			`mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"`,
			"sc", ts.MkAbs(r.readonly), h.bin}, r.args...)
		name = "unshare"
	}
	cmd := exec.Command(name, argv...)
	cmd.Dir = ts.MkAbs(".")
	for _, v := range h.env {
		cmd.Env = append(cmd.Env, v+"="+ts.Getenv(v))
	}
	cmd.Env = append(cmd.Env, "PWD="+cmd.Dir)
	// Files, not pipes: a process left behind that holds them open does
	// not keep Wait waiting.
	stdout, stderr := scratchFile(ts), scratchFile(ts)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	ts.Check(cmd.Start())

	done := make(chan struct{})
	signalled := make(chan error, 1)
	if r.signal != 0 {
		go func() { signalled <- sendSignal(cmd, r, ts.MkAbs(r.when), done) }()
	}
	var timedOut atomic.Bool
	timer := time.AfterFunc(hostileTimeout, func() { timedOut.Store(true); cmd.Process.Kill() })
	cmd.Wait()
	timer.Stop()
	close(done)

	res := scResult{
		state:    cmd.ProcessState,
		stdout:   readScratch(ts, stdout),
		stderr:   readScratch(ts, stderr),
		rss:      int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) * 1024,
		timedOut: timedOut.Load(),
	}
	if r.signal != 0 {
		res.signalErr = <-signalled
	}
	return res
}

// outOfBounds says how the run broke the suite's bounds, or "": its time,
// its signal, its memory, and, when noColor, what it printed.
func (res scResult) outOfBounds(noColor bool) string {
	switch {
	case res.timedOut && res.signalErr != nil:
		return fmt.Sprintf("sandcastle did not end within %v: killed (%v)", hostileTimeout, res.signalErr)
	case res.timedOut:
		return fmt.Sprintf("sandcastle did not end within %v: killed", hostileTimeout)
	case res.signalErr != nil:
		return res.signalErr.Error()
	case res.rss >= hostileMemory:
		return fmt.Sprintf("sandcastle (with the children it waited for) peaked at %.0f MB of memory, over %.0f MB", float64(res.rss)/1e6, hostileMemory/1e6)
	}
	if !noColor {
		return ""
	}
	for _, o := range []struct {
		name string
		data []byte
	}{{"stdout", res.stdout}, {"stderr", res.stderr}} {
		if hazards := terminalHazards(o.data); len(hazards) > 0 {
			return fmt.Sprintf("sandcastle's %s carries what a terminal would act on:\n\t%s", o.name, strings.Join(hazards, "\n\t"))
		}
	}
	return ""
}

// sendSignal sends r's signal after its delay, counted from when r.when
// exists if it is set, unless the command ends first.
func sendSignal(cmd *exec.Cmd, r scRun, when string, done <-chan struct{}) error {
	if r.when != "" {
		for {
			if _, err := os.Lstat(when); err == nil {
				break
			}
			select {
			case <-done:
				return fmt.Errorf("sandcastle ended before %s existed: no signal sent", r.when)
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	select {
	case <-done:
		return fmt.Errorf("sandcastle ended before the %v was sent", r.signal)
	case <-time.After(r.after):
	}
	if err := cmd.Process.Signal(r.signal); err != nil {
		return fmt.Errorf("send %v: %v", r.signal, err)
	}
	return nil
}

func scratchFile(ts *testscript.TestScript) *os.File {
	f, err := os.CreateTemp("", "sandcastle-sc-")
	ts.Check(err)
	return f
}

func readScratch(ts *testscript.TestScript, f *os.File) []byte {
	defer os.Remove(f.Name())
	defer f.Close()
	_, err := f.Seek(0, io.SeekStart)
	ts.Check(err)
	data, err := io.ReadAll(f)
	ts.Check(err)
	return data
}

// terminalHazards lists what in out a terminal would act on: ESC (which
// starts every escape sequence), BEL (which ends OSC sequences), the C1
// controls (U+0080 to U+009F, and their raw bytes in text that is not
// UTF-8), the other C0 controls but tab and newline (a carriage return or
// a backspace hides what was printed), DEL, and the bidi overrides and
// isolates that reorder what is shown. It is written apart from
// internal/termtext on purpose: an acceptance test that shared the code's
// idea of what is unsafe would share its mistakes.
func terminalHazards(out []byte) []string {
	var hazards []string
	for i := 0; i < len(out) && len(hazards) < 5; {
		r, size := utf8.DecodeRune(out[i:])
		var what string
		switch {
		case r == 0x1b:
			what = "ESC"
		case r == 0x07:
			what = "BEL"
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7f:
			what = fmt.Sprintf("the control character %U", r)
		case r >= 0x80 && r <= 0x9f:
			what = fmt.Sprintf("the C1 control %U", r)
		case r == utf8.RuneError && size == 1 && out[i] >= 0x80 && out[i] <= 0x9f:
			what = fmt.Sprintf("the byte 0x%x (a C1 control outside UTF-8)", out[i])
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			what = fmt.Sprintf("the bidi control %U", r)
		}
		if what != "" {
			lo, hi := max(i-30, 0), min(i+size+30, len(out))
			hazards = append(hazards, fmt.Sprintf("%s at byte %d: %q", what, i, out[lo:hi]))
		}
		i += size
	}
	return hazards
}

// TestHostileGuards checks the suite's own guards: what sc refuses to let
// through, and how leftovers tells $WORK from a longer name.
func TestHostileGuards(t *testing.T) {
	for _, c := range []struct {
		name, out string
		hazard    bool
	}{
		{"plain text, tabs and marks", "✓ passed\tok\n✗ — “quoted” ␛ \ufffd", false},
		{"carriage return", "100%\rdone", true},
		{"OSC 52", "x\x1b]52;c;cm0=\x07", true},
		{"BEL alone", "ding\x07", true},
		{"backspace", "secret\b\b", true},
		{"C1 CSI in UTF-8", "a\u009b2J", true},
		{"C1 as a raw byte", "a\x9b2J", true},
		{"right-to-left override", "abc\u202edef", true},
		{"first strong isolate", "abc\u2068def", true},
	} {
		if got := len(terminalHazards([]byte(c.out))) > 0; got != c.hazard {
			t.Errorf("%s: terminalHazards(%q) found a hazard: %v, want %v", c.name, c.out, got, c.hazard)
		}
	}
	for _, c := range []struct {
		data string
		want bool
	}{
		{"/tmp/w/script-a", true},
		{"python3\x00/tmp/w/script-a/ws/app.py\x00", true},
		{"WORK=/tmp/w/script-a\x00", true},
		{"PATH=/tmp/w/script-a:/bin", true},
		{"/tmp/w/script-ab", false},
		{"/tmp/w/script-a.old", false},
		{"/tmp/w/script", false},
	} {
		if got := names([]byte(c.data), "/tmp/w/script-a"); got != c.want {
			t.Errorf("names(%q) = %v, want %v", c.data, got, c.want)
		}
	}
}
