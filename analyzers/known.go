package analyzers

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"mxtop/sources"
)

// seen counts lines of one kind: how many, per minute, the first three
// as samples, and when the last came.
type seen struct {
	Count   int
	Ring    MinuteRing
	Samples []string // up to 3 lines
	Last    time.Time
}

func (s *seen) add(r *sources.Record) {
	s.Count++
	s.Ring.Add(r.Time, 1)
	addSample(&s.Samples, r.Line)
	if r.Time.After(s.Last) {
		s.Last = r.Time
	}
}

// KnownSeen counts the lines that matched one knowledge-base entry.
type KnownSeen struct {
	seen
	// Repeats counts the lines that were a later stage of a failure an
	// smtpd session logged already (smtpdSessions): Count less Repeats
	// is the failures.
	Repeats    int
	RepeatRing MinuteRing

	Fatal int // of them fatal: or panic:
	// Down counts the fatal lines of the master and of postfix start's
	// script: Postfix itself stopped or did not start.
	Down int
	// LastDown is the time of the last of them.
	LastDown time.Time
	// Command counts the fatal lines of the postfix command itself: the
	// start (or reload) it was asked for did not happen. LastCommand is
	// the time of the last of them.
	Command     int
	LastCommand time.Time
	// UserFatal counts the fatal lines of programs a user or a script
	// runs (sendmail, postdrop, postqueue, postmap): each ends that run
	// alone, and no master starts it again.
	UserFatal int
	// recipients are the distinct recipients of a ManyRecipients
	// entry's delivery lines, up to maxKnownRecipients.
	recipients map[string]struct{}
	// LastNotRunning is the time of the last line of a NotRunning entry.
	LastNotRunning time.Time
	// LastUnit is the time of the last of systemd's lines about Postfix's
	// unit that failed: a master that started after it runs again.
	LastUnit time.Time
	// Running counts those that came after a line saying a master runs
	// already: the unit's start was refused, nothing stopped.
	Running int
	Daemons []string // up to 4 distinct daemons that logged it
	Clients []string // up to 5 distinct client names, or addresses when unnamed (rejects)
	// Remote counts the lines whose client address is public, Loopback
	// those whose client is on loopback (a program on this host), and
	// LocalAddrs holds up to 5 addresses of clients on loopback or a
	// private network: Clients names a client by its name when it has one
	// (localhost), which tells nothing of where it is.
	Remote, Loopback int
	LocalAddrs       []string
	// Submission counts the lines a submission service logged
	// (sources.SubmissionService).
	Submission int
	// Heavy holds the clients that sent the most of these lines, with a
	// count that is at most their own (Misra-Gries: any client with more
	// than a sixth of the lines is among them).
	Heavy [5]ClientCount
	Cause string // the fatal line that preceded a crash, if any
	// Replies counts the replies to senders (AfterWarning lines) that the
	// same process gave right after one of these lines: what the failure
	// did to mail.
	Replies     int
	RepliesRing MinuteRing
	// Rejects counts the lines that are smtpd's refusal of a command
	// (NOQUEUE: reject, milter-reject), and the replies above: the
	// inbound mail these lines refused. rejectRun counts those since
	// smtpd last accepted a message (while runEpoch is
	// Engine.acceptEpoch).
	Rejects     int
	RejectsRing MinuteRing
	rejectRun   int
	runEpoch    uint64
	// Passed counts the lines of a PassEnds entry whose session postscreen
	// then passed (PASS NEW for the same client endpoint).
	Passed int
	// Types are the table types an entry that Causes lookup failures
	// names (the type a build lacks): up to 4.
	Types []string
	// Services are the services a Service entry's lines name by their
	// socket (policyd-spf for private/policyd-spf): up to 4.
	Services []string
	// Refused are the addresses a Probe entry's refusals named, the
	// first few: the probes to them are the ones the hint shows first.
	Refused []string
	// BigClient counts the lines of a FailedLogin entry whose client smtpd
	// named (a verified name) as a big mail provider's server.
	BigClient int
	// BigName: a name the entry's replies refused is a big mail
	// provider's host, which always resolves (entries with a Resolver
	// hint only).
	BigName bool
	// BigDomain: a domain a name-service refusal named is a big mail
	// provider's own (not a name under it, which a client may make up):
	// it always resolves, so the refusal is this host's resolver failing.
	BigDomain bool
	// timeouts counts a StallCause entry's lines that timed out, by the
	// server's address (up to maxStallIPs).
	timeouts map[string]int
	// logins are a FailedLogin entry's login names (sasl_username=) with
	// the addresses each failed from, up to maxLogins names; addrs are
	// its clients' addresses, up to maxLoginAddrs, and manyAddrs says
	// there were more.
	logins    map[string]*loginSeen
	addrs     []string
	manyAddrs bool
}

