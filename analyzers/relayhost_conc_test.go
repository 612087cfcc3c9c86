package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// With a relayhost, every message goes to that one destination: its "too
// many connections" for the mail of several domains is one hint about
// the relayhost, under one concurrency limit, not one per recipient
// domain offering transports that would make them one destination.
func TestRelayhostRefusalsAreOneHint(t *testing.T) {
	domains := []string{"gmail.com", "outlook.com", "yahoo.com", "example.net"}
	var lines []string
	for i := 0; i < 80; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06XD%03X: to=<u%d@%s>, relay=smtp.relay.example[198.51.100.7]:587, delay=0.4, delays=0.1/0/0.3/0, dsn=4.7.0, status=deferred (host smtp.relay.example[198.51.100.7] refused to talk to me: 421 4.7.0 smtp.relay.example Error: too many connections from 198.51.100.10)",
			stamp(i), 500+i%11, i, i, i, domains[i%len(domains)]))
	}
	engine := func(conf string) *Engine {
		e := feed(lines...)
		params, _ := sources.ParseParams(strings.NewReader("smtp_destination_concurrency_limit = 50\n" + conf))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		return e
	}
	hs := hintIDs(engine("relayhost = [smtp.relay.example]:587\n").Hints(true))["destination_concurrency"]
	if len(hs) != 1 {
		t.Fatalf("%d destination_concurrency hints with a relayhost, want 1", len(hs))
	}
	h := hs[0]
	if !strings.Contains(h.Title, "smtp.relay.example") || h.Subject != "smtp.relay.example" {
		t.Errorf("title %q subject %q", h.Title, h.Subject)
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "80 deliveries") || !strings.Contains(ev, "4 domains") {
		t.Errorf("evidence:\n%s", ev)
	}
	for _, cau := range h.Cautions {
		if strings.Contains(cau, "transport entries") {
			t.Errorf("caution offers transports to make one destination of the relayhost's mail: %s", cau)
		}
	}
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "smtp_destination_concurrency_limit = 5") {
		t.Errorf("actions:\n%s", acts)
	}

	// Without a relayhost the domains are destinations apart.
	if n := len(hintIDs(engine("").Hints(true))["destination_concurrency"]); n != len(domains) {
		t.Errorf("%d hints without a relayhost, want %d", n, len(domains))
	}
}
