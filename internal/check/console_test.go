package check

import (
	"context"
	"strings"
	"testing"
)

func TestOpenSandboxLeavesOutWhatDoesNotApply(t *testing.T) {
	ctx := context.Background()
	c := tinyCourse(t)
	sb, skipped, err := OpenSandbox(ctx, c, c.Steps()[1], files("schema.sql", "-- no table yet", "queries/top.sql", "SELECT 1;"), Options{})
	if err != nil {
		t.Fatalf("the sandbox was not built: %v", err)
	}
	defer sb.Close()
	if len(skipped) != 1 || !strings.Contains(skipped[0].Error(), "the rows this step starts with could not be added to your tables: no such table: scores") {
		t.Errorf("skipped = %v", skipped)
	}
	// A check of the same files still stops at the rows, as before.
	if r := Run(ctx, c, c.Steps()[1], files("schema.sql", "-- no table yet", "queries/top.sql", "SELECT 1;"), Options{}); r.Status != Error {
		t.Errorf("the check: %s %s", r.Status, r.Message)
	}
}
