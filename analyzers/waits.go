package analyzers

import (
	"strings"
	"time"

	"mxtop/sources"
)

// Where sent mail spent its time. Each delivery record carries
// delays=a/b/c/d: a before the queue manager, b in it, c connection setup
// (DNS, greeting, EHLO, TLS), d transmission. A message waits in the queue
// manager (b) for a delivery agent: within the transport's process limit
// (maxproc) and the destination's concurrency limit; b of a few seconds
// on many deliveries means one of those limits holds mail back. A next
// hop on this host (a content filter on loopback, an LMTP socket) whose d
// runs to many seconds is the filter or mailbox server being slow.

// slowWait is the b or d (seconds) from which a delivery counts as slow:
// the queue manager hands a message over at once when an agent is free,
// and a local filter or mailbox server takes a second or two.
const slowWait = 10.0

// maxWaitKeys bounds the destinations and local hops remembered.
const maxWaitKeys = 16

// Waits counts sent deliveries and those that waited. The whole log's
// sent deliveries are the engine's SentTotal.
type Waits struct {
	Sent MinuteRing
	// Queued counts deliveries whose b reached slowWait.
	Queued   MinuteRing
	queued   int
	queuedAt map[string]time.Time // destination → its last slow-b delivery
	qSamples []string
	// Hops are this host's own next hops (loopback or a Unix socket).
	Hops map[hopKey]*SlowHop
}

// hopKey names a local next hop by its delivery agent and relay= field:
// a pair, not one string, so that looking a delivery up allocates
// nothing.
type hopKey struct{ daemon, relay string }

// String is the hop's key as the hints' gate and order know it.
func (k hopKey) String() string { return k.daemon + " " + k.relay }

// SlowHop is one local next hop: its deliveries and the slow ones.
type SlowHop struct {
	Name, Daemon string
	Sent, Slow   MinuteRing
	sent, slow   int
	MaxD         float64
	samples      []string
}

func newWaits() *Waits {
	return &Waits{queuedAt: map[string]time.Time{}, Hops: map[hopKey]*SlowHop{}}
}

// feed takes a sent delivery.
func (w *Waits) feed(r *sources.Record) {
	w.Sent.Add(r.Time, 1)
	if r.Delays[1] >= slowWait {
		w.Queued.Add(r.Time, 1)
		w.queued++
		w.remember(r.Domain, r.Time)
		w.qSamples = keepSample(w.qSamples, r.Line)
	}
	if !localHop(r.RelayIP) {
		return
	}
	h := w.Hops[hopKey{r.Daemon, r.Relay}]
	if h == nil {
		if len(w.Hops) >= maxWaitKeys {
			return
		}
		h = &SlowHop{Name: strings.Clone(r.Relay), Daemon: strings.Clone(r.Daemon)}
		w.Hops[hopKey{h.Daemon, h.Name}] = h
	}
	h.Sent.Add(r.Time, 1)
	h.sent++
	if d := r.Delays[3]; d >= slowWait {
		h.Slow.Add(r.Time, 1)
		h.slow++
		h.MaxD = max(h.MaxD, d)
		h.samples = keepSample(h.samples, r.Line)
	}
}

// remember notes a destination's slow-b delivery, forgetting the one
// least recently seen when full.
func (w *Waits) remember(dom string, t time.Time) {
	if _, ok := w.queuedAt[dom]; !ok && len(w.queuedAt) >= maxWaitKeys {
		var old string
		var oldT time.Time
		for d, at := range w.queuedAt {
			if old == "" || at.Before(oldT) {
				old, oldT = d, at
			}
		}
		delete(w.queuedAt, old)
	}
	if _, ok := w.queuedAt[dom]; !ok {
		dom = strings.Clone(dom)
	}
	w.queuedAt[dom] = t
}

// queuedDests are the destinations with slow-b deliveries since since
// (all of them when since is zero).
func (w *Waits) queuedDests(since time.Time) []string {
	var out []string
	for d, at := range w.queuedAt {
		if since.IsZero() || !at.Before(since) {
			out = append(out, d)
		}
	}
	return out
}

// keepSample keeps the last 3 lines, sanitised for the screen.
func keepSample(s []string, line string) []string {
	if len(s) == 3 {
		s = append(s[:0], s[1:]...)
	}
	return append(s, SanitizeLine(keepText(line)))
}

// localHop tells a next hop on this host: a loopback address or a Unix
// socket (relay=host[private/dovecot-lmtp]).
func localHop(ip string) bool {
	if ip == "" {
		return false
	}
	// The first byte rules out most addresses, for every sent delivery.
	switch ip[0] {
	case '1':
		return strings.HasPrefix(ip, "127.")
	case ':':
		return ip == "::1"
	case 'p':
		return strings.HasPrefix(ip, "private/") || strings.HasPrefix(ip, "public/")
	case '/':
		return true
	}
	return false
}

// Connection setup (delays=a/b/c/d: c) covers the MX and address
// look-ups, the TCP connect, the server's greeting, EHLO and the TLS
// handshake. Across the internet, TLS included, that is a few round
// trips: well under two seconds.
const (
	// slowSetup is the c (seconds) from which a setup counts as slow:
	// one lost DNS query costs the resolver's retry timeout (5 s by
	// default), postscreen's greet wait is 6 s, and a normal setup stays
	// far below.
	slowSetup = 5.0
	// setupShare is the part of a delivery's whole delay (a+b+c+d) that c
	// must reach: a message that waited in the deferred queue (a) or
	// sent a large body (d) is slow for those reasons, not its setup.
	setupShare = 0.5
	// setupMinDeliveries and setupDestShare are how many of a
	// destination's deliveries must have slow setup, and what share of
	// all of its delivery records: one MX that stalled once, or a DNS
	// hiccup, gives a few slow setups among many quick ones; a pattern
	// holds for most of them.
	setupMinDeliveries = 10
	setupDestShare     = 0.5
)

// slowSetupOf tells a delivery whose connection setup was slow and most
// of its time.
func slowSetupOf(d *[4]float64) bool {
	c := d[2]
	return c >= slowSetup && c >= setupShare*(d[0]+d[1]+d[2]+d[3])
}
