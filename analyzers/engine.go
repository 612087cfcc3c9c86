package analyzers

import (
	"net"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"mxtop/sources"
)

// VersionSeen is one entry of the version timeline.
type VersionSeen struct {
	Version   string    `json:"version"`
	FirstSeen time.Time `json:"first_seen"`
	Reload    bool      `json:"reload"`
}

// CompatWarning counts "using backwards-compatible default setting" lines.
type CompatWarning struct {
	Param string
	Count int
	First time.Time
	Line  string
	// Loggers are the syslog names and programs that logged it, at most
	// maxCompatLoggers; LoggersCut says more did. A master.cf -o settles
	// the notice only for the services behind them.
	Loggers    []CompatLogger
	LoggersCut bool
}

// CompatLogger is where a notice came from: Record.SyslogName and Daemon.
type CompatLogger struct{ SyslogName, Program string }

// Postfix logs about fifteen such parameters, each from a few services;
// a log naming others cannot grow the engine past these.
const (
	maxCompatLoggers      = 8
	maxUnknownCompatNames = 16
)

// logger notes where r came from.
func (c *CompatWarning) logger(r *sources.Record) {
	for _, l := range c.Loggers {
		if l.SyslogName == r.SyslogName && l.Program == r.Daemon {
			return
		}
	}
	if len(c.Loggers) >= maxCompatLoggers {
		c.LoggersCut = true
		return
	}
	c.Loggers = append(c.Loggers, CompatLogger{strings.Clone(r.SyslogName), strings.Clone(r.Daemon)})
}

// LogEntry is one line of the live log pane: warnings, errors, failed
// deliveries.
type LogEntry struct {
	Time  time.Time
	Class sources.Class
	Sev   sources.Severity
	Line  string
}

// ClogWarning is the qmgr's "mail for X is using up N of M active queue
// entries".
type ClogWarning struct {
	Domain      string
	Count       int
	Limit       int
	Last        time.Time
	Occurrences int
}

const (
	maxLogEntries = 500
	loadSamples   = 450 // 15 minutes at 2 s
	queueSamples  = 360 // an hour at 10 s
)

// QueuePoint is one queue reading of the trend.
type QueuePoint struct {
	Time   time.Time
	Counts map[string]int
}

