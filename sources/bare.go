package sources

import "strings"

// BareProgram is the Program of a bare message: a Postfix message pasted
// without its syslog header and program tag. Its Daemon is empty (unknown).
const BareProgram = "postfix"

// bareHead reports whether the word before a line's first colon starts a
// bare Postfix message rather than naming a program: a severity
// ("warning: ...") or a queue id ("3F2A1C0: ...", "NOQUEUE: ...").
func bareHead(word string) bool {
	switch word {
	case "warning", "error", "fatal", "panic", "NOQUEUE":
		return true
	}
	return looksLikeQueueID(word)
}

// looksLikeQueueID is stricter than queueID, for words with no header to
// vouch for them: a short id is upper-case hex ("3F2A1C0"), a long one ten
// or more letters and digits with a digit among them ("4Xb2Kq1yQz"), so
// that "ERROR" or "web01" name programs, not queue files.
func looksLikeQueueID(w string) bool {
	if len(w) < 5 || len(w) > 24 {
		return false
	}
	hex, digit := true, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case isDigit(c):
			digit = true
		case 'A' <= c && c <= 'F':
		case 'G' <= c && c <= 'Z' || 'a' <= c && c <= 'z':
			hex = false
		default:
			return false
		}
	}
	return digit && (hex || len(w) >= 10)
}

// parseBare reads a message pasted without header or tag: a severity, a
// queue id, and a shape some daemon logs. The daemon is unknown, so the
// shapes tried are those that name their kind in their own words: delivery
// records, the SMTP client's failed attempts, the SMTP server's sessions
// and rejects, postscreen's verdicts, and whatever parseMessage knows for
// any daemon (TLS, warnings, compatibility notes). It reports whether the
// text had one of these shapes.
func parseBare(s string, r *Record) bool {
	r.Program, r.SyslogName, r.Daemon = BareProgram, BareProgram, ""
	parseMessage(s, r)
	if r.Event != EvUnknown {
		return true
	}
	m := r.Message
	try := *r
	switch {
	case strings.HasPrefix(m, "to=<"):
		parseDelivery(m, &try)
		if try.Status == StatusNone {
			return r.Severity != SevInfo || r.QueueID != ""
		}
	case strings.HasPrefix(m, "connect to "), strings.HasPrefix(m, "lost connection with "),
		strings.HasPrefix(m, "conversation with "), strings.HasPrefix(m, "host ") && strings.Contains(m, "] said: "),
		strings.HasPrefix(m, "host ") && strings.Contains(m, "] refused to talk to me: "):
		parseSmtpClient(m, &try)
		if try.RelayIP == "" {
			return r.Severity != SevInfo || r.QueueID != ""
		}
	case strings.HasPrefix(m, "PASS NEW ["), strings.HasPrefix(m, "PASS OLD ["), strings.HasPrefix(m, "CONNECT from ["),
		strings.HasPrefix(m, "DISCONNECT ["), strings.HasPrefix(m, "DNSBL rank "), strings.HasPrefix(m, "PREGREET "),
		strings.HasPrefix(m, "HANGUP after "), strings.HasPrefix(m, "COMMAND PIPELINING from ["),
		strings.HasPrefix(m, "reject: CONNECT from ["):
		parsePostscreen(m, &try)
	default:
		parseSmtpd(m, &try)
		if try.ClientIP == "" {
			return r.Severity != SevInfo || r.QueueID != ""
		}
	}
	if try.Event == EvUnknown {
		return r.Severity != SevInfo || r.QueueID != ""
	}
	*r = try
	return true
}
