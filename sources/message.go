package sources

import (
	"strings"
)

// emptyRecipient opens a delivery record whose "<address>" a web page
// dropped as an HTML tag; only a status Postfix writes makes it one.
const emptyRecipient = "to=,"

// hiddenRecipients are the recipient field of a delivery record as a web
// page's email protection leaves it: the text it shows, with a plain or
// a no-break space, then the field's comma.
var hiddenRecipients = [...]string{"[email protected],", "[email\u00a0protected],"}

// emptySender opens a qmgr record whose sender's "<address>" a web page
// dropped in the same way.
const emptySender = "from=,"

// parseMessage reads the text after a Postfix tag: severity, queue id, and
// then the shape the daemon logs.
func parseMessage(s string, r *Record) {
	if len(s) > 0 && sevFirstByte[s[0]] {
		switch {
		case hasPrefix(s, "warning: "):
			r.Severity, s = SevWarning, s[len("warning: "):]
		case hasPrefix(s, "error: "):
			r.Severity, s = SevError, s[len("error: "):]
		case hasPrefix(s, "fatal: "):
			r.Severity, s = SevFatal, s[len("fatal: "):]
		case hasPrefix(s, "panic: "):
			r.Severity, s = SevPanic, s[len("panic: "):]
		}
	}
	if len(s) > 0 && elisionFirstByte[s[0]] {
		if n := elisionLen(s); n > 0 && n < len(s) {
			s = s[n:] // a writer cut the queue id out: Postfix writes no such mark
		}
	}
	if id, rest, ok := queueID(s); ok {
		r.QueueID, s = id, rest
		// cleanup logs "QID: warning: header ..." after the id.
		if r.Severity == SevInfo && hasPrefix(s, "warning: ") {
			r.Severity, s = SevWarning, s[len("warning: "):]
		}
	}
	r.Message = s

	// A page behind Cloudflare's email protection shows an address as
	// "[email protected]", and where it took the "to=<" before it too,
	// in place of the whole field: read as the field with its address
	// gone.
	if len(s) > 0 && s[0] == '[' { // one byte spares every other line the loop
		for _, hidden := range hiddenRecipients {
			if hasPrefix(s, hidden) {
				s = emptyRecipient + s[len(hidden):]
				break
			}
		}
	}

	// A web page that took "<address>" for a tag leaves "to=, relay=...",
	// or "to=,[]:25" where it took the relay's name too: still the
	// delivery record, with its address gone (Postfix writes "to=<"),
	// when its status is one Postfix writes.
	if hasPrefix(s, "to=<") || hasPrefix(s, emptyRecipient) {
		if r.QueueID != "" && s[3] == '<' {
			parseDelivery(s, r)
			return
		}
		// A delivery record whose queue id a paste left out after the
		// tag, or whose address a page dropped: as for a bare one, a
		// status Postfix writes makes it one.
		t := *r
		parseDelivery(s, &t)
		if t.Status != StatusNone && t.Status != StatusOther {
			*r = t
			return
		}
	}
	if len(s) > 0 && tlsFirstByte[s[0]] && isTLSLine(s, r) {
		if r.Class != ClassNone {
			applyKnown(s, r) // a TLS failure, not a session line
		}
		return
	}
	switch r.Daemon {
	case "smtpd", "submission", "smtps", "qmqpd":
		parseSmtpd(s, r)
	case "smtp", "lmtp":
		parseSmtpClient(s, r)
	case "tlsproxy":
		if hasPrefix(s, "CONNECT from ") {
			r.Event = EvConnect
			r.ClientIP = bracketed(s)
		} else if hasPrefix(s, "DISCONNECT ") {
			r.Event = EvDisconnect
			r.ClientIP = bracketed(s)
		}
	case "qmgr", "oqmgr":
		parseQmgr(s, r)
	case "master":
		parseMaster(s, r)
	case "postscreen", "dnsblog":
		parsePostscreen(s, r)
	case "anvil":
		parseAnvil(s, r)
	case "cleanup":
		parseCleanup(s, r)
	case "pickup":
		if hasPrefix(s, "uid=") {
			r.Event = EvPickup
			if i := strings.Index(s, "from=<"); i >= 0 {
				r.From, _ = address(s[i+len("from="):])
			}
		}
	case "bounce", "defer", "trace":
		if strings.Contains(s, " notification: ") {
			r.Event = EvBounce
		}
	case "postsuper":
		r.Event = EvQueueAdmin
	case "postfix-script", "postfix", "postlogd", "postmulti":
		r.Event = EvMaster
	case "scache", "tlsmgr", "verify", "proxymap", "trivial-rewrite":
		if hasPrefix(s, "statistics:") || hasPrefix(s, "cache ") {
			r.Event = EvStatistics
		}
	}
	if r.Event == EvUnknown && r.Severity == SevInfo {
		switch {
		case hasPrefix(s, "discarding EHLO keywords"), hasPrefix(s, "proxy-accept: "),
			hasPrefix(s, "enabling PIX workarounds"):
			r.Event = EvSession
		case hasPrefix(s, "proxy-reject: "):
			r.Event = EvReject
		case hasPrefix(s, "table ") && strings.Contains(s, "has changed -- restarting"):
			r.Event = EvMaster
		}
	}
	// postscreen's own notice (respectful_logging) names the client after
	// the parameter; the lines that quote a client start otherwise.
	if (r.Event == EvUnknown || r.Event == EvMaster ||
		r.Event == EvPostscreen && r.Severity == SevInfo && hasPrefix(s, "using backwards-compatible ")) && isCompat(s, r) {
		return
	}
	// The knowledge base reads what the admin acts on: warnings and
	// worse, rejects (postscreen's, and its end of a session that broke a
	// command limit or failed a protocol test), dnsblog's report of a
	// DNSBL's answer (an error code there is the list refusing this host's
	// resolver, not a listing), and lines no daemon parser claimed.
	own, quoted := clientQuote(s, r)
	if quoted {
		applyKnown(own, r)
	} else if r.Severity != SevInfo || r.Event == EvReject || r.Event == EvUnknown ||
		r.Event == EvPostscreen && (r.QueueID == "NOQUEUE" || hasPrefix(s, "reject: ") ||
			r.Daemon == "dnsblog" && hasPrefix(s, "addr ")) {
		applyKnown(s, r)
	}
	if r.Event == EvUnknown && r.Severity != SevInfo {
		r.Event = EvWarning
	}
	if r.Event == EvWarning || (r.Severity != SevInfo && r.Class == ClassNone) {
		if r.Class == ClassNone && !(quoted && r.Known != 0) {
			r.Class = Classify(own)
		}
		if r.Reason == "" {
			r.Reason = own
		}
	}
}