// Engine feeds every analyzer and holds their state.
type Engine struct {
	Dest    *Destinations
	Inbound *Inbound
	// Gateway watches the port-25 service for clients that arrive as one
	// private address (NAT, a container's port publishing).
	Gateway *Gateway
	Totals  *Totals
	Waits   *Waits
	// Submit traces mail refused for our reputation to who submitted
	// it, through Totals' per-message state.
	Submit *Submitters
	Config *sources.Config
	// ConfigDir is the configuration directory of the instance read
	// when it is not the default one (--config-dir, --instance): the
	// hints' Postfix commands take it as -c.
	ConfigDir string
	// Container is the container Postfix runs in (--docker), "" for
	// Postfix on this host: the hints' commands are evaluated as for any
	// Postfix, and ForHost shows them as they run from the host.
	Container string
	// ContainerNetwork is that container's network mode as the machine's
	// readings last gave it (host: it shares this host's network), ""
	// not known. It is the container's setting, not a reading of the
	// moment: DropHost keeps it.
	ContainerNetwork string
	// instanceDirs are the configuration directories of the host's
	// instances by the syslog name of their lines (SetInstances).
	instanceDirs map[string]string
	// ReadReversed: the log ran newest first and its lines were fed last
	// first, in time order (the report says so).
	ReadReversed bool
	// prevTime is the last new time a line brought; backSteps and
	// forwardSteps count the times that were before and after it.
	prevTime                time.Time
	backSteps, forwardSteps int64
	// hosts are the host names of the Postfix lines, up to maxHosts
	// (moreHosts: there were more); lastHost is the last one noted.
	hosts     []string
	lastHost  string
	moreHosts bool
	// instances are the syslog names' first elements (postfix-out of
	// postfix-out/smtp) of the Postfix lines, up to maxInstanceNames.
	instances []string
	Machine   *sources.MachineReading
	Queue     *sources.QueueSnapshot

	Classes   [sources.NumClasses]int
	ClassRing [sources.NumClasses]MinuteRing
	// OutClasses and OutClassRing count the classes of our deliveries'
	// failures alone (delivery records and failed tries at one MX): the
	// outbound hints read them, not our smtpd's refusals or warnings.
	OutClasses   [sources.NumClasses]int
	OutClassRing [sources.NumClasses]MinuteRing
	// outClassAt is when each of them last came.
	outClassAt [sources.NumClasses]time.Time
	// SuspendedConns counts the deferrals that repeated a failed
	// connection ("delivery temporarily suspended: connect to ...")
	// while the queue manager held the destination suspended, left out
	// of OutClasses and Samples: no connection was tried for them.
	SuspendedConns seen
	// localSuspended counts those of LocalConnFail's that repeated a
	// failure while the destination was suspended: out of OutClasses too.
	localSuspended int
	// RepeatedTries counts, by class, the deliveries whose reason repeats
	// the failed connection their smtp process logged just before them
	// ("connect to HOST[IP]:PORT: ..."): one connection, already counted
	// by its own line. lastTry is each process's latest such line.
	RepeatedTries [sources.NumClasses]int
	lastTry       map[int]failedTry
	// replies is each smtp process's latest remote reply to a try for a
	// message, at most maxLastTries processes: what its destination is
	// filed under when the status line names only a later try that
	// failed here (replyBefore).
	replies map[int]replyTry
	// TrySamples are up to 3 failed tries at one server per class: the
	// lines no destination keeps when the log lacks their deferral.
	TrySamples [sources.NumClasses][]string
	// TryHosts are up to 4 servers per class that answered those tries:
	// what the throttling hints can name when no delivery line gives the
	// recipient domain.
	TryHosts [sources.NumClasses][]string
	Lines    int64
	Postfix  int64
	// Tagged counts the Postfix records that carry a pid, as every line
	// Postfix logs does, are a message pasted bare, or have a shape only
	// a Postfix daemon writes (a paste whose tags lost their pids): a
	// file that is not a mail log (/etc/passwd's "postfix:x:...") has none.
	Tagged  int64
	Invalid int64
	// MasterStarted is when the master last logged "daemon started": a
	// stop or failed start before it is over.
	MasterStarted time.Time
	// DaemonsLogged is when a daemon only the master runs (masterDaemon)
	// last logged a line: a master ran then.
	DaemonsLogged time.Time
	Versions      []VersionSeen
	Compat        map[string]*CompatWarning
	// CompatNotices counts postfix(1)'s notice that compatibility_level
	// is below this version's, which names no parameter.
	CompatNotices               int
	compatUnknown               int // parameters in Compat that compatDefaults lacks
	Clog                        map[string]*ClogWarning
	Log                         []LogEntry // ring, oldest first after Recent()
	logNext                     int
	LoadHistory                 []sources.MachineReading
	QueueTrend                  []QueuePoint
	Samples                     map[sources.Class][]string // up to 3 lines per class
	ConnUse, SentTLS, SentTotal int
	// SentUntrusted and SentTrusted count the smtp client's TLS sessions
	// by the trust it logged: Untrusted (no chain to a CA it trusts),
	// Trusted or Verified; UntrustedLine is the first Untrusted one.
	SentUntrusted, SentTrusted int
	UntrustedLine              string
	// trustedHosts holds the servers (lower case) the smtp client logged a
	// Trusted session with: the chain verified, the name did not match.
	trustedHosts map[string]bool
	// daneMismatchHosts holds the servers (lower case) whose certificates
	// matched none of their destination's DANE TLSA records.
	daneMismatchHosts map[string]bool
	PeakSockets       map[string]int // domain -> peak outbound sockets

	First, Now time.Time
	// Latest is the newest Postfix line's time: a live view's clock moves
	// Now past it.
	Latest time.Time

	// Counters for metrics: monotonic totals since the engine started.
	// Export, when set (metrics are served), counts what postfix_exporter
	// counts; the others are mxtop's wider view: every delivery agent and
	// every smtpd, by logged tag.
	Export            *ExporterCounts
	Deliveries        map[TagStatus]uint64  // delivery records by tag and status
	Smtpd             map[string]*[2]uint64 // smtpd connects, disconnects by tag
	DeferredByDSN     map[string]uint64     // smtp/lmtp/error deferrals by DSN (at most 200 codes, then "other")
	PostscreenRejects map[string]uint64     // by reason
	// Destination error counters for metrics: the first MetricDests
	// domains to fail keep their own series for good, the rest add to
	// "other", so no counter ever goes down and cardinality stays bounded.
	DroppedRecords uint64 // records the log source dropped (set by the caller)
	// NoCounters, set by a report, skips the counters only metrics read
	// (Deliveries, Smtpd, DeferredByDSN, PostscreenRejects, DestErrors).
	NoCounters bool
	// Horizon, when set, is the latest time a line may carry (a day
	// after now, set by the caller from its clock): a line dated past it
	// (a host's clock ahead, a bad stamp) is counted in Ahead and moves
	// neither the window's end nor Now, whose rates would all fall to 0
	// behind it.
	Horizon       time.Time
	Ahead         int64
	MetricDests   int
	DestErrors    map[string]*[sources.NumClasses]uint64
	OtherDestErrs [sources.NumClasses]uint64

	// Version change inside the window: totals when it happened.
	ChangeAt        time.Time
	ChangeFrom      string
	ChangeTo        string
	classesAtChange [sources.NumClasses]int
	hints           *hintState

	// The knowledge base: counts per entry (indexed like
	// sources.KnownMessages), fatal lines it does not know, and the last
	// fatal line a crash may refer to.
	Known map[KnownKey]*KnownSeen
	// probes: verify(8)'s probes that failed, for the refusals they explain.
	probes       probeLog
	UnknownFatal FatalSeen
	// lookupByType counts the lookup failures whose lines name a table,
	// by the table's type (at most maxLookupTypes types).
	lookupByType map[string]*seen
	// ExpiredMsgs counts qmgr's "status=expired, returned to sender":
	// mail that waited out maximal_queue_lifetime.
	ExpiredMsgs seen
	// HeldMsgs counts cleanup's HOLD actions (header_checks, body_checks,
	// access tables, milters): mail put in the hold queue, where it waits
	// until postsuper -H releases it; ReleasedMsgs counts those releases.
	HeldMsgs, ReleasedMsgs seen
	// HeaderRejects and BodyRejects count the messages cleanup refused
	// or discarded for a header_checks (mime_, nested_) or body_checks
	// rule, after smtpd had taken them; AcceptedRing counts by minute
	// the messages received (Totals.Received: smtpd's client=,
	// pickup's), which they are weighed against.
	HeaderRejects, BodyRejects seen
	AcceptedRing               MinuteRing
	lastFatal                  lastFatal
	// warnings are the last warnings processes logged, for the replies
	// that report them (Known.AfterWarning).
	warnings recentWarnings
	// lastRefused is the most recent line that says a master runs
	// already (Known.MasterRuns), until a fatal line comes after it.
	lastRefused lastFatal
	// hangups are the last postscreen sessions that hung up in its tests
	// after the greeting, until a PASS NEW names one of them.
	hangups     [maxHangups]hangupEnd
	hangupsNext int
	// ConnFailHosts counts failed connections per next-hop host name,
	// including the tries at non-final MX hosts that name no recipient.
	ConnFailHosts map[string]int
	// LocalConnFail counts failed connections to loopback or socket next
	// hops: this host's own services.
	LocalConnFail FatalSeen
	// siteLMTP holds up to 3 of those next hops (address:port) that are
	// LMTP servers on this site's network rather than this host's own.
	siteLMTP []string
	// RemoteConnFail counts, by class, the failed connections to next
	// hops elsewhere that were tried (not a suspended destination's
	// repeats, not a repeat of its process's own line), and
	// RemoteConnSamples keeps up to 3 lines of each: the outbound
	// connections a firewall could stop, without this host's own
	// services.
	RemoteConnFail    [sources.NumClasses]int
	RemoteConnSamples [sources.NumClasses][]string
	// RemoteConnRing and remoteConnRecs count every line of those classes
	// at next hops elsewhere, as ClassRing and Classes count all: the
	// firewall hint's weight.
	RemoteConnRing MinuteRing
	remoteConnRecs int
	// bigFailAt is the last failed connection at each big provider's host
	// (of ConnFailHosts), and Sent25At the last delivery a server
	// elsewhere took on port 25: mail out since then, or shortly before,
	// shows the port open however those hosts fail.
	bigFailAt map[string]time.Time
	Sent25At  time.Time
	// LocalSessionFail counts sessions with such next hops that opened
	// and then broke off or timed out: the service took the connection
	// but could not serve it.
	LocalSessionFail FatalSeen
	// LocalDeferred counts deliveries to such next hops that the service
	// itself deferred with a 4xx reply: it runs but refuses the mail for
	// now (a content filter whose scanners fail).
	LocalDeferred FatalSeen
	// RemoteFault counts deliveries that a next hop elsewhere deferred or
	// refused for a fault of its own (ClassRemoteFault); a next hop of
	// this site's own counts in LocalDeferred.
	RemoteFault seen
	// ContentRefused counts deliveries that a next hop elsewhere refused
	// for the message's content (ClassContent).
	ContentRefused seen
	// Resent keeps the messages the smtp client deferred after their end
	// of data, which the receiver may have taken already.
	Resent resentTracker
	// UnknownRecipients counts the smtp client's deliveries bounced
	// because the recipient does not exist at a server elsewhere (5.1.x),
	// of mail this site's senders sent: not Postfix's own notices (the
	// null sender), nor backscatter (Totals.AcceptedUnknown).
	UnknownRecipients seen
	// hopRefused counts, by next hop, the deliveries a HopDown entry
	// (the relayhost refusing the login) failed since the last delivery
	// that went through that hop: at most maxHopRefused hops.
	hopRefused map[string]int
	// sessionRefused counts the sessions a SessionDown entry refused
	// since smtpd last accepted a message.
	sessionRefused int
	// SmtpdAccepted counts the messages smtpd accepted (client=), by
	// minute in its ring, and acceptEpoch moves on with each: what a
	// knowledge-base entry's refusals are weighed against.
	SmtpdAccepted     int
	SmtpdAcceptedRing MinuteRing
	acceptEpoch       uint64
	// sessions tells the knowledge base's lines that repeat a hint in an
	// smtpd session from those that begin it.
	sessions smtpdSessions
	// PermanentDeferred counts deliveries deferred on a 5xx reply: what
	// soft_bounce = yes keeps queued (and a 5xx greeting, which Postfix
	// defers by itself).
	PermanentDeferred seen
	tags, smtpdTags   map[string]string // each tag counted to its own copy: delivery agents', smtpd's
	notice            noticeState

	Failures Failures
	// Tests set these to make analysis or hint evaluation panic.
	feedFault func(*sources.Record)
	hintFault func(id string)
}

