package sources

import (
	"slices"
	"strings"
)

// BareProgram is the Program of a bare message: a Postfix message pasted
// without its syslog header and program tag. Its Daemon is empty (unknown).
const BareProgram = "postfix"

// bareHead reports whether the word before a line's first colon starts a
// bare Postfix message rather than naming a program: a severity
// ("warning: ..."), a queue id ("3F2A1C0: ...", "NOQUEUE: ..."), the
// configuration file a message opens with ("/etc/postfix/main.cf: ...")
// or the word a message opens with in Postfix's own format ("SASL: ...").
func bareHead(word string) bool {
	if configPath(word) {
		return true
	}
	switch word {
	case "warning", "error", "fatal", "panic", "NOQUEUE",
		// cleanup's and smtpd's refusals cut before their queue id.
		"reject", "milter-reject",
		// smtpd's Dovecot SASL client opens its messages so ("SASL:
		// Connect to private/auth failed: ...").
		"SASL":
		return true
	}
	return looksLikeQueueID(word)
}

// configPath reports whether w is the absolute path of a Postfix
// configuration file: main.cf, master.cf, or a table's .cf file.
func configPath(w string) bool {
	return len(w) > len("/.cf") && w[0] == '/' && strings.HasSuffix(w, ".cf") && strings.IndexByte(w, ' ') < 0
}

// configFileHead reports whether s opens as Postfix's configuration
// readers open their messages: the file's path, then ": " or ", line N"
// ("/etc/postfix/main.cf, line 12: overriding earlier entry: ...").
func configFileHead(s string) bool {
	i := strings.IndexAny(s, ":,")
	if i < 0 || !configPath(s[:i]) {
		return false
	}
	return strings.HasPrefix(s[i:], ": ") || strings.HasPrefix(s[i:], ", line ")
}

// tableMapHeads open what the tables Postfix reads from their own file
// write about one line of it: dict_regexp.c, dict_pcre.c and dict_cidr.c's
// "TYPE map FILE, line N: ...", and dict_regexp.c's "regexp file FILE,
// line N: ...".
var tableMapHeads = [...]string{"regexp map /", "pcre map /", "cidr map /", "regexp file /"}

