package lessons

// nearest returns the candidate closest to word when it is at most max edits
// away (insertions, deletions, substitutions and swaps of neighbours), or "".
func nearest(word string, candidates []string, max int) string {
	best, bestDist := "", max+1
	for _, c := range candidates {
		if diff := len(word) - len(c); diff > max || -diff > max {
			continue // too far apart to be a typo, and long words are slow to compare
		}
		if d := editDistance(word, c); d < bestDist && d > 0 {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows are enough: the swap of neighbours looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// didYouMean returns "; did you mean \"X\"?" for the candidate nearest to
// word, or "" when none is close.
func didYouMean(word string, candidates []string, max int) string {
	if s := nearest(word, candidates, max); s != "" {
		return "; did you mean \"" + s + "\"?"
	}
	return ""
}
