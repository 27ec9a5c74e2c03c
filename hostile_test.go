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
// The suite takes a minute or two and is skipped with -short; it runs on
// Linux, where /proc says what is left behind.
//
// Commands, besides those of TestScripts:
//
//	sc [-signal SIG:DURATION [-when FILE]] [-readonly DIR] [-mayfail] ARGS...
//	    runs the built sandcastle with the script's environment (the
//	    variables its setup defines, with their current values) in the
//	    script's folder, and writes what it printed to the script's stdout
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
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
		var names []string
		for _, kv := range env.Vars {
			if name, _, ok := strings.Cut(kv, "="); ok && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
		env.Values[hostileKey{}] = &hostileScript{bin: bin, env: names, snapshots: map[string]*snapshot{}}
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
	h := hostileOf(ts)
	r, err := parseSC(args)
	ts.Check(err)
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
	err = cmd.Wait()
	timer.Stop()
	close(done)

	out, errOut := readScratch(ts, stdout), readScratch(ts, stderr)
	ts.Stdout().Write(out)
	ts.Stderr().Write(errOut)
	rss := int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) * 1024
	ts.Logf("sc %s: %v, peak RSS %.0f MB", strings.Join(r.args, " "), cmd.ProcessState, float64(rss)/1e6)

	var signalErr error
	if r.signal != 0 {
		signalErr = <-signalled
	}
	if timedOut.Load() {
		if signalErr != nil {
			ts.Fatalf("sandcastle did not end within %v: killed (%v)", hostileTimeout, signalErr)
		}
		ts.Fatalf("sandcastle did not end within %v: killed", hostileTimeout)
	}
	if signalErr != nil {
		ts.Fatalf("%v", signalErr)
	}
	if rss >= hostileMemory {
		ts.Fatalf("sandcastle (with the children it waited for) peaked at %.0f MB of memory, over %.0f MB", float64(rss)/1e6, hostileMemory/1e6)
	}
	if ts.Getenv("NO_COLOR") != "" {
		for _, o := range []struct {
			name string
			data []byte
		}{{"stdout", out}, {"stderr", errOut}} {
			if hazards := terminalHazards(o.data); len(hazards) > 0 {
				ts.Fatalf("sandcastle's %s carries what a terminal would act on:\n\t%s", o.name, strings.Join(hazards, "\n\t"))
			}
		}
	}
	if r.mayFail {
		return
	}
	if neg && err == nil {
		ts.Fatalf("unexpected success")
	}
	if !neg && err != nil {
		ts.Fatalf("sandcastle: %v", err)
	}
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

// fileState is what a snapshot records of one file.
type fileState struct {
	mode    fs.FileMode
	size    int64
	mtime   time.Time
	content string // a hash of a regular file's content, or a link's target
}

// snapshot is every file under a folder at one moment.
type snapshot struct {
	dir   string
	files map[string]fileState
}

// snapshotHashCap is the largest file whose content a snapshot hashes;
// a larger one is compared by its size and time.
const snapshotHashCap = 64 << 20

func takeSnapshot(dir string) (map[string]fileState, error) {
	files := map[string]fileState{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		st := fileState{mode: info.Mode(), size: info.Size(), mtime: info.ModTime()}
		switch {
		case info.Mode().IsRegular() && info.Size() <= snapshotHashCap:
			// O_NONBLOCK: a file that became a named pipe is not waited on.
			f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
			if err != nil {
				return err
			}
			sum := sha256.New()
			_, err = io.Copy(sum, f)
			f.Close()
			if err != nil {
				return err
			}
			st.content = hex.EncodeToString(sum.Sum(nil))
		case info.Mode()&fs.ModeSymlink != 0:
			if st.content, err = os.Readlink(path); err != nil {
				return err
			}
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel] = st
		return nil
	})
	return files, err
}

// snapshotCmd records every file under a folder: snapshot DIR NAME.
func snapshotCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: snapshot DIR NAME")
	}
	dir := ts.MkAbs(args[0])
	files, err := takeSnapshot(dir)
	ts.Check(err)
	hostileOf(ts).snapshots[args[1]] = &snapshot{dir: dir, files: files}
}

