package prove

// Wrong answers to leaderboard-in-a-blink (see TestWrongAnswersOfTheBuiltinCourse):
// tags and conditional answers that look right and are not, none of them a
// mistake of the lesson.
var blinkWrongAnswers = []wrongAnswer{
	{name: "go: the tag names the query string, not the body", step: "leaderboard-in-a-blink/not-modified", lang: "go", file: "server/main.go",
		replace: []string{"\ttag := etag(body)\n", "\ttag := etag([]byte(r.URL.RawQuery))\n"},
		want:    "A tag names one body: another page, or the board after a save, needs another tag"},
	{name: "go: the tag compared with If-Match, not If-None-Match", step: "leaderboard-in-a-blink/not-modified", lang: "go", file: "server/main.go",
		replace: []string{`r.Header.Get("If-None-Match") == tag`, `r.Header.Get("If-Match") == tag`},
		want:    "compare the header with the ETag your server would send"},
	{name: "go: a matching tag answered 200 with no body", step: "leaderboard-in-a-blink/not-modified", lang: "go", file: "server/main.go",
		replace: []string{"w.WriteHeader(http.StatusNotModified)", "w.WriteHeader(http.StatusOK)"},
		want:    "answer 304 Not Modified, with no body"},
	{name: "go: no-cache with a max-age", step: "leaderboard-in-a-blink/ask-again-each-time", lang: "go", file: "server/main.go",
		replace: []string{`w.Header().Set("Cache-Control", "no-cache")`, `w.Header().Set("Cache-Control", "no-cache, max-age=60")`},
		want:    `Cache-Control: expected "no-cache", got "no-cache, max-age=60"`},
	{name: "python: the tag names the query string, not the body", step: "leaderboard-in-a-blink/not-modified", lang: "python", file: "server/app.py",
		replace: []string{"        tag = etag(body)\n", "        tag = etag(urlsplit(self.path).query.encode(\"utf-8\"))\n"},
		want:    "A tag names one body: another page, or the board after a save, needs another tag"},
	{name: "python: the tag compared with If-Match, not If-None-Match", step: "leaderboard-in-a-blink/not-modified", lang: "python", file: "server/app.py",
		replace: []string{`self.headers.get("If-None-Match") == tag`, `self.headers.get("If-Match") == tag`},
		want:    "compare the header with the ETag your server would send"},
	{name: "python: the 304 sent with send_json, an empty object for a body", step: "leaderboard-in-a-blink/not-modified", lang: "python", file: "server/app.py",
		replace: []string{"            self.send_response(304)\n            self.send_header(\"ETag\", tag)\n            self.end_headers()\n", "            self.send_json(304, {})\n"},
		want:    "sent a body with its 304 Not Modified ({}): an answer with this status has no body"},
	{name: "python: no-cache with a max-age on the 200", step: "leaderboard-in-a-blink/ask-again-each-time", lang: "python", file: "server/app.py",
		replace: []string{"\n        self.send_header(\"Cache-Control\", \"no-cache\")\n", "\n        self.send_header(\"Cache-Control\", \"no-cache, max-age=60\")\n"},
		want:    `Cache-Control: expected "no-cache", got "no-cache, max-age=60"`},
}
