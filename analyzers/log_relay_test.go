package analyzers

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// bareRoute finds a transport line of the throttled with no next hop
// ("example.com slow:", or printf's 'example.com' 'slow:'): followed for a
// domain whose mail goes through a relay, it would send that mail to the
// domain's MX, past the relay.
var bareRoute = regexp.MustCompile(`(?:^|[\s"'])(?:slow|slowrate):(?:$|[^\[\w])`)

// relayedLine is the i-th delivery to domain through the next hop relay
// (host[ip]:port), deferred with reply, or sent when reply is "".
func relayedLine(i int, domain, relay, reply string) string {
	host := relay[:strings.LastIndex(relay, "]:")+1]
	if reply == "" {
		return fmt.Sprintf("%s app3 postfix/smtp[%d]: 5E%08X: to=<u%d@%s>, relay=%s, delay=0.9, delays=0.01/0/0.5/0.3, dsn=2.0.0, status=sent (250 2.0.0 OK queued as 9%04X)",
			stamp(i), 5500+i%7, i, i, domain, relay, i)
	}
	return fmt.Sprintf("%s app3 postfix/smtp[%d]: 5E%08X: to=<u%d@%s>, relay=%s, delay=0.9, delays=0.01/0/0.8/0, dsn=4.7.0, status=deferred (host %s refused to talk to me: %s)",
		stamp(i), 5500+i%7, i, i, domain, relay, host, reply)
}

const (
	relayBusy = "421 4.7.0 Too many concurrent connections from this client, try again later"
	relayFast = "454 4.7.0 Throttling failure: Maximum sending rate exceeded."
)

// relayedLog is the mail of domains, taken in turn, all through relay,
// four in five deliveries refused with reply.
func relayedLog(n int, relay, reply string, domains ...string) []string {
	return repeat(n, func(i int) string {
		r := ""
		if i%5 != 4 {
			r = reply
		}
		return relayedLine(i, domains[i%len(domains)], relay, r)
	})
}

// stepsText is a hint's steps, one a line.
func stepsText(h Hint) string {
	var b strings.Builder
	for _, s := range h.Steps {
		b.WriteString(s.Text + "\n")
	}
	return b.String()
}

// With the configuration unknown, the mail of unrelated domains all going
// to one next hop on the submission port is a relay's (relayhost, or a
// transport's next hop): its refusals are the relay's, one destination
// under one limit, as with relayhost read. A transport line "domain
// slow:" would send each domain to its own MX on port 25, past the relay
// and its login: none is offered, and what routes the mail there is read
// first.
func TestLogRelayRefusalsAreTheRelays(t *testing.T) {
	domains := []string{"yahoo.com", "gmail.com", "hotmail.com", "web.de"}
	for _, relay := range []string{"smtp.mailprovider.example[203.0.113.50]:587", "mail.isp.example[198.51.100.25]:465"} {
		e := feed(relayedLog(30, relay, relayBusy, domains...)...)
		host := relay[:strings.IndexByte(relay, '[')]
		hs := hintIDs(e.Hints(true))["destination_concurrency"]
		if len(hs) != 1 {
			t.Fatalf("%s: %d destination_concurrency hints, want one for the relay", relay, len(hs))
		}
		h := hs[0]
		if h.Subject != host || !strings.Contains(h.Title, host) {
			t.Errorf("%s: subject %q, title %q", relay, h.Subject, h.Title)
		}
		steps := stepsText(h)
		if m := bareRoute.FindString(steps); m != "" {
			t.Errorf("%s: a transport line with no next hop (%q):\n%s", relay, m, steps)
		}
		if len(h.Steps) == 0 || !h.Steps[0].Command || !strings.Contains(h.Steps[0].Text, "postconf relayhost") {
			t.Errorf("%s: the first step does not read relayhost:\n%s", relay, steps)
		}
		if !strings.Contains(steps, "postconf -e 'smtp_destination_concurrency_limit = ") {
			t.Errorf("%s: the relay's own limit is not lowered:\n%s", relay, steps)
		}
		all := strings.Join(append([]string{h.Title}, h.Evidence...), "\n")
		if !strings.Contains(all, "log") || !strings.Contains(all, "could not be read") {
			t.Errorf("%s: the relay is not said to be inferred from the log:\n%s", relay, all)
		}
		// The destination detail's snippet gives the same route.
		for _, d := range domains {
			snip := stepsText(Hint{Steps: e.ThrottleSnippet(d, true)})
			if m := bareRoute.FindString(snip); m != "" {
				t.Errorf("%s: %s's snippet routes it past the relay (%q):\n%s", relay, d, m, snip)
			}
		}
	}
}

