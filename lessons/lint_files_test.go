package lessons

import "testing"

// stepTwo is a clean second step; its heading comes right after what precedes it.
const stepTwo = "## Step two\n'''sql check \"two rows\"\nSELECT 2;\n'''\n'''expect\n| 2 |\n'''\n'''hint\nh\n'''\n"

func TestLintFiles(t *testing.T) {
	tests := []struct {
		name   string
		lesson string
		want   []string
	}{
		{
			name: "file paths that leave the workspace",
			lesson: cleanStep +
				"'''sql file=/etc/passwd\n'''\n" + // 15
				"'''sql file=../up.sql\n'''\n" + // 17
				"'''sql file=a\\b.sql\n'''\n" + // 19
				"'''sql file=.sandcastle/progress.sql\n'''\n" + // 21
				"'''yaml file=sandcastle.yaml\n'''\n" + // 23
				"'''sql file=\"\"\n'''\n" + // 25
				"'''sql file=a/../../b.sql\n'''\n" + // 27
				"'''sql file=queries/\n'''\n" + // 29
				"'''sql solution file=C:/x.sql\n'''\n", // 31
			want: []string{
				"01-a.md:15: file=/etc/passwd is absolute; give a path relative to the workspace",
				"01-a.md:17: file=../up.sql leaves the workspace; give a path inside it",
				`01-a.md:19: file=a\b.sql uses \; separate folders with /`,
				"01-a.md:21: file=.sandcastle/progress.sql is inside .sandcastle, sandcastle's own folder; choose another path",
				"01-a.md:23: file=sandcastle.yaml is the workspace's own sandcastle.yaml; choose another path",
				"01-a.md:25: file= needs a path relative to the workspace, as in file=schema.sql",
				"01-a.md:27: file=a/../../b.sql leaves the workspace; give a path inside it",
				"01-a.md:29: file=queries/ names a folder; give the path of a file",
				"01-a.md:31: file=C:/x.sql is absolute; give a path relative to the workspace",
			},
		},
		{
			name:   "a path that stays inside the workspace is cleaned",
			lesson: cleanStep + "'''sql file=./db/../schema.sql\n'''\n'''sql solution file=schema.sql\n'''\n",
			want:   []string{},
		},
		{
			name:   "starter without a solution",
			lesson: cleanStep + "'''sql file=schema.sql\n'''\n",
			want:   []string{"01-a.md:15: file=schema.sql has no solution in this step or a later one; add a '''sql solution file=schema.sql''' block"},
		},
		{
			name:   "starter without a language",
			lesson: cleanStep + "'''file=NOTES\n'''\n",
			want:   []string{"01-a.md:15: file=NOTES has no solution in this step or a later one; add a '''solution file=NOTES''' block"},
		},
		{
			name:   "starter with a space in its path",
			lesson: cleanStep + "'''sql file=\"my schema.sql\"\n'''\n",
			want:   []string{`01-a.md:15: file="my schema.sql" has no solution in this step or a later one; add a '''sql solution file="my schema.sql"''' block`},
		},
		{
			name:   "starter whose solution comes in a later step",
			lesson: cleanStep + "'''sql file=schema.sql\n'''\n" + stepTwo + "'''sql solution file=schema.sql\nCREATE TABLE t (x);\n'''\n",
			want:   []string{},
		},
		{
			name:   "starter whose solution came in an earlier step",
			lesson: cleanStep + "'''sql solution file=schema.sql\nCREATE TABLE t (x);\n'''\n" + stepTwo + "'''sql file=schema.sql\n'''\n",
			want:   []string{"01-a.md:28: file=schema.sql has no solution in this step or a later one; add a '''sql solution file=schema.sql''' block"},
		},
		{
			name:   "solution that introduces a file",
			lesson: cleanStep + "'''sql solution file=schema.sql\nCREATE TABLE t (x);\n'''\n",
			want:   []string{},
		},
		{
			name:   "mistake without a solution in its step",
			lesson: cleanStep + "'''sql file=schema.sql\n'''\n'''sql mistake file=schema.sql \"no table\"\n'''\n" + stepTwo + "'''sql solution file=schema.sql\nCREATE TABLE t (x);\n'''\n",
			want:   []string{"01-a.md:17: mistake for schema.sql needs a solution of schema.sql in the same step"},
		},
		{
			name:   "run= names an undeclared file",
			lesson: cleanStep + "'''sql check \"best\" run=q.sql\n'''\n'''expect\n'''\n",
			want:   []string{"01-a.md:15: run=q.sql names a file that is not declared in this step or an earlier one; declare it with a '''sql file=q.sql query''' block"},
		},
		{
			name:   "run= names a file declared later in the same step",
			lesson: cleanStep + "'''sql check \"best\" run=q.sql\n'''\n'''expect\n'''\n'''sql solution file=q.sql query\nSELECT 1;\n'''\n",
			want:   []string{},
		},
		{
			name:   "run= names a file declared in a later step",
			lesson: cleanStep + "'''sql check \"best\" run=q.sql\n'''\n'''expect\n'''\n" + stepTwo + "'''sql solution file=q.sql query\nSELECT 1;\n'''\n",
			want:   []string{"01-a.md:15: run=q.sql names a file that is not declared in this step or an earlier one; declare it with a '''sql file=q.sql query''' block"},
		},
		{
			name:   "run= names a file that is not SQL",
			lesson: cleanStep + "'''go solution file=main.go\n'''\n'''sql check \"best\" run=main.go\n'''\n'''expect\n'''\n",
			want:   []string{"01-a.md:17: run=main.go is not a .sql file; a check can only run the learner's SQL"},
		},
		{
			name:   "run= names an applied file",
			lesson: cleanStep + "'''sql solution file=q.sql\nSELECT 1;\n'''\n'''sql check \"best\" run=q.sql\n'''\n'''expect\n'''\n",
			want:   []string{"01-a.md:18: warning: run=q.sql names a file without the query flag: it is applied, not run; add the query flag to its first block, at 01-a.md:15"},
		},
		{
			name:   "run= that leaves the workspace",
			lesson: cleanStep + "'''sql check \"best\" run=../q.sql\n'''\n'''expect\n'''\n",
			want:   []string{"01-a.md:15: run=../q.sql leaves the workspace; give a path inside it"},
		},
		{
			name:   "run= and args= on an http check",
			lesson: cleanStep + "'''http check \"home\" run=q.sql args=\"a=1\"\nGET /\n'''\n'''expect\nHTTP 200\n'''\n",
			want: []string{
				"01-a.md:15: run= is only for sql checks",
				"01-a.md:15: args= is only for sql checks",
				"01-a.md:15: an http check needs the learner's server: add languages: to course.yaml with the run: command of each language",
			},
		},
		{
			name:   "args= without run=",
			lesson: cleanStep + "'''sql check \"best\" args=\"player=ada\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n",
			want:   []string{"01-a.md:15: args= needs run=; args bind the parameters of the file that run= names"},
		},
		{
			name:   "query flag on a file that is not SQL",
			lesson: cleanStep + "'''go solution file=main.go query\n'''\n",
			want:   []string{"01-a.md:15: query is only for .sql files; main.go is not one"},
		},
		{
			name:   "query flag on a later block of the path",
			lesson: cleanStep + "'''sql file=q.sql\n'''\n'''sql solution file=q.sql query\nSELECT 1;\n'''\n",
			want:   []string{"01-a.md:17: warning: query on q.sql has no effect here; put it on the first block that names the file, at 01-a.md:15"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, oneLesson(testFrontMatter+tt.lesson)), mdAll(tt.want))
		})
	}
}

