package sources

// The sender-authentication milters beside Postfix (opendkim,
// opendmarc) have their own lines read by the knowledge base: what they
// fail at (a key lookup, a crash) is told in their lines only, Postfix
// logs the consequence.

// checkerLine matches a checker's message against the entries written
// for the checkers' own messages (Agent "checker"): only those read it,
// so that Postfix's entries never read a milter's words, nor the
// checkers' entries Postfix's. A matched line is a warning.
func checkerLine(msg string, r *Record) {
	if k := MatchAgentReason("checker", msg); k != 0 {
		r.Known = k
		r.Severity = SevWarning
	}
}