// NewEngine returns an engine tracking at most maxDest destinations.
func NewEngine(maxDest int) *Engine {
	e := &Engine{
		Dest: NewDestinations(maxDest), Inbound: NewInbound(), Gateway: NewGateway(), Totals: NewTotals(0), Waits: newWaits(),
		Submit: &Submitters{},
		Compat: map[string]*CompatWarning{}, Clog: map[string]*ClogWarning{},
		Samples: map[sources.Class][]string{}, PeakSockets: map[string]int{},
		hints: newHintState(), tags: map[string]string{}, smtpdTags: map[string]string{},
		DeferredByDSN: map[string]uint64{}, PostscreenRejects: map[string]uint64{},
		Deliveries: map[TagStatus]uint64{}, Smtpd: map[string]*[2]uint64{},
		MetricDests: 50, DestErrors: map[string]*[sources.NumClasses]uint64{},
		ConnFailHosts: map[string]int{}, Known: map[KnownKey]*KnownSeen{},
	}
	e.Totals.Submit = e.Submit
	return e
}

// Feed takes one parsed record. Records must come in log order. The engine
// copies whatever it keeps, so the record and its line may be reused.
func (e *Engine) Feed(r *sources.Record) {
	e.Lines++
	if e.Export != nil {
		e.Export.Feed(r.Line)
	}
	switch r.Event {
	case sources.EvOther:
		// Another program's line counts only when the knowledge base
		// has an entry for it (Dovecot's, the mailbox server's).
		if r.Known != 0 {
			e.feedKnown(r)
		}
		// An SPF policy service's verdict names the client it judged.
		e.Gateway.Feed(r, e.Config)
		return
	case sources.EvInvalid:
		e.Invalid++
		if r.Failed {
			e.failLine(r, r.Reason)
		}
		return
	}
	e.Postfix++
	if r.PID > 0 || r.Daemon == "" || postfixShape(r.Event) {
		e.Tagged++
	}
	if r.Daemon == "" && e.notice.repeat(r) {
		return
	}
	// Most records carry the time of the latest before them: then
	// neither First, Latest nor Now can change (== is only a quick test;
	// Now is never before Latest).
	if r.Time != e.Latest && !r.Time.IsZero() {
		// The hosts and instances a log holds are looked for once a
		// second, not on every line: off the common path; one that logs
		// more than now and then starts some second's lines.
		if r.Host != e.lastHost && r.Host != "" {
			e.noteHost(r.Host)
		}
		switch {
		case e.prevTime.IsZero():
		case r.Time.Before(e.prevTime):
			e.backSteps++
		case r.Time.After(e.prevTime):
			// Not on a time equal to the last: in a log listed newest
			// first, every line after the first of its second has one.
			e.forwardSteps++
		}
		e.prevTime = r.Time
		if sn := r.SyslogName; len(sn) > 0 && !(strings.HasPrefix(sn, "postfix") && (len(sn) == 7 || sn[7] == '/')) {
			e.noteInstance(r)
		}
		switch {
		case !e.Horizon.IsZero() && r.Time.After(e.Horizon):
			e.Ahead++
		case e.First.IsZero():
			e.First, e.Latest = r.Time, r.Time
			if r.Time.After(e.Now) {
				e.Now = r.Time
			}
		case r.Time.After(e.Latest):
			e.Latest = r.Time
			if r.Time.After(e.Now) {
				e.Now = r.Time
			}
		}
	}
	if r.Time.After(e.DaemonsLogged) && masterDaemon(r.Daemon) {
		e.DaemonsLogged = r.Time
	}
	if logged(r) {
		e.addLog(r)
	}
	if r.Class != sources.ClassNone {
		e.Classes[r.Class]++
		e.ClassRing[r.Class].Add(r.Time, 1)
		if connClass(r.Class) && !siteHop(r) {
			e.remoteConnRecs++
			e.RemoteConnRing.Add(r.Time, 1)
		}
		// The queue manager repeating a failure while it holds the
		// destination suspended tried nothing: connFailure counts
		// those repeats apart.
		if !r.Suspended || r.Event != sources.EvDelivery {
			if s := e.Samples[r.Class]; len(s) < 3 {
				e.Samples[r.Class] = append(s, e.loggedLine(r))
			}
			if r.Event == sources.EvDelivery || r.Event == sources.EvAttempt {
				e.OutClasses[r.Class]++
				e.OutClassRing[r.Class].Add(r.Time, 1)
				if r.Time.After(e.outClassAt[r.Class]) {
					e.outClassAt[r.Class] = r.Time
				}
			}
		}
		if connClass(r.Class) && (r.Event == sources.EvDelivery || r.Event == sources.EvAttempt) && !(r.Suspended && r.Event == sources.EvDelivery) &&
			len(e.RemoteConnSamples[r.Class]) < 3 && !siteHop(r) {
			e.RemoteConnSamples[r.Class] = append(e.RemoteConnSamples[r.Class], e.loggedLine(r))
		}
		if r.Event == sources.EvAttempt && len(e.TrySamples[r.Class]) < 3 {
			e.TrySamples[r.Class] = append(e.TrySamples[r.Class], e.loggedLine(r))
		}
		if h := r.RelayHost; r.Event == sources.EvAttempt && h != "" && len(e.TryHosts[r.Class]) < 4 && !slices.Contains(e.TryHosts[r.Class], h) {
			e.TryHosts[r.Class] = append(e.TryHosts[r.Class], strings.Clone(h))
		}
	}
	if !e.NoCounters {
		e.count(r)
	}
	e.Totals.Feed(r)
	if r.Daemon == "postscreen" && strings.HasPrefix(r.Message, "PASS NEW [") {
		e.passedAfterHangup(r.Message[len("PASS NEW "):])
	}
	switch {
	case r.Daemon != "smtpd":
	case r.Event == sources.EvConnect:
		e.sessions.open(r)
	case r.Event == sources.EvDisconnect:
		e.sessions.close(r)
	}
	ownBreak := ownPathBreak(r)
	if r.Known != 0 && !ownBreak || r.Severity >= sources.SevFatal {
		e.feedKnown(r)
	} else if r.Severity == sources.SevWarning || r.Severity == sources.SevError {
		// A warning the knowledge base does not know may be the one a
		// reply after it reports: it hides an older one of the process.
		e.warnings.add(r, KnownKey{}, false)
	}
	switch r.Class {
	case sources.ClassConnectTimeout, sources.ClassConnectRefused, sources.ClassUnreachable:
		// Only our deliveries' connections: smtpd's to a policy server
		// or a milter are a local service's trouble, which its own
		// warnings name.
		if (r.Event == sources.EvDelivery || r.Event == sources.EvAttempt) && !e.repeatsTry(r) {
			e.connFailure(r)
		}
	case sources.ClassLostConnection:
		// A content filter on loopback whose processes are all busy, or
		// that died mid-message, breaks its sessions whatever domain the
		// recipient has. The knowledge base names the mailbox server's
		// (lmtp) own.
		if (r.Event == sources.EvDelivery || r.Event == sources.EvAttempt) && (ownBreak || r.Known == 0 && ownNextHop(sessionHop(r))) {
			e.LocalSessionFail.add(r)
		}
	}
	// The knowledge base reads the mailbox server's (lmtp) replies itself,
	// and a reply of a class (a limit, greylisting) has that class's rule.
	if r.Event == sources.EvDelivery && r.Status == sources.StatusDeferred && r.Known == 0 &&
		(r.Class == sources.ClassNone || r.Class == sources.ClassOther || r.Class == sources.ClassRemoteFault || r.Class == sources.ClassContent) &&
		r.Code >= 400 && r.Code < 500 && ownNextHop(r.RelayHost, r.RelayIP) {
		e.LocalDeferred.add(r)
	} else if r.Class == sources.ClassRemoteFault && (r.Event == sources.EvDelivery || r.Event == sources.EvAttempt) && !ownNextHop(r.RelayHost, r.RelayIP) {
		e.RemoteFault.add(r)
	} else if r.Class == sources.ClassContent && (r.Event == sources.EvDelivery || r.Event == sources.EvAttempt) && r.Daemon != "lmtp" && !ownNextHop(r.RelayHost, r.RelayIP) {
		e.ContentRefused.add(r)
	}
	e.Resent.feed(r)
	if unknownRecipient(r) && !ownNextHop(r.RelayHost, r.RelayIP) {
		if !e.Totals.notOwnMail(r, e.Config) {
			e.UnknownRecipients.add(r)
		}
	} else if r.Status == sources.StatusDeferred && r.Code >= 500 && r.Code < 600 && r.Event == sources.EvDelivery {
		e.PermanentDeferred.add(r)
	}
	e.feedEvent(r)
	e.Inbound.Feed(r)
	e.Gateway.Feed(r, e.Config)
}

