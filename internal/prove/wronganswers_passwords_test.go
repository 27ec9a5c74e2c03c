package prove

// Wrong answers to players-with-passwords (see TestWrongAnswersOfTheBuiltinCourse):
// servers that look right and keep passwords or tokens badly in ways the
// lesson's mistakes do not write.
var passwordWrongAnswers = []wrongAnswer{
	// SQLite lets a primary key that is not INTEGER hold NULL: "each
	// required" passed such a key before the check read notnull alone.
	{name: "a session's text key without NOT NULL: sessions with no token", step: "players-with-passwords/tables-for-accounts-and-sessions", lang: "go", file: "schema.sql",
		replace: []string{"token_hash TEXT PRIMARY KEY NOT NULL,", "token_hash TEXT PRIMARY KEY,"},
		want:    "✗ sessions has token_hash (the primary key), player and expires_at, each required"},
	// Issue 18: a server that stores plain passwords fails with a message
	// that says so (here, hashing nothing: the "hash" is the password).
	{name: "go: hashPassword gives the password back as it is", step: "players-with-passwords/sign-up", lang: "go", file: "server/main.go",
		replace: []string{"\treturn pbkdf2.Key(sha256.New, password, salt, iterations, 32)", "\treturn []byte(password), nil", "\t\"crypto/pbkdf2\"\n", ""},
		want:    "✗ no password is stored in plain text, anywhere in the database file"},
	{name: "python: hash_password gives the password back as it is", step: "players-with-passwords/sign-up", lang: "python", file: "server/app.py",
		replace: []string{`    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)`, `    return password.encode("utf-8")`},
		want:    "✗ no password is stored in plain text, anywhere in the database file"},
	{name: "go: the salt is the player's name: new for each player, but known to everyone", step: "players-with-passwords/sign-up", lang: "go", file: "server/main.go",
		replace: []string{"\tsalt := make([]byte, 16)\n\trand.Read(salt)\n", "\tsalt := []byte(in.Player)\n\t_ = rand.Reader\n"},
		want:    "each new account has 16 random bytes of salt"},
	{name: "go: 1 000 iterations, a hash a thousand times quicker to guess", step: "players-with-passwords/sign-up", lang: "go", file: "server/main.go",
		replace: []string{"const passwordIterations = 600_000", "const passwordIterations = 1_000"},
		want:    "600 000 iterations or more"},
	{name: "go: the token's hash kept in base64, not hex", step: "players-with-passwords/log-in", lang: "go", file: "server/main.go",
		replace: []string{"\treturn hex.EncodeToString(sum[:])", "\t_ = hex.EncodeToString\n\treturn base64.StdEncoding.EncodeToString(sum[:])", "\t\"encoding/hex\"\n", "\t\"encoding/base64\"\n\t\"encoding/hex\"\n"},
		want:    "each token kept as a hash of 64 hex digits"},
	{name: "go: an expired session still lets its player in for a day", step: "players-with-passwords/who-am-i", lang: "go", file: "server/main.go",
		replace: []string{"AND expires_at > datetime('now')`", "AND expires_at > datetime('now', '-1 day')`"},
		want:    "expired an hour ago: 401"},
	{name: "python: PBKDF2 with SHA-1, a hash of 20 bytes", step: "players-with-passwords/sign-up", lang: "python", file: "server/app.py",
		replace: []string{`hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)`, `hashlib.pbkdf2_hmac("sha1", password.encode("utf-8"), salt, iterations)`},
		want:    "a hash of 32 bytes"},
	{name: "python: scrypt, not PBKDF2: accounts made with PBKDF2 can no longer log in", step: "players-with-passwords/log-in", lang: "python", file: "server/app.py",
		replace: []string{`hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)`, `hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)`},
		want:    "PBKDF2-SHA-256 hash of 310 000 iterations"},
	{name: "python: a log-in of an hour, not a day", step: "players-with-passwords/log-in", lang: "python", file: "server/app.py",
		replace: []string{"VALUES (?, ?, datetime('now', '+1 day')) RETURNING expires_at", "VALUES (?, ?, datetime('now', '+1 hour')) RETURNING expires_at"},
		want:    "expires_in_a_day"},
	{name: "python: tokens of 64 hex digits, kept and looked up as they are", step: "players-with-passwords/who-am-i", lang: "python", file: "server/app.py",
		replace: []string{"token = secrets.token_urlsafe(32)", "token = secrets.token_hex(32)", "(token_hash(token), player),", "(token, player),", "(token_hash(header[len(\"Bearer \"):]),),", "(header[len(\"Bearer \"):],),"},
		want:    "a token is looked up by its SHA-256"},
}
