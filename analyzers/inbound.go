package analyzers

import (
	"cmp"
	"hash/maphash"
	"slices"
	"sort"
	"strings"
	"time"

	"mxtop/sources"
)

// ServiceLimit counts our own services refusing clients or running out of
// processes.
type ServiceLimit struct {
	Service    string // master.cf service: "smtp", "127.0.0.1:2526", "smtpd"
	ConnLimit  int    // "Connection concurrency limit exceeded"
	RateLimit  int    // "Connection rate limit exceeded" and kin
	Postscreen int    // postscreen "too many connections"
	PortsBusy  int    // postscreen "all server ports busy"
	// Handoff counts postscreen's warnings that it could not hand a
	// client to smtpd: the pass service's socket queue was full, or smtpd
	// did not take the client in time. The client may still be served;
	// it was not refused, so it is no refusal.
	Handoff      int
	ProcessLimit int    // master "has reached its process limit"
	MaxProc      int    // the limit the master named
	Type         string // its master.cf type when the master named it: inet or pass
	MaxCount     int    // highest count in a limit warning
	// Limits counts the refusals of each anvil limit (anvilLimits' order)
	// and the lowest count a refusal named, one above the limit in force
	// where the log was written.
	Limits [numAnvilLimits]LimitSeen
	Last   time.Time
	// ProcLast is the latest process shortage (process limit, ports
	// busy, hand-off); RefusedLast the latest anvil or postscreen
	// refusal: when each hint's trouble was last seen.
	ProcLast, RefusedLast time.Time
	Samples               []string
	Clients               map[string]int // client IP -> refusals, ports busy included
	// Limited and LimitSamples are the clients and first lines of the
	// per-client limits' refusals alone: "all server ports busy" refuses
	// a client for want of an smtpd process, whoever it is.
	Limited      map[string]int
	LimitSamples []string
	Window       MinuteRing
	// The process limits, ports busy, hand-offs and anvil or postscreen
	// refusals of the last minutes, for the live hints: Window mixes them.
	ProcWindow, BusyWindow, HandoffWindow, RefusedWindow MinuteRing
	// The refusals of the last minutes by kind and by client, for the
	// live hint: the counts above and Clients go back to the start.
	ConnWindow, RateWindow, PostscreenWindow MinuteRing
	// recent holds the windows of the clients the per-client limits
	// refused, at most maxInboundClients and OtherDomain for the rest: a
	// client no longer refused in the window gives its entry up
	// (noteRecent).
	recent      map[string]*MinuteRing
	recentSwept int64 // unix minute of recent's last sweep
	// latest holds the last refusals' lines, for the live hint's samples
	// (Samples are the first ones); their buffers are reused.
	latest     [3]latestLine
	latestNext int
}

// latestLine is one of a service's last refusal lines.
type latestLine struct {
	at   time.Time
	line []byte
}

// RecentSamples are the last refusals' lines of the last minutes up to
// now, oldest first.
func (s *ServiceLimit) RecentSamples(now time.Time, minutes int) []string {
	var out []string
	for i := range s.latest {
		l := &s.latest[(s.latestNext+i)%len(s.latest)]
		if age := now.Sub(l.at); l.line != nil && age >= 0 && age < time.Duration(minutes)*time.Minute {
			out = append(out, string(l.line))
		}
	}
	return out
}

// LimitSeen is one anvil limit's refusals.
type LimitSeen struct {
	Refusals int
	MinCount int // 0 when no refusal named a count
	Window   MinuteRing
	// MinWindow is the lowest counts of the last minutes, for the live
	// hint: a limit raised since an older refusal is no longer that low.
	MinWindow MinuteMin
}

// anvilLimits are smtpd's anvil-enforced per-client limits
// (sources.AnvilLimits), then postscreen's own count limit.
var anvilLimits = func() [numAnvilLimits]sources.AnvilLimit {
	var all [numAnvilLimits]sources.AnvilLimit
	copy(all[:], sources.AnvilLimits[:])
	all[postscreenLimit] = sources.AnvilLimit{Prefix: "too many connections", Class: sources.ClassInboundConnLimit,
		Param: "postscreen_client_connection_count_limit", What: "simultaneous connections"}
	return all
}()