// unknownRecipient tells the smtp client's bounce for a recipient the
// receiver does not have (RFC 3463 X.1.x: bad mailbox, bad system, null
// MX).
func unknownRecipient(r *sources.Record) bool {
	// A receiver's verdict on a sender that mails many addresses it
	// does not have may carry a 5.1.1 for a recipient that exists.
	if r.Status != sources.StatusBounced || r.Event != sources.EvDelivery || r.Daemon != "smtp" || r.Class == sources.ClassBadRecipients {
		return false
	}
	// Receivers that do not say 5.1.x for a recipient they lack (Yahoo,
	// Exchange Online's directory-based edge blocking) say it in words.
	return strings.HasPrefix(r.DSN, "5.1.") ||
		r.Class == sources.ClassRecipient && containsAny(strings.ToLower(r.Reason), sources.RecipientMissingWords)
}

// ownPathBreak tells a session with this host's own next hop (a content
// filter on loopback, a socket) that broke where the knowledge base reads
// trouble on a network path (a path MTU black hole, a firewall): a
// loopback has neither, so the break is the local service's.
func ownPathBreak(r *sources.Record) bool {
	if r.Known == 0 || r.Class != sources.ClassLostConnection || int(r.Known) > len(sources.KnownMessages) ||
		sources.KnownMessages[r.Known-1].Hint != "firewall" {
		return false
	}
	return ownNextHop(sessionHop(r))
}

