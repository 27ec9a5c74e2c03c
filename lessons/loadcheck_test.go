package lessons

import (
	"strings"
	"testing"
	"time"
)

func TestParseLoadExpect(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       LoadExpect
		err        string
	}{
		{name: "every answer", body: "status 201", want: LoadExpect{Status: 201}},
		{name: "at least some", body: "status 200 at least 45\n", want: LoadExpect{Status: 200, AtLeast: 45}},
		{name: "latency bounds", body: "status 201\np95 under 2s\nmax under 5s\nmedian under 500ms",
			want: LoadExpect{Status: 201, Under: map[string]time.Duration{"p95": 2 * time.Second, "max": 5 * time.Second, "median": 500 * time.Millisecond}}},
		{name: "no status", body: "p95 under 2s", err: "needs the status"},
		{name: "not a status", body: "status OK", err: "status OK is not an HTTP status"},
		{name: "not a duration", body: "status 201\np95 under soon", err: "soon is not a duration"},
		{name: "not a line", body: "status 201\nall fast", err: `"all fast" is not a line`},
		{name: "at least nothing", body: "status 201 at least 0", err: "at least 0 is not a count"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLoadExpect(tt.body)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.want.Status || got.AtLeast != tt.want.AtLeast || len(got.Under) != len(tt.want.Under) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for k, v := range tt.want.Under {
				if got.Under[k] != v {
					t.Errorf("%s = %s, want %s", k, got.Under[k], v)
				}
			}
		})
	}
}

func TestLoadCheckLint(t *testing.T) {
	lesson := func(check string) map[string]string {
		f := oneLesson(testFrontMatter + "## One\n\n" + check + "\n'''expect\nstatus 200\n'''\n\n'''hint\nH.\n'''\n")
		f["course.yaml"] = "format: 2\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\nlanguages:\n  python:\n    run: python3 app.py\n"
		return f
	}
	for _, tt := range []struct{ name, check, want string }{
		{"another host", "'''load check \"t\" n=5\nGET http://example.com/x\n'''\n", "write the path alone"},
		{"no n", "'''load check \"t\"\nGET /x\n'''\n", "a load check needs n="},
		{"too many", "'''load check \"t\" n=5000\nGET /x\n'''\n", "from 1 to 1000"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			probs := lintCourse(t, lesson(tt.check))
			if !strings.Contains(strings.Join(probs, "\n"), tt.want) {
				t.Errorf("problems %q, want %q", probs, tt.want)
			}
		})
	}
	f := lesson("'''load check \"t\" n=5\nGET /x\n'''\n")
	f["course.yaml"] = strings.Replace(f["course.yaml"], "format: 2", "format: 1", 1)
	if probs := lintCourse(t, f); !strings.Contains(strings.Join(probs, "\n"), "the load check belongs to format 2") {
		t.Errorf("format 1: %q", probs)
	}
}

// TestLoadExpectLintLines: what lint says of a load check's expect, at the
// line it is about: the line after the fence is the fence's line + 1.
func TestLoadExpectLintLines(t *testing.T) {
	// The check's fence is at line 7, the expect's at line 11.
	lesson := func(attrs, mode, expect string) map[string]string {
		f := oneLesson(testFrontMatter + "## One\n\n'''load check \"t\" " + attrs + "\nGET /x\n'''\n\n'''expect" + mode + "\n" + expect + "'''\n\n'''hint\nH.\n'''\n")
		f["course.yaml"] = "format: 2\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\nlanguages:\n  python:\n    run: python3 app.py\n"
		return f
	}
	for _, tt := range []struct {
		name, attrs, mode, expect string
		want                      []string
	}{
		{name: "at least more than n", attrs: "n=3", expect: "p95 under 2s\nstatus 200 at least 4\n",
			want: []string{"01-a.md:13: status 200 at least 4 asks for more answers than the check sends (n=3); at least N is at most n"}},
		{name: "at least n is every answer", attrs: "n=3", expect: "status 200 at least 3\n"},
		{name: "two status lines", attrs: "n=5", expect: "status 200\nstatus 404\n",
			want: []string{"01-a.md:13: a second status line; a load check's expect has one (status CODE, or status CODE at least N): keep one of the two"}},
		{name: "a bound given twice", attrs: "n=5", expect: "status 200\np95 under 2s\np95 under 3s\n",
			want: []string{"01-a.md:14: a second p95 line; the answers' p95 has one bound: keep one of the two"}},
		{name: "a zero bound", attrs: "n=5", expect: "status 200\np95 under 0s\n",
			want: []string{"01-a.md:13: p95 under 0s: a bound on the answers' time must be above zero, as in p95 under 2s"}},
		{name: "a negative bound", attrs: "n=5", expect: "status 200\nmax under -1s\n",
			want: []string{"01-a.md:13: max under -1s: a bound on the answers' time must be above zero, as in max under 2s"}},
		{name: "not a duration", attrs: "n=5", expect: "status 200\np95 under fast\n",
			want: []string{"01-a.md:13: fast is not a duration (500ms, 2s); a load check's expect has lines such as: status 201, status 201 at least 45, p95 under 2s"}},
		{name: "a line of another kind", attrs: "n=5", expect: "\nHTTP 200\n",
			want: []string{`01-a.md:13: "HTTP 200" is not a line of a load check's expect; a load check's expect has lines such as: status 201, status 201 at least 45, p95 under 2s`}},
		{name: "no status, at the fence", attrs: "n=5", expect: "p95 under 2s\n",
			want: []string{"01-a.md:11: the expect of a load check needs the status of its answers; a load check's expect has lines such as: status 201, status 201 at least 45, p95 under 2s"}},
		{name: "a mode", attrs: "n=5", mode: " unordered", expect: "status 200\n",
			want: []string{`01-a.md:11: the expect of a load check takes no mode; remove "unordered"`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, lesson(tt.attrs, tt.mode, tt.expect)), tt.want)
		})
	}
}