// authRateLimit is smtpd_client_auth_rate_limit's index in anvilLimits.
var authRateLimit = slices.IndexFunc(anvilLimits[:], func(l sources.AnvilLimit) bool {
	return l.Param == "smtpd_client_auth_rate_limit"
})

const (
	numAnvilLimits   = len(sources.AnvilLimits) + 1
	postscreenLimit  = numAnvilLimits - 1
	connectionsLimit = 0
	rateLimitDefault = 1 // a rate refusal whose limit the parser did not name
)

// anvilLimitOf finds which limit a refusal names.
func anvilLimitOf(r *sources.Record) int {
	if r.Daemon == "postscreen" {
		return postscreenLimit
	}
	for i, l := range sources.AnvilLimits {
		if r.Param == l.Param {
			return i
		}
	}
	if r.Class == sources.ClassInboundConnLimit {
		return connectionsLimit
	}
	return rateLimitDefault
}

// Dominant is the limit that refused most, the first on a tie.
func (s *ServiceLimit) Dominant() int {
	best := 0
	for i := range s.Limits {
		if s.Limits[i].Refusals > s.Limits[best].Refusals {
			best = i
		}
	}
	return best
}

// DominantSince is the limit that refused most in the last minutes up to
// now, the first on a tie.
func (s *ServiceLimit) DominantSince(now time.Time, minutes int) int {
	best, most := 0, uint32(0)
	for i := range s.Limits {
		if n := s.Limits[i].Window.Sum(now, minutes); n > most {
			best, most = i, n
		}
	}
	return best
}

// AnvilMax is anvil's reported maximum for one service and client.
type AnvilMax struct {
	Service, Client string
	Kind            string // "connection count", "connection rate", ...
	Value           int
	RateWindow      int
	Time            time.Time
}

// Inbound tracks the inbound side: smtpd/postscreen refusals, master
// process limits and anvil maxima.
type Inbound struct {
	Services map[string]*ServiceLimit
	Anvil    map[string]*AnvilMax // key service|client|kind
	Connects MinuteRing
	// ConnectsTotal counts them all, for a report of the whole log.
	ConnectsTotal int
	// Stalls are smtpd's sessions that ended with no command done:
	// "lost connection after CONNECT" and "timeout after <command>"
	// (smtpd_timeout ran out). Many of them hold smtpd's processes
	// without work: bots, scanners or a connection flood.
	Stalls      MinuteRing
	StallsTotal int
	// postscreenSeen: postscreen logged a line about a client; it runs
	// in front of smtpd, so smtpd's clients passed its tests.
	postscreenSeen bool
	// Deeds are what clients a limit refused did besides (noteDeed):
	// whether a refused client is a sender the limit delays or a bot it
	// stops. recent holds the deeds of the latest clients not refused.
	Deeds  map[string]*ClientDeeds
	recent []deedSlot
	// Vouched counts every client's passes and messages queued: without
	// any, a log holds nothing to judge a refused client by.
	Vouched int
	// taken holds the latest messages smtpd took, until they are queued
	// or refused: only then do they count for or against their client.
	taken takenTable
	// stalls holds, by client address, the smtpd sessions that stopped
	// (sources.PathStallReasons) after some of the message content came;
	// at most maxInboundClients clients.
	stalls map[string]*contentStall
}

// contentStall is one client's sessions that stopped in the content.
type contentStall struct {
	Client, Name       string
	Sessions           int
	MinBytes, MaxBytes int64
	Samples            []string
	Window             MinuteRing
}

// ClientDeeds is what one client did: postscreen passed it or found it
// bad (sources.PostscreenVerdicts), messages of it were queued or refused
// for content, its logins failed or worked.
type ClientDeeds struct {
	// Accepted counts its messages queued (qmgr took them in): smtpd's
	// client= line comes before cleanup's and the milters' checks.
	Passed, Failed, Accepted int
	// Refused counts its messages smtpd took that a content check then
	// refused for good: header_checks, body_checks, a milter, smtpd's
	// end-of-data restrictions.
	Refused int
	// LoginsFailed counts its failed SASL logins, LoginsOK its sessions
	// and messages with a login that worked; AuthLimited says
	// smtpd_client_auth_rate_limit refused it.
	LoginsFailed, LoginsOK int
	AuthLimited            bool
	// What smtpd's refusals named the client: "unknown" (no reverse
	// DNS, or one that does not resolve back), a verified name, one of
	// a big mailbox provider's outbound servers (providerSenders).
	// postscreen names none.
	Unnamed, Named, Provider bool
}

