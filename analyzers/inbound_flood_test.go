package analyzers

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// concurrencyRefusal is smtpd refusing the client name[ip] over
// smtpd_client_connection_count_limit, with the count it reached.
func concurrencyRefusal(i int, name, ip string, count int) string {
	return fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection concurrency limit exceeded: %d from %s[%s] for service smtp", stamp(i), 4400+i, count, name, ip)
}

// inboundHint is the inbound_limits hint of service svc of a new engine
// fed lines, with the configuration conf (nil: not read), of the whole
// log or of the last minutes.
func inboundHint(t *testing.T, lines []string, conf func(*Engine), whole bool, svc string) Hint {
	t.Helper()
	e := feed(lines...)
	if conf != nil {
		conf(e)
	}
	for _, h := range e.Hints(whole) {
		if h.ID == "inbound_limits" && h.Subject == svc {
			return h
		}
	}
	t.Fatalf("no inbound_limits hint for %s", svc)
	return Hint{}
}

// configured sets a configuration of main.cf and master.cf text.
func configured(main, master string) func(*Engine) {
	return func(e *Engine) { e.SetConfig(configOf(main, master)) }
}

// Clients without reverse DNS that sent no mail, all of one network, each
// stopped at the per-client connection count: a flood the limit contains.
// Doubling the limit to the process limit would let each of them hold
// every smtpd, so the advice is the limit at work, whatever the number
// of such clients, never a raise.
func TestConcurrencyFloodWithoutNamesIsNotRaised(t *testing.T) {
	var lines []string
	for i, ip := range []string{"203.0.113.61", "203.0.113.62", "203.0.113.63"} {
		lines = append(lines, concurrencyRefusal(i, "unknown", ip, 51))
	}
	for _, conf := range []func(*Engine){nil, configured("", "smtp inet n - y - - smtpd\n")} {
		for _, whole := range []bool{true, false} {
			h := inboundHint(t, lines, conf, whole, "smtp")
			acts := strings.Join(h.Actions, "\n")
			if h.Severity != SevInfo || len(h.Changes) != 0 || strings.Contains(acts, "count_limit =") || strings.Contains(acts, "postfix reload") {
				t.Errorf("config %v, whole %v: severity %v, changes %v, actions:\n%s", conf != nil, whole, h.Severity, h.Changes, acts)
			}
			if !strings.Contains(acts, "the limit is working") || !strings.Contains(acts, "203.0.113.0/24") || !strings.Contains(acts, "smtpd_client_event_limit_exceptions") {
				t.Errorf("config %v, whole %v: no advice to block the network or exempt known senders only:\n%s", conf != nil, whole, acts)
			}
			if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "3 without reverse DNS") {
				t.Errorf("config %v, whole %v: evidence does not say why the clients are not senders:\n%s", conf != nil, whole, ev)
			}
		}
	}
}

