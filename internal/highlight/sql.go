package highlight

import (
	"strings"
)

// sql tokenises SQL, mostly SQLite's: keywords in any case, 'strings' (with
// ” inside), "quoted" and `quoted` identifiers, -- and /* */ comments,
// numbers, parameters (?, ?1, :name, @name, $name) and operators.
func (l *lexer) sql() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case isSpace(c):
			l.space()
		case l.at("--"):
			l.emit(CommentSingle, l.lineEnd(l.pos))
		case l.at("/*"):
			l.emit(CommentMultiline, l.until(l.pos+2, "*/"))
		case c == '\'':
			l.emit(LiteralStringSingle, l.doubledQuoteEnd('\''))
		case c == '"' || c == '`':
			l.emit(Name, l.doubledQuoteEnd(c))
		case c == '[':
			l.emit(Name, l.until(l.pos, "]"))
		case isDigit(c) || c == '.' && isDigit(l.peek(1)):
			l.number()
		case isLetter(c):
			end := l.identEnd(l.pos)
			l.emit(sqlWord(l.src[l.pos:end], l.nextByte(end) == '('), end)
		case c == '?' || (c == ':' || c == '@' || c == '$') && isIdent(l.peek(1)):
			l.emit(NameVariable, l.identEnd(l.pos+1))
		case strings.IndexByte("=<>!+-*/%|&~^", c) >= 0:
			l.emit(Operator, l.pos+1)
		case strings.IndexByte("(),;.", c) >= 0:
			l.emit(Punctuation, l.pos+1)
		default:
			l.char(Text)
		}
	}
}

// doubledQuoteEnd is where the SQL quoted text at pos ends: after the
// closing quote, where two quotes stand for one; or at the end of src.
func (l *lexer) doubledQuoteEnd(q byte) int {
	s := l.src
	for i := l.pos + 1; i < len(s); i++ {
		if s[i] == q {
			if i+1 < len(s) && s[i+1] == q {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}

// sqlWord is the token type of an SQL word; call tells whether a '(' follows.
func sqlWord(w string, call bool) TokenType {
	u := strings.ToUpper(w)
	if call && sqlFunction(u) {
		return NameBuiltin
	}
	switch u {
	case "NULL", "TRUE", "FALSE", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP":
		return KeywordConstant
	case "INTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT", "SERIAL", "TEXT", "VARCHAR",
		"CHAR", "CHARACTER", "CLOB", "BLOB", "REAL", "DOUBLE", "FLOAT", "NUMERIC", "DECIMAL",
		"BOOLEAN", "BOOL", "DATE", "DATETIME", "TIMESTAMP", "TIME", "INTERVAL", "JSON", "UUID":
		return KeywordType
	case "ABORT", "ACTION", "ADD", "AFTER", "ALL", "ALTER", "ALWAYS", "ANALYZE", "AND", "AS",
		"ASC", "ATTACH", "AUTOINCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BY", "CASCADE",
		"CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "COMMIT", "CONFLICT", "CONSTRAINT",
		"CREATE", "CROSS", "CURRENT", "DATABASE", "DEFAULT", "DEFERRABLE", "DEFERRED",
		"DELETE", "DESC", "DETACH", "DISTINCT", "DO", "DROP", "EACH", "ELSE", "END", "ESCAPE",
		"EXCEPT", "EXCLUDE", "EXCLUSIVE", "EXISTS", "EXPLAIN", "FAIL", "FILTER", "FIRST",
		"FOLLOWING", "FOR", "FOREIGN", "FROM", "FULL", "GENERATED", "GLOB", "GROUP", "GROUPS",
		"HAVING", "IF", "IGNORE", "IMMEDIATE", "IN", "INDEX", "INDEXED", "INITIALLY", "INNER",
		"INSERT", "INSTEAD", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "KEY", "LAST",
		"LEFT", "LIKE", "LIMIT", "MATCH", "MATERIALIZED", "NATURAL", "NO", "NOT", "NOTHING",
		"NOTNULL", "NULLS", "OF", "OFFSET", "ON", "OR", "ORDER", "OTHERS", "OUTER", "OVER",
		"PARTITION", "PLAN", "PRAGMA", "PRECEDING", "PRIMARY", "QUERY", "RAISE", "RANGE",
		"RECURSIVE", "REFERENCES", "REGEXP", "REINDEX", "RELEASE", "RENAME", "REPLACE",
		"RESTRICT", "RETURNING", "RIGHT", "ROLLBACK", "ROW", "ROWID", "ROWS", "SAVEPOINT",
		"SELECT", "SET", "STRICT", "TABLE", "TEMP", "TEMPORARY", "THEN", "TIES", "TO",
		"TRANSACTION", "TRIGGER", "UNBOUNDED", "UNION", "UNIQUE", "UPDATE", "USING", "VACUUM",
		"VALUES", "VIEW", "VIRTUAL", "WHEN", "WHERE", "WINDOW", "WITH", "WITHOUT":
		return Keyword
	}
	return Name
}

// sqlFunction reports whether u (upper case) is a common built-in function.
func sqlFunction(u string) bool {
	switch u {
	case "ABS", "AVG", "CHANGES", "CHAR", "COALESCE", "COUNT", "DATE", "DATETIME",
		"DENSE_RANK", "FIRST_VALUE", "FORMAT", "GROUP_CONCAT", "HEX", "IFNULL", "IIF",
		"INSTR", "JSON", "JSON_ARRAY", "JSON_EXTRACT", "JSON_OBJECT", "JULIANDAY", "LAG",
		"LAST_INSERT_ROWID", "LAST_VALUE", "LEAD", "LENGTH", "LIKE", "LOWER", "LTRIM", "MAX",
		"MIN", "NTILE", "NULLIF", "PRINTF", "QUOTE", "RANDOM", "RANK", "REPLACE", "ROUND",
		"ROW_NUMBER", "RTRIM", "STRFTIME", "STRING_AGG", "SUBSTR", "SUBSTRING", "SUM",
		"TIME", "TOTAL", "TOTAL_CHANGES", "TRIM", "TYPEOF", "UNICODE", "UPPER", "UNIXEPOCH":
		return true
	}
	return false
}
