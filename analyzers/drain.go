package analyzers

import (
	"fmt"
	"math"
	"time"

	"mxtop/sources"
)

// Drain estimates how long a destination's deferred mail needs at a
// concurrency limit and rate delay, from the time its deliveries took.
type Drain struct {
	Messages  int           // deferred recipients of the domain in the queue
	Conns     int           // the concurrency limit
	RateDelay time.Duration // the destination rate delay (serial delivery when > 0)
	PerMsg    time.Duration // observed connection and transmission time per delivery
	Time      time.Duration
	Proposed  bool // at the hint's suggestion, not the current configuration
	// Refuses is the concurrency at which the destination began refusing
	// connections (0 when it has not): above it, the estimate is too
	// hopeful, as refused deliveries wait for their retry.
	Refuses int
}

// DrainTime is n deliveries of perMsg each over conns parallel connections;
// a rate delay makes delivery serial, with the delay between deliveries.
// Each recipient counts as one delivery: recipients sharing a message go
// faster, so it is an upper bound.
func DrainTime(n int, perMsg time.Duration, conns int, delay time.Duration) time.Duration {
	if n <= 0 {
		return 0
	}
	if delay > 0 {
		return time.Duration(n) * (perMsg + delay)
	}
	return time.Duration(n) * perMsg / time.Duration(max(1, conns))
}

// String reads "at 2 connections and 1 s delay: 1,240 messages in about
// 25 min".
func (d Drain) String() string {
	at := fmt.Sprintf("at %d connection%s", d.Conns, plural(d.Conns))
	if d.RateDelay > 0 {
		at = fmt.Sprintf("at 1 connection and %s delay", shortDuration(d.RateDelay))
	} else {
		at += " and no delay"
	}
	s := fmt.Sprintf("%s: %s messages in about %s", at, thousands(d.Messages), roughDuration(d.Time))
	if d.Proposed {
		s += " (proposed)"
	}
	if d.Refuses > 0 && d.Conns >= d.Refuses && d.RateDelay == 0 {
		s += fmt.Sprintf(", if it took them: it refused at about %d, and refused mail waits for its retry", d.Refuses)
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func shortDuration(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%g s", d.Seconds())
	}
	return d.String()
}

// roughDuration rounds an estimate to what it is worth.
func roughDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", max(1, int(math.Ceil(d.Seconds()))))
	case d < 2*time.Hour:
		return fmt.Sprintf("%d min", int(math.Round(d.Minutes())))
	case d < 48*time.Hour:
		return fmt.Sprintf("%.1f h", d.Hours())
	}
	return fmt.Sprintf("%.1f days", d.Hours()/24)
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// rateDelay is a transport's destination rate delay.
func rateDelay(cfg *sources.Config, transport string) time.Duration {
	if cfg == nil {
		return 0
	}
	name := transport + "_destination_rate_delay"
	if !cfg.Has(name) {
		name = "default_destination_rate_delay"
	}
	n, _ := cfg.Seconds(name)
	return time.Duration(n) * time.Second
}

// DrainEstimates estimates how long domain's deferred mail needs at the
// current limit and rate delay and, when its hints propose a change, at
// the proposal; why says what is missing when there is no estimate.
func (e *Engine) DrainEstimates(domain string) (out []Drain, why string) {
	d, ok := e.Dest.Lookup(domain)
	if !ok {
		return nil, "no deliveries to it seen"
	}
	if e.Queue == nil {
		return nil, "the queue was not read: how much of its mail waits is not known"
	}
	n := 0
	for _, q := range e.Queue.Domains {
		if q.Domain == domain {
			n = q.Recipients
		}
	}
	if n == 0 {
		return nil, "none of its mail is in the queue"
	}
	per, ok := d.SendTime()
	if !ok {
		return nil, "no delivery to it has succeeded yet: no time per delivery to estimate from"
	}
	c := &hintCtx{e: e, now: e.Now, cfg: e.Config, configDir: e.ConfigDir}
	t := c.throttle(d)
	cur := Drain{Messages: n, Conns: t.limit, RateDelay: rateDelay(e.Config, t.transport), PerMsg: per}
	if d.Classes[sources.ClassConnLimit] > 0 {
		cur.Refuses = max(t.seen, t.suggest+1)
	}
	cur.Time = DrainTime(n, per, cur.Conns, cur.RateDelay)
	out = append(out, cur)
	if d.Classes[sources.ClassConnLimit] > 0 && t.suggest != t.limit {
		p := Drain{Messages: n, Conns: t.suggest, PerMsg: per, Proposed: true}
		p.Time = DrainTime(n, per, p.Conns, 0)
		out = append(out, p)
	}
	if d.Classes[sources.ClassRateLimit] > 0 && cur.RateDelay == 0 {
		p := Drain{Messages: n, Conns: 1, RateDelay: time.Second, PerMsg: per, Proposed: true}
		p.Time = DrainTime(n, per, 1, p.RateDelay)
		out = append(out, p)
	}
	return out, ""
}
