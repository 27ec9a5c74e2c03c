package mutate

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// goEdits derives the edits of every Go operator, and keep, which accepts
// a mutant unless it deletes code and so makes a type error the original
// does not have. ok is false when content does not parse.
func goEdits(content string) (edits []edit, keep func(edit, string) bool, ok bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", content, parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, false
	}
	g := &goFile{content: content, tf: fset.File(f.Pos()), answerLits: map[ast.Node]bool{}}
	ast.Inspect(f, func(n ast.Node) bool {
		switch fn := n.(type) {
		case *ast.FuncDecl:
			if fn.Body != nil {
				g.function(fn.Type, fn.Body)
			}
		case *ast.FuncLit:
			g.function(fn.Type, fn.Body)
		}
		return true
	})
	g.expressions(f)
	before := goTypeErrors(content)
	keep = func(e edit, mutated string) bool {
		return e.text != "" || !worse(goTypeErrors(mutated), before)
	}
	return g.edits, keep, true
}

// goFile holds a Go file being mutated and the edits derived so far.
type goFile struct {
	content string
	tf      *token.File
	edits   []edit
	// answerLits are the composite literals written in a call that answers.
	answerLits map[ast.Node]bool
}

func (g *goFile) off(p token.Pos) int { return g.tf.Offset(p) }

func (g *goFile) remove(op string, n ast.Node) {
	g.edits = append(g.edits, remove(op, g.content, g.off(n.Pos()), g.off(n.End())))
}

func (g *goFile) replace(op string, from, to token.Pos, text string) {
	g.edits = append(g.edits, edit{op: op, start: g.off(from), end: g.off(to), text: text})
}

// function derives the edits of the statements of one function, whose
// http.ResponseWriter parameters (w when it has none) answer requests.
func (g *goFile) function(typ *ast.FuncType, body *ast.BlockStmt) {
	writers := map[string]bool{}
	for _, p := range typ.Params.List {
		if sel, ok := p.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "ResponseWriter" {
			for _, name := range p.Names {
				writers[name.Name] = true
			}
		}
	}
	if len(writers) == 0 {
		writers["w"] = true
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			g.statements(n.List, writers, n == body)
		case *ast.CaseClause:
			g.statements(n.Body, writers, false)
		case *ast.CommClause:
			g.statements(n.Body, writers, false)
		case *ast.CallExpr:
			if answers(n, writers) {
				for _, a := range n.Args {
					ast.Inspect(a, func(m ast.Node) bool {
						if lit, ok := m.(*ast.CompositeLit); ok {
							g.answerLits[lit] = true
						}
						return true
					})
				}
			}
		}
		return true
	})
}

// statements derives the edits that drop a statement of a list; top is
// true for a function's own body.
func (g *goFile) statements(list []ast.Stmt, writers map[string]bool, top bool) {
	for k, s := range list {
		switch s := s.(type) {
		case *ast.ExprStmt:
			if isHeaderCall(s.X) {
				g.remove("go/drop-header", s)
			}
		case *ast.ReturnStmt:
			if k > 0 && !(top && k == len(list)-1) {
				if prev, ok := list[k-1].(*ast.ExprStmt); ok {
					if call, ok := prev.X.(*ast.CallExpr); ok && answers(call, writers) {
						g.remove("go/drop-return", s)
					}
				}
			}
		case *ast.IfStmt:
			if s.Else == nil {
				g.remove("go/drop-if", s)
			}
		}
	}
	for _, s := range list {
		if g.drops(s) {
			g.remove("go/delete-statement", s)
		}
	}
}

// drops reports whether go/delete-statement deletes s: a simple statement
// that declares nothing.
func (g *goFile) drops(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt, *ast.IncDecStmt, *ast.DeferStmt, *ast.GoStmt, *ast.SendStmt:
		return true
	case *ast.AssignStmt:
		return s.Tok != token.DEFINE
	}
	return false
}

// isHeaderCall reports whether x is X.Header().Set(...), Add or Del.
func isHeaderCall(x ast.Expr) bool {
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Set" && sel.Sel.Name != "Add" && sel.Sel.Name != "Del" {
		return false
	}
	inner, ok := sel.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	h, ok := inner.Fun.(*ast.SelectorExpr)
	return ok && h.Sel.Name == "Header"
}