// clientQuote returns s cut after the client it names, and true, for the
// messages that go on to quote what the client sent: postscreen's
// protocol tests and command limits, smtpd's non-SMTP command; and s cut
// before the header or body line that cleanup's content checks quote.
// The client's words are not Postfix's and must not choose an entry or a
// class.
func clientQuote(s string, r *Record) (string, bool) {
	switch {
	case r.Event == EvPostscreen && r.Severity == SevInfo && postscreenTest(s):
		return postscreenOwnWords(s), true
	case hasPrefix(s, nonSMTPCommand):
		return clientOwnWords(s), true
	case r.Daemon == "cleanup" || r.Daemon == "":
		if n, ok := contentCheck(s); ok {
			return s[:n], true
		}
	}
	return s, false
}

// nonSMTPCommand starts smtpd's "non-SMTP command from CLIENT: TEXT"
// (smtpd.c): TEXT is what the client sent.
const nonSMTPCommand = "non-SMTP command from "

// clientOwnWords cuts s after the first "]": smtpd's client,
// name[address], ends there, and a host name holds no ']'.
func clientOwnWords(s string) string {
	if i := strings.IndexByte(s, ']'); i >= 0 {
		return s[:i+1]
	}
	return s
}

// applyKnown looks the message up in the knowledge base and, when an entry
// matches, records it and takes its class.
func applyKnown(s string, r *Record) {
	k := matchKnownLine(s, r.Daemon, r.SyslogName, r.ClientName, r.ClientIP)
	if k == 0 {
		return
	}
	if kn := &KnownMessages[k-1]; kn.TempReply != "" || len(kn.ReplyAlt) > 0 {
		// Only such an entry reads the quoted reply: every other match
		// skips the scan for it.
		k = knownForReply(k, replyCode(s), s)
	}
	r.Known = k
	// A reject is policy, not an error, unless the entry says our side is
	// broken (an open-resolver DNSBL answer, a failing table).
	if kn := &KnownMessages[k-1]; !(kn.Calm && (r.Event == EvReject || r.Event == EvPostscreen)) {
		r.Class = kn.Class
	}
	if r.Reason == "" {
		r.Reason = s
	}
	if r.Event == EvUnknown {
		r.Event = EvWarning
	}
}

// isCompat recognises "using backwards-compatible default setting X=Y"
// (any daemon) and postfix(1)'s "... backwards-compatible default settings".
// It runs only on lines no daemon parser claimed, to keep the scan off the
// hot path.
func isCompat(s string, r *Record) bool {
	i := strings.Index(s, "backwards-compatible default setting")
	if i < 0 {
		return false
	}
	r.Event = EvCompat
	r.Class = ClassNone
	p := s[i+len("backwards-compatible default setting"):]
	if hasPrefix(p, " ") {
		// smtpd quotes its relay restrictions' notice whole:
		// "smtpd_relay_restrictions = (empty)".
		p = strings.TrimPrefix(p[1:], `"`)
		if j := strings.IndexAny(p, "= "); j > 0 {
			r.Param = p[:j]
		}
	}
	return true
}

// queueID reads a leading "ID: " where ID looks like a Postfix queue id:
// short hex (3DA26C026B) or long (4Xb2Kq1yQz), at least one digit and one
// upper-case letter, or NOQUEUE.
func queueID(s string) (string, string, bool) {
	end := -1
	var kinds uint8 // idDigit | idUpper | idLower seen
	head := s       // the id and its colon lie in the first 24 bytes
	if len(head) > 24 {
		head = head[:24]
	}
	for i := 0; i < len(head); i++ {
		k := idByte[head[i]]
		if k == 0 {
			if head[i] == ':' {
				end = i
			}
			break
		}
		kinds |= k
	}
	if end < 5 || end+1 >= len(s) || s[end+1] != ' ' {
		return "", s, false
	}
	id := s[:end]
	if id == "NOQUEUE" {
		return id, s[end+2:], true
	}
	// Anonymised logs use ids like BABABABABA or 989143012026; plain
	// lower-case words ("reject:", "statistics:") are never ids, nor is
	// a word of both cases without a digit.
	if kinds&idDigit == 0 && (kinds&idUpper == 0 || kinds&idLower != 0) {
		return "", s, false
	}
	return id, s[end+2:], true
}

const (
	idDigit = 1 << iota
	idUpper
	idLower
)

// idByte classes the bytes a queue id may hold; zero for any other.
var idByte = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = idDigit
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = idUpper
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = idLower
	}
	return t
}()

// sevFirstByte holds the first bytes of "warning: ", "error: ", "fatal: "
// and "panic: ", so most messages skip the four prefix tests.
var sevFirstByte = [256]bool{'w': true, 'e': true, 'f': true, 'p': true}

// field returns the text after key up to the next ", " (or the end).
func field(s, key string) string {
	i := strings.Index(s, key)
	if i < 0 {
		return ""
	}
	v := s[i+len(key):]
	if j := strings.Index(v, ", "); j >= 0 {
		v = v[:j]
	}
	return v
}

