package sources

import (
	"bytes"
	"strings"
)

// Class is the troubleshooting class of an error line or a delay reason.
type Class uint8

const (
	ClassNone Class = iota
	ClassConnLimit
	ClassRateLimit
	ClassGreylist
	ClassTLS
	ClassDNS
	ClassReverseDNS
	ClassConnectTimeout
	ClassConnectRefused
	ClassUnreachable
	ClassLostConnection
	ClassBlocklist
	ClassRecipient
	ClassProcessLimit
	ClassInboundConnLimit
	ClassInboundRateLimit
	ClassPortsBusy
	ClassFDLimit
	ClassTableConnLimit
	ClassConfigError
	ClassLookupFailure
	ClassDaemonCrash
	ClassVersionStart
	ClassOther
	// ClassSenderAuth: a receiver refuses the message for failing sender
	// authentication (SPF, DKIM, DMARC): its domain's DNS records or
	// signing, not the pace or the IP's listing.
	ClassSenderAuth
	// ClassMessageSize: a next hop refuses the message for its size (RFC
	// 3463 X.3.4 "message too big for system", X.2.3 "message length
	// exceeds administrative limit"): the receiver's limit, which no
	// setting of this host's raises.
	ClassMessageSize
	// ClassRemoteStorage: a next hop defers the message for want of disk
	// space (RFC 5321's 452 "insufficient system storage", X.3.1 "mail
	// system full", a Postfix next hop's "queue file write error"): that
	// host's disk, which no setting of this host's frees.
	ClassRemoteStorage
	// ClassRemoteFault: a next hop defers the message for a fault of its
	// own (RFC 3463 X.3.5 "system incorrectly configured", a Postfix next
	// hop's "451 4.3.5 Server configuration problem" when its restrictions,
	// tables, policy service or milter fail, RFC 5321's 451 "local error in
	// processing"): that server's to mend, whatever it was checking.
	ClassRemoteFault
	// ClassContent: a next hop refuses the message for what it holds: a
	// spam or virus verdict, an attachment it blocks. The message is
	// judged, not the sending IP (a listing) nor the pace.
	ClassContent
	// ClassRcptLimit: a next hop takes no more recipients for the
	// message or session (RFC 5321's 452 "too many recipients", RFC 3463
	// X.5.3): the rest wait for the next retry, or bounce on a 5xx.
	ClassRcptLimit
	// ClassSessionLimit: a next hop takes no more messages over one
	// connection ("421 Max message per connection reached"): the message
	// that met the cap waits for the next retry, however slowly or few at
	// a time the connections come.
	ClassSessionLimit
	// ClassSendQuota: a next hop counts what this host, its IP, a sender
	// or the account it logs in as sends over a window of time (an hour,
	// 15 minutes, a day) and takes no more until the window has passed
	// ("452 4.5.3 Too many recipients received this hour", "451 4.7.1
	// Too many messages from this user today"): neither the recipients
	// per message nor the pace, but the volume.
	ClassSendQuota
	// ClassBadRecipients: a next hop refuses this host's mail because it
	// has sent to many addresses there that do not exist ("550 Too many
	// invalid recipients"): a verdict on the sender's lists or on what
	// sends through it (a stolen login, backscatter, an open relay), not
	// on the recipient of the refused delivery, who may well exist.
	ClassBadRecipients
	NumClasses
)

var classNames = [NumClasses]string{
	"", "conn_limit", "rate_limit", "greylist", "tls", "dns", "reverse_dns",
	"connect_timeout", "connect_refused", "unreachable", "lost_connection",
	"blocklist", "recipient", "process_limit", "inbound_conn_limit",
	"inbound_rate_limit", "ports_busy", "fd_limit", "table_conn_limit",
	"config_error", "lookup_failure", "daemon_crash", "version_start", "other",
	"sender_auth", "message_size", "remote_storage", "remote_fault", "content",
	"rcpt_limit", "session_limit", "send_quota", "bad_recipients",
}

func (c Class) String() string {
	if c < NumClasses {
		return classNames[c]
	}
	return "other"
}

// classRule maps lower-case substrings to a class. Rules are tried in order:
// the more specific texts (inbound limits, lookup tables) come before the
// generic "too many connections" that they also contain.
type classRule struct {
	class Class
	pats  [][]byte
}

// ownClass marks the classes of this host's own condition (its processes,
// descriptors, database connections, tables): their words count only where
// a Postfix daemon writes of itself, not in the reply of a remote server
// that a delivery's reason quotes (ownLen), for a remote Postfix out of
// descriptors says so in the same words. Classes of a remote's reply read
// it all.
var ownClass = [NumClasses]bool{ClassTableConnLimit: true, ClassLookupFailure: true,
	ClassProcessLimit: true, ClassPortsBusy: true, ClassFDLimit: true}

// ReceiverDNSBLFailure are the words of a receiver's refusal that quotes
// the DNSBL's error for its own query (Spamhaus' return codes for a
// public resolver or past the free volume): its fault, no listing.
var ReceiverDNSBLFailure = []string{"error: open resolver", "excessive number of queries", "/returnc/"}

// DomainReputationWords are a receiver's words for refusing mail for the
// sending domain's reputation, not the sending IP's (Gmail's "very low
// reputation of the sending domain").
var DomainReputationWords = []string{"reputation of the sending domain", "reputation of the sender domain", "reputation of the sender's domain"}

// GmailContentWords are Gmail's verdicts on a message's content: "likely
// unsolicited mail", "suspicious due to the nature of the content or the
// links within".
var GmailContentWords = []string{"likely unsolicited mail", "nature of the content", "due to the content"}

// RecipientMissingWords are receivers' replies, besides 5.1.x, that a
// recipient does not exist there: Yahoo's two, and Exchange Online's
// directory-based edge blocking.
var RecipientMissingWords = []string{"user doesn't have a", "mailbox not found", "5.4.1 recipient address rejected: access denied"}

// TLSRequiredWords are a receiver's words for refusing, or slowing down,
// mail that did not come over TLS: RFC 3207's 530 to a command before
// STARTTLS, RFC 4954's 538 to AUTH, Gmail's 4.7.29 and 5.7.29 ("rate
// limited because this message wasn't sent over a TLS connection"),
// Google Workspace's "TLS required for RCPT domain", Exchange's "STARTTLS
// is required to send mail" and Exchange Online's connector. They are
// read before the rate and listing words such a reply may also hold: only
// STARTTLS lifts it. The smtp client's own "TLS is required, but was not
// offered" (this host demands it) is none of them.
var TLSRequiredWords = []string{"over a tls connection", "tls required", "starttls is required",
	"must issue a starttls command first", "must use tls", "must use starttls", "to use tls",
	"requires tls", "require tls", "requires starttls", "require starttls",
	"encryption required for requested authentication mechanism", "failed to establish appropriate tls channel"}

// TLSRequired tells whether an error text says the receiver takes the
// mail only over TLS (TLSRequiredWords), read as Classify reads it: the
// marks of a multi-line reply's further lines left out.
func TLSRequired(text string) bool {
	return ReplySays(text, TLSRequiredWords)
}

// ReplySays tells whether text holds one of words (lower case), read as
// Classify reads it: lower-cased, the marks of a multi-line reply's
// further lines ("550-5.7.1 ") left out, so that words a line break
// split are read together.
func ReplySays(text string, words []string) bool {
	low := make([]byte, len(text))
	for i := range low {
		low[i] = lowerASCII[text[i]]
	}
	low = dropReplyMarks(low)
	for _, w := range words {
		if bytes.Contains(low, []byte(w)) {
			return true
		}
	}
	return false
}

func pats(s ...string) [][]byte {
	out := make([][]byte, len(s))
	for i, p := range s {
		out[i] = []byte(p)
	}
	return out
}

