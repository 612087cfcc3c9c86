package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// gatewayFound is the config_error hint about clients arriving as one
// private address, or nil.
func gatewayFound(e *Engine) *Hint {
	for _, h := range e.Hints(true) {
		if h.ID == "config_error" && strings.Contains(h.Title, "clients arrive as private address") {
			return &h
		}
	}
	return nil
}

// session is one port-25 session of client ip on a host whose smtpd
// logs as syslogName (postfix for the smtp service, postfix/submission
// for submission): postscreen's lines when behind is set, smtpd's
// connect and client= (with a login when sasl is set), qmgr's sender,
// the delivery and the removal.
func session(i int, behind bool, syslogName, ip, sasl, from, to, delivery string) []string {
	qid := fmt.Sprintf("4C%09X", 0x1000+i)
	ts := stamp(i)
	var l []string
	if behind {
		l = append(l,
			fmt.Sprintf("%s mx postfix/postscreen[101]: CONNECT from [%s]:%d to [172.22.1.10]:25", ts, ip, 40000+i),
			fmt.Sprintf("%s mx postfix/postscreen[101]: PASS OLD [%s]:%d", ts, ip, 40000+i))
	}
	client := fmt.Sprintf("%s mx %s/smtpd[%d]: %s: client=unknown[%s]", ts, syslogName, 200+i%5, qid, ip)
	if sasl != "" {
		client += ", sasl_method=PLAIN, sasl_username=" + sasl
	}
	l = append(l,
		fmt.Sprintf("%s mx %s/smtpd[%d]: connect from unknown[%s]", ts, syslogName, 200+i%5, ip),
		client,
		fmt.Sprintf("%s mx postfix/qmgr[104]: %s: from=<%s>, size=2345, nrcpt=1 (queue active)", ts, qid, from))
	domain := to[strings.IndexByte(to, '@')+1:]
	switch delivery {
	case "local":
		l = append(l, fmt.Sprintf("%s mx postfix/lmtp[105]: %s: to=<%s>, relay=dovecot[172.22.1.7]:24, delay=0.2, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 <%s> Saved)", ts, qid, to, to))
	case "remote":
		l = append(l, fmt.Sprintf("%s mx postfix/smtp[106]: %s: to=<%s>, relay=mx.%s[198.51.100.%d]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK)", ts, qid, to, domain, 1+i%200))
	}
	return append(l,
		fmt.Sprintf("%s mx postfix/qmgr[104]: %s: removed", ts, qid),
		fmt.Sprintf("%s mx %s/smtpd[%d]: disconnect from unknown[%s] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", ts, syslogName, 200+i%5, ip))
}

// strangers are senders of many domains, as the Internet's are.
var strangers = []string{"news@shop.example", "ann@uni.example", "noreply@bank.example", "bob@isp.example", "x@spam.example"}

// A container's published port (or NAT) makes every Internet client
// arrive as the bridge's gateway: postscreen and smtpd see only it. The
// hint names the address, says what to check in Postfix's terms, and does
// not claim an open relay while its mail goes only to this site's own
// mailboxes.
func TestGatewayBehindPostscreenNamesTheAddress(t *testing.T) {
	var lines []string
	for i := range 12 {
		lines = append(lines, session(i, true, "postfix", "172.22.1.1", "", strangers[i%len(strangers)], "alice@example.org", "local")...)
	}
	h := gatewayFound(feed(lines...))
	if h == nil {
		t.Fatal("no hint for a postscreen that sees every client as 172.22.1.1")
	}
	if h.Side != "inbound" || h.Subject != "172.22.1.1" || !strings.Contains(h.Title, "172.22.1.1") {
		t.Errorf("side %q subject %q title %q", h.Side, h.Subject, h.Title)
	}
	var cmds []string
	for _, a := range h.Steps {
		if a.Command {
			cmds = append(cmds, a.Text)
		}
	}
	all := strings.Join(cmds, "\n")
	for _, want := range []string{"postconf -h mynetworks", "postconf -h postscreen_access_list", "postscreen_upstream_proxy_protocol"} {
		if !strings.Contains(all, want) {
			t.Errorf("no command with %q among %q", want, cmds)
		}
	}
	if words := strings.Join(h.Actions, "\n"); !strings.Contains(words, "userland-proxy") || !strings.Contains(words, "network_mode: host") {
		t.Errorf("the container's networking is not named: %q", words)
	}
	if strings.Contains(strings.Join(h.Actions, " ")+h.Title, "open relay") {
		t.Errorf("claims an open relay when mail went only to local mailboxes: %q", h.Actions)
	}
	if !strings.Contains(strings.Join(h.Evidence, " "), "12 of the 12") {
		t.Errorf("evidence does not give the address's share of postscreen's connections: %q", h.Evidence)
	}
}

