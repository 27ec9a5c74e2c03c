-- The same SQL as the step of 01-bench.md, for the sqlite3 shell.
CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));
INSERT INTO scores (player, score) VALUES ('ada', 300), ('grace', 250), ('linus', 100);
SELECT name FROM pragma_table_info('scores') ORDER BY cid;
INSERT INTO scores (player, score) VALUES (NULL, 1);
INSERT INTO scores (player, score) VALUES ('x', -1);
SELECT player, score FROM scores ORDER BY score DESC;
SELECT count(*) FROM scores;