// hasPrefix is strings.HasPrefix for the parser's constant prefixes: it
// tests the first byte before comparing the rest, since most of these
// tests fail there and the comparison of a longer prefix is a call.
func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && (len(prefix) == 0 || s[0] == prefix[0]) && s[:len(prefix)] == prefix
}

// deliveryFields are the field names of a delivery record.
var deliveryFields = [...]string{"to", "orig_to", "relay", "conn_use", "delay", "delays", "tls", "dsn", "status"}

// wrappedField reads a field name that a terminal's line wrap broke with
// its padding ("st      atus" in a paste) as the name it was; any other
// text stays what it is.
func wrappedField(key string) string {
	for _, f := range deliveryFields {
		if equalSkippingBlanks(key, f) {
			return f
		}
	}
	return key
}

// hasBlank is strings.ContainsAny(s, " \t") for a field name of a few
// bytes, read on every field of every delivery record: without building
// ContainsAny's set, which cost a sent record 30% more time.
func hasBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' {
			return true
		}
	}
	return false
}

// equalSkippingBlanks says whether s is want with spaces or tabs inside.
func equalSkippingBlanks(s, want string) bool {
	j := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' {
			continue
		}
		if j == len(want) || c != want[j] {
			return false
		}
		j++
	}
	return j == len(want)
}

// parseDelivery reads log_adhoc.c's record:
// to=<%s>[, orig_to=<%s>], relay=%s[, conn_use=%d], delay=%s, delays=%s/%s/%s/%s[, tls=%s], dsn=%s, status=%s (%s)
func parseDelivery(s string, r *Record) {
	r.Event = EvDelivery
	for len(s) > 0 {
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			break
		}
		key := s[:eq]
		if elisionFirstByte[key[0]] {
			key = key[elisionLen(key):] // a writer cut fields out before this one
		}
		if hasBlank(key) {
			key = wrappedField(key)
		}
		s = s[eq+1:]
		var val string
		if len(s) > 0 && s[0] == '<' {
			// Addresses may hold ", ", and a quoted local part any
			// text: read to the closing '>'.
			if j := addressEnd(s); j < 0 {
				val, s = s[1:], ""
			} else {
				val, s = s[1:j], s[j+1:]
			}
		} else if key == "status" {
			j := strings.IndexByte(s, ' ')
			if j < 0 {
				val, s = s, ""
			} else {
				val, s = s[:j], s[j+1:]
			}
			r.Status = parseStatus(val)
			if hasPrefix(s, "(") {
				reason := s[1:]
				// The record ends with the reason's ")". A paste cut
				// before it leaves the reason's own parentheses
				// balanced: keep the reason to its end then, not to a
				// ")" inside the reply.
				if k := strings.LastIndexByte(reason, ')'); k >= 0 &&
					(k == len(reason)-1 || strings.Count(reason, "(") < strings.Count(reason, ")")) {
					reason = reason[:k]
				}
				r.Reason = reason
			}
			break
		} else {
			j := commaSpace(s)
			if j < 0 {
				val, s = s, ""
			} else {
				val, s = s[:j], s[j:]
			}
		}
		if len(s) >= 2 && s[0] == ',' && s[1] == ' ' {
			s = s[2:]
		}
		switch key {
		case "to":
			if hasPrefix(val, ",") {
				val = "" // a page ate the address and what followed it
			}
			r.To = val
			if at := strings.LastIndexByte(val, '@'); at >= 0 {
				r.Domain = val[at+1:]
			}
		case "orig_to":
			r.OrigTo = val
		case "relay":
			r.Relay = val
			if val != "none" {
				name, ip, rest := splitHostIP(val)
				if n := len(name); n > 0 && name[n-1] == ' ' {
					// A record rejoined where a page broke it before
					// "[address]": a relay's name holds no blank.
					name = strings.TrimRight(name, " ")
				}
				r.RelayHost, r.RelayIP = name, ip
				if hasPrefix(rest, ":") {
					r.RelayPort, _ = atoi(rest[1:])
				}
			}
		case "conn_use":
			r.ConnUse, _ = atoi(val)
		case "delay":
			r.Delay = parseFloat(val)
		case "delays":
			for k := 0; k < 4; k++ {
				// Most are short: read without a search for '/'.
				if f, n := shortFloat(val); n > 0 && (n == len(val) || val[n] == '/') {
					r.Delays[k] = f
					if n == len(val) {
						break
					}
					val = val[n+1:]
					continue
				}
				j := 0
				for j < len(val) && val[j] != '/' {
					j++
				}
				if j == len(val) {
					r.Delays[k] = parseFloat(val)
					break
				}
				r.Delays[k] = parseFloat(val[:j])
				val = val[j+1:]
			}
		case "tls":
			r.TLS = val
		case "dsn":
			r.DSN = val
		}
	}
	if r.Status == StatusNone {
		// A record that ends mid-line: keep what was read.
		if r.Reason == "" {
			r.Reason = "truncated delivery record"
		}
		return
	}
	r.Code = replyCode(r.Reason)
	if hasPrefix(r.Reason, suspendedPrefix) {
		r.Suspended = true
	}
	if r.Status != StatusSent && r.Status != StatusOther {
		r.Class = Classify(r.Reason)
		k := uint16(0)
		switch {
		case r.Daemon == "error" && r.Suspended && clientReason(r.Reason[len(suspendedPrefix):]):
			// error(8) defers a suspended destination's mail with the
			// reason of the delivery that failed: in the smtp or lmtp
			// client's words, read as that client's record reads them.
			k = MatchClientReason(r.Reason[len(suspendedPrefix):])
		case ownDeliveryAgent(r.Daemon), r.Daemon == "qmgr", r.Daemon == "oqmgr":
			// Our own agents' reasons are this host's words, and so
			// are the queue manager's when it defers a transport's
			// mail itself (qmgrReasons): the knowledge base reads them
			// as it reads warnings.
			k = MatchKnown(r.Reason)
			if k != 0 && KnownMessages[k-1].Command {
				// Dovecot's LDA says in its output what failed.
				if d := dovecotCommandOutput(r.Reason); d != 0 {
					k = d
				}
			}
		case r.Daemon == "lmtp":
			// LMTP's replies come from this site's mailbox server: the
			// entries written for them read them.
			k = MatchAgentReason("lmtp", r.Reason)
			if k == 0 {
				k = MatchClientReason(r.Reason)
			}
		case r.Daemon == "smtp", r.Daemon == "":
			// The smtp client's reasons quote remote servers: only the
			// entries for its own words (a DNS lookup's error) read them.
			// A record pasted without its program is read the same way:
			// those words are the smtp and lmtp clients' alone; a reason
			// in words only the local agents write is theirs (agentReason).
			k = MatchClientReason(r.Reason)
			if k == 0 && r.Daemon == "" && agentReason(r.Reason) {
				k = MatchKnown(r.Reason)
			}
		}
		if k != 0 {
			k = knownForReply(k, r.Code, r.Reason)
			r.Known = k
			r.Class = KnownMessages[k-1].Class
		}
		// Our own smtp saying the next hop is this host; a remote reply
		// quoting the same words is the remote's configuration.
		if hasPrefix(r.Reason, "mail for ") && strings.HasSuffix(r.Reason, "loops back to myself") {
			r.Class = ClassConfigError
		}
		// An MX lookup for a name of one label: no mail domain on the
		// Internet, so the name came from this host's configuration,
		// and the resolver's answer says nothing about the resolver.
		if oneLabelMX(r.Reason) || ownNameNotFound(r) {
			r.Class, r.Known = ClassConfigError, 0
		}
		// A table rewrote the recipient (orig_to) into an aliases(5)
		// "| command" or "/file" value: such a value is a delivery
		// instruction only in alias_maps, which local(8) expands; from
		// virtual_alias_maps, canonical_maps or a list manager's alias
		// file used as a virtual table it is an address that no agent
		// can deliver to, whatever the agent then says.
		if r.OrigTo != "" && r.OrigTo != r.To && commandAddress(r.To) && !commandAddress(r.OrigTo) {
			r.Class, r.Known = ClassConfigError, 0
		}
	}
}

