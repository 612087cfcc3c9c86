package analyzers

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"mxtop/sources"
)

// since is the start of the hints' window, zero for the whole log.
func (c *hintCtx) since() time.Time {
	if c.whole {
		return time.Time{}
	}
	return c.now.Add(-HintWindow * time.Minute)
}

// throttles tells a destination whose failures in the window make
// Postfix hold back on purpose: it refuses connections, or asks for a
// lower rate.
func (c *hintCtx) throttles(dom string) bool {
	d, ok := c.e.Dest.Lookup(dom)
	return ok && (c.count(&d.ConnLimit, d.Classes[sources.ClassConnLimit]) > 0 || c.count(&d.RateLimit, d.Classes[sources.ClassRateLimit]) > 0)
}

// ruleQueueWait: sent mail that waited in the queue manager (delays=
// a/b/c/d: b) for a delivery agent. Destinations that throttle are left to
// their own hints: there Postfix holds mail back on purpose.
func ruleQueueWait(c *hintCtx) []Hint {
	w := c.e.Waits
	n, sent := c.count(&w.Queued, w.queued), c.count(&w.Sent, c.e.SentTotal)
	var dests, throttled []string
	for _, d := range w.queuedDests(c.since()) {
		if c.throttles(d) {
			throttled = append(throttled, d)
		} else {
			dests = append(dests, d)
		}
	}
	fire := n >= 5 && n >= 0.2*sent && len(dests) > 0
	if !c.e.hints.gate(hintKey{rule: "queue_wait"}, b2f(fire), 1, 1) {
		return nil
	}
	slices.Sort(dests)
	slices.Sort(throttled)
	names := dests[:min(len(dests), 5)]
	ev := fmt.Sprintf("%.0f of %.0f sent deliveries %s waited %.0f s or more in the queue manager for a delivery agent (delays=a/b/c/d: b); destinations: %s",
		n, sent, c.windowText(), slowWait, strings.Join(names, ", "))
	if len(dests) > len(names) {
		ev += fmt.Sprintf(" and %d more", len(dests)-len(names))
	}
	steps := []Action{
		say("b is the wait for a delivery agent: a message leaves the queue manager when its transport has a free process (maxproc in master.cf, or default_process_limit, 100) and its destination is under its concurrency limit (<transport>_destination_concurrency_limit, or default_destination_concurrency_limit, 20)"),
		cmd("postconf default_process_limit default_destination_concurrency_limit smtp_destination_concurrency_limit relay_destination_concurrency_limit"),
		cmd("postconf -M   # each transport's maxproc is its 7th column; - is default_process_limit"),
	}
	if len(dests) == 1 {
		steps = append(steps, say("the waits are at one destination: its concurrency limit holds them (with a relayhost all mail is one destination): raise <transport>_destination_concurrency_limit only for a receiver that takes more parallel connections (a relay of your own), and when the transport's processes are all busy raise its maxproc too"))
	} else {
		steps = append(steps, say("the waits span destinations: the transport's process limit holds them: while mail waits, count its processes (mxtop's concurrency pane, or ps -C smtp); all maxproc busy means raise that transport's maxproc (postconf -F 'smtp/unix/process_limit = 200', then postfix reload) if memory allows"))
	}
	steps = append(steps, say("slow deliveries hold the agents longer: where c (connection setup) or d (transmission) are large too, mend those first: a slow resolver, or a dead MX each delivery waits smtp_connect_timeout for"))
	h := Hint{
		ID: "process_limit", Severity: SevWarning, Side: "outbound", Subject: "queue manager",
		Title:    "Outbound: mail waits in the queue manager for delivery agents",
		Evidence: []string{ev},
		Samples:  slices.Clone(w.qSamples),
		Steps:    steps,
		Cautions: []string{"never raise the concurrency of a destination that answers 421 or too many connections: Postfix backs off there on purpose"},
		Impact:   c.perMinute(&w.Queued, w.queued),
	}
	if len(throttled) > 0 {
		h.Cautions = append(h.Cautions, "some waits are at destinations that throttle this host ("+strings.Join(throttled[:min(len(throttled), 3)], ", ")+"): their hints say what to do there")
	}
	return []Hint{h}
}

// ruleSlowLocalHop: a next hop on this host (a content filter on
// loopback, the mailbox server's LMTP socket) that takes many seconds
// per delivery (delays=a/b/c/d: d).
func ruleSlowLocalHop(c *hintCtx) []Hint {
	w := c.e.Waits
	keys := make([]hopKey, 0, len(w.Hops))
	for k := range w.Hops {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b hopKey) int { return strings.Compare(a.String(), b.String()) })
	var out []Hint
	for _, hk := range keys {
		h, k := w.Hops[hk], hk.String()
		n, sent := c.count(&h.Slow, h.slow), c.count(&h.Sent, h.sent)
		fire := n >= 3 && n >= 0.3*sent
		if !c.e.hints.gate(hintKey{"slow_hop", k}, b2f(fire), 1, 1) {
			continue
		}
		name := SanitizeLine(h.Name)
		ev := fmt.Sprintf("%.0f of %.0f deliveries to %s %s took %.0f s or more to transmit (delays=a/b/c/d: d), up to %.0f s", n, sent, name, c.windowText(), slowWait, h.MaxD)
		hint := Hint{
			ID: "process_limit", Severity: SevWarning, Side: "host", Subject: name,
			Evidence: []string{ev}, Samples: slices.Clone(h.samples),
			Impact: c.perMinute(&h.Slow, h.slow),
		}
		if h.Daemon == "lmtp" {
			hint.Title = "Host: the mailbox server (LMTP) at " + name + " is slow to take mail"
			hint.Steps = []Action{
				say("d is the time the mailbox server takes to store each message: Dovecot's lmtp service (its process_limit), the disk under the mailboxes, Sieve scripts, or full-text indexing at delivery"),
				say("look at Dovecot's own warnings in the log and at the disk's latency (iostat -x 5): a busy disk makes every delivery wait"),
				cmd("postconf lmtp_destination_concurrency_limit default_destination_concurrency_limit   # how many deliveries run at once"),
			}
			hint.Cautions = []string{"more parallel deliveries to a slow disk make each one slower"}
		} else {
			hint.Title = "Host: the content filter or local relay at " + name + " is slow to take mail"
			hint.Steps = []Action{
				say("d is the time the filter takes to receive and scan each message; Postfix runs at most its transport's maxproc deliveries to it at once (the filter's transport in master.cf, such as smtp-amavis with maxproc 2), and the filter runs its own number of processes ($max_servers in amavisd.conf): the two must match"),
				cmd("postconf -M   # the filter's transport and its maxproc (7th column)"),
				say("with CPU and memory to spare (mxtop's load pane), raise both together; when the scanners are what is slow (SpamAssassin's network tests against a slow resolver, ClamAV reloading its signatures), mend those"),
			}
			hint.Cautions = []string{"more filter processes than memory holds make the machine swap, and every message slower"}
		}
		out = append(out, hint)
	}
	return out
}

// b2f is 1 for true, for a gate on a condition.
func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
