package lessons

import (
	"crypto/sha256"
	"hash"
	"io/fs"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// hashOf loads the course in files and returns its hash.
func hashOf(t *testing.T, files fstest.MapFS) string {
	t.Helper()
	c, _, err := Load(files, "mem")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Hash, "sha256:") || len(c.Hash) != len("sha256:")+64 {
		t.Fatalf("hash %q", c.Hash)
	}
	return c.Hash
}

func TestHashIsTheContentParsed(t *testing.T) {
	yaml := "format: 1\nid: h\ntitle: H\nlessons:\n  - a.md\n  - b.md\n"
	base := fstest.MapFS{
		"course.yaml": {Data: []byte(yaml)},
		"a.md":        {Data: []byte("---\nid: a\ntitle: A\n---\n")},
		"b.md":        {Data: []byte("---\nid: b\ntitle: B\n---\n")},
	}
	h := hashOf(t, base)
	with := func(name, data string) fstest.MapFS {
		fs := fstest.MapFS{}
		for k, v := range base {
			fs[k] = v
		}
		fs[name] = &fstest.MapFile{Data: []byte(data)}
		return fs
	}
	if again := hashOf(t, with("a.md", "---\nid: a\ntitle: A\n---\n")); again != h {
		t.Error("the same content hashes differently")
	}
	if hashOf(t, with("README.md", "not a lesson")) != h {
		t.Error("a file the course does not read changed its hash")
	}
	for name, fs := range map[string]fstest.MapFS{
		"a lesson changed":    with("b.md", "---\nid: b\ntitle: B!\n---\n"),
		"course.yaml changed": with("course.yaml", yaml+"description: more\n"),
		// the bytes of a.md's end moved to b.md's start: names and lengths
		// are hashed too.
		"bytes moved between files": with("a.md", "---\nid: a\ntitle: A\n---"),
	} {
		if name == "bytes moved between files" {
			fs["b.md"] = &fstest.MapFile{Data: []byte("\n---\nid: b\ntitle: B\n---\n")}
		}
		if hashOf(t, fs) == h {
			t.Errorf("%s: the hash did not change", name)
		}
	}
}

func TestBuiltinHasNoHash(t *testing.T) {
	c, _, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if !c.Trusted || c.Hash != "" {
		t.Errorf("built-in course: trusted %v, hash %q", c.Trusted, c.Hash)
	}
}

func TestRuns(t *testing.T) {
	course := func(t *testing.T, yaml, lesson string) *Course {
		t.Helper()
		c, probs, err := Load(fstest.MapFS{
			"course.yaml": {Data: []byte("format: 1\nid: r\ntitle: R\nlessons:\n  - 01.md\n" + yaml)},
			"01.md":       {Data: []byte("---\nid: l\ntitle: L\n---\n\n" + lesson)},
		}, "mem")
		if err != nil || len(probs.Errors()) > 0 {
			t.Fatalf("%v\n%s", err, probs.Error())
		}
		return c
	}
	const langs = "languages:\n  go:\n    run: go run ./server\n  python:\n    run: python3 server/app.py\n"
	const server = "## Serve\n\n" +
		"```sql file=schema.sql\n-- tables\n```\n\n```sql solution file=schema.sql\nCREATE TABLE t (x);\n```\n\n" +
		"```go file=server/main.go\npackage main\n```\n\n```go solution file=server/main.go\npackage main\n```\n\n" +
		"```go file=go.mod\nmodule x\n```\n\n```go solution file=go.mod\nmodule x\n```\n\n" +
		"```python file=server/app.py\npass\n```\n\n```python solution file=server/app.py\npass\n```\n\n" +
		"```http check \"health\"\nGET /health\n```\n\n```expect\nHTTP 200\n```\n\n"
	const sh = "## Test\n\n```sh check \"tests pass\"\ngo test ./...\n```\n\n```expect\nexit 0\n```\n"
	const sqlOnly = "## Table\n\n```sql file=schema.sql\n-- tables\n```\n\n```sql solution file=schema.sql\nCREATE TABLE t (x);\n```\n\n" +
		"```sql check \"t\"\nSELECT 1;\n```\n\n```expect\n| 1 |\n```\n"

	t.Run("a server in two languages and an sh check", func(t *testing.T) {
		r := course(t, langs, server+sh).Runs()
		want := Runs{
			Servers: []ServerRun{
				{Lang: "go", Command: "go run ./server", Files: []string{"server/main.go", "go.mod"}},
				{Lang: "python", Command: "python3 server/app.py", Files: []string{"server/app.py"}},
			},
			Shell: []ShellRun{{Step: "l/test", Title: "tests pass", File: "01.md", Line: r.Shell[0].Line, Command: "go test ./...\n"}},
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("Runs =\n%+v\nwant\n%+v", r, want)
		}
		if r.Nothing() {
			t.Error("a course that runs a server runs nothing")
		}
		if got := r.Shell[0].Where(); !strings.HasPrefix(got, "01.md:") || r.Shell[0].Line == 0 {
			t.Errorf("Where = %q", got)
		}
	})
	t.Run("SQL only runs nothing", func(t *testing.T) {
		if r := course(t, "", sqlOnly).Runs(); !r.Nothing() || len(r.Servers) != 0 {
			t.Errorf("Runs = %+v", r)
		}
	})
	t.Run("an sh check without languages lists the files it may run", func(t *testing.T) {
		lesson := sh + "\n```text solution file=notes.txt\nnotes\n```\n"
		r := course(t, "", lesson).Runs()
		if r.Nothing() || len(r.Servers) != 1 || r.Servers[0].Lang != "" || r.Servers[0].Command != "" ||
			!reflect.DeepEqual(r.Servers[0].Files, []string{"notes.txt"}) {
			t.Errorf("Runs = %+v", r)
		}
	})
}

// BenchmarkLoadHash loads the built-in course's files, a megabyte and a
// half, with and without the content hash a course from a folder gets:
// what hashing adds to every command on such a course.
func BenchmarkLoadHash(b *testing.B) {
	sub, err := fs.Sub(builtin, "builtin/"+BuiltinID)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		h    func() hash.Hash
	}{{"without", func() hash.Hash { return nil }}, {"with", sha256.New}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := load(sub, "bench", bc.h()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The hashing alone, of the same files.
	var files [][]byte
	fs.WalkDir(sub, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(sub, path)
			files = append(files, data)
		}
		return nil
	})
	b.Run("hash only", func(b *testing.B) {
		for b.Loop() {
			h := sha256.New()
			for i, data := range files {
				hashFile(h, strconv.Itoa(i), data)
			}
			h.Sum(nil)
		}
	})
}
