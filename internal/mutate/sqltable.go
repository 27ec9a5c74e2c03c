package mutate

// constraints derives the edits that drop one constraint of a CREATE
// TABLE: NOT NULL, UNIQUE, CHECK, REFERENCES or DEFAULT of a column, or a
// UNIQUE, CHECK or FOREIGN KEY of the table. PRIMARY KEY stays.
func constraints(content string, toks []sqlToken) []edit {
	open := -1
	for k := 1; k < len(toks) && k < 6; k++ {
		if toks[k].is("TABLE") {
			for open = k + 1; open < len(toks) && toks[open].text != "("; open++ {
			}
			break
		}
		if !toks[k].is("TEMP", "TEMPORARY") {
			return nil
		}
	}
	if !toks[0].is("CREATE") || open < 0 || open >= len(toks) {
		return nil
	}
	close := group(toks, open) - 1
	var starts, ends []int
	var items [][]sqlToken
	for from := open + 1; from < close; {
		to := clauseEnd(toks, from, 1, ",")
		to = min(to, close)
		items = append(items, toks[from:to])
		starts, ends = append(starts, toks[from].start), append(ends, toks[to-1].end)
		from = to + 1
	}
	var edits []edit
	for k, item := range items {
		if item[0].is("CONSTRAINT", "UNIQUE", "CHECK", "FOREIGN") {
			if len(items) > 1 {
				edits = append(edits, dropItem("sql/drop-constraint", starts, ends, k))
			}
			continue
		}
		for j := 0; j < len(item); {
			from := j
			if item[j].is("CONSTRAINT") && j+2 < len(item) {
				j += 2
			}
			end := constraintEnd(item, j)
			if end < 0 {
				j = from + 1
				continue
			}
			edits = append(edits, remove("sql/drop-constraint", content, item[from].start, item[end-1].end))
			j = end
		}
	}
	return edits
}

// constraintEnd is the index after the column constraint that starts at
// item[j], or -1 when no constraint to drop starts there.
func constraintEnd(item []sqlToken, j int) int {
	t := item[j]
	at := func(k int, words ...string) bool { return k < len(item) && item[k].is(words...) }
	conflict := func(k int) int {
		if at(k, "ON") && at(k+1, "CONFLICT") {
			return min(k+3, len(item))
		}
		return k
	}
	switch {
	case t.is("NOT") && at(j+1, "NULL"):
		return conflict(j + 2)
	case t.is("UNIQUE"):
		return conflict(j + 1)
	case t.is("CHECK") && j+1 < len(item) && item[j+1].text == "(":
		return group(item, j+1)
	case t.is("DEFAULT") && j+1 < len(item):
		k := j + 1
		if item[k].text == "-" || item[k].text == "+" {
			k++
		}
		if k < len(item) && item[k].text == "(" {
			return group(item, k)
		}
		return min(k+1, len(item))
	case t.is("REFERENCES") && j+1 < len(item):
		k := j + 2
		if k < len(item) && item[k].text == "(" {
			k = group(item, k)
		}
		for {
			switch {
			case at(k, "ON") && at(k+1, "DELETE", "UPDATE"):
				k += 3
				if at(k-1, "SET", "NO") {
					k++
				}
			case at(k, "MATCH"):
				k += 2
			case at(k, "NOT") && at(k+1, "DEFERRABLE"):
				k++
			case at(k, "DEFERRABLE"):
				k++
				if at(k, "INITIALLY") {
					k += 2
				}
			default:
				return min(k, len(item))
			}
		}
	}
	return -1
}
