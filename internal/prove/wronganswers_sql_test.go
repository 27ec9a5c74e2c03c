package prove

// Wrong answers to the SQL lessons (see TestWrongAnswersOfTheBuiltinCourse).
//
// all-or-nothing/save-both-or-neither with no savepoint at all has no row: it
// passes, and no check can fail it. A check runs the learner's file inside its
// own savepoint and stops at the first refused statement; nothing of the check
// runs after that, and the check's savepoint is rolled back, which undoes the
// score with the learner's savepoint or without it. What tells the two apart
// is the ROLLBACK TO a server says after the error, and a file cannot say it.
var sqlWrongAnswers = []wrongAnswer{
	{name: "text in double quotes", step: "hello-backend/your-first-query", file: "queries/hello.sql",
		content: `SELECT "hello, backend" AS greeting;`,
		want:    "Text goes in single quotes; double quotes are for the names of tables and columns, so SQLite looked for a column named hello, backend. Write it as 'hello, backend'."},
	{name: "the id looked up after the INSERT", step: "saving-scores/hand-back-the-new-id", file: "queries/save_score.sql",
		content: "INSERT INTO scores (player, score) VALUES (:player, :score);\nSELECT max(id) AS id FROM scores;\n",
		want:    "her own id, 3 (from RETURNING, not a look-up)"},
	{name: "ties broken by the time they were saved", step: "the-leaderboard/break-ties-on-purpose", file: "queries/leaderboard.sql",
		replace: []string{"ORDER BY score DESC, id", "ORDER BY score DESC, created_at"},
		want:    "alan before ken before dennis"},
	{name: "another question with the plan of a search (score >= 5)", step: "fast-at-a-million/when-an-index-does-not-help",
		file: "views.sql", replace: []string{"WHERE score >= 990", "WHERE score >= 5"},
		want: "without linus's 989"},
	{name: "the 990s left out (score > 990)", step: "fast-at-a-million/when-an-index-does-not-help",
		file: "views.sql", replace: []string{"WHERE score >= 990", "WHERE score > 990"},
		want: "then grace's and alan's 990s"},
	{name: "the hall of fame stops at 999 (BETWEEN 990 AND 999)", step: "fast-at-a-million/when-an-index-does-not-help",
		file: "views.sql", replace: []string{"WHERE score >= 990", "WHERE score BETWEEN 990 AND 999"},
		want: "the hall of fame is ken's 1200"},
	{name: "ties not settled by id", step: "fast-at-a-million/when-an-index-does-not-help",
		file: "views.sql", replace: []string{"ORDER BY score DESC, id;", "ORDER BY score DESC;"},
		want: "in the order they were saved"},
	{name: "the teammate's arithmetic kept (score / 10 >= 99)", step: "fast-at-a-million/when-an-index-does-not-help",
		file: "views.sql", replace: []string{"WHERE score >= 990", "WHERE score / 10 >= 99"},
		want: "a SEARCH through scores_by_score"},
}