// Mail that a private client handed in without a login, from a sender in
// another domain, and that this host sent on to another domain, was
// relayed for a stranger: behind a gateway that mynetworks trusts, that
// is an open relay. The hint says so and gives the relay check of the
// blocklist advice; the blocklist hint itself is about receivers already
// refusing this host's mail, and stays quiet.
func TestGatewayRelayingForStrangersWarnsOfAnOpenRelay(t *testing.T) {
	var lines []string
	for i := range 8 {
		lines = append(lines, session(i, true, "postfix", "172.22.1.1", "", strangers[i%len(strangers)], fmt.Sprintf("victim%d@gmail.com", i), "remote")...)
	}
	e := feed(lines...)
	h := gatewayFound(e)
	if h == nil {
		t.Fatal("no hint")
	}
	if h.Severity != SevCritical {
		t.Errorf("severity %v for relaying through a trusted gateway", h.Severity)
	}
	words := strings.Join(h.Actions, "\n")
	if !strings.Contains(words, "open relay") || !strings.Contains(words, "postconf mynetworks smtpd_relay_restrictions smtpd_sasl_auth_enable") {
		t.Errorf("the relay risk and its check are missing: %q", words)
	}
	if !strings.Contains(strings.Join(h.Evidence, " "), "relayed") {
		t.Errorf("evidence does not count the relayed mail: %q", h.Evidence)
	}
	if len(hintIDs(e.Hints(true))["blocklist"]) != 0 {
		t.Error("blocklist fired with no receiver refusing this host's mail")
	}
}

// Without postscreen, smtpd of the smtp service taking mail without a
// login from one private address for senders of many domains is the same
// gateway.
func TestGatewaySmtpdStrangersWithoutPostscreen(t *testing.T) {
	var lines []string
	for i := range 6 {
		lines = append(lines, session(i, false, "postfix", "10.90.0.2", "", strangers[i%len(strangers)], "alice@example.org", "local")...)
	}
	if h := gatewayFound(feed(lines...)); h == nil || h.Subject != "10.90.0.2" {
		t.Fatalf("hint %+v", h)
	}
}

// policyd-spf judging a private client address: SPF is checked on the
// gateway, not on the senders.
func TestGatewaySPFVerdictOnPrivateClient(t *testing.T) {
	var lines []string
	for i := range 4 {
		lines = append(lines, session(i, false, "postfix", "172.26.0.1", "", "ann@uni.example", "alice@example.org", "local")...)
	}
	lines = append(lines,
		stamp(5)+" mx policyd-spf[300]: prepend Received-SPF: Softfail (mailfrom) identity=mailfrom; client-ip=172.26.0.1; helo=mail.uni.example; envelope-from=ann@uni.example; receiver=<UNKNOWN>",
		stamp(6)+" mx policyd-spf[300]: 550 5.7.23 Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=ann@uni.example;ip=172.26.0.1;r=<UNKNOWN>")
	h := gatewayFound(feed(lines...))
	if h == nil {
		t.Fatal("no hint for SPF judging a private client on the smtp service")
	}
	if !strings.Contains(strings.Join(h.Evidence, " "), "SPF") {
		t.Errorf("evidence does not name the SPF verdicts: %q", h.Evidence)
	}
}