// commandAddress tells an address whose local part, quoted or not, is an
// aliases(5) command ("|...") or file name ("/...").
func commandAddress(addr string) bool {
	if addr == "" {
		return false
	}
	if addr[0] == '"' {
		addr = addr[1:]
	}
	return addr != "" && (addr[0] == '|' || addr[0] == '/')
}

// oneLabelMX tells a reason in the client's own words that an MX lookup
// failed for a name without a dot: "Host or domain name not found. Name
// service error for name=relay type=MX: ...".
func oneLabelMX(reason string) bool {
	rest, ok := strings.CutPrefix(reason, nameServiceError)
	if !ok {
		return false
	}
	name, after, ok := strings.Cut(rest, " type=")
	name = strings.TrimSuffix(name, ".")
	return ok && name != "" && strings.HasPrefix(after, "MX:") && !strings.ContainsAny(name, ". \t")
}

// ownNameNotFound tells a delivery to a local name written without a
// domain (orig_to=<root>), which Postfix qualified with $myorigin
// (append_at_myorigin) and then sent out because that domain is not in
// mydestination, failing because the DNS says the qualified name does not
// exist ("Host not found", not "try again"): the name is this host's own,
// from its configuration, and the resolver answered.
func ownNameNotFound(r *Record) bool {
	if r.OrigTo == "" || strings.ContainsAny(r.OrigTo, "@|/\"") {
		return false
	}
	at := strings.LastIndexByte(r.To, '@')
	if at <= 0 || !strings.HasPrefix(r.To, r.OrigTo+"@") {
		return false
	}
	rest, ok := strings.CutPrefix(r.Reason, nameServiceError)
	if !ok {
		return false
	}
	name, after, ok := strings.Cut(rest, " type=")
	if !ok || !strings.EqualFold(strings.TrimSuffix(name, "."), r.To[at+1:]) {
		return false
	}
	_, answer, ok := strings.Cut(after, ": ")
	return ok && answer == "Host not found"
}

// angleEnd returns the index of the '>' closing the address that s opens
// with ('<' first) before a field: the first ">, " outside a quoted local
// part, or -1.
func angleEnd(s string) int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return -1
		}
		i += j
		if i+2 < len(s) && s[i+1] == ',' && s[i+2] == ' ' {
			if strings.IndexByte(s[:i], '"') >= 0 {
				// Off the common path: this one may be quoted.
				first, _ := quotedEnd(s)
				return first
			}
			return i
		}
		i++
	}
}

// addressEnd is angleEnd for an address that may also end the text: with
// no ">, ", the last '>' outside a quoted local part. It is -1 when s
// holds no such '>' or a quote in it does not close (the line was cut
// inside it): all of s is then the address.
func addressEnd(s string) int {
	if j := angleEnd(s); j >= 0 {
		return j
	}
	if strings.IndexByte(s, '"') < 0 {
		return strings.LastIndexByte(s, '>')
	}
	_, last := quotedEnd(s)
	return last
}

// address splits s, which opens with an address's '<', into the address
// and what follows its closing '>' (see addressEnd).
func address(s string) (addr, rest string) {
	if j := addressEnd(s); j >= 0 {
		return s[1:j], s[j+1:]
	}
	return s[1:], ""
}

// StatusWord returns the word of the status field of msg, a delivery
// record's message ("to=<...>, ..., status=undeliverable (...)"), which
// Record.Status keeps only for the statuses it names; "" without one. It
// is read after the addresses, which may hold the same words.
func StatusWord(msg string) string {
	_, rest, ok := strings.Cut(pastAddresses(msg), " status=")
	if !ok {
		return ""
	}
	word, _, _ := strings.Cut(rest, " ")
	return word
}

