package analyzers

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"mxtop/sources"
)

// relayRateReply is what a submission relay answers a client that sends
// faster than its account allows.
const relayRateReply = "450 4.7.1 <u@x>: Sender address rejected: Sending rate limit exceeded for this account, try again later"

// throughRelay is n deliveries to domains in turn, all handed to relay
// (host[ip]:port) and deferred with reply: at the greeting for a 421,
// else to RCPT TO. Several smtp processes run at once, as a busy queue
// runs them.
func throughRelay(n int, relay, reply string, domains ...string) []string {
	host := relay[:strings.LastIndex(relay, "]:")+1]
	said := "said: " + reply + " (in reply to RCPT TO command)"
	if strings.HasPrefix(reply, "421 ") {
		said = "refused to talk to me: " + reply
	}
	return repeat(n, func(i int) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 4D%08X: to=<user%d@%s>, relay=%s, delay=2.1, delays=0.1/0/1.2/0.8, dsn=4.7.1, status=deferred (host %s %s)",
			stamp(i), 2200+i%9, i, i, domains[i%len(domains)], relay, host, said)
	})
}

// withMainCf is an engine fed lines with main.cf conf read, or with the
// configuration unread when conf is "-".
func withMainCf(conf string, lines ...string) *Engine {
	e := feed(lines...)
	if conf != "-" {
		params, _ := sources.ParseParams(strings.NewReader(conf))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
	}
	return e
}

// With every message going to one relay, its rate limit for the mail of
// many domains is one throttle, paced by one rate delay on the relay's
// transport: one hint about the relay, which counts the domains and
// gives the change once, not one per recipient domain saying that domain
// throttles. So whether relayhost says so (beside a transport map or
// not) or, with the configuration unread, the log shows it. A domain
// transport_maps sends past the relay, deferred by its own MX, keeps its
// own hint.
func TestRelayhostRateLimitsAreOneHint(t *testing.T) {
	const relay = "smtp.relay.example[198.51.100.7]:587"
	domains := []string{"customer-a.example", "shop.example.org", "gmail.com", "web.de", "partner.example.net"}
	const delay = "postconf -e 'smtp_destination_rate_delay = 1s'"
	for _, c := range []struct {
		name, conf string
		inferred   bool
	}{
		{"relayhost", "relayhost = [smtp.relay.example]:587\n", false},
		{"relayhost and transport_maps", "relayhost = [smtp.relay.example]:587\ntransport_maps = hash:/etc/postfix/transport\n", false},
		{"relay from the log", "-", true},
	} {
		lines := throughRelay(60, relay, relayRateReply, domains...)
		past := ""
		if strings.Contains(c.conf, "transport_maps") {
			past = "bulk.example.com"
			lines = append(lines, repeat(8, func(i int) string {
				return fmt.Sprintf("%s mx postfix/smtp[%d]: 6E%08X: to=<list%d@%s>, relay=mx.%s[192.0.2.80]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.0, status=deferred (host mx.%s[192.0.2.80] said: 421 4.7.0 Rate limit exceeded, sending too fast (in reply to end of DATA command))",
					stamp(70+i), 2300+i%3, i, i, past, past, past)
			})...)
		}
		hs := withMainCf(c.conf, lines...).Hints(true)
		var relayHints []Hint
		delays := 0
		for _, h := range hs {
			if h.ID != "rate_delay" {
				continue
			}
			for _, a := range h.Steps {
				if a.Command && a.Text == delay {
					delays++
				}
			}
			switch h.Subject {
			case "smtp.relay.example":
				relayHints = append(relayHints, h)
			case past:
			default:
				t.Errorf("%s: a rate_delay hint for %s (%s), whose mail goes to the relay", c.name, h.Subject, h.Title)
			}
		}
		if len(relayHints) != 1 {
			t.Errorf("%s: %d rate_delay hints about the relay, want 1", c.name, len(relayHints))
			continue
		}
		h := relayHints[0]
		if !strings.Contains(h.Title, "smtp.relay.example") || !strings.Contains(h.Title, fmt.Sprintf("%d domains", len(domains))) {
			t.Errorf("%s: title %q", c.name, h.Title)
		}
		if ev := h.Evidence[0]; !strings.Contains(ev, "60 deliveries") || !strings.Contains(ev, fmt.Sprintf("%d domains", len(domains))) {
			t.Errorf("%s: evidence %q", c.name, ev)
		}
		if delays != 1 {
			t.Errorf("%s: the relay's rate delay is given %d times, want once", c.name, delays)
		}
		if c.inferred {
			if all := h.Title + "\n" + strings.Join(h.Evidence, "\n"); !strings.Contains(all, "could not be read") {
				t.Errorf("%s: the relay is not said to be the log's reading:\n%s", c.name, all)
			}
			if len(h.Steps) == 0 || !strings.Contains(h.Steps[0].Text, "postconf relayhost") {
				t.Errorf("%s: the first step does not read what routes mail to the relay:\n%s", c.name, stepsText(h))
			}
		}
		if past != "" {
			var own *Hint
			for i := range hs {
				if hs[i].ID == "rate_delay" && hs[i].Subject == past {
					own = &hs[i]
				}
			}
			if own == nil || !strings.Contains(stepsText(*own), "slowrate:") {
				t.Errorf("%s: %s, routed past the relay, has no transport of its own: %+v", c.name, past, own)
			}
		}
	}

	// Without a relay, the same domains are destinations apart.
	var direct []string
	for i, d := range domains {
		direct = append(direct, repeat(6, func(j int) string {
			return fmt.Sprintf("%s mx postfix/smtp[%d]: 7A%04X%04X: to=<user%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.1, status=deferred (host mx.%s[192.0.2.%d] said: %s (in reply to RCPT TO command))",
				stamp(i*10+j), 2400+j, i, j, j, d, d, 10+i, d, 10+i, relayRateReply)
		})...)
	}
	if n := len(hintIDs(withMainCf("", direct...).Hints(true))["rate_delay"]); n != len(domains) {
		t.Errorf("%d rate_delay hints without a relay, want %d", n, len(domains))
	}
}

