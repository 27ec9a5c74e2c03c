package coursegit

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/internal/gitcmd"
)

// DefaultTimeout bounds one fetch: resolving its ref and getting its files.
const DefaultTimeout = 2 * time.Minute

// Cache is the folder of courses fetched from git: a folder per repository
// (named by a hash of its URL), in it a folder per commit. A commit's
// folder appears whole or not at all (it is made aside and renamed into
// place), and is used only when its marker, written last, names the URL and
// the commit: an interrupted fetch is never used.
type Cache struct {
	Dir     string
	Timeout time.Duration
}

// DefaultCache is the cache in the user's cache folder ($XDG_CACHE_HOME,
// ~/.cache, ~/Library/Caches, %LocalAppData%), under sandcastle/courses.
func DefaultCache() (*Cache, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return nil, fmt.Errorf("find the cache folder for courses from git: %w", err)
	}
	return &Cache{Dir: filepath.Join(dir, "sandcastle", "courses"), Timeout: DefaultTimeout}, nil
}

// Checkout is a course fetched from git: its files, in the cache.
type Checkout struct {
	Spec   Spec
	Commit string
	// Dir is the folder of the commit's files.
	Dir string
}

// Origin is where the course came from, pinned: URL@COMMIT.
func (c Checkout) Origin() string { return c.Spec.URL + "@" + c.Commit }

// marker is the file written last in a commit's folder, and course the
// folder of its files beside it.
const (
	marker = "fetched"
	course = "course"
)

// Fetch returns the course spec names, resolving its ref to a commit (with
// git ls-remote; a whole commit id needs no network) and fetching that
// commit's files only when the cache does not hold them already. A whole
// commit in the cache needs no git at all.
func (c *Cache) Fetch(ctx context.Context, spec Spec) (Checkout, error) {
	if isCommit(spec.Ref) {
		if co, ok := c.cached(spec, spec.Ref); ok {
			return co, nil // no git needed
		}
	}
	if err := gitcmd.Installed(); err != nil {
		return Checkout{}, fmt.Errorf("the course %s is a git URL, and %w", spec, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	co, err := c.fetch(ctx, spec)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return Checkout{}, fmt.Errorf("fetching the course %s took longer than %s: is %s reachable?", spec, c.timeout(), spec.URL)
	}
	return co, err
}

func (c *Cache) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

func (c *Cache) fetch(ctx context.Context, spec Spec) (Checkout, error) {
	removeStale(c.repoDir(spec.URL))
	if isCommit(spec.Ref) {
		return c.get(ctx, spec, spec.Ref)
	}
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return Checkout{}, fmt.Errorf("cache the course %s: %w", spec, err)
	}
	refs, err := lsRemote(ctx, c.Dir, spec.URL)
	if err != nil {
		return Checkout{}, err
	}
	name, commit := refs.find(spec.Ref)
	if name == "" && isAbbrev(spec.Ref) {
		return c.get(ctx, spec, "")
	}
	if name == "" {
		return Checkout{}, &RefError{Spec: spec, Known: refs.names()}
	}
	if co, ok := c.cached(spec, commit); ok {
		return co, nil
	}
	return c.get(ctx, spec, name)
}

// RefError is a ref the repository does not have.
type RefError struct {
	Spec  Spec
	Known []string
}

func (e *RefError) Error() string {
	what := "no branch, tag or commit named " + e.Spec.Ref
	if e.Spec.Ref == "" {
		what = "no HEAD: name a branch or a tag with @REF"
	}
	msg := fmt.Sprintf("%s has %s", e.Spec.URL, what)
	if len(e.Known) > 0 {
		more := ""
		if len(e.Known) > 10 {
			more = fmt.Sprintf(" and %d more", len(e.Known)-10)
		}
		msg += fmt.Sprintf(" (it has %s%s)", strings.Join(e.Known[:min(10, len(e.Known))], ", "), more)
	}
	return msg
}

// remoteRefs are the refs git ls-remote lists: a name's commit (a tag's
// peeled to its commit).
type remoteRefs map[string]string

// lsRemote lists the refs of the repository at url, from dir, a folder in
// no repository.
func lsRemote(ctx context.Context, dir, url string) (remoteRefs, error) {
	out, err := run(gitcmd.Remote(ctx, dir, "ls-remote", "--", url))
	if err != nil {
		return nil, fmt.Errorf("cannot read the git repository %s: %w", url, err)
	}
	refs := remoteRefs{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		oid, name, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		if base, peeled := strings.CutSuffix(name, "^{}"); peeled {
			refs[base] = oid
		} else if _, seen := refs[name]; !seen {
			refs[name] = oid
		}
	}
	return refs, nil
}

// find looks ref up as git would: HEAD for "", then a full ref name, a
// branch, a tag. It returns the ref's full name and its commit, or "".
func (r remoteRefs) find(ref string) (string, string) {
	if ref == "" {
		ref = "HEAD"
	}
	for _, name := range []string{ref, "refs/heads/" + ref, "refs/tags/" + ref} {
		if oid, ok := r[name]; ok && (name == "HEAD" || strings.HasPrefix(name, "refs/")) {
			return name, oid
		}
	}
	return "", ""
}

// names are the branches and tags, for a message.
func (r remoteRefs) names() []string {
	var names []string
	for name := range r {
		if short, ok := strings.CutPrefix(name, "refs/heads/"); ok {
			names = append(names, short)
		} else if short, ok := strings.CutPrefix(name, "refs/tags/"); ok {
			names = append(names, short)
		}
	}
	slices.Sort(names)
	return names
}

