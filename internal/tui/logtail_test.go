package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLogTail(t *testing.T) {
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name string
		log  string
		want []string
	}{
		{"no log", "", nil},
		{"a few lines", "a\nb\nc\n", []string{"b", "c"}},
		{"a big log: only its end is read", strings.Repeat("filler line\n", 1<<17) + "last but one\nlast\n",
			[]string{"last but one", "last"}},
		{"a line printed without end is cut", "start\n" + long, []string{"start", strings.Repeat("x", 1000) + " … (4000 more bytes)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "server.log")
			if tt.log != "" {
				os.WriteFile(path, []byte(tt.log), 0o644)
			}
			got := logTail(path, 2)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("logTail = %q, want %q", got, tt.want)
			}
		})
	}
}
