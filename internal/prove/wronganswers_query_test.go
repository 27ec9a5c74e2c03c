package prove

// Wrong answers to safe-from-injection, pages-and-limits and capstone (see TestWrongAnswersOfTheBuiltinCourse).
var queryWrongAnswers = []wrongAnswer{
	// safe-from-injection
	{name: "go: the leaderboard loses its order in the helper", step: "safe-from-injection/search-by-player", lang: "go", file: "server/main.go",
		replace: []string{"scoreList(`SELECT player, score FROM scores ORDER BY score DESC, id LIMIT 10`)", "scoreList(`SELECT player, score FROM scores LIMIT 10`)"},
		want:    "GET /leaderboard still answers the best scores, best first"},
	{name: "python: the leaderboard's path is lost from do_GET", step: "safe-from-injection/search-by-player", lang: "python", file: "server/app.py",
		replace: []string{"        elif url.path == \"/leaderboard\":\n            self.leaderboard()\n", ""},
		want:    "GET /leaderboard still answers the best scores, best first"},
	{name: "go: the search drops the 400 for a request with neither parameter", step: "safe-from-injection/search-by-part-of-a-name", lang: "go", file: "server/main.go",
		replace: []string{"\tif player == \"\" {\n\t\tbadRequest(w, \"say whose scores you want: /scores?player=NAME, or search with /scores?q=TEXT\")\n\t\treturn\n\t}\n", ""},
		want:    "with neither ?q= nor ?player=, the answer is still 400, with an error that mentions the player"},
	{name: "python: the search drops the 400 for a request with neither parameter", step: "safe-from-injection/search-by-part-of-a-name", lang: "python", file: "server/app.py",
		replace: []string{
			"        if \"player\" not in query:\n            self.send_json(400, {\"error\": \"say whose scores you want: /scores?player=NAME, or search with /scores?q=TEXT\"})\n            return\n", "",
			"player = query[\"player\"][0]", "player = query.get(\"player\", [\"\"])[0]"},
		want: "with neither ?q= nor ?player=, the answer is still 400, with an error that mentions the player"},

	// pages-and-limits: the offset must be the number of scores to skip, as it is.
	{name: "go: OFFSET offset*limit", step: "pages-and-limits/one-page-at-a-time", lang: "go", file: "server/main.go",
		replace: []string{"OFFSET ?`, limit, offset)", "OFFSET ?`, limit, offset*limit)"},
		want:    "?limit=4&offset=4 skips exactly 4 scores: the second page starts at the 5th"},
	{name: "go: OFFSET offset - 1", step: "pages-and-limits/one-page-at-a-time", lang: "go", file: "server/main.go",
		replace: []string{"OFFSET ?`, limit, offset)", "OFFSET ?`, limit, offset-1)"},
		want:    "?limit=4&offset=4 skips exactly 4 scores: the second page starts at the 5th"},
	{name: "python: OFFSET offset*limit", step: "pages-and-limits/one-page-at-a-time", lang: "python", file: "server/app.py",
		replace: []string{"(limit, offset),", "(limit, offset * limit),"},
		want:    "?limit=4&offset=4 skips exactly 4 scores: the second page starts at the 5th"},
	{name: "python: OFFSET offset - 1", step: "pages-and-limits/one-page-at-a-time", lang: "python", file: "server/app.py",
		replace: []string{"(limit, offset),", "(limit, offset - 1),"},
		want:    "?limit=4&offset=4 skips exactly 4 scores: the second page starts at the 5th"},
	{name: "go: a limit of 1 refused", step: "pages-and-limits/a-maximum-page-size", lang: "go", file: "server/main.go",
		replace: []string{"limit < 1 ||", "limit <= 1 ||"},
		want:    "?limit=1, the smallest page, is served: the best score alone"},
	{name: "python: a limit of 1 refused", step: "pages-and-limits/a-maximum-page-size", lang: "python", file: "server/app.py",
		replace: []string{"limit < 1 or", "limit <= 1 or"},
		want:    "?limit=1, the smallest page, is served: the best score alone"},
	{name: "go: an offset of 0 refused", step: "pages-and-limits/a-maximum-page-size", lang: "go", file: "server/main.go",
		replace: []string{"offset < 0 {", "offset <= 0 {"},
		want:    "?limit=2&offset=0 is served: an offset of 0 skips nothing"},
	{name: "python: an offset of 0 refused", step: "pages-and-limits/a-maximum-page-size", lang: "python", file: "server/app.py",
		replace: []string{"offset < 0:", "offset <= 0:"},
		want:    "?limit=2&offset=0 is served: an offset of 0 skips nothing"},

	// capstone
	{name: "python: last_games left out when the answer is rewritten for games", step: "capstone/how-many-games", lang: "python", file: "server/app.py",
		replace: []string{"            \"last_games\": last_games(name),\n", ""},
		want:    "the page still lists her last games, the 600 first"},
}