func TestLintArgs(t *testing.T) {
	const how = `; write name=value pairs separated by spaces, as in args="player=ada score=3"`
	tests := []struct {
		name string
		args string
		want string // "" for no problem
	}{
		{"pairs", `player=ada score=3`, ""},
		{"quoted value", `player=\"ada lovelace\" score=3`, ""},
		{"empty quoted value", `player=\"\"`, ""},
		{"empty", ``, "args= is empty" + how},
		{"name without value", `player`, `args= has "player" where a parameter name and = should be` + how},
		{"empty value", `player= score=3`, "args= has no value for player" + how},
		{"name that starts with a digit", `1st=ada`, `args= has "1st=ada" where a parameter name and = should be` + how},
		{"name given twice", `player=ada player=grace`, "args= binds player twice" + how},
		{"unclosed quoted value", `player=\"ada`, "args= has no value for player" + how},
	}
	const declare = "'''sql file=q.sql query\n'''\n'''sql solution file=q.sql\nSELECT :player;\n'''\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lesson := testFrontMatter + cleanStep + declare + "'''sql check \"best\" run=q.sql args=\"" + tt.args + "\"\n'''\n'''expect\n'''\n"
			want := []string{}
			if tt.want != "" {
				want = []string{"01-a.md:20: " + tt.want}
			}
			assertLines(t, lintCourse(t, oneLesson(lesson)), want)
		})
	}
}