// quotedEnd reads the address that s opens with ('<' first) as RFC 5321
// writes one and Postfix logs it: a quoted string, which opens the local
// part or follows a '.' in it, may hold '>' and ", ", and a backslash in
// it escapes the next byte. It returns the first ">, " outside the quotes
// (and last with it), or else -1 and the last '>' outside them; -1 for
// both when a quote does not close.
func quotedEnd(s string) (first, last int) {
	last = -1
	local := true // before the '@' of the domain
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' && local && (i == 1 || s[i-1] == '.'):
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
			if i >= len(s) {
				return -1, -1
			}
		case c == '@':
			local = false
		case c == '>':
			if i+2 < len(s) && s[i+1] == ',' && s[i+2] == ' ' {
				return i, i
			}
			last = i
		}
	}
	return -1, last
}

// commaSpace returns the index of the first ", " in s, or -1: in a line
// of few commas, sooner than the general search for two bytes.
func commaSpace(s string) int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], ',')
		if j < 0 {
			return -1
		}
		i += j
		if i+1 < len(s) && s[i+1] == ' ' {
			return i
		}
		i++
	}
}

// elisionFirstByte holds the bytes an elision mark opens with: '[', '.'
// and 0xe2, the ellipsis' first byte in UTF-8. Every record's message and
// each of a delivery's field names is tested; most open with none of them.
var elisionFirstByte = [256]bool{'[': true, '.': true, 0xe2: true}

// elisionLen returns the length of the elision mark that opens s and the
// blank after it: "[...]", "[\u2026]", three or more full stops or an
// ellipsis, as a writer puts them where a paste cuts out a queue id or a
// record's fields; 0 when s opens with none. Postfix writes no such mark
// before a queue id or a field name.
func elisionLen(s string) int {
	if s == "" || !elisionFirstByte[s[0]] {
		return 0
	}
	n := 0
	switch {
	case hasPrefix(s, "[...]"):
		n = len("[...]")
	case hasPrefix(s, "[\u2026]"):
		n = len("[\u2026]")
	default:
		n = ellipsisLen(s)
	}
	if n == 0 || n >= len(s) || s[n] != ' ' {
		return 0
	}
	return n + 1
}

// ownDeliveryAgent tells the delivery agents whose failure reasons this
// host writes, not a remote server: local, virtual and pipe, and error,
// which gives the reason trivial-rewrite or the transport table chose.
// suspendedPrefix opens the reason the queue manager gives the mail of a
// destination it suspended (qmgr_deliver.c), which error(8) logs: the
// reason of the delivery that failed follows.
const suspendedPrefix = "delivery temporarily suspended: "

func ownDeliveryAgent(daemon string) bool {
	return daemon == "local" || daemon == "virtual" || daemon == "pipe" || daemon == "error"
}

func parseStatus(v string) Status {
	switch v {
	case "sent":
		return StatusSent
	case "deferred":
		return StatusDeferred
	case "bounced":
		return StatusBounced
	case "expired":
		return StatusExpired
	}
	return StatusOther
}

// replyCode finds the SMTP reply code of a reason: after "said: " or
// "refused to talk to me: ", or at its start.
func replyCode(reason string) int {
	// Both keys end in ": ": one scan over the colons finds the first of
	// each, which is what is read.
	said, talk := -1, -1
	for i := 0; ; {
		j := strings.IndexByte(reason[i:], ':')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(reason) && reason[i+1] == ' ' {
			if said < 0 && strings.HasSuffix(reason[:i], "said") {
				said = i + 2
				if c := code3(reason[said:]); c > 0 {
					return c
				}
			}
			if talk < 0 && strings.HasSuffix(reason[:i], "talk to me") {
				talk = i + 2
			}
		}
		i++
	}
	if talk >= 0 {
		if c := code3(reason[talk:]); c > 0 {
			return c
		}
	}
	return code3(reason)
}

func code3(s string) int {
	if len(s) >= 3 && '2' <= s[0] && s[0] <= '5' && isDigit(s[1]) && isDigit(s[2]) &&
		(len(s) == 3 || s[3] == ' ' || s[3] == '-') {
		return int(s[0]-'0')*100 + int(s[1]-'0')*10 + int(s[2]-'0')
	}
	return 0
}

// tlsFirstByte holds the first bytes of the lines isTLSLine knows, so most
// lines skip it with one lookup.
var tlsFirstByte = [256]bool{'A': true, 'T': true, 'U': true, 'V': true, 'S': true, 'c': true, 's': true}

// isTLSLine recognises "<Trust> TLS connection established|reused to|from ..."
// and the client's TLS failures that carry no queue id.
func isTLSLine(s string, r *Record) bool {
	if i := tlsTrustPrefix(s); i > 0 && hasPrefix(s[i:], "TLS connection ") {
		rest := s[i+len("TLS connection "):]
		if hasPrefix(rest, "established ") || hasPrefix(rest, "reused ") {
			r.Event = EvTLS
			if j := strings.IndexByte(rest, ' '); j >= 0 {
				peer := rest[j+1:]
				outbound := false
				switch {
				case hasPrefix(peer, "to "):
					outbound, peer = true, peer[len("to "):]
				case peer == "to": // a line cut after "to" names no peer
					outbound, peer = true, ""
				case hasPrefix(peer, "from "):
					peer = peer[len("from "):]
				case peer == "from":
					peer = ""
				}
				if k := strings.IndexByte(peer, ':'); k >= 0 {
					peer = peer[:k]
				}
				if outbound && r.Daemon != "smtpd" {
					r.RelayHost, r.RelayIP, _ = splitHostIP(peer)
				} else {
					r.ClientName, r.ClientIP, _ = splitHostIP(peer)
				}
			}
			return true
		}
	}
	if hasPrefix(s, "SSL_connect error to ") || hasPrefix(s, "certificate verification failed for ") ||
		hasPrefix(s, "SSL_accept error from ") || hasPrefix(s, "setting up TLS connection") ||
		hasPrefix(s, "server certificate verification failed") {
		r.Event = EvTLS
		if !hasPrefix(s, "setting up") {
			r.Class = ClassTLS
			r.Reason = s
		}
		return true
	}
	return false
}