var classRules = []classRule{
	// Our own smtpd and postscreen refusing clients. These start the
	// message, so a remote reply quoting the same words is not taken here.
	// A database refusing Postfix for want of connections; other database
	// failures are lookup failures (the knowledge base tells them apart
	// on Postfix's own warnings).
	{ClassTableConnLimit, pats("connect to mysql server", "connect to pgsql server",
		"unable to connect to ldap server", "too many clients already")},
	// local(8)'s own reason for a recipient it defers because alias_maps
	// cannot be read (local/alias.c) is one of them.
	{ClassLookupFailure, pats("temporary lookup failure", "lookup error for", "table lookup problem", "alias database unavailable")},
	// Our own configuration: a transport master.cf lacks, a failed login
	// to a relay (ConfigFailures).
	{ClassConfigError, configPats(false)},
	// Sender authentication (SPF, DKIM, DMARC) is not a listing, though
	// the replies say "blocked" (RFC 7372's 5.7.20-5.7.26; Gmail's 5.7.27
	// for SPF). Some verdicts name none of the three: Microsoft's 5.7.515
	// (a bulk sender's From: domain short of "the required authentication
	// level") and its "domain owner policy restrictions" (the From:
	// domain's DMARC policy), Yahoo's "554 5.7.9 Message not accepted for
	// policy reasons"; RFC 4954's 5.7.9 from a relay, "Authentication
	// mechanism is too weak", is this host's login and is not taken.
	// SPF's other wordings: Gmail's 4.7.27 deferral ("rate limited because
	// SPF authentication didn't pass", which the rate words below must not
	// take), Microsoft's "Sender Policy Framework violation", a receiver's
	// policy service's "SPF fail - not authorized" (inside a "Recipient
	// address rejected" that is no verdict on the recipient), "no SPF
	// record", "failed SPF", "SPF policy", an Authentication-Results
	// result ("spf=fail"), libspf2's "SPF: IP is not allowed to send".
	{ClassSenderAuth, pats("unauthenticated", "5.7.26", "5.7.27", "dmarc", "spf check", "dkim",
		"does not pass spf", "doesn't pass spf", "spf validation",
		"spf authentication", "sender policy framework", "spf fail", "no spf record", "failed spf",
		"spf policy", "spf=fail", "spf=softfail", "spf: ",
		"5.7.515", "required authentication level", "domain owner policy restrictions",
		"5.7.9 message not accepted for policy reasons")},
	// A relay's refusals that our configuration causes; after sender
	// authentication, whose verdicts may also say "not authenticated".
	{ClassConfigError, configPats(true)},
	{ClassProcessLimit, pats("has reached its process limit", "increase the process count in master.cf",
		"increase the process limit in master.cf",
		"stress_readme.html")},
	// postscreen could not hand a client to its smtpd: the reply it
	// gives ("all server ports busy"), its own warnings when the pass
	// service's socket takes no more clients or smtpd takes one too late
	// (postscreen_send.c). The knowledge base takes the connects that
	// find no socket or nobody listening: those are no busy smtpd.
	{ClassPortsBusy, pats("all server ports busy", "all server ports are busy",
		"timeout sending connection to service", "cannot connect to service")},
	{ClassFDLimit, pats("too many open files", "could allocate space for only", "fd_setsize")},
	// Mimecast greylists a new sender with words of its own that name
	// no greylist (its 451 codes page, DOC-1369).
	{ClassGreylist, pats("greylist", "grey-list", "graylist", "gray-list", "postgrey",
		"internal resources are temporarily unavailable")},
	{ClassReverseDNS, pats("reverse dns", "reverse hostname", "ptr record", "reverse dns entry", "cannot find your hostname",
		"dns ptr", "ptr resource record",
		"rdns", "reverse lookup", "reverse-dns", "reverse name")},
	// A cap on messages per connection (session), which a reused
	// connection meets: Yahoo's "Max message per connection reached",
	// others' "too many messages in this connection", NetEase's MI:DMC.
	// Before the rate words, whose "too many messages" it also says.
	{ClassSessionLimit, pats("message per connection", "messages per connection", "messages per session",
		"message per session", "messages in this connection", "messages on this connection",
		"messages in this session", "messages on this session", "sent on this session", "mi:dmc")},
	// A cap on what is sent over a window of time, counted by the next
	// hop per sending IP, sender or account: Proofpoint's "Too many
	// recipients received this hour" (a 452 4.5.3 that the recipient
	// limit's words would take), "Too many messages from this user
	// today", cPanel's "has exceeded the max emails per hour", Amazon
	// SES's "Daily message quota exceeded" (the account's), NetEase's
	// (163.com, 126.com) MI:SFQ (a sender's mail in 15 minutes), RP:QRC
	// (its recipients over a short time), RP:TRC (its recipients in a
	// day), MI:STC (its connections in a day) and HL:ITC (the IP's mail
	// in a day). Before the recipient limit's and the rate's words; a
	// relay's own quota words for the account it logs in as
	// (ConfigFailures) are read before these.
	{ClassSendQuota, pats("received this hour", "recipients this hour", "messages this hour",
		"sent this hour", "this user today", "messages today", "recipients today", "emails today",
		"max emails per hour", "daily message quota", "hourly message quota", "hourly sending limit",
		"daily sending limit", "daily recipient limit", "hourly recipient limit",
		"mi:sfq", "rp:qrc", "rp:trc", "mi:stc", "hl:itc")},
	// A receiver's verdict on a sender that mails addresses it does not
	// have: "Too many invalid recipients", "too many bad recipients",
	// Yahoo's "Excessive unknown recipients - possible Open Relay"
	// (VS1-IP, VS1-MF), NetEase's HL:REP (the IP sends to many recipients
	// that do not exist) and RP:CEL (too many commands refused, for a
	// mail server its recipients that do not exist). Before the words of
	// a recipient that does not exist, which they also say.
	{ClassBadRecipients, pats("too many invalid recipient", "too many bad recipient", "too many unknown recipient",
		"too many non-existent recipient", "too many nonexistent recipient", "too many invalid address",
		"excessive unknown recipients", "excessive invalid recipients", "hl:rep", "rp:cel")},
	// conn_limit's "too many ... connections" is matched by tooManyConns.
	// Microsoft's 4.7.652 ("has exceeded the maximum number of
	// connections", S3115) counts the sending IP's simultaneous sessions.
	{ClassConnLimit, pats("maximum number of concurrent", "concurrent server connections", "concurrent connections limit",
		"connection limit exceeded", "too many concurrent", "simultaneous connections",
		"connection count limit", "too many smtp sessions", "connections per ip", "connection limit reached",
		"maximum number of connections", "4.7.652",
		// Outlook.com's RP-003: the sending IP "has exceeded the
		// connection limit allowed" (its troubleshooting page).
		"rp-003", "exceeded the connection limit",
		// Mimecast: more concurrent connections than the recipient's
		// account takes, or than its outbound relay takes from this host
		// (its SMTP error codes page).
		"account service is temporarily unavailable", "outbound thread limit",
		// NetEase (163.com): HL:ICC, the IP's concurrent connections.
		"hl:icc",
		// "Too many connections" in receivers' own languages (Orange's
		// greeting refusal is French). Only ASCII letters are lowered:
		// the Russian words are matched past the capital they start with.
		"trop de connexions", "zu viele verbindungen", "demasiadas conexiones", "troppe connessioni",
		"te veel verbindingen", "muitas conex", "zbyt wiele połączeń", "много соединений")},
	// Past the receiver's recipients per message or session: the reply
	// code with its X.5.3, or the words; no bare "4.5.3", which an
	// address may hold.
	// NetEase's RP:DRC counts the recipients of one connection.
	{ClassRcptLimit, pats("too many recipients", "452 4.5.3", "452-4.5.3", "552 5.5.3", "552-5.5.3", "550 5.5.3", "451 4.5.3",
		"450 4.5.3", "rp:drc")},
	// A receiver whose own DNSBL lookups fail refuses every client it
	// checks: Spamhaus answers a query through a public resolver, or past
	// the free volume, with an error code the receiver takes for a
	// listing ("blocked using zen.spamhaus.org; Error: open resolver").
	// Its fault, before the listing words below: this IP is not listed.
	{ClassRemoteFault, pats(ReceiverDNSBLFailure...)},
	// Mimecast's "envelope blocked" is the recipient organisation's
	// policy on this sender or its domain, no listing of this IP:
	// neither the listing words nor a delisting fit it. So is its "421
	// Sender address blocked", a Blocked Senders policy of the recipient
	// organisation's.
	{ClassOther, pats("envelope blocked", "sender address blocked", "blocked senders")},
	// A receiver that wants the mail over TLS, whatever rate or block
	// words its reply also holds (Gmail's 4.7.29 is "rate limited because
	// this message wasn't sent over a TLS connection"): before them.
	{ClassTLS, pats(TLSRequiredWords...)},
	// Gmail words three verdicts alike: "likely suspicious due to the
	// very low reputation of the sending IP address" (the IP: the
	// listing words below), "... of the sending domain" (the domain's
	// standing, which its authentication and its record with Gmail
	// make, wherever it is sent from) and the message's own content
	// ("likely unsolicited mail", "suspicious due to the nature of the
	// content or the links within"). Before the listing and rate words
	// all of them also say ("blocked", "unsolicited mail", "low
	// reputation"); the 4.7.28 "unusual rate of unsolicited mail
	// originating from your IP address" stays the IP's.
	{ClassSenderAuth, pats(DomainReputationWords...)},
	{ClassContent, pats(GmailContentWords...)},
	// Yahoo's TSS04 defers for complaints about what we send: reputation,
	// which a rate delay does not cure. Its TS03, TSS09, TSS11 and the
	// like ("All messages from IP will be permanently deferred; Retrying
	// will NOT succeed") stop the IP's mail for its traffic, and its
	// "Excessive unknown recipients - possible Open Relay" (VS1-IP,
	// VS1-MF) for sending to addresses that do not exist, which an open
	// relay or a stolen login does: what is sent, not how fast (the
	// ClassBadRecipients rule above reads it).
	{ClassBlocklist, pats("[tss0", "[tss1", "tss04", "[ts0", "user complaints", "will be permanently deferred")},
	// A rate limit the receiver sets for the sending IP's or domain's
	// reputation (Microsoft 4.7.650/4.7.651, Gmail's 421-4.7.0 "very low
	// reputation") is a reputation verdict too: the rate words below must
	// not take it. So is Gmail's 4.7.28, "an unusual rate of unsolicited
	// mail originating from your IP address": a spam verdict that slowing
	// down only prolongs.
	{ClassBlocklist, pats("due to ip reputation", "low reputation", "poor reputation", "bad reputation",
		"4.7.28", "unsolicited mail")},
	{ClassRateLimit, pats("4.7.650", "4.7.651", "4.7.500", "server busy",
		"excessive volume", "unexpected volume", "rate limit", "ratelimit", "rate-limit",
		// Outlook.com's RP-002 (past the rate allowed on one connection)
		// and Comcast's RL codes (its error-codes page's anchors, such as
		// #RL000003 after "Throttled").
		"rp-002", "#rl000",
		"sending too fast", "too fast", "too much mail", "throttl", "too many messages",
		"try again later, closing connection", "rp-001", "too much load",
		"receiving mail at a rate", "4.7.0 try again later", "unusual rate",
		// Yahoo's GL01: unusual traffic from the sending IP, deferred for
		// now. A receiver short of resources for now asks for the same.
		"[gl01]", "resources temporarily unavailable",
		// QQ's limit on the sending IP's frequency; NetEase's HL:IFC, the
		// IP's mail over a short time (its advice: send less often).
		"frequency limited", "hl:ifc")},
	// Gmail's refusal of an attachment type it blocks says "blocked":
	// read before the listing words.
	{ClassContent, pats("potential security issue", "attachment content guidelines")},
	{ClassTLS, pats("tls is required", "cannot start tls", "certificate not verified", "certificate not trusted",
		"certificate verification failed", "ssl_connect error", "tls library problem", "starttls",
		"tlsproxy", "handshake failure", "tls handshake", "ssl_accept error", "tls negotiation",
		// Exchange Online's refusal when its connector requires TLS
		// (or a certificate) the session did not have.
		"tls channel")},
	{ClassBlocklist, pats("dnsbl", "blocklist", "blacklist", "block list", "black list", "spamhaus",
		"spamcop", "barracuda", "blocked", "reputation", "banned", " rbl", "rbl:", "denylist",
		"cloudmark", "sorbs", "uceprotect", "is listed", "listed on", "(s3150)", "5.7.606", "bloquee",
		"not authorized to send email directly", "traffic not accepted from this ip", "dynamic ip", "residential",
		// A refusal tagged with a code alone: "(BL)", the sending IP is
		// on the receiver's block list (T-Online's greeting).
		"(bl)",
		// Receivers' own words for the sending IP's reputation: GMX and
		// web.de's "policy restrictions", Free's spam from the IP,
		// Hotmail's OU-001 dynamic ranges, Apple's CS01.
		"reject due to policy restrictions", "spams from your ip", "dynamically-assigned", "[cs01]",
		// Apple's other local-policy codes, which its postmaster page
		// leaves unexplained and which come with listings and new
		// senders' reputation; NetEase's DT:RBL (the IP on a DNSBL).
		"[cs02]", "[hm07]", "[hm08]", "dt:rbl",
		// T-Online's refusals of the IP, which end asking for the
		// postmaster or an address at rx.t-online.de: (NOWL) "None/bad
		// reputation", an IP it does not know yet; (DIAL) "Dialup/transient
		// IP not allowed", also given when the host's name leads to no
		// website of its operator.
		"ask your postmaster for help", "transient ip not allowed",
		// Comcast's own list ("Comcast block for spam", #BL000000; the
		// other BL codes name Spamhaus, Cloudmark or SenderScore) and
		// the dynamic ranges it takes no mail from (#ES000001,
		// #ES000010); Orange's codes 103 and 999, which its reply ends
		// with in brackets after "Service refused, please try later": a
		// blocked sending IP.
		"block for spam", "#bl000", "#es0000", " [103]", " [999]")},
	// A next hop's reject_unknown_recipient_domain ("<%s>: Recipient
	// address rejected: Domain not found", smtpd_check.c): its lookup of
	// the recipient's domain failed, not this host's resolver, which
	// found the next hop.
	{ClassRecipient, pats("recipient address rejected: domain not found")},
	{ClassDNS, pats("name service error", "host not found", "host or domain name not found",
		"unable to look up", "dns lookup", "dns error", "domain not found",
		"no mx", "nxdomain")},
	{ClassConnectTimeout, pats("connection timed out", "operation timed out")},
	{ClassConnectRefused, pats("connection refused")},
	// musl (Alpine images) words ENETUNREACH and EHOSTUNREACH without
	// "is". EADDRNOTAVAIL from connect: the kernel has no source address
	// for the destination's family, mostly an IPv6 server tried from a
	// host or container without an IPv6 address of its own.
	{ClassUnreachable, pats("network is unreachable", "no route to host", "host is unreachable",
		"network unreachable", "host unreachable", "cannot assign requested address")},
	{ClassLostConnection, pats("lost connection with", "timed out while", "connection reset by peer",
		"lost connection while")},
	{ClassRemoteStorage, pats("insufficient system storage", "452 4.3.1", "452-4.3.1", "queue file write error",
		"no space left on device", "mail system full")},
	// Before the recipient words: a Postfix next hop whose policy service
	// fails answers "451 4.3.5 <addr>: Recipient address rejected: Server
	// configuration problem", which says nothing of the recipient. Our
	// own smtpd's same reply is read by the knowledge base. A next hop
	// short of descriptors, database connections or smtpd processes, or
	// whose table fails, says so in the words this host's own classes
	// read only in its own lines.
	{ClassRemoteFault, pats("server configuration problem", "server configuration error",
		"system incorrectly configured", "local error in processing", "temporary local problem",
		"too many open files", "too many clients already", "all server ports are busy", "temporary lookup failure")},
	// A verdict on the message, after the listing words: a reply that
	// names a list the sending IP is on is a listing, spam or not.
	{ClassContent, pats("virus", "infected", "malware", "rejected as spam", "spam message rejected",
		"detected as spam", "identified as spam", "classified as spam", "considered spam", "consider spam",
		"looks like spam", "spam detected", "spam score",
		// Yandex's, QQ's and NetEase's (163.com's DT:SPM) verdicts.
		"suspicion of spam", "mail content denied", "dt:spm",
		// Mimecast's virus signature or spam score over its limit.
		"rejected due to security policies")},
	{ClassMessageSize, pats("5.3.4", "5.2.3", "message size exceeds", "message too big", "message size limit",
		"exceeds size limit", "exceeds the maximum size", "message is too large")},
	{ClassRecipient, pats("user unknown", "unknown user", "mailbox full", "mailbox is full", "quota",
		"mailbox unavailable", "no such user", "does not exist", "user not found", "invalid recipient",
		"unknown in local recipient table", "unknown in virtual", "recipient address rejected",
		"account disabled", "undeliverable address", "5.1.1", "5.2.2", "no mailbox",
		// Yahoo's words for a recipient it does not have.
		RecipientMissingWords[0], RecipientMissingWords[1],
		// RFC 3463's X.2.2, a full mailbox, in other words.
		"452 4.2.2", "452-4.2.2", "mailbox has exceeded")},
}

