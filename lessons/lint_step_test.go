package lessons

import "testing"

// The lessons below start with testFrontMatter (lines 1-4); a cleanStep
// right after it has its heading on line 5, its check on 6, its expect on 9
// and its hint on 12; what follows it starts on line 15.

func TestLintSteps(t *testing.T) {
	tests := []struct {
		name   string
		lesson string
		want   []string
	}{
		{
			name:   "step with no check",
			lesson: "## Make it\n'''hint\nh\n'''\n",
			want:   []string{`01-a.md:5: step "Make it" has no check; add a '''sql check''' block followed by '''expect'''`},
		},
		{
			name:   "step with no hint",
			lesson: "## Step one\n'''sql check \"one row\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n",
			want:   []string{`01-a.md:5: warning: step "Step one" has no hint; add a '''hint''' block`},
		},
		{
			name:   "check without a title",
			lesson: cleanStep + "'''sql check\nSELECT 2;\n'''\n'''expect\n| 2 |\n'''\n",
			want:   []string{`01-a.md:15: warning: check has no title; add one in quotes, as in '''sql check "the scores table exists"'''`},
		},
		{
			name:   "check without its expect",
			lesson: "## Step one\n'''sql check \"one row\"\nSELECT 1;\n'''\n'''hint\nh\n'''\n",
			want:   []string{"01-a.md:6: check has no expect; add an '''expect''' block right after it"},
		},
		{
			name:   "check without its expect at the end of the step",
			lesson: cleanStep + "'''sql check \"two\"\nSELECT 2;\n'''\n" + cleanStep[:0] + "## Step two\n" + cleanStep[len("## Step one\n"):],
			want:   []string{"01-a.md:15: check has no expect; add an '''expect''' block right after it"},
		},
		{
			name:   "expect that follows no check",
			lesson: cleanStep + "'''expect\n| 2 |\n'''\n",
			want:   []string{"01-a.md:15: expect block does not follow a check; put it right after the check it belongs to"},
		},
		{
			name:   "hint between a check and its expect",
			lesson: "## Step one\n'''sql check \"one row\"\nSELECT 1;\n'''\n'''hint\nh\n'''\n'''expect\n| 1 |\n'''\n",
			want: []string{
				"01-a.md:6: check has no expect; add an '''expect''' block right after it",
				"01-a.md:12: expect block does not follow a check; put it right after the check it belongs to",
			},
		},
		{
			name:   "prose and a plain code block between a check and its expect",
			lesson: "## Step one\n'''sql check \"one row\"\nSELECT 1;\n'''\n\nThe result:\n\n'''text\none row\n'''\n'''expect\n| 1 |\n'''\n'''hint\nh\n'''\n",
			want:   []string{},
		},
		{
			name:   "two expects after one check",
			lesson: "## Step one\n'''sql check \"one row\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''expect\n| 2 |\n'''\n'''hint\nh\n'''\n",
			want:   []string{"01-a.md:12: the check at line 6 already has its expect; a check takes exactly one"},
		},
		{
			name:   "unterminated fence",
			lesson: cleanStep + "'''text\n## Not a step\n",
			want:   []string{"01-a.md:15: code block is never closed; close it with a line of '''"},
		},
		{
			name:   "unterminated tilde fence",
			lesson: cleanStep + "~~~~\n~~~\n",
			want:   []string{"01-a.md:15: code block is never closed; close it with a line of ~~~~"},
		},
		{
			name:   "sql check with neither body nor run=",
			lesson: cleanStep + "'''sql check \"empty\"\n'''\n'''expect\n'''\n",
			want:   []string{"01-a.md:15: a check needs a body or run=; write a query in the block, or name a learner's .sql file with run=PATH"},
		},
		{
			name:   "check in another language",
			lesson: cleanStep + "'''python check \"it runs\"\nprint(1)\n'''\n'''expect\n'''\n",
			want:   []string{`01-a.md:15: a check needs the language sql, http, sh, log or load, as in '''sql check "TITLE"'''`},
		},
		{
			name:   "check with no language",
			lesson: cleanStep + "'''check \"it runs\"\nSELECT 1;\n'''\n'''expect\n'''\n",
			want:   []string{`01-a.md:15: a check needs the language sql, http, sh, log or load, as in '''sql check "TITLE"'''`},
		},
		{
			name:   "sh check without a command",
			lesson: cleanStep + "'''sh check \"tests pass\"\n'''\n'''expect\nexit 0\n'''\n",
			want:   []string{"01-a.md:15: an sh check needs the command to run in its body"},
		},
		{
			name:   "machinery in the introduction",
			lesson: "'''sql file=schema.sql\n'''\n'''sql solution file=schema.sql\n'''\n'''sql mistake file=schema.sql \"x\"\n'''\n'''sql check \"c\"\nSELECT 1;\n'''\n'''expect\n'''\n'''hint\nh\n'''\n" + cleanStep,
			want: []string{
				"01-a.md:5: a file= block belongs to a step; move it below a ## heading",
				"01-a.md:7: a solution block belongs to a step; move it below a ## heading",
				"01-a.md:9: a mistake block belongs to a step; move it below a ## heading",
				"01-a.md:11: a check block belongs to a step; move it below a ## heading",
				"01-a.md:14: an expect block belongs to a step; move it below a ## heading",
				"01-a.md:16: a hint block belongs to a step; move it below a ## heading",
			},
		},
		{
			name:   "setup and seed in the introduction and in a step",
			lesson: "'''sql setup\nCREATE TABLE t (x);\n'''\n'''seed\nINSERT INTO t VALUES (1);\n'''\n" + cleanStep + "'''setup\n'''\n'''sql seed\n'''\n",
			want:   []string{},
		},
		{
			name:   "setup in another language",
			lesson: cleanStep + "'''python setup\nprint(1)\n'''\n'''go seed\n'''\n",
			want: []string{
				"01-a.md:15: a setup block holds SQL; write it as '''sql setup'''",
				"01-a.md:18: a seed block holds SQL; write it as '''sql seed'''",
			},
		},
		{
			name:   "empty hint",
			lesson: cleanStep + "'''hint\n'''\n",
			want:   []string{"01-a.md:15: hint block is empty; write the hint in it"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, oneLesson(testFrontMatter+tt.lesson)), mdAll(tt.want))
		})
	}
}

