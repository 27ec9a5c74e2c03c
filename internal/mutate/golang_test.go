package mutate_test

import "testing"

// goServer is a small handler for the Go operators' tests.
const goServer = `package main

import (
	"encoding/json"
	"net/http"
	"strconv"
)

func save(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 0 {
		http.Error(w, "bad n", 400)
		return
	}
	if n > 100 {
		n = 100
	}
	total := 0
	for i := 0; i <= n; i++ {
		total += i
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]int{"n": n, "total": total})
}
`

func TestGoOperators(t *testing.T) {
	runCases(t, "go", []mutantCase{
		{"a header line goes", "go/drop-header", goServer,
			[]string{`22: deleted: w.Header().Set("Content-Type", "application/json")`}},
		{"a return after an answer goes", "go/drop-return", goServer,
			[]string{"13: deleted: return"}},
		{"an if goes with its block, not one whose loss leaves err unused", "go/drop-if", goServer,
			[]string{"15: deleted: if n > 100 {"}},
		{"a simple statement goes, not the last use of an import", "go/delete-statement", goServer,
			[]string{`12: deleted: http.Error(w, "bad n", 400)`, "16: deleted: n = 100", "20: deleted: total += i", "23: deleted: w.WriteHeader(http.StatusCreated)"}},
		{"a status goes to its neighbour, as a number and as a name", "go/status-neighbour", goServer,
			[]string{`12: http.Error(w, "bad n", 404)`, "23: w.WriteHeader(http.StatusOK)"}},
		{"a key of a JSON answer goes", "go/drop-json-key", goServer,
			[]string{`24: json.NewEncoder(w).Encode(map[string]int{"total": total})`, `24: json.NewEncoder(w).Encode(map[string]int{"n": n})`}},
		{"comparisons flip", "go/comparison", goServer,
			[]string{"11: if err == nil || n < 0 {", "11: if err != nil || n <= 0 {", "15: if n >= 100 {", "19: for i := 0; i < n; i++ {"}},
		{"integers move by one, not a status", "go/int", goServer,
			[]string{"11: if err != nil || n < 1 {", "11: if err != nil || n < -1 {", "15: if n > 101 {", "15: if n > 99 {", "16: n = 101", "16: n = 99",
				"18: total := 1", "18: total := -1", "19: for i := 1; i <= n; i++ {", "19: for i := -1; i <= n; i++ {"}},
		{"a variable's last use stays", "go/delete-statement",
			"package main\n\nfunc f() {\n\tx := 1\n\tprintln(x)\n\tprintln(2)\n}\n",
			[]string{"6: deleted: println(2)"}},
		{"no integer of strconv, of an index 0 below 0, or in a string", "go/int",
			"package main\n\nimport \"strconv\"\n\nfunc f(s []int) int64 {\n\tn, _ := strconv.ParseInt(\"12\", 10, 64)\n\treturn n + int64(s[0])\n}\n",
			[]string{"7: return n + int64(s[1])"}},
		{"a struct literal's field goes in an answer only", "go/drop-json-key",
			"package main\n\nimport \"net/http\"\n\ntype p struct{ A, B int }\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tx := p{A: 1, B: 2}\n\twriteJSON(w, p{\n\t\tA: x.A,\n\t\tB: x.B,\n\t})\n}\n",
			[]string{"10: deleted: A: x.A,", "11: deleted: B: x.B,"}},
		{"a file that does not parse has no mutants", "go/comparison", "package main\nfunc f( {\n\treturn 1 == 2\n}\n", nil},
	})
}