// noteName notes the name a refusal gave the client.
func (d *ClientDeeds) noteName(name string) {
	switch {
	case name == "":
	case name == "unknown":
		d.Unnamed = true
	default:
		d.Named = true
		d.Provider = d.Provider || providerSender(name)
	}
}

// Proven tells a client with evidence of being a sender: it delivered
// mail, and is not Abusive. Passing postscreen's tests is none: any
// client that waits for the greeting passes them with the defaults, and
// behind postscreen every client smtpd sees has.
func (d *ClientDeeds) Proven() bool {
	return d != nil && !d.Abusive() && d.Accepted > 0
}

// Abusive tells a client the log shows abusing this server: its logins
// failed and none worked, or smtpd_client_auth_rate_limit held its
// failed logins back, or every message it sent was refused for content.
// An exemption from anvil's limits lifts the AUTH rate limit with the
// rest: such a client gets none, whatever else it did.
func (d *ClientDeeds) Abusive() bool {
	return d != nil && (d.LoginsFailed > 0 && (d.LoginsOK == 0 || d.AuthLimited) || d.Refused > 0 && d.Accepted == 0)
}

// NewInbound returns an empty inbound tracker.
func NewInbound() *Inbound {
	return &Inbound{Services: map[string]*ServiceLimit{}, Anvil: map[string]*AnvilMax{}, Deeds: map[string]*ClientDeeds{}}
}

// A client's deeds are counted in its entry of Deeds once a limit has
// refused it; before, in a slot of a table of the latest clients chosen by
// the address's hash (a client whose slot another takes is forgotten),
// from which its entry is made at its first refusal. Most clients are
// never refused: a line costs a hash and a store, not a map entry per
// client.
type deedKind uint8

const (
	deedAccepted deedKind = iota
	deedPassed
	deedFailed
	deedRefused
	deedLoginFailed
	deedLoginOK
	numDeeds
)

type deedSlot struct {
	client uint64 // maphash of the address
	n      [numDeeds]int32
}

// deedSlots is the length of the table of the latest clients' deeds (a
// power of two).
const deedSlots = 8192

var deedSeed = maphash.MakeSeed()

// count is the field of d that counts deeds of kind k.
func (d *ClientDeeds) count(k deedKind) *int {
	switch k {
	case deedAccepted:
		return &d.Accepted
	case deedPassed:
		return &d.Passed
	case deedRefused:
		return &d.Refused
	case deedLoginFailed:
		return &d.LoginsFailed
	case deedLoginOK:
		return &d.LoginsOK
	}
	return &d.Failed
}

// noteDeed counts what the client at ip did.
func (in *Inbound) noteDeed(ip string, k deedKind) {
	if d := in.Deeds[ip]; d != nil {
		*d.count(k)++
		return
	}
	in.noteSlot(maphash.String(deedSeed, ip), k)
}

// noteDeedBytes is noteDeed for an address held in bytes: the look-ups
// copy nothing (maphash.Bytes hashes as maphash.String does).
func (in *Inbound) noteDeedBytes(ip []byte, k deedKind) {
	if d := in.Deeds[string(ip)]; d != nil {
		*d.count(k)++
		return
	}
	in.noteSlot(maphash.Bytes(deedSeed, ip), k)
}

// noteSlot counts a deed of the client whose address hashes to h in the
// table of the latest clients.
func (in *Inbound) noteSlot(h uint64, k deedKind) {
	if in.recent == nil {
		in.recent = make([]deedSlot, deedSlots)
	}
	s := &in.recent[h&(deedSlots-1)]
	if s.client != h {
		*s = deedSlot{client: h}
	}
	s.n[k]++
}

