package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The archives a release publishes, named as .goreleaser.yaml names them
// and as install.sh and install.ps1 ask for them.
var releaseArchives = []string{
	"sandcastle_darwin_amd64.tar.gz", "sandcastle_darwin_arm64.tar.gz",
	"sandcastle_linux_amd64.tar.gz", "sandcastle_linux_arm64.tar.gz",
	"sandcastle_windows_amd64.zip", "sandcastle_windows_arm64.zip",
}

// TestInstallScript runs install.sh against a release served from loopback
// (SANDCASTLE_BASE_URL): it installs a binary that runs, says how to put its
// folder on PATH, and refuses a damaged archive, installing nothing.
//
// The release is the snapshot build in $SANDCASTLE_DIST when set (.ci/run
// sets it to GoReleaser's dist/ folder), else an archive of this system
// built here, named and laid out as GoReleaser does.
func TestInstallScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("install.sh is for Linux and macOS; install.ps1 is Windows's")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	archive := fmt.Sprintf("sandcastle_%s_%s.tar.gz", runtime.GOOS, runtime.GOARCH)
	dist := os.Getenv("SANDCASTLE_DIST")
	wantVersion := regexp.MustCompile(`^sandcastle v\S+ \(commit [0-9a-f]{7,}, built \d{4}-\d\d-\d\d\)\n$`)
	if dist == "" {
		dist = t.TempDir()
		buildRelease(t, dist, archive)
		wantVersion = regexp.MustCompile(`^sandcastle v1\.2\.3 \(commit abc1234, built 2026-12-03\)\n$`)
	}

	// good/ is the release; bad/ has one byte of the archive changed;
	// nosum/ a checksums.txt without the archive.
	root := t.TempDir()
	good, bad, nosum := filepath.Join(root, "good"), filepath.Join(root, "bad"), filepath.Join(root, "nosum")
	for _, d := range []string{good, bad, nosum} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dist, archive))
	if err != nil {
		t.Fatalf("the release has no archive for this system: %v", err)
	}
	sums, err := os.ReadFile(filepath.Join(dist, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	damaged := slices.Clone(data)
	damaged[len(damaged)/2] ^= 0x01
	var otherSums []string
	for _, line := range strings.SplitAfter(string(sums), "\n") {
		if !strings.HasSuffix(strings.TrimSpace(line), archive) {
			otherSums = append(otherSums, line)
		}
	}
	for dir, files := range map[string]map[string][]byte{
		good:  {archive: data, "checksums.txt": sums},
		bad:   {archive: damaged, "checksums.txt": sums},
		nosum: {archive: data, "checksums.txt": []byte(strings.Join(otherSums, ""))},
	} {
		for name, b := range files {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var mu sync.Mutex
	var requests []string
	files := http.FileServer(http.Dir(root))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.URL.Path)
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	script, err := filepath.Abs("install.sh")
	if err != nil {
		t.Fatal(err)
	}
	// install runs install.sh as `curl … | sh` would, with HOME a fresh
	// folder and PATH the system's (and extra before it, when given).
	install := func(t *testing.T, env ...string) (home, stdout, stderr string, err error) {
		home = t.TempDir()
		sh := exec.Command("sh")
		f, ferr := os.Open(script)
		if ferr != nil {
			t.Fatal(ferr)
		}
		defer f.Close()
		sh.Stdin = f
		sh.Env = append([]string{"HOME=" + home, "PATH=/usr/local/bin:/usr/bin:/bin", "SHELL=/bin/bash", "LC_ALL=C"}, env...)
		var out, errOut strings.Builder
		sh.Stdout, sh.Stderr = &out, &errOut
		err = sh.Run()
		return home, out.String(), errOut.String(), err
	}
	installed := func(home string) string { return filepath.Join(home, ".local", "bin", "sandcastle") }

	t.Run("installs into ~/.local/bin and says how to put it on PATH", func(t *testing.T) {
		mu.Lock()
		requests = nil
		mu.Unlock()
		home, stdout, stderr, err := install(t, "SANDCASTLE_BASE_URL="+srv.URL+"/good/")
		if err != nil {
			t.Fatalf("install.sh: %v\n%s%s", err, stdout, stderr)
		}
		if want := []string{"/good/" + archive, "/good/checksums.txt"}; !slices.Equal(requests, want) {
			t.Errorf("downloaded %q, want %q", requests, want)
		}
		out, err := exec.Command(installed(home), "--version").Output()
		if err != nil {
			t.Fatalf("the installed sandcastle --version: %v", err)
		}
		if !wantVersion.Match(out) {
			t.Errorf("sandcastle --version printed %q, want %s", out, wantVersion)
		}
		for _, want := range []string{
			"Installed " + strings.TrimSpace(string(out)) + " in " + installed(home),
			filepath.Join(home, ".local", "bin") + " is not on your PATH",
			`echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.bashrc`,
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("install.sh did not say %q:\n%s", want, stdout)
			}
		}
		if stderr != "" {
			t.Errorf("install.sh wrote to stderr:\n%s", stderr)
		}
	})

	t.Run("into a folder on PATH, it says to start", func(t *testing.T) {
		dir := t.TempDir()
		_, stdout, stderr, err := install(t, "SANDCASTLE_BASE_URL="+srv.URL+"/good", "SANDCASTLE_INSTALL_DIR="+dir,
			"PATH="+dir+":/usr/bin:/bin")
		if err != nil {
			t.Fatalf("install.sh: %v\n%s%s", err, stdout, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "sandcastle")); err != nil {
			t.Error(err)
		}
		if strings.Contains(stdout, "not on your PATH") || !strings.Contains(stdout, "Start learning: sandcastle") {
			t.Errorf("install.sh into a folder on PATH said:\n%s", stdout)
		}
	})

	// refused runs install.sh into a folder that holds an earlier
	// sandcastle, and checks that it failed saying want and left it alone.
	refused := func(t *testing.T, want string, env ...string) {
		t.Helper()
		dir := t.TempDir()
		old := filepath.Join(dir, "sandcastle")
		if err := os.WriteFile(old, []byte("#!/bin/sh\necho the earlier one\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		_, stdout, stderr, err := install(t, append(env, "SANDCASTLE_INSTALL_DIR="+dir)...)
		if err == nil {
			t.Fatalf("install.sh succeeded:\n%s", stdout)
		}
		if !strings.Contains(stderr, want) {
			t.Errorf("install.sh said %q, want %q", stderr, want)
		}
		if strings.Contains(stdout, "Installed") {
			t.Errorf("install.sh said it installed:\n%s", stdout)
		}
		if b, err := os.ReadFile(old); err != nil || string(b) != "#!/bin/sh\necho the earlier one\n" {
			t.Errorf("the earlier sandcastle was changed: %q, %v", b, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("install.sh left files in the install folder: %v", entries)
		}
	}

	t.Run("a damaged archive is refused", func(t *testing.T) {
		refused(t, archive+" is not the file the release published: its SHA-256 is ",
			"SANDCASTLE_BASE_URL="+srv.URL+"/bad")
		refused(t, "nothing was installed", "SANDCASTLE_BASE_URL="+srv.URL+"/bad")
	})
	t.Run("an archive checksums.txt does not name is refused", func(t *testing.T) {
		refused(t, "checksums.txt of "+srv.URL+"/nosum has no line for "+archive+": nothing was installed",
			"SANDCASTLE_BASE_URL="+srv.URL+"/nosum")
	})
	t.Run("a release that is not there", func(t *testing.T) {
		refused(t, "could not download "+srv.URL+"/v9.9.9/"+archive, "SANDCASTLE_BASE_URL="+srv.URL+"/v9.9.9")
	})
	t.Run("a version that is not one", func(t *testing.T) {
		refused(t, "SANDCASTLE_VERSION=$(reboot): not a release", "SANDCASTLE_VERSION=$(reboot)")
		refused(t, "SANDCASTLE_VERSION=v1/../../x: not a release", "SANDCASTLE_VERSION=v1/../../x")
	})
}

// TestReleaseArchives checks GoReleaser's snapshot build in
// $SANDCASTLE_DIST (.ci/run makes it): the six archives install.sh and
// install.ps1 ask for, each in checksums.txt with its SHA-256, each with
// the binary, the completions and the man pages.
func TestReleaseArchives(t *testing.T) {
	dist := os.Getenv("SANDCASTLE_DIST")
	if dist == "" {
		t.Skip("SANDCASTLE_DIST is not set: .ci/run sets it to a snapshot build's dist/")
	}
	sums := readChecksums(t, filepath.Join(dist, "checksums.txt"))
	for _, name := range releaseArchives {
		data, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Error(err)
			continue
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); sums[name] != got {
			t.Errorf("checksums.txt says %q for %s, its SHA-256 is %s", sums[name], name, got)
		}
		binary := "sandcastle"
		if strings.Contains(name, "windows") {
			binary = "sandcastle.exe"
		}
		members := archiveMembers(t, filepath.Join(dist, name))
		for _, want := range []string{binary, "README.md", "man/sandcastle.1", "man/sandcastle-check.1",
			"completions/sandcastle.bash", "completions/sandcastle.zsh", "completions/sandcastle.fish"} {
			if !slices.Contains(members, want) {
				t.Errorf("%s has no %s: %q", name, want, members)
			}
		}
	}
	if len(sums) != len(releaseArchives) {
		t.Errorf("checksums.txt names %d files, want the %d archives", len(sums), len(releaseArchives))
	}
}

func readChecksums(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("checksums.txt: %q is not SHA256  NAME", sc.Text())
		}
		sums[name] = sum
	}
	return sums
}

func archiveMembers(t *testing.T, path string) []string {
	var names []string
	if strings.HasSuffix(path, ".zip") {
		z, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		for _, f := range z.File {
			names = append(names, f.Name)
		}
		return names
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
}

// buildRelease writes into dist the release archive of this system and
// checksums.txt, as GoReleaser makes them: the binary built as
// .goreleaser.yaml builds it, at the archive's root.
func buildRelease(t *testing.T, dist, archive string) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sandcastle")
	pkg := "github.com/sandcastle/sandcastle/cmd"
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "-ldflags",
		"-s -w -X "+pkg+".version=v1.2.3 -X "+pkg+".commit=abc1234 -X "+pkg+".date=2026-12-03T10:11:12Z", ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	exe, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dist, archive))
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for _, file := range []struct {
		name string
		mode int64
		data []byte
	}{
		{"README.md", 0o644, []byte("# sandcastle\n")},
		{"sandcastle", 0o755, exe},
	} {
		if err := tw.WriteHeader(&tar.Header{Name: file.name, Mode: file.mode, Size: int64(len(file.data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(file.data); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []io.Closer{tw, gz, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dist, archive))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	// Another archive's line first: the installer must pick its own.
	sums := "0000000000000000000000000000000000000000000000000000000000000000  sandcastle_plan9_amd64.tar.gz\n" +
		hex.EncodeToString(sum[:]) + "  " + archive + "\n"
	if err := os.WriteFile(filepath.Join(dist, "checksums.txt"), []byte(sums), 0o644); err != nil {
		t.Fatal(err)
	}
}
