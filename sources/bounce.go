package sources

import "strings"

// A bounce(8) report pasted as the sender received it ("Undelivered Mail
// Returned to Sender", "Delayed Mail (still being retried)") says in two
// places what became of each recipient: the recipient line of its text
// part, "<user@example.net>: host mx.example.net[192.0.2.1] said: 550
// ... (in reply to RCPT TO command)" (after an alias, "<user@example.net>
// (expanded from <alias>): ..."), and the delivery-status part's
// "Diagnostic-Code: X-Postfix; TEXT" (the delivery agent's own words) or
// "Diagnostic-Code: smtp; REPLY" (the remote server's reply alone). Both
// are read as a delivery of that recipient, as the queue's reason alone
// is (queueReason): only when the text is in the SMTP or LMTP client's
// own words, so that other mail systems' reports and prose that happens
// to begin with an address are not taken for this host's deliveries.
// bounce(8) wraps these lines at about 76 columns with continuation lines
// indented by four spaces; wrapHead lets a replayed file join them.

const (
	diagPostfix = "Diagnostic-Code: X-Postfix; "
	diagSMTP    = "Diagnostic-Code: smtp; "
)

// parseBounce reads a bounce report's recipient line or Diagnostic-Code
// field into r and reports whether s was one.
func parseBounce(s string, r *Record) bool {
	var rcpt, reason string
	switch s[0] {
	case '<':
		j := strings.IndexByte(s, '>')
		if j < 2 || strings.IndexByte(s[1:j], '<') >= 0 {
			return false
		}
		rcpt, reason = s[1:j], s[j+1:]
		if strings.ContainsAny(rcpt, " \t\"'") {
			// A placeholder a post put for the address ("<my
			// address>"): the line is still the report's, its
			// recipient unknown.
			rcpt = ""
		}
		if strings.HasPrefix(reason, " (expanded from <") {
			k := strings.Index(reason, ">): ")
			if k < 0 {
				return false
			}
			reason = reason[k+2:]
		}
		var ok bool
		if reason, ok = strings.CutPrefix(reason, ": "); !ok || !clientReasonStart(reason) {
			return false
		}
	case 'D':
		if rest, ok := strings.CutPrefix(s, diagPostfix); ok && clientReasonStart(rest) {
			reason = rest
		} else if rest, ok := strings.CutPrefix(s, diagSMTP); ok && code3(rest) > 0 {
			reason = rest
		} else {
			return false
		}
	case ':':
		// A web page took the recipient's <address> for an HTML tag and
		// dropped it: the paragraph begins ": ", its recipient unknown.
		var ok bool
		if reason, ok = strings.CutPrefix(s, ": "); !ok || strings.IndexByte(reason, ' ') < 0 || !clientReasonStart(reason) {
			return false
		}
	default:
		return false
	}
	r.Program, r.SyslogName = BareProgram, BareProgram
	noticeDelivery(rcpt, reason, r)
	r.Message = s
	return true
}

// noticeDelivery parses into r the delivery a bounce or delay notice
// reports: rcpt's (none when "") with the client's reason. A permanent
// reply returned the message at once: the notice is its bounce. A 5XX
// greeting is skipped as a soft error (smtp_skip_5xx_greeting), and a
// refused login too (smtp_sasl_auth_soft_bounce), the message retried.
func noticeDelivery(rcpt, reason string, r *Record) {
	parseDelivery("relay=none, status=deferred ("+reason+")", r)
	// The notice named the recipient alone: a quote in it that a
	// delivery record would read to its close takes nothing after it.
	if r.To = rcpt; rcpt != "" {
		if at := strings.LastIndexByte(rcpt, '@'); at >= 0 {
			r.Domain = rcpt[at+1:]
		}
	}
	if r.Code >= 500 && !strings.Contains(reason, "] refused to talk to me: ") && !saslClientReason(reason) {
		r.Status = StatusBounced
	}
}

// clientReasonStart tells whether s begins a reason in the SMTP or LMTP
// client's own words, as queueReason's are, though perhaps cut where a
// report wrapped it: before the peer's [address] at the earliest.
func clientReasonStart(s string) bool {
	if clientReason(s) {
		return true
	}
	if strings.IndexByte(s, '[') >= 0 && !strings.HasSuffix(s, "]") {
		// Past the peer's address the reason goes on in the client's
		// own words, which clientReason reads.
		return false
	}
	for _, p := range [...]string{"connect to ", "lost connection with ", "conversation with ", "host ",
		"Host or domain name not found. Name service error for name="} {
		// The report wraps between words: its first line may stop
		// inside the opening words too ("<user@example.net>: Host").
		if strings.HasPrefix(s, p) || len(s) >= 4 && strings.HasPrefix(p, s+" ") {
			return true
		}
	}
	return false
}

// bounceHead tells whether m, a record's message, is a bounce report's
// line that its indented continuation lines may follow.
func bounceHead(m string) bool {
	return m[0] == '<' || strings.HasPrefix(m, ": ") || strings.HasPrefix(m, "Diagnostic-Code: ")
}

// NoticePart is the part of a bounce or delay notice that a bare delivery
// record was read from.
type NoticePart uint8

const (
	NoticeNone NoticePart = iota
	// NoticeText is a recipient's paragraph of the text part:
	// "<rcpt>: reason".
	NoticeText
	// NoticeStatus is a Diagnostic-Code field of the delivery-status
	// part, which bounce(8) writes after the text part, one per
	// recipient of that part and in the same order.
	NoticeStatus
)

// NoticePartOf tells which part of a notice r, a record, was read from.
func NoticePartOf(r *Record) NoticePart {
	if r.Event != EvDelivery || r.Daemon != "" || r.Program != BareProgram || r.Message == "" {
		return NoticeNone
	}
	if strings.HasPrefix(r.Message, "Diagnostic-Code: ") {
		return NoticeStatus
	}
	if _, _, ok := noticeRecipient(r.Message); ok || r.Message[0] == '<' {
		return NoticeText
	}
	return NoticeNone
}

// noticeCut tells whether s is a notice's recipient paragraph cut before
// the peer's [address] ("<user@example.net>: host") or right after it
// ("<user@example.net>: host mx.example.net[192.0.2.1]", as bounce(8)
// wraps a long server name): the rest of its reason is on the lines
// after, indented or not as the page kept them.
func noticeCut(s string) bool {
	var reason string
	switch {
	case strings.HasPrefix(s, ": "):
		reason = s[2:] // the address dropped (parseBounce)
	case s != "" && s[0] == '<':
		i := strings.Index(s, ">: ")
		if i < 0 {
			return false
		}
		reason = s[i+3:]
	default:
		return false
	}
	if !clientReasonStart(reason) || strings.IndexByte(reason, '(') >= 0 {
		return false
	}
	// Cut before the peer, or right after it: "host NAME[ADDR]" alone,
	// its reply on the next line.
	if !strings.Contains(reason, "[") {
		return true
	}
	peer, ok := strings.CutPrefix(reason, "host ")
	return ok && !strings.Contains(peer, " ") && strings.HasSuffix(peer, "]") && strings.Count(peer, "[") == 1
}
