package textfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Value returns a SQLite value as text, the way SQLite itself writes
// it: NULL for nil, integers in decimal, a REAL with at least one decimal
// ("3.0", "0.1", "1.0e+20"), text as it is and a blob as X'0A1B'.
func Value(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case float64:
		return formatReal(v)
	case string:
		return v
	case []byte:
		return fmt.Sprintf("X'%X'", v)
	}
	return fmt.Sprint(v)
}

// formatReal writes f as SQLite's "%!.15g" does: 15 significant digits,
// and ".0" added to a number that would otherwise look like an integer.
func formatReal(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	case f == 0:
		return "0.0" // SQLite writes -0.0 as 0.0 too
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if strings.Contains(s, ".") {
		return s
	}
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		return s[:i] + ".0" + s[i:]
	}
	return s + ".0"
}

// IsNumber says whether s is a decimal number: an optional sign, digits
// with at most one '.', and an optional exponent. Hexadecimal, "Inf" and
// "NaN" are not numbers here.
func IsNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, dot := 0, false
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
	}
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	exp := s[i+1:]
	if exp != "" && (exp[0] == '+' || exp[0] == '-') {
		exp = exp[1:]
	}
	if exp == "" {
		return false
	}
	for j := 0; j < len(exp); j++ {
		if exp[j] < '0' || exp[j] > '9' {
			return false
		}
	}
	return true
}

// CanonNumber returns the text that two equal numbers share: an integer in
// decimal, any other number rounded to 15 significant digits. ok is false
// when s is not a number.
func CanonNumber(s string) (string, bool) {
	if !IsNumber(s) {
		return "", false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return strconv.FormatInt(i, 10), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", false
	}
	return CanonFloat(f), true
}

// CanonFloat is CanonNumber for a float64: whole numbers that fit an int64
// are written exactly, other numbers at the 15 digits SQLite shows.
func CanonFloat(f float64) string {
	if c, ok := wholeNumber(f); ok {
		return c
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if g, err := strconv.ParseFloat(s, 64); err == nil {
		if c, ok := wholeNumber(g); ok {
			return c
		}
	}
	return s
}

func wholeNumber(f float64) (string, bool) {
	if f != math.Trunc(f) || math.Abs(f) >= 9.2e18 {
		return "", false
	}
	return strconv.FormatInt(int64(f), 10), true
}

// Wildcard is the text that stands for any run of characters in a cell.
const Wildcard = "..."

// WildMatch says whether text matches pattern, in which each "..." stands
// for any run of characters (the empty run too).
func WildMatch(pattern, text string) bool {
	parts := strings.Split(pattern, Wildcard)
	if len(parts) == 1 {
		return pattern == text
	}
	first, last := parts[0], parts[len(parts)-1]
	if !strings.HasPrefix(text, first) {
		return false
	}
	text = text[len(first):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(text, p)
		if i < 0 {
			return false
		}
		text = text[i+len(p):]
	}
	return strings.HasSuffix(text, last)
}