// refused is the entry of a client a limit refused, credited at its
// first refusal with its deeds in the table of the latest clients; nil
// once maxDeeds refused clients have one.
func (in *Inbound) refused(ip string) *ClientDeeds {
	if d := in.Deeds[ip]; d != nil {
		return d
	}
	if len(in.Deeds) >= maxDeeds {
		return nil
	}
	d := &ClientDeeds{}
	if in.recent != nil {
		h := maphash.String(deedSeed, ip)
		if s := in.recent[h&(deedSlots-1)]; s.client == h {
			for k, n := range s.n {
				*d.count(deedKind(k)) = int(n)
			}
		}
	}
	in.Deeds[strings.Clone(ip)] = d
	return d
}

const maxInboundClients = 200

// maxDeeds bounds Inbound.Deeds, the refused clients' entries: a botnet
// names millions of clients.
const maxDeeds = 4096
const maxAnvil = 2000

func (in *Inbound) service(name string) *ServiceLimit {
	s := in.Services[name]
	if s == nil {
		if len(in.Services) > 500 {
			name = OtherDomain
			if s = in.Services[name]; s != nil {
				return s
			}
		}
		s = &ServiceLimit{Service: strings.Clone(name), Clients: map[string]int{}, Limited: map[string]int{}}
		in.Services[s.Service] = s
	}
	return s
}

func addSample(samples *[]string, line string) {
	if len(*samples) < 3 {
		*samples = append(*samples, keepText(line))
	}
}

// postscreenService names the service a postscreen line belongs to: its
// syslog name is not the service, so use a fixed name.
const postscreenService = "postscreen"

