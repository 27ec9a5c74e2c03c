package cmd

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree is a fingerprint of every entry under dir: its path, mode, size,
// modification time and content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", sha256.Sum256(data))
		}
		out[path] = fmt.Sprintf("%v %d %v %s", info.Mode(), info.Size(), info.ModTime().UnixNano(), sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTrustWritesNothingInTheWorkspace: trust is the user's, kept in their
// config folder; the workspace (which a repository may carry) is left as
// it was, to the byte.
func TestTrustWritesNothingInTheWorkspace(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	ctx := context.Background()
	course, err := filepath.Abs("../testdata/courses/web")
	if err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(t.TempDir(), "ws")
	var out, errOut bytes.Buffer
	if code := Run(ctx, []string{"init", ws, "--course", course, "--lang", "python"}, &Streams{Out: &out, Err: &errOut}); code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut.String())
	}
	before := tree(t, ws)
	out.Reset()
	if code := Run(ctx, []string{"-C", ws, "trust"}, &Streams{Out: &out, Err: &errOut}); code != 0 {
		t.Fatalf("trust: exit %d: %s", code, errOut.String())
	}
	for _, change := range treeChanges(before, tree(t, ws)) {
		t.Errorf("trust %s", change)
	}
	recorded := filepath.Join(config, "sandcastle", "trust.json")
	info, err := os.Stat(recorded)
	if err != nil {
		t.Fatalf("trust recorded nothing in the config folder: %v\n%s", err, out.String())
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("%s has mode %v, want 0600", recorded, perm)
	}
	if !strings.Contains(out.String(), recorded) {
		t.Errorf("trust does not say where it recorded the choice:\n%s", out.String())
	}
}