// tlsTrustPrefix returns the length of a leading "Anonymous ", "Trusted ",
// "Untrusted " or "Verified ", or 0.
func tlsTrustPrefix(s string) int {
	if len(s) == 0 {
		return 0
	}
	var p string
	switch s[0] {
	case 'A':
		p = "Anonymous "
	case 'T':
		p = "Trusted "
	case 'U':
		p = "Untrusted "
	case 'V':
		p = "Verified "
	default:
		return 0
	}
	if hasPrefix(s, p) {
		return len(p)
	}
	return 0
}

func parseSmtpd(s string, r *Record) {
	switch {
	case hasPrefix(s, "connect from "):
		r.Event = EvConnect
		r.ClientName, r.ClientIP, _ = splitHostIP(s[len("connect from "):])
	case hasPrefix(s, "disconnect from "):
		r.Event = EvDisconnect
		var rest string
		r.ClientName, r.ClientIP, rest = splitHostIP(s[len("disconnect from "):])
		if i := strings.Index(rest, "commands="); i >= 0 {
			r.Commands, _ = leadingInt(rest[i+len("commands="):])
		}
		if i := strings.Index(rest, " auth="); i >= 0 && i+len(" auth=") < len(rest) {
			switch n := rest[i+len(" auth="):]; {
			case n[0] >= '1' && n[0] <= '9':
				r.AuthOK = true
			case strings.HasPrefix(n, "0/"):
				// Every AUTH of the session failed: where smtpd offers
				// no AUTH it logs no SASL warning, and this is the only
				// trace.
				applyKnown(s, r)
			}
		}
	case hasPrefix(s, nonSMTPCommand):
		r.Event = EvWarning
		r.ClientName, r.ClientIP, _ = splitHostIP(s[len(nonSMTPCommand):])
	case r.QueueID == "NOQUEUE" && !sessionEnd(s) || hasPrefix(s, "reject: ") || hasPrefix(s, "milter-reject: "):
		r.Event = EvReject
		if i := strings.Index(s, " from "); i >= 0 {
			r.ClientName, r.ClientIP, _ = splitHostIP(s[i+len(" from "):])
		}
		r.Code = code3(afterColonSpace(s, " from "))
	case hasPrefix(s, "client="):
		r.Event = EvClient
		// field(s, "client="), whose first match is the one at the start.
		v := s[len("client="):]
		if j := commaSpace(v); j >= 0 {
			v = v[:j]
		}
		r.ClientName, r.ClientIP, _ = splitHostIP(v)
		if j := strings.Index(s, ", sasl_username="); j >= 0 {
			r.SASLUser = field(s[j:], "sasl_username=")
		}
	case hasPrefix(s, "lost connection after "), hasPrefix(s, "timeout after "),
		// "too many errors after DATA from", "improper command pipelining after CONNECT from", ...
		strings.Contains(s, " after ") && strings.Contains(s, " from "):
		r.Event = EvLostConn
		// A session that ends so reads the knowledge base in Postfix's
		// words only: what follows the client is the client's own text.
		applyKnown(clientAfterFrom(s, r), r)
	case strings.Contains(s, "SASL ") && strings.Contains(s, "authentication failed"):
		r.Event = EvSASL
		r.ClientName, r.ClientIP, _ = splitHostIP(s)
	case hasPrefix(s, "Anonymous TLS"), hasPrefix(s, "Trusted TLS"), hasPrefix(s, "Untrusted TLS"):
		r.Event = EvTLS
	case r.Severity != SevInfo:
		r.Event = EvWarning
		r.Class = Classify(s)
		if hasPrefix(s, illegalAddressFrom) {
			// "Illegal address syntax from name[ip] in MAIL command: ...":
			// the client, so that one of this host's own is told apart.
			r.ClientName, r.ClientIP, _ = splitHostIP(s[len(illegalAddressFrom):])
		}
		if r.Class == ClassInboundConnLimit || r.Class == ClassInboundRateLimit {
			// "Connection concurrency limit exceeded: 51 from name[ip] for service smtp"
			if i := strings.Index(s, "exceeded: "); i >= 0 {
				r.Count, _ = leadingInt(s[i+len("exceeded: "):])
			}
			if i := strings.Index(s, " from "); i >= 0 {
				r.ClientName, r.ClientIP, _ = splitHostIP(s[i+len(" from "):])
			}
			if i := strings.LastIndex(s, " for service "); i >= 0 {
				r.Service = s[i+len(" for service "):]
			}
			if l := anvilLimitOf(s); l != nil {
				r.Param = l.Param
			}
		}
	}
}

// illegalAddressFrom starts smtpd's warning of a MAIL FROM or RCPT TO
// address it cannot parse (smtpd.c), before the client.
const illegalAddressFrom = "Illegal address syntax from "

// sessionEnd tells smtpd's message for a session that ended abnormally
// ("lost connection after", "timeout after", "too many errors after",
// "improper command pipelining after"), which Postfix 3.10 logs after
// NOQUEUE when no message was queued. A reject's verb never starts with
// these letters, so the first byte spares rejects the scan.
func sessionEnd(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case 'l', 't', 'i':
		return strings.Contains(s, " after ")
	}
	return false
}

// clientAfterFrom reads the client of "... after STAGE from name[addr]"
// and returns the message up to it. The first " from " is Postfix's: what
// follows the client ("improper command pipelining after HELO from
// name[addr]: TEXT") is what the client sent.
func clientAfterFrom(s string, r *Record) string {
	i := strings.Index(s, " from ")
	if i < 0 {
		return s
	}
	var rest string
	r.ClientName, r.ClientIP, rest = splitHostIP(s[i+len(" from "):])
	return s[:len(s)-len(rest)]
}

