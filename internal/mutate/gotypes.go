package mutate

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"strings"
)

// goTypeErrors counts the type errors of a Go file that a mutant can cause
// by deleting code: a variable or an import left unused, a missing return.
// The file's imports are checked as empty packages, so every use of them
// is an error too, but not one counted. A file that does not parse counts
// one "syntax" error.
func goTypeErrors(content string) map[string]int {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", content, parser.SkipObjectResolution)
	if err != nil {
		return map[string]int{"syntax": 1}
	}
	counts := map[string]int{}
	conf := types.Config{
		Importer: emptyImporter{},
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				for _, kind := range []string{"declared and not used", "imported and not used", "missing return"} {
					if strings.Contains(te.Msg, kind) {
						counts[te.Msg]++
					}
				}
			}
		},
	}
	conf.Check(f.Name.Name, fset, []*ast.File{f}, nil) // the errors are counted above
	return counts
}

// worse reports whether after has an error more than before.
func worse(after, before map[string]int) bool {
	for msg, n := range after {
		if n > before[msg] {
			return true
		}
	}
	return false
}

// emptyImporter imports every package as an empty one.
type emptyImporter struct{}

func (emptyImporter) Import(p string) (*types.Package, error) {
	pkg := types.NewPackage(p, path.Base(p))
	pkg.MarkComplete()
	return pkg, nil
}