// Hosts whose clients really are internal, and addresses that are no
// gateway, get no hint.
func TestGatewayQuietForInternalClients(t *testing.T) {
	cases := map[string][]string{}
	var office, submission, loop, linkLocal, public, pass []string
	for i := range 12 {
		// An office relay: one app server sends its own domain's mail out.
		office = append(office, session(i, false, "postfix", "192.168.1.20", "", "noreply@company.example", fmt.Sprintf("c%d@gmail.com", i), "remote")...)
		// Submission: clients log in, and may well be internal.
		submission = append(submission, session(i, false, "postfix/submission", "172.22.1.1", "", strangers[i%len(strangers)], "x@gmail.com", "remote")...)
		loop = append(loop, session(i, true, "postfix", "127.0.0.1", "", strangers[i%len(strangers)], "x@gmail.com", "remote")...)
		linkLocal = append(linkLocal, session(i, true, "postfix", "169.254.3.4", "", strangers[i%len(strangers)], "x@gmail.com", "remote")...)
		public = append(public, session(i, true, "postfix", "203.0.113.9", "", strangers[i%len(strangers)], "x@gmail.com", "remote")...)
		// Logged-in users on port 25 behind no postscreen.
		pass = append(pass, session(i, false, "postfix", "10.0.0.8", "bob", strangers[i%len(strangers)], "x@gmail.com", "remote")...)
	}
	cases["office relay"], cases["submission"], cases["loopback"] = office, submission, loop
	cases["link-local"], cases["public"], cases["sasl on port 25"] = linkLocal, public, pass
	// A private client among many public ones behind postscreen.
	var few []string
	for i := range 20 {
		ip := fmt.Sprintf("198.51.100.%d", 1+i)
		if i%10 == 0 {
			ip = "192.168.5.5"
		}
		few = append(few, session(i, true, "postfix", ip, "", "noreply@company.example", "alice@example.org", "local")...)
	}
	cases["a few private clients"] = few
	for name, lines := range cases {
		if h := gatewayFound(feed(lines...)); h != nil {
			t.Errorf("%s: hint %q", name, h.Title)
		}
	}
}

// PRIVATE means RFC 1918, shared address space (100.64.0.0/10), unique
// local IPv6 and their IPv4-mapped forms; never loopback or link-local.
func TestGatewayPrivateAddresses(t *testing.T) {
	for ip, want := range map[string]bool{
		"10.0.0.2": true, "172.17.0.1": true, "172.31.255.1": true, "192.168.1.1": true,
		"100.64.0.1": true, "100.127.255.254": true, "fd00::1": true, "fc00::2": true,
		"::ffff:172.19.0.1": true, "::ffff:100.64.1.1": true,
		"FD00::1": true, "0:0:0:0:0:ffff:10.0.0.1": true, "::ffff:a00:1": true,
		"127.0.0.1": false, "::1": false, "169.254.1.1": false, "fe80::1": false,
		"172.32.0.1": false, "100.128.0.1": false, "203.0.113.9": false, "::ffff:8.8.8.8": false,
		"": false, "unknown": false, "172.22.1.1%eth0": false, "fe80::1%eth0": false,
	} {
		if got := gatewayAddress(ip); got != want {
			t.Errorf("gatewayAddress(%q) = %v, want %v", ip, got, want)
		}
	}
}

// A log may name millions of private clients and queue ids: the state
// stays a fixed handful of addresses and pending messages, and the
// busiest address survives them.
func TestGatewayStateIsBounded(t *testing.T) {
	e := NewEngine(0)
	for i := range 30 {
		feedInto(e, session(i, true, "postfix", "172.22.1.1", "", strangers[i%len(strangers)], "alice@example.org", "local")...)
	}
	var lines []string
	for i := range 5000 {
		ip := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		qid := fmt.Sprintf("5D%09X", i)
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/postscreen[101]: CONNECT from [%s]:4000 to [172.22.1.10]:25", stamp(100), ip),
			fmt.Sprintf("%s mx postfix/smtpd[201]: %s: client=unknown[%s]", stamp(100), qid, ip))
	}
	feedInto(e, lines...)
	g := e.Gateway
	if len(g.slots) > maxGatewayAddrs || len(g.pending) > maxGatewayPending {
		t.Fatalf("%d addresses, %d pending messages kept", len(g.slots), len(g.pending))
	}
	// No longer most of postscreen's connections, it still handed in
	// the mail of strangers.
	if h := gatewayFound(e); h == nil || h.Subject != "172.22.1.1" {
		t.Errorf("hint %+v", h)
	}
	found := false
	for _, s := range g.slots {
		found = found || s.addr == "172.22.1.1"
	}
	if !found {
		t.Error("the busiest private address was evicted")
	}
}

