// Package coursegit fetches a course from a git repository into the user's
// cache, keyed by the commit it resolves to, with the system's git: a URL
// with an optional @REF (a branch, a tag or a commit) is a course, as a
// folder is.
package coursegit

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Spec is a course's place in git: a repository's URL and a ref in it.
type Spec struct {
	// URL is the repository's URL as git takes it (a git+ prefix left out).
	URL string
	// Ref is a branch, a tag, a full ref name or a commit; "" for the
	// remote's HEAD.
	Ref string
}

// String is the spec as --course takes it: URL, or URL@REF.
func (s Spec) String() string {
	if s.Ref == "" {
		return s.URL
	}
	return s.URL + "@" + s.Ref
}

// schemes are the URL schemes a course may come from.
var schemes = []string{"https", "http", "ssh", "git", "file"}

// scpLike is git's other form of an ssh URL, user@host:path. The user is
// required here: without it, host:path is a folder's name.
var scpLike = regexp.MustCompile(`^([^/:@\s]+)@([^/:\s]+):(.*)$`)

// IsURL reports whether s is written as a git URL: with a scheme
// (sandcastle takes https://, ssh://, git://, file:// and these after
// git+), or as user@host:path. It says nothing of whether s is valid (Parse does).
func IsURL(s string) bool { return schemeURL.MatchString(s) || scpLike.MatchString(s) }

// schemeURL is any URL with a scheme: Parse says which it takes.
var schemeURL = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// Parse reads a course's git location: a URL (see IsURL), then an optional
// @REF, split at the last @ of the URL's path (so ssh://git@host/repo and
// git@host:repo keep their user; a path that holds an @ needs an explicit
// @REF after it). It refuses anything git could take as an option, and a
// ref that is not a valid ref name or commit.
func Parse(s string) (Spec, error) {
	if strings.HasPrefix(s, "-") {
		return Spec{}, fmt.Errorf("%q is not a git URL: it starts with -", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return Spec{}, fmt.Errorf("%q is not a git URL: it holds a control character", s)
		}
	}
	if strings.Contains(s, "://") {
		return parseScheme(s)
	}
	m := scpLike.FindStringSubmatch(s)
	if m == nil {
		return Spec{}, fmt.Errorf("%q is not a git URL: use https://host/path, ssh://user@host/path, user@host:path or file:///path", s)
	}
	user, host, path := m[1], m[2], m[3]
	path, ref := splitRef(path)
	switch {
	case !validName(user):
		return Spec{}, fmt.Errorf("%q is not a git URL: the user %q is not a user name", s, user)
	case !validHost(host):
		return Spec{}, fmt.Errorf("%q is not a git URL: %q is not a host name", s, host)
	case path == "" || strings.HasPrefix(path, "-"):
		return Spec{}, fmt.Errorf("%q is not a git URL: it names no repository after %s:", s, host)
	}
	return finish(Spec{URL: user + "@" + host + ":" + path}, ref, s)
}

// parseScheme is Parse for a URL with a scheme.
func parseScheme(s string) (Spec, error) {
	raw, _ := strings.CutPrefix(s, "git+")
	i := strings.Index(raw, "://")
	scheme := strings.ToLower(raw[:i])
	if !slices.Contains(schemes, scheme) {
		return Spec{}, fmt.Errorf("%q: sandcastle fetches courses over %s only", s, strings.Join(schemes, ", "))
	}
	rest := raw[i+3:]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 || strings.Trim(rest[slash:], "/") == "" {
		return Spec{}, fmt.Errorf("%q is not a git URL: it names no repository", s)
	}
	path, ref := splitRef(rest[slash:])
	u, err := url.Parse(scheme + "://" + rest[:slash] + path)
	if err != nil {
		return Spec{}, fmt.Errorf("%q is not a git URL: %v", s, err)
	}
	host := u.Hostname()
	switch {
	case scheme == "file" && host != "" && host != "localhost":
		return Spec{}, fmt.Errorf("%q: a file:// URL names a folder of this computer (file:///path)", s)
	case scheme != "file" && !validHost(host):
		return Spec{}, fmt.Errorf("%q is not a git URL: %q is not a host name", s, host)
	case hasPassword(u):
		return Spec{}, fmt.Errorf("%s://%s...: a password in a URL would be written into sandcastle.yaml and shown; "+
			"give git your credentials with a credential helper or ssh instead", scheme, u.User.Username())
	case u.User != nil && !validName(u.User.Username()):
		return Spec{}, fmt.Errorf("%q is not a git URL: the user %q is not a user name", s, u.User.Username())
	}
	return finish(Spec{URL: scheme + "://" + rest[:slash] + path}, ref, s)
}

func hasPassword(u *url.URL) bool {
	if u.User == nil {
		return false
	}
	_, has := u.User.Password()
	return has
}

// finish checks the ref of spec, as given in s.
func finish(spec Spec, ref, s string) (Spec, error) {
	if err := validRef(ref); err != nil {
		return Spec{}, fmt.Errorf("%q: @%s is not a branch, a tag or a commit: %v", s, ref, err)
	}
	spec.Ref = ref
	return spec, nil
}

// splitRef splits a URL's path at its last @.
func splitRef(path string) (string, string) {
	i := strings.LastIndexByte(path, '@')
	if i < 0 {
		return path, ""
	}
	return path[:i], path[i+1:]
}

var (
	nameChars = regexp.MustCompile(`^[A-Za-z0-9._~+-]+$`)
	hostChars = regexp.MustCompile(`^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])$`)
	hexChars  = regexp.MustCompile(`^[0-9a-f]+$`)
)

func validName(s string) bool { return nameChars.MatchString(s) && !strings.HasPrefix(s, "-") }
func validHost(s string) bool { return hostChars.MatchString(s) && !strings.HasPrefix(s, "-") }

// isCommit reports whether ref is a whole commit id (SHA-1 or SHA-256).
func isCommit(ref string) bool {
	return (len(ref) == 40 || len(ref) == 64) && hexChars.MatchString(ref)
}

// isAbbrev reports whether ref could be an abbreviated commit id.
func isAbbrev(ref string) bool { return len(ref) >= 4 && len(ref) < 64 && hexChars.MatchString(ref) }

// validRef checks ref as git check-ref-format does, and more: it never
// starts with - (an option) and holds no character a shell or git reads
// as special; "" (the remote's HEAD) is valid.
func validRef(ref string) error {
	switch {
	case ref == "":
		return nil
	case strings.HasPrefix(ref, "-"):
		return errors.New("it starts with -")
	case strings.HasPrefix(ref, "/") || strings.HasSuffix(ref, "/") || strings.Contains(ref, "//"):
		return errors.New("a / at its start or end, or two together")
	case strings.Contains(ref, ".."), strings.Contains(ref, "@{"), strings.HasSuffix(ref, "."), strings.HasSuffix(ref, ".lock"):
		return errors.New("git refuses such a name (.., @{, a . or .lock at the end)")
	case len(ref) > 255:
		return errors.New("it is too long")
	}
	for _, r := range ref {
		if r <= ' ' || r == 0x7f || strings.ContainsRune(`~^:?*[\{}`, r) {
			return fmt.Errorf("%q cannot be in a ref", r)
		}
	}
	for _, part := range strings.Split(ref, "/") {
		if strings.HasPrefix(part, ".") {
			return errors.New("a part of it starts with .")
		}
	}
	return nil
}