// tableFileHead reports whether s opens as such a message: the head, a
// path without blanks, ", line ", the line's number and ": ". A paste that
// hides the number writes a placeholder word ("line N", "line xy") in its
// place: one word of letters and digits stands for it.
func tableFileHead(s string) bool {
	for _, h := range tableMapHeads {
		if !strings.HasPrefix(s, h) {
			continue
		}
		rest := s[len(h):]
		i := strings.Index(rest, ", line ")
		if i < 0 || strings.IndexByte(rest[:i], ' ') >= 0 {
			return false
		}
		rest = rest[i+len(", line "):]
		n := 0
		for n < len(rest) && (isDigit(rest[n]) || 'a' <= rest[n]|0x20 && rest[n]|0x20 <= 'z') {
			n++
		}
		return n > 0 && n <= 8 && strings.HasPrefix(rest[n:], ": ")
	}
	return false
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
// queue id, and a shape some daemon logs. The daemon is unknown, so it is
// guessed only from shapes that name their kind in their own words (see
// bareDaemon), parsed as that daemon's, and left empty in the record;
// other text gets what parseMessage knows for any daemon (TLS, warnings,
// known messages, compatibility notes). It reports whether the text had a
// Postfix message's shape.
func parseBare(s string, r *Record) bool {
	r.Program, r.SyslogName = BareProgram, BareProgram
	if rcpt, reason, ok := noticeReason(s); ok {
		t := *r
		switch {
		case rcpt != "":
			noticeDelivery(rcpt, reason, &t)
		case replyReason(reason):
			// A server's reply pasted alone is its delivery's reason:
			// the next MX is tried after a 4xx reply only, and that
			// try is logged with a queue id, which a paste keeps.
			noticeDelivery("", reason, &t)
		default:
			parseSmtpClient(reason, &t)
		}
		if t.Event == EvDelivery || t.Event == EvAttempt {
			t.Message = s
			*r = t
			return true
		}
	}
	if reply, ok := recordReply(s); ok {
		// The same, cut from a delivery record with the record's own
		// closing parenthesis after it.
		s = reply
	}
	if k := replyCutStart(s); k > 0 {
		// The same reply quoted from inside its first line: its words
		// are read whole, its code from the first continuation mark.
		t := *r
		t.Message = s
		noticeDelivery("", s, &t)
		if t.Event == EvDelivery {
			t.Code = code3(s[k:])
			if t.Code >= 500 {
				t.Status = StatusBounced
			}
			*r = t
			return true
		}
	}
	if replyWithClientTail(s) || joinedMultilineReply(s) || ownWordsReason(s) || saslClientReason(s) {
		// A server's reply as the smtp client ends it or joins its
		// lines, cut before "host X[addr] said: ", or a reason in the
		// client's own words quoted alone, as a post or a notice's
		// prose quotes it: a delivery without recipient or peer.
		t := *r
		t.Message = s
		noticeDelivery("", s, &t)
		if t.Event == EvDelivery {
			*r = t
			return true
		}
	}
	if reason, ok := queueReason(s); ok {
		t := *r
		t.Message = s
		parseDelivery("relay=none, status=deferred ("+reason+")", &t)
		if t.Status == StatusDeferred {
			*r = t
			return true
		}
	}
	if agentReasonAlone(s) {
		// A reason of local(8) or virtual(8) quoted alone: read as the
		// same reason in mailq's parentheses is, the agent unknown.
		t := *r
		t.Message = s
		parseDelivery("relay=none, status=deferred ("+s+")", &t)
		if t.Status == StatusDeferred {
			*r = t
			return true
		}
	}
	id, body := bareBody(s)
	if id == "" && strings.HasPrefix(body, "status=") {
		// A delivery record cut before its status: a status Postfix
		// writes and the reason it opens make it one.
		t := *r
		t.Message = body
		parseDelivery(body, &t)
		if t.Status != StatusNone && t.Status != StatusOther && t.Reason != "" {
			*r = t
			return true
		}
	}
	if id == "" && (strings.HasPrefix(body, "to=<") || strings.HasPrefix(body, "relay=") || strings.HasPrefix(body, "dsn=")) {
		// A delivery record without its queue id, or cut before its
		// recipient, its relay or its delays.
		t := *r
		t.Message = body
		t.Daemon = deliveryAgent(body)
		parseDelivery(body, &t)
		t.Daemon = ""
		// A fragment from relay= or dsn= has a record's shape only with
		// a DSN and a status Postfix writes: prose may name a relay too.
		if t.Status != StatusNone && (body[0] == 't' || t.Status != StatusOther && t.DSN != "") {
			*r = t
			return true
		}
	}
	if id == "" && (replyWithEnvelope(body) || rejectReasonCut(body) || smtpdReply(body) || rblReply(body)) {
		// smtpd's reject cut before "NOQUEUE: reject: RCPT from
		// CLIENT: ", as a ticket quotes the refusal: the reply and the
		// envelope smtpd logs after it, the refusal from its address
		// or its reason on, or the whole reply as the client saw it.
		// The client is unknown.
		r.Daemon, r.Event, r.Message, r.Code = "smtpd", EvReject, body, code3(body)
		applyKnown(body, r)
		r.Daemon = ""
		return true
	}
	r.Daemon = bareDaemon(id, body)
	if r.Daemon == "smtp" && ownNameGreeting(body) {
		// smtp_proto.c writes these words only in a warning: pasted
		// without "warning: ", the line is still one.
		r.Severity = SevWarning
	}
	shaped := id != "" || r.Daemon != "" || len(body) < len(s) || configFileHead(body) || tableFileHead(body)
	parseMessage(s, r)
	r.Daemon = ""
	if !shaped && r.Severity == SevInfo && r.Known != 0 && r.Event == EvWarning && !ownWords(s, r.Known) {
		// Prose that merely contains a known phrase ("... exit status
		// 1 ..."): no severity, queue id or daemon shape makes it
		// Postfix's.
		return false
	}
	return r.Event != EvUnknown || r.Severity != SevInfo || r.QueueID != ""
}

// ownWords tells a message that opens with the first text of entry k,
// one that names the one program writing it (Known.Program): that
// program's line pasted alone, not prose that quotes its words.
func ownWords(s string, k uint16) bool {
	entry := &KnownMessages[k-1]
	return entry.Program != "" && strings.HasPrefix(strings.ToLower(s), entry.Match[0])
}

// countedDetail reads a line of pflogsumm's detail sections (message
// deferral, bounce, reject and warning detail): a count right-aligned in
// its column, three blanks, then the reason or message it counted. It
// returns that text; the caller still requires it to read as Postfix's,
// so a number before prose is no such line. The count itself is not
// kept: the line stands for one record.
func countedDetail(s string) (string, bool) {
	s = strings.TrimLeft(s, " ")
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 || i > 9 || !strings.HasPrefix(s[i:], "  ") {
		return "", false
	}
	rest := strings.TrimLeft(s[i:], " ")
	return rest, rest != ""
}

// bareBody returns the queue id and the text after a leading severity and
// queue id, as parseMessage will read them.
func bareBody(s string) (id, body string) {
	for _, sev := range [...]string{"warning: ", "error: ", "fatal: ", "panic: "} {
		if strings.HasPrefix(s, sev) {
			s = s[len(sev):]
			break
		}
	}
	if id, rest, ok := queueID(s); ok {
		return id, rest
	}
	return "", s
}

// bareDaemon names the daemon whose shape the text has, or "": the SMTP
// client's failed attempts, postscreen's verdicts, the SMTP server's
// sessions and rejects. Each shape names a peer in brackets, so prose that
// happens to start with the same words is not taken for one.
func bareDaemon(id, s string) string {
	has := func(prefix string) bool { return strings.HasPrefix(s, prefix) }
	bracket := strings.IndexByte(s, '[') > 0
	switch {
	case has("reject: header "), has("reject: body "), has("reject: mime-error "):
		// cleanup's refusals of content name no peer when cut short.
		return "cleanup"
	case id != "" && qmgrRecord(s), id == "" && clogWarning(s):
		return "qmgr"
	case id == "" && has(`service "`) && strings.Contains(s, ` has reached its process limit "`):
		// master.c's own words: "service \"%s\" (%s) has reached its
		// process limit \"%d\": ..."
		return "master"
	case id != "" && bounceNotice(s):
		return "bounce"
	case id != "" && (has("to=<") || has(emptyRecipient)):
		return deliveryAgent(s)
	case id != "" && saslClientReason(s):
		return "smtp"
	case id != "" && namedHostReply(s):
		return "smtp"
	case !bracket && !(id == "NOQUEUE" && has("reject: ")):
		return ""
	case has("connect to "), has("lost connection with "), has("conversation with "),
		has("host ") && (strings.Contains(s, "] said: ") || strings.Contains(s, "] refused to talk to me: ") || ownNameGreeting(s)):
		return "smtp"
	case has("PASS NEW ["), has("PASS OLD ["), has("CONNECT from ["), has("DISCONNECT ["), has("DNSBL rank "),
		has("PREGREET "), has("HANGUP after "), has("COMMAND PIPELINING from ["), has("reject: CONNECT from ["),
		has("reject: RCPT from ["):
		return "postscreen"
	case has("connect from "), has("disconnect from "), has("reject: "), has("milter-reject: "), has("client="),
		// smtpd_check.c's anvil refusals: "%s limit exceeded: %d from %s for service %s"
		strings.Contains(s, " limit exceeded: ") && strings.Contains(s, " for service "),
		has("lost connection after "), has("timeout after "), has(nonSMTPCommand),
		strings.Contains(s, " after ") && strings.Contains(s, " from ") && strings.Contains(s, "]"):
		return "smtpd"
	}
	return ""
}

// namedHostReply tells the smtp client's record of a server's reply
// (smtp_proto.c: "host %s said: %s", "host %s refused to talk to me: %s")
// whose peer a post cut to its name, the "[address]" left out: one host
// name, the reply mark, then an SMTP reply code. Without the address the
// reply code stands for it, so prose about a host is not taken.
func namedHostReply(s string) bool {
	rest, ok := strings.CutPrefix(s, "host ")
	if !ok {
		return false
	}
	sp := strings.IndexByte(rest, ' ')
	if sp <= 0 || !noticeHostName(rest[:sp]) {
		return false
	}
	tail := rest[sp:]
	for _, mark := range replyMarkText {
		if r, ok := strings.CutPrefix(tail, mark+": "); ok {
			return len(r) >= 4 && (r[0] == '4' || r[0] == '5') && isDigit(r[1]) && isDigit(r[2]) && (r[3] == ' ' || r[3] == '-')
		}
	}
	return false
}

// ownNameGreeting tells the smtp client's warning about a server that
// answered with this host's own name (smtp_proto.c: "host %s greeted me
// with my own hostname %s", "host %s replied to HELO/EHLO with my own
// hostname %s"), its peer "name[address]:port" before the words.
func ownNameGreeting(s string) bool {
	rest, ok := strings.CutPrefix(s, "host ")
	if !ok {
		return false
	}
	i := strings.Index(rest, " greeted me with my own hostname ")
	if i < 0 {
		i = strings.Index(rest, " replied to HELO/EHLO with my own hostname ")
	}
	return i > 0 && strings.IndexByte(rest[:i], '[') > 0 && !strings.Contains(rest[:i], " ")
}

// qmgrRecord tells the queue manager's own records after a queue id, whole:
// "removed" and "skipped, still being delivered" (qmgr_active.c), and
// the sender's record, "from=<%s>, size=%ld, nrcpt=%d (queue active)"
// (opened.c) or "from=<%s>, status=expired, returned to sender" (or
// force-expired). A page that dropped "<address>" leaves "from=,".
func qmgrRecord(s string) bool {
	if s == "removed" || s == "skipped, still being delivered" {
		return true
	}
	var tail string
	switch {
	case strings.HasPrefix(s, "from=<"):
		v := s[len("from="):]
		j := angleEnd(v)
		if j < 0 {
			return false
		}
		tail = v[j+1:]
	case strings.HasPrefix(s, emptySender):
		tail = s[len("from="):]
	default:
		return false
	}
	_, _, active := queueActive(tail)
	return active || tail == ", status=expired, returned to sender" || tail == ", status=force-expired, returned to sender"
}

// clogWarning tells the queue manager's warning that one destination
// holds too much of the active queue (qmgr_entry.c): "mail for %s is
// using up %d of %d active queue entries".
func clogWarning(s string) bool {
	rest, ok := strings.CutPrefix(s, "mail for ")
	if !ok {
		return false
	}
	i := strings.Index(rest, " is using up ")
	return i > 0 && !strings.ContainsAny(rest[:i], " \t") && strings.HasSuffix(rest, " active queue entries")
}

// bounceNotices are how bounce(8) logs a notification it sent, followed
// by the notification's own queue id (bounce_notify_service.c,
// bounce_warn_service.c, bounce_trace_service.c).
var bounceNotices = [...]string{"sender non-delivery notification: ", "postmaster non-delivery notification: ",
	"sender delay notification: ", "postmaster delay notification: ", "sender delivery status notification: "}

// bounceNotice tells bounce(8)'s record of a notification it sent.
func bounceNotice(s string) bool {
	for _, n := range bounceNotices {
		if id, ok := strings.CutPrefix(s, n); ok {
			return looksLikeQueueID(id)
		}
	}
	return false
}

// deliveryAgent names the delivery agent that wrote delivery record s
// ("to=<...>, relay=..., status=..."), by what only that agent writes,
// or "": local(8), virtual(8) and pipe(8) log their master.cf service
// name as the relay, a bare word ("relay=local", "relay=dovecot"); the
// smtp and lmtp clients log "host[address]:port", or "none" when no
// session began, and only the LMTP client talks to a UNIX-domain
// socket ("host[private/dovecot-lmtp]", smtp_connect.c) or to LMTP's
// own port, 24 (lmtp_tcp_port). The relay names no agent in the
// record's words: it is read only to scope the knowledge base, as the
// program tag would.
func deliveryAgent(s string) string {
	var t Record
	parseDelivery(s, &t)
	switch relay := t.Relay; {
	case relay == "" || relay == "none":
		// "connect to host[path]: ..." before any session.
		if peer, ok := strings.CutPrefix(t.Reason, "connect to "); ok && lmtpPeer(peer) {
			return "lmtp"
		}
	case !strings.ContainsAny(relay, "[]:/ \t"):
		if relay == "local" || relay == "virtual" {
			return relay
		}
		return "pipe"
	case lmtpPeer(relay):
		return "lmtp"
	}
	return ""
}

// lmtpPeer tells a peer "host[address]" that only the LMTP client
// connects to: a UNIX-domain socket's path in the brackets, or TCP port
// 24 after them.
func lmtpPeer(s string) bool {
	open := strings.IndexByte(s, '[')
	end := strings.IndexByte(s, ']')
	if open <= 0 || end < open {
		return false
	}
	if strings.Contains(s[open+1:end], "/") {
		return true
	}
	port, ok := strings.CutPrefix(s[end+1:], ":24")
	return ok && (port == "" || !isDigit(port[0]))
}

// queueReason returns the reason of a line that is only a deferred
// delivery's reason in parentheses, as postqueue -p (mailq) lists it under
// a queued message: "(connect to mx.example[192.0.2.1]:25: Connection
// timed out)". Only reasons the SMTP and LMTP clients write in their own
// words count, and the queue manager's fixed ones, so that a remark in
// parentheses is not taken for one. The recipients mailq prints on the
// lines below may follow on the same line, where a copy lost the breaks.
func queueReason(s string) (string, bool) {
	if len(s) < 3 || s[0] != '(' {
		return "", false
	}
	end := len(s) - 1
	if s[end] != ')' {
		i := strings.LastIndex(s, ") ")
		if i < 0 || !queueRecipients(s[i+2:]) {
			return "", false
		}
		end = i
	}
	in := s[1:end]
	return in, clientReason(in) || slices.Contains(qmgrReasons[:], in) || agentReason(in)
}

// queueRecipients tells whether s is only addresses separated by blanks,
// as mailq lists a message's recipients; a stray mark a post adds after
// the last one (a backtick, a comma) is allowed.
func queueRecipients(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		w = strings.TrimRight(w, "`,;")
		local, domain, ok := strings.Cut(w, "@")
		if !ok || local == "" || domain == "" || strings.ContainsAny(domain, "@()[]<>\"") {
			return false
		}
	}
	return true
}