// Feed takes any record and keeps the inbound ones.
func (in *Inbound) Feed(r *sources.Record) {
	switch {
	case r.Event == sources.EvConnect && r.Daemon == "smtpd":
		in.Connects.Add(r.Time, 1)
		in.ConnectsTotal++
	case r.Event == sources.EvLostConn && r.Daemon == "smtpd":
		if strings.HasPrefix(r.Message, "timeout after ") || strings.HasPrefix(r.Message, "lost connection after CONNECT ") {
			in.Stalls.Add(r.Time, 1)
			in.StallsTotal++
		}
		in.contentStall(r)
	case r.Event == sources.EvProcessLimit:
		s := in.service(r.Service)
		s.ProcessLimit++
		s.ProcWindow.Add(r.Time, 1)
		s.ProcLast = later(s.ProcLast, r.Time)
		s.MaxProc = r.Limit
		if s.Type == "" {
			s.Type = strings.Clone(r.ServiceType)
		}
		in.touch(s, r)
	case r.Class == sources.ClassInboundConnLimit || r.Class == sources.ClassInboundRateLimit || r.Class == sources.ClassPortsBusy:
		name := r.Service
		if r.Daemon == "postscreen" {
			name = postscreenService
		}
		if name == "" {
			name = "smtp"
		}
		s := in.service(name)
		if r.Class == sources.ClassPortsBusy {
			s.ProcLast = later(s.ProcLast, r.Time)
		} else {
			s.RefusedLast = later(s.RefusedLast, r.Time)
		}
		switch {
		case r.Class == sources.ClassPortsBusy && r.Severity >= sources.SevWarning:
			s.Handoff++
			s.HandoffWindow.Add(r.Time, 1)
		case r.Class == sources.ClassPortsBusy:
			s.PortsBusy++
			s.BusyWindow.Add(r.Time, 1)
		case r.Daemon == "postscreen":
			s.Postscreen++
			s.RefusedWindow.Add(r.Time, 1)
			s.PostscreenWindow.Add(r.Time, 1)
		case r.Class == sources.ClassInboundConnLimit:
			s.ConnLimit++
			s.RefusedWindow.Add(r.Time, 1)
			s.ConnWindow.Add(r.Time, 1)
		default:
			s.RateLimit++
			s.RefusedWindow.Add(r.Time, 1)
			s.RateWindow.Add(r.Time, 1)
		}
		if r.Count > s.MaxCount {
			s.MaxCount = r.Count
		}
		if r.Class != sources.ClassPortsBusy {
			l := &s.Limits[anvilLimitOf(r)]
			l.Refusals++
			l.Window.Add(r.Time, 1)
			if r.Count > 0 && (l.MinCount == 0 || r.Count < l.MinCount) {
				l.MinCount = r.Count
			}
			if r.Count > 0 {
				l.MinWindow.Note(r.Time, r.Count)
			}
			latest := &s.latest[s.latestNext]
			latest.at, latest.line = r.Time, append(latest.line[:0], r.Line...)
			s.latestNext = (s.latestNext + 1) % len(s.latest)
			addSample(&s.LimitSamples, r.Line)
			if r.ClientIP != "" {
				addBounded(s.Limited, r.ClientIP, maxInboundClients, OtherDomain)
				s.noteRecent(r.ClientIP, r.Time)
				if d := in.refused(r.ClientIP); d != nil {
					d.noteName(r.ClientName)
					d.AuthLimited = d.AuthLimited || r.Param == anvilLimits[authRateLimit].Param
				}
			}
		}
		if r.ClientIP != "" {
			addBounded(s.Clients, r.ClientIP, maxInboundClients, OtherDomain)
		}
		in.touch(s, r)
	case r.Event == sources.EvClient && r.ClientIP != "":
		if r.SASLUser != "" {
			in.noteDeed(r.ClientIP, deedLoginOK)
		}
		if trackable(r.QueueID) {
			in.taken.add(r.QueueID, r.ClientIP)
		}
	case r.Event == sources.EvQmgr && r.Size > 0:
		// Queued ("from=<...>, size=N, nrcpt=M (queue active)"): cleanup
		// and the milters let it through. The size tells the line
		// without reading its text.
		if ip, ok := in.taken.take(r.QueueID); ok {
			in.Vouched++
			in.noteDeedBytes(ip, deedAccepted)
		}
	case messageRefusal(r):
		// A temporary refusal judged nothing: the client tries again.
		if ip, ok := in.taken.take(r.QueueID); ok && !tempRefusal(r.Message) {
			in.noteDeedBytes(ip, deedRefused)
		}
	case r.Event == sources.EvSASL && r.ClientIP != "":
		// Only a wrong password's failure: a failing SASL backend's is
		// no client's doing.
		if r.Known != 0 && sources.KnownMessages[r.Known-1].FailedLogin {
			in.noteDeed(r.ClientIP, deedLoginFailed)
		}
	case r.Event == sources.EvDisconnect && r.ClientIP != "" && r.Daemon == "smtpd":
		if r.AuthOK {
			in.noteDeed(r.ClientIP, deedLoginOK)
		}
	case r.Event == sources.EvPostscreen && r.ClientIP != "":
		in.postscreenSeen = true
		switch passed, ok := sources.PostscreenVerdict(r.Message); {
		case ok && passed:
			in.noteDeed(r.ClientIP, deedPassed)
			in.Vouched++
		case ok:
			in.noteDeed(r.ClientIP, deedFailed)
		}
	case r.Event == sources.EvAnvil && r.ClientIP != "":
		key := r.Service + "|" + r.ClientIP + "|" + r.Param
		a := in.Anvil[key]
		if a == nil {
			if len(in.Anvil) >= maxAnvil {
				return
			}
			a = &AnvilMax{Service: strings.Clone(r.Service), Client: strings.Clone(r.ClientIP), Kind: strings.Clone(r.Param)}
			in.Anvil[key] = a
		}
		// Each statistics line is one interval's maximum: keep the
		// largest.
		if r.Count >= a.Value {
			a.Value, a.RateWindow, a.Time = r.Count, r.RateWindow, r.Time
		}
	}
}

// contentStall counts a client's session that stopped while it sent the
// message content, after some of it came.
func (in *Inbound) contentStall(r *sources.Record) {
	reason, n, ok := sources.ContentEnd(r.Message)
	if !ok || n == 0 || r.ClientIP == "" || !slices.Contains(sources.PathStallReasons, reason) {
		return
	}
	st := in.stalls[r.ClientIP]
	if st == nil {
		if len(in.stalls) >= maxInboundClients {
			return
		}
		if in.stalls == nil {
			in.stalls = map[string]*contentStall{}
		}
		st = &contentStall{Client: strings.Clone(r.ClientIP), Name: strings.Clone(r.ClientName), MinBytes: n}
		in.stalls[st.Client] = st
	}
	st.Sessions++
	st.MinBytes, st.MaxBytes = min(st.MinBytes, n), max(st.MaxBytes, n)
	st.Window.Add(r.Time, 1)
	addSample(&st.Samples, r.Line)
}

