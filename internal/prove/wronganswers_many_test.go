package prove

// Wrong answers to many-players (see TestWrongAnswersOfTheBuiltinCourse):
// servers that fail under many saves at once, written otherwise than the
// lesson's mistakes.
var manyWrongAnswers = []wrongAnswer{
	// Issue 18: lesson 14's server, its one *sql.DB shared by every request
	// with no busy timeout, fails with a message that names "database is
	// locked".
	{name: "go: the shared *sql.DB with no busy timeout, as lesson 14 left it", step: "many-players/fifty-saves-at-once", lang: "go", file: "server/main.go",
		replace: []string{`path+"?_pragma=busy_timeout(5000)")`, "path)"},
		want:    `Your server's log says "database is locked": another connection was writing, and yours gave up at once. Give each connection a busy timeout`},
	// A learner's trial: db.Exec after the error check, the usual Go
	// layout, was named as ?busy_timeout=5000 (which it does not write),
	// and the db.Exec mistake was not named (its line was not next).
	{name: "go: the busy timeout set with db.Exec after the error check", step: "many-players/fifty-saves-at-once", lang: "go", file: "server/main.go",
		replace: []string{"path+\"?_pragma=busy_timeout(5000)\")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n", "path)\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tdb.Exec(\"PRAGMA busy_timeout = 5000\")\n"},
		want:    `Your server's log says "database is locked"`,
		named:   "the busy timeout is set with db.Exec after sql.Open: it reaches one connection of the pool"},
	{name: "go: _txlock=immediate in place of a busy timeout", step: "many-players/fifty-saves-at-once", lang: "go", file: "server/main.go",
		replace: []string{`path+"?_pragma=busy_timeout(5000)"`, `path+"?_txlock=immediate"`},
		want:    `Your server's log says "database is locked": another connection was writing, and yours gave up at once. Give each connection a busy timeout`},
	{name: "go: a bounded pool without a busy timeout", step: "many-players/fifty-saves-at-once", lang: "go", file: "server/main.go",
		replace: []string{`path+"?_pragma=busy_timeout(5000)")`, "path)\n\tdb.SetMaxOpenConns(10)"},
		want:    `Your server's log says "database is locked": another connection was writing, and yours gave up at once. Give each connection a busy timeout`},
	{name: "go: WAL with busy_timeout(0)", step: "many-players/readers-and-writers-together", lang: "go", file: "server/main.go",
		replace: []string{"_pragma=busy_timeout(5000)&", "_pragma=busy_timeout(0)&"},
		want:    `Your server's log says "database is locked"`},
	{name: "go: journal_mode(TRUNCATE), a faster rollback journal, not WAL", step: "many-players/readers-and-writers-together", lang: "go", file: "server/main.go",
		replace: []string{"_pragma=journal_mode(WAL)", "_pragma=journal_mode(TRUNCATE)"},
		want:    "✗ the database file is in WAL mode: its header says so"},
	{name: "python: one connection shared by the threads, with a timeout", step: "many-players/fifty-saves-at-once", lang: "python", file: "server/app.py",
		replace: []string{"class Database(threading.local):", "class Database:",
			"sqlite3.connect(DATABASE_PATH, timeout=5)", "sqlite3.connect(DATABASE_PATH, timeout=5, check_same_thread=False)"},
		want: "Give each request's thread a connection of its own."},
	{name: "python: WAL, and one connection shared by the threads again", step: "many-players/readers-and-writers-together", lang: "python", file: "server/app.py",
		replace: []string{"class Database(threading.local):", "class Database:",
			"sqlite3.connect(DATABASE_PATH, timeout=5)", "sqlite3.connect(DATABASE_PATH, timeout=5, check_same_thread=False)"},
		want: "Give each request's thread a connection of its own."},
	{name: "python: PRAGMA journal_mode=TRUNCATE, not WAL", step: "many-players/readers-and-writers-together", lang: "python", file: "server/app.py",
		replace: []string{`"PRAGMA journal_mode=WAL"`, `"PRAGMA journal_mode=TRUNCATE"`},
		want:    "✗ the database file is in WAL mode: its header says so"},
}