// qmgrReasons are the whole reasons the queue manager defers mail with
// itself (qmgr_transport.c, qmgr_deliver.c): a transport it cannot reach,
// an agent that died mid-delivery.
var qmgrReasons = [...]string{"mail transport unavailable", "unknown mail transport error"}

// agentReasons are whole reasons only this host's local delivery agents
// (local, virtual, pipe) write, in their own words: quoted alone, with no
// "host X said: " before them, they are no remote's reply, and the
// knowledge base reads them as those agents' own.
var agentReasons = [...]string{"mail system configuration error",
	// sysexits texts (global/sys_exits.c) of a command local(8) or
	// pipe(8) ran that printed nothing: a command's setup, never a
	// remote's reply, which the smtp client quotes after "said: ".
	"local configuration error", "internal software error", "command line usage error"}

// agentOpenings start reasons that only this host's local delivery agents
// write, in their own words: an unknown local user (unknown.c), a
// mailbox or maildir they could not write (mailbox.c, maildir.c), a
// forwarding loop (recipient.c), a command that failed (pipe_command.c).
// The smtp and lmtp clients put a remote's reply after "host X said: ",
// never first.
var agentOpenings = [...]string{`unknown user: "`, "cannot update mailbox ", "maildir delivery failed: ",
	"mail forwarding loop for ", "Command died with status ", "Command died with signal ", "Command time limit exceeded: "}

