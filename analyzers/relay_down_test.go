package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// When the failed connections of several destinations all go to one
// host, that host is the next hop they share (a relayhost, a transport's
// nexthop): it is down or answers on another port, and port 25 is not
// the question.
func TestFailedRelayIsNotPort25(t *testing.T) {
	var lines []string
	for i := 1; i <= 4; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 7C%08X: to=<u%d@dest%d.example>, relay=none, delay=2, delays=0.1/0/1.9/0, dsn=4.4.1, status=deferred (connect to smtp.relay.example[203.0.113.5]:587: Connection refused)", stamp(i*20), 400+i, i, i, i))
	}
	fw := hintIDs(feed(lines...).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("want one firewall hint, got %+v", fw)
	}
	acts := strings.Join(fw[0].Actions, " | ")
	if strings.Contains(acts, "port 25") {
		t.Errorf("a relay on port 587 that refuses is not a port 25 block: %q", acts)
	}
	if !strings.Contains(acts, "smtp.relay.example") || !strings.Contains(acts, "relayhost") {
		t.Errorf("the advice should name the shared next hop and relayhost: %q", acts)
	}

	// Timeouts at the MX hosts of several destinations still point at
	// port 25.
	var mx []string
	for i := 1; i <= 4; i++ {
		mx = append(mx, fmt.Sprintf("%s mx postfix/smtp[%d]: 7D%08X: to=<u%d@dest%d.example>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.dest%d.example[198.51.100.%d]:25: Connection timed out)", stamp(i*20), 500+i, i, i, i, i, i))
	}
	fw = hintIDs(feed(mx...).Hints(true))["firewall"]
	if len(fw) != 1 || !strings.Contains(strings.Join(fw[0].Actions, " | "), "port 25") {
		t.Errorf("timeouts at four MX hosts should keep the port 25 advice: %+v", fw)
	}
}

// One destination's mail through a relay on the submission port that
// cannot be reached: the port to check is the one the connections went
// to, not port 25.
func TestFailedConnectionsNameTheirPort(t *testing.T) {
	for _, port := range []string{"587", "465"} {
		lines := []string{
			fmt.Sprintf("%s mx postfix/smtp[41]: connect to smtp.relay.example[203.0.113.5]:%s: Connection timed out", stamp(10), port),
			fmt.Sprintf("%s mx postfix/smtp[41]: 7E00000001: to=<ann@dest.example>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to smtp.relay.example[203.0.113.5]:%s: Connection timed out)", stamp(11), port),
		}
		fw := hintIDs(feed(lines...).Hints(true))["firewall"]
		if len(fw) != 1 {
			t.Fatalf("port %s: want one firewall hint, got %+v", port, fw)
		}
		acts := strings.Join(fw[0].Actions, " | ")
		if strings.Contains(acts, "port 25 ") || !strings.Contains(acts, "port "+port) {
			t.Errorf("port %s: the advice should name port %s, not 25: %q", port, port, acts)
		}
	}
}

// One server that refuses connections is that server's trouble (nothing
// listens on its port 25, or it is down): the hint says so instead of
// asking to check this host's outbound port 25, which a refusal at many
// destinations would question.
func TestOneServerRefusingIsNotPort25(t *testing.T) {
	line := stamp(1) + " mx postfix/smtp[1201]: 3F2A81C0042: to=<bob@dest.example>, relay=none, delay=0.5, delays=0.1/0/0.4/0, dsn=4.4.1, status=deferred (connect to mx.dest.example[192.0.2.25]:25: Connection refused)"
	fw := hintIDs(feed(line, strings.Replace(line, "3F2A81C0042", "3F2A81C0043", 1)).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("want one firewall hint, got %+v", fw)
	}
	acts := strings.Join(fw[0].Actions, " | ")
	if strings.Contains(acts, "outbound TCP port 25 is allowed") || !strings.Contains(acts, "one server") {
		t.Errorf("one refusing server: %q", acts)
	}
	// Refusals at several destinations' servers keep the port 25 check.
	var many []string
	for i := 1; i <= 4; i++ {
		many = append(many, fmt.Sprintf("%s mx postfix/smtp[%d]: 7E%08X: to=<u%d@dest%d.example>, relay=none, delay=1, delays=0.1/0/0.9/0, dsn=4.4.1, status=deferred (connect to mx.dest%d.example[198.51.100.%d]:25: Connection refused)", stamp(i*20), 600+i, i, i, i, i, i))
	}
	fw = hintIDs(feed(many...).Hints(true))["firewall"]
	if len(fw) != 1 || !strings.Contains(strings.Join(fw[0].Actions, " | "), "port 25") {
		t.Errorf("refusals at four destinations should keep the port 25 advice: %+v", fw)
	}
}

