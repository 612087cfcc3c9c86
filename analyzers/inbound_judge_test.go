package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// postscreenRefusal is postscreen refusing ip over its per-client
// connection count.
func postscreenRefusal(i int, ip string) string {
	return fmt.Sprintf("%s mx postfix/postscreen[2210]: NOQUEUE: reject: CONNECT from [%s]:%d: too many connections", stamp(i), ip, 40000+i)
}

// limitHint is the inbound_limits hint of service svc.
func limitHint(t *testing.T, e *Engine, svc string) Hint {
	t.Helper()
	for _, h := range e.Hints(true) {
		if h.ID == "inbound_limits" && h.Subject == svc {
			return h
		}
	}
	t.Fatalf("no inbound_limits hint for %s", svc)
	return Hint{}
}

// Clients that postscreen refuses over its per-client count and that
// failed its tests (talked first, DNSBL-listed) or never passed them are
// the limit at work: raising it lets each bot hold more slots. Only
// refused clients that passed or sent mail make the limit too low.
func TestPostscreenLimitOnBotsIsNotRaised(t *testing.T) {
	bots := []string{"203.0.113.11", "203.0.113.12", "203.0.113.13", "203.0.113.14"}
	var lines []string
	for i, ip := range bots[:3] {
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/postscreen[2210]: PREGREET 14 after 0.26 from [%s]:%d: EHLO User\\r\\n", stamp(i), ip, 50000+i),
			fmt.Sprintf("%s mx postfix/postscreen[2210]: DNSBL rank 4 for [%s]:%d", stamp(i), ip, 51000+i))
	}
	// A sender that passes and delivers, as every real one here does.
	lines = append(lines,
		stamp(5)+" mx postfix/postscreen[2210]: PASS NEW [198.51.100.7]:41000",
		stamp(6)+" mx postfix/smtpd[3001]: 4A1B2C3D4E: client=mail.sender.example[198.51.100.7]")
	for i, ip := range bots {
		lines = append(lines, postscreenRefusal(10+2*i, ip), postscreenRefusal(11+2*i, ip))
	}
	h := limitHint(t, feed(lines...), "postscreen")
	acts := strings.Join(h.Actions, "\n")
	if h.Severity != SevInfo || len(h.Changes) != 0 || strings.Contains(acts, "postconf -P") || strings.Contains(acts, "postfix reload") {
		t.Errorf("bots refused: severity %v, changes %v, actions:\n%s", h.Severity, h.Changes, acts)
	}
	if !strings.Contains(acts, "the limit is working") || !strings.Contains(acts, "fail2ban") {
		t.Errorf("bots refused: actions do not say the limit works:\n%s", acts)
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "3 failed postscreen's tests") {
		t.Errorf("evidence does not weigh the refused clients:\n%s", ev)
	}
	// Refused clients that passed postscreen and sent mail here are
	// senders it let through (a pass alone proves none: bots pass): for
	// them the limit is too low, and it goes up as far as the smtpd
	// processes behind postscreen leave room: at most half of them.
	var good []string
	for i, ip := range bots {
		good = append(good, fmt.Sprintf("%s mx postfix/postscreen[2210]: PASS OLD [%s]:%d", stamp(i), ip, 50000+i),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: 6A%08X: client=out%d.sender.example[%s]", stamp(i), 3100+i, i, i, ip),
			fmt.Sprintf("%s mx postfix/qmgr[900]: 6A%08X: from=<news@sender.example>, size=3120, nrcpt=1 (queue active)", stamp(i), i))
	}
	for i, ip := range bots {
		good = append(good, postscreenRefusal(10+2*i, ip), postscreenRefusal(11+2*i, ip))
	}
	e := feed(good...)
	e.SetConfig(configOf("default_process_limit = 400\n", "smtp inet n - y - 1 postscreen\nsmtpd pass - - y - - smtpd\n"))
	h = limitHint(t, e, "postscreen")
	if len(h.Changes) == 0 || !strings.Contains(strings.Join(h.Actions, "\n"), "smtp/inet/postscreen_client_connection_count_limit = 100") {
		t.Errorf("passing clients refused: changes %v, actions:\n%s", h.Changes, strings.Join(h.Actions, "\n"))
	}
	// At the defaults, 50 of 100, a higher limit would let one client
	// take every smtpd: it stays, and the hint says why.
	h = limitHint(t, feed(good...), "postscreen")
	if acts := strings.Join(h.Actions, "\n"); len(h.Changes) != 0 || strings.Contains(acts, "count_limit = ") || !strings.Contains(acts, "do not raise postscreen_client_connection_count_limit: it is 50") {
		t.Errorf("passing clients refused at the defaults: changes %v, actions:\n%s", h.Changes, acts)
	}
}

