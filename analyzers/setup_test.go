package analyzers

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"mxtop/sources"
)

// setupHints are the connection_setup hints.
func setupHints(e *Engine) []Hint { return hintIDs(e.Hints(true))["connection_setup"] }

// Sent mail to one destination whose connection setup (c) takes most of
// each delivery: the destination is named, with what a high c means and
// read-only checks.
func TestSlowConnectionSetupNamesDestination(t *testing.T) {
	lines := append(sentLines(12, "smtp", "", "0.1/0.01/11/0.4", "slow.example"),
		sentLines(20, "smtp", "", "0.1/0.01/0.3/0.4", "fast.example")...)
	hs := setupHints(feed(lines...))
	if len(hs) != 1 {
		t.Fatalf("connection_setup hints: %+v", hs)
	}
	h := hs[0]
	if h.Subject != "slow.example" || h.Severity != SevInfo || h.Side != "outbound" || len(h.Samples) == 0 {
		t.Errorf("hint: %+v", h)
	}
	text := hintText(h)
	for _, want := range []string{"12 of 12", "slow.example", "delays=a/b/c/d: c", "resolv.conf", "greeting", "TLS handshake", "smtp_address_preference", "inet_protocols"} {
		if !strings.Contains(text, want) {
			t.Errorf("hint lacks %q: %s", want, text)
		}
	}
	var cmds []string
	for _, a := range h.Steps {
		if a.Command {
			cmds = append(cmds, a.Text)
		}
	}
	for _, want := range []string{"host -t mx slow.example", "postconf inet_protocols smtp_address_preference"} {
		if !slices.ContainsFunc(cmds, func(c string) bool { return strings.Contains(c, want) }) {
			t.Errorf("no command with %q: %q", want, cmds)
		}
	}
	for _, c := range cmds {
		if strings.ContainsAny(c, "%{}") {
			t.Errorf("a command not filled in: %q", c)
		}
		for _, w := range []string{"postconf -e", "postfix reload", "postsuper", "-F", "-P"} {
			if strings.Contains(c, w) {
				t.Errorf("a check that changes something: %q", c)
			}
		}
	}
}

// A paste of delivery records without their syslog header (no time) is
// read as a whole log, and a transport of its own (postfix/slow/smtp) is
// smtp too.
func TestSlowConnectionSetupPasted(t *testing.T) {
	var lines []string
	for _, l := range sentLines(12, "slow/smtp", "", "0.2/0.01/9.5/0.3", "slow.example") {
		_, rest, _ := strings.Cut(l, " mx ")
		lines = append(lines, rest)
	}
	if hs := setupHints(feed(lines...)); len(hs) != 1 || hs[0].Subject != "slow.example" || !strings.Contains(hs[0].Evidence[0], "12 of 12") {
		t.Errorf("pasted: %+v", hs)
	}
}

// What is not slow setup: too few deliveries, a minority of the
// destination's, transmission (d) or an earlier wait (a: a retried
// message) taking most of the time, a destination that throttles.
func TestSlowConnectionSetupStaysQuiet(t *testing.T) {
	throttled := sentLines(12, "smtp", "", "0.1/0.01/11/0.4", "busy.example")
	for i := range 3 {
		throttled = append(throttled, fmt.Sprintf("Nov 28 10:01:%02d mx postfix/smtp[900]: 5C%07X: to=<v%d@busy.example>, relay=mx.busy.example[192.0.2.20]:25, delay=1, delays=0.1/0/0.5/0, dsn=4.7.0, status=deferred (host mx.busy.example[192.0.2.20] refused to talk to me: 421 4.7.0 Too many concurrent SMTP connections; please try again later)", i, i, i))
	}
	for name, lines := range map[string][]string{
		"few":          sentLines(4, "smtp", "", "0.1/0.01/11/0.4", "slow.example"),
		"transmission": sentLines(12, "smtp", "", "0.1/0.01/6/30", "big.example"),
		"retried":      sentLines(12, "smtp", "", "3600/0.01/6/1", "later.example"),
		"quick":        sentLines(30, "smtp", "", "0.1/0.01/1.5/0.2", "far.example"),
		"throttling":   throttled,
		"lmtp":         sentLines(12, "lmtp", "mail.example[192.0.2.30]:24", "0.1/0.01/11/0.4", "mailbox.example"),
		"loopback":     sentLines(12, "smtp", "filter.example[127.0.0.1]:10024", "0.1/0.01/11/0.4", "filtered.example"),
	} {
		if hs := setupHints(feed(lines...)); len(hs) != 0 {
			t.Errorf("%s: %+v", name, hs)
		}
	}
	minority := append(sentLines(12, "smtp", "", "0.1/0.01/11/0.4", "slow.example"), sentLines(30, "smtp", "", "0.1/0.01/0.3/0.4", "slow.example")...)
	if hs := setupHints(feed(minority...)); len(hs) != 0 {
		t.Errorf("12 slow of 42: %+v", hs)
	}
	if hs := setupHints(labEngine(t)); len(hs) != 0 {
		t.Errorf("the lab log: %+v", hs)
	}
}

