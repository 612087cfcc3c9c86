package analyzers

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"mxtop/sources"
)

// OtherDomain collects destinations folded out of the tracked set.
const OtherDomain = "(other)"

// NoDomain holds deliveries to a bare local name (to=<root>), so that every
// delivery record counts somewhere.
const NoDomain = "(no domain)"

// localDelivery labels deliveries without a domain that an agent made
// on this host.
const localDelivery = "(local delivery)"

// noDomainLabel names a delivery whose recipient has no domain by what
// its record knows: an agent delivering on this host (local, pipe,
// virtual), else the next hop, else the transport; NoDomain only when
// it knows none of them.
func noDomainLabel(r *sources.Record) string {
	if localAgents[r.Daemon] != "" {
		return localDelivery
	}
	relay, _, _ := strings.Cut(r.Relay, "[")
	if relay != "" && relay != "none" {
		return "(via " + relay + ")"
	}
	if tr := transportOf(r); tr != "" {
		return "(transport " + tr + ")"
	}
	return NoDomain
}

// isNoDomain tells a label of deliveries without a domain.
func isNoDomain(d string) bool { return strings.HasPrefix(d, "(") && d != OtherDomain }

// Hop is one next-hop host of a destination.
type Hop struct {
	Host, IP  string
	Port      int
	Attempts  int
	Errors    int
	LastClass sources.Class
	// ipGen is the Destinations' ipsGen at which IP was last known to
	// map to this hop's domain.
	ipGen uint64
}

// pidSeen remembers which smtp process delivered when, to estimate how many
// connections were open at once (one process holds one connection).
type pidSeen struct {
	pid int
	t   int64 // unix seconds
}

// Dest is everything known about one recipient domain.
type Dest struct {
	Domain    string
	Transport string // from the syslog name: postfix/slow/smtp -> slow
	// LMTP marks a destination lmtp(8) delivers to: this site's own
	// mailbox server, not a remote MX.
	LMTP                             bool
	Sent, Deferred, Bounced, Expired int
	Suspended                        int // deferrals with "delivery temporarily suspended"
	Classes                          [sources.NumClasses]int
	// RemoteConns counts the failed connections among Classes that went
	// to a next hop elsewhere, not to this host's own (a content filter
	// on loopback, a socket).
	RemoteConns int
	Errors      MinuteRing // deferred + bounced + failed attempts
	Attempts    MinuteRing // every delivery record and failed attempt
	// Hourly counts the delivery records by clock hour: the busiest
	// hour's is what a rate delay would have to carry.
	Hourly        HourPeak
	ConnLimit     MinuteRing // conn_limit errors, for hints
	RateLimit     MinuteRing // rate_limit errors, for hints
	TLS           MinuteRing // TLS failures, for hints
	LastReply     string
	LastReplyTime time.Time
	LastClass     sources.Class
	LastSuspended time.Time
	Delays        DelayHist
	// KnownConfig counts the config_error deliveries a knowledge-base
	// entry explained: that entry's hint gives their advice.
	KnownConfig int
	// LocalConfig counts those of the other config_error deliveries that
	// an agent delivering on this host made (local, pipe, virtual), and
	// LocalAgents names those agents.
	LocalConfig int
	LocalAgents []string
	// sendSecs and sends sum the connection and transmission time of
	// delivered mail (delays=a/b/c/d: c+d), for drain estimates.
	sendSecs float64
	sends    int
	// SlowSetup counts the sent deliveries whose connection setup was
	// slow (slowSetupOf), slowSetups the whole log's; setupSecs sums
	// their c, MaxSetup is the largest, and setupLine is the last one's
	// line.
	SlowSetup  MinuteRing
	slowSetups int
	setupSecs  float64
	MaxSetup   float64
	setupLine  string
	MaxDelay   float64 // the longest a deferred message had waited, seconds
	Hops       []Hop
	// Recent are the last few log lines about this domain, each kept
	// within maxKeptText (keepText), as are its other lines and LastReply.
	Recent []string
	// ClassLine is the last line of each error class, kept beside Recent
	// (the same string) so a class that stopped a while ago still has
	// its evidence.
	ClassLine [sources.NumClasses]string
	// classAt is when each error class was last seen, in Unix seconds:
	// when a hint about it was last borne out.
	classAt [sources.NumClasses]int64
	// Greetings counts the sessions at a server elsewhere that opened
	// and broke before its greeting came, and greetLine is the last of
	// them: other sessions of the destination may break at other stages.
	Greetings int
	greetLine string
	FirstSeen time.Time
	LastSeen  time.Time

	// Concurrency estimate from the log.
	pids    [32]pidSeen
	pidNext int
	// pidsUnordered is how many of the oldest pids may be out of time
	// order: len(pids) less the latest that came in order. Of those in
	// order, the newest winLen are in the window of the newest, winPids
	// of them with a pid: when all came in order, that is the window.
	pidsUnordered   int
	winLen, winPids int
	PeakEstimate    int
	ConcAtRefusal   int // estimated concurrency when the first conn_limit came
	// SocketsAtRefusal is the outbound sockets the machine showed when the
	// first conn_limit came (0 without socket readings).
	SocketsAtRefusal int

	// Error totals when the version last changed, for before/after.
	errorsAtChange, attemptsAtChange int

	used uint64 // seq of the last activity; 0 once folded into (other)
}