// unchangedCmd asserts that nothing under a snapshot's folder was added,
// changed or removed since it was taken: unchanged NAME.
func unchangedCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: unchanged NAME")
	}
	before, ok := hostileOf(ts).snapshots[args[0]]
	if !ok {
		ts.Fatalf("no snapshot named %s", args[0])
	}
	now, err := takeSnapshot(before.dir)
	ts.Check(err)
	var changes []string
	for path, was := range before.files {
		is, ok := now[path]
		if !ok {
			changes = append(changes, "removed "+path)
			continue
		}
		var what []string
		if is.mode != was.mode {
			what = append(what, fmt.Sprintf("mode %v -> %v", was.mode, is.mode))
		}
		if is.size != was.size {
			what = append(what, fmt.Sprintf("size %d -> %d", was.size, is.size))
		}
		if !is.mtime.Equal(was.mtime) {
			what = append(what, "modification time")
		}
		if is.content != was.content {
			what = append(what, "content")
		}
		if len(what) > 0 {
			changes = append(changes, fmt.Sprintf("changed %s: %s", path, strings.Join(what, ", ")))
		}
	}
	for path := range now {
		if _, ok := before.files[path]; !ok {
			changes = append(changes, "added "+path)
		}
	}
	if len(changes) > 0 {
		slices.Sort(changes)
		ts.Fatalf("%s (%s) changed since its snapshot:\n\t%s", args[0], before.dir, strings.Join(changes, "\n\t"))
	}
}

// leftoversCmd asserts that no process but the test's own names $WORK
// (in its command line, folder, environment or open files): leftovers. It waits up to 2 s for them to end, then kills those left.
func leftoversCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: leftovers")
	}
	work := ts.Getenv("WORK")
	deadline := time.Now().Add(2 * time.Second)
	for {
		left := processesNaming(work)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			var lines []string
			for _, p := range left {
				syscall.Kill(p.pid, syscall.SIGKILL)
				lines = append(lines, fmt.Sprintf("%d (%s): %s", p.pid, p.where, p.cmdline))
			}
			ts.Fatalf("processes left behind (now killed):\n\t%s", strings.Join(lines, "\n\t"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// process is a process found in /proc.
type process struct {
	pid     int
	cmdline string
	where   string // where it names the folder: command line, folder, environment
}

// processesNaming lists the live processes, other than this one, whose
// command line, current folder, environment or open files name dir.
func processesNaming(dir string) []process {
	entries, _ := os.ReadDir("/proc")
	var found []process
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		proc := "/proc/" + e.Name()
		if stat, err := os.ReadFile(proc + "/stat"); err != nil || zombie(stat) {
			continue
		}
		cmdline, _ := os.ReadFile(proc + "/cmdline")
		environ, _ := os.ReadFile(proc + "/environ")
		cwd, _ := os.Readlink(proc + "/cwd")
		var where []string
		if names(cmdline, dir) {
			where = append(where, "command line")
		}
		if names([]byte(cwd), dir) {
			where = append(where, "folder "+cwd)
		}
		if names(environ, dir) {
			where = append(where, "environment")
		}
		if file := openFileNaming(proc, dir); file != "" {
			where = append(where, "open file "+file)
		}
		if len(where) > 0 {
			found = append(found, process{pid: pid, cmdline: strings.ReplaceAll(string(cmdline), "\x00", " "), where: strings.Join(where, ", ")})
		}
	}
	return found
}

// openFileNaming returns a file that the process at proc (/proc/PID) has
// open under dir, or "".
func openFileNaming(proc, dir string) string {
	fds, _ := os.ReadDir(proc + "/fd")
	for _, fd := range fds {
		if target, err := os.Readlink(proc + "/fd/" + fd.Name()); err == nil && names([]byte(target), dir) {
			return target
		}
	}
	return ""
}

// zombie reports whether /proc/PID/stat is a process that has ended and
// waits for its parent to collect it.
func zombie(stat []byte) bool {
	i := strings.LastIndexByte(string(stat), ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

// names reports whether data holds the path dir, itself or a path under
// it, not a longer name that starts the same.
func names(data []byte, dir string) bool {
	s := string(data)
	for {
		i := strings.Index(s, dir)
		if i < 0 {
			return false
		}
		s = s[i+len(dir):]
		if s == "" || !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.", rune(s[0])) {
			return true
		}
	}
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
