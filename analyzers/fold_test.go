package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// A log that names hundreds of destinations refusing alike must not give
// a hint for each: the best-ranked come one by one, the rest as one hint
// that names how many and which, and keeps their impact.
func TestManyDestinationsOfOneHintFold(t *testing.T) {
	var lines []string
	for i := range 40 {
		for k := range 3 {
			lines = append(lines, fmt.Sprintf("Nov 28 10:%02d:%02d mx postfix/smtp[%d]: %X: to=<a@d%d.example>, relay=mx.d%d.example[192.0.2.%d]:25, delay=1, delays=0/0/1/0, dsn=4.7.0, status=deferred (host mx.d%d.example[192.0.2.%d] said: 421 4.7.0 Too many connections (in reply to MAIL FROM command))",
				i, k, 100+i, 0x10000+i*3+k, i, i, i+1, i, i+1))
		}
	}
	e := feed(lines...)
	var own []Hint
	var folded *Hint
	var total float64
	for _, h := range e.Hints(true) {
		if h.ID != "destination_concurrency" {
			continue
		}
		total += h.Impact
		if strings.HasPrefix(h.Subject, "d") {
			own = append(own, h)
		} else {
			folded = &h
		}
	}
	if len(own) != maxHintsOfOneKind-1 {
		t.Errorf("%d hints of their own, want %d", len(own), maxHintsOfOneKind-1)
	}
	if folded == nil {
		t.Fatal("no hint for the rest")
	}
	rest := 40 - (maxHintsOfOneKind - 1)
	if !strings.Contains(folded.Title, fmt.Sprint(rest)) || !strings.Contains(strings.Join(folded.Evidence, "\n"), "d") {
		t.Errorf("the rest: %q %q", folded.Title, folded.Evidence)
	}
	for _, h := range own {
		for _, ev := range folded.Evidence {
			if strings.Contains(ev, " "+h.Subject+" ") {
				t.Errorf("%s is both on its own and among the rest", h.Subject)
			}
		}
	}
	// The rest's impact is theirs summed: 31 destinations refusing as
	// often as each of those on their own.
	if len(own) > 0 && folded.Impact < float64(rest)*own[len(own)-1].Impact*0.99 {
		t.Errorf("the rest's impact %v, one destination's %v", folded.Impact, own[len(own)-1].Impact)
	}
	if total <= 0 {
		t.Errorf("impact %v", total)
	}
}

// A connection refused or a network unreachable fails at once: only a
// connection that times out (or a greeting that never comes) holds an
// smtp process for a timeout.
func TestFirewallTimeoutCautionOnlyForTimeouts(t *testing.T) {
	line := func(i int, reason string) string {
		return fmt.Sprintf("Nov 28 10:00:%02d mx postfix/smtp[%d]: %X: to=<a@d%d.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx.d%d.example[2001:db8::%d]:25: %s)", i, 100+i, 0x10000+i, i, i, i+1, reason)
	}
	for _, tc := range []struct {
		reason string
		want   bool
	}{{"Network is unreachable", false}, {"Connection refused", false}, {"Connection timed out", true}} {
		var lines []string
		for i := range 6 {
			lines = append(lines, line(i, tc.reason))
		}
		h := hintOf(t, feed(lines...), "firewall")
		if got := strings.Contains(strings.Join(h.Cautions, " "), "holds an smtp process"); got != tc.want {
			t.Errorf("%s: timeout caution %v, want %v: %q", tc.reason, got, tc.want, h.Cautions)
		}
	}
}