// ConfigFailure is a kind of delivery failure that this host's own
// configuration causes: the words of its reason (lower case), what to do,
// and the parameters to look at. Classify reads the words as
// ClassConfigError; the hint for such deliveries gives the advice of the
// kinds its samples show.
type ConfigFailure struct {
	Words []string
	// Reply marks words a relay (smarthost) answers with: SMTP AUTH
	// required, a sender the login may not use. They are read after the
	// sender-authentication words.
	Reply bool
	// Own marks words that are ours only as the smtp client's own reason
	// (parseDelivery): a remote reply quoting them is the remote's, and
	// Classify does not read them.
	Own    bool
	Advice string
	Params []string
	// Title, when set, names the hint when this kind is all its samples
	// show: a failure that is no configuration mistake of this host's.
	Title string
	// Senders marks a refusal of the envelope sender's domain: the hint
	// names the senders of the refused mail (SenderRefused).
	Senders bool
}

// relayLoginAdvice is the advice for a relay that takes mail only from a
// client that logs in.
const relayLoginAdvice = "\"Authentication required\", \"not authenticated\" or \"Unauthenticated senders not allowed\" from a relay: it takes mail only from a client that logs in: smtp_sasl_auth_enable = yes and an smtp_sasl_password_maps entry whose key is the next hop exactly as relayhost or the transport writes it ([host]:port), postmap after each edit, TLS to the relay (smtp_tls_security_level = encrypt) so that it offers AUTH, and smtp_sasl_tls_security_options = noanonymous, which allows PLAIN and LOGIN, what most relays offer, over that TLS (by default it copies smtp_sasl_security_options, noplaintext, noanonymous, which leaves them out; set smtp_sasl_security_options = noanonymous only for a relay without TLS, and the password then crosses the network in clear); a relay meant to accept this host by its IP address (a Microsoft 365 connector, Google Workspace's SMTP relay) needs this host's public IP in its settings instead"