// Failures is deferred + bounced + expired.
func (d *Dest) Failures() int { return d.Deferred + d.Bounced + d.Expired }

// TopClass is the most frequent error class, ClassNone when no errors.
func (d *Dest) TopClass() sources.Class {
	best := sources.ClassNone
	for c := sources.Class(1); c < sources.NumClasses; c++ {
		if d.Classes[c] > d.Classes[best] {
			best = c
		}
	}
	return best
}

// ConcurrencyEstimate counts distinct delivery processes seen for this
// domain in the 10 seconds before now.
func (d *Dest) ConcurrencyEstimate(now time.Time) int {
	hi := now.Unix()
	cut := hi - 10
	// The pids seen, in an open-addressed set twice the ring's size: a
	// delivery's estimate costs one probe or two per remembered process.
	var seen [2 * len(d.pids)]int
	n := 0
	for _, p := range d.pids {
		if p.pid == 0 || p.t < cut || p.t > hi {
			continue
		}
		for i := uint(p.pid) * 0x9E3779B1 % uint(len(seen)); ; i = (i + 1) % uint(len(seen)) {
			if seen[i] == p.pid {
				break
			}
			if seen[i] == 0 {
				seen[i] = p.pid
				n++
				break
			}
		}
	}
	return n
}

// inWindow counts the deliveries ConcurrencyEstimate reads at now: a bound
// on its count of their processes.
func (d *Dest) inWindow(now time.Time) int {
	hi := now.Unix()
	n := 0
	if newest := (d.pidNext + len(d.pids) - 1) % len(d.pids); d.pidsUnordered == 0 && d.pids[newest].t == hi {
		return d.winPids
	}
	for _, p := range d.pids {
		if p.pid != 0 && p.t >= hi-10 && p.t <= hi {
			n++
		}
	}
	return n
}

const (
	maxHops   = 8
	maxRecent = 6
)

// Destinations tracks recipient domains, at most Max one by one; the
// least recently active are folded into "(other)".
type Destinations struct {
	Max    int
	byName map[string]*Dest
	// filterHops are the configured content filters' next hops
	// (contentFilterHops).
	filterHops map[string]bool
	// order lists the domains by last activity (each Dest's used).
	order useOrder[*Dest]
	seq   uint64
	other *Dest
	// IPs maps next-hop addresses learned from the log to their domain,
	// to attribute sockets to destinations.
	ips     map[string]string
	ipOrder []string
	// ipsGen counts the changes to ips other than additions (from 1): an
	// address that mapped to a domain at a count still does.
	ipsGen   uint64
	Evicted  int
	lastTime time.Time
	// spare is the last domain folded into (other), to be taken in again:
	// a log naming a new domain a line would otherwise allocate one a
	// line, and the collector would rescan the whole table for them.
	spare *Dest
	// greetIPs are the servers elsewhere (up to maxGreetIPs) at which
	// sessions broke before the greeting came.
	greetIPs map[string]bool
	// Hourly counts the delivery records of every remote destination (no
	// LMTP, no content filter) by clock hour: what a relay that takes all
	// outbound mail carries.
	Hourly HourPeak
}

