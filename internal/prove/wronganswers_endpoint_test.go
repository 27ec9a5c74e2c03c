package prove

// Wrong answers to your-first-endpoint and saving-over-http (see TestWrongAnswersOfTheBuiltinCourse).
var endpointWrongAnswers = []wrongAnswer{
	{name: "go: other paths answer 200 with the health", step: "your-first-endpoint/starting-your-server", lang: "go", file: "server/main.go",
		replace: []string{`mux.HandleFunc("GET /health", health)`, `mux.HandleFunc("/", health)`},
		want:    "GET /nope, a path with no endpoint, still answers 404"},
	{name: "python: do_GET answers the health for every path", step: "your-first-endpoint/starting-your-server", lang: "python", file: "server/app.py",
		replace: []string{`if self.path == "/health":`, `if True:`},
		want:    "GET /nope, a path with no endpoint, still answers 404"},
	{name: "python: do_POST answers nothing", step: "your-first-endpoint/starting-your-server", lang: "python", file: "server/app.py",
		replace: []string{"        # Your POST endpoints go here.\n        self.send_error(404)", "        pass"},
		want:    "POST /nope still answers 404 too"},
	{name: "go: a body that is not JSON answers 500", step: "saving-over-http/save-a-score", lang: "go", file: "server/main.go",
		replace: []string{"writeJSON(w, http.StatusBadRequest, map[string]string{\"error\": `the body must be JSON such as {\"player\": \"ada\", \"score\": 300}`})", "serverError(w, err)"},
		want:    "a body that is not JSON is refused with 400, and the error says JSON"},
	{name: "python: json.loads outside a try, a body that is not JSON drops the connection", step: "saving-over-http/save-a-score", lang: "python", file: "server/app.py",
		replace: []string{"        try:\n            data = json.loads(self.rfile.read(length))\n        except ValueError:\n", "        data = json.loads(self.rfile.read(length))\n        if False:\n"},
		want:    "a body that is not JSON is refused with 400, and the error says JSON"},

	// Issue 13: a server that crashes, answers 500 or drops the connection on
	// a body with a missing or wrongly typed key, instead of answering 400.
	{name: "go: the body read into a map, a missing player panics", step: "saving-over-http/refuse-bad-requests", lang: "go", file: "server/main.go",
		replace: goMapBody, want: "a body with no player is refused with 400"},
	{name: "go: the body read into a map, a player of 5 panics", step: "saving-over-http/refuse-bad-requests", lang: "go", file: "server/main.go",
		replace: goMapBody, want: "a player that is a number, 5, is refused with 400"},
	{name: "go: a body that does not decode answers 500", step: "saving-over-http/refuse-bad-requests", lang: "go", file: "server/main.go",
		replace: []string{"badRequest(w, `the body must be JSON such as {\"player\": \"ada\", \"score\": 300}`)", "serverError(w, err)"},
		want:    "a body that is a list, [1, 2], not an object, is refused with 400"},
	{name: "go: a player of 5 answers 500", step: "saving-over-http/refuse-bad-requests", lang: "go", file: "server/main.go",
		replace: []string{"badRequest(w, `the body must be JSON such as {\"player\": \"ada\", \"score\": 300}`)", "serverError(w, err)"},
		want:    "a player that is a number, 5, is refused with 400"},
	{name: "python: KeyError not caught, a body with no player drops the connection", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: []string{"except (ValueError, KeyError, TypeError):", "except (ValueError, TypeError):"},
		want:    "a body with no player is refused with 400"},
	{name: "python: TypeError not caught, a list drops the connection", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: []string{"except (ValueError, KeyError, TypeError):", "except (ValueError, KeyError):"},
		want:    "a body that is a list, [1, 2], not an object, is refused with 400"},
	{name: "python: the player's type not checked, strip() on 5 drops the connection", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: []string{`if not isinstance(player, str) or player.strip() == "":`, `if player.strip() == "":`},
		want:    "a player that is a number, 5, is refused with 400"},
	{name: "python: a body it cannot read answers 500", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: []string{`self.send_json(400, {"error": 'the body must be JSON such as`, `self.send_json(500, {"error": 'the body must be JSON such as`},
		want:    "a body with no player is refused with 400"},

	{name: "python: no return after the body's 400, the handler answers again", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: []string{"\"score\": 300}'})\n            return\n", "\"score\": 300}'})\n"},
		want:    "a player of 5 with no score is refused with a single 400"},

	// The score's lower bound.
	{name: "go: a score of 0 refused", step: "saving-over-http/refuse-bad-requests", lang: "go", file: "server/main.go",
		replace: []string{"if in.Score < 0 {", "if in.Score <= 0 {"},
		want:    "a score of 0 is saved with 201"},
	{name: "python: a score of 0 refused", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: []string{"or score < 0:", "or score < 1:"},
		want:    "a score of 0 is saved with 201"},
	{name: "python: a score of -1 saved", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: []string{"or score < 0:", "or score < -1:"},
		want:    "a score of -1 is refused with 400, and the error names the score"},

	// The tester's holes: the new id looked up with max(id), a race that the
	// lesson's busy trigger shows; paths and methods the endpoints do not own.
	{name: "go: the new id looked up with SELECT max(id) after the INSERT", step: "saving-over-http/save-a-score", lang: "go", file: "server/main.go",
		replace: goMaxID, want: "answers 201 with her own id, 5"},
	{name: "python: the new id looked up with SELECT max(id) after the INSERT", step: "saving-over-http/save-a-score", lang: "python", file: "server/app.py",
		replace: pyMaxID, want: "answers 201 with her own id, 5"},
	{name: "go: the new id looked up with SELECT max(id), once the checks are in", step: "saving-over-http/refuse-bad-requests", lang: "go", file: "server/main.go",
		replace: goMaxID, want: "a score of 0 is saved with 201, under its own id, 5"},
	{name: "python: the new id looked up with SELECT max(id), once the checks are in", step: "saving-over-http/refuse-bad-requests", lang: "python", file: "server/app.py",
		replace: pyMaxID, want: "a score of 0 is saved with 201, under its own id, 5"},
	{name: "go: the body decoded into entry, a missing score is saved as 0", step: "saving-over-http/refuse-bad-requests", lang: "go", file: "server/main.go",
		replace: []string{goPointerBody, "var in entry\n\tif err := json.NewDecoder(r.Body).Decode(&in); err != nil {", "in := entry{Player: *body.Player, Score: *body.Score}\n", ""},
		want:    "a body with no score is refused with 400, not saved as 0"},
	{name: "python: any path that starts with /health answers the health", step: "your-first-endpoint/a-json-answer-for-unknown-paths", lang: "python", file: "server/app.py",
		replace: []string{`if self.path == "/health":`, `if self.path.startswith("/health"):`},
		want:    "GET /healthz answers the JSON 404 too"},
	{name: "go: the leaderboard registered for every method", step: "your-first-endpoint/a-json-answer-for-unknown-paths", lang: "go", file: "server/main.go",
		replace: []string{`mux.HandleFunc("GET /leaderboard", leaderboard)`, `mux.HandleFunc("/leaderboard", leaderboard)`},
		want:    "POST /leaderboard answers the JSON 404 too"},
}

