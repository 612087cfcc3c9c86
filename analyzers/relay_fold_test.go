package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// relayFoldEngine feeds deferrals of mail for four domains, each through
// the relay hop relays(i) returns, with reply, under configuration conf.
func relayFoldEngine(conf, reply string, relays func(i int) string) *Engine {
	domains := []string{"gmail.com", "outlook.com", "yahoo.com", "example.net"}
	var lines []string
	for i := 0; i < 80; i++ {
		relay := relays(i)
		host, _, _ := strings.Cut(relay, ":")
		if strings.Count(relay, ":") > 1 {
			host = relay[:strings.LastIndexByte(relay, ':')]
		}
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06XD%03X: to=<u%d@%s>, relay=%s, delay=0.4, delays=0.1/0/0.3/0, dsn=4.7.0, status=deferred (host %s refused to talk to me: %s)",
			stamp(i), 500+i%11, i, i, i, domains[i%len(domains)], relay, host, reply))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("smtp_destination_concurrency_limit = 50\n" + conf))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	return e
}

const (
	foldTooMany = "421 4.7.0 Error: too many connections from 198.51.100.10"
	foldTooFast = "421 4.7.0 Throttling failure: Maximum sending rate exceeded"
)

// A relayhost given by address ([192.0.2.5], [ipv6:2001:db8::5]:587):
// smtp logs the address as the host's name (smtp_addr_one makes the
// address its own name), or a name where one is known; either way the
// deferrals are the relay's, one hint.
func TestRelayByAddressFoldsIntoOneHint(t *testing.T) {
	for _, c := range []struct{ name, conf, relay, reply, id, subject string }{
		{"ipv4 logged as address", "relayhost = [192.0.2.5]\n", "192.0.2.5[192.0.2.5]:25", foldTooMany, "destination_concurrency", "192.0.2.5"},
		{"ipv4 logged with a name", "relayhost = [192.0.2.5]\n", "smtp.relay.example[192.0.2.5]:25", foldTooMany, "destination_concurrency", "192.0.2.5"},
		{"ipv6 with prefix and port", "relayhost = [IPv6:2001:DB8::5]:587\n", "2001:db8::5[2001:db8::5]:587", foldTooMany, "destination_concurrency", "2001:db8::5"},
		{"default_transport next hop by address", "default_transport = smtp:[ipv6:2001:db8::5]:587\n", "2001:db8::5[2001:db8::5]:587", foldTooMany, "destination_concurrency", "2001:db8::5"},
		{"rate limit by address", "relayhost = [192.0.2.5]:587\n", "192.0.2.5[192.0.2.5]:587", foldTooFast, "rate_delay", "192.0.2.5"},
	} {
		e := relayFoldEngine(c.conf, c.reply, func(int) string { return c.relay })
		hs := hintIDs(e.Hints(true))[c.id]
		if len(hs) != 1 {
			t.Errorf("%s: %d %s hints, want 1 about the relay", c.name, len(hs), c.id)
			continue
		}
		if !strings.EqualFold(hs[0].Subject, c.subject) {
			t.Errorf("%s: subject %q, want %q", c.name, hs[0].Subject, c.subject)
		}
		if ev := strings.Join(hs[0].Evidence, "\n"); !strings.Contains(ev, "80 deliveries") || !strings.Contains(ev, "4 domains") {
			t.Errorf("%s: evidence:\n%s", c.name, ev)
		}
	}
}

func TestPlausibleHostTakesTheIPv6Prefix(t *testing.T) {
	for _, s := range []string{"ipv6:2001:db8::5", "IPv6:2001:db8::5", "[ipv6:2001:db8::5]"} {
		if !PlausibleHost(s) {
			t.Errorf("PlausibleHost(%q) false", s)
		}
	}
	for _, s := range []string{"ipv6:192.0.2.5", "ipv6:", "ipv6:host.example", "[ipv6:2001:db8::5"} {
		if PlausibleHost(s) {
			t.Errorf("PlausibleHost(%q) true", s)
		}
	}
}

// relayhost without brackets: smtp looks up the relay's MX and connects
// to its MX hosts, whose names are not the relay's. The deferrals of the
// relayed domains' mail at the hosts they all share are the relay's.
func TestUnbracketedRelayFoldsAtItsMXHosts(t *testing.T) {
	mx := func(i int) string {
		if i%2 == 0 {
			return "mx1.provider.example[192.0.2.25]:587"
		}
		return "mx2.provider.example[192.0.2.26]:587"
	}
	for _, c := range []struct{ name, conf, reply, id string }{
		{"too many connections", "relayhost = provider.example:587\n", foldTooMany, "destination_concurrency"},
		{"rate limit", "relayhost = provider.example:587\n", foldTooFast, "rate_delay"},
		{"default_transport", "default_transport = smtp:provider.example:587\n", foldTooMany, "destination_concurrency"},
	} {
		// Domains alternate between the MX hosts: i%4 and i%2 give each
		// domain one host alone. Every other pair of lines swaps them.
		e := relayFoldEngine(c.conf, c.reply, func(i int) string { return mx(i + i/4) })
		hs := hintIDs(e.Hints(true))[c.id]
		if len(hs) != 1 {
			t.Errorf("%s: %d %s hints, want 1 about the relay", c.name, len(hs), c.id)
			continue
		}
		ev := strings.Join(hs[0].Evidence, "\n")
		if !strings.Contains(ev, "80 deliveries") || !strings.Contains(ev, "4 domains") || !strings.Contains(ev, "mx1.provider.example, mx2.provider.example") || !strings.Contains(ev, "MX hosts") {
			t.Errorf("%s: evidence:\n%s", c.name, ev)
		}
		if !strings.Contains(hs[0].Title, "provider.example") {
			t.Errorf("%s: title %q", c.name, hs[0].Title)
		}
		// Each domain's few processes are a share of the relay's: they
		// are no evidence that it allows one connection at a time, and a
		// limit of 1 would serialise all outbound mail.
		if acts := strings.Join(hs[0].Actions, "\n"); strings.Contains(acts, "concurrency_limit = 1'") {
			t.Errorf("%s: the relay's mail held to one connection:\n%s", c.name, acts)
		}
	}
	// Domains deferred at hosts they do not share: no fold.
	apart := func(i int) string { return fmt.Sprintf("mx%d.provider.example[192.0.2.%d]:587", i%4, 30+i%4) }
	e := relayFoldEngine("relayhost = provider.example:587\n", foldTooMany, apart)
	if n := len(hintIDs(e.Hints(true))["destination_concurrency"]); n != 4 {
		t.Errorf("%d hints for domains deferred at hosts of their own, want 4", n)
	}
	// A transport map may route a domain past the relay: no fold.
	e = relayFoldEngine("relayhost = provider.example:587\ntransport_maps = hash:/etc/postfix/transport\n", foldTooMany, func(i int) string { return mx(i + i/4) })
	if n := len(hintIDs(e.Hints(true))["destination_concurrency"]); n != 4 {
		t.Errorf("%d hints with transport_maps set, want 4", n)
	}
}
