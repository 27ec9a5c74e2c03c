package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

// installVersion is the version the test proxy serves this checkout as: a
// pseudo-version, as `go install MODULE@COMMIT` resolves a commit to.
const installVersion = "v0.0.0-20261203000000-0123456789ab"

// TestGoInstall installs the module the standard way, `go install
// github.com/sandcastle/sandcastle@VERSION`, from a module proxy made here
// (GOPROXY=file://...): this checkout zipped as a release is, and every
// dependency from the module cache. go install refuses a module whose go.mod
// has a replace or exclude directive, so this is also the test that go.mod
// has none. The binary it installs must run.
func TestGoInstall(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to test go install: %v", err)
	}
	modCache := goEnv()["GOMODCACHE"]
	if modCache == "" {
		t.Fatal("go env GOMODCACHE: no module cache")
	}
	proxy := t.TempDir()
	const path = "github.com/sandcastle/sandcastle"
	dir := filepath.Join(proxy, path, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	v := module.Version{Path: path, Version: installVersion}
	zf, err := os.Create(filepath.Join(dir, installVersion+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := modzip.CreateFromDir(zf, v, "."); err != nil {
		t.Fatalf("zip the module: %v", err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	writeProxyFile(t, filepath.Join(dir, installVersion+".mod"), string(gomod))
	writeProxyFile(t, filepath.Join(dir, installVersion+".info"), `{"Version":"`+installVersion+`","Time":"2026-12-03T00:00:00Z"}`)
	writeProxyFile(t, filepath.Join(dir, "list"), installVersion+"\n")

	home := t.TempDir()
	bin := filepath.Join(home, "bin")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	install := exec.CommandContext(ctx, goBin, "install", path+"@"+installVersion)
	install.Dir = home // outside any module: go install resolves the module from the proxy alone
	install.Env = append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(filepath.Join(modCache, "cache", "download")),
		"GOFLAGS=-mod=mod -modcacherw", // -modcacherw: t.TempDir can remove the module cache
		"GOMODCACHE="+filepath.Join(home, "modcache"),
		"GOSUMDB=off", // the proxy serves this checkout, which no checksum database knows
		"GOBIN="+bin,
		"GOWORK=off",
		"GOTOOLCHAIN=local",
	)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install %s@%s: %v\n%s", path, installVersion, err, out)
	}
	exe := filepath.Join(bin, "sandcastle")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	out, err := exec.CommandContext(ctx, exe, "--version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "sandcastle") {
		t.Fatalf("the installed sandcastle --version: %v\n%s", err, out)
	}
}

func writeProxyFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
