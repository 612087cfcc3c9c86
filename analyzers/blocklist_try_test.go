package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// A receiver's reputation verdict in a failed try at one server (the
// smtp client goes on to the next MX) is about our IP as much as the
// same reply in a deferral: a log cut before the deferral still gives
// the blocklist hint, with the try as its sample.
func TestBlocklistFromFailedTryAlone(t *testing.T) {
	try := func(sec int) string {
		return fmt.Sprintf("%s mx postfix/smtp[77]: 4A1B2C3D%02d: host mx1.mail.example.net[198.51.100.7] said: 421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command)", stamp(sec), sec)
	}
	e := feed(try(1), try(30))
	hs := hintIDs(e.Hints(true))
	b := hs["blocklist"]
	if len(b) != 1 {
		t.Fatalf("want one blocklist hint from two failed tries, got %+v", hs)
	}
	if len(b[0].Samples) == 0 || !strings.Contains(b[0].Samples[0], "[TSS04]") {
		t.Errorf("sample should be the failed try, got %q", b[0].Samples)
	}
	if !strings.Contains(strings.Join(b[0].Evidence, " "), "2 failed tries") {
		t.Errorf("evidence should count the tries, got %q", b[0].Evidence)
	}

	// A failed try for another reason gives no blocklist hint.
	other := fmt.Sprintf("%s mx postfix/smtp[77]: 4A1B2C3D99: host mx1.mail.example.net[198.51.100.7] said: 452 4.2.2 mailbox full (in reply to RCPT TO command)", stamp(5))
	if hs := hintIDs(feed(other).Hints(true)); len(hs["blocklist"]) != 0 {
		t.Errorf("a mailbox-full try gave a blocklist hint: %+v", hs["blocklist"])
	}
}

// A listing refuses the IP whatever its pace, and the hint says not to
// slow down for it. A receiver that only defers for reputation (Gmail's
// 421 4.7.28, Yahoo's 421 TSS04) rate-limits by it: slowing down there
// spreads the same mail out while what made it unwanted is fixed, and
// the caution says that instead of forbidding it.
func TestBlocklistCautionFollowsTheReply(t *testing.T) {
	deferral := func(i int, reply string) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 6B%08X: to=<u%d@example.com>, relay=mx.example.com[198.51.100.9]:25, delay=3, delays=0/0/1/2, dsn=4.7.28, status=deferred (host mx.example.com[198.51.100.9] said: %s (in reply to end of DATA command))",
			stamp(i*20), 700+i, i, i, reply)
	}
	caution := func(reply string) string {
		var lines []string
		for i := 1; i <= 3; i++ {
			lines = append(lines, deferral(i, reply))
		}
		b := hintIDs(feed(lines...).Hints(true))["blocklist"]
		if len(b) != 1 {
			t.Fatalf("%q: want one blocklist hint, got %+v", reply, b)
		}
		return strings.Join(b[0].Cautions, " | ")
	}
	if c := caution("421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address 421 4.7.28 To protect our users from spam, mail sent from your IP address has been temporarily rate limited."); strings.Contains(c, "do not lower concurrency") || !strings.Contains(c, "spreads") {
		t.Errorf("temporary reputation deferrals: caution %q", c)
	}
	if c := caution("554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org"); !strings.Contains(c, "do not lower concurrency") {
		t.Errorf("a listing's refusals: caution %q", c)
	}
}

// A mail gateway that answers the connection with a bare 554 and its
// own name refuses this host's address without a reason: the blocklist
// hint says how to find it, even where the delivery's own reason is a
// later try's (an IPv6 address this host cannot reach).
func TestBareGreetingRefusalIsAListing(t *testing.T) {
	e := feed(
		"Nov 10 08:27:52 mail postfix/smtp[13789]: A0F7BE2AA5: host gw-3.example.se[192.0.2.106] refused to talk to me: 554 gw-3.example.se",
		"Nov 10 08:27:52 mail postfix/smtp[13789]: connect to gw-4.example.se[2001:db8:d:151::151:246]:25: Cannot assign requested address",
		"Nov 10 08:27:52 mail postfix/smtp[13789]: A0F7BE2AA5: host gw-4.example.se[192.0.2.246] refused to talk to me: 554 gw-4.example.se",
		"Nov 10 08:27:52 mail postfix/smtp[13789]: A0F7BE2AA5: to=<ann@example.se>, relay=none, delay=248680, delays=248680/0.03/0.45/0, dsn=4.4.1, status=deferred (connect to gw-3.example.se[2001:db8:d:151::151:106]:25: Cannot assign requested address)",
	)
	h := hintOf(t, e, sources.HintBlocklist)
	acts := strings.Join(h.Actions, "\n")
	if !strings.Contains(acts, "gives no reason") || !strings.Contains(acts, "reverse DNS") {
		t.Errorf("no step for a refusal without a reason:\n%s", acts)
	}
}
