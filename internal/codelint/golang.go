package codelint

import (
	"errors"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// goProblem reads src as gofmt -l reads a file: one that does not parse,
// or that gofmt would change, has a problem at its first wrong line.
func goProblem(src string) *problem {
	// format.Source also formats a fragment with no package clause; gofmt
	// does not, for a file, and neither does the go command build one.
	_, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly)
	var out []byte
	if err == nil {
		out, err = format.Source([]byte(src))
	}
	if err != nil {
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return &problem{line: list[0].Pos.Line, message: "does not parse: " + list[0].Msg}
		}
		return &problem{message: "does not parse: " + err.Error()}
	}
	if string(out) == src {
		return nil
	}
	return &problem{line: firstDifference(src, string(out)),
		message: "is not formatted as gofmt formats it, from this line on"}
}

// firstDifference returns the first line (1-based) at which a and b differ,
// or 0 when they are the same.
func firstDifference(a, b string) int {
	if a == b {
		return 0
	}
	as, bs := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	for i := range min(len(as), len(bs)) {
		if as[i] != bs[i] {
			return i + 1
		}
	}
	return min(len(as), len(bs)) + 1
}