// Log text is the sender's: an address that is not one (with shell
// words in it) never reaches a hint, and the hint's commands hold the
// address only as a plain word.
func TestGatewayHostileAddress(t *testing.T) {
	var lines []string
	for i := range 12 {
		lines = append(lines, session(i, true, "postfix", "172.22.1.1$(reboot)", "", strangers[i%len(strangers)], "alice@example.org", "local")...)
	}
	lines = append(lines, stamp(20)+" mx policyd-spf[300]: prepend Received-SPF: Fail (mailfrom) identity=mailfrom; client-ip=10.0.0.1$(reboot); helo=x; envelope-from=a@b.example; receiver=<UNKNOWN>")
	if h := gatewayFound(feed(lines...)); h != nil {
		t.Errorf("hint from a malformed address: %q", h.Title)
	}
}

// A paste of cleanup's header warnings and smtpd's rejects: each ends
// with the client and the envelope ("from NAME[ADDR]; from=<SENDER>
// to=<RECIPIENT>"), and their senders count for the client as the
// accepted mail's do.
func TestGatewayCleanupWarningsAndRejects(t *testing.T) {
	lines := []string{
		stamp(1) + " mx postfix/smtpd[201]: connect from unknown[172.26.0.1]",
		stamp(2) + " mx postfix/cleanup[300]: 4C0000001001: warning: header Subject: Cheap pills from unknown[172.26.0.1]; from=<promo@spam.example> to=<alice@example.org> proto=ESMTP helo=<bulk.example>",
		stamp(3) + " mx postfix/cleanup[300]: 4C0000001002: warning: header Subject: hello from unknown[172.26.0.1]; from=<bob@isp.example> to=<alice@example.org> proto=ESMTP helo=<isp.example>",
		stamp(4) + " mx postfix/smtpd[201]: NOQUEUE: reject: RCPT from unknown[172.26.0.1]: 450 4.7.1 <alice@example.org>: Recipient address rejected: Greylisted for 300 seconds; from=<ann@uni.example> to=<alice@example.org> proto=ESMTP helo=<mail.uni.example>",
	}
	h := gatewayFound(feed(lines...))
	if h == nil {
		t.Fatal("no hint for three sender domains through one private address")
	}
	if ev := strings.Join(h.Evidence, " "); !strings.Contains(ev, "uni.example") || strings.Contains(ev, "0 messages") {
		t.Errorf("evidence %q", h.Evidence)
	}
	// The same on the submission service says nothing.
	sub := strings.NewReplacer("postfix/smtpd", "postfix/submission/smtpd").Replace(strings.Join(lines, "\n"))
	if h := gatewayFound(feed(strings.Split(sub, "\n")...)); h != nil {
		t.Errorf("hint for submission clients: %q", h.Title)
	}
}

// Mail whose sender or recipient is in a domain this host's configuration
// names as its own (mydestination, virtual_mailbox_domains, ...) is this
// site's, not relaying for a stranger: the gateway hint stays, without the
// open-relay warning.
func TestGatewayOwnDomainsAreNotRelaying(t *testing.T) {
	e := NewEngine(0)
	params := map[string]string{"myhostname": "mx.company.example", "mydomain": "company.example",
		"mydestination": "$myhostname, localhost", "virtual_mailbox_domains": "company.example, Other.Example"}
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	for i := range 6 {
		from := "noreply@company.example"
		if i%2 == 1 {
			from = "ann@other.example"
		}
		feedInto(e, session(i, true, "postfix", "172.22.1.1", "", from, fmt.Sprintf("c%d@gmail.com", i), "remote")...)
	}
	h := gatewayFound(e)
	if h == nil {
		t.Fatal("no hint for postscreen seeing every client as 172.22.1.1")
	}
	if h.Severity == SevCritical || strings.Contains(strings.Join(h.Actions, " "), "open relay") {
		t.Errorf("own domains' mail taken for relaying: %v %q", h.Severity, h.Actions)
	}
	// Without the configuration, a sender's domain unlike the recipient's
	// is all there is to go by.
	e = NewEngine(0)
	for i := range 6 {
		feedInto(e, session(i, true, "postfix", "172.22.1.1", "", "ann@other.example", fmt.Sprintf("c%d@gmail.com", i), "remote")...)
	}
	if h := gatewayFound(e); h == nil || h.Severity != SevCritical {
		t.Errorf("hint %+v", h)
	}
}