func TestLintLanguages(t *testing.T) {
	tests := []struct {
		name   string
		lesson string
		want   []string
	}{
		{
			name: "starter for each language with its solution",
			lesson: cleanStep + "'''go file=server/main.go\n'''\n'''python file=server/app.py\n'''\n" +
				"'''go solution file=server/main.go\n'''\n'''python solution file=server/app.py\n'''\n" +
				"'''http check \"home\"\nGET /\n'''\n'''expect\nHTTP 200 OK\n'''\n",
			want: []string{},
		},
		{
			name:   "starter of one language without its solution",
			lesson: cleanStep + "'''go file=server/main.go\n'''\n'''python file=server/app.py\n'''\n'''go solution file=server/main.go\n'''\n",
			want:   []string{"01-a.md:17: file=server/app.py has no solution in this step or a later one; add a '''python solution file=server/app.py''' block"},
		},
		{
			name:   "starter for all languages with one language's solution",
			lesson: cleanStep + "'''text file=NOTES\n'''\n'''go solution file=NOTES\n'''\n",
			want:   []string{"01-a.md:15: file=NOTES has no solution for python in this step or a later one; add a '''text solution file=NOTES''' block"},
		},
		{
			name:   "mistake of one language with the other's solution",
			lesson: cleanStep + "'''python solution file=server/app.py\n'''\n'''go mistake file=server/app.py \"wrong\"\n'''\n",
			want:   []string{"01-a.md:17: mistake for server/app.py needs a solution of server/app.py in the same step"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, langCourse(testFrontMatter+tt.lesson)), mdAll(tt.want))
		})
	}
}

