package sandbox

import (
	"strings"

	"modernc.org/sqlite"
)

// authorize is the connection's authorizer: it refuses everything that could
// reach the host or the process outside the sandbox, and records what it
// refused so the error can name it.
func (s *Sandbox) authorize(action sqlite.AuthorizerActionCode, arg1, arg2, _, _ string) sqlite.AuthorizerReturnCode {
	if s.host {
		return sqlite.AuthorizerOK
	}
	reason := refusal(action, arg1, arg2)
	if reason == "" {
		return sqlite.AuthorizerOK
	}
	s.refused = reason
	return sqlite.AuthorizerDeny
}

// refusal says why an action is refused, or "" when it is allowed.
func refusal(action sqlite.AuthorizerActionCode, arg1, arg2 string) string {
	switch action {
	case sqlite.AuthAttach, sqlite.AuthDetach:
		return "ATTACH, DETACH and VACUUM INTO are not allowed: they would reach files outside the sandbox"
	case sqlite.AuthCreateVTable, sqlite.AuthDropVTable:
		return "virtual tables are not allowed in the sandbox"
	case sqlite.AuthFunction:
		if deniedFunction(strings.ToLower(arg2)) {
			return "the function " + arg2 + "() is not allowed: it reaches outside the sandbox"
		}
	case sqlite.AuthPragma:
		if !allowedPragma(strings.ToLower(arg1), arg2) {
			if arg2 != "" {
				return "PRAGMA " + arg1 + " = " + arg2 + " is not allowed in the sandbox"
			}
			return "PRAGMA " + arg1 + " is not allowed in the sandbox"
		}
	}
	return ""
}

// deniedFunction lists the functions that touch files, load code or change
// the process; most are not compiled in, and are refused in case they are.
func deniedFunction(name string) bool {
	switch name {
	case "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
		"zipfile", "zipfile_cds":
		return true
	}
	return false
}

// allowedPragma lets learners inspect their schema and nothing more: every
// PRAGMA that could touch a file, change the process or weaken the sandbox
// (journal_mode, temp_store_directory, max_page_count, query_only, heap
// limits, writable_schema, foreign_keys = OFF, ...) is refused.
func allowedPragma(name, value string) bool {
	switch name {
	case "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
		"foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
		"collation_list", "function_list", "pragma_list", "database_list", "compile_options",
		"page_count", "freelist_count", "data_version":
		// Read-only; an argument names a table, an index or a count.
		return true
	case "foreign_keys", "max_page_count", "page_size", "encoding", "schema_version":
		return value == "" // reading is fine; setting is not
	case "user_version", "application_id", "defer_foreign_keys":
		return true // stored in the database itself, or scoped to a transaction
	}
	return false
}
