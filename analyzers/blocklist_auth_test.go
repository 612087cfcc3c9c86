package analyzers

import (
	"strings"
	"testing"
)

// A receiver's spam verdict on this host's mail (Gmail's 4.7.28 and
// "unsolicited mail") weighs how the mail authenticates: the blocklist
// hint has the sender check SPF, DKIM and DMARC as the receiver sees them.
func TestBlocklistHintChecksAuthentication(t *testing.T) {
	reply := "host gmail-smtp-in.l.google.com[192.0.2.27] said: 421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address (in reply to end of DATA command)"
	e := feed(repeat(4, func(i int) string { return deliv(i, "gmail.com", "deferred", reply) })...)
	hs := hintIDs(e.Hints(true))["blocklist"]
	if len(hs) != 1 {
		t.Fatalf("%d blocklist hints: %v", len(hs), hintIDs(e.Hints(true)))
	}
	acts := strings.Join(hs[0].Actions, "\n")
	for _, want := range []string{"SPF", "DKIM", "DMARC", "Authentication-Results"} {
		if !strings.Contains(acts, want) {
			t.Errorf("no %s in %q", want, acts)
		}
	}
}
