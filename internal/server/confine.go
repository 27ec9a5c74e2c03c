package server

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// LauncherEnv is set in the environment of a confined server's launcher:
// sandcastle's own binary, started again, which confines itself (Landlock,
// on Linux) and then becomes the server (see RunLauncher). Its value is the
// rules, which the server never sees.
const LauncherEnv = "SANDCASTLE_LAUNCH"

// passedEnv are the variables of sandcastle's environment that a confined
// server gets: what finding programs and printing text need, and nothing
// of the user's (no tokens, no agent sockets, no cloud credentials).
var passedEnv = []string{"PATH", "LANG", "LANGUAGE", "TERM", "TZ", "SYSTEMROOT", "WINDIR"}

// passed reports whether a variable of sandcastle's environment reaches a
// confined server.
func passed(name string) bool {
	for _, p := range passedEnv {
		if strings.EqualFold(name, p) {
			return true
		}
	}
	return strings.HasPrefix(name, "LC_")
}

// allowedEnv is the part of sandcastle's environment in the allow-list.
func allowedEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); passed(name) {
			env = append(env, kv)
		}
	}
	return env
}

// confinedEnv is a confined server's environment: the allow-list, HOME and
// TMPDIR in its own temporary folder, PORT, DATABASE_PATH and Options.Env.
func confinedEnv(o *Options, port int, home string) []string {
	env := append([]string{"PYTHONUNBUFFERED=1"}, allowedEnv()...)
	env = append(env, "HOME="+home, "TMPDIR="+home, "TMP="+home, "TEMP="+home, "PORT="+strconv.Itoa(port))
	if runtime.GOOS == "windows" {
		env = append(env, "USERPROFILE="+home)
	}
	if o.DatabasePath != "" {
		env = append(env, "DATABASE_PATH="+o.DatabasePath)
	}
	return append(env, o.Env...)
}

// buildEnv is the environment of a confined server's Go build: the
// allow-list, what the go command reads (GO*, CGO_*, and HOME and the XDG
// folders, where its caches are), and GOTOOLCHAIN=local, so that a go.mod
// cannot have another toolchain downloaded and run.
func buildEnv(o *Options) []string {
	env := allowedEnv()
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "GOTOOLCHAIN":
		case strings.HasPrefix(name, "GO"), strings.HasPrefix(name, "CGO_"),
			name == "HOME", name == "XDG_CACHE_HOME", name == "XDG_CONFIG_HOME",
			name == "LOCALAPPDATA", name == "APPDATA", name == "USERPROFILE":
			env = append(env, kv)
		}
	}
	for _, kv := range o.Env {
		if strings.HasPrefix(kv, "GO") || strings.HasPrefix(kv, "CGO_") {
			env = append(env, kv)
		}
	}
	return append(env, "GOTOOLCHAIN=local")
}

// confinement is what confines a server: its private folder, and on Linux
// the rules its launcher applies.
type confinement struct {
	home string // HOME and TMPDIR, removed when the server stops
}

// newConfinement makes the private folder of a confined server.
func newConfinement() (*confinement, error) {
	home, err := os.MkdirTemp("", "sandcastle-home-")
	if err != nil {
		return nil, fmt.Errorf("a private folder for the server: %w", err)
	}
	return &confinement{home: home}, nil
}

// remove removes the private folder, once the server's processes are gone.
func (c *confinement) remove() {
	if c != nil {
		os.RemoveAll(c.home)
	}
}

// installRoot is the folder a program is installed in, which it may read
// at run time: /usr for /usr/bin/python3, ~/.pyenv for its shims, the
// version's folder for ~/.pyenv/versions/3.11.7/bin/python3. It is never
// the user's home, nor a folder that holds it (~/bin/python3 gives ~/bin):
// a server must not read ~/.ssh because its interpreter lives in ~/bin.
func installRoot(program, home string) string {
	dir := filepath.Dir(program)
	switch filepath.Base(dir) {
	case "bin", "sbin", "shims":
		parent := filepath.Dir(dir)
		if parent != filepath.Dir(parent) && !holds(parent, home) {
			return parent
		}
	}
	return dir
}

// holds reports whether folder dir is path or one of its parents.
func holds(dir, path string) bool {
	if path == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