// Failed connections logged without a delivery (a paste of the smtp
// client's "connect to" lines alone) name no destination: the evidence
// counts the hosts, not "0 destinations".
func TestFirewallEvidenceWithoutDestinations(t *testing.T) {
	fw := hintIDs(feed(
		"Nov 28 10:00:00 mx postfix/smtp[7]: connect to mx1.example.com[203.0.113.25]:25: Connection timed out",
		"Nov 28 10:00:30 mx postfix/smtp[8]: connect to mx2.example.org[198.51.100.25]:25: Connection timed out",
	).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("want a firewall hint, got %+v", fw)
	}
	ev := strings.Join(fw[0].Evidence, " | ")
	if strings.Contains(ev, "0 destinations") || !strings.Contains(ev, "2 failed connections to 2 hosts") {
		t.Errorf("evidence: %q", ev)
	}
}

// Mail this host's own configuration bounces (a domain whose MX points
// back here without a domain class for it) is returned to its senders and
// not retried: many such bounces are critical, where as many deferrals
// that wait for a fix are a warning.
func TestConfigBouncesAreCritical(t *testing.T) {
	sev := func(status, reason string) Severity {
		t.Helper()
		var lines []string
		for i := 0; i < 25; i++ {
			lines = append(lines, deliv(i, "example.org", status, reason))
		}
		return hintOf(t, feed(lines...), sources.HintConfigError).Severity
	}
	if s := sev("bounced", "mail for example.org loops back to myself"); s != SevCritical {
		t.Errorf("25 bounces for a loop: %v", s)
	}
	if s := sev("deferred", "mail for example.org loops back to myself"); s != SevWarning {
		t.Errorf("25 deferrals for a loop: %v", s)
	}
}

// A transport_maps next hop at a private address is another host on a
// private network (a partner over a VPN, an internal relay), not a service
// of this host: "No route to host" there is routing, ARP or a firewall on
// the path. The hint names the destination and the address, sends the
// admin to the route and that host's mail server and shows the settings
// that pick the next hop; no local daemon is blamed, and port 25 is not
// in question while other destinations' servers take mail on it.
func TestPrivateNextHopIsNotThisHost(t *testing.T) {
	sent := func(i int, domain, ip string) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 5A%08X: to=<u%d@%s>, relay=mx.%s[%s]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 OK)", stamp(i), 300+i, i, i, domain, domain, ip)
	}
	lines := []string{
		sent(1, "gmail.com", "192.0.2.8"),
		stamp(2) + " mx postfix/smtp[41]: connect to 10.0.0.5[10.0.0.5]:25: No route to host",
		stamp(3) + " mx postfix/smtp[41]: 5B00000001: to=<ann@partner.example>, relay=none, delay=3.2, delays=0.1/0/3.1/0, dsn=4.4.1, status=deferred (connect to 10.0.0.5[10.0.0.5]:25: No route to host)",
		sent(4, "web.de", "192.0.2.9"),
	}
	for i := 5; i < 25; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/error[%d]: 5C%08X: to=<u%d@partner.example>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 10.0.0.5[10.0.0.5]:25: No route to host)", stamp(i), 700+i, i, i))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	if dc := hs[sources.HintDaemonCrash]; len(dc) > 0 {
		t.Errorf("a private next hop is no local service: %s %q", dc[0].Title, dc[0].Evidence)
	}
	fw := hs["firewall"]
	if len(fw) != 1 {
		t.Fatalf("want one firewall hint, got %+v", fw)
	}
	text := fw[0].Title + " | " + strings.Join(fw[0].Evidence, " | ")
	acts := strings.Join(fw[0].Actions, " | ")
	for _, want := range []string{"partner.example", "10.0.0.5"} {
		if !strings.Contains(text, want) {
			t.Errorf("title and evidence should name %s: %q", want, text)
		}
	}
	for _, want := range []string{"route", "VPN", "firewall", "mail server", "transport_maps", "relayhost"} {
		if !strings.Contains(acts, want) {
			t.Errorf("the advice should mention %s: %q", want, acts)
		}
	}
	if strings.Contains(acts, "outbound TCP port 25 is allowed") {
		t.Errorf("other destinations took mail on port 25: %q", acts)
	}
	// None of partner.example's mail went out and the queue manager
	// suspends it: as critical as any destination that takes nothing.
	if fw[0].Severity != SevCritical {
		t.Errorf("a destination none of whose mail goes out: severity %v", fw[0].Severity)
	}

	// The same service on this host's loopback is still a local one.
	local := hintIDs(feed(
		stamp(1) + " mx postfix/smtp[41]: 5D00000001: to=<ann@partner.example>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
	).Hints(true))
	if len(local[sources.HintDaemonCrash]) != 1 {
		t.Errorf("a content filter on loopback that refuses is a local service down: %+v", local)
	}
}

