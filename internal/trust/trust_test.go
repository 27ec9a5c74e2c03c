package trust

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/lessons"
)

// course writes a course folder with one lesson and loads it.
func course(t *testing.T, dir, lesson string) *lessons.Course {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"course.yaml": "format: 1\nid: notes\ntitle: Notes\nlessons:\n  - 01-notes.md\n",
		"01-notes.md": lesson,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return load(t, dir)
}

func load(t *testing.T, dir string) *lessons.Course {
	t.Helper()
	c, _, err := lessons.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const lesson = "---\nid: notes\ntitle: Notes\n---\n\n## Keep notes\n\n```sh check \"notes\"\ntest -f notes.txt\n```\n\n```expect\nexit 0\n```\n"

func store(t *testing.T) *Store {
	s := Open(filepath.Join(t.TempDir(), "config", "sandcastle", FileName))
	s.now = func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }
	return s
}

func TestGrantAndCheck(t *testing.T) {
	s := store(t)
	dir := filepath.Join(t.TempDir(), "notes")
	c := course(t, dir, lesson)
	if st := s.Check(c); st.State != Untrusted || st.OK() || st.Warning != "" {
		t.Fatalf("before trust: %+v", st)
	}
	g, err := s.Grant(c)
	if err != nil {
		t.Fatal(err)
	}
	if g.Hash != c.Hash || g.Path != s.Path || g.Aside != "" {
		t.Errorf("granted %+v", g)
	}
	if st := s.Check(c); st.State != Trusted || !st.OK() {
		t.Errorf("after trust: %+v", st)
	}
	info, err := os.Stat(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the record has mode %v, want 0600", info.Mode().Perm())
	}
	if dirInfo, _ := os.Stat(filepath.Dir(s.Path)); dirInfo.Mode().Perm() != 0o700 {
		t.Errorf("the record's folder has mode %v, want 0700", dirInfo.Mode().Perm())
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path), ".trust-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestWhatIsNotTrusted(t *testing.T) {
	for _, tc := range []struct {
		name string
		// after trusting the course at dir, change makes the course to check.
		change func(t *testing.T, dir string) *lessons.Course
		want   State
	}{
		{"the same course", func(t *testing.T, dir string) *lessons.Course { return load(t, dir) }, Trusted},
		{"a lesson changed", func(t *testing.T, dir string) *lessons.Course {
			return course(t, dir, strings.Replace(lesson, "test -f", "rm -rf ~; test -f", 1))
		}, Changed},
		{"course.yaml changed", func(t *testing.T, dir string) *lessons.Course {
			os.WriteFile(filepath.Join(dir, "course.yaml"), []byte("format: 1\nid: notes\ntitle: Notes!\nlessons:\n  - 01-notes.md\n"), 0o644)
			return load(t, dir)
		}, Changed},
		{"a copy elsewhere", func(t *testing.T, dir string) *lessons.Course {
			return course(t, filepath.Join(t.TempDir(), "notes"), lesson)
		}, Untrusted},
		{"the folder moved", func(t *testing.T, dir string) *lessons.Course {
			moved := filepath.Join(t.TempDir(), "moved")
			if err := os.Rename(dir, moved); err != nil {
				t.Fatal(err)
			}
			return load(t, moved)
		}, Untrusted},
		{"a link to the folder", func(t *testing.T, dir string) *lessons.Course {
			link := filepath.Join(t.TempDir(), "link")
			if err := os.Symlink(dir, link); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			return load(t, link)
		}, Trusted},
		{"a relative path to the folder", func(t *testing.T, dir string) *lessons.Course {
			t.Chdir(filepath.Dir(dir))
			return load(t, "notes")
		}, Trusted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := store(t)
			dir := filepath.Join(t.TempDir(), "notes")
			if _, err := s.Grant(course(t, dir, lesson)); err != nil {
				t.Fatal(err)
			}
			if st := s.Check(tc.change(t, dir)); st.State != tc.want {
				t.Errorf("state %v, want %v", st.State, tc.want)
			}
		})
	}
}

