package lessons

import "testing"

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