// One destination's public server out of reach while other destinations'
// servers take mail on port 25 in the same log: outbound port 25 is open,
// so the hint does not send the admin to the firewall for it.
func TestPort25OpenElsewhereIsNoBlock(t *testing.T) {
	lines := []string{
		fmt.Sprintf("%s mx postfix/smtp[31]: 6A00000001: to=<u1@gmail.com>, relay=mx.gmail.com[192.0.2.8]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 OK)", stamp(1)),
		refusedAt(2, "partner.example", "relay.partner.example", "198.51.100.5", 25, "No route to host"),
		refusedAt(3, "partner.example", "relay.partner.example", "198.51.100.5", 25, "No route to host"),
	}
	fw := hintIDs(feed(lines...).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("want one firewall hint, got %+v", fw)
	}
	acts := strings.Join(fw[0].Actions, " | ")
	if strings.Contains(acts, "outbound TCP port 25 is allowed") || !strings.Contains(acts, "port 25 is open") {
		t.Errorf("gmail.com took mail on port 25: %q", acts)
	}
	// Without mail that went out, port 25 stays in question.
	fw = hintIDs(feed(lines[1:]...).Hints(true))["firewall"]
	if len(fw) != 1 || !strings.Contains(strings.Join(fw[0].Actions, " | "), "outbound TCP port 25 is allowed") {
		t.Errorf("nothing went out: the port 25 check stays: %+v", fw)
	}
}

// A destination has several MX hosts, and the smtp client logs a failed
// connection at each: the title counts the destinations as the
// destinations table does, and names the hosts apart.
func TestFirewallTitleCountsDestinationsNotHosts(t *testing.T) {
	var lines []string
	for i, d := range []string{"example.com", "example.net", "example.org"} {
		lines = append(lines,
			fmt.Sprintf("Dec  1 03:10:%02d mx postfix/smtp[%d]: connect to mx1.%s[192.0.2.%d]:25: Connection timed out", i, 10+i, d, 10+i),
			fmt.Sprintf("Dec  1 03:11:%02d mx postfix/smtp[%d]: %X: to=<u@%s>, relay=none, delay=60, delays=0/0/60/0, dsn=4.4.1, status=deferred (connect to mx2.%s[192.0.2.%d]:25: Connection timed out)", i, 10+i, 0xA0000+i, d, d, 20+i))
	}
	h := hintOf(t, feed(lines...), "firewall")
	if !strings.Contains(h.Title, "for 3 destinations (6 hosts)") || h.Subject != "3 destinations" {
		t.Errorf("title %q, subject %q", h.Title, h.Subject)
	}
	// Hosts alone, with no delivery that names a destination.
	h = hintOf(t, feed(
		"Nov 28 10:00:00 mx postfix/smtp[7]: connect to mx1.example.com[203.0.113.25]:25: Connection timed out",
		"Nov 28 10:00:10 mx postfix/smtp[8]: connect to mx2.example.org[198.51.100.25]:25: Connection timed out",
		"Nov 28 10:00:20 mx postfix/smtp[9]: connect to mx3.example.net[198.51.100.26]:25: Connection timed out",
	), "firewall")
	if !strings.Contains(h.Title, "for 3 hosts") || strings.Contains(h.Title, "destinations") || h.Subject != "3 hosts" {
		t.Errorf("hosts alone: title %q, subject %q", h.Title, h.Subject)
	}
}

