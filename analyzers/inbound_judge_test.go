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
	// Refused clients that passed postscreen are senders it let through:
	// for them the limit is too low.
	var good []string
	for i, ip := range bots {
		good = append(good, fmt.Sprintf("%s mx postfix/postscreen[2210]: PASS OLD [%s]:%d", stamp(i), ip, 50000+i))
	}
	for i, ip := range bots {
		good = append(good, postscreenRefusal(10+2*i, ip), postscreenRefusal(11+2*i, ip))
	}
	h = limitHint(t, feed(good...), "postscreen")
	if len(h.Changes) == 0 || !strings.Contains(strings.Join(h.Actions, "\n"), "postscreen_client_connection_count_limit = 100") {
		t.Errorf("passing clients refused: changes %v, actions:\n%s", h.Changes, strings.Join(h.Actions, "\n"))
	}
}
