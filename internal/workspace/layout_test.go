package workspace

import (
	"path/filepath"
	"testing"
)

func TestShown(t *testing.T) {
	w := &Workspace{Root: filepath.FromSlash("/home/ada/ws")}
	for _, tt := range []struct{ path, want string }{
		{w.StatePath("server.log"), ".sandcastle/server.log"},
		{ServerFilesIn(w.StatePath(), "serve").DB, ".sandcastle/serve.db"},
		{filepath.FromSlash("/tmp/grade-1/state/server.log"), filepath.FromSlash("/tmp/grade-1/state/server.log")},
		{filepath.FromSlash("/home/ada/ws-other/x"), filepath.FromSlash("/home/ada/ws-other/x")},
		{filepath.FromSlash("/home/ada/ws/..data/x"), "..data/x"},
	} {
		if got := w.Shown(tt.path); got != tt.want {
			t.Errorf("Shown(%s) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
