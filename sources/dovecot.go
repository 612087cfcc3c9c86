package sources

import "strings"

// dovecotLevels are the levels Dovecot writes right after its log prefix
// ("lmtp(user)<pid><session>: Error: ..."), with the severity each is
// read at. A Dovecot process's Fatal or Panic ends that process, which
// Dovecot's master starts again; it is no Postfix daemon's fatal and
// feeds no crash rule, so it is read as an error. Info lines carry no
// level word.
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
// user and a session id.
const dovecotPrefixMax = 200

// dovecotLine reads the level of a line Dovecot logged and, at warning
// or worse, matches the text after it against the entries written for
// Dovecot's own messages (Agent "dovecot"): only those read it, so that
// what a client's words hold (a login name) is never read as Postfix's.
// The level must follow the log prefix at once: a level word further on
// is the text of a message.
func dovecotLine(msg string, r *Record) {
	if sev, text := dovecotReport(msg, dovecotPrefix); text != "" {
		r.Severity = sev
		r.Known = MatchAgentReason("dovecot", text)
		return
	}
	if text := dovecotLimitNotice(msg); text != "" {
		r.Severity = SevWarning
		r.Known = MatchAgentReason("dovecot", text)
	}
}

// dovecotLimitNotices are the starts of the messages a login process
// logs at Dovecot's info level when it turns a client away at a limit
// (login-common's client_get_extra_disconnect_reason, imap and pop3
// login): read as warnings, since the user's mail program fails.
var dovecotLimitNotices = []string{
	"Maximum number of connections from user+IP exceeded",
	"Disconnected: Maximum number of connections from user+IP exceeded",
}

// dovecotLimitNotice returns the text of a login process's info-level
// limit message from the log prefix on, or "". The words must start the
// message right after the prefix (an "Info: " level may come between),
// where no client's words can put them.
func dovecotLimitNotice(msg string) string {
	i := dovecotPrefixEnd(msg, loginPrefix)
	if i < 0 {
		return ""
	}
	text := strings.TrimPrefix(msg[i+2:], "Info: ")
	for _, n := range dovecotLimitNotices {
		if strings.HasPrefix(text, n) {
			return ": " + text
		}
	}
	return ""
}

// dovecotReport returns the level of msg and its text from the level on
// when msg starts with a log prefix that isPrefix accepts and a level
// follows it at once, or "".
func dovecotReport(msg string, isPrefix func(string) bool) (Severity, string) {
	i := dovecotPrefixEnd(msg, isPrefix)
	if i < 0 {
		return 0, ""
	}
	for _, l := range dovecotLevels {
		if strings.HasPrefix(msg[i:], l.mark) {
			return l.sev, msg[i:]
		}
	}
	return 0, ""
}

// dovecotPrefixEnd returns where the log prefix of msg ends (the ": "
// after it) when isPrefix accepts it, or -1.
func dovecotPrefixEnd(msg string, isPrefix func(string) bool) int {
	i := strings.Index(msg[:min(len(msg), dovecotPrefixMax)], ": ")
	if i < 0 || !isPrefix(msg[:i]) {
		return -1
	}
	return i
}

// loginPrefix tells whether p is a login process's log prefix
// (imap-login, pop3-login, submission-login).
func loginPrefix(p string) bool { return strings.HasSuffix(p, "-login") && dovecotPrefix(p) }

// commandOutputMark is where pipe(8) and local(8) start quoting what a
// delivery command printed (global/pipe_command.c).
const commandOutputMark = "Command output: "

// dovecotCommandOutput matches a delivery reason whose command output is
// dovecot-lda's own error report ("lda(user): Error: ...", deliver for
// older releases) against the entries for Dovecot's lines: the LDA prints
// to stderr what Dovecot logs itself for lmtp, and that names the cause
// better than any command's failure does. 0 when it is not.
func dovecotCommandOutput(reason string) uint16 {
	i := strings.Index(reason, commandOutputMark)
	if i < 0 {
		return 0
	}
	if _, text := dovecotReport(reason[i+len(commandOutputMark):], ldaPrefix); text != "" {
		return MatchAgentReason("dovecot", text)
	}
	return 0
}

// ldaPrefix tells whether p is the log prefix of Dovecot's LDA: lda or
// deliver, then what dovecotPrefix accepts after a service name; or
// doveconf's, which the LDA runs to read Dovecot's configuration and
// whose error it passes on when it cannot.
func ldaPrefix(p string) bool {
	s, _, _ := strings.Cut(p, "(")
	return (s == "lda" || s == "deliver" || s == "doveconf") && dovecotPrefix(p)
}

// dovecotPrefix tells whether p is Dovecot's log prefix: a service name
// ("lmtp", "imap-login"), then optionally its user or pid in parentheses
// and session ids in angle brackets.
func dovecotPrefix(p string) bool {
	n := 0
	for n < len(p) && (p[n] >= 'a' && p[n] <= 'z' || p[n] >= '0' && p[n] <= '9' || p[n] == '-') {
		n++
	}
	if n == 0 {
		return false
	}
	rest := p[n:]
	return rest == "" || rest[0] == '(' && (rest[len(rest)-1] == ')' || rest[len(rest)-1] == '>')
}
