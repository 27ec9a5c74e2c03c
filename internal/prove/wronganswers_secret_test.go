package prove

// Wrong answers to keeping-secrets (see TestWrongAnswersOfTheBuiltinCourse).
var secretWrongAnswers = []wrongAnswer{
	{name: "go: a server that starts without API_KEY", step: "keeping-secrets/a-key-for-saving-scores", lang: "go", file: "server/main.go",
		replace: []string{"\tif apiKey == \"\" {\n\t\tlog.Fatal(\"API_KEY is not set: start the server with `sandcastle serve`\")\n\t}\n", ""},
		want:    "Started without API_KEY, your server ran and listened on port"},
	{name: "python: a server that starts without API_KEY", step: "keeping-secrets/a-key-for-saving-scores", lang: "python", file: "server/app.py",
		replace: []string{"if not API_KEY:\n    sys.exit(\"API_KEY is not set: start the server with `sandcastle serve`\")\n", ""},
		want:    `if not os.environ.get("API_KEY"): sys.exit("API_KEY is not set")`},
	{name: "python: a server that stops, but says nothing of API_KEY", step: "keeping-secrets/a-key-for-saving-scores", lang: "python", file: "server/app.py",
		replace: []string{"sys.exit(\"API_KEY is not set: start the server with `sandcastle serve`\")", "sys.exit(1)"},
		want:    `your server stopped (exit code 1), but its output does not say "API_KEY"`},
	{name: "python: a catch-all 500 on POST only", step: "keeping-secrets/errors-that-give-nothing-away", lang: "python", file: "server/app.py",
		replace: []string{"                self.not_found()\n        except Exception:\n            self.server_error()\n\n    def do_POST", "                self.not_found()\n        except Exception:\n            raise\n\n    def do_POST"},
		want:    "✗ a failure while reading answers 500 the same way"},
	{name: "python: no detail in the log", step: "keeping-secrets/errors-that-give-nothing-away", lang: "python", file: "server/app.py",
		replace: []string{"        traceback.print_exc()\n", ""},
		want:    `does not show "a trap set by this step"`},
	{name: "go: the error's text in a key of its own", step: "keeping-secrets/errors-that-give-nothing-away", lang: "go", file: "server/main.go",
		replace: []string{`map[string]string{"error": "something went wrong on the server"}`, `map[string]string{"error": "something went wrong on the server", "detail": err.Error()}`},
		want:    `$.detail: not expected: the answer must hold only "error"`},
	{name: "python: the exception's name in a key of its own", step: "keeping-secrets/errors-that-give-nothing-away", lang: "python", file: "server/app.py",
		replace: []string{`self.send_json(500, {"error": "something went wrong on the server"})`, `self.send_json(500, {"error": "something went wrong on the server", "kind": type(sys.exc_info()[1]).__name__})`},
		want:    `$.kind: not expected: the answer must hold only "error"`},
	{name: "go: the key checked after the body", step: "keeping-secrets/a-key-for-saving-scores", lang: "go", file: "server/main.go",
		replace: []string{keyCheck + "\n\t// The pointers stay nil", "\t// The pointers stay nil", "\n\tvar id int64\n", keyCheck + "\n\tvar id int64\n"},
		want:    "✗ a bad body without the key is refused with 401, not 400: the key is checked first"},
	{name: "go: no detail in the log", step: "keeping-secrets/errors-that-give-nothing-away", lang: "go", file: "server/main.go",
		replace: []string{"\tlog.Print(err)\n", ""},
		want:    `does not show "a trap set by this step"`},
}

// keyCheck is the Go solution's check of the API key, at the top of saveScore.
const keyCheck = "\tif !hasKey(r) {\n\t\twriteJSON(w, http.StatusUnauthorized, map[string]string{\"error\": \"saving a score needs the API key, sent in the X-API-Key header\"})\n\t\treturn\n\t}\n"