func TestLintExpect(t *testing.T) {
	tests := []struct {
		name  string
		check string // a check block, from its fence line (15) on
		want  []string
	}{
		{"sql rows in order", "'''sql check \"c\"\nSELECT 1;\n'''\n'''expect\n| a |\n| - |\n| 1 |\n'''\n", nil},
		{"sql unordered", "'''sql check \"c\"\nSELECT 1;\n'''\n'''expect unordered\n| 1 | 2 |\n| 3 | 4 |\n'''\n", nil},
		{"sql contains", "'''sql check \"c\"\nSELECT 1;\n'''\n'''expect contains\n| 1 |\n'''\n", nil},
		{"sql error", "'''sql check \"c\"\nSELECT x;\n'''\n'''expect error\nno such column\n'''\n", nil},
		{"empty expect means no rows", "'''sql check \"c\"\nSELECT 1 WHERE 0;\n'''\n'''expect\n'''\n", nil},
		{"escaped pipe in a cell", "'''sql check \"c\"\nSELECT 1;\n'''\n'''expect\n| a \\| b | c |\n| d | e |\n'''\n", nil},
		{
			"unknown mode near a known one",
			"'''sql check \"c\"\nSELECT 1;\n'''\n'''expect unorderd\n| 1 |\n'''\n",
			[]string{`01-a.md:18: unknown expect mode "unorderd"; did you mean "unordered"?`},
		},
		{
			"unknown mode",
			"'''sql check \"c\"\nSELECT 1;\n'''\n'''expect sorted\n| 1 |\n'''\n",
			[]string{`01-a.md:18: unknown expect mode "sorted"; use unordered, contains or error, or no mode for the same rows in the same order`},
		},
		{
			"sql expect that is not a table",
			"'''sql check \"c\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n2\n'''\n",
			[]string{"01-a.md:18: line 2 of the expect block is not a table row; start and end it with |"},
		},
		{
			"sql expect with rows of different widths",
			"'''sql check \"c\"\nSELECT 1;\n'''\n'''expect\n| a | b |\n| --- | --- |\n\n| 1 |\n'''\n",
			[]string{"01-a.md:18: line 4 of the expect block has 1 cell, the first row has 2; give every row the same cells"},
		},
		{
			"sql expect row ending in an escaped pipe",
			"'''sql check \"c\"\nSELECT 1;\n'''\n'''expect\n| a \\|\n'''\n",
			[]string{"01-a.md:18: line 1 of the expect block is not a table row; start and end it with |"},
		},
		{
			"http expect with a mode",
			"'''http check \"c\"\nGET /\n'''\n'''expect unordered\nHTTP 200\n'''\n",
			[]string{`01-a.md:18: the expect of an http check takes one mode, exact (only the keys expected); remove "unordered"`},
		},
		{
			"http expect without a status line",
			"'''http check \"c\"\nGET /\n'''\n'''expect\n200 OK\n'''\n",
			[]string{"01-a.md:18: the expect of an http check starts with a status line, as in HTTP 200"},
		},
		{
			"http check without a request line",
			"'''http check \"c\"\n/scores\n'''\n'''expect\nHTTP 200\n'''\n",
			[]string{"01-a.md:15: an http check starts with a request line, as in GET /scores"},
		},
		{
			"http request with headers and a body",
			"'''http check \"c\"\nPOST /scores HTTP/1.1\nContent-Type: application/json\n\n{\"player\": \"ada\"}\n'''\n'''expect\nHTTP 201\nContent-Type: application/json\n\n{\"id\": \"{{id}}\"}\n'''\n",
			nil,
		},
		{
			"http expect body that starts like JSON and is not",
			"'''http check \"c\"\nGET /scores\n'''\n'''expect\nHTTP 200\n\n{\"id\": 1,\n \"player\": ada}\n'''\n",
			[]string{`01-a.md:18: warning: the expected body starts like JSON but is not JSON: line 2: invalid character 'a' looking for beginning of value; it would be matched as text`},
		},
		{
			"http expect body of JSON with placeholders",
			"'''http check \"c\"\nGET /scores\n'''\n'''expect\nHTTP 200\n\n[{{ id }}, \"{{x}}\", \"/scores/{{id}}\"]\n'''\n",
			nil,
		},
		{
			"http expect body of text that starts with a placeholder",
			"'''http check \"c\"\nGET /scores\n'''\n'''expect\nHTTP 200\n\n{{id}} saved\n'''\n",
			nil,
		},
		{
			"sql expect with an unclosed last cell",
			"'''sql check \"c\"\nSELECT 1, 2;\n'''\n'''expect\n| 1 | 2\n'''\n",
			[]string{"01-a.md:18: line 1 of the expect block is not a table row; start and end it with |"},
		},
		{
			"http request method in lower case",
			"'''http check \"c\"\nget /scores\n'''\n'''expect\nHTTP 200\n'''\n",
			[]string{`01-a.md:15: an http check starts with a request line, as in GET /scores; the method "get" is not a word in capitals such as GET or POST`},
		},
		{
			"http request body without a blank line before it",
			"'''http check \"c\"\nPOST /scores\nContent-Type: application/json\n{\"player\": \"ada\"}\n'''\n'''expect\nHTTP 201\n'''\n",
			[]string{`01-a.md:15: line 3 of the http check is not a header such as Content-Type: application/json; put a blank line before the body (got "{\"player\": \"ada\"}")`},
		},
		{
			"http expect body without a blank line before it",
			"'''http check \"c\"\nGET /scores\n'''\n'''expect\nHTTP 200\n[1, 2]\n'''\n",
			[]string{`01-a.md:18: line 2 of the expect block is not a header such as Content-Type: application/json; put a blank line before the body (got "[1, 2]")`},
		},
		{
			"http status out of range",
			"'''http check \"c\"\nGET /scores\n'''\n'''expect\nHTTP 999\n'''\n",
			[]string{"01-a.md:18: the expect of an http check starts with a status line, as in HTTP 200; 999 is not a status from 100 to 599"},
		},
		{
			"sh expect without exit",
			"'''sh check \"c\"\ngo test ./...\n'''\n'''expect\nok\n'''\n",
			[]string{"01-a.md:18: the expect of an sh check starts with exit N, as in exit 0"},
		},
		{
			"sh expect with output",
			"'''sh check \"c\"\ngo test ./...\n'''\n'''expect\nexit 1\nFAIL\n'''\n",
			nil,
		},
		{
			"sh expect with a mode",
			"'''sh check \"c\"\ngo test ./...\n'''\n'''expect error\nexit 1\n'''\n",
			[]string{`01-a.md:18: the expect of an sh check takes no mode; remove "error"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == nil {
				want = []string{}
			}
			assertLines(t, lintCourse(t, langCourse(testFrontMatter+cleanStep+tt.check)), mdAll(want))
		})
	}
}