// Named clients of different networks over the per-client connection
// count may be senders the limit delays, and the limit may go up, but
// never to where one client holds every process of the service: Postfix
// keeps it at half of them (50 of 100). At the defaults nothing is left
// to raise; with more processes it is raised, at most to half of them.
func TestConcurrencyRaiseStaysBelowTheProcessLimit(t *testing.T) {
	clients := [][2]string{
		{"mx1.alpha.example", "198.51.100.20"}, {"out.beta.example", "203.0.113.30"},
		{"smtp.gamma.example", "192.0.2.40"}, {"mail.delta.example", "2001:db8:4::25"},
	}
	var lines []string
	for i := range 8 {
		c := clients[i%len(clients)]
		lines = append(lines, concurrencyRefusal(i, c[0], c[1], 51))
	}
	cases := []struct {
		name   string
		conf   func(*Engine)
		procs  int
		raised string // the raise expected, "" for none
	}{
		{"configuration not read", nil, 100, ""},
		{"maxproc -", configured("", "smtp inet n - y - - smtpd\n"), 100, ""},
		{"default_process_limit 300", configured("default_process_limit = 300\n", "smtp inet n - y - - smtpd\n"), 300, "100"},
		{"maxproc 120", configured("", "smtp inet n - y - 120 smtpd\n"), 120, "60"},
		{"maxproc 400", configured("", "smtp inet n - y - 400 smtpd\n"), 400, "100"},
	}
	for _, c := range cases {
		h := inboundHint(t, lines, c.conf, true, "smtp")
		acts := strings.Join(h.Actions, "\n")
		var got string
		for _, ch := range h.Changes {
			if strings.HasSuffix(ch.Param, "smtpd_client_connection_count_limit") || strings.HasSuffix(ch.ServiceParam, "smtpd_client_connection_count_limit") {
				got = ch.Value
			}
		}
		if got != c.raised {
			t.Errorf("%s: raised to %q, want %q; actions:\n%s", c.name, got, c.raised, acts)
		}
		if n, err := strconv.Atoi(got); err == nil && 2*n > c.procs {
			t.Errorf("%s: a per-client limit of %d lets one client hold more than half of %d processes", c.name, n, c.procs)
		}
		if h.Severity != SevWarning {
			t.Errorf("%s: severity %v", c.name, h.Severity)
		}
		if c.raised == "" && (strings.Contains(acts, "count_limit = ") || !strings.Contains(acts, "process_limit")) {
			t.Errorf("%s: nothing may be raised, yet the actions do not say why:\n%s", c.name, acts)
		}
	}
}

// Refused clients that are big mail providers' servers (a name smtpd
// verified) are senders to exempt by address, not a reason to raise the
// limit for every client.
func TestProviderServersAreExemptedNotTheLimitRaised(t *testing.T) {
	var lines []string
	for i := range 6 {
		lines = append(lines, concurrencyRefusal(i, fmt.Sprintf("mail-ed1-f%d.google.com", 41+i%3), fmt.Sprintf("209.85.208.%d", 41+i%3), 51))
	}
	h := inboundHint(t, lines, configured("", "smtp inet n - y - 400 smtpd\n"), true, "smtp")
	acts := strings.Join(h.Actions, "\n")
	if strings.Contains(acts, "count_limit = ") || strings.Contains(acts, "REJECT") || strings.Contains(acts, "fail2ban") {
		t.Errorf("provider servers: raised for everyone or banned:\n%s", acts)
	}
	if !strings.Contains(acts, "smtpd_client_event_limit_exceptions = $mynetworks, 209.85.208.41, 209.85.208.42, 209.85.208.43") {
		t.Errorf("provider servers are not exempted:\n%s", acts)
	}
	// An access provider's customers' machines are named in its domain
	// too: no sender for that, and no exemption.
	var home []string
	for i := range 6 {
		home = append(home, concurrencyRefusal(i, fmt.Sprintf("c-73-%d-2-9.hsd1.ma.comcast.net", 60+i%3), fmt.Sprintf("73.%d.2.9", 60+i%3), 51))
	}
	h = inboundHint(t, home, configured("", "smtp inet n - y - 400 smtpd\n"), true, "smtp")
	if acts := strings.Join(h.Actions, "\n"); strings.Contains(acts, "limit_exceptions = ") {
		t.Errorf("residential clients exempted:\n%s", acts)
	}
}