// agentAloneOpenings start reasons of local(8) and virtual(8) shaped
// enough to be read quoted alone, without a record or mailq's
// parentheses around them: each goes on with what only Postfix writes
// there (a quoted user, an absolute mailbox path, the maildir routine's
// words). The mbox lock routine's reason (dot_lockfile.c), which the
// agents put after "cannot update mailbox NAME for user USER. ", is
// quoted from inside as often as whole.
var agentAloneOpenings = [...]string{`unknown user: "`, "cannot update mailbox /", "maildir delivery failed: ",
	"unable to create lock file /"}

// agentReasonAlone tells a reason of agentAloneOpenings with a colon
// after its opening words: the agents end each with an error or a name.
func agentReasonAlone(s string) bool {
	for _, o := range agentAloneOpenings {
		if rest, ok := strings.CutPrefix(s, o); ok {
			return strings.Contains(rest, ": ") || o[len(o)-1] == '"'
		}
	}
	return false
}

// commandOutput joins pipe's and local's words for a command's exit
// status (a sysexits text: "temporary failure", "user unknown") and the
// output of the command that they quote.
const commandOutput = ". Command output: "

// agentReason tells a delivery reason that local, virtual or pipe wrote:
// a whole reason of agentReasons, one that opens as agentOpenings or
// agentAloneOpenings (the mbox lock routine's words from inside one), or an
// exit status in words before commandOutput, with no colon (such as a
// remote's "said: ") before it.
func agentReason(s string) bool {
	if slices.Contains(agentReasons[:], s) || agentReasonAlone(s) {
		return true
	}
	for _, o := range agentOpenings {
		if strings.HasPrefix(s, o) {
			return true
		}
	}
	i := strings.Index(s, commandOutput)
	return i > 0 && !strings.Contains(s[:i], ":")
}