// loginSeen is one login name's failures: how many, from up to two
// addresses, and whether from more.
type loginSeen struct {
	n     int
	addrs [2]string
	more  bool
}

const (
	maxLogins     = 32
	maxLoginAddrs = 3
	// staleLoginMin is the failures of one name that make it a device
	// retrying, not a user who mistyped once or twice.
	staleLoginMin = 3
)

// addLogin counts a failed login's name and address.
func (k *KnownSeen) addLogin(r *sources.Record) {
	if ip := r.ClientIP; ip != "" && !slices.Contains(k.addrs, ip) {
		if len(k.addrs) < maxLoginAddrs {
			k.addrs = append(k.addrs, strings.Clone(ip))
		} else {
			k.manyAddrs = true
		}
	}
	i := strings.LastIndex(r.Message, ", sasl_username=")
	if i < 0 {
		return
	}
	name := r.Message[i+len(", sasl_username="):]
	if name == "" || len(name) > 100 {
		return
	}
	l := k.logins[name]
	if l == nil {
		if len(k.logins) >= maxLogins {
			return
		}
		if k.logins == nil {
			k.logins = map[string]*loginSeen{}
		}
		l = &loginSeen{}
		k.logins[strings.Clone(name)] = l
	}
	l.n++
	switch ip := r.ClientIP; {
	case ip == "" || ip == l.addrs[0] || ip == l.addrs[1]:
	case l.addrs[0] == "":
		l.addrs[0] = strings.Clone(ip)
	case l.addrs[1] == "":
		l.addrs[1] = strings.Clone(ip)
	default:
		l.more = true
	}
}

// staleLogins are the login names of a FailedLogin entry that failed at
// least staleLoginMin times from one or two addresses that tried no other
// name (StaleLoginCause), with those addresses, and how many lines they
// make.
func (k *KnownSeen) staleLogins() (names, addrs []string, n int) {
	for name, l := range k.logins {
		if l.n < staleLoginMin || l.more || l.addrs[0] == "" {
			continue
		}
		shared := false
		for other, o := range k.logins {
			if other != name && slices.ContainsFunc(l.addrs[:], func(a string) bool { return a != "" && (a == o.addrs[0] || a == o.addrs[1]) }) {
				shared = true // an address that tries several names guesses
				break
			}
		}
		if shared {
			continue
		}
		names = append(names, name)
		for _, a := range l.addrs {
			if a != "" {
				addrs = append(addrs, a)
			}
		}
		n += l.n
	}
	slices.Sort(names)
	slices.Sort(addrs)
	return names, addrs, n
}

// stalled counts the lines of k that timed out at a server where
// sessions from this host also broke before the greeting came.
func (k *KnownSeen) stalled(ds *Destinations) int {
	n := 0
	for ip, c := range k.timeouts {
		if ds.greetIPs[ip] {
			n += c
		}
	}
	return n
}

// maxStallIPs bounds KnownSeen.timeouts.
const maxStallIPs = 16

// ClientCount is one client and a count of its lines.
type ClientCount struct {
	Client string
	N      int
}

// addClient counts one line of client in Heavy.
func (k *KnownSeen) addClient(client string) {
	free := -1
	for i := range k.Heavy {
		switch {
		case k.Heavy[i].N > 0 && k.Heavy[i].Client == client:
			k.Heavy[i].N++
			return
		case k.Heavy[i].N == 0 && free < 0:
			free = i
		}
	}
	if free >= 0 {
		k.Heavy[free] = ClientCount{strings.Clone(client), 1}
		return
	}
	for i := range k.Heavy {
		k.Heavy[i].N--
	}
}

