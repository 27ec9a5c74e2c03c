package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/invocation"
	"github.com/sandcastle/sandcastle/internal/invocation/invocationtest"
)

// offerApp is an app started with go run in src, on a terminal whose
// keys are answer.
func offerApp(src, answer string, out *strings.Builder) *app {
	h := invocation.How{Exe: "/tmp/go-build1/b001/exe/sandcastle", GoRun: true, SourceDir: src, Wd: src}
	return &app{
		io:  &Streams{In: strings.NewReader(answer), Out: out, Err: out, InTTY: true, OutTTY: true},
		how: func() invocation.How { return h },
	}
}

func TestOfferInstall(t *testing.T) {
	ctx := context.Background()
	src, ws := t.TempDir(), t.TempDir()

	t.Run("not a terminal: never asks", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		calls := invocationtest.FakeGo(t, t.TempDir(), false)
		var out strings.Builder
		a := offerApp(src, "y\n", &out)
		a.io.InTTY = false
		offerInstall(ctx, a, ws)
		if out.Len() > 0 || fileExists(calls) {
			t.Errorf("asked or ran go: %q", out.String())
		}
	})

	t.Run("no: nothing runs, and it is asked once", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		calls := invocationtest.FakeGo(t, t.TempDir(), false)
		var out strings.Builder
		offerInstall(ctx, offerApp(src, "\n", &out), ws)
		if !strings.Contains(out.String(), "Install sandcastle with `go install .` in "+src+"?") ||
			!strings.Contains(out.String(), "Not installed. The commands sandcastle shows you start with `go run . -C "+ws+"`") {
			t.Errorf("the offer:\n%s", out.String())
		}
		if fileExists(calls) {
			t.Error("go ran without a yes")
		}
		out.Reset()
		offerInstall(ctx, offerApp(src, "y\n", &out), ws)
		if out.Len() > 0 || fileExists(calls) {
			t.Errorf("asked again: %q", out.String())
		}
	})

	t.Run("yes: go install . in the source folder, and where it went", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		gobin := t.TempDir()
		calls := invocationtest.FakeGo(t, gobin, false)
		var out strings.Builder
		a := offerApp(src, "y\n\n", &out)
		offerInstall(ctx, a, ws)
		if b, _ := os.ReadFile(calls); !strings.HasPrefix(string(b), "install . (in "+src+")\n") {
			t.Errorf("go was called: %q", b)
		}
		for _, want := range []string{"Installed: " + filepath.Join(gobin, "sandcastle"), "is not on your PATH",
			`export PATH="$PATH:` + gobin + `"`, "Press Enter to start."} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("no %q in:\n%s", want, out.String())
			}
		}
		if got := a.command(ws); got != filepath.Join(gobin, "sandcastle") {
			t.Errorf("after the install, commands start with %q", got)
		}
	})

	t.Run("go install fails: said, and not fatal", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir())
		invocationtest.FakeGo(t, t.TempDir(), true)
		var out strings.Builder
		a := offerApp(src, "yes\n\n", &out)
		offerInstall(ctx, a, ws)
		for _, want := range []string{"go: build failed", "sandcastle was not installed: go install . in " + src + " failed", "Press Enter to go on."} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("no %q in:\n%s", want, out.String())
			}
		}
		if got := a.command(ws); got != "go run . -C "+ws {
			t.Errorf("after a failed install, commands start with %q", got)
		}
	})
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
