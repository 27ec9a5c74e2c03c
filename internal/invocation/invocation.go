// Package invocation knows how sandcastle was started, and so how a
// learner runs it again from where they are: `sandcastle` once it is
// installed on their PATH, `go run . -C WORKSPACE` from the source folder
// they ran it from, or the binary's own path. Everything that shows the
// learner a command to type (the commands' "what to run next" lines, the
// TUI) takes its start from Command, in one place.
package invocation

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// Name is the command's name once installed.
const Name = "sandcastle"

// How is how this sandcastle was started. Its zero value is sandcastle
// installed on the PATH (Command is "sandcastle"): what tests of the
// commands, run in-process, show.
type How struct {
	// Exe is the running binary's path.
	Exe string
	// OnPath says that `sandcastle` on the PATH is this binary.
	OnPath bool
	// GoRun says the binary was built by go run (it lies in a go-build
	// folder, and is gone when it exits).
	GoRun bool
	// SourceDir is the folder of the module the binary was built from
	// (go.mod), found from the working folder upward; "" when not found.
	SourceDir string
	// Module is the main module's path and version ("…@v1.2.0"), from the
	// build; the version is "" for a build from a folder.
	Module, Version string
	// Wd is the working folder.
	Wd string
	// Installed is where `go install` put sandcastle in this run, if it did,
	// and InstalledOnPath whether that folder is on the PATH.
	Installed       string
	InstalledOnPath bool
}

// Env is what Detect looks at: the process's, or a test's.
type Env struct {
	Executable func() (string, error)
	LookPath   func(string) (string, error)
	Getwd      func() (string, error)
	BuildInfo  func() (*debug.BuildInfo, bool)
	// GoCache is $GOCACHE, where go run keeps the binaries it builds
	// (since Go 1.24); "" for the default, a folder named go-build.
	GoCache string
}

// System is the process's own Env.
func System() Env {
	return Env{Executable: os.Executable, LookPath: exec.LookPath, Getwd: os.Getwd, BuildInfo: debug.ReadBuildInfo,
		GoCache: os.Getenv("GOCACHE")}
}

// Detect finds how this process was started.
func Detect(env Env) How {
	var h How
	exe, err := env.Executable()
	if err != nil {
		return h // as if installed: nothing better to say
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	h.Exe = exe
	h.Wd, _ = env.Getwd()
	if found, err := env.LookPath(Name); err == nil && sameFile(found, exe) {
		h.OnPath = true
		return h
	}
	h.GoRun = goRunBinary(exe, env.GoCache)
	if info, ok := env.BuildInfo(); ok {
		h.Module = info.Main.Path
		if v := info.Main.Version; v != "" && v != "(devel)" {
			h.Version = v
		}
	}
	if h.Module != "" && h.Wd != "" {
		h.SourceDir = moduleDir(h.Wd, h.Module)
	}
	return h
}

func sameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// goRunBinary reports whether path is where go run builds a binary: in a
// temporary folder, …/go-build…/b001/exe/NAME, or (Go 1.24 on) in the
// build cache, GOCACHE/12/HASH-d/NAME, GOCACHE being gocache or a folder
// named go-build (~/.cache/go-build).
func goRunBinary(path, gocache string) bool {
	dir := filepath.Dir(path)
	if base := filepath.Base(dir); base != "exe" && !strings.HasSuffix(base, "-d") {
		return false
	}
	for d := filepath.Dir(dir); d != filepath.Dir(d); d = filepath.Dir(d) {
		if strings.HasPrefix(filepath.Base(d), "go-build") || gocache != "" && d == filepath.Clean(gocache) {
			return true
		}
	}
	return false
}

// moduleDir is the folder, dir or one above it, whose go.mod declares
// module, or "".
func moduleDir(dir, module string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if modulePath(filepath.Join(d, "go.mod")) == module {
			return d
		}
		if d == filepath.Dir(d) {
			return ""
		}
	}
}

// modulePath is the module a go.mod declares, or "".
func modulePath(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil || len(data) > 1<<20 {
		return ""
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}

// Command is the start of a command line that runs sandcastle from the
// working folder, on the workspace at ws, to which the learner adds the
// command ("check", "serve"):
//
//   - `sandcastle` when it is installed on the PATH (or was, in this run);
//   - started with go run from its source folder: `go run .` there, with
//     -C ws unless the working folder is in the workspace (`go run .` must
//     run in the source folder, whose workspace is elsewhere);
//   - started with go run of a module version: `go run MODULE@VERSION -C ws`;
//   - otherwise the binary's own path.
func (h How) Command(ws string) string {
	switch {
	case h.Exe == "" || h.OnPath:
		return Name
	case h.Installed != "" && h.InstalledOnPath:
		return Name
	case h.Installed != "":
		return quote(h.Installed)
	case h.GoRun && h.SourceDir != "":
		c := "go run ."
		if h.Wd != h.SourceDir {
			c = "go run " + quote(h.SourceDir)
		}
		return c + h.inWorkspace(ws)
	case h.GoRun && h.Version != "":
		return "go run " + h.Module + "@" + h.Version + h.inWorkspace(ws)
	}
	return quote(h.Exe)
}

// inWorkspace is " -C ws", unless the working folder is in ws.
func (h How) inWorkspace(ws string) string {
	if ws == "" {
		return ""
	}
	if rel, err := filepath.Rel(ws, h.Wd); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return " -C " + quote(ws)
}

// quote puts a path a shell would split or expand in single quotes.
func quote(path string) string {
	if path != "" && strings.IndexFunc(path, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+~:@%,=", r))
	}) < 0 {
		return path
	}
	return "'" + strings.ReplaceAll(path, "'", `'\''`) + "'"
}

// Prose is a lesson's Markdown with each code span that starts with the
// command (`sandcastle serve`, `sandcastle`) starting with cmd instead, so
// that what the text asks the learner to run works from where they are.
// With cmd "sandcastle" (or ""), it is md as it is.
func Prose(md, cmd string) string {
	if cmd == "" || cmd == Name {
		return md
	}
	md = strings.ReplaceAll(md, "`"+Name+" ", "`"+cmd+" ")
	return strings.ReplaceAll(md, "`"+Name+"`", "`"+cmd+"`")
}
