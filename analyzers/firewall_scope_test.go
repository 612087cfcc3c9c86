package analyzers

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// fwStamp is the time min minutes and sec seconds after t0.
func fwStamp(min, sec int) string {
	return t0.Add(time.Duration(min)*time.Minute + time.Duration(sec)*time.Second).Format("Jan _2 15:04:05")
}

// tenantSent is a delivery a Microsoft 365 tenant's host took on port 25.
func tenantSent(min, i int) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 5A%06XB: to=<user%d@tenant%d.example>, relay=tenant%d-example.mail.protection.outlook.com[52.101.%d.%d]:25, delay=0.9, delays=0.1/0.01/0.3/0.5, dsn=2.0.0, status=sent (250 2.6.0 <m%d@ourcorp.example> Queued mail for delivery)",
		fwStamp(min, 1), 2000+i%50, i, i, i%40, i%40, 32+i%5, 10+i%200, i)
}

// tenantTimeout is a failed connection to a tenant's host and the
// deferral of the message it was for.
func tenantTimeout(min, i int) []string {
	host := fmt.Sprintf("gone%d-example.mail.protection.outlook.com", i%3)
	ip := fmt.Sprintf("40.93.%d.7", i%3)
	pid := 3000 + i
	return []string{
		fmt.Sprintf("%s mx postfix/smtp[%d]: connect to %s[%s]:25: Connection timed out", fwStamp(min, 30), pid, host, ip),
		fmt.Sprintf("%s mx postfix/smtp[%d]: 6B%06XC: to=<info@gone%d.example>, relay=none, delay=30, delays=0.08/0.03/30/0, dsn=4.4.1, status=deferred (connect to %s[%s]:25: Connection timed out)", fwStamp(min, 30), pid, i, i%3, host, ip),
	}
}

func fwHint(t *testing.T, e *Engine) *Hint {
	t.Helper()
	fw := hintIDs(e.Hints(true))["firewall"]
	if len(fw) == 0 {
		return nil
	}
	return &fw[0]
}

func blockedClaim(h *Hint) bool {
	text := strings.Join(h.Evidence, " ")
	for _, s := range h.Steps {
		text += " " + s.Text
	}
	return strings.Contains(text, "blocked on this side") || strings.Contains(text, "check that outbound TCP port 25 is allowed")
}

// A few tenants' hosts of a big provider timing out while the provider's
// other hosts take mail on port 25 in the same hours is those hosts'
// trouble: port 25 is open.
func TestBigProviderHostsFailingWhileProviderTakesMail(t *testing.T) {
	var lines []string
	for m := 0; m < 120; m++ {
		lines = append(lines, tenantSent(m, m))
		if m%4 == 0 {
			lines = append(lines, tenantTimeout(m, m/4)...)
		}
	}
	h := fwHint(t, feed(lines...))
	if h != nil && blockedClaim(h) {
		t.Fatalf("port 25 called blocked while the provider took 120 deliveries on it: %+v", *h)
	}
}

// The same when other destinations' servers, not the provider's, took
// mail on port 25 meanwhile.
func TestBigProviderHostsFailingWhileOthersTakeMail(t *testing.T) {
	var lines []string
	for m := 0; m < 120; m++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 7A%06XB: to=<u%d@dest%d.example>, relay=mx.dest%d.example[198.51.100.%d]:25, delay=0.9, delays=0.1/0.01/0.3/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ABC)",
			fwStamp(m, 1), 2000+m%50, m, m, m%20, m%20, 1+m%20))
		if m%4 == 0 {
			lines = append(lines, tenantTimeout(m, m/4)...)
		}
	}
	h := fwHint(t, feed(lines...))
	if h != nil && blockedClaim(h) {
		t.Fatalf("port 25 called blocked while other servers took mail on it: %+v", *h)
	}
}

