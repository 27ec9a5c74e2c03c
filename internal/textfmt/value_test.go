package textfmt

import (
	"math"
	"testing"
)

func TestFormatValue(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, "NULL"},
		{"integer", int64(-42), "-42"},
		{"whole real", 3.0, "3.0"},
		{"real", 0.1, "0.1"},
		{"half", 2.5, "2.5"},
		{"large real", 1e20, "1.0e+20"},
		{"real with 15 digits", 1e14, "100000000000000.0"},
		{"real at 16 digits", 1e15, "1.0e+15"},
		{"small real", 1e-5, "1.0e-05"},
		{"real rounded to 15 digits", 1.0 / 3, "0.333333333333333"},
		{"sum shown as SQLite shows it", 0.1 + 0.2, "0.3"},
		{"mantissa and exponent", 1.5e300, "1.5e+300"},
		{"negative zero", math.Copysign(0, -1), "0.0"},
		{"infinity", math.Inf(1), "Inf"},
		{"minus infinity", math.Inf(-1), "-Inf"},
		{"text", "ada", "ada"},
		{"empty text", "", ""},
		{"blob", []byte{0x0a, 0xff}, "X'0AFF'"},
		{"empty blob", []byte{}, "X''"},
		{"other type", true, "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Value(tt.v); got != tt.want {
				t.Errorf("Value(%#v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestIsNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"3": true, "-3": true, "+3.5": true, "3.": true, ".5": true, "1e2": true, "1.0e+20": true, "2E-3": true,
		"": false, "-": false, ".": false, "e2": false, "1e": false, "1e+": false, "0x10": false, "Inf": false,
		"NaN": false, "1.2.3": false, " 3": false, "3 ": false, "1_000": false,
	} {
		if got := IsNumber(s); got != want {
			t.Errorf("isNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWildMatch(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          bool
	}{
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"...", "", true},
		{"a...", "a", true},
		{"...c", "abc", true},
		{"a...c", "ac", true},
		{"a...c", "abd", false},
		{"ab...bc", "abc", false},
		{"...a...a...", "aa", true},
		{"...a...a...", "a", false},
	}
	for _, tt := range tests {
		if got := WildMatch(tt.pattern, tt.text); got != tt.want {
			t.Errorf("wildMatch(%q, %q) = %v, want %v", tt.pattern, tt.text, got, tt.want)
		}
	}
}