// ConfigFailures lists them.
var ConfigFailures = []ConfigFailure{
	{Words: []string{"loops back to myself"}, Own: true,
		Advice: "\"loops back to myself\": the next hop is this host, or answers with this host's myhostname: if the domain's mail belongs here, list it in mydestination, virtual_mailbox_domains, virtual_alias_domains or relay_domains (and route it), or, for a domain that one of this host's transports takes (an autoresponder's or a list manager's pipe), give it a transport_maps entry naming that transport; if another server receives it, that server must not share this host's myhostname, and this host must not list the domain; a host that receives mail through NAT or a proxy (a backup MX behind a firewall, which finds itself among the MX hosts once the primary is down) must list its outside address in proxy_interfaces",
		Params: []string{"mydestination", "virtual_mailbox_domains", "virtual_alias_domains", "relay_domains", "transport_maps", "proxy_interfaces"}},
	// An MX lookup for a one-label name, or this host's own name that
	// qualified a bare local recipient (parseDelivery reads the shapes).
	{Words: []string{"name service error for name="}, Own: true,
		Advice: "a name service error for a name that comes from this host's configuration: a name of one label looked up as MX is no mail domain on the Internet: a relayhost or transport next hop written without [brackets] (relayhost = smtp:25 looks up MX records for 'smtp'; write [smtp]:25, or the relay's full name), a container's service name (write it as [name]:port, whose address is looked up, not its MX), or a recipient domain without its dot (mail to user@host where host is neither in mydestination nor a real domain: set myorigin and mydestination, or address the mail in full); a recipient written without a domain (orig_to=<root>) was qualified with myorigin and sent out because that domain is not in mydestination, and the DNS says it does not exist: this host's own name (a container's or an image's build-time hostname, a main.cf copied from another host): set myhostname to this host's name, keep $myhostname in mydestination (or set myorigin to a domain this host receives for), and alias root to a mailbox that is read",
		Params: []string{"relayhost", "transport_maps", "sender_dependent_relayhost_maps", "myorigin", "mydestination", "myhostname"}},
	// A recipient that a table rewrote into an aliases(5) command or
	// file name (parseDelivery reads the shape): the words are the
	// delivery record's own, never a reason's.
	{Words: []string{"to=<|", "to=<\"|", "to=</", "to=<\"/"}, Own: true,
		Advice: "the recipient is an aliases(5) \"| command\" or \"/file\" value that a table put in place of the address (orig_to= shows the address it replaced): such values run a command or write a file only from alias_maps, which local(8) expands for the domains in mydestination; from virtual_alias_maps, canonical_maps or virtual_mailbox_maps (a list manager's alias file listed there) they are plain addresses that no delivery agent can use. Keep the list manager's \"| command\" aliases in alias_maps (postalias the file), or, for a virtual list domain, route its addresses with transport_maps to the list manager's pipe(8) service in master.cf (postmap the map); then postfix reload",
		Params: []string{"alias_maps", "virtual_alias_maps", "virtual_mailbox_maps", "recipient_canonical_maps", "transport_maps"}},
	// smtp_proto.c's "refused to talk to me" is a greeting or a HELO
	// that failed; a syntax reply (500 to 504) there is no verdict on
	// this host but a next hop that does not speak SMTP as the smtp
	// client does: an LMTP server wants LHLO and answers HELO "500 5.5.1
	// Unknown command"; or it refuses the HELO name itself (501).
	{Words: []string{"refused to talk to me: 50"},
		Advice: "the next hop refused the greeting with a syntax reply (50x): it does not speak SMTP as this host does. An LMTP server (Dovecot's or Cyrus's, port 24 or a socket) named as relayhost or through an smtp: transport wants the lmtp: transport (virtual_transport = lmtp:inet:host:24, or lmtp:[host]:24 in transport_maps); another service on that port answers no SMTP at all: check the port. A 501 to HELO refuses the name this host sends (smtp_helo_name, $myhostname by default), which must be a fully qualified domain name",
		Params: []string{"relayhost", "transport_maps", "virtual_transport", "smtp_helo_name", "myhostname"}},
	// qmgr's own words when it cannot reach the transport's socket. Its
	// "unknown mail transport error" (an agent that died mid-delivery) is
	// a crash: the knowledge base reads it.
	{Words: []string{"mail transport unavailable"},
		Advice: "\"mail transport unavailable\": the transport named for the domain has no master.cf entry or its process fails at start",
		Params: []string{"transport_maps"}},
	{Words: []string{"sasl authentication failed", "no mechanism available", "cannot authenticate to server"},
		Advice: "\"SASL authentication failed\" at a relay: the credentials in smtp_sasl_password_maps (run postmap after editing it), the relay's port and its TLS requirement",
		Params: []string{"relayhost", "smtp_sasl_password_maps"}},
	// RFC 4954's 530 5.7.0, Microsoft's 5.7.57 and Exchange's "Client was
	// not authenticated": the relay takes mail only after AUTH.
	{Words: []string{"authentication required", "authentication is required", "not authenticated"}, Reply: true,
		Advice: relayLoginAdvice,
		Params: []string{"relayhost", "smtp_sasl_auth_enable", "smtp_sasl_password_maps", "smtp_tls_security_level", "smtp_sasl_security_options", "smtp_sasl_tls_security_options"}},
	// SendGrid's refusal of a client that did not log in. Not a Reply
	// entry: it must be read before sender authentication, whose
	// "unauthenticated" (Gmail's DMARC verdict) it also says.
	{Words: []string{"unauthenticated senders not allowed"},
		Advice: relayLoginAdvice,
		Params: []string{"relayhost", "smtp_sasl_auth_enable", "smtp_sasl_password_maps", "smtp_tls_security_level", "smtp_sasl_security_options", "smtp_sasl_tls_security_options"}},
	// A next hop that will not relay for this host (Postfix's
	// reject_unauth_destination, Exchange's and others' wordings): a
	// relayhost that relays only for a client that logs in or whose
	// address it lists, or a domain's MX that takes no mail for it.
	{Words: []string{"relay access denied", "relaying denied", "relay not permitted", "not permitted to relay",
		"relaying not allowed", "unable to relay", "we do not relay", "relay denied"}, Reply: true,
		Advice: "\"Relay access denied\" or \"unable to relay\" from the next hop: it will not pass this host's mail on. When it is this host's relayhost (a provider's or an organisation's smarthost), it relays only for a client that logs in or whose address it lists: smtp_sasl_auth_enable = yes and an smtp_sasl_password_maps entry whose key is the next hop exactly as relayhost writes it ([host]:port), postmap after each edit, TLS to it (smtp_tls_security_level = encrypt, on port 587 or 465 as the provider says), and a sender address the login may use; or have the relay's admin allow this host's public address (a Postfix relay's mynetworks, a Microsoft 365 connector). When the next hop is the recipient domain's own MX, that server does not take mail for the domain (a domain that moved while its MX records still name the old server, a backup MX not set up for it): compare the domain's MX records (host -t mx DOMAIN) with the server relay= names; only the domain's admins can fix it",
		Params: []string{"relayhost", "smtp_sasl_auth_enable", "smtp_sasl_password_maps", "smtp_tls_security_level"},
		Title:  "Outbound: the next hop refuses to relay this host's mail (a relayhost that wants a login, or a domain's MX that does not serve it)"},
	// A Postfix relay's reject_sender_login_mismatch: this host logged in
	// (only a login is checked against smtpd_sender_login_maps), and the
	// relay's map does not give that login the envelope sender.
	{Words: []string{"sender address rejected: not owned by user"}, Reply: true,
		Advice: "\"Sender address rejected: not owned by user\" from a relay: the relay is Postfix with reject_sender_login_mismatch, and its smtpd_sender_login_maps does not give the login this host uses (smtp_sasl_password_maps) the envelope sender this host sends with (root@ or another address of this host for its own mail, the original sender for mail it forwards): on the relay, add the sender or the whole sender domain to that login's entries (in a mail panel: an alias, or the mailbox's allowed senders); or have this host log in as the sender's own account (smtp_sender_dependent_authentication = yes with smtp_sasl_password_maps keyed by sender), or rewrite its own senders to an address the login owns (smtp_generic_maps)",
		Params: []string{"relayhost", "smtp_sasl_password_maps", "smtp_sender_dependent_authentication", "smtp_generic_maps"}},
	// The next hop's reject_unknown_sender_domain (RFC 3463's 4.1.8 and
	// 5.1.8, "bad sender's system address"): it found no DNS records for
	// the envelope sender's domain. The destination resolved and answered,
	// so this host's resolver is not at fault; the sender it writes is.
	{Words: []string{"sender address rejected: domain not found"}, Reply: true,
		Advice: "\"Sender address rejected: Domain not found\" from the next hop: it found no DNS records (no MX, no A) for the domain of the envelope sender this host sent with, and this host's resolver is not at fault, since the destination's own name resolved. For this host's own mail (root@, www-data@ or an application's address at the host's name: a hostname that is not in DNS, a container's or a node's name), set myorigin to a domain that exists, or rewrite the senders this host sends with (smtp_generic_maps for what goes out, sender_canonical_maps for all mail); or publish the domain in DNS. Mail forwarded with its original sender keeps that sender's domain: if it does not exist, the message was most likely spam with a made-up sender, and the refusal is right",
		Params: []string{"myorigin", "myhostname", "smtp_generic_maps", "sender_canonical_maps"}},
	// The same check of the envelope sender's domain, worded in DNS terms
	// by receivers that accept no sender domain without an MX or A/AAAA
	// record they can use; a domain that exists may fail it too, with an
	// MX that names a CNAME or an address.
	{Words: []string{"invalid dns mx or a/aaaa resource record"}, Reply: true,
		Advice: "\"invalid DNS MX or A/AAAA resource record\" from the next hop: its check of the envelope sender's domain found no MX or A/AAAA record it accepts for the domain this host sent with. For this host's own mail (root@, www-data@ or an application's address at the host's name, such as a .localdomain or a node's name), set myorigin to a domain that exists, or rewrite the senders this host sends with (smtp_generic_maps for what goes out, sender_canonical_maps for all mail); for a domain of your own, give it an MX record that names a host with A/AAAA records (not a CNAME, not an address) or an A/AAAA record of its own",
		Params: []string{"myorigin", "myhostname", "smtp_generic_maps", "sender_canonical_maps"}},
	// The next hop's reject_non_fqdn_sender and
	// reject_non_fqdn_helo_hostname (smtpd_check.c, 504 5.5.2): the
	// envelope sender or the HELO name this host sends has no domain, as
	// when myhostname is a bare host name and myorigin or smtp_helo_name
	// follow it.
	{Words: []string{"sender address rejected: need fully-qualified address", "helo command rejected: need fully-qualified hostname"}, Reply: true,
		Advice: "\"need fully-qualified address\" or \"need fully-qualified hostname\" from the next hop: the envelope sender (MAIL FROM) or the HELO name this host sent has no domain. myorigin (which qualifies local senders such as root or a cron job's user) and smtp_helo_name both default to $myhostname: set myhostname to this host's fully qualified name (a bare host name, a container's or a laptop's, gives user@host), or set myorigin to a domain that exists, or rewrite the senders this host sends with (smtp_generic_maps for what goes out, sender_canonical_maps for all mail); then postfix reload and postqueue -f",
		Params: []string{"myhostname", "myorigin", "smtp_helo_name", "smtp_generic_maps", "sender_canonical_maps"}},
	// The next hop's reject_unknown_helo_hostname (smtpd_check.c: "<%s>:
	// Helo command rejected: Host not found", 450 4.7.1 or
	// unknown_hostname_reject_code) and reject_invalid_helo_hostname
	// ("Invalid name", 501 5.5.2): the HELO name this host sends has no
	// address or MX record, or is no host name. The next hop's lookup
	// failed, not this host's resolver.
	{Words: []string{"helo command rejected: host not found", "helo command rejected: invalid name"}, Reply: true,
		Advice: "\"Helo command rejected: Host not found\" or \"Invalid name\" from the next hop (its reject_unknown_helo_hostname or reject_invalid_helo_hostname): the name this host sends in HELO/EHLO (smtp_helo_name, $myhostname by default) has no A, AAAA or MX record in public DNS (a .local or .internal name, a container's or a cloud instance's own name) or is no valid host name (an underscore in it); this host's resolver is not at fault, since the next hop answered. Set smtp_helo_name (or myhostname) to a fully qualified name with an A record for this host's public address, best the name its PTR record gives (receivers compare them), then postfix reload and postqueue -f",
		Params: []string{"smtp_helo_name", "myhostname"}},
	// RFC 3463's X.1.7, "bad sender's mailbox address syntax": the next
	// hop refuses the envelope sender as an address, whatever its words
	// ("Invalid address", "is not a valid RFC 5321 address"). The spaces
	// keep an IP address with those digits out.
	{Words: []string{" 5.1.7 ", "-5.1.7 "}, Reply: true,
		Advice: "the next hop refused the envelope sender's syntax (X.1.7, bad sender address): the sender this host sent with is no valid address out there. Read the from= of the refused messages (the qmgr lines of their queue ids): a sender rewritten for forwarding (SRS: postsrsd's SRS domain, SRS_DOMAIN or srs-domain in its configuration, which does not expand Postfix's $myhostname) or by sender_canonical_maps to a domain that is none (a literal $name, a name of one label, an empty domain); for this host's own mail, myorigin and myhostname must be fully qualified domains; fix the rewriting, then restart the SRS daemon or postfix reload. Mail forwarded with a malformed original sender is refused rightly",
		Params: []string{"sender_canonical_maps", "myorigin", "myhostname", "smtp_generic_maps"}},
	// A relay's cap on what one account (or one customer) sends: Gmail's
	// and Google Workspace's daily limits (5.4.5, 4.4.5), Microsoft 365's
	// submission quota. Read before a recipient's "quota".
	{Words: []string{"sending quota exceeded", "sending limit exceeded", "relay limit exceeded", "submissionquotaexceeded", "submission quota exceeded"}, Reply: true,
		Advice: "\"Daily user sending quota exceeded\", \"Daily SMTP relay limit exceeded\" or a submission quota from a relay: the account this host logs in as (or, at Google Workspace's SMTP relay, the whole customer) reached the provider's sending limit, counted over a day; the relay refuses more until the count falls back, and no Postfix setting changes that. Find out why this host sent so much before anything else: a compromised mailbox or web form sending spam (the senders: qmgr's from= lines in the log, postqueue -p for what waits), a forwarding loop, a mailing list; stop it and hold the spam still queued (postsuper -h QUEUEID); then send bulk mail through a service or an account meant for it, or raise the limit with the provider",
		Params: []string{"relayhost", "smtp_sasl_password_maps"},
		Title:  "Outbound: the relay refuses more mail from this host's account (its sending limit)"},
	// A relay that has stopped the account this host logs in as for the
	// spam sent through it: Amazon SES suspends an account ("Sending
	// suspended for this account"), Microsoft 365 restricts a mailbox
	// ("bad outbound sender", 5.1.8; OutboundSpamException).
	{Words: []string{"sending suspended for this account", "bad outbound sender", "outboundspamexception"}, Reply: true,
		Advice: "\"Sending suspended for this account\", \"bad outbound sender\" or OutboundSpamException from a relay: the provider has stopped the account this host logs in as (or the mailbox it sends as) because mail sent through it was judged spam, and no Postfix setting changes that; another relay or a higher limit would only let the spam out. Find what sent it first: a compromised mailbox or web form (the senders: qmgr's from= lines in the log, smtpd's sasl_username= for the logins that submitted them, postqueue -p for what waits), backscatter (bounces to forged senders), a forwarding loop; stop it (change the login's password or disable it, fix the form), delete the spam still queued (postsuper -d QUEUEID), and only then ask the provider to reinstate the account",
		Params: []string{"relayhost", "smtp_sasl_password_maps"},
		Title:  "Outbound: the relay has suspended this host's account for spam"},
	// Amazon SES, SendGrid, Microsoft 365 and Exchange check the sender
	// against the identities of the account that logged in.
	{Words: []string{"email address is not verified", "verified sender identity", "permissions to send as this sender", "sendasdenied"}, Reply: true,
		Advice: "\"Email address is not verified\", \"verified Sender Identity\" or \"send as this sender\" from a relay: it takes only the sender addresses verified for the account it logged in as (or that mailbox may send as), in the envelope sender and in the From: and Sender: headers: verify the domain at the provider or grant the mailbox Send As, or rewrite this host's senders for the relay (smtp_generic_maps rewrites the envelope and headers the smtp client sends, sender_canonical_maps all mail); mail this host forwards keeps the original sender's From:, which such a relay refuses whatever the envelope (SRS rewrites only the envelope): rewrite the From: of forwarded mail to this domain, or send forwarded mail another way",
		Params: []string{"relayhost", "smtp_generic_maps", "sender_canonical_maps"}},
	// Exchange Online's 5.7.750 from a connector used as the relayhost:
	// the tenant relays only mail whose sender domain is one of its
	// accepted (added and verified) domains, and refuses the rest once
	// much of it is not. Its "Client blocked" is no listing of the IP.
	{Words: []string{"5.7.750", "sending from unregistered domain"}, Reply: true, Senders: true,
		Advice: "\"5.7.750 Client blocked from sending from unregistered domains\" from a Microsoft 365 relay (a connector used as the relayhost): the tenant relays only mail whose sender domain (the envelope sender's, or the From: header's) is one of its accepted domains, added and verified in the Microsoft 365 admin center (Settings, Domains), and it refuses this host's mail because much of it comes from domains the tenant has not registered; no list holds this host's IP, and delisting or slowing down changes nothing. Add and verify the sender domains the evidence names as accepted domains of the tenant; rewrite this host's own senders to a domain the tenant has (myorigin for mail without a domain, smtp_generic_maps for what goes out, sender_canonical_maps for all mail); mail this host passes on for other domains (forwarded mail, a customer's or an application's) must not go out through the tenant: route it another way (sender_dependent_relayhost_maps). Should the relay still refuse once the domains are registered, Microsoft's support lifts the block",
		Params: []string{"relayhost", "myorigin", "smtp_generic_maps", "sender_canonical_maps", "sender_dependent_relayhost_maps"},
		Title:  "Outbound: the relay refuses mail from sender domains its Microsoft 365 tenant has not registered"},
	// RFC 3463's X.6.1, "media not supported", as Exchange words it: the
	// next hop announced 8BITMIME in its EHLO reply, then refuses the
	// BODY=8BITMIME this host declared. What this host sends it, not the
	// message's size or the recipient.
	{Words: []string{"body type not supported"}, Reply: true,
		Advice: "\"Body type not supported\" (5.6.1) from the next hop: it announces 8BITMIME in its EHLO reply yet refuses mail sent as BODY=8BITMIME (older Microsoft Exchange, some appliances and filters). Have this host ignore the keyword toward that host alone: a transport of its own in master.cf (a copy of the smtp line under a new name, with -o smtp_discard_ehlo_keywords=8bitmime) and a transport_maps entry that sends the destination to it, postmap, postfix reload; Postfix then converts 8-bit bodies to 7-bit (quoted-printable) itself, as long as disable_mime_output_conversion stays no. smtp_discard_ehlo_keywords in main.cf would do so for every destination. A DKIM signature made before the conversion no longer verifies at the receiver: have the sending program encode its mail (quoted-printable or base64) where that matters",
		Params: []string{"smtp_discard_ehlo_keywords", "transport_maps", "disable_mime_output_conversion"}},
}

