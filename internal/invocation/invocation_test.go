package invocation

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/internal/invocation/invocationtest"
)

const module = "github.com/sandcastle/sandcastle"

// place is a machine of the test's: a source folder, a go-build folder, a
// bin folder and a workspace.
type place struct {
	src, goRunExe, binExe, ws string
	// cachedExe is in a build cache (~/.cache/go-build), ownCacheExe in
	// ownCache, dashD in a folder that is neither.
	cachedExe, ownCache, ownCacheExe, dashD string
}

func withCache(e Env, gocache string) Env {
	e.GoCache = gocache
	return e
}

func newPlace(t *testing.T) place {
	t.Helper()
	root := t.TempDir()
	p := place{
		src:      filepath.Join(root, "src", "sandcastle"),
		goRunExe: filepath.Join(root, "tmp", "go-build1234", "b001", "exe", "sandcastle"),
		binExe:   filepath.Join(root, "go", "bin", "sandcastle"),
		ws:       filepath.Join(root, "ws"),

		cachedExe:   filepath.Join(root, ".cache", "go-build", "12", "1215d4-d", "sandcastle"),
		ownCache:    filepath.Join(root, "gocache"),
		ownCacheExe: filepath.Join(root, "gocache", "ab", "ab12-d", "sandcastle"),
		dashD:       filepath.Join(root, "tools-d", "sandcastle"),
	}
	for _, f := range []string{p.goRunExe, p.binExe, p.cachedExe, p.ownCacheExe, p.dashD} {
		os.MkdirAll(filepath.Dir(f), 0o755)
		os.WriteFile(f, []byte("#!/bin/sh\n"), 0o755)
	}
	os.MkdirAll(filepath.Join(p.src, "cmd"), 0o755)
	os.WriteFile(filepath.Join(p.src, "go.mod"), []byte("// the project\nmodule "+module+"\n\ngo 1.26.0\n"), 0o644)
	os.MkdirAll(p.ws, 0o755)
	return p
}

// env is an Env where the binary is exe, `sandcastle` on the PATH is
// onPath (none when ""), the working folder wd, and the build's version v.
func env(exe, onPath, wd, v string) Env {
	return Env{
		Executable: func() (string, error) { return exe, nil },
		LookPath: func(string) (string, error) {
			if onPath == "" {
				return "", errors.New("not found")
			}
			return onPath, nil
		},
		Getwd: func() (string, error) { return wd, nil },
		BuildInfo: func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Path: module, Version: v}}, true
		},
	}
}

func TestCommand(t *testing.T) {
	p := newPlace(t)
	for _, tc := range []struct {
		name string
		env  Env
		want string
	}{
		{"installed, on the PATH", env(p.binExe, p.binExe, p.ws, ""), "sandcastle"},
		{"go run . in the source folder", env(p.goRunExe, "", p.src, "(devel)"), "go run . -C " + p.ws},
		{"go run . in the source folder, from the build cache", env(p.cachedExe, "", p.src, "(devel)"), "go run . -C " + p.ws},
		{"go run . in the source folder, from a GOCACHE of its own", withCache(env(p.ownCacheExe, "", p.src, ""), p.ownCache), "go run . -C " + p.ws},
		{"a binary in a folder ending in -d", env(p.dashD, "", p.src, "(devel)"), p.dashD},
		{"go run . in the source folder, another sandcastle on the PATH", env(p.goRunExe, p.binExe, p.src, "(devel)"), "go run . -C " + p.ws},
		{"go run . from a folder of the source", env(p.goRunExe, "", filepath.Join(p.src, "cmd"), "(devel)"), "go run " + p.src + " -C " + p.ws},
		{"go run . in the workspace: no -C", env(p.goRunExe, "", p.ws, "(devel)"), p.goRunExe},
		{"go run of a module version", env(p.goRunExe, "", p.ws+"/..", "v1.2.0"), "go run " + module + "@v1.2.0 -C " + p.ws},
		{"a binary not on the PATH", env(p.binExe, "", p.ws, ""), p.binExe},
		{"no executable known", Env{Executable: func() (string, error) { return "", errors.New("no") }}, "sandcastle"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect(tc.env).Command(p.ws); got != tc.want {
				t.Errorf("Command = %q, want %q (%+v)", got, tc.want, Detect(tc.env))
			}
		})
	}
	t.Run("zero How: as if installed", func(t *testing.T) {
		if got := (How{}).Command(p.ws); got != "sandcastle" {
			t.Errorf("Command = %q", got)
		}
	})
	t.Run("a path a shell would split is quoted", func(t *testing.T) {
		h := How{Exe: "/home/ada/my tools/it's/sandcastle"}
		if got := h.Command(p.ws); got != `'/home/ada/my tools/it'\''s/sandcastle'` {
			t.Errorf("Command = %q", got)
		}
	})
	t.Run("after go install: sandcastle, or where it went", func(t *testing.T) {
		h := Detect(env(p.goRunExe, "", p.src, ""))
		if got := h.With(Installed{Path: p.binExe, OnPath: true}).Command(p.ws); got != "sandcastle" {
			t.Errorf("on the PATH: %q", got)
		}
		if got := h.With(Installed{Path: p.binExe}).Command(p.ws); got != p.binExe {
			t.Errorf("not on the PATH: %q", got)
		}
	})
}