// A relay that passes on one recipient's mailbox limit (Gmail's 4.2.1)
// has not limited the relay's mail: that domain's hint stays its own,
// about the mailbox, while the relay's own rate limit is one hint.
func TestRelayhostMailboxRateStaysApart(t *testing.T) {
	const relay = "smtp.relay.example[198.51.100.7]:587"
	lines := throughRelay(40, relay, relayRateReply, "customer-a.example", "shop.example.org", "web.de")
	lines = append(lines, repeat(6, func(i int) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 8B%08X: to=<bob@gmail.com>, relay=%s, delay=2, delays=0.1/0/1/0.9, dsn=4.2.1, status=deferred (host smtp.relay.example[198.51.100.7] said: 450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered. (in reply to RCPT TO command))",
			stamp(50+i), 2500+i, i, relay)
	})...)
	lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[2600]: 8C00000001: to=<alice@gmail.com>, relay=%s, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 5F1A2)", stamp(60), relay))
	hs := hintIDs(withMainCf("relayhost = [smtp.relay.example]:587\n", lines...).Hints(true))["rate_delay"]
	subjects := map[string]Hint{}
	for _, h := range hs {
		subjects[h.Subject] = h
	}
	if h, ok := subjects["gmail.com"]; !ok || !strings.Contains(h.Title, "recipient") {
		t.Errorf("the mailbox limit at gmail.com is not its own hint: %v", hs)
	}
	if h, ok := subjects["smtp.relay.example"]; !ok || !strings.Contains(h.Title, "3 domains") {
		t.Errorf("the relay's rate limit is not one hint for its 3 domains: %v", hs)
	}
	if len(hs) != 2 {
		t.Errorf("%d rate_delay hints, want 2", len(hs))
	}
}

var (
	// destinationParam is a per-destination parameter a caution names.
	destinationParam = regexp.MustCompile(`\b([a-z0-9-]+)_destination_[a-z_]+`)
	// setsDestinationParam is a command setting one.
	setsDestinationParam = regexp.MustCompile(`^postconf -e '([a-z0-9-]+)_destination_[a-z_]+ = `)
)

