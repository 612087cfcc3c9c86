package analyzers

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// paceLog is an hour of mail to domain: sent deliveries, then rate-limit
// deferrals at the end of the hour.
func paceLog(domain string, sent, deferred int) []string {
	var lines []string
	for i := range sent {
		lines = append(lines, deliv(i*3000/max(sent, 1), domain, "sent", "250 2.0.0 OK"))
	}
	for i := range deferred {
		lines = append(lines, deliv(3000+i, domain, "deferred", "host mx."+domain+"[192.0.2.1] said: 451 4.7.1 Rate limit exceeded, try again later (in reply to RCPT TO command)"))
	}
	return lines
}

func rateDelayHint(t *testing.T, e *Engine) Hint {
	t.Helper()
	hs := hintIDs(e.Hints(true))["rate_delay"]
	if len(hs) != 1 {
		t.Fatalf("%d rate_delay hints: %+v", len(hs), hs)
	}
	return hs[0]
}

// A rate delay of 1 s, the smallest, lets 3,600 deliveries an hour start:
// where this host sends more than that to the destination, the delay
// would hold its mail back more than the receiver does, so the hint
// offers none and says why with the numbers; below, it offers the delay.
func TestRateDelayOnlyWhereItCarriesTheVolume(t *testing.T) {
	for _, c := range []struct {
		sent     int
		delay    bool
		evidence string
	}{
		{300, true, ""},
		{5000, false, "made 5020 delivery attempts"},
	} {
		t.Run(fmt.Sprint(c.sent), func(t *testing.T) {
			h := rateDelayHint(t, feed(paceLog("bulk.example", c.sent, 20)...))
			acts := strings.Join(h.Actions, "\n")
			hasDelay := false
			for _, a := range h.Steps {
				if a.Command && strings.Contains(a.Text, "rate_delay") {
					hasDelay = true
				}
			}
			for _, ch := range h.Changes {
				if strings.Contains(ch.Param, "rate_delay") {
					hasDelay = true
				}
			}
			if hasDelay != c.delay {
				t.Errorf("a rate delay is offered: %v, want %v:\n%s", hasDelay, c.delay, acts)
			}
			if c.evidence != "" && (!strings.Contains(acts, c.evidence) || !strings.Contains(acts, "3600 an hour at most")) {
				t.Errorf("the steps do not say why no rate delay (want %q):\n%s", c.evidence, acts)
			}
			if !c.delay && !strings.Contains(acts, "destination concurrency limit of") {
				t.Errorf("no concurrency limit offered instead:\n%s", acts)
			}
		})
	}
}

// Behind a relayhost every remote delivery goes to the one relay: a rate
// delay there would pace all of them, so it is judged against them all,
// though the domain the relay deferred had few of its own.
func TestRateDelayAtTheRelayCountsAllMail(t *testing.T) {
	var lines []string
	for i := range 5000 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06X%04X: to=<u%d@d%d.example>, relay=smtp.relay.example[192.0.2.50]:587, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 OK)",
			stamp(i*3000/5000), 1000+i%7, i, i, i, i%300))
	}
	for i := range 20 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06X%04X: to=<u%d@limited.example>, relay=smtp.relay.example[192.0.2.50]:587, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.1, status=deferred (host smtp.relay.example[192.0.2.50] said: 451 4.7.1 Rate limit exceeded, try again later (in reply to RCPT TO command))",
			stamp(3000+i), 1000+i%7, 90000+i, i, i))
	}
	e := feed(lines...)
	e.SetConfig(configWith(t, "relayhost = [smtp.relay.example]:587\n"))
	h := rateDelayHint(t, e)
	acts := strings.Join(h.Actions, "\n")
	for _, a := range h.Steps {
		if a.Command && strings.Contains(a.Text, "rate_delay") {
			t.Errorf("a rate delay command at a relay that takes 5000 deliveries an hour: %q", a.Text)
		}
	}
	if len(h.Changes) > 0 || !strings.Contains(acts, "no rate delay") || !strings.Contains(acts, "the relay") {
		t.Errorf("a rate delay at a relay that takes 5000 deliveries an hour:\n%s", acts)
	}
}

// A receiver that refuses even one connection at a time gets a rate delay
// to space the connections out only where one carries the volume: 10 s
// for a little mail, a shorter one for more, and none past one a second.
func TestSerialRefusalRateDelayFitsTheVolume(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{30, "rate_delay (10s, say)"},
		{1000, "rate_delay (3s at most"},
		{5000, "a rate delay would not do"},
	} {
		t.Run(fmt.Sprint(c.n), func(t *testing.T) {
			var lines []string
			for i := range c.n {
				status, reason := "sent", "250 2.0.0 Ok: queued"
				if i%3 != 0 {
					status, reason = "deferred", tooMany
				}
				lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[2000]: %06X%04X: to=<u%d@big.example>, relay=mx.big.example[192.0.2.9]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=4.7.0, status=%s (%s)",
					stamp(i*3000/c.n), i, i, i, status, reason))
			}
			hs := hintIDs(feed(lines...).Hints(true))["destination_concurrency"]
			if len(hs) != 1 {
				t.Fatalf("%d destination_concurrency hints", len(hs))
			}
			if acts := strings.Join(hs[0].Actions, "\n"); !strings.Contains(acts, c.want) {
				t.Errorf("want %q in:\n%s", c.want, acts)
			}
		})
	}
}

// Lines of two hours interleaved at the hour's turn (several hosts' logs
// merged) count in their own hours: the busiest hour is not read low.
func TestHourPeakAcrossInterleavedHours(t *testing.T) {
	var h HourPeak
	base := time.Date(2026, 11, 28, 10, 59, 0, 0, time.UTC)
	for i := range 100 {
		h.Add(base.Add(time.Duration(i%2) * time.Minute)) // 10:59, 11:00, 10:59, ...
	}
	if h.Peak != 50 {
		t.Errorf("peak %d, want 50 in each hour", h.Peak)
	}
}