// top is the client Heavy counts most lines of.
func (k *KnownSeen) top() ClientCount {
	var t ClientCount
	for _, c := range k.Heavy {
		if c.N > t.N {
			t = c
		}
	}
	return t
}

// refused counts r, smtpd's refusal of inbound mail, among the entry's.
func (k *KnownSeen) refused(e *Engine, r *sources.Record) {
	k.Rejects++
	k.RejectsRing.Add(r.Time, 1)
	if k.runEpoch != e.acceptEpoch {
		k.rejectRun, k.runEpoch = 0, e.acceptEpoch
	}
	k.rejectRun++
}

// refusedSince is the entry's refusals since smtpd last accepted a
// message.
func (k *KnownSeen) refusedSince(e *Engine) int {
	if k.runEpoch != e.acceptEpoch {
		return 0
	}
	return k.rejectRun
}

// sessions is the failures an entry's lines tell of: its lines less those
// that were a later stage of a failure counted already (c.count's terms).
func (k *KnownSeen) sessions(c *hintCtx) float64 {
	return c.count(&k.Ring, k.Count) - c.count(&k.RepeatRing, k.Repeats)
}

// sessionRate is sessions per minute (c.perMinute's terms).
func (k *KnownSeen) sessionRate(c *hintCtx) float64 {
	return c.perMinute(&k.Ring, k.Count) - c.perMinute(&k.RepeatRing, k.Repeats)
}

// smtpdSessions remembers, for each smtpd process, the failure its
// current session's last lines told of: smtpd serves one client at a
// time and opens each session with "connect from", and one failure can
// log a line at each of its stages, each read by its own knowledge-base
// entry (a milter's failed read, its failed handshake, the 451 that
// milter_default_action = tempfail makes smtpd answer). A line of an
// entry the failure has not logged yet, for the same hint, is another
// stage of it; a line of an entry it has logged (a second failed login,
// a second recipient refused) is a failure of its own. Only a session
// whose "connect from" the log holds is known: lines picked out of a log
// (grep milter) are each counted. A fixed number of slots, by pid,
// bounds it: a process that takes another's slot loses its session, and
// its lines count one by one again.
type smtpdSessions [smtpdSessionSlots]smtpdSession

const smtpdSessionSlots = 256

type smtpdSession struct {
	pid  int
	host uint32 // hash of the host name: a merged log's hosts share pids
	// hint is the failure's hint (hintIndex), 0 before any; entries are
	// the entries whose lines it logged, n of them.
	hint    uint8
	n       uint8
	entries [4]uint16
}

// slot is the slot of r's smtpd process.
func (s *smtpdSessions) slot(r *sources.Record) (*smtpdSession, uint32) {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(r.Host); i++ {
		h = (h ^ uint32(r.Host[i])) * 16777619
	}
	return &s[uint(r.PID)%smtpdSessionSlots], h
}

// open starts a new session of r's smtpd process.
func (s *smtpdSessions) open(r *sources.Record) {
	if r.PID <= 0 {
		return
	}
	sl, h := s.slot(r)
	*sl = smtpdSession{pid: r.PID, host: h}
}

// close ends the session of r's smtpd process: its lines until the next
// "connect from" are the process's own, of no session.
func (s *smtpdSessions) close(r *sources.Record) {
	if r.PID <= 0 {
		return
	}
	if sl, h := s.slot(r); sl.pid == r.PID && sl.host == h {
		*sl = smtpdSession{}
	}
}

// repeat tells whether r, a line of entry feeding hint, is another stage
// of a failure its smtpd session already logged, and notes it.
func (s *smtpdSessions) repeat(r *sources.Record, entry uint16, hint string) bool {
	hi := hintIndex[hint]
	if r.PID <= 0 || r.Daemon != "smtpd" || hi == 0 {
		return false
	}
	sl, h := s.slot(r)
	if sl.pid != r.PID || sl.host != h {
		return false // no "connect from" of this session
	}
	if sl.hint == hi && !slices.Contains(sl.entries[:sl.n], entry) {
		if int(sl.n) < len(sl.entries) {
			sl.entries[sl.n] = entry
			sl.n++
		}
		return true
	}
	sl.hint, sl.n, sl.entries[0] = hi, 1, entry
	return false
}