// afterColonSpace returns the text after the first ": " that follows key.
func afterColonSpace(s, key string) string {
	i := strings.Index(s, key)
	if i < 0 {
		return ""
	}
	rest := s[i:]
	if j := strings.Index(rest, ": "); j >= 0 {
		return rest[j+2:]
	}
	return ""
}

// parseSmtpClient reads the smtp/lmtp lines other than delivery records:
// a failed attempt at a non-final MX, logged with or without a queue id.
func parseSmtpClient(s string, r *Record) {
	switch {
	// A failed connect always names its error after ": "; verbose
	// logging's "connect to subsystem private/defer" (a Postfix service
	// of this host being opened) has none and is no try at a next hop.
	case hasPrefix(s, "connect to ") && strings.Contains(s, ": "):
		r.Event = EvAttempt
		rest := s[len("connect to "):]
		var tail string
		r.RelayHost, r.RelayIP, tail = splitHostIP(rest)
		if hasPrefix(tail, ":") {
			r.RelayPort, _ = leadingInt(tail[1:])
		}
	case hasPrefix(s, "host "):
		r.Event = EvAttempt
		r.RelayHost, r.RelayIP, _ = splitHostIP(s[len("host "):])
		if i := strings.IndexByte(r.RelayHost, ' '); i >= 0 {
			r.RelayHost = ""
		}
	case hasPrefix(s, "lost connection with "), hasPrefix(s, "conversation with "):
		r.Event = EvAttempt
		rest := s[strings.Index(s, " with ")+len(" with "):]
		r.RelayHost, r.RelayIP, _ = splitHostIP(rest)
	case hasPrefix(s, "SASL authentication failed"):
		r.Event = EvAttempt
	case hasPrefix(s, "TLS is required"), hasPrefix(s, "Cannot start TLS"),
		hasPrefix(s, "Server certificate not verified"), hasPrefix(s, "Server certificate not trusted"):
		r.Event = EvAttempt
	}
	if r.Event == EvAttempt {
		r.Reason = s
		r.Code = replyCode(s)
		r.Class = Classify(s)
		// A failed try at one server is in the client's words as a
		// deferral's reason is: the same entries read it.
		if k := MatchClientReason(s); k != 0 {
			k = knownForReply(k, r.Code, s)
			r.Known = k
			r.Class = KnownMessages[k-1].Class
		}
	}
}

func parseQmgr(s string, r *Record) {
	switch {
	case s == "removed":
		r.Event = EvRemoved
	case hasPrefix(s, "skipped, still being delivered"):
		r.Event = EvQmgr
	case hasPrefix(s, "from=<"):
		// The fields are looked for only after the sender, which may
		// hold their words (in a quoted local part, any text).
		var tail string
		r.From, tail = address(s[len("from="):])
		if size, nrcpt, ok := queueActive(tail); ok {
			r.Event, r.Size, r.Nrcpt = EvQmgr, size, nrcpt
			return
		}
		if statusExpired(tail) {
			r.Event = EvExpired
			r.Status = StatusExpired
			return
		}
		r.Event = EvQmgr
		// The number after the key: field's cut at ", " never shortens it.
		if i := strings.Index(tail, "size="); i >= 0 {
			n, _ := leadingInt(tail[i+len("size="):])
			r.Size = int64(n)
		}
		if i := strings.Index(tail, "nrcpt="); i >= 0 {
			r.Nrcpt, _ = leadingInt(tail[i+len("nrcpt="):])
		}
	case hasPrefix(s, emptySender):
		// A web page took the sender's "<address>" for a tag and
		// dropped it (Postfix writes "from=<"): the record is still
		// qmgr's when the rest is as qmgr writes it, with no sender.
		tail := s[len("from="):]
		if size, nrcpt, ok := queueActive(tail); ok {
			r.Event, r.Size, r.Nrcpt = EvQmgr, size, nrcpt
		} else if hasPrefix(tail, ", status=expired") || hasPrefix(tail, ", status=force-expired") {
			r.Event, r.Status = EvExpired, StatusExpired
		}
	case hasPrefix(s, "mail for "):
		// mail for %s is using up %d of %d active queue entries
		rest := s[len("mail for "):]
		i := strings.Index(rest, " is using up ")
		if i < 0 {
			return
		}
		r.Event = EvClog
		r.Domain = rest[:i]
		rest = rest[i+len(" is using up "):]
		r.Count, rest = leadingInt(rest)
		if hasPrefix(rest, " of ") {
			r.Limit, _ = leadingInt(rest[len(" of "):])
		}
		r.Reason = s
		r.Class = ClassOther
	case hasPrefix(s, "you may need"), hasPrefix(s, "this message was"):
		// The clog warning's follow-up advice.
		r.Event = EvClog
		r.Reason = s
		r.Class = ClassOther
	}
}

// queueActive reads the common tail of qmgr's from= line after the
// address and its '>', ", size=N, nrcpt=N (queue active)", exactly; any
// other tail is left to the general search.
func queueActive(tail string) (size int64, nrcpt int, ok bool) {
	if !hasPrefix(tail, ", size=") {
		return 0, 0, false
	}
	n, rest := leadingInt(tail[len(", size="):])
	if !hasPrefix(rest, ", nrcpt=") {
		return 0, 0, false
	}
	nrcpt, rest = leadingInt(rest[len(", nrcpt="):])
	if rest != " (queue active)" {
		return 0, 0, false
	}
	return int64(n), nrcpt, true
}

// statusExpired reports whether s holds "status=expired" or
// "status=force-expired", in one scan for the common line that holds
// neither.
func statusExpired(s string) bool {
	for {
		i := strings.Index(s, "status=")
		if i < 0 {
			return false
		}
		s = s[i+len("status="):]
		if hasPrefix(s, "expired") || hasPrefix(s, "force-expired") {
			return true
		}
	}
}

