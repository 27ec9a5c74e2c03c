package mutate_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sandcastle/sandcastle/internal/mutate"
)

// mutantCase is a snippet and the mutants one operator makes of it, each
// as "LINE: the changed line as a report shows it".
type mutantCase struct {
	name, op, in string
	want         []string
}

func runCases(t *testing.T, lang string, cases []mutantCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, m := range mutate.Mutants(lang, c.in) {
				if m.Operator == c.op {
					got = append(got, fmt.Sprintf("%d: %s", m.Line, m.Shown()))
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s of\n%s\ngot  %q\nwant %q", c.op, c.in, got, c.want)
			}
		})
	}
}