func TestOfferOnce(t *testing.T) {
	p := newPlace(t)
	config := t.TempDir()
	h := Detect(env(p.goRunExe, "", p.src, ""))
	if !h.Offer(config) {
		t.Fatalf("go run from the source folder is not offered an install: %+v", h)
	}
	if err := Offered(config, "n", time.Now()); err != nil {
		t.Fatal(err)
	}
	if h.Offer(config) {
		t.Error("offered again after it was recorded")
	}
	for name, other := range map[string]How{
		"installed":                  Detect(env(p.binExe, p.binExe, p.ws, "")),
		"go run with no source here": Detect(env(p.goRunExe, "", p.ws, "v1.2.0")),
		"a binary off the PATH":      Detect(env(p.binExe, "", p.ws, "")),
	} {
		if other.Offer(t.TempDir()) {
			t.Errorf("%s: offered an install", name)
		}
	}
}

func TestInstall(t *testing.T) {
	p := newPlace(t)
	t.Run("GOBIN, not on the PATH", func(t *testing.T) {
		gobin := filepath.Dir(p.binExe)
		calls := invocationtest.FakeGo(t, gobin, false)
		got, err := Install(context.Background(), p.src, &strings.Builder{})
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(calls); !strings.HasPrefix(string(b), "install . (in "+p.src+")\n") {
			t.Errorf("go install did not run in the source folder: %q", b)
		}
		if got.Path != p.binExe || got.OnPath {
			t.Errorf("Install = %+v", got)
		}
		if got.PathLine() != `export PATH="$PATH:`+gobin+`"` {
			t.Errorf("PathLine = %q", got.PathLine())
		}
	})
	t.Run("on the PATH", func(t *testing.T) {
		gobin := filepath.Dir(p.binExe)
		invocationtest.FakeGo(t, gobin, false)
		t.Setenv("PATH", os.Getenv("PATH")+string(filepath.ListSeparator)+gobin)
		if got, err := Install(context.Background(), p.src, &strings.Builder{}); err != nil || !got.OnPath {
			t.Errorf("Install = %+v, %v", got, err)
		}
	})
	t.Run("no GOBIN: GOPATH/bin", func(t *testing.T) {
		invocationtest.FakeGo(t, "", false)
		if got, err := Install(context.Background(), p.src, &strings.Builder{}); err != nil || got.Dir != "/nowhere/gopath/bin" {
			t.Errorf("Install = %+v, %v", got, err)
		}
	})
	t.Run("go install fails: an error that says so", func(t *testing.T) {
		invocationtest.FakeGo(t, "", true)
		_, err := Install(context.Background(), p.src, &strings.Builder{})
		if err == nil || !strings.Contains(err.Error(), "go install . in "+p.src+" failed") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("no go", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := Install(context.Background(), p.src, &strings.Builder{})
		if err == nil || !strings.Contains(err.Error(), "go is not on your PATH") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestProse(t *testing.T) {
	md := "Run `sandcastle serve` in another terminal, or `sandcastle`.\n\n" +
		"sandcastle starts it; `.sandcastle/server.log` and ``sandcastle sql \"SELECT `a`\"`` stay.\n"
	for _, tc := range []struct{ cmd, want string }{
		{"sandcastle", md},
		{"", md},
		{"go run . -C /ws", "Run `go run . -C /ws serve` in another terminal, or `go run . -C /ws`.\n\n" +
			"sandcastle starts it; `.sandcastle/server.log` and ``go run . -C /ws sql \"SELECT `a`\"`` stay.\n"},
	} {
		if got := Prose(md, tc.cmd); got != tc.want {
			t.Errorf("Prose(%q):\n%s\nwant\n%s", tc.cmd, got, tc.want)
		}
	}
}
