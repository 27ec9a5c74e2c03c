package mutate_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sandcastle/sandcastle/internal/mutate"
)

func TestSince(t *testing.T) {
	previous := "SELECT a FROM t\nWHERE a > 1\nORDER BY a;"
	content := "SELECT a FROM t\nWHERE a > 1\nORDER BY a DESC\nLIMIT 5;"
	var got []string
	for _, m := range mutate.Since(previous, content, mutate.Mutants("sql", content)) {
		got = append(got, fmt.Sprintf("%d %s", m.Line, m.Shown()))
	}
	want := []string{"3 deleted: ORDER BY a DESC", "3 ORDER BY a ASC", "4 LIMIT 6;", "4 LIMIT 4;"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	realigned := "SELECT a  FROM t\nWHERE  a > 1\nORDER BY a;"
	if ms := mutate.Since(previous, realigned, mutate.Mutants("sql", realigned)); len(ms) != 0 {
		t.Errorf("lines only respaced keep mutants: %v", ms)
	}
	if all := mutate.Mutants("sql", content); len(mutate.Since("", content, all)) != len(all) {
		t.Error("with no previous version, Since does not keep every mutant")
	}
}
