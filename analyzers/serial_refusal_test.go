package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// serialDelivery is a delivery to big.example by the one smtp process
// 2000, a minute apart: this host never holds two connections to it.
func serialDelivery(i int, status, reason string) string {
	return fmt.Sprintf("%s mx postfix/smtp[2000]: %06X%04X: to=<u%d@big.example>, relay=mx.big.example[192.0.2.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.0, status=%s (%s)",
		stamp(60*i), i, i, i, status, reason)
}

// A receiver that refuses "too many connections" while this host has
// delivered to it one connection at a time all along counts connections
// other than this domain's, or limits their rate: a lower concurrency
// limit changes nothing, so none is offered as a change to apply; the
// advice names what the receiver may be counting and a rate delay.
func TestConnLimitAtConcurrencyOneAdvisesNoConcurrencyChange(t *testing.T) {
	var lines []string
	for i := range 30 {
		if i%3 == 0 {
			lines = append(lines, serialDelivery(i, "sent", "250 2.0.0 Ok: queued"))
		} else {
			lines = append(lines, serialDelivery(i, "deferred", tooMany))
		}
	}
	hs := hintIDs(feed(lines...).Hints(true))["destination_concurrency"]
	if len(hs) != 1 {
		t.Fatalf("%d destination_concurrency hints", len(hs))
	}
	h := hs[0]
	acts := strings.Join(h.Actions, "\n")
	if strings.Contains(acts, "_destination_concurrency_limit = ") || len(h.Changes) > 0 {
		t.Errorf("offers a concurrency limit at concurrency 1: %q %+v", h.Actions, h.Changes)
	}
	for _, want := range []string{"rate_delay", "public address", "smtp_connection_cache_time_limit"} {
		if !strings.Contains(acts, want) {
			t.Errorf("advice lacks %q: %q", want, h.Actions)
		}
	}
	if !strings.Contains(h.Title, "one at a time") {
		t.Errorf("title %q", h.Title)
	}

	// A few pasted lines from one process say little about the
	// concurrency: the limit is still offered.
	few := hintIDs(feed(lines[1:4]...).Hints(true))["destination_concurrency"]
	if len(few) != 1 || !strings.Contains(strings.Join(few[0].Actions, "\n"), "_destination_concurrency_limit = ") {
		t.Errorf("three lines: %+v", few)
	}
}

// The same through a transport of its own (slow) with a reply that states
// the receiver's limit: no concurrency change is offered, and the caution
// that other domains on the same MX count against that limit stays, since
// it is what explains refusals at one connection.
func TestSerialRefusalThroughSlowTransportKeepsStatedLimitCaution(t *testing.T) {
	var lines []string
	for i := range 30 {
		status, reason := "deferred", "host mx.big.example[192.0.2.9] refused to talk to me: 421 4.7.0 Too many concurrent connections from your IP (max 2)"
		if i%3 == 0 {
			status, reason = "sent", "250 2.0.0 Ok: queued"
		}
		lines = append(lines, strings.Replace(serialDelivery(i, status, reason), "postfix/smtp[", "postfix/slow/smtp[", 1))
	}
	hs := hintIDs(feed(lines...).Hints(true))["destination_concurrency"]
	if len(hs) != 1 {
		t.Fatalf("%d destination_concurrency hints", len(hs))
	}
	if c := strings.Join(hs[0].Cautions, "\n"); !strings.Contains(c, "limit of 2") {
		t.Errorf("the stated limit's caution is gone:\n%s", c)
	}
}

// spacedDelivery is a delivery to big.example half a minute after the
// last, each by its own smtp process; overlap puts the next ones within
// the same ten seconds, as processes delivering at once.
func spacedDelivery(i, overlap int, status, reason string) string {
	sec := 30 * i
	if i >= 10 && i < 10+overlap {
		sec = 300 + 2*(i-10)
	}
	return fmt.Sprintf("%s mx postfix/smtp[%d]: %06XC: to=<u%d@big.example>, relay=mx.big.example[192.0.2.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.0, status=%s (%s)",
		stamp(sec), 4000+i, i, i, status, reason)
}

func spacedRefusals(overlap int) []string {
	var lines []string
	for i := range 30 {
		if i%3 == 0 {
			lines = append(lines, spacedDelivery(i, overlap, "sent", "250 2.0.0 Ok: queued"))
		} else {
			lines = append(lines, spacedDelivery(i, overlap, "deferred", tooMany))
		}
	}
	return lines
}

// Refusals while this host held two connections at most, one when the
// first came, are no concurrency the receiver counts: a limit of 2 or
// more changes nothing, so the advice is that of refusals at one
// connection, and the destination's own limit, where one is shown, is 1.
func TestConnLimitAtConcurrencyTwoAdvisesNoConcurrencyChange(t *testing.T) {
	e := feed(spacedRefusals(2)...)
	hs := hintIDs(e.Hints(true))["destination_concurrency"]
	if len(hs) != 1 {
		t.Fatalf("%d destination_concurrency hints", len(hs))
	}
	h := hs[0]
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "peak 2, about 1 when the first refusal came") {
		t.Fatalf("the fixture's estimate is not peak 2, 1 at the refusal:\n%s", ev)
	}
	acts := strings.Join(h.Actions, "\n")
	if strings.Contains(acts, "_destination_concurrency_limit = ") || len(h.Changes) > 0 {
		t.Errorf("offers a concurrency limit at a peak of 2: %q %+v", h.Actions, h.Changes)
	}
	if !strings.Contains(acts, "rate_delay") {
		t.Errorf("advice lacks a rate delay: %q", h.Actions)
	}
	if strings.Contains(h.Title+ev, "one at a time") {
		t.Errorf("says one connection at a time at a peak of 2: %q\n%s", h.Title, ev)
	}
	if s := strings.Join(texts(e.ThrottleSnippet("big.example", true)), "\n"); !strings.Contains(s, "slow_destination_concurrency_limit = 1'") {
		t.Errorf("snippet's limit is not 1:\n%s", s)
	}
}

// Refusals that came at one connection where the log shows three at once
// elsewhere: the peak is the evidence, and the limit offered is below it,
// not half the limit in force.
func TestConnLimitSuggestionStaysBelowThePeak(t *testing.T) {
	h := hintOf(t, feed(spacedRefusals(3)...), "destination_concurrency")
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "peak 3, about 1 when the first refusal came") {
		t.Fatalf("the fixture's estimate is not peak 3, 1 at the refusal:\n%s", ev)
	}
	var suggest int
	for _, a := range h.Actions {
		if _, err := fmt.Sscanf(a, "postconf -e 'slow_destination_concurrency_limit = %d'", &suggest); err == nil {
			break
		}
	}
	if suggest < 1 || suggest >= 3 {
		t.Errorf("suggested %d, want below the peak of 3: %q", suggest, h.Actions)
	}
}
