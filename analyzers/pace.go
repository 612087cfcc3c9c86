package analyzers

import (
	"fmt"
	"math"
)

// rateDelaySecs is the rate delay the rate_delay hint sets, in seconds
// (rateDelayParams).
const rateDelaySecs = 1

// defaultConcurrency is default_destination_concurrency_limit's default.
const defaultConcurrency = 20

// rateDelayCap is how many deliveries an hour a rate delay of secs seconds
// lets start: one each secs, one connection at a time (a non-zero rate
// delay makes delivery to the destination serial).
func rateDelayCap(secs int) int { return 3600 / max(secs, 1) }

// paceDemand is how many deliveries an hour a rate delay on d's next hop
// would have to carry: d's busiest clock hour in delivery records, or,
// when d's mail goes to a relay that is one destination for all of it,
// the busiest hour of all remote deliveries (relayed). Every recipient and
// every retry counts, so it is at least the messages' number: a delay
// judged to carry it does.
func (c *hintCtx) paceDemand(d *Dest) (perHour int, relayed bool) {
	if !d.LMTP && c.viaRelayhost(d) {
		_, logged := c.logRelayOf(d)
		_, named := c.configRelay()
		if logged || named {
			return int(max(c.e.Dest.Hourly.Peak, d.Hourly.Peak)), true
		}
	}
	return int(d.Hourly.Peak), false
}

// overPaced says whether the rate_delay hint's delay cannot carry the
// mail d's next hop takes: it then offers no rate delay (overPacedSteps).
func (c *hintCtx) overPaced(d *Dest) bool {
	n, _ := c.paceDemand(d)
	return !d.LMTP && n > rateDelayCap(rateDelaySecs)
}

// overPacedSteps are the rate_delay hint's steps where its delay cannot
// carry the volume: why not, and what paces the mail without holding it
// back.
func (c *hintCtx) overPacedSteps(d *Dest) []Action {
	n, relayed := c.paceDemand(d)
	what := SanitizeLine(d.Domain)
	if relayed {
		what = "the relay (one destination for all the mail it takes)"
	}
	steps := []Action{say(fmt.Sprintf("no rate delay: %s_destination_rate_delay = %ds, the smallest step, lets one delivery start every %d s, one connection at a time: %d an hour at most, and this host made %d delivery attempts to %s in the log's busiest hour (every recipient and retry counted); with the delay, the mail for it would wait longer and longer in the queue",
		rateTransport, rateDelaySecs, rateDelaySecs, rateDelayCap(rateDelaySecs), n, what))}
	ask := "ask the receiver's postmaster for a limit this volume fits (big providers have bulk-sender programs and postmaster pages), and spread bulk sending over the day"
	if s, ok := d.SendTime(); ok && s > 0 {
		conns := int(math.Ceil(float64(n) * s.Seconds() / 3600 * 1.25))
		if conns < defaultConcurrency {
			conns = max(conns, 2)
			steps = append(steps, say(fmt.Sprintf("to slow it down without holding it back, limit the connections instead: a destination concurrency limit of %d for %s (a delivery takes %.1f s here, so %d connections carry about %d an hour), set as the destination_concurrency hint sets one, in a transport of its own",
				conns, what, s.Seconds(), conns, int(float64(conns)*3600/s.Seconds()))))
		}
	}
	return append(steps, say(ask))
}

// serialDelay is the rate delay in seconds, at most 10, that spaces d's
// deliveries without holding back the volume its next hop takes; 0 when
// even a second is too long.
func (c *hintCtx) serialDelay(d *Dest) int {
	n, _ := c.paceDemand(d)
	if n <= rateDelayCap(10) {
		return 10
	}
	if n > rateDelayCap(1) {
		return 0
	}
	return 3600 / n
}

// spaceOut is the advice for a receiver that refuses even one connection
// at a time: its limit, and a rate delay that carries the volume, if any
// does.
func (c *hintCtx) spaceOut(d *Dest) string {
	s := c.serialDelay(d)
	n, _ := c.paceDemand(d)
	if s == 0 {
		return fmt.Sprintf("ask the receiver's postmaster for its limit; a rate delay would not do: even %ds carries %d deliveries an hour at most, and this host made %d to it in the log's busiest hour", rateDelaySecs, rateDelayCap(rateDelaySecs), n)
	}
	how := fmt.Sprintf("%ds, say", s)
	if s < 10 {
		how = fmt.Sprintf("%ds at most: it carries %d deliveries an hour, and this host made up to %d", s, rateDelayCap(s), n)
	}
	return "ask the receiver's postmaster for its limit; to space the connections out, give the domain its own transport with " + rateTransport + "_destination_rate_delay (" + how + "), which also makes its delivery serial"
}