// clientReason tells whether in is a delivery's reason that the SMTP or
// LMTP client writes in its own words: a name service error, a suspended
// destination, a failed connection or session with a peer it names, a
// peer's reply it quotes (also with the peer's [address] cut from a post:
// then its reply code stands for it, as namedHostReply reads it).
func clientReason(in string) bool {
	has := func(prefix string) bool { return strings.HasPrefix(in, prefix) }
	bracket := strings.Contains(in, "[")
	switch {
	case ownWordsReason(in), saslClientReason(in),
		has("delivery temporarily suspended: "),
		bracket && (has("connect to ") || has("lost connection with ") || has("conversation with ")),
		bracket && has("host ") && (strings.Contains(in, "] said: ") || strings.Contains(in, "] refused to talk to me: ")),
		namedHostReply(in):
		return true
	}
	return false
}

// nameServiceError starts the smtp and lmtp clients' reason for a DNS
// lookup that failed (smtp_addr.c); the name looked up follows.
const nameServiceError = "Host or domain name not found. Name service error for name="

// nameServiceSentence is the name service reason's first sentence: tickets
// and bounce summaries often quote it alone, cut before the name.
const nameServiceSentence = "Host or domain name not found"

// tlsClientReasons are the smtp client's whole reasons for a delivery its
// TLS policy stopped, fixed texts that name no peer: a DANE policy the
// destination cannot meet and a policy it cannot use (smtp_tls_policy.c),
// a handshake or a server certificate that failed, TLS it cannot offer
// (smtp_proto.c). Quoted alone, as a bounce or a user's ticket shows
// them, they are still the client's words.
var tlsClientReasons = [...]string{"non DNSSEC destination", "no TLSA records found", "TLSA records unusable",
	"client TLS configuration problem", "Server certificate not verified", "Server certificate not trusted", "Cannot start TLS: handshake failure",
	"TLS is required, but our TLS engine is unavailable", "TLS is required, but unavailable"}

