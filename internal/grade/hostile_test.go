package grade

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/check"
	"github.com/sandcastle/sandcastle/lessons"
)

func webCourse(t *testing.T) *lessons.Course {
	t.Helper()
	c, problems, err := lessons.Load(os.DirFS("../../testdata/courses/web"), "web")
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatal(err, problems)
	}
	return c
}

func needPython(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
}

// pyServer is a Python server that passes the web course's step; before it
// listens it runs prelude.
func pyServer(prelude string) string {
	return `import json, os, sqlite3
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
` + prelude + `
db = sqlite3.connect(os.environ["DATABASE_PATH"], check_same_thread=False)

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        cur = db.execute("INSERT INTO scores (player, score) VALUES (?, ?)", (body["player"], body["score"]))
        db.commit()
        out = json.dumps({"id": cur.lastrowid, "player": body["player"], "score": body["score"]}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(out)

ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
`
}

// tree is every entry under dir, with the content of its regular files and
// the target of its links.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			out[rel] = "-> " + target
		case d.Type().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out[rel] = string(b)
		default:
			out[rel] = d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for k, v := range after {
		if w, ok := before[k]; !ok {
			t.Errorf("grading added %s to the workspace", k)
		} else if w != v {
			t.Errorf("grading changed %s in the workspace", k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			t.Errorf("grading removed %s from the workspace", k)
		}
	}
}

// A student's server that writes into its working folder writes, at most,
// into a private copy (which Landlock makes read-only on Linux): the
// workspace is as it was, and the server still passes.
func TestGradeServerWritesOnlyIntoACopy(t *testing.T) {
	needPython(t)
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"sandcastle.yaml": "course: web\nlang: python\n",
		"server/app.py": pyServer(`
for attempt in (lambda: open("pwned.txt", "w").write("written by the server"),
                lambda: open(os.path.join("server", "app.py"), "a").write("\n# changed by the server\n"),
                lambda: os.makedirs("junk", exist_ok=True)):
    try:
        attempt()
    except OSError:
        pass
`),
	})
	before := tree(t, dir)
	w := gradeOne(dir, Options{Course: webCourse(t)})
	if len(w.Steps) != 1 || w.Steps[0].Status != check.Pass {
		t.Errorf("the server should pass from its copy: %+v", w)
	}
	sameTree(t, before, tree(t, dir))
}

// A server file or folder that is a symbolic link is refused, like a SQL
// file that is one: the server it leads to never runs.
func TestGradeRefusesSymlinkedServer(t *testing.T) {
	needPython(t)
	for _, tc := range []struct {
		name, link, target string
	}{
		{"a server file that is a link", "server/app.py", "server/app.py"},
		{"a server folder that is a link", "server", "server"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outside, dir := t.TempDir(), t.TempDir()
			ran := filepath.Join(outside, "ran")
			write(t, outside, map[string]string{
				"server/app.py": pyServer("open(" + pyString(ran) + ", 'w').write('ran')\n"),
			})
			write(t, dir, map[string]string{"sandcastle.yaml": "course: web\nlang: python\n"})
			os.MkdirAll(filepath.Join(dir, "server"), 0o755)
			os.Remove(filepath.Join(dir, tc.link))
			if err := os.Symlink(filepath.Join(outside, tc.target), filepath.Join(dir, tc.link)); err != nil {
				t.Fatal(err)
			}
			w := gradeOne(dir, Options{Course: webCourse(t)})
			if len(w.Steps) != 1 || w.Steps[0].Status != check.Error {
				t.Fatalf("want the step refused (error), got %+v", w)
			}
			msg := w.Steps[0].Message
			for _, want := range []string{tc.link, "symbolic link", "only regular files"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q: %s", want, msg)
				}
			}
			if _, err := os.Stat(ran); err == nil {
				t.Error("the server the link leads to ran")
			}
		})
	}
}

// A SQL file that is a link, even to a file inside the workspace, is not
// graded; the steps that do not need it are.
func TestGradeRefusesSymlinkedSQL(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, solved)
	os.Rename(filepath.Join(dir, "queries/top.sql"), filepath.Join(dir, "top.sql"))
	if err := os.Symlink("../top.sql", filepath.Join(dir, "queries/top.sql")); err != nil {
		t.Fatal(err)
	}
	w := gradeOne(dir, Options{Course: tinyCourse(t)})
	if w.Passed() != 2 {
		t.Errorf("want the 2 steps without the link passed: %+v", w)
	}
	for _, s := range w.Steps {
		if s.ID == "queries/the-best-scores" && (s.Status != check.Error || !strings.Contains(s.Message, "queries/top.sql is a symbolic link")) {
			t.Errorf("the step with the link: %+v", s)
		}
	}
}

// A file over the size cap is neither copied nor read: the step that needs
// it says so, naming the cap; a huge file no step needs costs nothing.
func TestGradeCapsHugeFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, solved)
	for name, size := range map[string]int64{"schema.sql": 64 << 20, "dump.bin": 1 << 30} {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
		f.Close()
	}
	w := gradeOne(dir, Options{Course: tinyCourse(t)})
	if w.Error != "" || len(w.Steps) != 3 {
		t.Fatalf("want every step graded: %+v", w)
	}
	for _, s := range w.Steps {
		if s.Status != check.Error || !strings.Contains(s.Message, "schema.sql is 64 MiB") || !strings.Contains(s.Message, "cap") {
			t.Errorf("%s: want an error naming the file-size cap, got %s: %s", s.ID, s.Status, s.Message)
		}
	}
}

func pyString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// gradeOne grades the one workspace dir as Grade does.
func gradeOne(dir string, opts Options) Workspace {
	return Grade(context.Background(), []string{dir}, opts)[0]
}