// A rate limit at such a relay is the relay's too: no transport line
// routes a domain past it.
func TestLogRelayRateLimitKeepsTheRelay(t *testing.T) {
	e := feed(relayedLog(30, "smtp.mailprovider.example[203.0.113.50]:587", relayFast, "yahoo.com", "gmail.com", "web.de")...)
	hs := hintIDs(e.Hints(true))["rate_delay"]
	if len(hs) == 0 {
		t.Fatal("no rate_delay hint")
	}
	for _, h := range hs {
		steps := stepsText(h)
		if m := bareRoute.FindString(steps); m != "" {
			t.Errorf("%s: a transport line with no next hop (%q):\n%s", h.Subject, m, steps)
		}
		if len(h.Steps) == 0 || !strings.Contains(h.Steps[0].Text, "postconf relayhost") {
			t.Errorf("%s: the first step does not read relayhost:\n%s", h.Subject, steps)
		}
	}
}

// One domain's mail through a next hop that is not its MX (a port no MX
// listens on, or a host outside a mailbox provider's MX zones): its
// transport line keeps that next hop.
func TestLogRelayOneDomainKeepsItsNextHop(t *testing.T) {
	for _, c := range []struct{ domain, relay, line string }{
		{"customer.example", "smtp.mailprovider.example[203.0.113.50]:587", "customer.example slow:[smtp.mailprovider.example]:587"},
		{"gmail.com", "smtp.isp.example[198.51.100.9]:25", "gmail.com slow:[smtp.isp.example]:25"},
		{"customer.example", "203.0.113.50[203.0.113.50]:2525", "customer.example slow:[203.0.113.50]:2525"},
	} {
		h := hintOf(t, feed(relayedLog(12, c.relay, relayBusy, c.domain)...), "destination_concurrency")
		steps := stepsText(h)
		if m := bareRoute.FindString(steps); m != "" {
			t.Errorf("%s: a transport line with no next hop (%q):\n%s", c.relay, m, steps)
		}
		if !strings.Contains(steps, c.line) {
			t.Errorf("%s: the transport line does not carry the next hop %q:\n%s", c.relay, c.line, steps)
		}
	}
}

// Where the log shows other mail going straight to its MX, lowering the
// relay's transport limit holds those destinations too: a caution says so,
// and how to keep them out of it.
func TestLogRelayBesideDirectMail(t *testing.T) {
	lines := relayedLog(30, "smtp.mailprovider.example[203.0.113.50]:587", relayBusy, "yahoo.com", "gmail.com", "web.de")
	lines = append(lines, relayedLine(40, "partner.example", "mx.partner.example[192.0.2.50]:25", ""))
	h := hintOf(t, feed(lines...), "destination_concurrency")
	cs := strings.Join(h.Cautions, "\n")
	if !strings.Contains(cs, "other next hops") || !strings.Contains(cs, "slow:[smtp.mailprovider.example]:587") {
		t.Errorf("no caution about the other destinations of the transport:\n%s", cs)
	}
}

// Domains delivered to their own MX hosts keep the advice for each
// domain: a transport line with no next hop looks their MX up, where their
// mail went already. So do domains that share an MX host on port 25 while
// other mail goes elsewhere: a provider's MX for the domains it hosts.
func TestOwnMXKeepsPerDomainAdvice(t *testing.T) {
	lines := relayedLog(12, "mx1.yahoo.com[192.0.2.10]:25", relayBusy, "yahoo.com")
	lines = append(lines, relayedLog(12, "mx.web.de[192.0.2.20]:25", relayBusy, "web.de")...)
	lines = append(lines, relayedLog(12, "mx.hosting.example[192.0.2.30]:25", relayBusy, "shop-one.example", "shop-two.example")...)
	lines = append(lines, relayedLine(40, "gmail.com", "gmail-smtp-in.l.google.com[192.0.2.40]:25", ""))
	hs := hintIDs(feed(lines...).Hints(true))["destination_concurrency"]
	got := map[string]string{}
	for _, h := range hs {
		got[h.Subject] = stepsText(h)
	}
	for _, d := range []string{"yahoo.com", "web.de", "shop-one.example", "shop-two.example"} {
		if !strings.Contains(got[d], "\""+d+" slow:\"") {
			t.Errorf("%s: no transport line for the domain:\n%s", d, got[d])
		}
		if strings.HasPrefix(got[d], "postconf relayhost") {
			t.Errorf("%s: treated as relayed:\n%s", d, got[d])
		}
	}
}

// A relay on port 25 (relayhost = [smtp.isp.example]) shows as every
// delivery of unrelated domains going to one host in none of their zones.
func TestLogRelayOnPort25(t *testing.T) {
	e := feed(relayedLog(30, "smtp.isp.example[198.51.100.9]:25", relayBusy, "yahoo.com", "gmail.com", "web.de")...)
	hs := hintIDs(e.Hints(true))["destination_concurrency"]
	if len(hs) != 1 || hs[0].Subject != "smtp.isp.example" {
		t.Fatalf("%d hints, want one for the relay: %+v", len(hs), hs)
	}
	if steps := stepsText(hs[0]); bareRoute.MatchString(steps) || !strings.Contains(steps, "postconf relayhost") {
		t.Errorf("steps:\n%s", steps)
	}
}