// repoDir is the cache's folder for the repository at url.
func (c *Cache) repoDir(url string) string {
	sum := sha256.Sum256([]byte(url))
	return filepath.Join(c.Dir, hex.EncodeToString(sum[:8]))
}

// cached returns the cache's checkout of commit, if it holds a whole one.
func (c *Cache) cached(spec Spec, commit string) (Checkout, bool) {
	dir := filepath.Join(c.repoDir(spec.URL), commit)
	data, err := os.ReadFile(filepath.Join(dir, marker))
	if err != nil || string(data) != markerText(spec.URL, commit) {
		return Checkout{}, false
	}
	return Checkout{Spec: spec, Commit: commit, Dir: filepath.Join(dir, course)}, true
}

func markerText(url, commit string) string { return url + "\n" + commit + "\n" }

// get fetches want (a ref's full name or a whole commit id; "" for every
// branch and tag, to find an abbreviated commit in) from spec's repository
// into a folder aside, checks its commit out there, and renames it into
// the cache. Only the commit's files are kept.
func (c *Cache) get(ctx context.Context, spec Spec, want string) (Checkout, error) {
	repo := c.repoDir(spec.URL)
	if err := os.MkdirAll(repo, 0o700); err != nil {
		return Checkout{}, fmt.Errorf("cache the course %s: %w", spec, err)
	}
	// For whoever looks into the cache: which repository this folder is.
	_ = os.WriteFile(filepath.Join(repo, "url"), []byte(spec.URL+"\n"), 0o600)
	tmp, err := os.MkdirTemp(repo, ".fetch-*")
	if err != nil {
		return Checkout{}, fmt.Errorf("cache the course %s: %w", spec, err)
	}
	defer os.RemoveAll(tmp)
	gitDir, work := filepath.Join(tmp, "git"), filepath.Join(tmp, course)
	if _, err := run(gitcmd.Local(ctx, tmp, "init", "-q", "--bare", "--template=", "git")); err != nil {
		return Checkout{}, fmt.Errorf("cache the course %s: %w", spec, err)
	}
	args := []string{"fetch", "-q", "--no-tags", "--depth=1", "--", spec.URL, want}
	if want == "" {
		args = []string{"fetch", "-q", "--no-tags", "--filter=blob:none", "--", spec.URL, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"}
	}
	if _, err := run(gitcmd.Remote(ctx, gitDir, args...)); err != nil {
		if isCommit(want) {
			return Checkout{}, fmt.Errorf("cannot fetch commit %s of %s (no such commit, or the server gives only branches and tags): %w", want, spec.URL, err)
		}
		return Checkout{}, fmt.Errorf("cannot fetch %s from %s: %w", spec, spec.URL, err)
	}
	rev := "FETCH_HEAD^{commit}"
	if want == "" {
		rev = spec.Ref + "^{commit}" // an abbreviated commit id: hex only (Parse)
	}
	commit, err := run(gitcmd.Local(ctx, gitDir, "rev-parse", "-q", "--verify", rev))
	if err != nil {
		return Checkout{}, &RefError{Spec: spec}
	}
	if co, ok := c.cached(spec, commit); ok {
		return co, nil
	}
	if err := os.Mkdir(work, 0o700); err != nil {
		return Checkout{}, err
	}
	if _, err := run(gitcmd.Local(ctx, work, "--git-dir="+gitDir, "--work-tree="+work, "checkout", "-q", "--detach", commit)); err != nil {
		return Checkout{}, fmt.Errorf("check out commit %s of %s: %w", commit, spec.URL, err)
	}
	if err := os.RemoveAll(gitDir); err != nil {
		return Checkout{}, err
	}
	if err := os.WriteFile(filepath.Join(tmp, marker), []byte(markerText(spec.URL, commit)), 0o600); err != nil {
		return Checkout{}, err
	}
	dst := filepath.Join(repo, commit)
	if err := os.Rename(tmp, dst); err != nil {
		// Another sandcastle fetched the same commit at the same time, or
		// the folder there is damaged (no marker): it is put aside, never
		// used, and replaced.
		if co, ok := c.cached(spec, commit); ok {
			return co, nil
		}
		if err := replace(tmp, dst); err != nil {
			return Checkout{}, fmt.Errorf("cache the course %s: %w", spec, err)
		}
	}
	return Checkout{Spec: spec, Commit: commit, Dir: filepath.Join(dst, course)}, nil
}

// replace puts the folder dst aside and renames src to it.
func replace(src, dst string) error {
	aside, err := os.MkdirTemp(filepath.Dir(dst), ".damaged-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(aside)
	if err := os.Rename(dst, filepath.Join(aside, "old")); err != nil {
		return err
	}
	return os.Rename(src, dst)
}

// staleAge is how old a folder aside (a fetch that was killed) must be to
// be removed: older than any fetch takes.
const staleAge = time.Hour

// removeStale removes, from the repository's folder repo, what fetches that
// were killed left aside.
func removeStale(repo string) {
	entries, _ := os.ReadDir(repo)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".fetch-") && !strings.HasPrefix(e.Name(), ".damaged-") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAge {
			os.RemoveAll(filepath.Join(repo, e.Name()))
		}
	}
}

// run runs cmd and returns its output, trimmed; its error says what git
// said went wrong.
func run(cmd *exec.Cmd) (string, error) {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := gitMessage(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// gitMessage is what git said went wrong: its first fatal: or error: line,
// or its last line.
func gitMessage(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, l := range lines {
		for _, prefix := range []string{"fatal: ", "error: "} {
			if msg, ok := strings.CutPrefix(l, prefix); ok {
				return strings.TrimSpace(msg)
			}
		}
	}
	return strings.TrimSpace(lines[len(lines)-1])
}