// sessionHop is the next hop of a session that broke: the one its reason
// names, else the record's relay.
func sessionHop(r *sources.Record) (host, ip string) {
	if host, ip = sessionTarget(r.Reason); host == "" {
		host, ip = r.RelayHost, r.RelayIP
	}
	return host, ip
}

// failedTry is a failed connection's line: its reason and time.
type failedTry struct {
	reason string
	at     time.Time
}

// maxLastTries bounds the processes whose latest failed connection is
// kept; past it the table starts again.
const maxLastTries = 1024

// repeatsTry tells a delivery whose reason repeats the failed connection
// its process logged last, within seconds (every recipient of the
// message that connection was for), and counts it in RepeatedTries; it
// keeps a failed connection's own line for the deliveries after it.
func (e *Engine) repeatsTry(r *sources.Record) bool {
	if r.PID <= 0 || r.Suspended {
		return false
	}
	if r.Event == sources.EvAttempt {
		if e.lastTry == nil || len(e.lastTry) >= maxLastTries {
			e.lastTry = map[int]failedTry{}
		}
		e.lastTry[r.PID] = failedTry{strings.Clone(r.Reason), r.Time}
		return false
	}
	t, ok := e.lastTry[r.PID]
	if !ok || t.reason != r.Reason || r.Time.Sub(t.at) > 5*time.Second || r.Time.Before(t.at) {
		return false
	}
	e.RepeatedTries[r.Class]++
	return true
}

// replyTry is a remote server's reply to one try of an smtp process for
// a message: a refusal at its greeting or a reply to a command.
type replyTry struct {
	queueID string
	class   sources.Class
	known   uint16
	// line is the log ring's copy of the try's line; reason and queueID
	// are parts of it.
	reason, line string
}

// localConnectErrors end the reason of a connection this host could not
// make over one address family: no route for it (inet_protocols = all
// on a host without IPv6) or no source address of it. The kernel said
// so here; no server of the destination was asked.
var localConnectErrors = []string{": Network is unreachable", ": Cannot assign requested address"}

// localConnectFailure tells a "connect to HOST[IP]:PORT: ..." reason of
// localConnectErrors.
func localConnectFailure(reason string) bool {
	if !strings.HasPrefix(reason, "connect to ") {
		return false
	}
	for _, s := range localConnectErrors {
		if strings.HasSuffix(reason, s) {
			return true
		}
	}
	return false
}

// noteReply keeps a try's remote reply (host ... said, host ... refused
// to talk to me) as its process's latest. A later try that failed here
// over one address family leaves it the latest word of the destination;
// any other failed try (a timeout, a refused connection, a lost
// session) replaces it.
func (e *Engine) noteReply(r *sources.Record) {
	if r.PID <= 0 || localConnectFailure(r.Reason) {
		return
	}
	if r.QueueID == "" || r.Class == sources.ClassNone || !strings.HasPrefix(r.Reason, "host ") {
		if len(e.replies) > 0 {
			delete(e.replies, r.PID)
		}
		return
	}
	if e.replies == nil || len(e.replies) >= maxLastTries {
		e.replies = map[int]replyTry{}
	}
	line := e.loggedLine(r)
	e.replies[r.PID] = replyTry{keepWithin(line, r.QueueID), r.Class, r.Known, keepWithin(line, r.Reason), line}
}

// replyBefore is the remote reply a delivery's process logged for its
// message before the status line, when that line's reason is only this
// host's own failure at a later address (the smtp client gives the last
// try's reason): the zero replyTry otherwise. A status line for another
// message forgets the reply; the message's other recipients' lines,
// which carry the same reason, still find it.
func (e *Engine) replyBefore(r *sources.Record) replyTry {
	if len(e.replies) == 0 {
		return replyTry{}
	}
	t, ok := e.replies[r.PID]
	if !ok {
		return replyTry{}
	}
	if t.queueID != r.QueueID || !localConnectFailure(r.Reason) {
		delete(e.replies, r.PID)
		return replyTry{}
	}
	return t
}

// connFailHostsMax bounds the hosts failed connections are counted for.
const connFailHostsMax = 200

// masterDaemon tells the daemons that only the master runs and that log
// mail as it passes: the server, the queue manager, the delivery agents.
func masterDaemon(daemon string) bool {
	switch daemon {
	case "smtpd", "postscreen", "qmgr", "cleanup", "pickup", "smtp", "lmtp", "local", "virtual":
		return true
	}
	return false
}

// connFailure files a failed connection under its next hop: our own
// services apart from remote hosts.
func (e *Engine) connFailure(r *sources.Record) {
	host, ip := connHop(r)
	suspended := r.Suspended && r.Event == sources.EvDelivery
	switch {
	case ownNextHop(host, ip) || lmtpSiteHop(r.Daemon, ip):
		// A local service is down, not port 25 blocked.
		e.LocalConnFail.add(r)
		if suspended {
			e.localSuspended++
		}
		if port := connectPort(r.Reason); port > 0 && !ownNextHop(host, ip) && len(e.siteLMTP) < 3 {
			if hop := net.JoinHostPort(ip, strconv.Itoa(port)); !slices.Contains(e.siteLMTP, hop) {
				e.siteLMTP = append(e.siteLMTP, hop)
			}
		}
	default:
		if suspended {
			e.SuspendedConns.add(r)
		} else {
			e.RemoteConnFail[r.Class]++
		}
		if host == "" {
			break
		}
		host = strings.ToLower(host)
		if _, ok := e.ConnFailHosts[host]; ok || len(e.ConnFailHosts) < connFailHostsMax {
			// A map assignment stores its key anew: the line's own
			// bytes must not be kept.
			host = strings.Clone(host)
			e.ConnFailHosts[host]++
			if isBigProvider(host) && !r.Time.IsZero() {
				if e.bigFailAt == nil {
					e.bigFailAt = map[string]time.Time{}
				}
				if r.Time.After(e.bigFailAt[host]) {
					e.bigFailAt[host] = r.Time
				}
			}
		}
	}
}