// HourPeak counts events by clock hour of event time and keeps the
// busiest hour's count. The last few hours keep counts of their own, so
// lines a little out of time order (several hosts' logs merged) count
// in their hour rather than start it again.
type HourPeak struct {
	hour [hourSlots]int64
	n    [hourSlots]uint32
	Peak uint32
}

// hourSlots is how many clock hours HourPeak counts at once.
const hourSlots = 3

// Add counts one event at t; a zero time belongs to no hour.
func (h *HourPeak) Add(t time.Time) {
	if t.IsZero() {
		return
	}
	hr := t.Unix() / 3600
	i := int(hr % hourSlots)
	if i < 0 {
		i += hourSlots
	}
	if h.hour[i] != hr {
		h.hour[i], h.n[i] = hr, 0
	}
	h.n[i]++
	h.Peak = max(h.Peak, h.n[i])
}

// maxGreetIPs bounds Destinations.greetIPs.
const maxGreetIPs = 64

// greetingLoss is the stage of a session that opened and brought no
// greeting, as the smtp client names it in a delivery's reason.
const greetingLoss = "while receiving the initial server greeting"

// NewDestinations tracks at most max domains (5000 when max <= 0).
func NewDestinations(max int) *Destinations {
	if max <= 0 {
		max = 5000
	}
	return &Destinations{Max: max, byName: map[string]*Dest{}, ips: map[string]string{}, ipsGen: 1}
}

// normDomain lower-cases a domain only when it must, and copies it so the
// map key does not pin the whole log line in memory.
func normDomain(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return strings.Clone(s)
}

func (ds *Destinations) get(domain string, t time.Time) *Dest {
	// Look up without copying first; copy only to insert.
	d, ok := ds.byName[domain]
	if !ok {
		key := normDomain(domain)
		if d, ok = ds.byName[key]; !ok {
			if len(ds.byName) >= ds.Max {
				ds.evict()
			}
			if d = ds.spare; d != nil {
				ds.spare = nil
				*d = Dest{Domain: key, FirstSeen: t}
			} else {
				d = &Dest{Domain: key, FirstSeen: t}
			}
			ds.byName[key] = d
		}
	}
	ds.seq++
	d.used = ds.seq
	if ds.order.on() && ds.order.used(d, d.used, len(ds.byName)) {
		ds.order.compact(destCurrent)
	}
	return d
}

// destCurrent says whether ref is its domain's last activity; a folded
// domain's used is 0.
func destCurrent(ref useRef[*Dest]) bool { return ref.key.used == ref.seq }

// evict folds the least recently active domain into "(other)".
func (ds *Destinations) evict() {
	if !ds.order.on() {
		ds.order.start(len(ds.byName), func(add func(*Dest, uint64)) {
			for _, d := range ds.byName {
				add(d, d.used)
			}
		})
	}
	d, ok := ds.order.oldest(destCurrent)
	if !ok {
		return
	}
	d.used = 0
	delete(ds.byName, d.Domain)
	ds.Evicted++
	o := ds.Other()
	o.Sent += d.Sent
	o.Deferred += d.Deferred
	o.Bounced += d.Bounced
	o.Expired += d.Expired
	o.Suspended += d.Suspended
	for c := range d.Classes {
		o.Classes[c] += d.Classes[c]
		o.classAt[c] = max(o.classAt[c], d.classAt[c])
	}
	o.KnownConfig += d.KnownConfig
	o.RemoteConns += d.RemoteConns
	o.Greetings += d.Greetings
	o.Delays.Merge(&d.Delays)
	// The folded domains' peaks may fall in different hours: their sum
	// is at least the busiest hour of them all.
	o.Hourly.Peak += d.Hourly.Peak
	o.sendSecs += d.sendSecs
	o.sends += d.sends
	o.slowSetups += d.slowSetups
	o.setupSecs += d.setupSecs
	o.MaxSetup = max(o.MaxSetup, d.MaxSetup)
	ds.spare = d
}

