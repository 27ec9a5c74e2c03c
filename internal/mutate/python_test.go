package mutate_test

import (
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/mutate"
)

// pyServer is a small handler for the Python operators' tests.
const pyServer = `class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        """Save a score: a docstring is no statement to delete."""
        if "n" not in self.query:
            self.send_json(400, {"error": "say n"})
            return
        n = int(self.query["n"][0])
        if n > 100:
            n = 100
        else:
            n = n + 1
        rows = db.execute(
            "SELECT a FROM t WHERE b = ?",  # a comment > 1
            (n,),
        ).fetchall()
        self.send_json(HTTPStatus.CREATED, {"n": n, "rows": [r for r in rows if r is not None]})

    def send_json(self, status, data):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(data).encode())
`

func TestPythonOperators(t *testing.T) {
	runCases(t, "python", []mutantCase{
		{"a header line goes", "py/drop-header", pyServer,
			[]string{`20: deleted: self.send_header("Content-Type", "application/json")`}},
		{"a return after an answer goes", "py/drop-return", pyServer,
			[]string{"6: deleted: return"}},
		{"an if with no else goes with its block", "py/drop-if", pyServer,
			[]string{`4: deleted: if "n" not in self.query:`}},
		{"a key of a dict goes", "py/drop-json-key", pyServer,
			[]string{`5: self.send_json(400, {})`, `16: self.send_json(HTTPStatus.CREATED, {"rows": [r for r in rows if r is not None]})`, `16: self.send_json(HTTPStatus.CREATED, {"n": n})`}},
		{"a statement goes, the only one of its block becomes pass, not a docstring or a return", "py/delete-statement", pyServer,
			[]string{`5: deleted: self.send_json(400, {"error": "say n"})`, `7: deleted: n = int(self.query["n"][0])`, "9: pass", "11: pass",
				"12: deleted: rows = db.execute(", "16: deleted: self.send_json(HTTPStatus.CREATED, {\"n\": n, \"rows\": [r for r in rows if r is not None]})",
				"19: deleted: self.send_response(status)", "21: deleted: self.end_headers()", "22: deleted: self.wfile.write(json.dumps(data).encode())"}},
		{"a status goes to its neighbour, as a number and as a name", "py/status-neighbour", pyServer,
			[]string{`5: self.send_json(404, {"error": "say n"})`, `16: self.send_json(HTTPStatus.OK, {"n": n, "rows": [r for r in rows if r is not None]})`}},
		{"comparisons flip, not in strings, comments or a for's in", "py/comparison", pyServer,
			[]string{`4: if "n" in self.query:`, "8: if n >= 100:", `16: self.send_json(HTTPStatus.CREATED, {"n": n, "rows": [r for r in rows if r is None]})`}},
		{"integers move by one, an index 0 only up", "py/int", pyServer,
			[]string{`7: n = int(self.query["n"][1])`, "8: if n > 101:", "8: if n > 99:", "9: n = 101", "9: n = 99", "11: n = n + 2", "11: n = n + 0"}},
		{"a compound statement on one line is no statement to delete", "py/delete-statement",
			"try: x = 1\nexcept E: y = 2\nelse: z = 3\nif a: b()\n", nil},
		{"a one-line if goes whole", "py/drop-if",
			"def f():\n    if a: return 1\n", []string{"2: pass"}},
		{"in becomes not in, is not becomes is", "py/comparison", "if a in b and c is not d:\n    pass\n",
			[]string{"1: if a not in b and c is not d:", "1: if a in b and c is d:"}},
	})
}

func TestPythonStrings(t *testing.T) {
	in := "x = '''a == b\nif c: 1'''\ny = r\"\\\" 2\" + f'{3}'\nz = [1,\n     2]\n"
	var got []string
	for _, m := range mutate.Mutants("python", in) {
		got = append(got, m.Operator+" "+m.Shown())
	}
	want := []string{"py/delete-statement deleted: x = '''a == b", `py/delete-statement deleted: y = r"\" 2" + f'{3}'`, "py/delete-statement deleted: z = [1,",
		"py/int z = [2,", "py/int z = [0,", "py/int 3]", "py/int 1]"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