// Mail that went out hours before the failures began says nothing about
// port 25 now: a block that began since still reads as one.
func TestBigProviderBlockAfterEarlierMail(t *testing.T) {
	var lines []string
	for m := 0; m < 60; m++ {
		lines = append(lines, tenantSent(m, m))
	}
	for m := 240; m < 300; m += 2 {
		lines = append(lines, tenantTimeout(m, m)...)
	}
	h := fwHint(t, feed(lines...))
	if h == nil || !strings.Contains(strings.Join(h.Evidence, " "), "blocked on this side") {
		t.Fatalf("timeouts at the provider's hosts for an hour, three hours after the last mail out: %+v", h)
	}
}

// Failed connections to this host's own content filter are no outbound
// connection: the firewall hint counts only next hops elsewhere.
func TestFirewallLeavesOutOwnNextHops(t *testing.T) {
	var lines []string
	for i := 0; i < 40; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 1C%06XD: to=<user%d@customer%d.example>, relay=none, delay=0.3, delays=0.3/0.01/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
			fwStamp(i, 5), 4000+i, i, i, i%20))
	}
	if h := fwHint(t, feed(lines...)); h != nil {
		t.Fatalf("a firewall hint for a content filter on loopback: %+v", *h)
	}
	for i := 0; i < 3; i++ {
		host, ip := fmt.Sprintf("mx.remote%d.example", i), fmt.Sprintf("198.51.100.%d", 10+i)
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtp[%d]: connect to %s[%s]:25: Connection timed out", fwStamp(41+i, 0), 5000+i, host, ip),
			fmt.Sprintf("%s mx postfix/smtp[%d]: 2D%06XE: to=<x@remote%d.example>, relay=none, delay=30, delays=0.1/0.01/30/0, dsn=4.4.1, status=deferred (connect to %s[%s]:25: Connection timed out)", fwStamp(41+i, 0), 5000+i, i, i, host, ip))
	}
	h := fwHint(t, feed(lines...))
	if h == nil {
		t.Fatal("no firewall hint for timeouts at three remote servers")
	}
	want := "3 failed connections to 3 destinations and 3 hosts (timeouts 3, refused 0, unreachable 0)"
	if !strings.Contains(strings.Join(h.Evidence, " "), want) || !strings.HasSuffix(h.Title, " 3 destinations") {
		t.Fatalf("want %q in a hint for 3 destinations, got %q %q", want, h.Title, h.Evidence)
	}
	for _, s := range h.Samples {
		if strings.Contains(s, "127.0.0.1") {
			t.Fatalf("the content filter's line among the samples: %q", h.Samples)
		}
	}
}

// The firewall hint's weight among the hints is that of the connections
// elsewhere: a content filter down beside them adds nothing to it.
func TestFirewallImpactLeavesOutOwnNextHops(t *testing.T) {
	var remote, mixed []string
	for i := 0; i < 3; i++ {
		host, ip := fmt.Sprintf("mx.remote%d.example", i), fmt.Sprintf("198.51.100.%d", 10+i)
		l := []string{
			fmt.Sprintf("%s mx postfix/smtp[%d]: connect to %s[%s]:25: Connection timed out", fwStamp(50*i, 0), 5000+i, host, ip),
			fmt.Sprintf("%s mx postfix/smtp[%d]: 2D%06XE: to=<x@remote%d.example>, relay=none, delay=30, delays=0.1/0.01/30/0, dsn=4.4.1, status=deferred (connect to %s[%s]:25: Connection timed out)", fwStamp(50*i, 0), 5000+i, i, i, host, ip),
		}
		remote, mixed = append(remote, l...), append(mixed, l...)
		for j := 0; j < 20 && i < 2; j++ {
			mixed = append(mixed, fmt.Sprintf("%s mx postfix/smtp[%d]: 1C%06XD: to=<user%d@customer%d.example>, relay=none, delay=0.3, delays=0.3/0.01/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
				fwStamp(50*i+1+j, 5), 4000+j, 100*i+j, 100*i+j, j))
		}
	}
	a, b := fwHint(t, feed(remote...)), fwHint(t, feed(mixed...))
	if a == nil || b == nil {
		t.Fatalf("no firewall hint: %v %v", a, b)
	}
	if a.Impact <= 0 || b.Impact != a.Impact {
		t.Fatalf("impact %v beside a content filter down, %v without", b.Impact, a.Impact)
	}
}