// goMaxID and pyMaxID save the score, then look its id up as the biggest in
// the table: another score saved in between hands back that one's id.
var goMaxID = []string{
	"err := db.QueryRow(`INSERT INTO scores (player, score) VALUES (?, ?) RETURNING id`, in.Player, in.Score).Scan(&id)",
	"_, err := db.Exec(`INSERT INTO scores (player, score) VALUES (?, ?)`, in.Player, in.Score)\n\tif err == nil {\n\t\terr = db.QueryRow(`SELECT max(id) FROM scores`).Scan(&id)\n\t}",
}

var pyMaxID = []string{
	"row = db.execute(\n            \"INSERT INTO scores (player, score) VALUES (?, ?) RETURNING id\",\n            (player, score),\n        ).fetchone()",
	"db.execute(\"INSERT INTO scores (player, score) VALUES (?, ?)\", (player, score))\n        row = db.execute(\"SELECT max(id) FROM scores\").fetchone()",
}

// goMapBody reads the body of POST /scores into a map and asserts the types
// of its values, as a Python programmer might: a missing or wrongly typed
// key panics, and Go drops the connection.
var goMapBody = []string{
	goPointerBody, "var body map[string]any\n\tif err := json.NewDecoder(r.Body).Decode(&body); err != nil {",
	"in := entry{Player: *body.Player, Score: *body.Score}",
	"in := entry{Player: body[\"player\"].(string), Score: int(body[\"score\"].(float64))}",
}

// goPointerBody is how the solution of refuse-bad-requests decodes the body:
// into pointers, which stay nil when a key is missing.
const goPointerBody = "var body struct {\n\t\tPlayer *string `json:\"player\"`\n\t\tScore  *int    `json:\"score\"`\n\t}\n" +
	"\tif err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Player == nil || body.Score == nil {"
