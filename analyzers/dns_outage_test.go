package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// tempDNS is the i-th delivery to domain that failed because the name
// service could not answer ("try again"): this host's resolver, or the
// domain's DNS servers.
func tempDNS(i int, domain string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 6C%08X: to=<u%d@%s>, relay=none, delay=1, delays=0.1/0/0.9/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=%s type=MX: Host not found, try again)",
		stamp(i*5), 300+i%9, i, i, domain, domain)
}

// When temporary DNS failures hit most destinations and next to nothing
// went out, this host's resolver is down and no outbound mail leaves: a
// critical outage, not a warning. A few domains whose DNS fails among
// many delivered stay below that.
func TestDNSOutageIsCritical(t *testing.T) {
	var outage []string
	for i := 0; i < 3; i++ {
		outage = append(outage, deliv(i, fmt.Sprintf("ok%d.example", i), "sent", "250 2.0.0 OK"))
	}
	for i := 10; i < 70; i++ {
		outage = append(outage, tempDNS(i, fmt.Sprintf("d%d.example", i%12)))
	}
	for _, whole := range []bool{true, false} {
		hs := hintIDs(feed(outage...).Hints(whole))["dns"]
		if len(hs) != 1 {
			t.Fatalf("whole %v: want one dns hint, got %+v", whole, hs)
		}
		h := hs[0]
		if h.Severity != SevCritical {
			t.Errorf("whole %v: every delivery but 3 failed on DNS at 12 destinations: %s, want critical", whole, h.Severity)
		}
		if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "60 of 63 outbound deliveries") {
			t.Errorf("whole %v: the evidence should give the share of outbound deliveries that failed: %q", whole, ev)
		}
	}

	var few []string
	for i := 0; i < 60; i++ {
		few = append(few, deliv(i, fmt.Sprintf("ok%d.example", i%20), "sent", "250 2.0.0 OK"))
	}
	for i := 100; i < 112; i++ {
		few = append(few, tempDNS(i, fmt.Sprintf("broken%d.example", i%4)))
	}
	if h := hintOf(t, feed(few...), "dns"); h.Severity == SevCritical {
		t.Errorf("4 domains with failing DNS among 20 delivered made a critical hint: %q", h.Evidence)
	}
}