// A client whose sessions delivered mail (queued: qmgr took it in) and
// that then meets smtpd's connection rate limit is a sender being
// delayed: it is exempted (or the limit raised), never refused or banned.
// A client with no mail keeps the advice to refuse it.
func TestRateLimitedSenderWithMailIsExempted(t *testing.T) {
	var lines []string
	for i := range 5 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[7764]: 5B%08X: client=out.partner.example[198.51.100.140]", stamp(i), i),
			fmt.Sprintf("%s mx postfix/qmgr[900]: 5B%08X: from=<news@partner.example>, size=3120, nrcpt=1 (queue active)", stamp(i), i))
	}
	for i := range 6 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtpd[7764]: warning: Connection rate limit exceeded: %d from out.partner.example[198.51.100.140] for service smtp", stamp(10+i), 31+i))
	}
	h := limitHint(t, feedConfigured(lines...), "smtp")
	acts := strings.Join(h.Actions, "\n")
	if strings.Contains(acts, "REJECT") || strings.Contains(acts, "fail2ban") || strings.Contains(acts, "the limit is working") {
		t.Errorf("a sender with mail is to be refused:\n%s", acts)
	}
	if len(h.Changes) != 1 || !strings.Contains(acts, "postconf -e 'smtpd_client_event_limit_exceptions = $mynetworks, 198.51.100.140'") ||
		!strings.Contains(acts, "smtpd_client_connection_rate_limit") {
		t.Errorf("a sender with mail is not exempted: changes %v, actions:\n%s", h.Changes, acts)
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "198.51.100.140 sent 5 messages") {
		t.Errorf("evidence does not say the client sent mail:\n%s", ev)
	}
	// Two such senders are exempted in one value: a second command
	// would replace the first's.
	var two []string
	for i := range 8 {
		ip := fmt.Sprintf("198.51.100.%d", 140+i%2)
		two = append(two, fmt.Sprintf("%s mx postfix/smtpd[7764]: 5C%08X: client=out.partner.example[%s]", stamp(i), i, ip),
			fmt.Sprintf("%s mx postfix/qmgr[900]: 5C%08X: from=<news@partner.example>, size=3120, nrcpt=1 (queue active)", stamp(i), i),
			fmt.Sprintf("%s mx postfix/smtpd[7764]: warning: Connection rate limit exceeded: %d from out.partner.example[%s] for service smtp", stamp(20+i), 31+i, ip))
	}
	h = limitHint(t, feedConfigured(two...), "smtp")
	if acts := strings.Join(h.Actions, "\n"); len(h.Changes) != 1 || !strings.Contains(acts, "'smtpd_client_event_limit_exceptions = $mynetworks, 198.51.100.140, 198.51.100.141'") {
		t.Errorf("two senders: changes %v, actions:\n%s", h.Changes, acts)
	}
	// Without mail of its own it is one client hammering.
	h = limitHint(t, feed(lines[10:]...), "smtp")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "REJECT") || len(h.Changes) != 0 {
		t.Errorf("a client without mail: changes %v, actions:\n%s", h.Changes, acts)
	}
}