// A throttling hint's cautions about per-destination parameters speak of
// the transport whose parameters its commands set: the transport it
// routes the domain to, or the relay's or the domain's own when it keeps
// that one. A caution naming another transport's parameter tells the
// admin to mind a setting the hint does not make.
func TestThrottleCautionsNameTheTransportSet(t *testing.T) {
	const relay = "smtp.relay.example[198.51.100.7]:587"
	const busy = "421 4.7.0 Too many concurrent connections from this client, try again later"
	const busyOne = "421 4.7.0 Too many concurrent connections from your IP (max 1)"
	both := busyRefusalsAt("both.example", 12, "421 4.7.0 Too many concurrent connections from your IP (max 3)")
	both = append(both, rateLimitedAt("both.example", 12)...)
	for _, c := range []struct {
		name, conf string
		lines      []string
	}{
		{"relayhost", "relayhost = [smtp.relay.example]:587\n", throughRelay(60, relay, busy, "customer-a.example", "web.de", "gmail.com")},
		{"relayhost, one domain, limit of 1", "relayhost = [smtp.relay.example]:587\n", throughRelay(30, relay, busyOne, "customer-a.example")},
		{"relay from the log", "-", throughRelay(60, relay, busy, "customer-a.example", "web.de", "gmail.com")},
		{"own MX", "", busyRefusalsAt("direct.example", 9, busyOne)},
		{"own MX, rate limited too", "", both},
	} {
		var ids []string
		for _, h := range withMainCf(c.conf, c.lines...).Hints(true) {
			if h.ID != "destination_concurrency" && h.ID != "rate_delay" {
				continue
			}
			ids = append(ids, h.ID+" "+h.Subject)
			set := map[string]bool{}
			for _, a := range h.Steps {
				if m := setsDestinationParam.FindStringSubmatch(a.Text); a.Command && m != nil {
					set[m[1]] = true
				}
			}
			if len(set) == 0 {
				continue
			}
			for _, cau := range h.Cautions {
				for _, m := range destinationParam.FindAllStringSubmatch(cau, -1) {
					if !set[m[1]] {
						t.Errorf("%s: %s %s sets the per-destination parameters of %v, and a caution names %s:\n%s", c.name, h.ID, h.Subject, set, m[0], cau)
					}
				}
			}
		}
		if len(ids) == 0 {
			t.Errorf("%s: no throttling hint", c.name)
		}
	}
}

// slowNamed finds the slow transport, or its settings, named in a text.
var slowNamed = regexp.MustCompile(`\bslow(?::|_destination_)`)

// Where the relay is the log's reading, the hint offers transport lines
// that keep the relay's next hop instead (the relay on port 25 may be
// the domains' shared MX; the log shows other mail that a change to the
// relay's transport would hold as well). For a rate limit those lines go
// to the rate-delayed transport with its rate delay, as the rate_delay
// hint routes a domain: a rate delay on the slow transport would make
// every destination there serial.
func TestLogRelayRateAlternativeIsTheRateTransport(t *testing.T) {
	for _, c := range []struct {
		name, relay string
		direct      bool
	}{
		// A relay on port 25 shows by mailbox providers' domains going
		// to a host outside their MX zones.
		{"port 25", "smtp.isp.example[198.51.100.9]:25", false},
		{"beside direct mail", "smtp.relay.example[198.51.100.7]:587", true},
	} {
		lines := throughRelay(40, c.relay, relayRateReply, "gmail.com", "yahoo.com", "customer-a.example")
		if c.direct {
			lines = append(lines, relayedLine(50, "partner.example", "mx.partner.example[192.0.2.50]:25", ""))
		}
		host := c.relay[:strings.IndexByte(c.relay, '[')]
		var h *Hint
		for _, x := range feed(lines...).Hints(true) {
			if x.ID == "rate_delay" && x.Subject == host {
				h = &x
				break
			}
		}
		if h == nil {
			t.Errorf("%s: no rate_delay hint about %s", c.name, host)
			continue
		}
		all := stepsText(*h) + strings.Join(h.Cautions, "\n")
		if m := slowNamed.FindString(all); m != "" || !strings.Contains(all, "slowrate:[") {
			t.Errorf("%s: the transport lines offered are not the rate-delayed transport's (%q):\n%s", c.name, m, all)
		}
	}
}

// Through a relayhost looked up by MX, the relay's hosts have names of
// their own, and their refusals stay with each domain's hint; but those
// domains are one destination already, the relayhost: no caution says
// Postfix limits them apart, nor offers transport entries to the host
// that refused, which would send their mail to that one host past the
// relayhost's other MX hosts.
func TestUnbracketedRelayhostDomainsAreNotApart(t *testing.T) {
	lines := throughRelay(60, "mx1.relay-provider.example[198.51.100.7]:25", "421 4.7.0 Too many concurrent connections from this client, try again later", "customer-a.example", "web.de", "gmail.com")
	hs := hintIDs(withMainCf("relayhost = relay.example\n", lines...).Hints(true))["destination_concurrency"]
	if len(hs) == 0 {
		t.Fatal("no destination_concurrency hint")
	}
	for _, h := range hs {
		for _, cau := range h.Cautions {
			if strings.Contains(cau, "limits each domain apart") || strings.Contains(cau, "slow:[") {
				t.Errorf("%s: %s", h.Subject, cau)
			}
		}
	}
}