// hintIndex numbers the hint ids from 1, for smtpdSession.hint.
var hintIndex = func() map[string]uint8 {
	m := make(map[string]uint8, len(hintSpecs))
	for i, s := range hintSpecs[:min(len(hintSpecs), 255)] {
		m[s.ID] = uint8(i + 1)
	}
	return m
}()

// KnownKey names one knowledge-base entry (its index in
// sources.KnownMessages) on one side: an entry whose side depends on the
// daemon (a TLS error from smtpd or from smtp) is counted per side.
type KnownKey struct {
	Entry uint16
	Side  string
}

// FatalSeen counts fatal: and panic: lines no knowledge-base entry knows
// (and, reused, failed connections to our own services).
type FatalSeen struct {
	seen
	Panics int
	// Commands counts the lines of an administrator's command
	// (adminCommand): the command stopped, no daemon did.
	Commands int
}

// adminCommand tells the Postfix commands an administrator runs on
// tables, the configuration and the queue: a fatal line of theirs ends that
// run, while the daemons go on. postdrop is not among them: its failing
// loses the mail a program submits.
func adminCommand(daemon string) bool {
	return sources.IsPostfixCommand(daemon) && daemon != "postdrop"
}

// lastFatal is the most recent fatal: or panic: line, which a master
// "bad command startup" or "exit status" line refers to.
type lastFatal struct {
	line string
	at   time.Time
	pid  int
}

// explains says whether the fatal line is the cause of r: r is the
// master's report of a dead or throttled child, within fatalCause after
// it, and when r names the child's pid, the fatal line is that pid's.
// Other services that fail (a policy server, a milter) have their own
// reasons, and another process's fatal line would mislead.
func (f *lastFatal) explains(r *sources.Record) bool {
	if f.line == "" || f.line == r.Line || r.Daemon != "master" {
		return false
	}
	if !r.Time.IsZero() && !f.at.IsZero() && r.Time.Sub(f.at) > fatalCause {
		return false
	}
	if i := strings.Index(r.Line, " pid "); i >= 0 {
		pid, _ := strconv.Atoi(strings.TrimLeft(leadingDigits(r.Line[i+len(" pid "):]), "0"))
		return pid == 0 || pid == f.pid
	}
	return true
}