// SenderRefused tells whether a delivery's reason is a relay's refusal
// of the envelope sender's domain (a ConfigFailures entry marked
// Senders).
func SenderRefused(reason string) bool {
	low := strings.ToLower(reason)
	for i := range ConfigFailures {
		if f := &ConfigFailures[i]; f.Senders {
			for _, w := range f.Words {
				if strings.Contains(low, w) {
					return true
				}
			}
		}
	}
	return false
}

// configPats are the words Classify reads from ConfigFailures: the
// relay's replies, or the others.
func configPats(reply bool) [][]byte {
	var out [][]byte
	for _, f := range ConfigFailures {
		if f.Reply == reply && !f.Own {
			out = append(out, pats(f.Words...)...)
		}
	}
	return out
}

// AnvilLimit is one of our own smtpd's per-client limits that anvil(8)
// counts: how its refusal starts (case-sensitive, at the start of the
// message; smtpd.c), its class, the parameter it enforces and what it
// limits, in words. These warnings are inbound, whatever a remote reply
// might say.
type AnvilLimit struct {
	Prefix string
	Class  Class
	Param  string
	What   string
}

// AnvilLimits lists them; a refusal's record names its Param.
var AnvilLimits = [...]AnvilLimit{
	{"Connection concurrency limit exceeded", ClassInboundConnLimit, "smtpd_client_connection_count_limit", "simultaneous connections"},
	{"Connection rate limit exceeded", ClassInboundRateLimit, "smtpd_client_connection_rate_limit", "connection rate"},
	{"Message delivery request rate limit exceeded", ClassInboundRateLimit, "smtpd_client_message_rate_limit", "message rate"},
	{"Recipient address rate limit exceeded", ClassInboundRateLimit, "smtpd_client_recipient_rate_limit", "recipient rate"},
	{"New TLS session rate limit exceeded", ClassInboundRateLimit, "smtpd_client_new_tls_session_rate_limit", "new TLS session rate"},
	{"AUTH command rate limit exceeded", ClassInboundRateLimit, "smtpd_client_auth_rate_limit", "AUTH command rate"},
}

