package server

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// buildLines is how many lines of compiler output a BuildFailed carries.
const buildLines = 30

// goRun splits a `go run PKG [args]` command into what to build (a package,
// or .go files) and the server's own arguments. ok is false for any other
// command, go run with flags included: those run as they are.
func goRun(fields []string) (pkgs, args []string, ok bool) {
	if len(fields) < 3 || fields[0] != "go" || fields[1] != "run" || strings.HasPrefix(fields[2], "-") {
		return nil, nil, false
	}
	n := 1
	if strings.HasSuffix(fields[2], ".go") {
		for n < len(fields)-2 && strings.HasSuffix(fields[2+n], ".go") {
			n++
		}
	}
	return fields[2 : 2+n], fields[2+n:], true
}

// goBuild brings the binary in BuildDir up to date with the learner's
// sources and returns its path. It runs `go build` only when the hash of the
// sources differs from the one stored by the last successful build.
func goBuild(ctx context.Context, o *Options, pkgs []string, log io.Writer) (string, error) {
	goPath, err := exec.LookPath("go")
	if err != nil {
		return "", notFound("go", o.Command)
	}
	bin := filepath.Join(o.BuildDir, "server"+exeSuffix())
	hashPath := filepath.Join(o.BuildDir, "server.hash")
	hash, hashErr := sourceHash(o, pkgs, goPath)
	if hashErr == nil && fileExists(hashPath) { // a named pipe there would hang the read
		if stored, err := os.ReadFile(hashPath); err == nil && hmac.Equal(stored, []byte(buildStamp(hash, bin))) {
			return bin, nil
		}
	}
	if fileExists(bin) {
		o.progress(Building)
	} else {
		o.progress(FirstBuild)
	}
	if err := os.MkdirAll(o.BuildDir, 0o755); err != nil {
		return "", fmt.Errorf("build folder: %w", err)
	}
	tmp, err := os.MkdirTemp(o.BuildDir, "build-")
	if err != nil {
		return "", fmt.Errorf("build folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "server"+exeSuffix())
	if err := runBuild(ctx, o, goPath, out, pkgs, log); err != nil {
		return "", err
	}
	// A rename replaces the binary even while another sandcastle runs it.
	if err := os.Rename(out, bin); err != nil {
		return "", fmt.Errorf("build: %w", err)
	}
	if hashErr == nil {
		writeAtomic(hashPath, []byte(buildStamp(hash, bin))) // without it the next start builds again
	}
	return bin, nil
}

// buildStamp is what server.hash holds after a build: the sources' hash and
// the binary's size and time, signed with this user's build key. Anyone can
// compute the sources' hash, and a repository can carry a build folder
// (the workspace's) with a binary of its own: without the key, a stamp it ships never matches,
// and sandcastle builds the learner's sources instead of running it. "" when
// bin is not a regular file.
func buildStamp(sourceHash, bin string) string {
	fi, err := os.Lstat(bin)
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	m := hmac.New(sha256.New, buildKey())
	fmt.Fprintf(m, "%s\x00%d\x00%d", sourceHash, fi.Size(), fi.ModTime().UnixNano())
	return hex.EncodeToString(m.Sum(nil))
}

// buildKey is this user's secret for build stamps, kept outside every
// workspace in the user's cache folder (sandcastle/build.key, readable by
// its owner only) and made on first use. Where it cannot be kept, a key of
// this process's own: builds are then reused within one run only.
var buildKey = sync.OnceValue(func() []byte {
	key := make([]byte, 32)
	rand.Read(key)
	dir, err := os.UserCacheDir()
	if err != nil {
		return key
	}
	path := filepath.Join(dir, "sandcastle", "build.key")
	if kept, err := readKey(path); err == nil {
		return kept
	}
	if os.MkdirAll(filepath.Dir(path), 0o700) != nil {
		return key
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if kept, err := readKey(path); err == nil {
			return kept // another sandcastle made it first
		}
		return key
	}
	_, err = f.Write(key)
	if cerr := f.Close(); err != nil || cerr != nil {
		os.Remove(path)
	}
	return key
})

// readKey reads a build key: a regular file of 32 bytes.
func readKey(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() != 32 {
		return nil, fmt.Errorf("%s is not a build key", path)
	}
	key, err := os.ReadFile(path)
	if err == nil && len(key) != 32 {
		err = fmt.Errorf("%s is not a build key", path)
	}
	return key, err
}

// runBuild runs `go build -o out PKG` in the workspace, in its own process
// group (a Job Object on Windows), for at most BuildTimeout, and copies its
// output to log.
func runBuild(ctx context.Context, o *Options, goPath, out string, pkgs []string, log io.Writer) error {
	bctx, cancel := context.WithTimeout(ctx, o.BuildTimeout)
	defer cancel()
	cmd := exec.CommandContext(bctx, goPath, append([]string{"build", "-o", out}, pkgs...)...)
	cmd.Dir = o.Dir
	cmd.Env = append(os.Environ(), o.Env...)
	if o.Confine {
		cmd.Env = buildEnv(o)
	}
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	cmd.Cancel = func() error { return killGroup(cmd.Process.Pid) }
	cmd.WaitDelay = 2 * time.Second
	err := startInGroup(cmd)
	if err == nil {
		err = cmd.Wait()
		releaseGroup(cmd.Process.Pid)
	}
	log.Write(output.Bytes())
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return canceled("while your server was building")
	case errors.Is(bctx.Err(), context.DeadlineExceeded):
		return buildTimedOut(o.BuildTimeout, linesOf(output.Bytes(), buildLines))
	case output.Len() == 0:
		return fmt.Errorf("go build: %w", err)
	}
	return buildFailed(linesOf(output.Bytes(), buildLines))
}

// sourceHash hashes what a build depends on: the Go files of the workspace
// (a package may import another one of it), every file of the package's
// folder (for go:embed), go.mod, go.sum and go.work, the go command and the
// environment that changes what it builds.
func sourceHash(o *Options, pkgs []string, goPath string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "sandcastle build 1\x00%q\x00%s\x00", pkgs, goPath)
	if fi, err := os.Stat(goPath); err == nil {
		fmt.Fprintf(h, "%d %d\x00", fi.Size(), fi.ModTime().UnixNano())
	}
	for _, k := range []string{"GOFLAGS", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT", "GOTOOLCHAIN"} {
		fmt.Fprintf(h, "%s=%s\x00", k, os.Getenv(k))
	}
	for _, e := range o.Env {
		// Only the variables that change what go builds: a server's own
		// settings (API_KEY, a new one each run) must not force a rebuild.
		if strings.HasPrefix(e, "GO") || strings.HasPrefix(e, "CGO_") {
			fmt.Fprintf(h, "%s\x00", e)
		}
	}
	pkgDir := packageDir(o.Dir, pkgs[0])
	skip := map[string]bool{o.BuildDir: true, o.LogPath: true, o.DatabasePath: true}
	err := filepath.WalkDir(o.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if skip[path] || (d.IsDir() && path != o.Dir && ignoredByGo(name)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !dependedOn(name, within(pkgDir, path)) || !isRegular(path, d) {
			return nil // a named pipe or a device holds no source, and reading one can hang
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(o.Dir, path)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// ignoredByGo reports whether the go command skips a folder of this name.
func ignoredByGo(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata"
}

// dependedOn reports whether a build may depend on a file of this name.
func dependedOn(name string, inPackage bool) bool {
	switch {
	case strings.HasSuffix(name, ".go"):
		return true
	case name == "go.mod" || name == "go.sum" || name == "go.work" || name == "go.work.sum":
		return true
	}
	return inPackage && !strings.HasPrefix(name, ".")
}

// packageDir is the folder of a package given as ./path or a .go file, or ""
// for an import path.
func packageDir(dir, pkg string) string {
	switch {
	case strings.HasSuffix(pkg, ".go"):
		return filepath.Join(dir, filepath.Dir(pkg))
	case pkg == "." || strings.HasPrefix(pkg, "./") || strings.HasPrefix(pkg, "../"):
		return filepath.Join(dir, pkg)
	}
	return ""
}

func within(dir, path string) bool {
	return dir != "" && (path == dir || strings.HasPrefix(path, dir+string(filepath.Separator)))
}

// isRegular reports whether d, found at path, is a regular file, or a
// link to one.
func isRegular(path string, d fs.DirEntry) bool {
	if d.Type()&fs.ModeSymlink == 0 {
		return d.Type().IsRegular()
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

func writeAtomic(path string, data []byte) error {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}
