package lessons

import (
	"strings"
	"testing"
)

func TestStartReadsUnsetAndEnv(t *testing.T) {
	for _, tt := range []struct {
		name, unset, env string
		want             string
		problems         int
	}{
		{"one unset", "API_KEY", "", "without API_KEY", 0},
		{"two unset, with a comma", "API_KEY,MODE", "", "without API_KEY and MODE", 0},
		{"a changed value", "", "API_KEY=another-key", "with API_KEY=another-key", 0},
		{"both", "MODE", "API_KEY=x", "without MODE and with API_KEY=x", 0},
		{"sandcastle's own", "PORT", "DATABASE_PATH=/tmp/x", "", 2},
		{"no value", "", "API_KEY", "", 1},
		{"changed twice", "API_KEY", "API_KEY=x", "without API_KEY", 1},
		{"not a name", "API-KEY", "", "", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := blockInfo{format: 2, unset: tt.unset, hasUnset: tt.unset != "", env: tt.env, hasEnv: tt.env != ""}
			s, problems := parseStart(b)
			if len(problems) != tt.problems {
				t.Errorf("problems %q, want %d", problems, tt.problems)
			}
			if got := s.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStartExit(t *testing.T) {
	for body, want := range map[string]Exit{
		"exit non-zero\nAPI_KEY":  {NonZero: true, Output: "API_KEY"},
		"exit 2":                  {Code: 2},
		"exit 1\n  not set  \n\n": {Code: 1, Output: "not set"},
	} {
		got, err := startExit(body)
		if err != nil || got != want {
			t.Errorf("startExit(%q) = %+v, %v; want %+v", body, got, err, want)
		}
	}
	for _, body := range []string{"", "exit", "exit nonzero", "HTTP 500", "exit -1"} {
		if _, err := startExit(body); err == nil {
			t.Errorf("startExit(%q) reads it", body)
		}
	}
}

func TestStopsNeedsRunAndABody(t *testing.T) {
	solved := cleanStep + "'''sql solution file=a.sql query\nSELECT 1;\n'''\n"
	for _, tt := range []struct {
		name, check string
		format      int
		want        []string
	}{
		{"a check with stops=", "'''sql check \"t\" run=a.sql stops=\"trap\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n", 2, []string{}},
		{"no run=", "'''sql check \"t\" stops=\"trap\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n", 2,
			[]string{"01-a.md:18: stops= needs run=: it says at which error the learner's file must stop"}},
		{"no body", "'''sql check \"t\" run=a.sql stops=\"trap\"\n'''\n'''expect\n| 1 |\n'''\n", 2,
			[]string{"01-a.md:18: a check with stops= needs a body: the SQL that runs where the file stopped (ROLLBACK TO a savepoint, say), whose result is compared"}},
		{"format 1", "'''sql check \"t\" run=a.sql stops=\"trap\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n", 1,
			[]string{"01-a.md:18: stops= belongs to format 2; declare format: 2 in course.yaml"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := oneLesson(testFrontMatter + solved + tt.check)
			if tt.format == 2 {
				files = format2(testFrontMatter + solved + tt.check)
			}
			assertLines(t, lintCourse(t, files), tt.want)
		})
	}
}

func TestPrintsFileRoundTrips(t *testing.T) {
	p := Prints{Lessons: []LessonPrints{{Lesson: "board", Inputs: "sha256:ab", Steps: []StepPrints{
		{Step: "board/best", Lang: "", Mistakes: []MistakePrint{{ID: "no-desc", Why: "smallest first:\nno DESC", Fingerprint: "f1aa"}}},
		{Step: "board/best", Lang: "go", Mistakes: []MistakePrint{{ID: "a", Why: "a b  c", Fingerprint: "f2bb"}}},
	}}}}
	got, err := UnmarshalPrints(MarshalPrints(p))
	if err != nil {
		t.Fatal(err)
	}
	if w := got.Lessons[0].Steps[0].Mistakes[0].Why; w != "smallest first: no DESC" {
		t.Errorf("a WHY over two lines reads back as %q", w)
	}
	if l := got.Lessons[0].Steps[1].Lang; l != "go" {
		t.Errorf("the step's language reads back as %q", l)
	}
	if _, err := UnmarshalPrints([]byte("lesson a b\nstep s -\nnot a line\n")); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("a line that is no line of the file: %v", err)
	}
}