func (in *Inbound) touch(s *ServiceLimit, r *sources.Record) {
	s.Last = r.Time
	s.Window.Add(r.Time, 1)
	addSample(&s.Samples, r.Line)
}

// Refusals is the total of a service's client refusals.
func (s *ServiceLimit) Refusals() int { return s.ConnLimit + s.RateLimit + s.Postscreen + s.PortsBusy }

// Sorted returns the services with any event, most events first.
func (in *Inbound) Sorted() []*ServiceLimit {
	out := make([]*ServiceLimit, 0, len(in.Services))
	for _, s := range in.Services {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Refusals()+out[i].ProcessLimit, out[j].Refusals()+out[j].ProcessLimit
		if a != b {
			return a > b
		}
		return out[i].Service < out[j].Service
	})
	return out
}

// AnvilSorted returns anvil maxima, highest first.
func (in *Inbound) AnvilSorted() []*AnvilMax {
	// Each entry's tie-break key is built once, not in every comparison:
	// a busy server's anvil names thousands of clients.
	type keyed struct {
		a   *AnvilMax
		key string
	}
	ks := make([]keyed, 0, len(in.Anvil))
	for _, a := range in.Anvil {
		ks = append(ks, keyed{a, a.Service + a.Client + a.Kind})
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		if x.a.Value != y.a.Value {
			return cmp.Compare(y.a.Value, x.a.Value)
		}
		return strings.Compare(x.key, y.key)
	})
	out := make([]*AnvilMax, len(ks))
	for i, k := range ks {
		out[i] = k.a
	}
	return out
}

// noteRecent counts a refusal of the client at ip at t in recent. Full,
// recent gives up the entries of clients not refused in the window, at
// most once a minute (a botnet names a new client at every line); still
// full, the client counts as OtherDomain.
func (s *ServiceLimit) noteRecent(ip string, t time.Time) {
	if t.IsZero() {
		return // a line without a time belongs to no window
	}
	w := s.recent[ip]
	if w == nil {
		if s.recent == nil {
			s.recent = map[string]*MinuteRing{}
		}
		if m := t.Unix() / 60; len(s.recent) >= maxInboundClients && m != s.recentSwept {
			s.recentSwept = m
			for k, r := range s.recent {
				if r.Sum(t, WindowMinutes) == 0 {
					delete(s.recent, k)
				}
			}
		}
		if len(s.recent) >= maxInboundClients {
			ip = OtherDomain
			w = s.recent[ip]
		}
		if w == nil {
			w = &MinuteRing{}
			s.recent[strings.Clone(ip)] = w
		}
	}
	w.Add(t, 1)
}

// RecentClients counts the per-client limits' refusals of each client in
// the last minutes up to now, OtherDomain for those past recent's bound.
func (s *ServiceLimit) RecentClients(now time.Time, minutes int) map[string]int {
	out := map[string]int{}
	for ip, w := range s.recent {
		if n := w.Sum(now, minutes); n > 0 {
			out[ip] = int(n)
		}
	}
	return out
}

// TopClients lists a service's most refused clients.
func (s *ServiceLimit) TopClients(n int) []string { return topClients(s.Clients, n) }

// topClients lists the n most refused clients of a count by client.
func topClients(refused map[string]int, n int) []string {
	var out []string
	for _, c := range TopCounts(refused, n+1) {
		if c.Key != OtherDomain && len(out) < n {
			out = append(out, c.Key)
		}
	}
	return out
}

// Count is one key of a counting map.
type Count struct {
	Key string
	N   int
}

// TopCounts returns the n largest entries of m, largest first, ties by key.
func TopCounts(m map[string]int, n int) []Count {
	all := make([]Count, 0, len(m))
	for k, v := range m {
		all = append(all, Count{k, v})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].N != all[j].N {
			return all[i].N > all[j].N
		}
		return all[i].Key < all[j].Key
	})
	if len(all) > n {
		all = all[:n]
	}
	return all
}

// takenBits sizes the table of messages smtpd took whose fate is not
// known yet (1 << takenBits slots): cleanup and qmgr follow within
// seconds, so only the latest are kept.
const takenBits = 12

// maxTakenIP is the longest client address a taken message keeps: an
// IPv6 address in full with an IPv4 tail.
const maxTakenIP = 45