func TestChangedSaysSo(t *testing.T) {
	s := store(t)
	dir := filepath.Join(t.TempDir(), "notes")
	if _, err := s.Grant(course(t, dir, lesson)); err != nil {
		t.Fatal(err)
	}
	st := s.Check(course(t, dir, lesson+"\nMore words.\n"))
	if why := st.Why("Notes"); !strings.Contains(why, "The course Notes changed since you trusted it") {
		t.Errorf("Why = %q", why)
	}
	if why := (Status{}).Why("Notes"); why != "The course Notes is not trusted" {
		t.Errorf("Why = %q", why)
	}
}

// TestDamagedRecordTrustsNothing: a record that cannot be read (cut short,
// not JSON, of another version, a folder, huge) trusts no course, says
// why, and never panics; Grant keeps it aside and starts a new one.
func TestDamagedRecordTrustsNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(path string) error
		why   string
	}{
		{"cut short", func(p string) error { return os.WriteFile(p, []byte(`{"version": 1, "courses": [`), 0o600) }, "not valid JSON"},
		{"not JSON", func(p string) error { return os.WriteFile(p, []byte("\x00\xff"), 0o600) }, "not valid JSON"},
		{"another version", func(p string) error { return os.WriteFile(p, []byte(`{"version": 2}`), 0o600) }, "version is 2"},
		{"a folder", func(p string) error { return os.Mkdir(p, 0o700) }, "not a regular file"},
		{"huge", func(p string) error { return os.WriteFile(p, make([]byte, maxSize+1), 0o600) }, "larger than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := store(t)
			c := course(t, filepath.Join(t.TempDir(), "notes"), lesson)
			if _, err := s.Grant(c); err != nil {
				t.Fatal(err)
			}
			os.Remove(s.Path)
			if err := tc.write(s.Path); err != nil {
				t.Fatal(err)
			}
			st := s.Check(c)
			if st.OK() || !strings.Contains(st.Warning, tc.why) || !strings.Contains(st.Warning, s.Path) {
				t.Fatalf("damaged record: %+v", st)
			}
			g, err := s.Grant(c)
			if err != nil {
				t.Fatal(err)
			}
			if g.Aside == "" {
				t.Fatal("the damaged record was not kept aside")
			}
			if _, err := os.Lstat(g.Aside); err != nil {
				t.Errorf("the damaged record is not at %s: %v", g.Aside, err)
			}
			if st := s.Check(c); st.State != Trusted || st.Warning != "" {
				t.Errorf("after a new record: %+v", st)
			}
		})
	}
}

func TestGrantKeepsOtherCourses(t *testing.T) {
	s := store(t)
	a := course(t, filepath.Join(t.TempDir(), "a"), lesson)
	b := course(t, filepath.Join(t.TempDir(), "b"), lesson)
	for _, c := range []*lessons.Course{a, b, a} {
		if _, err := s.Grant(c); err != nil {
			t.Fatal(err)
		}
	}
	if !s.Check(a).OK() || !s.Check(b).OK() {
		t.Fatal("trusting one course forgot the other")
	}
	rec, err := s.read()
	if err != nil || len(rec.Courses) != 2 {
		t.Fatalf("record: %+v %v", rec, err)
	}
	if was, err := s.Revoke(a); !was || err != nil {
		t.Fatalf("revoke: %v %v", was, err)
	}
	if s.Check(a).OK() || !s.Check(b).OK() {
		t.Error("revoking one course changed the other")
	}
	if was, _ := s.Revoke(a); was {
		t.Error("a course revoked twice")
	}
}

func TestBuiltinIsTrusted(t *testing.T) {
	c, _, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s := store(t)
	if st := s.Check(c); st.State != Builtin || !st.OK() {
		t.Errorf("built-in course: %+v", st)
	}
	if _, err := s.Grant(c); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path); err == nil {
		t.Error("trusting the built-in course recorded it")
	}
}

func TestDefault(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/config")
	s, err := Default()
	if err != nil || s.Path != filepath.Join("/config", "sandcastle", FileName) {
		t.Errorf("with XDG_CONFIG_HOME: %v %v", s, err)
	}
	t.Setenv("XDG_CONFIG_HOME", "relative")
	t.Setenv("HOME", "/home/ada")
	if s, err := Default(); err == nil && strings.HasPrefix(s.Path, "relative") {
		t.Errorf("a relative XDG_CONFIG_HOME was used: %s", s.Path)
	}
}