func parseMaster(s string, r *Record) {
	switch {
	case hasPrefix(s, "daemon started -- version "):
		versionConfig(s[len("daemon started -- version "):], r)
	case hasPrefix(s, "reload -- version "):
		versionConfig(s[len("reload -- version "):], r)
	case hasPrefix(s, "service \"") && strings.Contains(s, "has reached its process limit"):
		// service "%s" (%s) has reached its process limit "%d": ...
		rest := s[len("service \""):]
		if i := strings.IndexByte(rest, '"'); i >= 0 {
			r.Service = rest[:i]
			// Only public inet and pass services warn (master_avail.c);
			// the master names a pass service by its socket.
			r.ServiceType = "inet"
			if in := rest[i+1:]; hasPrefix(in, " (private/") || hasPrefix(in, " (public/") {
				r.ServiceType = "pass"
			}
		}
		if i := strings.Index(s, "process limit \""); i >= 0 {
			r.Limit, _ = leadingInt(s[i+len("process limit \""):])
		}
		r.Event = EvProcessLimit
		r.Class = ClassProcessLimit
		r.Reason = s
	case r.Severity == SevInfo:
		r.Event = EvMaster
	}
}

func versionConfig(s string, r *Record) {
	r.Event = EvVersion
	r.Class = ClassVersionStart
	if i := strings.Index(s, ", configuration "); i >= 0 {
		r.Version, r.ConfigDir = s[:i], s[i+len(", configuration "):]
	} else {
		r.Version = s
	}
}

func parsePostscreen(s string, r *Record) {
	r.Event = EvPostscreen
	switch {
	case hasPrefix(s, "CONNECT from "):
		r.ClientIP = bracketed(s[len("CONNECT from "):])
	case hasPrefix(s, "reject: CONNECT from "):
		r.ClientIP = bracketed(s[len("reject: CONNECT from "):])
		r.Class = Classify(s)
		if r.Class == ClassOther {
			r.Class = ClassNone // a policy reject (DNSBL, PREGREET), not an error
		} else {
			r.Reason = s
		}
	case r.QueueID == "NOQUEUE":
		if i := strings.Index(s, " from "); i >= 0 {
			r.ClientIP = bracketed(s[i:])
		}
	default:
		// PASS NEW [ip]:port, DNSBL rank 3 for [ip]:port, PREGREET ... from [ip]:port, ...
		if i := strings.IndexByte(s, '['); i >= 0 {
			r.ClientIP = bracketed(s[i:])
		}
	}
	if r.Severity != SevInfo && r.Class == ClassNone {
		r.Class = Classify(s)
		r.Reason = s
	}
}

// postscreenTest tells whether s is postscreen's report of a client that
// broke a command limit, failed a protocol test, was found on its DNSBLs
// or hung up during the tests (postscreen_early.c, postscreen_smtpd.c,
// postscreen_dnsbl.c).
func postscreenTest(s string) bool {
	return hasPrefix(s, "COMMAND ") || hasPrefix(s, "PREGREET ") ||
		hasPrefix(s, "NON-SMTP COMMAND ") || hasPrefix(s, "BARE NEWLINE ") ||
		hasPrefix(s, "DNSBL rank ") || hasPrefix(s, "HANGUP after ")
}

// postscreenOwnWords cuts s after the client's [address]:port: what
// follows (the command a client sent, the text it sent too early) is the
// client's, and must not be read as Postfix's words.
func postscreenOwnWords(s string) string {
	i := strings.Index(s, "]:")
	if i < 0 {
		return s
	}
	j := i + 2
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return s[:j]
}

// bracketed returns the address inside the first [...] of s.
func bracketed(s string) string {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return ""
	}
	return s[i+1 : i+j]
}

// parseAnvil reads "statistics: max connection rate 37/60s for (key) at Nov 28 11:13:48"
// and its count, message, recipient, newtls, auth and cache-size kin.
func parseAnvil(s string, r *Record) {
	if !hasPrefix(s, "statistics: max ") {
		return
	}
	r.Event = EvAnvil
	rest := s[len("statistics: max "):]
	// Name of the statistic: up to the first digit.
	i := 0
	for i < len(rest) && !isDigit(rest[i]) {
		i++
	}
	r.Param = strings.TrimSpace(rest[:i])
	rest = rest[i:]
	r.Count, rest = leadingInt(rest)
	if hasPrefix(rest, "/") {
		r.RateWindow, rest = leadingInt(rest[1:])
		rest = strings.TrimPrefix(rest, "s")
	}
	if hasPrefix(rest, " for (") {
		key := rest[len(" for ("):]
		if j := strings.LastIndex(key, ") at "); j >= 0 {
			key = key[:j]
		} else if j := strings.LastIndexByte(key, ')'); j >= 0 {
			key = key[:j]
		}
		r.Service, r.ClientIP = anvilKey(key)
	}
}

func parseCleanup(s string, r *Record) {
	switch {
	case hasPrefix(s, "message-id="), hasPrefix(s, "resent-message-id="):
		r.Event = EvCleanup
	case hasPrefix(s, "milter-reject: "):
		r.Event = EvReject
		// "milter-reject: STAGE from NAME[ADDR]: REPLY" (cleanup_milter.c):
		// the client follows the stage word, Postfix's own; a header or
		// body reject quotes the message first, so its " from " may be
		// the sender's text, and it names no client here.
		stage := s[len("milter-reject: "):]
		if i := strings.IndexByte(stage, ' '); i > 0 && hasPrefix(stage[i:], " from ") {
			r.ClientName, r.ClientIP, _ = splitHostIP(stage[i+len(" from "):])
		}
	case hasPrefix(s, "reject: "), hasPrefix(s, "discard: "):
		r.Event = EvReject
	case hasPrefix(s, "hold: "), hasPrefix(s, "redirect: "), hasPrefix(s, "replace: "),
		hasPrefix(s, "info: "), hasPrefix(s, "filter: "), hasPrefix(s, "prepend: "),
		hasPrefix(s, "warning: "), hasPrefix(s, "header "), hasPrefix(s, "milter-"):
		r.Event = EvCleanup
	}
}