// Slow setup is an info finding: a destination's throttling ranks above
// it, and a domain that is no plausible name gets no command.
func TestSlowConnectionSetupRanksBelowThrottlingAndQuotes(t *testing.T) {
	lines := sentLines(40, "smtp", "", "0.1/0.01/25/0.4", "slow.example")
	lines = append(lines, "Nov 28 10:02:00 mx postfix/smtp[901]: 6D0000001: to=<v@busy.example>, relay=mx.busy.example[192.0.2.20]:25, delay=1, delays=0.1/0/0.5/0, dsn=4.7.0, status=deferred (host mx.busy.example[192.0.2.20] refused to talk to me: 421 4.7.0 Too many concurrent SMTP connections; please try again later)")
	hs := feed(lines...).Hints(true)
	setup, throttle := -1, -1
	for i, h := range hs {
		switch h.ID {
		case "connection_setup":
			setup = i
		case "destination_concurrency":
			throttle = i
		}
	}
	if setup < 0 || throttle < 0 || setup < throttle {
		t.Errorf("connection_setup at %d, destination_concurrency at %d: %+v", setup, throttle, hs)
	}
	bad := sentLines(12, "smtp", "mx.x[192.0.2.10]:25", "0.1/0.01/11/0.4", "x$(touch${IFS}y).example")
	hs = setupHints(feed(bad...))
	if len(hs) != 1 {
		t.Fatalf("implausible domain: %+v", hs)
	}
	for _, a := range hs[0].Steps {
		if a.Command && strings.Contains(a.Text, "touch") {
			t.Errorf("log text in a command: %q", a.Text)
		}
	}
}

// The next hop in the greeting check is its name when that is a domain,
// else its address (an IPv6 one in brackets), never a name a log made up.
func TestSetupHopQuotesAPlausibleHop(t *testing.T) {
	for _, tc := range []struct {
		hop  Hop
		want string
	}{
		{Hop{Host: "mx.example.net", IP: "192.0.2.7", Port: 25, Attempts: 1}, "mx.example.net:25"},
		{Hop{Host: "mx;reboot", IP: "2001:db8::7", Port: 25, Attempts: 1}, "[2001:db8::7]:25"},
		{Hop{Host: "mx;reboot", IP: "not-an-ip", Port: 25, Attempts: 1}, ""},
		{Hop{Host: "mx.example.net", Port: 0, Attempts: 1}, ""},
	} {
		if got := setupHop(&Dest{Hops: []Hop{tc.hop}}); got != tc.want && got != ShellQuote(tc.want) || tc.want == "" && got != "" {
			t.Errorf("%+v: %q, want %q", tc.hop, got, tc.want)
		}
	}
}

// The live view counts the last minutes' slow setups, but keeps only the
// whole log's sum and largest c: its evidence says whose figures those
// are, and the report's, which judges the whole log, needs not.
func TestSlowConnectionSetupLiveSaysWhoseMean(t *testing.T) {
	e := feed(sentLines(12, "smtp", "", "0.1/0.01/11/0.4", "slow.example")...)
	live := hintIDs(e.Hints(false))["connection_setup"]
	if len(live) != 1 || !strings.Contains(live[0].Evidence[0], "over the whole log") {
		t.Errorf("live: %+v", live)
	}
	if whole := setupHints(e); len(whole) != 1 || strings.Contains(whole[0].Evidence[0], "over the whole log") {
		t.Errorf("report: %+v", whole)
	}
}

