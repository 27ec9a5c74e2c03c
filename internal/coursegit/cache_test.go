package coursegit

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// origin makes a repository with two commits: v1 (an annotated tag) holds
// course.yaml "one", main holds "two". It returns its file:// URL and the
// two commits.
func origin(t *testing.T) (url, v1, main string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git here")
	}
	dir := filepath.Join(t.TempDir(), "origin")
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	git("init", "-q", "-b", "main")
	write(t, filepath.Join(dir, "course.yaml"), "one\n")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	git("tag", "-a", "-m", "first", "v1")
	v1 = git("rev-parse", "HEAD")
	write(t, filepath.Join(dir, "course.yaml"), "two\n")
	git("commit", "-q", "-am", "two")
	return "file://" + dir, v1, git("rev-parse", "HEAD")
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func content(t *testing.T, co Checkout) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(co.Dir, "course.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestFetch(t *testing.T) {
	url, v1, main := origin(t)
	cache := &Cache{Dir: filepath.Join(t.TempDir(), "cache")}
	ctx := context.Background()
	tests := []struct {
		name, ref, commit, content string
	}{
		{"HEAD", "", main, "two\n"},
		{"a branch", "main", main, "two\n"},
		{"an annotated tag, peeled to its commit", "v1", v1, "one\n"},
		{"a full ref name", "refs/tags/v1", v1, "one\n"},
		{"a whole commit", v1, v1, "one\n"},
		{"an abbreviated commit", v1[:10], v1, "one\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			co, err := cache.Fetch(ctx, Spec{URL: url, Ref: tt.ref})
			if err != nil {
				t.Fatal(err)
			}
			if co.Commit != tt.commit || content(t, co) != tt.content {
				t.Errorf("commit %s holding %q, want %s holding %q", co.Commit, content(t, co), tt.commit, tt.content)
			}
			if co.Origin() != url+"@"+tt.commit {
				t.Errorf("Origin() = %q", co.Origin())
			}
			if _, err := os.Stat(filepath.Join(co.Dir, ".git")); err == nil {
				t.Error("the checkout keeps its .git")
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	url, _, _ := origin(t)
	cache := &Cache{Dir: filepath.Join(t.TempDir(), "cache")}
	ctx := context.Background()

	_, err := cache.Fetch(ctx, Spec{URL: url, Ref: "v9"})
	var refErr *RefError
	if !errors.As(err, &refErr) || !strings.Contains(err.Error(), "no branch, tag or commit named v9 (it has main, v1)") {
		t.Errorf("a ref it does not have: %v", err)
	}
	_, err = cache.Fetch(ctx, Spec{URL: url, Ref: strings.Repeat("ab", 20)})
	if err == nil || !strings.Contains(err.Error(), "cannot fetch commit abababab") {
		t.Errorf("a commit it does not have: %v", err)
	}
	_, err = cache.Fetch(ctx, Spec{URL: url + "-nowhere"})
	if err == nil || !strings.Contains(err.Error(), "cannot read the git repository "+url+"-nowhere") {
		t.Errorf("a repository that does not exist: %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	_, err = cache.Fetch(ctx, Spec{URL: url})
	if err == nil || !strings.Contains(err.Error(), "git is not installed") {
		t.Errorf("no git: %v", err)
	}
}

// TestFetchCached: a commit in the cache is used with no network (the
// repository gone), and a commit's folder whose marker is missing (a fetch
// interrupted, or a folder damaged) is never used: it is fetched again.
func TestFetchCached(t *testing.T) {
	url, v1, _ := origin(t)
	cache := &Cache{Dir: filepath.Join(t.TempDir(), "cache")}
	ctx := context.Background()
	co, err := cache.Fetch(ctx, Spec{URL: url, Ref: "v1"})
	if err != nil {
		t.Fatal(err)
	}

	// A damaged folder is fetched again.
	marker := filepath.Join(filepath.Dir(co.Dir), marker)
	if err := os.Remove(marker); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(co.Dir, "course.yaml"), "damaged\n")
	co, err = cache.Fetch(ctx, Spec{URL: url, Ref: v1})
	if err != nil {
		t.Fatal(err)
	}
	if got := content(t, co); got != "one\n" {
		t.Errorf("after a damaged fetch: %q", got)
	}

	// A fetch killed an hour ago left its folder aside: it is removed.
	stale := filepath.Join(filepath.Dir(filepath.Dir(co.Dir)), ".fetch-killed")
	if err := os.MkdirAll(filepath.Join(stale, "course"), 0o700); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, long, long); err != nil {
		t.Fatal(err)
	}
	if _, err := cache.Fetch(ctx, Spec{URL: url, Ref: "v1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a killed fetch's folder is still there")
	}

	// The repository gone: the commit is still there.
	if err := os.RemoveAll(strings.TrimPrefix(url, "file://")); err != nil {
		t.Fatal(err)
	}
	again, err := cache.Fetch(ctx, Spec{URL: url, Ref: v1})
	if err != nil {
		t.Fatalf("a cached commit needs the repository: %v", err)
	}
	if again.Dir != co.Dir || content(t, again) != "one\n" {
		t.Errorf("cached: %+v", again)
	}
	// A tag needs the repository, to say where it points now.
	if _, err := cache.Fetch(ctx, Spec{URL: url, Ref: "v1"}); err == nil {
		t.Error("a tag resolved with no repository")
	}
	// Nothing was left aside.
	entries, _ := os.ReadDir(filepath.Dir(filepath.Dir(co.Dir)))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".fetch-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestFetchTogether: sandcastles fetching the same commit at once all get
// it whole.
func TestFetchTogether(t *testing.T) {
	url, v1, _ := origin(t)
	cache := &Cache{Dir: filepath.Join(t.TempDir(), "cache")}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			co, err := cache.Fetch(context.Background(), Spec{URL: url, Ref: v1})
			if err == nil && co.Commit != v1 {
				err = errors.New("another commit: " + co.Commit)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	co, ok := cache.cached(Spec{URL: url}, v1)
	if !ok || content(t, co) != "one\n" {
		t.Errorf("after fetching together: %+v, %v", co, ok)
	}
}
