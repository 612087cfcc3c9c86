package sources

import "strings"

// dovecotLevels are the levels Dovecot writes after its log prefix
// ("lmtp(user)<pid><session>: Error: ..."), with the severity each is
// read at. A Dovecot process's Fatal or Panic ends that process, which
// Dovecot's master starts again; it is no Postfix daemon's fatal and
// feeds no crash rule, so it is read as an error.
var dovecotLevels = [...]struct {
	mark string
	sev  Severity
}{
	{": Panic: ", SevError},
	{": Fatal: ", SevError},
	{": Error: ", SevError},
	{": Warning: ", SevWarning},
}

// dovecotPrefixMax bounds the log prefix before the level: a service, a
// user and a session id. A level further on is the text of a message.
const dovecotPrefixMax = 200

// dovecotLine reads the level of a line Dovecot logged and, at warning
// or worse, matches the text after it against the entries written for
// Dovecot's own messages (Agent "dovecot"): only those read it, so what
// a user name or a client's words hold is never read as Postfix's.
func dovecotLine(msg string, r *Record) {
	head := msg[:min(len(msg), dovecotPrefixMax)]
	at, sev := -1, SevInfo
	for _, l := range dovecotLevels {
		if i := strings.Index(head, l.mark); i >= 0 && (at < 0 || i < at) {
			at, sev = i, l.sev
		}
	}
	if at < 0 || strings.Contains(head[:at], ": Info: ") || strings.Contains(head[:at], ": Debug: ") {
		return
	}
	r.Severity = sev
	r.Known = MatchAgentReason("dovecot", msg[at:])
}
