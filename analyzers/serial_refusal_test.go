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