// anvilLimitOf is the AnvilLimits entry a message starts with, or nil.
func anvilLimitOf(text string) *AnvilLimit {
	for i := range AnvilLimits {
		if hasPrefix(text, AnvilLimits[i].Prefix) {
			return &AnvilLimits[i]
		}
	}
	return nil
}

// Classify returns the troubleshooting class of an error text: a delivery
// reason, a warning's message or a postqueue delay reason. A text that
// matches nothing is ClassOther; callers decide whether a text is an error.
func Classify(text string) Class {
	if l := anvilLimitOf(text); l != nil {
		return l.Class
	}
	// Lower-case into a stack buffer: no allocation on the hot path. Most
	// texts fit the small one, which costs less to clear.
	if len(text) <= 320 {
		var buf [320]byte
		return classifyLower(text, buf[:])
	}
	var buf [2048]byte
	return classifyLower(text, buf[:])
}

// nameByte marks the bytes where blankNames may find a name.
var nameByte = [256]bool{'[': true, '<': true, '=': true}

// classifyLower classifies text lower-cased into buf, as much as fits.
func classifyLower(text string, buf []byte) Class {
	n := min(len(text), len(buf))
	low := buf[:n]
	// One pass lower-cases and notes where names may start, so that
	// blanking visits only those places (as knownText does).
	var marks [24]uint16
	nm := 0
	hyphens := 0
	escapes := false
	for i := range low {
		c := lowerASCII[text[i]]
		low[i] = c
		if nameByte[c] {
			if nm < len(marks) {
				marks[nm] = uint16(i)
			}
			nm++
		} else if c == '-' {
			hyphens++
		} else if c == 0x1b {
			escapes = true
		}
	}
	if escapes {
		// A pasted line's colours (grep --color, ccze): Postfix writes
		// no escape, so they are the tool's and hide the words.
		low = dropEscapes(low)
		nm = len(marks) + 1 // the marks moved: blank where names start anew
	}
	if nm > len(marks) {
		blankNames(low)
	} else if nm > 0 {
		blankAt(low, marks[:nm])
	}
	if hyphens > 1 {
		low = dropReplyMarks(low)
	}
	best := len(classRules)
	postscreenReject := false
	own := ownLen(low)
	// One pass over the text: at each position, try only the patterns whose
	// first four bytes hash like the four found there. The four bytes
	// slide in one at a time (v holds them as quad reads them), and most
	// positions have no candidate at all.
	if len(low) >= 4 {
		v := uint32(low[0])<<8 | uint32(low[1])<<16 | uint32(low[2])<<24
		for i := 3; i < len(low) && best > 0; i++ {
			v = v>>8 | uint32(low[i])<<24
			if id := quadHead[quadHash(v)]; id != 0 {
				best, postscreenReject = classifyAt(low[i-3:], v, id, best, postscreenReject, own-(i-3))
			}
		}
	}
	// postscreen's own refusal, "NOQUEUE: reject: CONNECT from [ip]:port:
	// too many connections", is inbound.
	if postscreenReject && best == connLimitRule {
		return ClassInboundConnLimit
	}
	if best < len(classRules) {
		return classRules[best].class
	}
	if bareGreetingRefusal(low) {
		return ClassBlocklist
	}
	return ClassOther
}

