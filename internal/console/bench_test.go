package console

import (
	"context"
	"testing"
	"testing/fstest"
)

// BenchmarkRun is one console line: a SELECT on the tiny course's sandbox,
// run and laid out as words.
func BenchmarkRun(b *testing.B) {
	ctx := context.Background()
	con := tiny(b, fstest.MapFS{"schema.sql": file(tinySchema + "\nINSERT INTO scores (player, score) VALUES ('ada', 300), ('grace', 250);"), "queries/top.sql": file("SELECT 1;")})
	for b.Loop() {
		for _, o := range con.Run(ctx, "SELECT player, score FROM scores ORDER BY score DESC;") {
			if o.Kind != Table {
				b.Fatal(o.String())
			}
			_ = o.String()
		}
	}
}