// before says whether the fatal line came within fatalCause before r:
// systemd's report of Postfix's unit that failed names no pid of the
// process whose fatal line says why.
func (f *lastFatal) before(r *sources.Record) bool {
	return f.line != "" && (r.Time.IsZero() || f.at.IsZero() || r.Time.Sub(f.at) <= fatalCause)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// fatalCause is how long before a crash line its fatal line may come.
const fatalCause = 5 * time.Minute

func (e *Engine) feedKnown(r *sources.Record) {
	var entry *sources.Known
	if r.Known != 0 && int(r.Known) <= len(sources.KnownMessages) {
		entry = &sources.KnownMessages[r.Known-1]
	}
	if entry != nil && entry.MasterRuns {
		e.lastRefused = lastFatal{line: strings.Clone(r.Line), at: r.Time, pid: r.PID}
	}
	if entry != nil && entry.Harmless && entry.LoopAt == 0 {
		return
	}
	// postfix start's report of the master that found the lock held: the
	// start refused, the master that holds the lock runs on.
	if entry != nil && entry.StartReport && e.lastRefused.before(r) {
		return
	}
	// A Harmless line repeated (LoopAt) is a command that keeps failing,
	// not a daemon that stopped: it is no fatal line of a crash.
	if r.Severity >= sources.SevFatal && (entry == nil || !entry.Harmless) {
		if r.Known == 0 {
			e.UnknownFatal.add(r)
			if r.Severity == sources.SevPanic {
				e.UnknownFatal.Panics++
			}
			if adminCommand(r.Daemon) {
				e.UnknownFatal.Commands++
			}
		}
		e.lastFatal = lastFatal{line: strings.Clone(r.Line), at: r.Time, pid: r.PID}
		e.lastRefused = lastFatal{}
	}
	if entry == nil {
		return
	}
	daemon := r.Daemon
	switch {
	case r.Event == sources.EvOther:
		daemon = r.Program // another program's line (Dovecot's) is named by it
	case daemon == "":
		daemon = entry.Program // a pasted line: the one program that writes it
	}
	if entry.ID == daneNoMatch {
		e.noteDANEMismatch(r.Message)
	}
	if entry.AfterWarning {
		if w := e.warnings.before(r); w != nil {
			if k := e.Known[*w]; k != nil {
				k.Replies++
				k.RepliesRing.Add(r.Time, 1)
				k.refused(e, r)
				return
			}
		}
	}
	key := KnownKey{Entry: r.Known - 1, Side: entry.SideOf(daemon)}
	if r.Severity >= sources.SevWarning && r.Severity < sources.SevFatal && !entry.AfterWarning {
		e.warnings.add(r, key, true)
	}
	k := e.Known[key]
	if k == nil {
		k = &KnownSeen{}
		e.Known[key] = k
	}
	k.add(r)
	if r.Event == sources.EvReject && r.Daemon == "smtpd" {
		k.refused(e, r)
	}
	if e.sessions.repeat(r, key.Entry, entry.Hint) {
		k.Repeats++
		k.RepeatRing.Add(r.Time, 1)
	}
	if r.Severity >= sources.SevFatal && !entry.Harmless {
		k.Fatal++
		if startsPostfix(r.Daemon) && !entry.Child {
			k.Down++
			k.LastDown = r.Time
		} else if r.Daemon == postfixCommand {
			k.Command++
			k.LastCommand = r.Time
		} else if userCommand(daemon) {
			k.UserFatal++
		}
	}
	if entry.NotRunning {
		k.LastNotRunning = r.Time
	}
	if entry.HopDown && r.Event == sources.EvDelivery && r.RelayHost != "" {
		e.hopFailed(r.RelayHost)
	}
	if entry.SessionDown {
		e.sessionRefused++
	}
	if entry.ManyRecipients > 0 && r.To != "" && len(k.recipients) < maxKnownRecipients {
		if k.recipients == nil {
			k.recipients = map[string]struct{}{}
		}
		if _, ok := k.recipients[r.To]; !ok {
			k.recipients[strings.Clone(r.To)] = struct{}{}
		}
	}
	if entry.Agent == unitAgent {
		k.LastUnit = r.Time
		if e.lastRefused.before(r) {
			k.Running++
			if k.Cause == "" {
				k.Cause = e.lastRefused.line
			}
		}
	}
	k.Daemons = addDistinct(k.Daemons, daemon, 4)
	// A client without a reverse name (most bots) is named by its
	// address: what an admin bans, or knows for one of their own.
	if name := r.ClientName; name != "" && name != "unknown" {
		k.Clients = addDistinct(k.Clients, name, 5)
		if entry.FailedLogin && isBigProvider(name) {
			k.BigClient++
		}
	} else if r.ClientIP != "" {
		k.Clients = addDistinct(k.Clients, r.ClientIP, 5)
	}
	if valid, local, loopback := addressPlace(r.ClientIP); valid {
		if local {
			k.LocalAddrs = addDistinct(k.LocalAddrs, r.ClientIP, 5)
		} else {
			k.Remote++
		}
		if loopback {
			k.Loopback++
		}
	}
	if sources.SubmissionService(r.SyslogName) {
		k.Submission++
	}
	if entry.OneClientAt > 0 && r.ClientIP != "" {
		k.addClient(r.ClientIP)
	}
	if entry.FailedLogin {
		k.addLogin(r)
	}
	if entry.Resolver != "" && !k.BigName {
		name := refusedName(r.Message)
		if name == "" {
			name = peerLookupName(r.Message)
		}
		k.BigName = isBigProvider(name)
	}
	if (entry.Hint == "dns" || entry.Resolver == "dns") && !k.BigDomain {
		k.BigDomain = isBigDomain(refusedName(r.Message))
	}
	if entry.StallCause != "" && strings.Contains(r.Reason, " timed out while ") {
		if _, ip := sessionTarget(r.Reason); ip != "" && (k.timeouts[ip] > 0 || len(k.timeouts) < maxStallIPs) {
			if k.timeouts == nil {
				k.timeouts = map[string]int{}
			}
			if k.timeouts[ip] == 0 {
				ip = strings.Clone(ip)
			}
			k.timeouts[ip]++
		}
	}
	if entry.Probe {
		k.Refused = addDistinct(k.Refused, refusedAddress(r.Message), 5)
	}
	if entry.Service {
		k.Services = addDistinct(k.Services, socketService(r.Message), 4)
	}
	t := ""
	if entry.Causes != "" || entry.Hint == sources.HintLookupFailure {
		t = tableType(r.Message)
	}
	if entry.Causes != "" {
		k.Types = addDistinct(k.Types, t, 4)
	}
	if entry.Hint == sources.HintLookupFailure && t != "" {
		if e.lookupByType == nil {
			e.lookupByType = map[string]*seen{}
		}
		s := e.lookupByType[t]
		if s == nil && len(e.lookupByType) < maxLookupTypes {
			s = &seen{}
			e.lookupByType[strings.Clone(t)] = s
		}
		if s != nil {
			s.add(r)
		}
	}
	if entry.PassEnds && strings.HasSuffix(r.Message, afterHandshake) {
		if i := strings.Index(r.Message, " from ["); i >= 0 {
			end, _, _ := strings.Cut(r.Message[i+len(" from "):], " ")
			e.hangups[e.hangupsNext] = hangupEnd{end: strings.Clone(end), key: key}
			e.hangupsNext = (e.hangupsNext + 1) % maxHangups
		}
	}
	if entry.Hint == sources.HintDaemonCrash && k.Cause == "" && (e.lastFatal.explains(r) || entry.Agent == unitAgent && e.lastFatal.before(r)) {
		k.Cause = e.lastFatal.line
	}
}

// addDistinct appends s to list unless it is there or the list is full.
func addDistinct(list []string, s string, n int) []string {
	if s == "" || len(list) >= n {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, strings.Clone(s))
}

// sessionTarget reads "lost connection with host[ip]" and "conversation
// with host[ip] timed out", the smtp and lmtp clients' words for a session
// that broke after its connection opened, and returns host and ip.
func sessionTarget(reason string) (host, ip string) {
	// Only the client's own words: a remote's reply ("host X said: ...")
	// may quote anything.
	if i := strings.Index(reason, " said: "); i >= 0 {
		reason = reason[:i]
	}
	i := strings.Index(reason, "lost connection with ")
	if i >= 0 {
		i += len("lost connection with ")
	} else if i = strings.Index(reason, "conversation with "); i >= 0 {
		i += len("conversation with ")
	} else {
		return "", ""
	}
	rest := reason[i:]
	open := strings.IndexByte(rest, '[')
	if open < 0 {
		return "", ""
	}
	end := strings.IndexByte(rest[open:], ']')
	if end < 0 {
		return rest[:open], ""
	}
	return rest[:open], rest[open+1 : open+end]
}

// connectTarget reads "connect to host[ip]:port: ..." (also after a
// "delivery temporarily suspended: " prefix) and returns host and ip.
func connectTarget(reason string) (host, ip string) {
	i := strings.Index(reason, "connect to ")
	if i < 0 {
		return "", ""
	}
	rest := reason[i+len("connect to "):]
	open := strings.IndexByte(rest, '[')
	colon := strings.IndexByte(rest, ':')
	if open < 0 || colon >= 0 && colon < open {
		// "connect to private/dovecot-lmtp: No such file or directory"
		if colon > 0 {
			return rest[:colon], ""
		}
		return "", ""
	}
	end := strings.IndexByte(rest[open:], ']')
	if end < 0 {
		return rest[:open], ""
	}
	return rest[:open], rest[open+1 : open+end]
}

// connectPort is the port of the connection "connect to host[ip]:port:
// ..." names in reason, or 0.
func connectPort(reason string) int {
	_, ip := connectTarget(reason)
	if ip == "" {
		return 0
	}
	_, rest, _ := strings.Cut(reason, "connect to ")
	_, rest, ok := strings.Cut(rest, "["+ip+"]:")
	end := strings.IndexByte(rest, ':')
	if !ok || end < 0 {
		return 0
	}
	if p, err := strconv.Atoi(rest[:end]); err == nil && p > 0 && p <= 65535 {
		return p
	}
	return 0
}

// socketService is the service "connect to private/NAME: ..." (or
// public/NAME, postscreen's "connect to service private/NAME: ...", or
// the attribute client's "problem talking to server private/NAME: ...")
// names, or "".
func socketService(msg string) string {
	var rest string
	if i := strings.Index(msg, "connect to "); i >= 0 {
		rest = strings.TrimPrefix(msg[i+len("connect to "):], "service ")
	} else if i := strings.Index(msg, "problem talking to server "); i >= 0 {
		rest = msg[i+len("problem talking to server "):]
	} else {
		return ""
	}
	dir, rest, ok := strings.Cut(rest, "/")
	if !ok || dir != "private" && dir != "public" {
		return ""
	}
	name, _, ok := strings.Cut(rest, ": ")
	if !ok {
		return ""
	}
	return name
}

// maxLookupTypes bounds the table types whose lookup failures are counted.
const maxLookupTypes = 16

// tableType is the table type a message names: the one after "unsupported
// dictionary type: ", else that of the first table written TYPE:/path
// (the last type of proxy:hash:/path), or "".
func tableType(msg string) string {
	const unsupported = "unsupported dictionary type: "
	if i := strings.Index(msg, unsupported); i >= 0 {
		return typeWord(msg[i+len(unsupported):])
	}
	i := strings.Index(msg, ":/")
	if i < 0 {
		return ""
	}
	start := i
	for start > 0 && typeByte(msg[start-1]) {
		start--
	}
	return msg[start:i]
}

// typeWord is the table type at the start of s.
func typeWord(s string) string {
	n := 0
	for n < len(s) && typeByte(s[n]) {
		n++
	}
	return s[:n]
}

// typeByte tells the bytes a table type's name holds.
func typeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_'
}

