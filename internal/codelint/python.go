package codelint

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/lessons"
)

// compileScript compiles each source of a JSON list read from stdin, as
// python3 -m py_compile would (without writing bytecode), and prints a JSON
// list of what went wrong with each: {line, message}, or null.
const compileScript = `import json, sys
def problem(src):
    try:
        compile(src, "solution", "exec", dont_inherit=True)
    except SyntaxError as e:
        return {"line": e.lineno or 0, "message": str(e.msg)}
    except Exception as e:  # null bytes before 3.12, nesting too deep
        return {"line": 0, "message": str(e) or type(e).__name__}
    return None
json.dump([problem(s) for s in json.load(sys.stdin.buffer)], sys.stdout)
`

// pythonFor returns the interpreter that the run command of the first of
// langs that runs Python names (python3 in "python3 server/app.py"), found
// on PATH as the server's would be; python3 when none does.
func pythonFor(course *lessons.Course, langs []string) string {
	for _, l := range course.Languages {
		f := strings.Fields(l.Run)
		if slices.Contains(langs, l.Name) && len(f) > 0 && strings.HasPrefix(filepath.Base(f[0]), "python") {
			return f[0]
		}
	}
	return "python3"
}

// pyProblems compiles every source in one run of python, in isolated mode
// so that no environment variable or folder of the user's changes it, and
// nothing of the course runs: compile only parses. The result has one entry
// per source, nil for one that compiles.
func pyProblems(ctx context.Context, python string, sources []string) ([]*problem, error) {
	argv := server.SystemCommand([]string{python}) // python3 may be py -3 on Windows
	if _, err := exec.LookPath(argv[0]); err != nil {
		return nil, fmt.Errorf("%s was not found, so the Python solutions were not compiled: install Python 3 to check them", python)
	}
	in, err := json.Marshal(sources)
	if err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], "-I", "-c", compileScript)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(in), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s could not compile the Python solutions: %s", python, lastLine(stderr.String(), err))
	}
	var found []*struct {
		Line    int    `json:"line"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &found); err != nil || len(found) != len(sources) {
		return nil, fmt.Errorf("%s could not compile the Python solutions: it answered %q", python, lastLine(stdout.String(), nil))
	}
	out := make([]*problem, len(sources))
	for i, f := range found {
		if f != nil {
			out[i] = &problem{line: f.Line, message: "does not compile: " + f.Message}
		}
	}
	return out, nil
}

// lastLine returns the last line of a program's output, or err's text when
// it printed nothing.
func lastLine(output string, err error) string {
	lines := strings.Split(strings.TrimSpace(output), "\n")
	if last := lines[len(lines)-1]; last != "" || err == nil {
		return last
	}
	return err.Error()
}