// The live view shows the hint while the address is active in its
// window, and drops it once the address has been quiet for longer.
func TestGatewayLiveWindow(t *testing.T) {
	e := NewEngine(0)
	for i := range 6 {
		feedInto(e, session(i, true, "postfix", "172.22.1.1", "", strangers[i%len(strangers)], "alice@example.org", "local")...)
	}
	live := func() bool {
		for _, h := range e.Hints(false) {
			if h.ID == "config_error" && h.Subject == "172.22.1.1" {
				return true
			}
		}
		return false
	}
	if !live() {
		t.Fatal("no live hint while the gateway is active")
	}
	feedInto(e, stamp(40*60)+" mx postfix/smtpd[201]: connect from mail.example.net[203.0.113.9]")
	if live() {
		t.Error("live hint 40 minutes after the address was last seen")
	}
	if gatewayFound(e) == nil {
		t.Error("the report lost the hint")
	}
}

// anvil refusing the gateway's address refuses every client behind it:
// exempting that one address from the limits would lift them for the
// whole Internet, so inbound_limits does not offer it, and names the
// gateway instead.
func TestGatewayRefusedByAnvilIsNotExempted(t *testing.T) {
	var lines []string
	for i := range 8 {
		lines = append(lines, session(i, true, "postfix", "172.22.1.1", "", strangers[i%len(strangers)], "alice@example.org", "local")...)
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from unknown[172.22.1.1] for service smtp", stamp(i), 31+i))
	}
	h := hintOf(t, feed(lines...), "inbound_limits")
	words := strings.Join(h.Actions, "\n")
	if strings.Contains(words, "smtpd_client_event_limit_exceptions") {
		t.Errorf("exempts the gateway from anvil's limits: %q", words)
	}
	if !strings.Contains(words, "stands for every client") {
		t.Errorf("the gateway is not named: %q", words)
	}
	// An address of this site's own that no rule takes for a gateway
	// keeps the exemption.
	var own []string
	for i := range 8 {
		own = append(own, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from unknown[192.168.1.20] for service smtp", stamp(i), 31+i))
	}
	if words := strings.Join(hintOf(t, feed(own...), "inbound_limits").Actions, "\n"); !strings.Contains(words, "smtpd_client_event_limit_exceptions") {
		t.Errorf("an own client lost its exemption: %q", words)
	}
}

// One client of this site's network over a limit is exempted; the limit
// stays for every other client, so it is not raised beside the exemption.
// Refusals that name no client (pasted without it) do not make a title
// with an empty name.
func TestOwnClientIsExemptedNotTheLimitRaised(t *testing.T) {
	var own []string
	for i := range 8 {
		own = append(own, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from app1[10.0.0.5] for service smtp", stamp(i), 61+i))
	}
	words := strings.Join(hintOf(t, feedConfigured(own...), "inbound_limits").Actions, "\n")
	if !strings.Contains(words, "smtpd_client_event_limit_exceptions = $mynetworks, 10.0.0.5") || strings.Contains(words, "smtpd_client_connection_rate_limit = ") {
		t.Errorf("actions:\n%s", words)
	}
	// Two of this site's clients over the limit: one exemption does not
	// cover the other, so the limit is raised too.
	var two []string
	for i := range 8 {
		two = append(two, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from app%d[10.0.0.%d] for service smtp", stamp(i), 61+i, i%2, 5+i%2))
	}
	if words := strings.Join(hintOf(t, feed(two...), "inbound_limits").Actions, "\n"); !strings.Contains(words, "smtpd_client_connection_rate_limit = ") {
		t.Errorf("two own clients, actions:\n%s", words)
	}
	var unnamed []string
	for i := range 4 {
		unnamed = append(unnamed, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from for service smtp", stamp(i), 61+i))
	}
	e := feed(unnamed...)
	for _, h := range e.Hints(true) {
		if h.ID == "inbound_limits" && (strings.Contains(h.Title, "  ") || strings.Contains(strings.Join(h.Evidence, "\n"), "the most refused \n") || strings.HasSuffix(h.Evidence[0], "refused ")) {
			t.Errorf("title %q evidence %q", h.Title, h.Evidence)
		}
	}
}

// anvil reports each interval's maximum; the most a client reached is the
// largest of them, not the last.
func TestAnvilMaxIsTheLargestReported(t *testing.T) {
	e := feed(
		stamp(0)+" mx postfix/anvil[9]: statistics: max connection rate 110/60s for (smtp:10.0.0.5) at Nov 28 10:00:00",
		stamp(600)+" mx postfix/anvil[9]: statistics: max connection rate 40/60s for (smtp:10.0.0.5) at Nov 28 10:10:00",
	)
	as := e.Inbound.AnvilSorted()
	if len(as) != 1 || as[0].Value != 110 {
		t.Errorf("anvil maxima %+v", as)
	}
}

// An exemption is added to the exceptions in force: postconf -e sets the
// whole list, so a value built from $mynetworks alone would drop the
// clients main.cf or the service's -o already exempts.
func TestExemptionKeepsTheExceptionsInForce(t *testing.T) {
	var own []string
	for i := range 8 {
		own = append(own, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from app1[10.0.0.5] for service smtp", stamp(i), 61+i))
	}
	cases := []struct{ name, main, master, want string }{
		{"main.cf", "smtpd_client_event_limit_exceptions = $mynetworks, 192.0.2.7\n", "", "smtpd_client_event_limit_exceptions = $mynetworks, 192.0.2.7, 10.0.0.5"},
		{"without mynetworks", "smtpd_client_event_limit_exceptions = 192.0.2.7\n", "", "smtpd_client_event_limit_exceptions = 192.0.2.7, 10.0.0.5"},
		{"older name", "smtpd_client_connection_limit_exceptions = 192.0.2.8\n", "", "smtpd_client_event_limit_exceptions = 192.0.2.8, 10.0.0.5"},
		{"unset", "", "", "smtpd_client_event_limit_exceptions = $mynetworks, 10.0.0.5"},
		{"service -o", "", "smtp inet n - y - - smtpd\n  -o smtpd_client_event_limit_exceptions=$mynetworks,192.0.2.9\n", "smtp/inet/smtpd_client_event_limit_exceptions = $mynetworks,192.0.2.9,10.0.0.5"},
	}
	for _, c := range cases {
		e := feed(own...)
		e.SetConfig(configOf(c.main, c.master))
		words := strings.Join(hintOf(t, e, "inbound_limits").Actions, "\n")
		if !strings.Contains(words, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.name, c.want, words)
		}
	}
}

// A saved full postconf (every parameter, none marked as set in main.cf)
// holds the exceptions in force as its value: the exemption adds to it.
func TestExemptionKeepsTheExceptionsOfAFullPostconf(t *testing.T) {
	var own []string
	for i := range 8 {
		own = append(own, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from app1[10.0.0.5] for service smtp", stamp(i), 61+i))
	}
	cases := []struct{ name, value, want string }{
		{"set", "$mynetworks, 198.51.100.20", "smtpd_client_event_limit_exceptions = $mynetworks, 198.51.100.20, 10.0.0.5"},
		{"default", "${smtpd_client_connection_limit_exceptions:$mynetworks}", "smtpd_client_event_limit_exceptions = ${smtpd_client_connection_limit_exceptions:$mynetworks}, 10.0.0.5"},
	}
	for _, c := range cases {
		e := feed(own...)
		params := map[string]string{"mynetworks": "127.0.0.0/8 10.0.0.0/8", "smtpd_client_event_limit_exceptions": c.value}
		e.SetConfig(&sources.Config{Params: params, Explicit: map[string]string{}})
		words := strings.Join(hintOf(t, e, "inbound_limits").Actions, "\n")
		if !strings.Contains(words, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.name, c.want, words)
		}
	}
}