// refusedName is the name an smtpd reject's reply refused: its replies
// read "<name>: Helo command rejected: ...", "<address>: Sender address
// rejected: ..." (smtpd_check.c); of an address, its domain.
func refusedName(msg string) string {
	name := refusedAddress(msg)
	return name[strings.LastIndexByte(name, '@')+1:]
}

// peerLookupName is the name smtpd looked up and got no answer for in
// "hostname NAME does not resolve to address ADDR: Temporary failure in
// name resolution" (smtpd_peer.c), or "". Only a failed lookup counts: a
// name that resolves to other addresses is the client's own PTR, which
// it may have chosen.
func peerLookupName(msg string) string {
	const head, mid = "hostname ", " does not resolve to address "
	i := strings.Index(msg, head)
	if i < 0 || !strings.HasSuffix(msg, ": Temporary failure in name resolution") {
		return ""
	}
	name, _, ok := strings.Cut(msg[i+len(head):], mid)
	if !ok || strings.ContainsAny(name, " \t") {
		return ""
	}
	return name
}

// refusedAddress is the whole "<address>" smtpd's refusal names before
// "... rejected: ", or "".
func refusedAddress(msg string) string {
	i := strings.Index(msg, " rejected: ")
	if i < 0 {
		return ""
	}
	end := strings.LastIndex(msg[:i], ">: ")
	if end < 0 {
		return ""
	}
	start := strings.LastIndexByte(msg[:end], '<')
	if start < 0 {
		return ""
	}
	return msg[start+1 : end]
}