// answers reports whether a call answers the request: one of writers is in
// it, as with writeJSON(w, ...), w.WriteHeader(...), http.Error(w, ...) or
// json.NewEncoder(w).Encode(...).
func answers(call *ast.CallExpr, writers map[string]bool) bool {
	found := false
	ast.Inspect(call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && writers[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

// goStatus names the net/http constants of the status codes statusNeighbours knows.
var goStatus = map[int]string{
	200: "StatusOK", 201: "StatusCreated", 204: "StatusNoContent",
	400: "StatusBadRequest", 401: "StatusUnauthorized", 403: "StatusForbidden", 404: "StatusNotFound",
	409: "StatusConflict", 422: "StatusUnprocessableEntity", 500: "StatusInternalServerError",
}

// expressions derives the edits inside expressions: status codes, keys of
// JSON answers, comparisons and integers, in that order.
func (g *goFile) expressions(f *ast.File) {
	skip := map[ast.Node]bool{} // integer literals go/int leaves alone
	zeroIndex := map[ast.Node]bool{}
	var keys, comparisons, ints []func()
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			return false
		case *ast.ArrayType:
			if n.Len != nil {
				skip[n.Len] = true
			}
		case *ast.IndexExpr:
			zeroIndex[n.Index] = true
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && x.Name == "http" {
				for code, name := range goStatus {
					if n.Sel.Name == name {
						for _, to := range statusNeighbours[code] {
							g.replace("go/status-neighbour", n.Sel.Pos(), n.Sel.End(), goStatus[to])
						}
					}
				}
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "make" {
				for _, a := range n.Args {
					zeroIndex[a] = true // make([]T, -1) does not build
				}
			}
			strconvCall := false
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "strconv" {
					strconvCall = true
				}
			}
			for _, a := range n.Args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.INT {
					continue
				}
				skip[lit] = skip[lit] || strconvCall
				code, _ := strconv.Atoi(lit.Value)
				for _, to := range statusNeighbours[code] {
					skip[lit] = true
					g.replace("go/status-neighbour", lit.Pos(), lit.End(), strconv.Itoa(to))
				}
			}
		case *ast.CompositeLit:
			keys = append(keys, func() { g.jsonKeys(n) })
		case *ast.BinaryExpr:
			flip := map[token.Token]token.Token{token.EQL: token.NEQ, token.NEQ: token.EQL, token.LSS: token.LEQ, token.LEQ: token.LSS, token.GTR: token.GEQ, token.GEQ: token.GTR}
			if to, ok := flip[n.Op]; ok {
				comparisons = append(comparisons, func() {
					g.replace("go/comparison", n.OpPos, n.OpPos+token.Pos(len(n.Op.String())), to.String())
				})
			}
		case *ast.BasicLit:
			if n.Kind == token.INT {
				ints = append(ints, func() { g.integer(n, skip[n], zeroIndex[n]) })
			}
		}
		return true
	})
	for _, fs := range [][]func(){keys, comparisons, ints} {
		for _, f := range fs {
			f()
		}
	}
}

// jsonKeys derives the edits that drop one key of a map literal with
// string keys, or of a struct literal in a call that answers.
func (g *goFile) jsonKeys(lit *ast.CompositeLit) {
	var starts, ends []int
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return
		}
		switch k := kv.Key.(type) {
		case *ast.BasicLit:
			if k.Kind != token.STRING {
				return
			}
		case *ast.Ident:
			if !g.answerLits[lit] {
				return
			}
		default:
			return
		}
		starts, ends = append(starts, g.off(kv.Pos())), append(ends, g.off(kv.End()))
	}
	g.edits = append(g.edits, dropKeys("go/drop-json-key", g.content, starts, ends)...)
}

// integer derives n+1 and n-1 for an integer literal, only n+1 for a 0
// that indexes, and nothing for one skipped.
func (g *goFile) integer(lit *ast.BasicLit, skip, index bool) {
	n, err := strconv.ParseInt(strings.ReplaceAll(lit.Value, "_", ""), 0, 64)
	if err != nil || skip {
		return
	}
	g.replace("go/int", lit.Pos(), lit.End(), strconv.FormatInt(n+1, 10))
	if !(index && n == 0) {
		g.replace("go/int", lit.Pos(), lit.End(), strconv.FormatInt(n-1, 10))
	}
}