// smtp(8) logs each failed connection ("connect to HOST[IP]:PORT: ...")
// and then the delivery it failed, whose reason repeats the same words:
// one connection, not two. Recipients of one message deferred by that
// connection are one connection too.
func TestFailedConnectionCountedOnceWithItsDelivery(t *testing.T) {
	var lines []string
	for i := 0; i < 10; i++ {
		pid := 4100 + i
		lines = append(lines,
			fmt.Sprintf("Nov 28 11:10:%02d mx1 postfix/smtp[%d]: connect to mx.refused.test[192.0.2.20]:25: Connection refused", i, pid),
			fmt.Sprintf("Nov 28 11:10:%02d mx1 postfix/smtp[%d]: 4B0000%04X: to=<u%d@refused.test>, relay=none, delay=0.5, delays=0.1/0/0.4/0, dsn=4.4.1, status=deferred (connect to mx.refused.test[192.0.2.20]:25: Connection refused)", i, pid, i, i))
		if i == 9 {
			lines = append(lines, fmt.Sprintf("Nov 28 11:10:%02d mx1 postfix/smtp[%d]: 4B0000%04X: to=<v%d@refused.test>, relay=none, delay=0.5, delays=0.1/0/0.4/0, dsn=4.4.1, status=deferred (connect to mx.refused.test[192.0.2.20]:25: Connection refused)", i, pid, i, i))
		}
	}
	// Deliveries pasted without their connect lines are each a connection.
	for i := 0; i < 3; i++ {
		lines = append(lines, fmt.Sprintf("Nov 28 11:11:%02d mx1 postfix/smtp[%d]: 4C0000%04X: to=<w%d@timeout.test>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.timeout.test[192.0.2.30]:25: Connection timed out)", i, 5100+i, i, i))
	}
	h := hintOf(t, feed(lines...), "firewall")
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "13 failed connections") || !strings.Contains(ev, "timeouts 3, refused 10,") {
		t.Errorf("evidence %q", ev)
	}
	// A loopback service's refusals, as the local-service hint counts them.
	lines = nil
	for i := 0; i < 6; i++ {
		lines = append(lines,
			fmt.Sprintf("Nov 28 11:13:%02d lab postfix/smtp[%d]: connect to 127.0.0.1[127.0.0.1]:10024: Connection refused", i, 6300+i),
			fmt.Sprintf("Nov 28 11:13:%02d lab postfix/smtp[%d]: 85D1BC%04X: to=<%duser@example.org>, relay=none, delay=0.15, delays=0.02/0.13/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)", i, 6300+i, i, i))
	}
	if n := feed(lines...).LocalConnFail.Count; n != 6 {
		t.Errorf("local service: %d failed connections, want 6", n)
	}
}