// SendTime is the mean time a delivery to the destination took on its
// connection (connection setup and transmission), ok when one was seen.
// Postfix logs delays to 0.01 s; a faster delivery counts as 0.01 s.
func (d *Dest) SendTime() (time.Duration, bool) {
	if d.sends == 0 {
		return 0, false
	}
	s := max(d.sendSecs/float64(d.sends), 0.01)
	return time.Duration(s * float64(time.Second)), true
}

// Other returns the "(other)" bucket, creating it on first use.
func (ds *Destinations) Other() *Dest {
	if ds.other == nil {
		ds.other = &Dest{Domain: OtherDomain}
	}
	return ds.other
}

// transportOf reads the transport from the syslog name: postfix/slow/smtp
// was logged by the "slow" service; postfix/smtp by "smtp".
// Only smtp and lmtp deliveries have destination concurrency; local,
// discard or pipe deliveries of the same domain say nothing about it.
func transportOf(r *sources.Record) string {
	if r.Daemon != "smtp" && r.Daemon != "lmtp" {
		return ""
	}
	if i := strings.LastIndexByte(r.SyslogName, '/'); i >= 0 {
		return r.SyslogName[i+1:]
	}
	return r.Daemon
}

// Feed takes a delivery record or a failed attempt.
func (ds *Destinations) Feed(r *sources.Record) *Dest { return ds.feed(r, "", replyTry{}) }