// ownWordsReason tells a reason the SMTP and LMTP clients write whole in
// their own words, naming no peer: a name service error (or its first
// sentence alone), a TLS reason of tlsClientReasons, and a next hop that
// is this host ("mail for DEST loops back to myself", DEST one word: a
// domain, an address or a [host]:port).
func ownWordsReason(s string) bool {
	if strings.HasPrefix(s, nameServiceError) || strings.TrimSuffix(s, ".") == nameServiceSentence ||
		slices.Contains(tlsClientReasons[:], s) {
		return true
	}
	dest, ok := strings.CutPrefix(s, "mail for ")
	if !ok {
		return false
	}
	dest, ok = strings.CutSuffix(dest, " loops back to myself")
	return ok && dest != "" && !strings.ContainsAny(dest, " \t")
}

// saslClientReason tells the smtp client's reason for a login to the next
// hop that failed (smtp_sasl_glue.c): the relay refused it ("SASL
// authentication failed; server X[addr] said: ...") or it could not start
// ("SASL authentication failed; cannot authenticate to server X[addr]:
// ..."). Its own words name the peer, so it reads as a delivery's reason.
func saslClientReason(s string) bool {
	rest, ok := strings.CutPrefix(s, "SASL authentication failed; ")
	if !ok {
		return false
	}
	if peer, ok := strings.CutPrefix(rest, "server "); ok {
		return strings.Contains(peer, "] said: ")
	}
	peer, ok := strings.CutPrefix(rest, "cannot authenticate to server ")
	return ok && strings.Contains(peer, "]: ")
}

// clientTails are how the smtp and lmtp clients end a server's reply they
// quote: the command it answered (smtp_proto.c).
var clientTails = [...]string{"MAIL FROM", "RCPT TO", "DATA", "end of DATA", "BDAT", "EHLO", "HELO", "LHLO",
	"STARTTLS", "XFORWARD", "XCLIENT", "RSET", "QUIT"}

// replyWithClientTail reports whether s is a server's reply that begins
// with its code ("530 ...") or enhanced status code ("5.7.0 ...") and ends
// as the smtp client ends a reply it quotes: "(in reply to CMD command)".
func replyWithClientTail(s string) bool {
	if code3(s) == 0 && !enhancedStatus(s) {
		return false
	}
	i := strings.LastIndex(s, " (in reply to ")
	if i < 0 || !strings.HasSuffix(s, " command)") {
		return false
	}
	cmd := s[i+len(" (in reply to ") : len(s)-len(" command)")]
	return slices.Contains(clientTails[:], cmd)
}

// recordReply returns a server's reply that ends with the smtp client's
// tail (see replyWithClientTail) and then the one closing parenthesis of
// the delivery record it was cut from ("... (in reply to RCPT TO
// command))", the end of "status=deferred (host X said: ...)"), without
// that parenthesis: only when every other parenthesis is matched, so text
// with closings of its own to spare is no such cut.
func recordReply(s string) (string, bool) {
	t, ok := strings.CutSuffix(s, " command))")
	if !ok {
		return "", false
	}
	t += " command)"
	if strings.Count(t, "(") != strings.Count(t, ")") || !replyWithClientTail(t) {
		return "", false
	}
	return t, true
}

