package analyzers

import (
	"fmt"
	"net"
	"slices"
	"strconv"
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

// setupCauses are what makes connection setup (delays=a/b/c/d: c) slow,
// in Postfix's terms, each with the read-only check that tells it: check
// is a command, where {lookup} stands for the DNS query smtp makes for
// the destination (its MX, or a relayhost's records) and {hop} for a
// next hop (host:port), both filled in quoted.
var setupCauses = []struct{ cause, check string }{
	{"slow or failing DNS on this host: smtp looks up the MX and address records for each connection it opens, through the system resolver (no cache of its own); each query that gets no answer costs the resolver's timeout (options timeout:, 5 s by default) before the next nameserver is asked",
		"time host {lookup}"},
	{"a chrooted smtp (master.cf's chroot column y) reads /var/spool/postfix/etc/resolv.conf, which can name other nameservers than /etc/resolv.conf",
		"grep -H -E '^(nameserver|options)' /etc/resolv.conf /var/spool/postfix/etc/resolv.conf"},
	{"a server that delays its greeting: a tarpit, or a postscreen-like pregreet wait (postscreen_greet_wait, 6 s) before its 220; smtp waits for it up to smtp_helo_timeout (300 s), and only the receiver can shorten it",
		"time openssl s_client -brief -starttls smtp -connect {hop} </dev/null"},
	{"a slow TLS handshake: each new connection pays it in full; smtp_tls_session_cache_database lets later ones resume the session",
		"postconf smtp_tls_security_level smtp_tls_session_cache_database"},
	{"IPv6 tried first and timing out before IPv4: with inet_protocols = all and smtp_address_preference = any or ipv6, a connection to an MX that has an IPv6 address waits smtp_connect_timeout (30 s) when this host has no working IPv6 route, then uses IPv4 (a c near 30 s says so); without IPv6 here, inet_protocols = ipv4 (put into effect by " + sources.ApplyChange("inet_protocols") + " rather than a reload) or smtp_address_preference = ipv4 ends it",
		"postconf inet_protocols smtp_address_preference smtp_connect_timeout"},
}

// ruleSlowSetup: a destination whose sent deliveries spend most of their
// time in connection setup (delays=a/b/c/d: c). It is an info finding of
// no impact: slow setup costs seconds per message, not messages, so it
// ranks after every hint that holds mail back, throttling included, and
// a destination that throttles is left to its own hints.
func ruleSlowSetup(c *hintCtx) []Hint {
	var ds []*Dest
	for _, d := range c.e.Dest.byName {
		if d.slowSetups >= setupMinDeliveries && !isNoDomain(d.Domain) && !d.LMTP {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b *Dest) int { return strings.Compare(a.Domain, b.Domain) })
	var out []Hint
	for _, d := range ds {
		n := c.count(&d.SlowSetup, d.slowSetups)
		all := c.count(&d.Attempts, d.Sent+d.Failures())
		fire := n >= setupMinDeliveries && n >= setupDestShare*all && !c.throttles(d.Domain)
		if !c.e.hints.gate(hintKey{"slow_setup", d.Domain}, b2f(fire), 1, 1) {
			continue
		}
		name := SanitizeLine(d.Domain)
		// The sum and the largest c are kept for the whole log only.
		scope := ""
		if !c.whole {
			scope = " over the whole log"
		}
		ev := fmt.Sprintf("%.0f of %.0f deliveries to %s %s spent %.0f s or more connecting (delays=a/b/c/d: c: DNS lookups, TCP connect, the server's greeting, EHLO, TLS handshake), most of their time; c averaged %.1f s, up to %.0f s%s",
			n, all, name, c.windowText(), slowSetup, d.setupSecs/float64(d.slowSetups), d.MaxSetup, scope)
		lookup, lookupNote := c.setupLookup(d.Domain)
		hop := setupHop(d)
		steps := []Action{say("c is the time from the start of a delivery to the end of the TLS handshake (or of EHLO without TLS), before any mail is sent; what makes it large:")}
		for _, k := range setupCauses {
			steps = append(steps, say(k.cause))
			if strings.Contains(k.check, "{lookup}") && lookupNote != "" {
				steps = append(steps, say(lookupNote))
			}
			switch {
			case strings.Contains(k.check, "{lookup}") && lookup == "" && lookupNote != "":
			case strings.Contains(k.check, "{lookup}") && lookup == "":
				steps = append(steps, say("look up and time the destination's MX records with host -t mx (its name is not a plausible domain, so no command is given)"))
			case strings.Contains(k.check, "{hop}") && hop == "":
				steps = append(steps, say("time a connection to the destination's MX with openssl s_client -starttls smtp (no plausible next hop is known, so no command is given)"))
			default:
				steps = append(steps, cmd(strings.NewReplacer("{lookup}", lookup, "{hop}", hop).Replace(k.check)))
			}
		}
		h := Hint{
			ID: "connection_setup", Severity: SevInfo, Side: "outbound", Subject: name,
			Title:    "Outbound: connection setup to " + name + " takes most of each delivery",
			Evidence: []string{ev},
			Steps:    steps,
			Cautions: []string{"the checks above only read: change inet_protocols, smtp_address_preference or the resolver only for what they show"},
		}
		if d.setupLine != "" {
			h.Samples = []string{SanitizeLine(d.setupLine)}
		}
		out = append(out, h)
	}
	return foldSlowSetups(out)
}

// slowSetupsShared is how many destinations with slow connection setup
// make one hint of them: the same delay at unrelated receivers is this
// host's side.
const slowSetupsShared = 3

// foldSlowSetups makes one hint of the connection_setup hints of
// slowSetupsShared or more destinations: the first one's checks (its
// commands name its domain and next hop as an example), every one's
// evidence, and the cause that they share put first.
func foldSlowSetups(hs []Hint) []Hint {
	if len(hs) < slowSetupsShared {
		return hs
	}
	h := hs[0]
	names := make([]string, len(hs))
	ev := []string{}
	for i, x := range hs {
		names[i] = x.Subject
		if len(ev) < 5 {
			ev = append(ev, x.Evidence...)
		}
	}
	if len(hs) > 5 {
		ev = append(ev, fmt.Sprintf("and %d more destinations alike", len(hs)-5))
	}
	h.Evidence = append([]string{fmt.Sprintf("%d destinations, unrelated receivers, spend most of each delivery connecting: a delay they all share is on this host's side, its resolver first (smtp looks up each MX through it), then its network path; the checks below use %s as an example", len(hs), hs[0].Subject)}, ev...)
	h.Subject = strings.Join(names[:min(len(names), 5)], ", ")
	h.Title = fmt.Sprintf("Outbound: connection setup takes most of each delivery at %d destinations", len(hs))
	h.Severity = SevWarning
	for _, x := range hs[1:] {
		h.Samples = append(h.Samples, x.Samples...)
		h.Impact += x.Impact
	}
	h.Samples = h.Samples[:min(len(h.Samples), 3)]
	return []Hint{h}
}

// setupLookup is the arguments of host(1) that repeat the DNS query smtp
// makes to reach a destination, quoted: the domain's MX, or behind a
// relay (relayhost, or default_transport's next hop) the relay's, by
// address when it is bracketed (no MX lookup) and by MX when it is not;
// "" when the name is not plausible. note says whose records they are
// when they are not the domain's.
func (c *hintCtx) setupLookup(domain string) (args, note string) {
	if r, ok := c.configRelay(); ok {
		rh := r.hop()
		if !PlausibleDomain(rh.host) {
			return "", r.where() + ": smtp looks up the relay's records, not the recipient domain's MX; its name is not a plausible host name, so no command is given"
		}
		if rh.bracketed {
			return "-t a " + ShellQuote(rh.host), r.where() + ": smtp looks up the relay's address records, not the recipient domain's MX"
		}
		return "-t mx " + ShellQuote(rh.host), r.where() + ", without [brackets]: smtp looks up the relay's MX, then its address records, not the recipient domain's MX"
	}
	if !PlausibleDomain(domain) {
		return "", ""
	}
	return "-t mx " + ShellQuote(domain), ""
}

// setupHop is the destination's most used next hop as host:port, quoted
// for a command, "" when none is plausible.
func setupHop(d *Dest) string {
	var best *Hop
	for i := range d.Hops {
		if h := &d.Hops[i]; best == nil || h.Attempts > best.Attempts {
			best = h
		}
	}
	if best == nil || best.Port <= 0 || best.Port > 65535 {
		return ""
	}
	host := best.Host
	if !PlausibleDomain(host) {
		host = best.IP
	}
	if !PlausibleHost(host) {
		return ""
	}
	return ShellQuote(net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(best.Port)))
}