// lmtpSiteHop tells an LMTP next hop on this site's network: LMTP
// hands mail to the site's own mailbox server (RFC 2033 keeps it off
// wide-area networks), so one on a private address (another container,
// a store host) is this site's service, not a remote destination.
func lmtpSiteHop(daemon, ip string) bool {
	_, local, _ := addressPlace(ip)
	return daemon == "lmtp" && local
}

// siteHop tells a record whose connection went to this site's own
// service: loopback, a socket, or an LMTP server on its network.
func siteHop(r *sources.Record) bool {
	host, ip := connHop(r)
	return ownNextHop(host, ip) || lmtpSiteHop(r.Daemon, ip)
}

// connClass tells the classes of a failed connection.
func connClass(cl sources.Class) bool {
	return cl == sources.ClassConnectTimeout || cl == sources.ClassConnectRefused || cl == sources.ClassUnreachable
}

// connHop is the next hop a failed connection went to: the one its reason
// names, else the record's relay.
func connHop(r *sources.Record) (host, ip string) {
	if host, ip = connectTarget(r.Reason); host == "" {
		host, ip = r.RelayHost, r.RelayIP
	}
	return host, ip
}

// feedEvent updates the analyzer each kind of record feeds.
func (e *Engine) feedEvent(r *sources.Record) {
	switch r.Event {
	case sources.EvQmgr:
		e.probes.sender(r, e.Config)
	case sources.EvDelivery:
		e.probes.delivery(r)
		rep := e.replyBefore(r)
		d := e.Dest.feed(r, e.loggedLine(r), rep)
		cls := r.Class
		if rep.class != sources.ClassNone {
			cls = rep.class
		}
		if d != nil && cls == sources.ClassConnLimit && d.SocketsAtRefusal == 0 && e.Machine != nil {
			d.SocketsAtRefusal = e.SocketsByDomain()[d.Domain]
		}
		if r.Status == sources.StatusSent {
			if e.hopRefused != nil {
				if _, ok := e.hopRefused[r.RelayHost]; ok {
					e.hopRefused[r.RelayHost] = 0
				}
			}
			e.Waits.feed(r)
			e.SentTotal++
			if r.RelayPort == 25 && r.RelayIP != "" && !isLocal(r.RelayIP) && r.Time.After(e.Sent25At) {
				e.Sent25At = r.Time
			}
			if r.ConnUse > 0 {
				e.ConnUse++
			}
		}
	case sources.EvAttempt:
		e.noteReply(r)
		// A failed try at one MX: count it against the domain of the
		// hop when the log has taught us that address.
		if r.RelayIP != "" {
			if dom, ok := e.Dest.DomainOfIP(r.RelayIP); ok {
				if d, ok := e.Dest.Lookup(dom); ok {
					d.Errors.Add(r.Time, 1)
					if r.Class == sources.ClassConnLimit {
						d.ConnLimit.Add(r.Time, 1)
					}
				}
			}
		}
	case sources.EvExpired:
		e.ExpiredMsgs.add(r)
	case sources.EvCleanup:
		if strings.HasPrefix(r.Message, "hold: ") {
			e.HeldMsgs.add(r)
		}
	case sources.EvClient, sources.EvPickup:
		// As Totals counts them.
		if r.Event == sources.EvPickup || r.Daemon == "smtpd" {
			e.AcceptedRing.Add(r.Time, 1)
		}
		if r.Daemon == "smtpd" {
			e.sessionRefused = 0
			e.SmtpdAccepted++
			e.SmtpdAcceptedRing.Add(r.Time, 1)
			e.acceptEpoch++
		}
	case sources.EvReject:
		if r.Daemon == "cleanup" {
			switch contentCheck(r.Message) {
			case "header":
				e.HeaderRejects.add(r)
			case "body":
				e.BodyRejects.add(r)
			}
		}
	case sources.EvQueueAdmin:
		// One line per message; the summary after them names no id.
		if r.QueueID != "" && strings.HasPrefix(r.Message, "released from hold") {
			e.ReleasedMsgs.add(r)
		}
	case sources.EvVersion:
		e.version(r)
		if r.Daemon == "master" && strings.HasPrefix(r.Message, "daemon started") {
			e.MasterStarted = r.Time
		}
	case sources.EvCompat:
		if r.Param == "" {
			e.CompatNotices++
		} else {
			c := e.Compat[r.Param]
			if c == nil {
				if compatDefaultOf(r.Param) == nil {
					if e.compatUnknown >= maxUnknownCompatNames {
						break
					}
					e.compatUnknown++
				}
				c = &CompatWarning{Param: strings.Clone(r.Param), First: r.Time, Line: keepText(r.Line)}
				e.Compat[c.Param] = c
			}
			c.Count++
			c.logger(r)
		}
	case sources.EvClog:
		if r.Domain != "" {
			c := e.Clog[r.Domain]
			if c == nil {
				if len(e.Clog) > 100 {
					break
				}
				c = &ClogWarning{Domain: strings.Clone(r.Domain)}
				e.Clog[c.Domain] = c
			}
			c.Count, c.Limit, c.Last = r.Count, r.Limit, r.Time
			c.Occurrences++
		}
	case sources.EvTLS:
		// A session "to" a server is a client's; pasted without its tag
		// it is the smtp client's (lmtp rarely talks TLS), and cut after
		// the server's name it has no address.
		if r.RelayIP != "" || r.RelayHost != "" && r.Program == sources.BareProgram {
			e.SentTLS++
			if r.Daemon != "smtp" && !(r.Daemon == "" && r.Program == sources.BareProgram) {
				break
			}
			switch {
			case strings.HasPrefix(r.Message, "Untrusted "):
				if e.SentUntrusted == 0 {
					e.UntrustedLine = strings.Clone(r.Line)
				}
				e.SentUntrusted++
			case strings.HasPrefix(r.Message, "Trusted "):
				e.SentTrusted++
				if e.trustedHosts == nil {
					e.trustedHosts = map[string]bool{}
				}
				if len(e.trustedHosts) < maxTrustedHosts && r.RelayHost != "" {
					e.trustedHosts[strings.ToLower(r.RelayHost)] = true
				}
			case strings.HasPrefix(r.Message, "Verified "):
				e.SentTrusted++
			}
		}
	}
}

