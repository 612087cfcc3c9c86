package sources

import "time"

// Event says what kind of Postfix line a Record holds.
type Event uint8

const (
	EvUnknown      Event = iota // a Postfix line of no shape we model
	EvOther                     // a line from another program (dovecot, amavis, ...)
	EvInvalid                   // a line we cannot read at all
	EvDelivery                  // to=<...>, relay=..., status=...
	EvAttempt                   // a failed connection or reply to a non-final MX, no status
	EvConnect                   // smtpd/postscreen "connect from"
	EvDisconnect                // smtpd "disconnect from"
	EvLostConn                  // smtpd "lost connection after" / "timeout after"
	EvClient                    // smtpd "QID: client="
	EvReject                    // NOQUEUE/QID reject, milter-reject, discard
	EvCleanup                   // cleanup message-id, resent-message-id
	EvPickup                    // pickup uid= from=
	EvQmgr                      // qmgr from=, size=, nrcpt= (queue active)
	EvRemoved                   // qmgr "QID: removed"
	EvExpired                   // qmgr from=..., status=expired, returned to sender
	EvBounce                    // sender non-delivery / delay / success notification
	EvClog                      // qmgr "mail for X is using up N of M active queue entries"
	EvVersion                   // master daemon started / reload -- version
	EvCompat                    // "using backwards-compatible default setting"
	EvAnvil                     // anvil statistics
	EvPostscreen                // postscreen CONNECT/PASS/reject/DNSBL/...
	EvTLS                       // "TLS connection established/reused"
	EvProcessLimit              // master "has reached its process limit"
	EvWarning                   // any other warning/error/fatal/panic
	EvMaster                    // other master/postfix-script lifecycle lines
	EvQueueAdmin                // postsuper: placed on hold, released, deleted, requeued
	EvStatistics                // scache and other "statistics:" lines
	EvSASL                      // smtpd SASL authentication lines
	EvSession                   // other session detail: EHLO keywords, proxy-accept, PIX
	evCount
)

var eventNames = [evCount]string{
	"unknown", "other", "invalid", "delivery", "attempt", "connect", "disconnect",
	"lost_connection", "client", "reject", "cleanup", "pickup", "qmgr", "removed",
	"expired", "bounce", "clog", "version", "compat", "anvil", "postscreen", "tls",
	"process_limit", "warning", "master", "queue_admin", "statistics", "sasl", "session",
}

func (e Event) String() string {
	if e < evCount {
		return eventNames[e]
	}
	return "unknown"
}

// Severity is the prefix Postfix puts before a message; info has none.
type Severity uint8

const (
	SevInfo Severity = iota
	SevWarning
	SevError
	SevFatal
	SevPanic
)

var severityNames = [...]string{"info", "warning", "error", "fatal", "panic"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "info"
}

// Status is the status= field of a delivery record.
type Status uint8

const (
	StatusNone Status = iota
	StatusSent
	StatusDeferred
	StatusBounced
	StatusExpired
	StatusOther // deliverable, undeliverable (address verification), ...
)

var statusNames = [...]string{"", "sent", "deferred", "bounced", "expired", "other"}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return ""
}

// Record is one parsed log line. String fields are substrings of the line
// given to Parse: whoever keeps one past the line copies it (the analyzers
// do).
//
// The fields the analyzers read for every record come first, in the
// record's first 64 bytes and the next: a record is written by a parse
// worker on one core and read by the analyzers on another, so each
// cache line of it they touch is a transfer.
type Record struct {
	// The small fields fill one word together.
	Severity Severity
	Event    Event
	Class    Class
	Status   Status // delivery records: the status= field
	// Suspended (delivery records): the reason starts "delivery
	// temporarily suspended:".
	Suspended bool
	// Failed marks a line whose parsing panicked: Event is EvInvalid and
	// Reason carries the panic.
	Failed bool
	// Known is 1 + the index of the KnownMessages entry the message
	// matched, or 0.
	Known uint16
	// Time is zero when the line carries no readable timestamp (pasted
	// without its syslog header) and no container runtime gave one.
	Time    time.Time
	QueueID string
	// SyslogName is the tag less its last element (postfix, postfix-out,
	// postfix/submission); Daemon is the last element (smtpd).
	Daemon string
	PID    int
	Size   int64 // qmgr: the message's size

	// Delivery records.
	Domain             string
	RelayHost, RelayIP string
	RelayPort          int
	Delay              float64
	To, OrigTo         string
	Relay              string // as logged: host[ip]:port or none
	ConnUse            int
	Delays             [4]float64
	TLS                string // tls= of Postfix 3.11
	DSN                string
	Code               int // SMTP reply code in the reason, 0 if none

	Line       string // the input line less a container prefix (truncated to MaxLineLen)
	Host       string
	Program    string // the whole tag: postfix/submission/smtpd; BareProgram for a bare message
	SyslogName string

	Message string // the text after the tag, severity and queue id
	Reason  string // why: invalid line, delivery reason, or warning text

	// Client side: smtpd connect/disconnect/reject, postscreen, anvil.
	ClientName, ClientIP string
	Commands             int // disconnect commands=N
	// AuthOK (disconnect): an AUTH command of the session worked
	// (auth=N or auth=N/M with N at least 1).
	AuthOK bool
	// SASLUser is smtpd's sasl_username= on a "QID: client=" line: the
	// login that submitted the message.
	SASLUser string

	// qmgr, with Size above.
	From  string
	Nrcpt int

	// Clog warning, process limit, anvil and other counted values.
	Count, Limit int
	Service      string // master service name, anvil/smtpd service
	RateWindow   int    // anvil rate window in seconds
	// ServiceType is a process-limit warning's master.cf type: pass
	// when the master names the service by its socket (private/smtpd),
	// else inet.
	ServiceType string

	// Version and compat.
	Version, ConfigDir string
	Param              string // compat: the parameter, e.g. smtp_tls_security_level; an anvil refusal: the limit's (AnvilLimits)
}

// SenderLost tells a qmgr record whose sender's "<address>" a web page
// dropped as an HTML tag ("from=,"): an unknown sender, not the null one
// (From is empty for both). Read from the message rather than kept in a
// field: every record would carry it.
func (r *Record) SenderLost() bool { return r.From == "" && hasPrefix(r.Message, emptySender) }