// feed is Feed with the caller's copy of the record's line (keepText's),
// "" when it made none: the destination keeps that copy rather than one
// more, and its last reply is a part of it when the reply is there whole.
// A rep with a class is the remote reply the delivery is filed under in
// place of its own reason (Engine.replyBefore); its line is the class's
// evidence, and the delivery's own line still goes to Recent.
func (ds *Destinations) feed(r *sources.Record, line string, rep replyTry) *Dest {
	if r.Event != sources.EvDelivery {
		return nil
	}
	class, reason, known := r.Class, r.Reason, r.Known
	if rep.class != sources.ClassNone {
		class, reason, known = rep.class, rep.reason, rep.known
	}
	domain := r.Domain
	if ds.filterHandOff(r) {
		domain = filterLabel(r)
	} else if domain == "" {
		domain = noDomainLabel(r)
	}
	t := r.Time
	ds.lastTime = t
	d := ds.get(domain, t)
	greeting := false
	d.LastSeen = t
	if tr := transportOf(r); tr != "" && d.Transport != tr {
		d.Transport = strings.Clone(tr)
	}
	d.LMTP = r.Daemon == "lmtp"
	d.Attempts.Add(t, 1)
	d.Hourly.Add(t)
	if !d.LMTP && domain == r.Domain {
		ds.Hourly.Add(t)
	}
	switch r.Status {
	case sources.StatusSent:
		d.Sent++
		d.Delays.Add(r.Delay)
		if t := r.Delays[2] + r.Delays[3]; t >= 0 && t < 3600 {
			d.sendSecs += t
			d.sends++
		}
		if slowSetupOf(&r.Delays) && r.Daemon == "smtp" && !localHop(r.RelayIP) {
			d.SlowSetup.Add(t, 1)
			d.slowSetups++
			d.setupSecs += r.Delays[2]
			d.MaxSetup = max(d.MaxSetup, r.Delays[2])
			if line == "" {
				line = keepText(r.Line)
			}
			d.setupLine = line
		}
	case sources.StatusDeferred:
		d.Deferred++
		d.MaxDelay = max(d.MaxDelay, r.Delay)
	case sources.StatusBounced:
		d.Bounced++
		d.Delays.Add(r.Delay)
	case sources.StatusExpired:
		d.Expired++
	}
	if r.Suspended {
		d.Suspended++
		d.LastSuspended = t
	}
	evidence := ""
	if class != sources.ClassNone {
		d.Classes[class]++
		if !t.IsZero() && class < sources.NumClasses {
			d.classAt[class] = max(d.classAt[class], t.Unix())
		}
		if connClass(class) && !siteHop(r) {
			d.RemoteConns++
		}
		if class == sources.ClassConfigError && known != 0 {
			d.KnownConfig++
		} else if class == sources.ClassConfigError && localAgents[r.Daemon] != "" {
			d.LocalConfig++
			if !slices.Contains(d.LocalAgents, r.Daemon) {
				d.LocalAgents = append(d.LocalAgents, strings.Clone(r.Daemon))
			}
		}
		d.Errors.Add(t, 1)
		if line == "" {
			line = keepText(r.Line)
		}
		evidence = line
		if rep.class != sources.ClassNone {
			evidence = rep.line
		}
		if d.LastReply != reason { // a destination mostly repeats its reply
			d.LastReply = keepWithin(evidence, reason)
		}
		d.LastReplyTime = t
		d.LastClass = class
		switch class {
		case sources.ClassLostConnection:
			greeting = ds.greetingLost(reason)
			if greeting {
				d.Greetings++
			}
		case sources.ClassConnLimit:
			d.ConnLimit.Add(t, 1)
		case sources.ClassRateLimit:
			d.RateLimit.Add(t, 1)
		case sources.ClassTLS:
			d.TLS.Add(t, 1)
		}
	}
	// A record with a relay IP held a connection; the error daemon's
	// suspended deferrals did not.
	if r.RelayIP != "" && (r.Daemon == "smtp" || r.Daemon == "lmtp") {
		d.addPid(r.PID, t.Unix())
		// The estimate counts processes among the deliveries in the
		// window; when there are no more of those than the peak, it can
		// only matter to a first refusal.
		refusal := r.Class == sources.ClassConnLimit && d.ConcAtRefusal == 0
		if refusal || d.inWindow(t) > d.PeakEstimate {
			est := d.ConcurrencyEstimate(t)
			if est > d.PeakEstimate {
				d.PeakEstimate = est
			}
			if refusal {
				d.ConcAtRefusal = est
			}
		}
		// A known hop whose address no change has taught another
		// domain since it was last learned needs no look-up.
		if h := ds.hop(d, r); h == nil || h.ipGen != ds.ipsGen {
			ds.learnIP(r.RelayIP, d.Domain)
			if h != nil {
				h.ipGen = ds.ipsGen
			}
		}
	}
	if class != sources.ClassNone || len(d.Recent) < maxRecent {
		if line == "" {
			line = keepText(r.Line)
		}
		if class != sources.ClassNone && class < sources.NumClasses {
			d.ClassLine[class] = evidence
		}
		if greeting {
			d.greetLine = evidence
		}
		d.Recent = append(d.Recent, line)
		if len(d.Recent) > maxRecent {
			copy(d.Recent, d.Recent[1:])
			d.Recent = d.Recent[:maxRecent]
		}
	}
	return d
}

// greetingLost tells a reason of a session that opened at a server
// elsewhere and broke before its greeting came, and remembers that
// server. Our own content filter's silence is the local service's.
func (ds *Destinations) greetingLost(reason string) bool {
	if !strings.Contains(reason, greetingLoss) {
		return false
	}
	h, ip := sessionTarget(reason)
	if ownNextHop(h, ip) {
		return false
	}
	if ip != "" && !ds.greetIPs[ip] && len(ds.greetIPs) < maxGreetIPs {
		if ds.greetIPs == nil {
			ds.greetIPs = map[string]bool{}
		}
		ds.greetIPs[strings.Clone(ip)] = true
	}
	return true
}