// Behind a relayhost the lookups smtp makes are the relay's, not the
// recipient domain's MX: the DNS check times the relay's name, by A
// record when relayhost is bracketed and by MX when it is not.
func TestSlowConnectionSetupBehindRelayhost(t *testing.T) {
	for _, tc := range []struct{ relayhost, want string }{
		{"[smtp.relay.example]:587", "host -t a smtp.relay.example"},
		{"relay.example", "host -t mx relay.example"},
		// A name no DNS query could be made for gets no command.
		{"[relay;reboot]:587", ""},
	} {
		lines := sentLines(12, "smtp", "smtp.relay.example[192.0.2.50]:587", "0.1/0.01/11/0.4", "slow.example")
		e := NewEngine(0)
		params := map[string]string{"relayhost": tc.relayhost}
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		feedInto(e, lines...)
		hs := setupHints(e)
		if len(hs) != 1 {
			t.Fatalf("%s: connection_setup hints: %+v", tc.relayhost, hs)
		}
		var cmds []string
		for _, a := range hs[0].Steps {
			if a.Command {
				cmds = append(cmds, a.Text)
			}
		}
		if tc.want == "" {
			if slices.ContainsFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "time host") }) {
				t.Errorf("%s: a DNS check of an implausible name: %q", tc.relayhost, cmds)
			}
		} else if !slices.ContainsFunc(cmds, func(c string) bool { return strings.Contains(c, tc.want) }) {
			t.Errorf("%s: no command with %q: %q", tc.relayhost, tc.want, cmds)
		}
		if slices.ContainsFunc(cmds, func(c string) bool { return strings.Contains(c, "slow.example") }) {
			t.Errorf("%s: a check of the recipient domain, which smtp does not look up behind a relayhost: %q", tc.relayhost, cmds)
		}
		if !strings.Contains(hintText(hs[0]), "relayhost") {
			t.Errorf("%s: the hint does not say the lookups are the relayhost's: %s", tc.relayhost, hintText(hs[0]))
		}
	}
}

// The same slow setup at many unrelated destinations is this host's (its
// resolver, its path): one hint for them all, a warning, that says so
// first, instead of one per destination.
func TestSlowConnectionSetupAtManyIsOneHint(t *testing.T) {
	var lines []string
	for _, d := range []string{"a.example", "b.example", "c.example", "d.example"} {
		lines = append(lines, sentLines(12, "smtp", "", "0.1/0.01/24/0.4", d)...)
	}
	hs := setupHints(feed(lines...))
	if len(hs) != 1 {
		t.Fatalf("%d connection_setup hints, want 1", len(hs))
	}
	h := hs[0]
	text := hintText(h)
	if h.Severity != SevWarning || !strings.Contains(h.Title, "4 destinations") || !strings.Contains(text, "this host") {
		t.Errorf("hint %s %q:\n%s", h.Severity, h.Title, text)
	}
	for _, d := range []string{"a.example", "d.example"} {
		if !strings.Contains(strings.Join(h.Evidence, "\n"), d) {
			t.Errorf("evidence lacks %s: %q", d, h.Evidence)
		}
	}
}

// The master reads inet_protocols only when it starts: wherever a hint
// offers inet_protocols = ipv4, it says to stop and start Postfix, not
// only to reload it, which would leave the host trying IPv6.
func TestInetProtocolsChangeSaysStopAndStart(t *testing.T) {
	fw := deferralsHint(t, 4, "far.example", "connect to mx.far.example[2001:db8::25]:25: Network is unreachable", "firewall")
	lines := append(sentLines(12, "smtp", "", "0.1/0.01/11/0.4", "slow.example"),
		sentLines(20, "smtp", "", "0.1/0.01/0.3/0.4", "fast.example")...)
	hs := setupHints(feed(lines...))
	if len(hs) != 1 {
		t.Fatalf("connection_setup hints: %+v", hs)
	}
	for _, h := range []Hint{fw, hs[0]} {
		offered := false
		for _, s := range h.Steps {
			if !strings.Contains(s.Text, "inet_protocols = ipv4") {
				continue
			}
			offered = true
			if !strings.Contains(s.Text, "postfix stop; postfix start") {
				t.Errorf("%s: inet_protocols offered without a stop and start: %q", h.ID, s.Text)
			}
		}
		if !offered {
			t.Errorf("%s: inet_protocols = ipv4 not offered: %q", h.ID, texts(h.Steps))
		}
	}
}

// Mimecast's greylisting reply counts with the greylisting of other
// receivers, and the hint names every destination that greylisted.
func TestMimecastGreylistingNamesItsDestination(t *testing.T) {
	e := feed(deliv(1, "hospital.example", "deferred", "host mx0a.pphosted.com[192.0.2.41] said: 451 4.7.1 <a@hospital.example>: Recipient address rejected: Greylisted, please try again later (in reply to RCPT TO command)"),
		deliv(2, "lawfirm.example", "deferred", "host eu-smtp-inbound-1.mimecast.com[192.0.2.40] said: 451 Internal resources are temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451 (in reply to RCPT TO command)"))
	h := hintOf(t, e, "greylisting")
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "2 deferrals for greylisting") || !strings.Contains(ev, "hospital.example") || !strings.Contains(ev, "lawfirm.example") {
		t.Errorf("want both deferrals and both destinations, got:\n%s", ev)
	}
}