// LMTP hands mail to this site's own mailbox server: a refused or
// unreachable one on the site's network (another container, a store
// host) is that service down or listening elsewhere, not a remote
// destination's firewall.
func TestLMTPServerOnTheSiteNetworkIsALocalService(t *testing.T) {
	var lines []string
	for i := range 6 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/lmtp[%d]: 6A%08X: to=<u%d@example.de>, relay=none, delay=2370, delays=2370/0.07/0/0, dsn=4.4.1, status=deferred (connect to 172.20.0.6[172.20.0.6]:2525: Connection refused)", stamp(i*30), 238+i, i, i))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	dc := hs[sources.HintDaemonCrash]
	if len(dc) != 1 || dc[0].Subject != "local service" {
		t.Fatalf("want the local service hint, got %+v", hs)
	}
	text := strings.Join(dc[0].Evidence, " | ") + " | " + strings.Join(dc[0].Actions, " | ")
	for _, want := range []string{"LMTP", "172.20.0.6", "2525", "virtual_transport", "listens"} {
		if !strings.Contains(text, want) {
			t.Errorf("the hint should name %s: %q", want, text)
		}
	}
	if fw := hs["firewall"]; len(fw) > 0 {
		t.Errorf("a mailbox server on the site's network is no remote firewall: %s", fw[0].Title)
	}
	// The smtp client's own private next hop stays another host's.
	smtp := strings.ReplaceAll(strings.Join(lines, "\n"), "postfix/lmtp", "postfix/smtp")
	if dc := hintIDs(feed(strings.Split(smtp, "\n")...).Hints(true))[sources.HintDaemonCrash]; len(dc) > 0 {
		t.Errorf("smtp to a private next hop became a local service: %s", dc[0].Title)
	}
}

// A content filter on loopback that refuses connections may be down or
// switched off on purpose (a container image's setting, a removed
// amavis) while content_filter still sends every message to it: the
// local-service hint says how to stop that, naming the setting that
// sends mail there where the configuration was read, and says nothing
// of it where the configuration names no filter at that address.
func TestLocalFilterRefusedNamesContentFilter(t *testing.T) {
	lines := []string{
		"Nov 23 11:06:46 mail postfix/smtp[1013]: connect to 127.0.0.1[127.0.0.1]:10024: Connection refused",
		"Nov 23 11:06:46 mail postfix/smtp[1013]: 3B6EB950: to=<to@example.com>, orig_to=<system@server.com>, relay=none, delay=0.14, delays=0.13/0.01/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
	}
	local := func(cfg *sources.Config) string {
		e := NewEngine(0)
		if cfg != nil {
			e.SetConfig(cfg)
		}
		feedInto(e, lines...)
		for _, h := range hintIDs(e.Hints(true))[sources.HintDaemonCrash] {
			if h.Subject == "local service" {
				return strings.Join(h.Actions, "\n")
			}
		}
		t.Fatal("no local service hint")
		return ""
	}
	if acts := local(nil); !strings.Contains(acts, "meant to be off") || !strings.Contains(acts, "content_filter") {
		t.Errorf("configuration unread:\n%s", acts)
	}
	if acts := local(configOf("content_filter = smtp-amavis:[127.0.0.1]:10024\n", "")); !strings.Contains(acts, "content_filter = smtp-amavis:[127.0.0.1]:10024") {
		t.Errorf("main.cf's content_filter not named:\n%s", acts)
	}
	over := configOf("", "smtp inet n - y - - smtpd\n  -o content_filter=smtp-amavis:[127.0.0.1]:10024\n")
	if acts := local(over); !strings.Contains(acts, "-o content_filter=smtp-amavis:[127.0.0.1]:10024") {
		t.Errorf("master.cf's override not named:\n%s", acts)
	}
	if acts := local(configOf("content_filter =\n", "smtp inet n - y - - smtpd\n")); strings.Contains(acts, "meant to be off") {
		t.Errorf("a configuration that names no filter there got the step:\n%s", acts)
	}
}

// A paste may hold only the deferrals that repeated a failed connection
// while the destination was suspended. Where those were this host's own
// "Network is unreachable" at IPv6 addresses, the firewall hint says the
// host has no IPv6 route, and never that port 25 is blocked because a
// big provider's servers failed.
func TestSuspendedIPv6UnreachableIsNoPort25Block(t *testing.T) {
	e := feed("Apr 12 05:07:44 vm postfix/error[5597]: AC01D2988FA6: to=<ann@gmail.com>, relay=none, delay=274343, delays=274343/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to alt2.aspmx.l.google.com[2607:f8b0:4001:c08::1a]:25: Network is unreachable)")
	h := hintOf(t, e, "firewall")
	ev := strings.Join(h.Evidence, "\n") + "\n" + h.Title
	if strings.Contains(ev, "port 25 is blocked") || !strings.Contains(ev, "no route to IPv6") {
		t.Errorf("evidence:\n%s", ev)
	}
}