// filterHandOff tells a message handed to a content filter on this host
// (content_filter = smtp-amavis:[127.0.0.1]:10024): the filter queued it
// again, and its new queue file is what reaches the recipient's domain.
// A filter that defers the mail, or an LMTP mailbox server (which queues
// nothing), still counts there. The hop must be one a content_filter
// names, or the reply amavis's own ("from MTA("): another smtpd on
// loopback answers as any Postfix does, and is a transport's next hop (a
// relay reached through a tunnel, a test's stand-in for a remote server)
// whose deliveries are the domain's.
func (ds *Destinations) filterHandOff(r *sources.Record) bool {
	if r.Status != sources.StatusSent || !localHop(r.RelayIP) || !strings.Contains(r.Reason, "queued as ") {
		return false
	}
	if strings.Contains(r.Reason, "from MTA(") {
		return true
	}
	if ds.filterHops[r.RelayIP] {
		return true // named without its port
	}
	return r.RelayPort > 0 && ds.filterHops[r.RelayIP+":"+strconv.Itoa(r.RelayPort)]
}

// contentFilterHops are the next hops (address:port, an address alone
// when named without its port, or a socket) of the content filters
// main.cf and master.cf's -o settings name.
func contentFilterHops(c *sources.Config) map[string]bool {
	if c == nil {
		return nil
	}
	hops := map[string]bool{}
	add := func(v string) {
		// transport:nexthop, as [127.0.0.1]:10024 or unix:private/filter.
		if _, hop, ok := strings.Cut(strings.TrimSpace(v), ":"); ok {
			hop = strings.TrimPrefix(strings.NewReplacer("[", "", "]", "").Replace(hop), "unix:")
			hops[strings.ToLower(hop)] = true
		}
	}
	add(c.Get("content_filter"))
	for _, s := range c.Services {
		if v, ok := s.Options["content_filter"]; ok {
			add(v)
		}
	}
	return hops
}

// filterLabel is the row a content filter's hand-offs count in, named by
// its next hop: every delivery record counts somewhere, none of these at
// the recipient's domain.
func filterLabel(r *sources.Record) string {
	if r.RelayPort > 0 {
		return "(content filter " + r.RelayIP + ":" + strconv.Itoa(r.RelayPort) + ")"
	}
	return "(content filter " + r.RelayIP + ")"
}

// addPid remembers a delivery process and when it delivered.
func (d *Dest) addPid(pid int, t int64) {
	// A slot not yet used reads as pid 0 at 0, never counted, after the
	// others going back: an empty ring is in order.
	if newest := d.pids[(d.pidNext+len(d.pids)-1)%len(d.pids)]; t < newest.t {
		d.pidsUnordered = len(d.pids) - 1
		d.winLen, d.winPids = 0, 0
	} else if d.pidsUnordered > 0 {
		d.pidsUnordered--
	}
	if d.winLen == len(d.pids) {
		// The oldest, about to be overwritten, was in the window.
		d.winLen--
		if d.pids[d.pidNext].pid != 0 {
			d.winPids--
		}
	}
	d.pids[d.pidNext] = pidSeen{pid: pid, t: t}
	d.winLen++
	if pid != 0 {
		d.winPids++
	}
	// Drop from the window's old end those more than 10 s before t.
	for d.winLen > 0 {
		old := d.pids[(d.pidNext-d.winLen+1+len(d.pids))%len(d.pids)]
		if old.t >= t-10 {
			break
		}
		d.winLen--
		if old.pid != 0 {
			d.winPids--
		}
	}
	d.pidNext = (d.pidNext + 1) % len(d.pids)
}