// isEnhancedCode tells an enhanced status code (RFC 3463: class.subject.
// detail, "4.7.0"), the whole of s.
func isEnhancedCode(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 || len(parts[0]) != 1 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

// maxTrustedHosts bounds Engine.trustedHosts.
const maxTrustedHosts = 1000

// count keeps the counters metrics export.
func (e *Engine) count(r *sources.Record) {
	switch {
	case r.Event == sources.EvDelivery:
		e.Deliveries[TagStatus{boundedTag(e.tags, r.Program), r.Status}]++
		if r.Daemon != "smtp" && r.Daemon != "lmtp" && r.Daemon != "error" {
			break
		}
		if r.Status == sources.StatusDeferred && r.DSN != "" {
			// Every deferral counts: past the bound, or with a dsn= that
			// is no enhanced status code, as "other".
			dsn := r.DSN
			if !isEnhancedCode(dsn) {
				dsn = "other"
			}
			addBounded(e.DeferredByDSN, dsn, maxDSNs, "other")
		}
		if r.Class != sources.ClassNone && r.Domain != "" {
			dom := strings.ToLower(r.Domain)
			c := e.DestErrors[dom]
			if c == nil && len(e.DestErrors) < e.MetricDests {
				c = new([sources.NumClasses]uint64)
				e.DestErrors[strings.Clone(dom)] = c
			}
			if c != nil {
				c[r.Class]++
			} else {
				e.OtherDestErrs[r.Class]++
			}
		}
	case (r.Event == sources.EvConnect || r.Event == sources.EvDisconnect) && r.Daemon == "smtpd":
		tag := boundedTag(e.smtpdTags, r.Program)
		c := e.Smtpd[tag]
		if c == nil {
			c = new([2]uint64)
			e.Smtpd[tag] = c
		}
		if r.Event == sources.EvConnect {
			c[0]++
		} else {
			c[1]++
		}
	case r.Event == sources.EvPostscreen && strings.HasPrefix(r.Message, "reject: CONNECT from"):
		reason := "other"
		switch {
		case r.Class == sources.ClassInboundConnLimit:
			reason = "too_many_connections"
		case r.Class == sources.ClassPortsBusy:
			reason = "all_server_ports_busy"
		case strings.Contains(r.Message, "blocked using") || strings.Contains(r.Message, "DNSBL"):
			reason = "dnsbl"
		}
		e.PostscreenRejects[reason]++
	}
}

// TagStatus keys delivery counts: the logged tag (postfix/smtp,
// postfix/slow/smtp, postfix-out/lmtp) and the status.
type TagStatus struct {
	Tag    string
	Status sources.Status
}

// maxTags bounds the tags that keep their own metric series; more fold
// into "other" (syslog tags are whatever a local process writes).
const maxTags = 32

// boundedTag returns the tag to count under: the engine's own copy, never
// the record's text, which may be line memory a reader reuses.
func boundedTag(tags map[string]string, tag string) string {
	if c, ok := tags[tag]; ok {
		return c
	}
	if len(tags) >= maxTags {
		return "other"
	}
	tag = strings.Clone(tag)
	tags[tag] = tag
	return tag
}

func (e *Engine) addLog(r *sources.Record) {
	le := LogEntry{Time: r.Time, Class: r.Class, Sev: r.Severity, Line: keepText(r.Line)}
	if len(e.Log) < maxLogEntries {
		e.Log = append(e.Log, le)
		return
	}
	e.Log[e.logNext] = le
	e.logNext = (e.logNext + 1) % maxLogEntries
}

// logged says whether a record goes to the log ring: errors of any class
// and any warning or worse.
func logged(r *sources.Record) bool {
	return r.Class != sources.ClassNone || r.Severity != sources.SevInfo
}

// loggedLine is the log ring's copy of r's line when Feed put r there
// (errors and warnings), so that others keeping the line share it; ""
// when it did not.
func (e *Engine) loggedLine(r *sources.Record) string {
	if !logged(r) {
		return ""
	}
	last := len(e.Log) - 1
	if len(e.Log) == maxLogEntries {
		last = (e.logNext + maxLogEntries - 1) % maxLogEntries
	}
	return e.Log[last].Line
}

// RecentLog returns the log pane's entries, oldest first.
func (e *Engine) RecentLog() []LogEntry {
	if len(e.Log) < maxLogEntries {
		return e.Log
	}
	out := make([]LogEntry, 0, maxLogEntries)
	out = append(out, e.Log[e.logNext:]...)
	return append(out, e.Log[:e.logNext]...)
}

func (e *Engine) version(r *sources.Record) {
	reload := strings.HasPrefix(r.Message, "reload")
	if n := len(e.Versions); n > 0 && e.Versions[n-1].Version == r.Version {
		return
	}
	if n := len(e.Versions); n > 0 {
		e.ChangeAt = r.Time
		e.ChangeFrom = e.Versions[n-1].Version
		e.ChangeTo = strings.Clone(r.Version)
		e.classesAtChange = e.Classes
		e.Dest.markChange()
	}
	e.Versions = append(e.Versions, VersionSeen{Version: strings.Clone(r.Version), FirstSeen: r.Time, Reload: reload})
	if len(e.Versions) > 100 {
		// Keep the first (the version the window began with) and the latest.
		e.Versions = append(e.Versions[:1], e.Versions[len(e.Versions)-99:]...)
	}
}

// SetConfig takes a configuration reading.
func (e *Engine) SetConfig(c *sources.Config) {
	e.Config = c
	e.Dest.filterHops = contentFilterHops(c)
	if c != nil {
		e.Totals.setMynetworks(c.Get("mynetworks"))
	}
}

// SetQueue takes a queue reading.
func (e *Engine) SetQueue(q *sources.QueueSnapshot) {
	e.Queue = q
	p := QueuePoint{Time: q.Time, Counts: map[string]int{}}
	for name, c := range q.Queues {
		p.Counts[name] = c.Messages
	}
	e.QueueTrend = append(e.QueueTrend, p)
	if len(e.QueueTrend) > queueSamples {
		e.QueueTrend = e.QueueTrend[len(e.QueueTrend)-queueSamples:]
	}
}

// SetMachine takes a machine reading; outbound sockets are attributed to
// destinations through the next-hop addresses the log taught.
func (e *Engine) SetMachine(m sources.MachineReading) {
	e.Machine = &m
	if m.ContainerNetwork != "" {
		e.ContainerNetwork = m.ContainerNetwork
	}
	e.LoadHistory = append(e.LoadHistory, m)
	if len(e.LoadHistory) > loadSamples {
		e.LoadHistory = e.LoadHistory[len(e.LoadHistory)-loadSamples:]
	}
	for dom, n := range e.SocketsByDomain() {
		if n > e.PeakSockets[dom] {
			e.PeakSockets[dom] = n
		}
	}
}

// DropHost forgets the queue and machine readings and what was drawn from
// them (trend, load history, peak sockets): readings of the host now,
// beside a log of hours ago, would pass for its state then. The hints and
// panes are then those of a report of that log, which reads neither.
func (e *Engine) DropHost() {
	e.Queue, e.Machine = nil, nil
	e.QueueTrend, e.LoadHistory = nil, nil
	clear(e.PeakSockets)
}

// SocketsByDomain sums the machine's outbound sockets per destination.
func (e *Engine) SocketsByDomain() map[string]int {
	out := map[string]int{}
	if e.Machine == nil {
		return out
	}
	for ip, n := range e.Machine.Outbound {
		if dom, ok := e.Dest.DomainOfIP(ip); ok {
			out[dom] += n
		}
	}
	for ip, n := range e.Machine.OutboundSynSent {
		if dom, ok := e.Dest.DomainOfIP(ip); ok {
			out[dom] += n
		}
	}
	return out
}

// QueueGrowth is the change per minute of a queue's messages over the last
// minutes of readings; ok is false with fewer than two readings.
func (e *Engine) QueueGrowth(queue string, minutes int) (float64, bool) {
	if len(e.QueueTrend) < 2 {
		return 0, false
	}
	last := e.QueueTrend[len(e.QueueTrend)-1]
	first := last
	for i := len(e.QueueTrend) - 2; i >= 0; i-- {
		if last.Time.Sub(e.QueueTrend[i].Time) > time.Duration(minutes)*time.Minute {
			break
		}
		first = e.QueueTrend[i]
	}
	dt := last.Time.Sub(first.Time).Minutes()
	if dt <= 0 {
		return 0, false
	}
	return float64(last.Counts[queue]-first.Counts[queue]) / dt, true
}

// CurrentVersion is the Postfix version from the config, else the log.
func (e *Engine) CurrentVersion() string {
	if e.Config != nil {
		if v := e.Config.Get("mail_version"); v != "" {
			return v
		}
	}
	if n := len(e.Versions); n > 0 {
		return e.Versions[n-1].Version
	}
	return ""
}

// ClassChange is one class's rate before and after a version change.
type ClassChange struct {
	Class                 sources.Class
	Before, After         int
	BeforeRate, AfterRate float64 // per minute
}

// UpgradeChanges compares each class's rate before and after the version
// change; nil when the version did not change inside the window.
func (e *Engine) UpgradeChanges() []ClassChange {
	if e.ChangeAt.IsZero() {
		return nil
	}
	before := e.ChangeAt.Sub(e.First).Minutes()
	after := e.Now.Sub(e.ChangeAt).Minutes()
	if before < 1 {
		before = 1
	}
	if after < 1 {
		after = 1
	}
	var out []ClassChange
	for c := sources.Class(1); c < sources.NumClasses; c++ {
		b := e.classesAtChange[c]
		a := e.Classes[c] - b
		if a == 0 && b == 0 || c == sources.ClassVersionStart {
			continue
		}
		out = append(out, ClassChange{Class: c, Before: b, After: a, BeforeRate: float64(b) / before, AfterRate: float64(a) / after})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AfterRate-out[i].BeforeRate > out[j].AfterRate-out[j].BeforeRate })
	return out
}

