package lessons

import (
	"reflect"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Create the scores table", "create-the-scores-table"},
		{"  Hello,   World!!  ", "hello-world"},
		{"The server's own tests", "the-server-s-own-tests"},
		{"Café au lait", "caf-au-lait"},
		{"C# basics", "c-basics"},
		{"100% done", "100-done"},
		{"UPPER and lower", "upper-and-lower"},
		{"snake_case_name", "snake-case-name"},
		{"--already-dashed--", "already-dashed"},
		{"¿¡!", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := Slug(tt.title); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestStepHeading(t *testing.T) {
	tests := []struct {
		name, line, want string
		ok               bool
	}{
		{"level 2", "## Create it", "Create it", true},
		{"indented three spaces", "   ## Create it", "Create it", true},
		{"indented four spaces is code", "    ## Create it", "", false},
		{"no space after the hashes", "##Create it", "", false},
		{"level 3", "### Details", "", false},
		{"level 1", "# Lesson", "", false},
		{"closing hashes", "## Create it ##", "Create it", true},
		{"hash that is part of the title", "## Learn C#", "Learn C#", true},
		{"empty heading", "##", "", true},
		{"explicit id stays in the text", "## Create it {#create}", "Create it {#create}", true},
		{"tab after the hashes", "##\tCreate it", "Create it", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := stepHeading(tt.line)
			if got != tt.want || ok != tt.ok {
				t.Errorf("stepHeading(%q) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestStepIDs(t *testing.T) {
	tests := []struct {
		name, heading, title, id string
	}{
		{"slug of the title", "## Create the scores table", "Create the scores table", "create-the-scores-table"},
		{"explicit id", "## Read the best scores {#leaderboard}", "Read the best scores", "leaderboard"},
		{"explicit id without a space", "## Read it{#read}", "Read it", "read"},
		{"braces that are not an id", "## Use {curly} braces", "Use {curly} braces", "use-curly-braces"},
		{"closing hashes and an id", "## Save a score {#save} ##", "Save a score", "save"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, _ := ParseLesson("a.md", []byte(md(testFrontMatter+tt.heading+"\n")))
			if len(l.Steps) != 1 {
				t.Fatalf("got %d steps, want 1", len(l.Steps))
			}
			s := l.Steps[0]
			if s.Title != tt.title || s.ID != tt.id {
				t.Errorf("got title %q id %q, want %q %q", s.Title, s.ID, tt.title, tt.id)
			}
			if s.Line != 5 || s.Lesson != l || s.FullID() != "a/"+tt.id {
				t.Errorf("got line %d, lesson %p (want %p), full id %q", s.Line, s.Lesson, l, s.FullID())
			}
		})
	}
}

func TestParseInfo(t *testing.T) {
	tests := []struct {
		info     string
		want     blockInfo
		problems []string
	}{
		{"sql", blockInfo{lang: "sql"}, nil},
		{"", blockInfo{}, nil},
		{"hint", blockInfo{role: "hint"}, nil},
		{"go hint", blockInfo{lang: "go", role: "hint"}, nil},
		{"expect", blockInfo{role: "expect"}, nil},
		{"expect unordered", blockInfo{role: "expect", mode: "unordered", hasMode: true}, nil},
		{"seed", blockInfo{role: "seed"}, nil},
		{"sql file=schema.sql", blockInfo{lang: "sql", file: "schema.sql", hasFile: true}, nil},
		{"file=notes.txt", blockInfo{file: "notes.txt", hasFile: true}, nil},
		{"sql file=queries/top.sql query", blockInfo{lang: "sql", file: "queries/top.sql", hasFile: true, query: true}, nil},
		{"sql query file=queries/top.sql", blockInfo{lang: "sql", file: "queries/top.sql", hasFile: true, query: true}, nil},
		{`sql mistake file=q.sql "ascending order"`, blockInfo{lang: "sql", role: "mistake", file: "q.sql", hasFile: true, text: "ascending order", hasText: true}, nil},
		{`sql mistake "WHY first" file=q.sql query`, blockInfo{lang: "sql", role: "mistake", file: "q.sql", hasFile: true, query: true, text: "WHY first", hasText: true}, nil},
		{
			`sql check "the three best" run=queries/top.sql args="player=ada score=3"`,
			blockInfo{lang: "sql", role: "check", run: "queries/top.sql", hasRun: true, args: "player=ada score=3", hasArgs: true, text: "the three best", hasText: true},
			nil,
		},
		{`http   check   "a \"quoted\" title"`, blockInfo{lang: "http", role: "check", text: `a "quoted" title`, hasText: true}, nil},
		{`sql file="my file.sql"`, blockInfo{lang: "sql", file: "my file.sql", hasFile: true}, nil},
		{"chek", blockInfo{role: "check"}, []string{`unknown role "chek"; did you mean "check"?`}},
		{"sql slution file=a.sql", blockInfo{lang: "sql", role: "solution", file: "a.sql", hasFile: true}, []string{`unknown role "slution"; did you mean "solution"?`}},
		{"sed", blockInfo{lang: "sed"}, nil},
		{"python title=x", blockInfo{lang: "python"}, []string{`unknown attribute "title"; a file= block takes file= and query`}},
		{`check "a`, blockInfo{role: "check"}, []string{`a quoted string is never closed; end it with "`}},
		{`check "a"b`, blockInfo{role: "check"}, []string{`put a space after the closing " of "a"`}},
	}
	for _, tt := range tests {
		t.Run(tt.info, func(t *testing.T) {
			got, problems := parseInfo(tt.info)
			if got != tt.want {
				t.Errorf("parseInfo(%q) =\n  %+v\nwant\n  %+v", tt.info, got, tt.want)
			}
			if !reflect.DeepEqual(problems, tt.problems) {
				t.Errorf("parseInfo(%q) problems = %q, want %q", tt.info, problems, tt.problems)
			}
		})
	}
}

func TestBlockBodies(t *testing.T) {
	tests := []struct {
		name, block, want string
	}{
		{"lines end in newlines", "'''sql check \"c\"\nSELECT 1;\nSELECT 2;\n'''\n", "SELECT 1;\nSELECT 2;\n"},
		{"empty block", "'''sql check \"c\" run=q.sql\n'''\n", ""},
		{"blank line kept", "'''sql check \"c\"\nSELECT 1;\n\nSELECT 2;\n'''\n", "SELECT 1;\n\nSELECT 2;\n"},
		{"indented fence strips its indent", "  '''sql check \"c\"\n  SELECT 1;\n    -- more\n SELECT 2;\n  '''\n", "SELECT 1;\n  -- more\nSELECT 2;\n"},
		{"longer fence holds a shorter one", "````sql check \"c\"\n```\nSELECT 1;\n````\n", "```\nSELECT 1;\n"},
		{"tilde fence", "~~~sql check \"c\"\n```\n~~~\n", "```\n"},
		{"closing fence with trailing spaces", "'''sql check \"c\"\nSELECT 1;\n'''   \n", "SELECT 1;\n"},
		{"backtick fence is not closed by tildes", "'''sql check \"c\"\n~~~\n'''\n", "~~~\n"},
		{"crlf line endings", "'''sql check \"c\"\r\nSELECT 1;\r\n'''\r\n", "SELECT 1;\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, _ := ParseLesson("a.md", []byte(md(testFrontMatter+"## S\n"+tt.block)))
			if len(l.Steps) != 1 || len(l.Steps[0].Checks) != 1 {
				t.Fatalf("got %d steps, want 1 with one check", len(l.Steps))
			}
			c := l.Steps[0].Checks[0]
			if c.Body != tt.want || c.Line != 6 {
				t.Errorf("got body %q at line %d, want %q at line 6", c.Body, c.Line, tt.want)
			}
		})
	}
}

func TestProse(t *testing.T) {
	lesson := md(testFrontMatter + `

Intro line one.


Intro line two.

'''sql setup
CREATE TABLE t (x);
'''


'''sql seed
INSERT INTO t VALUES (1);
'''

# A level-1 heading is prose

## First step

Do this.
'''sql file=schema.sql
'''
Then that.

'''text
kept as written


with its blank lines
'''



'''sql check "c"
SELECT 1;
'''

### A level-3 heading is prose

'''expect
| 1 |
'''
   
## Second step
'''hint
h
'''
`)
	l, _ := ParseLesson("a.md", []byte(lesson))
	wantIntro := "Intro line one.\n\nIntro line two.\n\n# A level-1 heading is prose"
	if l.Intro.String() != wantIntro {
		t.Errorf("intro = %q, want %q", l.Intro, wantIntro)
	}
	if len(l.Setup) != 1 || *l.Setup[0] != (SQLBlock{Body: "CREATE TABLE t (x);\n", Line: 12}) {
		t.Errorf("setup = %s", dump(l.Setup))
	}
	if len(l.Seed) != 1 || *l.Seed[0] != (SQLBlock{Body: "INSERT INTO t VALUES (1);\n", Line: 17}) {
		t.Errorf("seed = %s", dump(l.Seed))
	}
	if len(l.Steps) != 2 {
		t.Fatalf("got %d steps, want 2", len(l.Steps))
	}
	wantProse := "Do this.\n\nThen that.\n\n```text\nkept as written\n\n\nwith its blank lines\n```\n\n### A level-3 heading is prose"
	if got := l.Steps[0].Prose.String(); got != wantProse {
		t.Errorf("prose = %q, want %q", got, wantProse)
	}
	if got := l.Steps[1].Prose.String(); got != "" {
		t.Errorf("second step prose = %q, want empty", got)
	}
}

func TestProseForALanguage(t *testing.T) {
	lesson := md(testFrontMatter + `## Answer
In your language:

'''go
fmt.Println("hi")
'''

'''python
print("hi")
'''

'''sql
SELECT 1;
'''

Done.
'''sql check "c"
SELECT 1;
'''
'''expect
| 1 |
'''
`)
	l, _ := ParseLesson("a.md", []byte(lesson))
	c := &Course{Languages: []Language{{Name: "go"}, {Name: "python"}}}
	prose := l.Steps[0].Prose
	for _, tc := range []struct {
		name, lang, want string
	}{
		{"go sees go", "go", "In your language:\n\n```go\nfmt.Println(\"hi\")\n```\n\n```sql\nSELECT 1;\n```\n\nDone."},
		{"python sees python", "python", "In your language:\n\n```python\nprint(\"hi\")\n```\n\n```sql\nSELECT 1;\n```\n\nDone."},
		{"no language yet sees both", "", prose.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := prose.For(c, tc.lang); got != tc.want {
				t.Errorf("prose = %q, want %q", got, tc.want)
			}
		})
	}
	// A course without languages treats go as any other prose.
	if got := prose.For(&Course{}, "python"); got != prose.String() || !strings.Contains(got, "fmt.Println") {
		t.Errorf("prose of a course without languages = %q", got)
	}
}

func TestStepBlocks(t *testing.T) {
	l, probs := ParseLesson("01-first-table.md", []byte(md(testFrontMatter+`## Leaderboard
'''sql setup
CREATE TABLE extra (x);
'''
'''sql seed
INSERT INTO scores VALUES (1, 'ada', 300);
'''
'''sql file=./queries/top.sql query
-- write it here
'''
'''sql solution file=queries/top.sql
SELECT player FROM scores;
'''
'''sql mistake file=queries/top.sql "ascending order"
SELECT player FROM scores ORDER BY score;
'''
'''sql check "the best come first" run=queries/top.sql args="n=3"
'''
'''expect unordered
| ada |
'''
'''go hint
Use ORDER BY.
'''
`)))
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	s := l.Steps[0]
	wantFiles := []*FileBlock{
		{Kind: Starter, Lang: "sql", Path: "queries/top.sql", Query: true, Content: "-- write it here\n", Line: 12},
		{Kind: Solution, Lang: "sql", Path: "queries/top.sql", Content: "SELECT player FROM scores;\n", Line: 15},
		{Kind: Mistake, Lang: "sql", Path: "queries/top.sql", Why: "ascending order", Content: "SELECT player FROM scores ORDER BY score;\n", Line: 18},
	}
	if !reflect.DeepEqual(s.Files, wantFiles) {
		t.Errorf("files:\n%s", dump(s.Files))
	}
	wantCheck := &Check{Kind: "sql", Title: "the best come first", Run: "queries/top.sql", Args: "n=3", Line: 21,
		Params: map[string]any{"n": int64(3)},
		Expect: Expect{Mode: "unordered", Body: "| ada |\n", Line: 23, Table: &Table{Rows: [][]string{{"ada"}}}}}
	if len(s.Checks) != 1 || !reflect.DeepEqual(s.Checks[0], wantCheck) {
		t.Errorf("checks: %+v", s.Checks)
	}
	if len(s.Setup) != 1 || s.Setup[0].Line != 6 || len(s.Seed) != 1 || s.Seed[0].Line != 9 {
		t.Errorf("setup %+v seed %+v", s.Setup, s.Seed)
	}
	wantHints := []*Hint{{Lang: "go", Body: "Use ORDER BY.\n", Line: 26}}
	if !reflect.DeepEqual(s.Hints, wantHints) {
		t.Errorf("hints: %+v", s.Hints)
	}
}

func dump[T any](xs []*T) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(sprintf("%+v", *x)), "\n", " "))
		b.WriteByte('\n')
	}
	return b.String()
}

func TestFrontMatterFields(t *testing.T) {
	l, probs := ParseLesson("01-first-table.md", []byte("---\nid: first-table\ntitle: \"A table: for scores\"\nsummary: One line.\n---\n"+md(cleanStep)))
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if l.ID != "first-table" || l.Title != "A table: for scores" || l.Summary != "One line." || l.File != "01-first-table.md" || l.Line != 1 {
		t.Errorf("lesson = %+v", l)
	}
}

func TestUnterminatedFenceEndsTheLesson(t *testing.T) {
	l, probs := ParseLesson("a.md", []byte(md(testFrontMatter+cleanStep+"'''text\n## Not a step\n'''sql check \"c\"\n")))
	if len(l.Steps) != 1 || len(l.Steps[0].Checks) != 1 {
		t.Errorf("got %d steps, want 1 with one check", len(l.Steps))
	}
	if len(probs) != 1 || probs[0].Line != 15 {
		t.Errorf("problems = %v", probs)
	}
}