// hop counts a delivery against its next hop and returns the hop, nil
// when the destination has no room for another.
func (ds *Destinations) hop(d *Dest, r *sources.Record) *Hop {
	for i := range d.Hops {
		h := &d.Hops[i]
		if h.IP == r.RelayIP {
			h.Attempts++
			if r.Class != sources.ClassNone {
				h.Errors++
				h.LastClass = r.Class
			}
			return h
		}
	}
	if len(d.Hops) >= maxHops {
		return nil
	}
	h := Hop{Host: strings.Clone(r.RelayHost), IP: strings.Clone(r.RelayIP), Port: r.RelayPort, Attempts: 1}
	if r.Class != sources.ClassNone {
		h.Errors, h.LastClass = 1, r.Class
	}
	d.Hops = append(d.Hops, h)
	return &d.Hops[len(d.Hops)-1]
}

const maxIPs = 20000

func (ds *Destinations) learnIP(ip, domain string) {
	if cur, ok := ds.ips[ip]; ok {
		if cur != domain {
			// Assigning stores the key given: a copy, not the line's
			// substring, which would keep the reader's whole chunk.
			ds.ips[strings.Clone(ip)] = domain
			ds.ipsGen++
		}
		return
	}
	if len(ds.ipOrder) >= maxIPs {
		delete(ds.ips, ds.ipOrder[0])
		ds.ipOrder = ds.ipOrder[1:]
		ds.ipsGen++
	}
	ip = strings.Clone(ip)
	ds.ips[ip] = domain
	ds.ipOrder = append(ds.ipOrder, ip)
}

// DomainOfIP returns the destination a next-hop address was last used for.
func (ds *Destinations) DomainOfIP(ip string) (string, bool) {
	d, ok := ds.ips[ip]
	return d, ok
}

// Lookup returns a tracked domain.
func (ds *Destinations) Lookup(domain string) (*Dest, bool) {
	d, ok := ds.byName[strings.ToLower(domain)]
	return d, ok
}

// Len is the number of domains tracked one by one.
func (ds *Destinations) Len() int { return len(ds.byName) }

// SortKey orders the destination table.
type SortKey uint8

const (
	SortErrorRate SortKey = iota
	SortDeferred
	SortSent
	SortDomain
)

// SortKeyNames names the sort keys for the UI.
var SortKeyNames = [...]string{"errors/min", "deferred", "sent", "domain"}

// Top returns up to n destinations (all when n <= 0) sorted by key, with
// "(other)" last when it holds anything.
func (ds *Destinations) Top(now time.Time, n int, key SortKey) []*Dest {
	type keyed struct {
		d    *Dest
		rate float64
	}
	all := make([]keyed, 0, len(ds.byName))
	for _, d := range ds.byName {
		k := keyed{d: d}
		if key == SortErrorRate {
			k.rate = d.Errors.Rate(now, 5) // once per domain, not per comparison
		}
		all = append(all, k)
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i].d, all[j].d
		switch key {
		case SortDeferred:
			if a.Deferred != b.Deferred {
				return a.Deferred > b.Deferred
			}
		case SortSent:
			if a.Sent != b.Sent {
				return a.Sent > b.Sent
			}
		case SortDomain:
			return a.Domain < b.Domain
		default:
			if all[i].rate != all[j].rate {
				return all[i].rate > all[j].rate
			}
			if a.Failures() != b.Failures() {
				return a.Failures() > b.Failures()
			}
		}
		return a.Domain < b.Domain
	})
	if n > 0 && len(all) > n {
		all = all[:n]
	}
	out := make([]*Dest, len(all), len(all)+1)
	for i, k := range all {
		out[i] = k.d
	}
	if ds.other != nil && (n <= 0 || len(out) < n) {
		out = append(out, ds.other)
	}
	return out
}

// markChange stores each domain's totals at a version change.
func (ds *Destinations) markChange() {
	for _, d := range ds.byName {
		d.errorsAtChange = d.Failures()
		d.attemptsAtChange = d.Failures() + d.Sent
	}
}
