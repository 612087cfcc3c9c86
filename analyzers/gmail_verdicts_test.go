package analyzers

import (
	"strings"
	"testing"
)

// gmailReply is the smtp client's record of Gmail refusing the i-th
// message with reply, with the syslog header or, bare, as a container's
// log gives it.
func gmailReply(i int, bare bool, reply string) string {
	l := deliv(i, "gmail.com", "bounced", "host gmail-smtp-in.l.google.com[192.0.2.27] said: "+reply+" (in reply to end of DATA command)")
	if bare {
		l = l[strings.Index(l, "postfix/"):]
	}
	return l
}

// Gmail's "very low reputation of the sending domain" is the domain's
// standing, not a listing of this host's IP: the advice is the domain's
// authentication and Postmaster Tools, and no delisting.
func TestGmailDomainReputationIsNoListing(t *testing.T) {
	const reply = "550-5.7.1 [198.51.100.4      12] Our system has detected that this message is 550-5.7.1 likely suspicious due to the very low reputation of the sending 550-5.7.1 domain. To best protect our users from spam, the message has been 550-5.7.1 blocked. a1si1.2 - gsmtp"
	for _, bare := range []bool{false, true} {
		e := feed(repeat(4, func(i int) string { return gmailReply(i, bare, reply) })...)
		ids := hintIDs(e.Hints(true))
		if len(ids["blocklist"]) != 0 {
			t.Errorf("bare=%v: a blocklist hint for the domain's reputation: %v", bare, ids["blocklist"][0].Actions)
		}
		h := hintOf(t, e, "reverse_dns")
		all := strings.Join(h.Actions, "\n")
		for _, want := range []string{"Postmaster Tools", "DKIM", "From:"} {
			if !strings.Contains(all, want) {
				t.Errorf("bare=%v: no %q in %s", bare, want, all)
			}
		}
	}
}

// Gmail's verdicts on the message's content are no listing either: the
// advice is what in the message, and no delisting.
func TestGmailContentVerdictIsContent(t *testing.T) {
	for _, reply := range []string{
		"550-5.7.1 [198.51.100.4      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. a1si1.2 - gsmtp",
		"421-4.7.0 This message is suspicious due to the nature of the content or the 421-4.7.0 links within. To best protect our users from spam, the message has 421-4.7.0 been blocked. a1si1.2 - gsmtp",
	} {
		for _, bare := range []bool{false, true} {
			e := feed(repeat(4, func(i int) string { return gmailReply(i, bare, reply) })...)
			ids := hintIDs(e.Hints(true))
			if len(ids["blocklist"]) != 0 {
				t.Errorf("bare=%v: a blocklist hint for a content verdict: %v", bare, ids["blocklist"][0].Actions)
			}
			h := hintOf(t, e, "content_refused")
			all := strings.Join(h.Actions, "\n")
			for _, want := range []string{"links", "URL shortener"} {
				if !strings.Contains(all, want) {
					t.Errorf("bare=%v: no %q in %s", bare, want, all)
				}
			}
		}
	}
}