// afterHandshake ends postscreen's HANGUP line of a client that hung up
// in the tests after its greeting (postscreen_misc.c: "HANGUP after %s
// from [%s]:%s in %s", the tests' stage last).
const afterHandshake = " in tests after SMTP handshake"

// maxHangups bounds the sessions remembered for a PASS NEW to follow:
// postscreen logs it right after the HANGUP of the same session.
const maxHangups = 16

// hangupEnd is a client endpoint ([address]:port) whose session hung up
// after postscreen's greeting, and the entry that counted it.
type hangupEnd struct {
	end string
	key KnownKey
}

// passedAfterHangup reads PASS NEW for the endpoint end: a session that
// hung up after postscreen's greeting and then passed counts as passed
// for its entry.
func (e *Engine) passedAfterHangup(end string) {
	for i := range e.hangups {
		h := &e.hangups[i]
		if h.end == "" || h.end != end {
			continue
		}
		if k := e.Known[h.key]; k != nil {
			k.Passed++
		}
		*h = hangupEnd{}
		return
	}
}

// daneNoMatch is the knowledge base's entry for OpenSSL's verdict that a
// server's certificates match none of its DANE TLSA records.
const daneNoMatch = "dane_tlsa_no_match"

// noteDANEMismatch keeps the server a "certificate verification failed
// for HOST[ADDR]:PORT: num=65:no matching DANE TLSA records" line names,
// so that server's deferrals are read as its destination's TLSA records.
func (e *Engine) noteDANEMismatch(msg string) {
	_, rest, ok := strings.Cut(msg, "verification failed for ")
	if !ok {
		return
	}
	host, _, ok := strings.Cut(rest, "[")
	if !ok || host == "" || len(host) > 253 {
		return
	}
	if e.daneMismatchHosts == nil {
		e.daneMismatchHosts = map[string]bool{}
	}
	if len(e.daneMismatchHosts) < maxTrustedHosts {
		e.daneMismatchHosts[strings.ToLower(host)] = true
	}
}