// joinedMultilineReply reports whether s is a remote server's multi-line
// refusal as the smtp client logs it, its lines joined by spaces
// (smtp_chat.c): "550-5.7.1 text 550-5.7.1 text 550 5.7.1 text". Every
// line repeats the 4XX or 5XX code, with "-" until the last, which has a
// space; smtpd's own refusals are one line, so the shape is the remote's
// even when the post left out "host X[addr] said: " and the "(in reply
// to ... command)" after it.
func joinedMultilineReply(s string) bool {
	c := code3(s)
	if c < 400 || len(s) < 5 || s[3] != '-' {
		return false
	}
	code := s[:3]
	rest := s[4:]
	for {
		i := strings.Index(rest, " "+code)
		if i < 0 {
			return false
		}
		rest = rest[i+4:]
		switch {
		case strings.HasPrefix(rest, " "):
			return len(strings.TrimSpace(rest)) > 0
		case strings.HasPrefix(rest, "-"):
			rest = rest[1:]
		}
	}
}

// replyCutStart is where a remote server's multi-line reply, joined as
// joinedMultilineReply reads it, begins its first continuation mark
// ("421-4.7.0 ") in s, a quote of it cut inside its first line (before
// that line's code); 0 when s is no such quote. The mark must carry an
// RFC 3463 status, so a phone number ("555-1234") or a date is none.
func replyCutStart(s string) int {
	if code3(s) != 0 {
		return 0
	}
	for i := 0; i+6 < len(s); i++ {
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			return 0
		}
		k := i + j + 1
		if k+5 < len(s) && code3(s[k:]) >= 400 && s[k+3] == '-' && enhancedStatus(s[k+4:]) && joinedMultilineReply(s[k:]) {
			return k
		}
		i = k - 1
	}
	return 0
}

// enhancedStatus reports whether s begins with an RFC 3463 status code
// and a space: class 2, 4 or 5, subject and detail of one to three digits.
func enhancedStatus(s string) bool {
	if len(s) < 6 || s[0] != '2' && s[0] != '4' && s[0] != '5' || s[1] != '.' {
		return false
	}
	rest := s[2:]
	for part := 0; part < 2; part++ {
		n := 0
		for n < len(rest) && n < 4 && isDigit(rest[n]) {
			n++
		}
		if n == 0 || n > 3 || n == len(rest) {
			return false
		}
		sep := byte('.')
		if part == 1 {
			sep = ' '
		}
		if rest[n] != sep {
			return false
		}
		rest = rest[n+1:]
	}
	return true
}

// replyWithEnvelope reports whether s is an SMTP refusal ("553 5.7.1 ...")
// followed by the envelope smtpd logs after a reject's reply ("; from=<"),
// or by what it logs there when the refusal came before the sender (MAIL
// FROM's SIZE over message_size_limit: "; proto=ESMTP helo=<...>"): a
// reply alone has no such tail, and is read only in smtpd's own shape
// (smtpdReply).
func replyWithEnvelope(s string) bool {
	c := code3(s)
	if c < 400 || len(s) <= 4 || !isDigit(s[4]) {
		return false
	}
	for _, tail := range smtpdLogTails {
		if strings.Contains(s, tail) {
			return true
		}
	}
	return false
}

// smtpdLogTails open what smtpd logs after a refusal's reply, the first
// of the session's attributes it knows (smtpd.c, log_whatsup): the
// sender, else the protocol, else the HELO name.
var smtpdLogTails = [...]string{"; from=<", "; proto=", "; helo=<"}

// smtpdReply reports whether s is smtpd's refusal whole, as a client saw
// it in a test session or an error: the reply code, the enhanced status,
// "<address>: " and the restriction's "... rejected: " words
// (smtpd_check.c: "%d %s <%s>: %s rejected: %s"). That shape is smtpd's
// own; a remote's refusal of this host's mail comes in the smtp client's
// "host X[addr] said: " or in a bounce, which are read as deliveries.
func smtpdReply(s string) bool {
	if code3(s) < 400 || len(s) < 4 || s[3] != ' ' || !enhancedStatus(s[4:]) {
		return false
	}
	s = s[strings.IndexByte(s[4:], ' ')+5:]
	if s == "" || s[0] != '<' {
		return false
	}
	i := strings.Index(s, ">: ")
	return i > 0 && !strings.ContainsAny(s[1:i], " <") && rejectClassFirst(s[i+3:])
}

// rblReply reports whether s is the reply reject_rbl_client and its kin
// send, whole, as a client saw it: the code, the enhanced status and
// default_rbl_reply's "Service unavailable; WHAT [NAME] blocked using
// LIST" (smtpd_check.c; postscreen's reply is worded the same). A
// remote's refusal of this host's mail comes in the smtp client's words
// or in a bounce, which are read as deliveries.
func rblReply(s string) bool {
	if code3(s) < 400 || len(s) < 4 || s[3] != ' ' || !enhancedStatus(s[4:]) {
		return false
	}
	s = s[strings.IndexByte(s[4:], ' ')+5:]
	rest, ok := strings.CutPrefix(s, "Service unavailable; ")
	if !ok {
		return false
	}
	open := strings.Index(rest, " [")
	end := strings.Index(rest, "] blocked using")
	if open <= 0 || end <= open || strings.Contains(rest[:open], ";") {
		return false
	}
	tail := rest[end+len("] blocked using"):]
	return tail == "" || tail[0] == ' '
}

