package lessons

import "testing"

func TestMistakeLikeness(t *testing.T) {
	const solution = "# wait up to 5 seconds\ndb = connect(path, timeout=5)\nlength = int(headers.get(\"Content-Length\", 0))\n"
	for _, tt := range []struct {
		name, mistake, learner string
		want                   bool
	}{
		{"a number changed, which the solution has elsewhere: the learner wrote it too",
			"# wait up to 5 seconds\ndb = connect(path, timeout=0)\nlength = int(headers.get(\"Content-Length\", 0))\n",
			"db = connect(path,\n    timeout = 0)\nlength = int(headers.get(\"Content-Length\", 0))\n", true},
		{"a number changed, which the solution has elsewhere: the learner wrote something else",
			"# wait up to 5 seconds\ndb = connect(path, timeout=0)\nlength = int(headers.get(\"Content-Length\", 0))\n",
			"db = connect(path, timeout=5, check_same_thread=False)\nlength = int(headers.get(\"Content-Length\", 0))\n", false},
		{"a word of its own: enough alone",
			"db = connect(path, timeout=5, isolation_level=None)\nlength = int(headers.get(\"Content-Length\", 0))\n",
			"db = connect(path, isolation_level=None, timeout=5)\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			testLikeness(t, solution, tt.mistake, tt.learner, tt.want)
		})
	}
}

// TestCutLikeness: a mistake that only takes words out of a line is matched
// by a learner's line with the words left, whatever follows it, but not by
// one that still holds what was taken out.
func TestCutLikeness(t *testing.T) {
	const solution = "db, err = sql.Open(\"sqlite\", path+\"?_pragma=busy_timeout(5000)\")\nif err != nil {\n\tlog.Fatal(err)\n}\nrows := db.Query(\"SELECT player FROM scores ORDER BY score DESC, id LIMIT 3\")\n"
	const pySolution = "rows = db.execute(\n    \"SELECT player FROM scores ORDER BY score DESC, id\",\n    (text,))\n"
	const noPragma = "db, err = sql.Open(\"sqlite\", path)\ndb.Exec(\"PRAGMA busy_timeout = 5000\")\nif err != nil {\n\tlog.Fatal(err)\n}\nrows := db.Query(\"SELECT player FROM scores ORDER BY score DESC, id LIMIT 3\")\n"
	const noID = "db, err = sql.Open(\"sqlite\", path+\"?_pragma=busy_timeout(5000)\")\nif err != nil {\n\tlog.Fatal(err)\n}\nrows := db.Query(\"SELECT player FROM scores ORDER BY score DESC LIMIT 3\")\n"
	const noTieBreak = "rows = db.execute(\n    \"SELECT player FROM scores ORDER BY score DESC\",\n    (text,))\n"
	for _, tt := range []struct {
		name, mistake, learner string
		want                   bool
	}{
		{"words taken from the end of a line, another line after it", noPragma,
			"db, err = sql.Open(\"sqlite\", path)\nif err != nil {\n\tlog.Fatal(err)\n}\ndb.Exec(\"PRAGMA busy_timeout = 5000\")\n", true},
		{"the words still there", noPragma,
			"db, err = sql.Open(\"sqlite\", path+\"?_pragma=busy_timeout(5000)\")\ndb.Exec(\"PRAGMA busy_timeout = 5000\")\n", false},
		{"a word taken from the middle, the line split in two", noID, "rows := db.Query(\"SELECT player FROM scores ORDER BY score DESC\"+\n\t\" LIMIT 3\")", true},
		{"a word taken from a line's end, another word in its place", noTieBreak,
			"rows = db.execute(\n    \"SELECT player FROM scores ORDER BY score DESC, player\",\n    (text,))\n", false},
		{"a word taken from a line's end, the line split otherwise", noTieBreak,
			"rows = db.execute(\n    \"SELECT player FROM scores ORDER BY score DESC\", (text,))\n", true},
		{"the word still in the middle", noID, "rows := db.Query(\"SELECT player FROM scores ORDER BY score DESC, id LIMIT 3\")", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sol := solution
			if tt.mistake == noTieBreak {
				sol = pySolution
			}
			testLikeness(t, sol, tt.mistake, tt.learner, tt.want)
		})
	}
}

func testLikeness(t *testing.T, solution, mistake, learner string, want bool) {
	t.Helper()
	l := MistakeLikeness(solution, mistake)
	if got := l.Matches(learner); got != want {
		t.Errorf("Matches = %v, want %v (likeness %+v)", got, want, l)
	}
	if !l.Matches(mistake) {
		t.Errorf("the mistake is not written like itself (likeness %+v)", l)
	}
	if h := l.Hashed("salt"); h.Matches(learner) != want {
		t.Errorf("hashed: Matches = %v, want %v", !want, want)
	}
}
