package analyzers

import (
	"fmt"
	"strings"

	"mxtop/sources"
)

// sessionLimitAt is how many deliveries refused past a receiver's cap
// on messages per connection make the session_limit hint.
const sessionLimitAt = 3

// reuseCountSince is the release that brought
// smtp_connection_reuse_count_limit (postconf(5)).
var reuseCountSince = release{2, 11}

// ruleSessionLimit: next hops that take no more messages over one
// connection ("421 Max message per connection reached"). Postfix reuses a
// connection for the next delivery to the destination (connection caching,
// on demand when it has a backlog); the delivery that meets the receiver's
// cap is deferred and waits for the next retry. The refused deliveries'
// conn_use= (the connection's use number) tells the cap, and a transport
// of the destination's own with smtp_connection_reuse_count_limit below
// it, or without connection caching, keeps under it. A lower concurrency
// or rate is no answer, and more reuse (smtp_tls_connection_reuse) meets
// the cap sooner.
func ruleSessionLimit(c *hintCtx) []Hint {
	const cl = sources.ClassSessionLimit
	dests := c.classDests(cl)
	var n float64
	bounced := false
	use := 0 // the least conn_use of a refused delivery
	for _, d := range dests {
		n += c.count(&d.Errors, d.Classes[cl])
		bounced = bounced || lineRecord(d.ClassLine[cl]).Status == sources.StatusBounced
		for _, l := range append([]string{d.ClassLine[cl]}, destSamples(d, cl)...) {
			if u := lineRecord(l).ConnUse; u > 0 && (use == 0 || u < use) {
				use = u
			}
		}
	}
	if len(dests) == 0 || n < sessionLimitAt || !c.e.hints.gate(hintKey{rule: "session_limit"}, n, 1, 1) {
		return nil
	}
	names, sample := c.topDomains(cl, 5), dests[0]
	verb, sev := "deferred", SevInfo
	if bounced {
		verb, sev = "deferred or returned", SevWarning
	}
	ev := []string{fmt.Sprintf("%.0f deliveries %s past the receiver's limit of messages per connection %s; destinations: %s", n, verb, c.windowText(), strings.Join(names, ", "))}
	if use > 1 {
		ev = append(ev, fmt.Sprintf("the first refused was the connection's use number %d (conn_use=%d): the receiver took %d messages over one connection", use, use, use-1))
	}
	ev = withReply(ev, classReply(sample, cl))
	version := c.e.CurrentVersion()
	old := older(version, reuseCountSince)
	params := []string{"smtp_connection_cache_on_demand", "smtp_connection_cache_destinations", "smtp_connection_reuse_time_limit"}
	if !old {
		params = append(params, "smtp_connection_reuse_count_limit")
	}
	steps := []Action{cmd(shellCmd("postconf", params...) + "   # how this host reuses connections")}
	const route = "route them to it in transport_maps (postmap an indexed table), keep them out of smtp_connection_cache_destinations, then postfix reload"
	cacheOff := "give these destinations a transport of their own: a copy of the smtp line in master.cf under a new name with -o smtp_connection_cache_on_demand=no, " + route + "; each delivery there opens a connection of its own, one message per connection"
	switch {
	case old:
		steps = append(steps, say("this Postfix, "+SanitizeLine(version)+", is older than "+reuseCountSince.String()+", which brought smtp_connection_reuse_count_limit: "+cacheOff))
	case use > 2:
		steps = append(steps, say(fmt.Sprintf("this host sends more messages over one reused connection than the receiver takes: give these destinations a transport of their own: a copy of the smtp line in master.cf under a new name with -o smtp_connection_reuse_count_limit=%d (a connection is then used at most %d times, the messages the receiver took), %s", use-2, use-1, route)))
	case use == 2:
		// A reuse count limit of 0 is no limit.
		steps = append(steps, say("the receiver took one message per connection: "+cacheOff))
	default:
		steps = append(steps, say("this host sends more messages over one reused connection than the receiver takes: give these destinations a transport of their own: a copy of the smtp line in master.cf under a new name with -o smtp_connection_reuse_count_limit=N, where a connection is used at most N+1 times, below the messages the receiver takes over one (its reply or postmaster page may say; conn_use= in the smtp lines is a connection's use number), "+route+"; or, with -o smtp_connection_cache_on_demand=no instead, every delivery there opens a connection of its own"))
	}
	if bounced {
		steps = append(steps, say("the receiver answered some with a 5xx: those messages were returned to their senders, who must send them again"))
	}
	cautions := []string{"a lower concurrency changes nothing, as the receiver counts messages within one connection; a rate delay would make every delivery there serial to do what a transport without reuse does; smtp_tls_connection_reuse = yes makes connections carry more messages"}
	if !old {
		cautions = append(cautions, "not in main.cf: smtp_connection_reuse_count_limit there holds for every destination, and postconf(5) calls it unsafe (toward a destination with several MX hosts the slowest attracts the most connections)")
	}
	return []Hint{{
		ID: "session_limit", Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: a receiver takes fewer messages per connection than this host sends over a reused one",
		Evidence: ev, Samples: destSamples(sample, cl), Steps: steps,
		Cautions: cautions,
		Impact:   c.perMinute(&c.e.OutClassRing[cl], c.e.OutClasses[cl]),
	}}
}