func TestLintInfoStrings(t *testing.T) {
	tests := []struct {
		name   string
		lesson string
		want   []string
	}{
		{
			name:   "typo in the role as the first word",
			lesson: "## Step one\n'''sql check \"one row\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''hnit\nh\n'''\n",
			want:   []string{`01-a.md:12: unknown role "hnit"; did you mean "hint"?`},
		},
		{
			name:   "typo in the role as the second word",
			lesson: "## Step one\n'''sql chekc \"one row\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''hint\nh\n'''\n",
			want:   []string{`01-a.md:6: unknown role "chekc"; did you mean "check"?`},
		},
		{
			name:   "typo in the role of an expect",
			lesson: "## Step one\n'''sql check \"one row\"\nSELECT 1;\n'''\n'''expcet\n| 1 |\n'''\n'''hint\nh\n'''\n",
			want:   []string{`01-a.md:9: unknown role "expcet"; did you mean "expect"?`},
		},
		{
			name:   "a language one letter away from a role is no typo",
			lesson: cleanStep + "'''sed\ns/a/b/\n'''\n'''text hints\n'''\n",
			want:   []string{`01-a.md:18: unknown role "hints"; did you mean "hint"?`, "01-a.md:18: hint block is empty; write the hint in it"},
		},
		{
			name:   "typo in an attribute",
			lesson: cleanStep + "'''sql solution flie=schema.sql\nCREATE TABLE t (x);\n'''\n",
			want:   []string{`01-a.md:15: unknown attribute "flie"; did you mean "file"?`},
		},
		{
			name:   "typo in the query flag",
			lesson: cleanStep + "'''sql solution file=q.sql qeury\nSELECT 1;\n'''\n",
			want:   []string{`01-a.md:15: unknown attribute "qeury"; did you mean "query"?`},
		},
		{
			name:   "unknown attribute",
			lesson: cleanStep + "'''sql check \"two\" timeout=5\nSELECT 2;\n'''\n'''expect\n| 2 |\n'''\n",
			want:   []string{`01-a.md:15: unknown attribute "timeout"; a check block takes run=, args= and a "TITLE"`},
		},
		{
			name:   "unknown attribute on a plain block is prose",
			lesson: cleanStep + "'''python title=\"demo\" linenos\nprint(1)\n'''\n",
			want:   []string{},
		},
		{
			name:   "attribute of another role",
			lesson: cleanStep + "'''sql solution file=schema.sql run=x.sql\n'''\n",
			want:   []string{"01-a.md:15: run= does not belong on a solution block; it takes file= and query"},
		},
		{
			name:   "attribute on a setup block",
			lesson: cleanStep + "'''sql setup file=x.sql\n'''\n",
			want:   []string{"01-a.md:15: file= does not belong on a setup block; it takes no attributes"},
		},
		{
			name:   "query flag on a check",
			lesson: cleanStep + "'''sql check \"two\" query\nSELECT 2;\n'''\n'''expect\n| 2 |\n'''\n",
			want:   []string{`01-a.md:15: query does not belong on a check block; it takes run=, args= and a "TITLE"`},
		},
		{
			name:   "attribute given twice",
			lesson: cleanStep + "'''sql solution file=a.sql file=b.sql\n'''\n",
			want:   []string{"01-a.md:15: file= is given twice"},
		},
		{
			name:   "second quoted string",
			lesson: cleanStep + "'''sql check \"a\" \"b\"\nSELECT 2;\n'''\n'''expect\n| 2 |\n'''\n",
			want:   []string{`01-a.md:15: a check block takes one quoted string; remove "b" or join it with the first`},
		},
		{
			name:   "quoted string on a solution",
			lesson: cleanStep + "'''sql solution file=a.sql \"why\"\n'''\n",
			want:   []string{"01-a.md:15: a solution block takes no quoted string; it takes file= and query"},
		},
		{
			name:   "quoted string never closed",
			lesson: cleanStep + "'''sql check \"two\nSELECT 2;\n'''\n'''expect\n| 2 |\n'''\n",
			want: []string{
				`01-a.md:15: a quoted string is never closed; end it with "`,
				`01-a.md:15: warning: check has no title; add one in quotes, as in '''sql check "the scores table exists"'''`,
			},
		},
		{
			name:   "expect with two modes",
			lesson: cleanStep + "'''sql check \"two\"\nSELECT 2;\n'''\n'''expect unordered contains\n| 2 |\n'''\n",
			want:   []string{`01-a.md:18: expect takes one mode; remove "contains"`},
		},
		{
			name:   "solution without file=",
			lesson: cleanStep + "'''sql solution\nCREATE TABLE t (x);\n'''\n",
			want:   []string{"01-a.md:15: a solution block needs file=PATH, the learner's file it holds a version of"},
		},
		{
			name:   "mistake without WHY",
			lesson: cleanStep + "'''sql solution file=a.sql\n'''\n'''sql mistake file=a.sql\n'''\n",
			want:   []string{`01-a.md:17: warning: mistake has no "WHY"; name the mistake in quotes, as in '''sql mistake file=a.sql "ascending order"'''`},
		},
		{
			name:   "mistake without WHY or language",
			lesson: cleanStep + "'''solution file=a.sql\n'''\n'''mistake file=a.sql\n'''\n",
			want:   []string{`01-a.md:17: warning: mistake has no "WHY"; name the mistake in quotes, as in '''mistake file=a.sql "ascending order"'''`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, oneLesson(testFrontMatter+tt.lesson)), mdAll(tt.want))
		})
	}
}
