package server

import (
	"path/filepath"
	"testing"
)

func TestInstallRoot(t *testing.T) {
	home := filepath.FromSlash("/home/ada")
	for _, tc := range []struct{ program, want string }{
		{"/usr/bin/python3", "/usr"},
		{"/usr/local/bin/python3", "/usr/local"},
		{"/home/ada/.pyenv/shims/python3", "/home/ada/.pyenv"},
		{"/home/ada/.pyenv/versions/3.11.7/bin/python3.11", "/home/ada/.pyenv/versions/3.11.7"},
		{"/home/ada/bin/python3", "/home/ada/bin"}, // never the home itself
		{"/bin/python3", "/bin"},                   // never /
		{"/opt/python/python3", "/opt/python"},
	} {
		if got := installRoot(filepath.FromSlash(tc.program), home); got != filepath.FromSlash(tc.want) {
			t.Errorf("installRoot(%s) = %s, want %s", tc.program, got, tc.want)
		}
	}
}