// DestChange is one destination's error share before and after a change.
type DestChange struct {
	Domain                    string
	ErrorsBefore, ErrorsAfter int
	RateBefore, RateAfter     float64 // failures per delivery attempt
}

// UpgradeDestChanges lists destinations whose failure share rose most
// after the version change.
func (e *Engine) UpgradeDestChanges(n int) []DestChange {
	if e.ChangeAt.IsZero() {
		return nil
	}
	var out []DestChange
	for _, d := range e.Dest.byName {
		eb, ab := d.errorsAtChange, d.attemptsAtChange
		ea, aa := d.Failures()-eb, d.Failures()+d.Sent-ab
		if ea+eb == 0 {
			continue
		}
		dc := DestChange{Domain: d.Domain, ErrorsBefore: eb, ErrorsAfter: ea}
		if ab > 0 {
			dc.RateBefore = float64(eb) / float64(ab)
		}
		if aa > 0 {
			dc.RateAfter = float64(ea) / float64(aa)
		}
		out = append(out, dc)
	}
	sort.Slice(out, func(i, j int) bool {
		di, dj := out[i].RateAfter-out[i].RateBefore, out[j].RateAfter-out[j].RateBefore
		if di != dj {
			return di > dj
		}
		return out[i].Domain < out[j].Domain
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// CompatSorted lists the backwards-compatibility warnings by parameter.
func (e *Engine) CompatSorted() []*CompatWarning {
	out := make([]*CompatWarning, 0, len(e.Compat))
	for _, c := range e.Compat {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Param < out[j].Param })
	return out
}

// noticeState follows a pasted bounce or delay notice, which says what
// became of each recipient twice: in its text part, then in its
// delivery-status part, for the same recipients in the same order.
type noticeState struct {
	pending int  // text-part deliveries whose status part has not come yet
	status  bool // the last notice record was of the status part
}

// repeat tells whether r is a notice's status part repeating a delivery
// its text part gave: one notice's recipient is one delivery. A status
// part pasted without its text part counts.
func (n *noticeState) repeat(r *sources.Record) bool {
	switch sources.NoticePartOf(r) {
	case sources.NoticeText:
		if n.status {
			// A text part after a status part: the next notice.
			n.pending, n.status = 0, false
		}
		n.pending++
	case sources.NoticeStatus:
		n.status = true
		if n.pending > 0 {
			n.pending--
			return true
		}
	}
	return false
}

// postfixShape tells whether a record's event is one only a Postfix
// daemon's line makes: not a line of no shape we model, another program's,
// or the catch-all for what the postfix command and master say, which
// any "postfix:" text (a passwd entry, a package log) also reaches.
func postfixShape(ev sources.Event) bool {
	return ev != sources.EvUnknown && ev != sources.EvOther && ev != sources.EvMaster
}
