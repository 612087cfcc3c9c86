package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// busyRefusalsAt is ten smtp processes delivering to domain (its MX at
// 192.0.2.ip) within seconds, then deferrals carrying reply.
func busyRefusalsAt(domain string, ip int, reply string) []string {
	return busyRefusalsFrom(0, domain, ip, reply)
}

// busyRefusalsFrom is busyRefusalsAt starting sec seconds after t0.
func busyRefusalsFrom(sec int, domain string, ip int, reply string) []string {
	var lines []string
	for i := range 10 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %02X%04XA: to=<u%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)",
			stamp(sec+i/3), 3000+i, ip, i, i, domain, domain, ip))
	}
	for i := range 4 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %02X%04XB: to=<v%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.5/0, dsn=4.7.0, status=deferred (host mx.%s[192.0.2.%d] refused to talk to me: %s)",
			stamp(sec+4), 3000+i, ip, i, i, domain, domain, ip, domain, ip, reply))
	}
	return lines
}

// slowValues are the values the hints' changes give each parameter.
func slowValues(hs []Hint) map[string]map[string]bool {
	vals := map[string]map[string]bool{}
	for _, h := range hs {
		for _, c := range h.Changes {
			if c.Param == "" {
				continue
			}
			if vals[c.Param] == nil {
				vals[c.Param] = map[string]bool{}
			}
			vals[c.Param][c.Value] = true
		}
	}
	return vals
}

// slow_destination_concurrency_limit is one parameter for every
// destination the slow transport carries: destinations that need
// different limits and are all routed there get the lowest of them in
// every hint (a lower per-destination limit is safe for each), and each
// hint says the value is shared. Following the hints one after another
// then leaves every destination at a limit its hint promised, and the
// changes offered together set the parameter once.
func TestSlowTransportLimitAgreesAcrossHints(t *testing.T) {
	lines := busyRefusalsAt("two.example", 9, "421 4.7.0 Too many concurrent connections from your IP (max 2)")
	lines = append(lines, busyRefusalsAt("one.example", 10, "421 4.7.0 Too many concurrent connections from your IP (max 1)")...)
	hs := feed(lines...).Hints(true)
	for _, dom := range []string{"two.example", "one.example"} {
		var h Hint
		for _, x := range hs {
			if x.ID == "destination_concurrency" && x.Subject == dom {
				h = x
			}
		}
		acts := strings.Join(h.Actions, "\n")
		if !strings.Contains(acts, "slow_destination_concurrency_limit = 1'") || strings.Contains(acts, "slow_destination_concurrency_limit = 2'") {
			t.Errorf("%s: the hint does not set the shared limit to 1, the lowest needed: %q", dom, h.Actions)
		}
		cs := strings.Join(h.Cautions, "\n")
		if !strings.Contains(cs, "every destination the slow transport carries") || !strings.Contains(cs, "two.example") || !strings.Contains(cs, "one.example") {
			t.Errorf("%s: no caution says the limit is shared with the other destination: %q", dom, h.Cautions)
		}
		if dom == "two.example" && !strings.Contains(cs, "this destination alone would need 2") {
			t.Errorf("%s: the caution does not say what it alone needs: %q", dom, h.Cautions)
		}
	}
	for p, vs := range slowValues(hs) {
		if len(vs) > 1 {
			t.Errorf("the hints' changes set %s to %d values: %v", p, len(vs), vs)
		}
	}
}

// A slow transport master.cf has already keeps its -o settings and the
// domains the log shows it delivering for: a domain routed there gets
// those settings, and the per-destination limit set for it applies to
// those domains too. The hint says so.
func TestSlowTransportThatExistsIsNamedWithWhatItCarries(t *testing.T) {
	lines := busyRefusalsAt("two.example", 9, "421 4.7.0 Too many concurrent connections from your IP (max 2)")
	lines = append(lines, fmt.Sprintf("%s mx postfix/slow/smtp[4001]: 5A0001: to=<u@banner.example>, relay=mx.banner.example[192.0.2.30]:25, delay=9, delays=0.1/0/5/0, dsn=4.4.2, status=deferred (conversation with mx.banner.example[192.0.2.30] timed out while receiving the initial server greeting)", stamp(5)))
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("myhostname = mx\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: []sources.Service{
		{Name: "slow", Type: "unix", Command: "smtp", Options: map[string]string{"syslog_name": "postfix/slow", "smtp_connect_timeout": "5s", "smtp_helo_timeout": "5s"}},
	}})
	h := concurrencyHint(t, e, "two.example")
	cs := strings.Join(h.Cautions, "\n")
	for _, want := range []string{"smtp_connect_timeout=5s", "smtp_helo_timeout=5s", "banner.example"} {
		if !strings.Contains(cs, want) {
			t.Errorf("the cautions do not name %s: %q", want, h.Cautions)
		}
	}
	// Without that transport in master.cf, nor in the log, nothing is
	// said about it.
	h = concurrencyHint(t, feed(busyRefusalsAt("two.example", 9, "421 4.7.0 Too many concurrent connections from your IP (max 2)")...), "two.example")
	if cs := strings.Join(h.Cautions, "\n"); strings.Contains(cs, "carries") {
		t.Errorf("a caution about a transport that does not exist: %q", h.Cautions)
	}
}

