package lessons

import (
	"strings"
	"testing"
)

func TestDiffHunks(t *testing.T) {
	show := func(hunks []Hunk) string {
		var b strings.Builder
		for i, h := range hunks {
			if i > 0 {
				b.WriteString("@@\n")
			}
			for _, l := range h.Lines {
				b.WriteString(string(l.Op) + l.Text + "\n")
			}
		}
		return b.String()
	}
	for _, tt := range []struct {
		name, base, target, want string
	}{
		{name: "equal files", base: "a\nb\n", target: "a\nb\n", want: ""},
		{name: "a whole file after a starter of comments", base: "-- write it\n", target: "SELECT 1;\n",
			want: "--- write it\n+SELECT 1;\n"},
		{name: "one line of a longer file, a line of context around it", base: "a\nb\nc\nd\ne\n", target: "a\nb\nC\nd\ne\n",
			want: " b\n-c\n+C\n d\n"},
		{name: "a line that is in the file twice needs no more context", base: "x\ny\nx\ny\n", target: "x\nY\nx\ny\n",
			want: " x\n-y\n+Y\n x\n"},
		{name: "two changes far apart", base: "a\nb\nc\nd\ne\nf\n", target: "A\nb\nc\nd\ne\nF\n",
			want: "-a\n+A\n b\n@@\n e\n-f\n+F\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(DiffHunks(tt.base, tt.target, 1)); got != tt.want {
				t.Errorf("DiffHunks =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
