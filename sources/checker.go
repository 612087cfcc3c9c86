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

// checkerBare reads a checker's line pasted without its header and tag,
// as the tagged line is read: its message, after the queue id the checker
// names, opens with the first text of a checker entry that names the one
// program writing it (Known.Program). Prose that merely holds the words
// opens otherwise.
func checkerBare(s string, r *Record) bool {
	body := s
	if _, rest, ok := queueID(s); ok {
		body = rest
	}
	k := MatchAgentReason("checker", body)
	if k == 0 || !ownWords(body, k) {
		return false
	}
	r.Program, r.Event, r.Message = KnownMessages[k-1].Program, EvOther, s
	checkerLine(s, r)
	return true
}
