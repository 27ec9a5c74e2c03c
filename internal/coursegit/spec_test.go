package coursegit

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, url, ref string
	}{
		{"https", "https://github.com/acme/course.git", "https://github.com/acme/course.git", ""},
		{"https at a tag", "https://github.com/acme/course@v1.2", "https://github.com/acme/course", "v1.2"},
		{"https at a branch with a slash", "https://example.com/c@release/2026", "https://example.com/c", "release/2026"},
		{"ssh keeps its user", "ssh://git@host.example/acme/course.git", "ssh://git@host.example/acme/course.git", ""},
		{"ssh with a port, at a ref", "ssh://git@host:2222/acme/course.git@main", "ssh://git@host:2222/acme/course.git", "main"},
		{"scp form keeps its user", "git@github.com:acme/course.git", "git@github.com:acme/course.git", ""},
		{"scp form at a commit", "git@github.com:acme/course.git@0123456789abcdef0123456789abcdef01234567",
			"git@github.com:acme/course.git", "0123456789abcdef0123456789abcdef01234567"},
		{"file", "file:///srv/courses/c", "file:///srv/courses/c", ""},
		{"file at a ref", "file:///srv/courses/c@v1", "file:///srv/courses/c", "v1"},
		{"the last @ of the path is the ref", "file:///srv/a@b@v1", "file:///srv/a@b", "v1"},
		{"git+https", "git+https://example.com/c.git@v2", "https://example.com/c.git", "v2"},
		{"scheme in capitals", "HTTPS://example.com/c", "https://example.com/c", ""},
		{"full ref name", "https://example.com/c@refs/tags/v1", "https://example.com/c", "refs/tags/v1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !IsURL(tt.in) {
				t.Fatalf("IsURL(%q) = false", tt.in)
			}
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got.URL != tt.url || got.Ref != tt.ref {
				t.Errorf("Parse(%q) = %q @ %q, want %q @ %q", tt.in, got.URL, got.Ref, tt.url, tt.ref)
			}
		})
	}
}

// TestParseHostile: nothing that git, or the ssh it runs, could read as an
// option or a command gets through, whatever its place in the URL.
func TestParseHostile(t *testing.T) {
	tests := []struct{ name, in, says string }{
		{"an option for a URL", "--upload-pack=touch /tmp/pwned", "starts with -"},
		{"ssh option for a host", "ssh://-oProxyCommand=touch/x", "is not a host name"},
		{"ssh option for a host, escaped", "ssh://-oProxyCommand=touch%20pwned/x", "is not a git URL"},
		{"ssh option for a host, scp form", "git@-oProxyCommand=sh:x", "is not a host name"},
		{"ssh option for a user", "ssh://-oProxyCommand=x@host/repo", "is not a user name"},
		{"ssh option for a user, scp form", "-oProxyCommand=x@host:repo", "starts with -"},
		{"an option for a path, scp form", "git@host:--upload-pack=x", "names no repository"},
		{"an option for a ref", "https://example.com/c@--upload-pack=touch", "starts with -"},
		{"an option for a ref, short", "https://example.com/c@-c", "starts with -"},
		{"ext transport", "ext::sh -c touch% /tmp/pwned", "is not a git URL"},
		{"ext scheme", "ext://sh/x", "only"},
		{"fd transport", "fd::3/x", "is not a git URL"},
		{"unknown scheme", "ftp://example.com/c", "only"},
		{"a ref with ..", "https://example.com/c@a..b", "git refuses"},
		{"a ref with @{", "https://example.com/c@main@{1}", "cannot be in a ref"},
		{"a ref with a space", "https://example.com/c@a b", "cannot be in a ref"},
		{"a ref with a colon", "https://example.com/c@a:b", "cannot be in a ref"},
		{"a ref ending in .lock", "https://example.com/c@main.lock", "git refuses"},
		{"an empty ref", "https://example.com/c@", ""},
		{"a newline", "https://example.com/c\n--upload-pack=x", "control character"},
		{"no repository", "https://example.com", "names no repository"},
		{"no repository but a slash", "https://example.com/", "names no repository"},
		{"a password", "https://me:s3cret@example.com/c", "credential helper"},
		{"file on another host", "file://server/share/c", "this computer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.name == "an empty ref" {
				// URL@ is URL at its HEAD: nothing to refuse.
				if err != nil || got.Ref != "" {
					t.Fatalf("Parse(%q) = %+v, %v", tt.in, got, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Parse(%q): %v, want it to say %q", tt.in, err, tt.says)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("Parse(%q): %v shows the password", tt.in, err)
			}
		})
	}
}

// TestIsURL: a folder's name is never taken for a URL: only a scheme or
// the user@host: form makes one.
func TestIsURL(t *testing.T) {
	for _, folder := range []string{"my-course", "./my-course", "/srv/courses/c", "courses/a@b", "c:course",
		"host:path", "/srv/git@host:x", "../user@host:x"} {
		if IsURL(folder) {
			t.Errorf("IsURL(%q) = true: it is a folder's name", folder)
		}
	}
	for _, url := range []string{"https://h/c", "git@h:c", "file:///c", "ftp://h/c"} {
		if !IsURL(url) {
			t.Errorf("IsURL(%q) = false", url)
		}
	}
}