// takenTable holds the latest messages smtpd took, by queue id, in slots
// chosen by the id's hash: a message takes the slot of any before it with
// the same hash, which is then forgotten. Each keeps its client's address
// in the slot, so a message costs no allocation and no map update on the
// analysers' path, a line or two of which come for every message.
type takenTable struct {
	slots []takenMsg
	held  int
}

type takenMsg struct {
	key msgKey
	n   uint8 // the address's length; 0 for a free slot
	ip  [maxTakenIP]byte
}

// slot is the slot of the message keyed k.
func (t *takenTable) slot(k msgKey) *takenMsg {
	h := k.hex
	if k.str != "" {
		h = maphash.String(deedSeed, k.str)
	}
	// Fibonacci hashing: the ids' low digits (the inode's) spread well,
	// their high ones (the time's) barely change.
	return &t.slots[(h*0x9E3779B97F4A7C15)>>(64-takenBits)]
}

// add notes that smtpd took message qid from the client at ip.
func (t *takenTable) add(qid, ip string) {
	if len(ip) > maxTakenIP {
		return // no address smtpd logs
	}
	if t.slots == nil {
		t.slots = make([]takenMsg, 1<<takenBits)
	}
	k := keyOf(qid)
	m := t.slot(k)
	if m.n == 0 {
		t.held++
	}
	if m.key != k {
		if k.str != "" {
			k.str = strings.Clone(k.str)
		}
		m.key = k
	}
	m.n = uint8(copy(m.ip[:], ip))
}

// take forgets message qid and returns its client's address, valid until
// the next add; ok is false for a message not held.
func (t *takenTable) take(qid string) (ip []byte, ok bool) {
	if t.held == 0 {
		return nil, false
	}
	k := keyOf(qid)
	m := t.slot(k)
	if m.n == 0 || m.key != k {
		return nil, false
	}
	t.held--
	ip, m.n = m.ip[:m.n], 0
	return ip, true
}

// messageRefusal tells the refusal of a whole message smtpd had taken
// (under its queue id): cleanup's reject or discard (header_checks,
// body_checks, a milter), a milter's discard, or smtpd's refusal at DATA
// or the end of the data. smtpd's refusal of one recipient leaves the
// message to the others.
func messageRefusal(r *sources.Record) bool {
	if r.Event != sources.EvReject && r.Event != sources.EvCleanup || !trackable(r.QueueID) {
		return false
	}
	switch r.Daemon {
	case "cleanup":
		return r.Event == sources.EvReject || strings.HasPrefix(r.Message, "milter-discard: ")
	case "smtpd":
		_, stage, _ := strings.Cut(r.Message, ": ")
		return r.Event == sources.EvReject && (strings.HasPrefix(stage, "DATA ") || strings.HasPrefix(stage, "END-OF-MESSAGE "))
	}
	return false
}

// tempRefusal tells a refusal whose reply is temporary (4XX, 4.X.X). In
// a header or body check's line the reply ends the line, after the HELO
// name the client chose; elsewhere it follows the client's "[ADDR]: "
// ("END-OF-MESSAGE from NAME[ADDR]: 4.7.1 ..."), whose name smtpd checked.
// A discard is never temporary.
func tempRefusal(msg string) bool {
	if strings.HasPrefix(msg, "discard: ") || strings.HasPrefix(msg, "milter-discard: ") {
		return false
	}
	if contentCheck(msg) == "" {
		if i := strings.Index(msg, " from "); i >= 0 {
			if j := strings.Index(msg[i:], "]: "); j >= 0 {
				return replyClass(msg[i+j+len("]: "):]) == '4'
			}
		}
		return false
	}
	for s := msg; ; {
		i := strings.LastIndex(s, ": ")
		if i < 0 {
			return false
		}
		if c := replyClass(s[i+2:]); c != 0 {
			return c == '4'
		}
		s = s[:i]
	}
}

// replyClass is the first digit of a reply that starts with an SMTP code
// or an enhanced status code of a refusal ("451 ", "5.7.1"), else 0.
func replyClass(s string) byte {
	if len(s) >= 3 && (s[0] == '4' || s[0] == '5') && isDigit(s[2]) && (s[1] == '.' || isDigit(s[1])) {
		return s[0]
	}
	return 0
}

// later is the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