// greetingRefused is smtp_proto.c's words for a server that answered the
// connection with an error instead of its greeting.
var greetingRefused = []byte("refused to talk to me: ")

// BareGreetingRefusal tells a line or reason whose server refused the
// connection with a 550 or 554 and no reason (bareGreetingRefusal).
func BareGreetingRefusal(text string) bool {
	return bareGreetingRefusal([]byte(strings.ToLower(text)))
}

// bareGreetingRefusal tells a 550 or 554 in place of the greeting with
// no reason, at most its enhanced code and the server's own name (mail
// gateways answer so): a policy refusal of this client's address, which
// a reason would have named otherwise. 50x (no SMTP as this host speaks
// it) and 521 (a host that takes no mail) are other things.
func bareGreetingRefusal(low []byte) bool {
	i := bytes.Index(low, greetingRefused)
	if i < 0 {
		return false
	}
	rest := low[i+len(greetingRefused):]
	if len(rest) < 3 || rest[0] != '5' || rest[1] != '5' || rest[2] != '0' && rest[2] != '4' || len(rest) > 3 && rest[3] != ' ' {
		return false
	}
	// Counted, not split: a slice of low kept (bytes.Fields') would move
	// the caller's stack buffer to the heap.
	words, first := 0, true
	rest = rest[3:]
	for len(rest) > 0 {
		rest = bytes.TrimLeft(rest, " \t")
		if len(rest) == 0 {
			break
		}
		end := bytes.IndexAny(rest, " \t")
		if end < 0 {
			end = len(rest)
		}
		w := rest[:end]
		// The enhanced status code, first, is no word of a reason.
		if !(first && isDigit(w[0]) && bytes.Count(w, []byte(".")) == 2) {
			words++
		}
		first, rest = false, rest[end:]
	}
	return words <= 1
}

// dropReplyMarks removes from a lower-cased reason the code and status
// that begin each further line of a multi-line SMTP reply, which Postfix
// joins with a space ("... regarding ptr 550-5.7.1 records ..."), so that
// the words a line break split are read together. The first line's mark
// stays: its status (4.7.28, 5.7.26) is read as the reply's. It works in
// place and returns the shortened text.
func dropReplyMarks(low []byte) []byte {
	seen := false
	w := 0
	for r := 0; r < len(low); {
		if n := replyMarkLen(low, r); n > 0 {
			if seen {
				r += n
				continue
			}
			seen = true
		}
		low[w] = low[r]
		w++
		r++
	}
	return low[:w]
}

// replyMarkLen is the length of the continuation mark at low[i] ("550-",
// "550-5.7.1 ", a 2xx to 5xx code after a space or at the start), or 0.
func replyMarkLen(low []byte, i int) int {
	if i+4 > len(low) || low[i+3] != '-' || low[i] < '2' || low[i] > '5' ||
		!isDigit(low[i+1]) || !isDigit(low[i+2]) || i > 0 && low[i-1] != ' ' {
		return 0
	}
	n := 4
	// The enhanced status code after it, as digits and dots, and the
	// space that ends the mark.
	j := i + 4
	for j < len(low) && (isDigit(low[j]) || low[j] == '.') {
		j++
	}
	if j > i+4 && j < len(low) && low[j] == ' ' {
		n = j + 1 - i
	} else if j == i+4 && j < len(low) && low[j] == ' ' {
		n = 5
	}
	return n
}

// classifyAt tries the patterns of chain id at the start of at, whose
// first four bytes are head, and returns the best rule so far and whether
// postscreen's refusal was seen. Most candidates share only the hash, and
// fail on head without a call. own is how many bytes of at are the
// daemon's own words: an ownClass pattern must end within them.
func classifyAt(at []byte, head uint32, id uint16, best int, postscreenReject bool, own int) (int, bool) {
	for ; id != 0; id = classPats[id-1].next {
		cp := &classPats[id-1]
		if cp.head != head || cp.own && len(cp.pat) > own || !bytes.HasPrefix(at, cp.pat) {
			continue
		}
		switch cp.special {
		case specialTooMany:
			if connLimitRule < best && tooManyConns(at) {
				best = connLimitRule
			}
		case specialPostscreen:
			postscreenReject = true
		case specialProviderCode:
			if cl := providerCodeClass(at); cl != ClassNone && int(firstRule[cl]) < best {
				best = int(firstRule[cl])
			}
		default:
			if int(cp.rule) < best {
				best = int(cp.rule)
			}
		}
	}
	return best, postscreenReject
}