// The destination detail's throttling snippet sets the slow transport's
// limit to the value the hints set for it, with the same changes, not to
// the destination's own need: followed after a hint, it would otherwise
// raise the limit every destination of that transport shares. That holds
// for a destination whose own hint has left the live window too.
func TestThrottleSnippetSetsTheSharedSlowLimit(t *testing.T) {
	lines := busyRefusalsAt("two.example", 9, "421 4.7.0 Too many concurrent connections from your IP (max 2)")
	lines = append(lines, busyRefusalsAt("one.example", 10, "421 4.7.0 Too many concurrent connections from your IP (max 1)")...)
	e := feed(lines...)
	h := concurrencyHint(t, e, "two.example")
	snip := strings.Join(texts(e.ThrottleSnippet("two.example", true)), "\n")
	for _, c := range h.Changes {
		if c.Param != "" && !strings.Contains(snip, postconfSet(c.Param, c.Value)) {
			t.Errorf("the snippet does not set %s = %s as the hint does:\n%s", c.Param, c.Value, snip)
		}
	}
	if strings.Contains(snip, "slow_destination_concurrency_limit = 2") {
		t.Errorf("the snippet sets the shared limit to two.example's own 2:\n%s", snip)
	}
	// two.example's refusals are 20 minutes old: live, only one.example
	// has a hint, and it sets the shared limit to 1.
	lines = busyRefusalsAt("two.example", 9, "421 4.7.0 Too many concurrent connections from your IP (max 2)")
	lines = append(lines, busyRefusalsFrom(1200, "one.example", 10, "421 4.7.0 Too many concurrent connections from your IP (max 1)")...)
	e = feed(lines...)
	for _, h := range e.Hints(false) {
		if h.Subject == "two.example" {
			t.Fatalf("the fixture's two.example has a live hint: %s", h.Title)
		}
	}
	snip = strings.Join(texts(e.ThrottleSnippet("two.example", false)), "\n")
	if !strings.Contains(snip, "slow_destination_concurrency_limit = 1'") {
		t.Errorf("the live snippet does not set the limit one.example's hint sets, 1:\n%s", snip)
	}
}

// rateLimitedAt is six deferrals of domain (its MX at 192.0.2.ip) as rate
// limiting.
func rateLimitedAt(domain string, ip int) []string {
	var lines []string
	for i := range 6 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %02X%04XC: to=<w%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.0, status=deferred (host mx.%s[192.0.2.%d] said: 421 4.7.0 Rate limit exceeded, sending too fast (in reply to end of DATA command))",
			stamp(i), 4000+i, ip, i, i, domain, domain, ip, domain, ip))
	}
	return lines
}

// A rate delay makes delivery to every destination of its transport
// serial, whatever that transport's concurrency limit: the rate_delay
// hint gives its domain a transport of its own, so the concurrency limit
// the destination_concurrency hints set for the slow transport keeps its
// effect. A domain with both hints is routed the same way by both, to
// the rate-delayed transport, and the changes offered together route each
// domain once.
func TestRateDelayGetsATransportOfItsOwn(t *testing.T) {
	lines := busyRefusalsAt("two.example", 9, "421 4.7.0 Too many concurrent connections from your IP (max 2)")
	lines = append(lines, rateLimitedAt("rated.example", 11)...)
	lines = append(lines, busyRefusalsAt("both.example", 12, "421 4.7.0 Too many concurrent connections from your IP (max 3)")...)
	lines = append(lines, rateLimitedAt("both.example", 12)...)
	hs := feedConfigured(lines...).Hints(true)
	routes := map[string]map[string]bool{}
	for _, h := range hs {
		if h.ID != "destination_concurrency" && h.ID != "rate_delay" {
			continue
		}
		for _, c := range h.Changes {
			if c.Map != "" {
				if routes[c.Key] == nil {
					routes[c.Key] = map[string]bool{}
				}
				routes[c.Key][c.Value] = true
			}
			if c.Param == "slow_destination_rate_delay" {
				t.Errorf("%s %s: a rate delay on the slow transport makes every destination there serial: %v", h.ID, h.Subject, c)
			}
		}
	}
	if !routes["two.example"]["slow:"] {
		t.Errorf("two.example is not routed to slow: %v", routes)
	}
	for _, dom := range []string{"rated.example", "both.example"} {
		if len(routes[dom]) != 1 || routes[dom]["slow:"] {
			t.Errorf("%s: routed to %v, want one transport other than slow", dom, routes[dom])
		}
	}
	if vs := slowValues(hs)["slow_destination_concurrency_limit"]; !vs["2"] {
		t.Errorf("the slow limit is not two.example's 2: %v", vs)
	}
	for p, vs := range slowValues(hs) {
		if len(vs) > 1 {
			t.Errorf("the hints' changes set %s to %d values: %v", p, len(vs), vs)
		}
	}
}
