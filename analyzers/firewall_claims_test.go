package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// refusedAt is the i-th deferral of mail to domain whose connection to
// host[ip]:port failed with why.
func refusedAt(i int, domain, host, ip string, port int, why string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: %06XB%03X: to=<u%d@%s>, relay=none, delay=0.4, delays=0.1/0/0.3/0, dsn=4.4.1, status=deferred (connect to %s[%s]:%d: %s)",
		stamp(i), 900+i%9, i, i, i, domain, host, ip, port, why)
}

// Mail to Gmail, GMX and others that waits on a relayhost refusing its
// submission port is the relayhost's trouble: no claim that the providers
// prove port 25 blocked here (nothing went to port 25), and the shared
// next hop is named; all outbound mail waits on it, so it is critical.
func TestRelayhostDownIsNoPort25Block(t *testing.T) {
	domains := []string{"gmail.com", "gmx.de", "googlemail.com", "yahoo.com", "example.org"}
	var lines []string
	for i := 0; i < 60; i++ {
		lines = append(lines, refusedAt(i, domains[i%len(domains)], "smtp.relay.example", "198.51.100.7", 587, "Connection refused"))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("relayhost = [smtp.relay.example]:587\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	h := hintOf(t, e, "firewall")
	ev := strings.Join(h.Evidence, "\n")
	if strings.Contains(ev, "port 25 is blocked") || !strings.Contains(ev+h.Title, "smtp.relay.example") {
		t.Errorf("title %q evidence:\n%s", h.Title, ev)
	}
	if h.Severity != SevCritical {
		t.Errorf("severity %v with all outbound mail waiting on the relayhost", h.Severity)
	}
}

// A provider's servers that time out for some messages while they take
// others from this host in the same stretch show port 25 open: no claim
// that it is blocked.
func TestProviderThatTookMailProvesNoBlock(t *testing.T) {
	var lines []string
	for i := 0; i < 40; i++ {
		if i%2 == 0 {
			lines = append(lines, refusedAt(i, "gmx.de", "mx00.emig.gmx.net", "212.227.15.9", 25, "Connection timed out"))
		} else {
			lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[77]: %06XC%03X: to=<v%d@gmx.de>, relay=mx00.emig.gmx.net[212.227.15.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 Requeued mail for delivery)", stamp(i), i, i, i))
		}
	}
	h := hintOf(t, feed(lines...), "firewall")
	if ev := strings.Join(h.Evidence, "\n"); strings.Contains(ev, "port 25 is blocked") {
		t.Errorf("evidence:\n%s", ev)
	}
}

// Deferrals that repeat a failed connection while the queue manager holds
// the destination suspended ("delivery temporarily suspended: connect to
// ...") are no connections: the evidence counts the two real failures and
// says how many deferrals repeated them.
func TestSuspendedDeferralsAreNoFailedConnections(t *testing.T) {
	lines := []string{
		refusedAt(0, "far.example", "mx.far.example", "192.0.2.40", 25, "Connection timed out"),
		refusedAt(1, "far.example", "mx2.far.example", "192.0.2.41", 25, "Connection timed out"),
	}
	for i := 2; i < 40; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/error[%d]: %06XF%03X: to=<u%d@far.example>, relay=none, delay=300, delays=300/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to mx2.far.example[192.0.2.41]:25: Connection timed out)",
			stamp(i), 800+i, i, i, i))
	}
	h := hintOf(t, feed(lines...), "firewall")
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "2 failed connections") || !strings.Contains(ev, "38 deferrals") {
		t.Errorf("evidence:\n%s", ev)
	}
	for _, s := range h.Samples[:1] {
		if strings.Contains(s, "temporarily suspended") {
			t.Errorf("the first sample is a suspended deferral, not a failure: %s", s)
		}
	}
}

// A ticket that pastes only suspended deferrals still gets the hint.
func TestOnlySuspendedDeferralsStillHint(t *testing.T) {
	var lines []string
	for i := 0; i < 5; i++ {
		lines = append(lines, fmt.Sprintf("postfix/error[%d]: %06XF%03X: to=<u%d@far.example>, relay=none, delay=300, delays=300/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to mx2.far.example[192.0.2.41]:25: Connection timed out)", 800+i, i, i, i))
	}
	h := hintOf(t, feed(lines...), "firewall")
	if strings.Contains(h.Title, "greeting") || !strings.Contains(strings.Join(h.Evidence, "\n"), "5 deferrals") {
		t.Errorf("title %q evidence %q", h.Title, h.Evidence)
	}
}

// Remote timeouts beside a content filter on loopback that is down, whose
// deferrals repeat while the queue manager holds it suspended: the
// firewall hint counts the remote failures, and the filter's repeats are
// the local service's, not the firewall's.
func TestSuspendedLocalHopLeavesTheFirewallCount(t *testing.T) {
	var lines []string
	for i := 0; i < 30; i++ {
		lines = append(lines, refusedAt(i, fmt.Sprintf("d%d.example", i), fmt.Sprintf("mx.d%d.example", i), fmt.Sprintf("192.0.2.%d", i+1), 25, "Connection timed out"))
	}
	for i := 30; i < 32; i++ {
		lines = append(lines, refusedAt(i, "local.example", "127.0.0.1", "127.0.0.1", 10024, "Connection refused"))
	}
	for i := 32; i < 82; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/error[%d]: %06XF%03X: to=<u%d@local.example>, relay=none, delay=300, delays=300/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)", stamp(i), 800+i, i, i, i))
	}
	h := hintOf(t, feed(lines...), "firewall")
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "30 failed connections") || strings.Contains(ev, "held the destination suspended") {
		t.Errorf("evidence:\n%s", ev)
	}
}
