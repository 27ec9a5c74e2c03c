package prove

// Wrong answers to the SQL lessons (see TestWrongAnswersOfTheBuiltinCourse).
var sqlWrongAnswers = []wrongAnswer{
	{name: "text in double quotes", step: "hello-backend/your-first-query", file: "queries/hello.sql",
		content: `SELECT "hello, backend" AS greeting;`,
		want:    "Text goes in single quotes; double quotes are for the names of tables and columns, so SQLite looked for a column named hello, backend. Write it as 'hello, backend'."},
	{name: "the id looked up after the INSERT", step: "saving-scores/hand-back-the-new-id", file: "queries/save_score.sql",
		content: "INSERT INTO scores (player, score) VALUES (:player, :score);\nSELECT max(id) AS id FROM scores;\n",
		want:    "her own id, 3 (from RETURNING, not a look-up)"},
}