// postscreen refusing one client over its per-client count, while two
// others meet "all server ports busy" (no free smtpd behind it): the
// latter are the process limit's, not clients of the per-client limit.
func TestPortsBusyClientsAreNotThePerClientLimits(t *testing.T) {
	busy := []string{
		stamp(0) + " mx postfix/postscreen[811]: CONNECT from [192.0.2.44]:40112 to [198.51.100.1]:25",
		stamp(0) + " mx postfix/postscreen[811]: NOQUEUE: reject: CONNECT from [192.0.2.44]:40112: all server ports busy",
		stamp(1) + " mx postfix/postscreen[811]: CONNECT from [203.0.113.50]:40113 to [198.51.100.1]:25",
		stamp(1) + " mx postfix/postscreen[811]: NOQUEUE: reject: CONNECT from [203.0.113.50]:40113: all server ports busy",
	}
	lines := append([]string{}, busy...)
	for i := range 5 {
		lines = append(lines, postscreenRefusal(10+i, "198.51.100.77"))
	}
	for _, whole := range []bool{true, false} {
		h := inboundHint(t, lines, nil, whole, "postscreen")
		acts := strings.Join(h.Actions, "\n")
		ev := strings.Join(h.Evidence, "\n")
		if h.Severity != SevInfo || len(h.Changes) != 0 || strings.Contains(acts, "count_limit = ") {
			t.Errorf("whole %v: severity %v, changes %v, actions:\n%s", whole, h.Severity, h.Changes, acts)
		}
		if !strings.Contains(ev, "one client, 198.51.100.77") || strings.Contains(ev, "192.0.2.44") || strings.Contains(ev, "203.0.113.50") {
			t.Errorf("whole %v: evidence counts the ports-busy clients:\n%s", whole, ev)
		}
		for _, s := range h.Samples {
			if strings.Contains(s, "ports busy") {
				t.Errorf("whole %v: a ports-busy line among the per-client limit's samples: %s", whole, s)
			}
		}
	}
	// The ports-busy refusals are still the smtpd processes' shortage.
	h := hintOf(t, feed(lines...), "process_limit")
	if ev := strings.Join(h.Evidence, "\n"); h.Subject != "smtpd/pass" || !strings.Contains(ev, `2 clients refused with "all server ports busy"`) {
		t.Errorf("process limit: subject %s, evidence:\n%s", h.Subject, ev)
	}
}

// A client in mynetworks is this site's own, with or without reverse DNS:
// where the exceptions no longer hold mynetworks, it is exempted, never
// taken for a bot.
func TestMynetworksClientIsExempted(t *testing.T) {
	var lines []string
	for i := range 4 {
		lines = append(lines, concurrencyRefusal(i, "unknown", fmt.Sprintf("198.51.100.%d", 5+i%2), 51))
	}
	h := inboundHint(t, lines, configured("mynetworks = 127.0.0.0/8 198.51.100.0/24\nsmtpd_client_event_limit_exceptions = 127.0.0.0/8\n", "smtp inet n - y - - smtpd\n"), true, "smtp")
	acts := strings.Join(h.Actions, "\n")
	if !strings.Contains(acts, "smtpd_client_event_limit_exceptions = 127.0.0.0/8, 198.51.100.5, 198.51.100.6") || strings.Contains(acts, "REJECT") || strings.Contains(acts, "fail2ban") {
		t.Errorf("mynetworks clients:\n%s", acts)
	}
}

// Behind postscreen every client smtpd sees has passed its tests, and any
// client that waits for the greeting passes them with the defaults: a
// pass proves no sender. Clients without reverse DNS, of one network,
// that passed and then hit smtpd's per-client count get the limit at
// work, not an exemption from every anvil limit.
func TestPassingPostscreenProvesNoSender(t *testing.T) {
	var lines []string
	for i, ip := range []string{"203.0.113.61", "203.0.113.62", "203.0.113.63"} {
		lines = append(lines, fmt.Sprintf("%s mx postfix/postscreen[2210]: PASS NEW [%s]:%d", stamp(i), ip, 41000+i))
		for k := 0; k < 4; k++ {
			lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection concurrency limit exceeded: 51 from unknown[%s] for service smtpd", stamp(10+i*4+k), 4400+i*4+k, ip))
		}
	}
	for _, whole := range []bool{true, false} {
		h := inboundHint(t, lines, configured("", "smtp inet n - y - 1 postscreen\nsmtpd pass - - y - - smtpd\n"), whole, "smtpd")
		acts := strings.Join(h.Actions, "\n")
		if h.Severity != SevInfo || len(h.Changes) != 0 || strings.Contains(acts, "exceptions = ") || !strings.Contains(acts, "203.0.113.0/24") {
			t.Errorf("whole %v: severity %v, changes %+v, actions:\n%s", whole, h.Severity, h.Changes, acts)
		}
	}
}
