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

	// Without a relayhost in the configuration read, the mail of four
	// unrelated domains on the submission port, where no MX listens, is
	// still a relay's that another configuration names: one hint, which
	// says so, and no transport line per domain that would route past it.
	hs = hintIDs(engine("").Hints(true))["destination_concurrency"]
	if len(hs) != 1 || hs[0].Subject != "smtp.relay.example" {
		t.Fatalf("%d hints without a relayhost, want 1 for the relay: %+v", len(hs), hs)
	}
	if ev := strings.Join(hs[0].Evidence, "\n"); !strings.Contains(ev, "names no relay") {
		t.Errorf("the relay is not said to be missing from the configuration read:\n%s", ev)
	}
}

// With a relayhost set, a domain transport_maps routes past it has its
// own destination: its refusals come from its own MX, and lowering the
// smtp transport's limit would hold the relayhost, which carries all
// other mail, to it too. Its own transport is the fix, as without a
// relayhost. When the refusals are the relayhost's, the relayhost's
// advice stays.
func TestRelayhostLimitOnlyForItsOwnRefusals(t *testing.T) {
	const conf = "relayhost = [smtp.relay.example]:587\ntransport_maps = hash:/etc/postfix/transport\n"
	const tooMany = "421 4.7.0 Error: too many connections from 198.51.100.7"
	const tooFast = "454 4.7.0 Throttling failure: Maximum sending rate exceeded. (in reply to MAIL FROM command)"
	for _, c := range []struct {
		name, conf, relay, reply string
		relayed                  bool
		ownParam, slowTr         string
	}{
		{"limit past the relay", conf, "mx1.bigisp.example[192.0.2.25]:25", tooMany, false, "smtp_destination_concurrency_limit", "slow"},
		{"limit at the relay", conf, "smtp.relay.example[203.0.113.9]:587", tooMany, true, "smtp_destination_concurrency_limit", "slow"},
		{"limit at the relay by address", "relayhost = [203.0.113.9]:587\n", "smtp.relay.example[203.0.113.9]:587", tooMany, true, "smtp_destination_concurrency_limit", "slow"},
		{"limit at the second relay", "relayhost = [smtp.relay.example]:587, [smtp2.relay.example]:587\n", "smtp2.relay.example[203.0.113.10]:587", tooMany, true, "smtp_destination_concurrency_limit", "slow"},
		// Looked up by MX: the relay's hosts may have any name.
		{"limit at an unbracketed relay", "relayhost = relay.example\n", "mx1.bigisp.example[192.0.2.25]:25", tooMany, true, "smtp_destination_concurrency_limit", "slow"},
		{"limit at a sender's relay", conf + "sender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay\n", "mx1.bigisp.example[192.0.2.25]:25", tooMany, true, "smtp_destination_concurrency_limit", "slow"},
		{"rate past the relay", conf, "mx1.bigisp.example[192.0.2.25]:25", tooFast, false, "smtp_destination_rate_delay", "slowrate"},
		{"rate at the relay", conf, "smtp.relay.example[203.0.113.9]:587", tooFast, true, "smtp_destination_rate_delay", "slowrate"},
	} {
		params, _ := sources.ParseParams(strings.NewReader(c.conf))
		var lines []string
		for i := range 40 {
			lines = append(lines,
				// Several processes at once: the refusals are not serial.
				fmt.Sprintf("%s mx postfix/smtp[%d]: 7C%08X: to=<u%d@bigisp.example>, relay=%s, delay=1.2, delays=0.1/0/1.1/0, dsn=4.7.0, status=deferred (host %s said: %s)",
					stamp(i*2), 800+i%6, i, i, c.relay, c.relay[:strings.LastIndex(c.relay, "]:")+1], c.reply),
				fmt.Sprintf("%s mx postfix/smtp[%d]: 8A%08X: to=<c%d@customer%d.example>, relay=smtp.relay.example[203.0.113.9]:587, delay=0.9, delays=0.1/0/0.5/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
					stamp(i*2+1), 900+i%6, i, i, i%8))
		}
		e := feed(lines...)
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		var h *Hint
		for _, x := range e.Hints(true) {
			if x.Subject == "bigisp.example" && (x.ID == "destination_concurrency" || x.ID == "rate_delay") {
				h = &x
				break
			}
		}
		if h == nil {
			t.Errorf("%s: no hint for bigisp.example", c.name)
			continue
		}
		acts, cautions := strings.Join(h.Actions, "\n"), strings.Join(h.Cautions, "\n")
		lowersOwn := strings.Contains(acts, c.ownParam)
		for _, ch := range h.Changes {
			lowersOwn = lowersOwn || ch.Param == c.ownParam
		}
		routes := strings.Contains(acts, c.slowTr+":") && strings.Contains(acts, c.slowTr+"_destination_")
		says := strings.Contains(cautions, "every message goes to that one destination")
		if lowersOwn != c.relayed || routes == c.relayed || says != c.relayed {
			t.Errorf("%s: lowers %s %v, routes to %s %v, says every message goes to the relayhost %v; want %v, %v, %v\nactions:\n%s\ncautions:\n%s",
				c.name, c.ownParam, lowersOwn, c.slowTr, routes, says, c.relayed, !c.relayed, c.relayed, acts, cautions)
		}
		if !c.relayed && !strings.Contains(acts, "/etc/postfix/transport") {
			t.Errorf("%s: the domain is not routed in the transport_maps table:\n%s", c.name, acts)
		}
	}
}
