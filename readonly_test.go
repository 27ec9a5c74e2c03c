//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadOnlyWorkspaceStillChecks runs the real binary as another user on
// a workspace that user cannot write (root writes anywhere, so the test
// gives the workspace away, read-only, and runs sandcastle as its owner):
// check still checks, passes, and warns that the progress was not recorded;
// a server step keeps its database, log and build in a folder elsewhere.
func TestReadOnlyWorkspaceStillChecks(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("running sandcastle as another user needs root")
	}
	const nobody = 65534
	base, err := os.MkdirTemp("", "sandcastle-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(base, "sandcastle")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, course := range []string{"tiny", "web"} {
		if err := os.CopyFS(filepath.Join(base, course), os.DirFS(filepath.Join("testdata", "courses", course))); err != nil {
			t.Fatal(err)
		}
	}
	home := filepath.Join(base, "home")
	os.Mkdir(home, 0o755)
	os.Chown(home, nobody, nobody)

	// sandcastle runs as nobody, in a workspace nobody owns and cannot write.
	asNobody := func(ws string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"-C", ws}, args...)...)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + home, "NO_COLOR=1", "XDG_DATA_HOME=" + home}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		code = cmd.ProcessState.ExitCode()
		if err != nil && code < 0 {
			t.Fatalf("sandcastle %v: %v", args, err)
		}
		return out.String(), errOut.String(), code
	}
	// workspace makes a workspace as root, lets prepare put the learner's
	// answer in, and gives it to nobody, read-only.
	workspace := func(name, course, lang string, prepare func(ws string)) string {
		t.Helper()
		ws := filepath.Join(base, name)
		args := []string{"init", ws, "--course", filepath.Join(base, course)}
		if lang != "" {
			args = append(args, "--lang", lang)
		}
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("init: %v\n%s", err, out)
		}
		prepare(ws)
		err := filepath.WalkDir(ws, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			mode := os.FileMode(0o444)
			if d.IsDir() {
				mode = 0o555
			}
			return firstErr(os.Lchown(p, nobody, nobody), os.Chmod(p, mode))
		})
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}
	solution := func(file, content string) func(string) {
		return func(ws string) {
			if err := os.WriteFile(filepath.Join(ws, file), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	schema := "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));\n"

	t.Run("with its progress database", func(t *testing.T) {
		ws := workspace("ws-state", "tiny", "", solution("schema.sql", schema))
		out, errOut, code := asNobody(ws, "check")
		if code != 0 || !strings.Contains(out, "Step passed") {
			t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
		}
		if !strings.Contains(errOut, "progress is not recorded") {
			t.Errorf("check said nothing of the progress it could not record:\n%s", errOut)
		}
		out, _, _ = asNobody(ws, "status", "--json")
		var st struct{ Passed []string }
		if json.Unmarshal([]byte(out), &st); len(st.Passed) != 0 {
			t.Errorf("status: %s; nothing could be recorded", out)
		}
	})
	t.Run("without .sandcastle", func(t *testing.T) {
		ws := workspace("ws-bare", "tiny", "", func(ws string) {
			solution("schema.sql", schema)(ws)
			os.RemoveAll(filepath.Join(ws, ".sandcastle"))
		})
		out, errOut, code := asNobody(ws, "check")
		if code != 0 || !strings.Contains(errOut, "progress is not recorded") {
			t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
		}
		if _, err := os.Stat(filepath.Join(ws, ".sandcastle")); err == nil {
			t.Error(".sandcastle was created in a read-only workspace")
		}
	})
	t.Run("a server step", func(t *testing.T) {
		app, err := os.ReadFile(filepath.Join("testdata", "script", "web_python.txtar"))
		if err != nil {
			t.Fatal(err)
		}
		_, answer, _ := strings.Cut(string(app), "-- solution --\n")
		ws := workspace("ws-web", "web", "python", solution("server/app.py", answer))
		// Trust lives in the learner's config folder, not the workspace,
		// so a read-only workspace can be trusted.
		if out, errOut, code := asNobody(ws, "trust"); code != 0 {
			t.Fatalf("trust: exit %d\n%s%s", code, out, errOut)
		}
		out, errOut, code := asNobody(ws, "check")
		if code != 0 || !strings.Contains(out, "Step passed") || !strings.Contains(errOut, "progress is not recorded") {
			t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
		}
	})
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