// maxKnownRecipients bounds the recipients an entry's lines are counted
// by: enough to pass any ManyRecipients.
const maxKnownRecipients = 64

// maxHopRefused bounds Engine.hopRefused; hopDownAt is the number of
// deliveries refused so in a row that, with most of the window's, makes
// a HopDown entry's hint critical.
const (
	maxHopRefused = 64
	hopDownAt     = 5
)

// sessionDown tells that smtpd refused at least hopDownAt sessions, and
// at least half of the n in the window, with none accepting a message
// since the first of them: nothing comes in.
func (e *Engine) sessionDown(n float64) bool {
	return e.sessionRefused >= hopDownAt && 2*float64(e.sessionRefused) >= n
}

// hopFailed counts a delivery a HopDown entry failed at host.
func (e *Engine) hopFailed(host string) {
	if e.hopRefused == nil {
		e.hopRefused = map[string]int{}
	}
	if _, ok := e.hopRefused[host]; !ok && len(e.hopRefused) >= maxHopRefused {
		return
	}
	e.hopRefused[strings.Clone(host)]++
}

// hopDown tells a next hop that failed at least hopDownAt deliveries, and
// at least half of the n in the window, with none going through it since
// the first of them: all mail through it waits.
func (e *Engine) hopDown(n float64) bool {
	for _, fails := range e.hopRefused {
		if fails >= hopDownAt && 2*float64(fails) >= n {
			return true
		}
	}
	return false
}

// procWarning is a warning or error line a process logged, by the entry
// it matched.
type procWarning struct {
	host   string
	daemon string
	pid    int
	at     time.Time
	key    KnownKey
	known  bool // the line matched an entry: key is its
}

// recentWarnings holds the last maxWarnings such lines: smtpd logs its
// reply right after the warning, so a few dozen processes' worth is
// enough, and memory stays fixed.
type recentWarnings struct {
	ring [maxWarnings]procWarning
	next int
}

const (
	maxWarnings = 64
	// warningReply is how long after its warning smtpd's reply may come:
	// the warning is logged once the wait for the service is over, and
	// the reply follows at once.
	warningReply = time.Minute
)

// add notes r, a warning of entry key; known false for a warning the
// knowledge base does not know, which explains no reply by another's entry.
func (w *recentWarnings) add(r *sources.Record, key KnownKey, known bool) {
	if r.PID == 0 {
		return
	}
	p := &w.ring[w.next]
	// Host and daemon are kept only when they differ from the slot's:
	// one host and one daemon make most of the lines.
	if p.host != r.Host {
		p.host = strings.Clone(r.Host)
	}
	if p.daemon != r.Daemon {
		p.daemon = strings.Clone(r.Daemon)
	}
	p.pid, p.at, p.key, p.known = r.PID, r.Time, key, known
	w.next = (w.next + 1) % maxWarnings
}

// before is the entry of the last warning the process that logged r
// logged within warningReply before it, nil for none.
func (w *recentWarnings) before(r *sources.Record) *KnownKey {
	if r.PID == 0 {
		return nil
	}
	for i := 1; i <= maxWarnings; i++ {
		p := &w.ring[(w.next-i+maxWarnings)%maxWarnings]
		if p.pid != r.PID || p.host != r.Host || p.daemon != r.Daemon {
			continue
		}
		if !r.Time.IsZero() && !p.at.IsZero() && (r.Time.Before(p.at) || r.Time.Sub(p.at) > warningReply) {
			return nil
		}
		if !p.known {
			return nil
		}
		return &p.key
	}
	return nil
}
