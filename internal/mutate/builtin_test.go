package mutate_test

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/mutate"
	"github.com/sandcastle/sandcastle/lessons"
)

// solution is one solution file of the built-in course, and the file as
// its step found it (the solution of the step before, or "").
type solution struct {
	step, path, lang, content, previous string
}

func builtinSolutions(tb testing.TB) []solution {
	tb.Helper()
	c, _, err := lessons.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	var out []solution
	for _, s := range c.Steps() {
		for _, f := range s.Files {
			if lang := mutate.Lang(f.Path); f.Kind == lessons.Solution && lang != "" {
				previous := ""
				if s.Index > 0 {
					previous, _ = c.Version(f.Path, f.Lang, c.Steps()[s.Index-1], lessons.Solution)
				}
				out = append(out, solution{step: s.FullID(), path: f.Path, lang: lang, content: f.Content, previous: previous})
			}
		}
	}
	return out
}

// TestBuiltinCourse derives the mutants of every solution file of the
// built-in course, in both languages: each differs from the original and
// from every other, says truly which line it changes, and a Go mutant
// still parses (a Python one too, when python3 runs).
func TestBuiltinCourse(t *testing.T) {
	counts := map[string]int{}
	since := map[string]int{} // by language, the mutants of the lines each step wrote
	langs := map[string]bool{}
	var python []string
	for _, s := range builtinSolutions(t) {
		langs[s.lang] = true
		where := s.step + " " + s.path
		seen := map[string]bool{}
		before := strings.Split(s.content, "\n")
		ms := mutate.Mutants(s.lang, s.content)
		since[s.lang] += len(mutate.Since(s.previous, s.content, ms))
		for _, m := range ms {
			counts[m.Operator]++
			at := where + ":" + m.Operator + ": " + m.Shown()
			if m.Content == s.content {
				t.Errorf("%s: the mutant is the original", at)
			}
			if seen[m.Content] {
				t.Errorf("%s: the same mutant twice", at)
			}
			seen[m.Content] = true
			after := strings.Split(m.Content, "\n")
			if m.Line < 1 || m.Line > len(before) || before[m.Line-1] != m.Original || !m.Deleted && after[m.Line-1] != m.Changed {
				t.Errorf("%s: line %d is not the line it changes", at, m.Line)
			}
			switch s.lang {
			case "go":
				if _, err := parser.ParseFile(token.NewFileSet(), s.path, m.Content, parser.SkipObjectResolution); err != nil {
					t.Errorf("%s: the mutant does not parse: %v", at, err)
				}
			case "python":
				python = append(python, m.Content)
			}
		}
		if len(seen) == 0 && s.lang != "sql" {
			t.Errorf("%s: no mutants", where)
		}
	}
	for _, lang := range []string{"sql", "go", "python"} {
		if !langs[lang] {
			t.Errorf("the built-in course has no %s solution", lang)
		}
	}
	ops := slices.Sorted(func(yield func(string) bool) {
		for op := range counts {
			if !yield(op) {
				return
			}
		}
	})
	total := map[string]int{}
	for _, op := range ops {
		t.Logf("%-24s %5d", op, counts[op])
		total[strings.Split(op, "/")[0]] += counts[op]
	}
	t.Logf("sql %d, go %d, py %d mutants; on the lines each step wrote: sql %d, go %d, py %d",
		total["sql"], total["go"], total["py"], since["sql"], since["go"], since["python"])
	pythonParses(t, python)
}

// pythonParses compiles each Python mutant with python3, when it runs.
func pythonParses(t *testing.T, mutants []string) {
	if exec.Command("python3", "-c", "").Run() != nil {
		t.Log("python3 does not run: the Python mutants are not compiled")
		return
	}
	dir := t.TempDir()
	var files []string
	for i, m := range mutants {
		f := filepath.Join(dir, fmt.Sprintf("%04d.py", i))
		if err := os.WriteFile(f, []byte(m), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	script := "import sys\nfor p in sys.argv[1:]:\n    try:\n        compile(open(p).read(), p, 'exec')\n    except SyntaxError as e:\n        print(p, e)\n"
	out, err := exec.Command("python3", append([]string{"-c", script}, files...)...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("Python mutants that do not compile (%v):\n%s", err, out)
	}
}

// BenchmarkBuiltinCourse derives the mutants of every solution file of
// the built-in course.
func BenchmarkBuiltinCourse(b *testing.B) {
	solutions := builtinSolutions(b)
	for b.Loop() {
		for _, s := range solutions {
			mutate.Mutants(s.lang, s.content)
		}
	}
}