// blankNames overwrites with spaces the host names and addresses in a
// lower-cased text: "host[ip]" pairs, "<address>" and "name=value", so a
// relay called mx.blocked.example or a recipient at greylist.example never
// decides the class; only the reply's own words do.
func blankNames(low []byte) {
	for i := 0; i < len(low); {
		if !nameByte[low[i]] {
			i++
			continue
		}
		i = blankOne(low, i)
	}
}

// blankOne blanks the name that the '[', '<' or '=' at i belongs to, if
// any, and returns where to look next.
func blankOne(low []byte, i int) int {
	switch low[i] {
	case '[':
		if i == 0 || low[i-1] == ' ' || low[i-1] == '(' {
			return i + 1 // "[TSS04]", "client host [ip]": reply text
		}
		// A quote before the name stays: it opens a quoted value
		// ("[relay.example]:587" as a table key), which the knowledge
		// base blanks as a whole by its two quotes.
		start := i
		for start > 0 && low[start-1] != ' ' && low[start-1] != '(' && low[start-1] != '"' {
			start--
		}
		end := bytes.IndexByte(low[i:], ']')
		if end < 0 {
			end = len(low) - i - 1
		}
		fill(low[start:i+end+1], ' ')
		return i + end + 1
	case '<':
		end := bytes.IndexByte(low[i:], '>')
		if end < 0 {
			return i + 1
		}
		fill(low[i:i+end+1], ' ')
		return i + end + 1
	case '=':
		if i >= 4 && string(low[i-4:i]) == "name" {
			end := bytes.IndexByte(low[i:], ' ')
			if end < 0 {
				end = len(low) - i
			}
			fill(low[i+1:i+end], ' ')
			return i + end
		}
	}
	return i + 1
}

func fill(b []byte, c byte) {
	for i := range b {
		b[i] = c
	}
}

// classPat is one pattern of classRules, chained with the others whose
// first four bytes hash alike.
type classPat struct {
	pat     []byte
	head    uint32 // the first four bytes, packed as quadHash takes them
	rule    uint8
	special uint8
	own     bool   // its rule's class is an ownClass
	next    uint16 // 1-based index of the next pattern with the same hash
}

// quad hashes four bytes into a table small enough to stay in L1 cache;
// collisions only add candidates that HasPrefix then rejects.
func quad(b []byte) uint16 {
	return quadHash(quadBytes(b))
}

// quadBytes packs the first four bytes of b little-endian.
func quadBytes(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// quadHash is quad of the four bytes packed little-endian in v.
func quadHash(v uint32) uint16 {
	return uint16((v * 2654435761) >> (32 - quadBits))
}

const quadBits = 11

const (
	specialTooMany    = 1 // "too many ": check tooManyConns there
	specialPostscreen = 2 // postscreen's "reject: connect from ["
	// specialProviderCode: Orange's and La Poste's "OFR006_102",
	// "LPN007_510": providerCodeClass reads the number after the '_'.
	specialProviderCode = 3
)

var (
	// firstRule is the index of each class's first rule, which a
	// provider's code (specialProviderCode) ranks as.
	firstRule     [NumClasses]uint8
	classPats     []classPat
	quadHead      [1 << quadBits]uint16 // 1-based index into classPats
	connLimitRule int
)

func init() {
	for i := range firstRule {
		firstRule[i] = uint8(len(classRules))
	}
	for ri, r := range classRules {
		if r.class == ClassConnLimit {
			connLimitRule = ri
		}
		if firstRule[r.class] == uint8(len(classRules)) {
			firstRule[r.class] = uint8(ri)
		}
		for _, p := range r.pats {
			if len(p) < 4 {
				panic("classifier pattern shorter than four bytes: " + string(p))
			}
			if len(classPats) >= 1<<16-1 {
				panic("too many classifier patterns for uint16 chains")
			}
			h := quad(p)
			classPats = append(classPats, classPat{pat: p, head: quadBytes(p), rule: uint8(ri), own: ownClass[r.class], next: quadHead[h]})
			quadHead[h] = uint16(len(classPats))
		}
	}
	for _, sp := range []struct {
		pat     string
		special uint8
	}{{"too many ", specialTooMany}, {"reject: connect from [", specialPostscreen},
		{"ofr_", specialProviderCode}, {"ofr0", specialProviderCode}, {"ofr1", specialProviderCode},
		{"lpn0", specialProviderCode}, {"lpn1", specialProviderCode}, {"lpna", specialProviderCode}} {
		h := quad([]byte(sp.pat))
		classPats = append(classPats, classPat{pat: []byte(sp.pat), head: quadBytes([]byte(sp.pat)), special: sp.special, next: quadHead[h]})
		quadHead[h] = uint16(len(classPats))
	}
}

// tooManyConns matches, at the start of low, "too many (concurrent |smtp |simultaneous |open )*(connections|sessions)".
func tooManyConns(low []byte) bool {
	rest := low[len("too many "):]
	for {
		switch {
		case bytes.HasPrefix(rest, []byte("concurrent ")):
			rest = rest[len("concurrent "):]
		case bytes.HasPrefix(rest, []byte("smtp ")):
			rest = rest[len("smtp "):]
		case bytes.HasPrefix(rest, []byte("simultaneous ")):
			rest = rest[len("simultaneous "):]
		case bytes.HasPrefix(rest, []byte("open ")):
			rest = rest[len("open "):]
		default:
			return bytes.HasPrefix(rest, []byte("connection")) || bytes.HasPrefix(rest, []byte("session"))
		}
	}
}

// ProviderCodes are the reasons that Orange (orange.fr, wanadoo.fr) and
// La Poste (laposte.net) end their replies with, as a label, a '_' and
// three digits ("OFR006_102", "LPN007_510", "OFR_999"): the digits say
// why, whatever the words before them (often only "Service refused,
// please try later"). From Orange's postmaster codes as bounce
// classifiers record them: 101, 102, 103, 510 and 999 block the sending
// IP (a listing, spam from it); 104 counts its connections; 506 is a
// spam verdict on the message; 401 and 517 fail SPF and DMARC; 416 and
// 417 are a recipient that does not exist or is full; 514 a message too
// big. Codes not listed here are read by their words.
var ProviderCodes = map[string]Class{
	"101": ClassBlocklist, "102": ClassBlocklist, "103": ClassBlocklist, "510": ClassBlocklist, "999": ClassBlocklist,
	"104": ClassConnLimit, "506": ClassContent, "401": ClassSenderAuth, "517": ClassSenderAuth,
	"416": ClassRecipient, "417": ClassRecipient, "514": ClassMessageSize,
}

// providerCodeClass reads, at the start of low, a provider's code
// ("ofr006_102": its label's letters, up to four more letters or digits,
// '_', three digits that no further digit follows) and returns the class
// ProviderCodes gives it, or ClassNone.
func providerCodeClass(low []byte) Class {
	i := 3
	for i < len(low) && i < 8 && low[i] != '_' && (isDigit(low[i]) || low[i] >= 'a' && low[i] <= 'z') {
		i++
	}
	if i+4 > len(low) || low[i] != '_' || !isDigit(low[i+1]) || !isDigit(low[i+2]) || !isDigit(low[i+3]) ||
		i+4 < len(low) && isDigit(low[i+4]) {
		return ClassNone
	}
	return ProviderCodes[string(low[i+1:i+4])]
}

// dropEscapes removes from text, in place, the ANSI control sequences
// that terminals read as colours and erasures (ESC '[', parameter and
// intermediate bytes, a final byte), and any other ESC, and returns the
// shortened text.
func dropEscapes(text []byte) []byte {
	w := 0
	for r := 0; r < len(text); {
		if text[r] != 0x1b {
			text[w] = text[r]
			w++
			r++
			continue
		}
		r++
		if r < len(text) && text[r] == '[' {
			j := r + 1
			for j < len(text) && text[j] >= 0x20 && text[j] <= 0x3f {
				j++
			}
			if j < len(text) && text[j] >= 0x40 && text[j] <= 0x7e {
				r = j + 1
			}
		}
	}
	return text[:w]
}
