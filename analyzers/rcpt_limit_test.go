package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// Receivers' replies to RCPT TO past their limit of recipients per
// message or session.
var rcptLimitReplies = []string{
	"host mx.uni-example.edu[192.0.2.50] said: 452 4.5.3 Error: too many recipients (in reply to RCPT TO command)",
	"host aspmx.l.google.com[192.0.2.51] said: 452-4.5.3 Your message has too many recipients. For more information regarding 452 4.5.3 Google's sending limits, visit https://support.google.com/mail/answer/6592 (in reply to RCPT TO command)",
	"host mx.example.net[192.0.2.52] said: 452 Too many recipients (in reply to RCPT TO command)",
}

func TestRecipientLimitIsItsOwnClass(t *testing.T) {
	for _, reply := range rcptLimitReplies {
		var r sources.Record
		sources.NewParser().Parse(deliv(1, "uni-example.edu", "deferred", reply), &r)
		if r.Class.String() != "rcpt_limit" {
			t.Errorf("%q: class %q, want rcpt_limit", reply, r.Class)
		}
	}
	// An address that merely holds the digits is no such reply.
	var r sources.Record
	sources.NewParser().Parse(deliv(1, "a.example", "deferred", "connect to mx.a.example[194.5.3.10]:25: Connection timed out"), &r)
	if r.Class.String() == "rcpt_limit" {
		t.Error("an address read as a recipient limit")
	}
}

// Recipients deferred past the receiver's limit: the hint names the
// destination and the per-destination recipient limit to lower, and no
// concurrency or rate change.
func TestRecipientLimitHint(t *testing.T) {
	var lines []string
	for i := 0; i < 30; i++ {
		lines = append(lines, deliv(i, "uni-example.edu", "deferred", rcptLimitReplies[0]))
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[77]: %06X%04X: to=<v%d@uni-example.edu>, relay=mx.uni-example.edu[192.0.2.50]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok)", stamp(i), i, i, i))
	}
	ids := hintIDs(feed(lines...).Hints(true))
	h := ids["recipient_limit"]
	if len(h) != 1 {
		t.Fatalf("recipient_limit hints %+v (all %v)", h, ids)
	}
	words := strings.Join(h[0].Actions, "\n")
	if !strings.Contains(strings.Join(h[0].Evidence, "\n"), "uni-example.edu") || !strings.Contains(words, "_destination_recipient_limit") {
		t.Errorf("evidence %q actions:\n%s", h[0].Evidence, words)
	}
	for _, other := range []string{"destination_concurrency", "rate_delay", "unknown_refusals"} {
		if len(ids[other]) != 0 {
			t.Errorf("%s hint for a recipient limit: %+v", other, ids[other])
		}
	}
}

// The live view counts the recipients refused past the limit in its
// window, not every error of a destination that had one such refusal.
func TestRecipientLimitLiveCountsItsOwn(t *testing.T) {
	lines := []string{deliv(0, "big.example", "deferred", rcptLimitReplies[0])}
	for i := 1; i < 11; i++ {
		lines = append(lines, deliv(i, "big.example", "deferred", "connect to mx.big.example[192.0.2.9]:25: Connection timed out"))
	}
	e := feed(lines...)
	for _, whole := range []bool{true, false} {
		for _, h := range e.Hints(whole) {
			if h.ID == "recipient_limit" {
				t.Errorf("whole %v: one refusal past the limit made a hint: %s", whole, h.Evidence[0])
			}
		}
	}
}

// The same for refusals for a message's size.
func TestMessageSizeLiveCountsItsOwn(t *testing.T) {
	lines := []string{deliv(0, "big.example", "bounced", "host mx.big.example[192.0.2.9] said: 552 5.3.4 Message size exceeds fixed limit (in reply to end of DATA command)")}
	for i := 1; i < 11; i++ {
		lines = append(lines, deliv(i, "big.example", "deferred", "connect to mx.big.example[192.0.2.9]:25: Connection timed out"))
	}
	e := feed(lines...)
	for _, whole := range []bool{true, false} {
		for _, h := range e.Hints(whole) {
			if h.ID == "message_size" {
				t.Errorf("whole %v: one refusal for size made a hint: %s", whole, h.Evidence[0])
			}
		}
	}
}

// The DNS hint's live count is of DNS failures, not of every error of the
// destinations that had one.
func TestDNSLiveCountsItsOwn(t *testing.T) {
	lines := []string{dnsDeferral(0, "example.org", "MX", "Host not found, try again")}
	for i := 1; i < 11; i++ {
		lines = append(lines, deliv(i, "example.org", "deferred", "connect to mx.example.org[192.0.2.9]:25: Connection timed out"))
	}
	e := feed(lines...)
	for _, whole := range []bool{true, false} {
		for _, h := range e.Hints(whole) {
			if h.ID == "dns" && !strings.HasPrefix(h.Evidence[0], "1 delivery failed on DNS") {
				t.Errorf("whole %v: %s", whole, h.Evidence[0])
			}
		}
	}
}