// rblReplyCut reports whether s is that reply broken right after
// "blocked using": the list's name, which always follows, is on the next
// line.
func rblReplyCut(s string) bool {
	return strings.HasSuffix(s, "] blocked using") && rblReply(s)
}

// smtpdRejectClasses are the words smtpd_check.c writes before the reason
// of a refusal ("%s rejected: "): what the restriction checked.
var smtpdRejectClasses = [...]string{"Client host rejected: ", "Helo command rejected: ",
	"Sender address rejected: ", "Recipient address rejected: ", "Data command rejected: ",
	"Etrn command rejected: "}

// rejectReasonCut reports whether s is smtpd's refusal quoted without its
// codes: "<address>: " (where the restriction names one) and the
// restriction's "... rejected: " words, up to the envelope the log line
// goes on with, "; from=<", or the ";" a copy stopped at. Without that
// mark, words that name a refusal are prose.
func rejectReasonCut(s string) bool {
	if s != "" && s[0] == '<' {
		i := strings.Index(s, ">: ")
		if i < 0 || strings.ContainsAny(s[1:i], " <") {
			return false
		}
		s = s[i+3:]
	}
	return rejectClassFirst(s) && (strings.Contains(s, "; from=<") || strings.HasSuffix(s, ";"))
}

// rejectClassFirst reports whether s begins with one of smtpd's
// restriction words ("Recipient address rejected: ").
func rejectClassFirst(s string) bool {
	for _, c := range smtpdRejectClasses {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// noticeReason reads a paragraph of a bounce or delay notice (bounce(8))
// that says why a recipient failed: "<rcpt>: " (or, where a post dropped
// the angle brackets, the bare address; an "(expanded from <...>)" may
// follow it) and the SMTP client's reason, "host X[addr] said: ..." or
// "host X[addr] refused to talk to me: ...". A post may begin the
// paragraph at the reason, or at the server's name where the notice
// wrapped "host" onto the line before. It returns the recipient ("" when
// none) and the reason in the client's words, "host " first.
func noticeReason(s string) (rcpt, reason string, ok bool) {
	if a, rest, found := noticeRecipient(s); found {
		rcpt, s = a, rest
	}
	s = strings.TrimPrefix(s, "host ")
	open := strings.IndexByte(s, '[')
	if open <= 0 || !noticeHostName(s[:open]) {
		return "", "", false
	}
	end := strings.IndexByte(s[open:], ']')
	if end < 0 {
		return "", "", false
	}
	tail := s[open+end+1:]
	if !strings.HasPrefix(tail, " said:") && !strings.HasPrefix(tail, " refused to talk to me:") {
		return "", "", false
	}
	return rcpt, "host " + s, true
}

// replyReason tells the smtp client's record of a server's reply after
// the greeting ("host X[addr] said: " and a 4xx or 5xx code): a
// greeting refusal ("refused to talk to me") may be followed by a try at
// the next MX whatever its code (smtp_skip_5xx_greeting).
func replyReason(reason string) bool {
	i := strings.Index(reason, "] said: ")
	c := 0
	if i >= 0 {
		c = code3(reason[i+len("] said: "):])
	}
	return c >= 400 && c < 600
}

// noticeRecipient reads a notice paragraph's recipient and returns the
// text after its colon.
func noticeRecipient(s string) (addr, rest string, ok bool) {
	i := strings.Index(s, ": ")
	if i <= 0 {
		return "", "", false
	}
	head := s[:i]
	if j := strings.Index(head, " (expanded from <"); j > 0 && strings.HasSuffix(head, ">)") {
		head = head[:j]
	}
	if len(head) > 2 && head[0] == '<' && head[len(head)-1] == '>' {
		head = head[1 : len(head)-1]
	}
	if !strings.Contains(head, "@") || strings.ContainsAny(head, " <>[]()\t") {
		return "", "", false
	}
	return head, s[i+2:], true
}

// noticeHostName tells a server's name as the client writes it before its
// address: letters, digits, dots and hyphens, with a dot among them (a
// post may mask letters with ? or *).
func noticeHostName(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dot = true
		case isDigit(c), 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '-', c == '_', c == '?', c == '*':
		default:
			return false
		}
	}
	return dot
}
