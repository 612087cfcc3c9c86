package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// contentRefusal is a next hop's refusal of a message for what it holds.
func contentRefusal(i int, domain, relay, reply string) string {
	return hopReply(i, domain, relay, "5.7.1", "bounced", reply)
}

// Receivers' verdicts on a message's content: spam, a virus, an
// attachment they block.
var contentReplies = []string{
	"550 Message rejected because it contains a virus (in reply to end of DATA command)",
	"554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature (in reply to end of DATA command)",
	"554 5.7.1 Message rejected as spam by Content Filtering. (in reply to end of DATA command)",
	"550 5.7.1 Spam message rejected (in reply to end of DATA command)",
	"550 5.7.350 Remote server returned message detected as spam -> 554 5.2.0 STOREDRV (in reply to end of DATA command)",
	"552-5.7.0 This message was blocked because its content presents a potential 552-5.7.0 security issue. Please visit 552-5.7.0  https://support.google.com/mail/?p=BlockedMessage to review our 552 5.7.0 message content and attachment content guidelines. a1si1 - gsmtp (in reply to end of DATA command)",
}

func TestContentRefusalIsItsOwnClass(t *testing.T) {
	for _, reply := range contentReplies {
		line := contentRefusal(1, "example.org", "mx.example.org[192.0.2.10]:25", reply)
		var r sources.Record
		sources.NewParser().Parse(line, &r)
		if r.Class.String() != "content" {
			t.Errorf("%q: class %q, want content", reply, r.Class)
		}
	}
	// A listing that also says spam stays a listing.
	var r sources.Record
	sources.NewParser().Parse(contentRefusal(1, "example.org", "mx.example.org[192.0.2.10]:25", "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; spam source (in reply to RCPT TO command)"), &r)
	if r.Class != sources.ClassBlocklist {
		t.Errorf("a listing read as %q", r.Class)
	}
}

// Refusals for content send the admin to the senders and the mail, not
// to the lists: the receiver judged the message, not the address.
func TestContentRefusalHint(t *testing.T) {
	var lines []string
	for i, reply := range contentReplies {
		lines = append(lines, contentRefusal(i+1, "example.org", "mx.example.org[192.0.2.10]:25", reply))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	got := hs["content_refused"]
	if len(got) != 1 {
		t.Fatalf("want one content_refused hint, got %v", hs)
	}
	h := got[0]
	if h.Side != "outbound" || h.Subject != "example.org" || h.Severity < SevWarning {
		t.Errorf("want an outbound warning about example.org, got %s %s %q", h.Side, h.Severity, h.Subject)
	}
	acts := strings.Join(h.Actions, " | ")
	for _, want := range []string{"from=", "infected", "compromised", "attachment"} {
		if !strings.Contains(acts, want) {
			t.Errorf("advice lacks %q: %q", want, acts)
		}
	}
	if strings.Contains(acts, "delisting") {
		t.Errorf("a content verdict is sent to the lists: %q", acts)
	}
	for _, id := range []string{"blocklist", "rate_delay", "destination_concurrency"} {
		if len(hs[id]) != 0 {
			t.Errorf("a content verdict gave %s: %+v", id, hs[id])
		}
	}
}

// This host's own content filter (amavis on loopback) refusing a virus
// is the filter at work: no hint about receivers.
func TestOwnFilterContentRefusalNoHint(t *testing.T) {
	line := contentRefusal(1, "example.org", "127.0.0.1[127.0.0.1]:10024", contentReplies[1])
	if got := hintIDs(feed(line).Hints(true))["content_refused"]; len(got) != 0 {
		t.Errorf("this host's own filter gave %+v", got)
	}
}

// Mail refused for its content that one SASL login submitted: the hint
// names the login and says to lock it first, as for a listing.
func TestContentRefusalNamesTheLogin(t *testing.T) {
	var lines []string
	for i := 0; i < 6; i++ {
		qid := fmt.Sprintf("5C%08X", i)
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/submission/smtpd[31]: %s: client=unknown[192.0.2.%d], sasl_method=LOGIN, sasl_username=ann@example.com", stamp(i), qid, 10+i%3),
			fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<ann@example.com>, size=2100, nrcpt=1 (queue active)", stamp(i), qid),
			fmt.Sprintf("%s mx postfix/smtp[77]: %s: to=<u%d@mail.example.net>, relay=mx1.mail.example.net[198.51.100.7]:25, delay=2, delays=0.1/0/1/0.9, dsn=5.7.1, status=bounced (host mx1.mail.example.net[198.51.100.7] said: 550 5.7.1 Spam message rejected (in reply to end of DATA command))", stamp(i), qid, i))
	}
	got := hintIDs(feed(lines...).Hints(true))["content_refused"]
	if len(got) != 1 {
		t.Fatalf("want one content_refused hint, got %+v", got)
	}
	if s := got[0].Steps; len(s) == 0 || !strings.Contains(s[0].Text, `"ann@example.com"`) || !strings.Contains(s[0].Text, "lock") || strings.Contains(s[0].Text, "delisting") {
		t.Errorf("the first step should lock the login, and ask for no delisting, got %+v", s)
	}
}
