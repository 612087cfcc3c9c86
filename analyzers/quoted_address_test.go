package analyzers

import (
	"fmt"
	"testing"
)

// Recipients whose quoted local part holds the rest of a delivery record
// (RFC 5321 allows it, Postfix logs it quoted) are chosen by outsiders:
// deliveries that succeeded stay delivered, with no outage hinted, and
// bounces stay bounces.
func TestQuotedRecipientsKeepTheirRecords(t *testing.T) {
	var lines []string
	for i := 0; i < 12; i++ {
		lines = append(lines, fmt.Sprintf(`%s mx postfix/smtp[500]: 7B%04XCD: to=<"x>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.d%d.example[192.0.2.%d]:25: Connection timed out) y"@d%d.example>, relay=mx.d%d.example[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ABC)`,
			stamp(i), i, i, i+1, i, i, i+1))
	}
	for i := 0; i < 3; i++ {
		lines = append(lines, fmt.Sprintf(`%s mx postfix/smtp[501]: 7C%04XCD: to=<"x>, relay=mx.b.example[192.0.2.50]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok) y"@b.example>, relay=mx.b.example[192.0.2.50]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.b.example[192.0.2.50] said: 550 5.1.1 User unknown (in reply to RCPT TO command))`,
			stamp(20+i), i))
	}
	e := feed(lines...)
	if tt := e.Totals; tt.Delivered != 12 || tt.Deferrals != 0 || tt.DeferredMsgs != 0 || tt.Bounced != 3 {
		t.Errorf("delivered %d, deferrals %d (%d messages), bounced %d; want 12, 0, 0, 3",
			tt.Delivered, tt.Deferrals, tt.DeferredMsgs, tt.Bounced)
	}
	for _, h := range e.Hints(true) {
		if h.ID == "firewall" {
			t.Errorf("hint %s (%s) for deliveries that succeeded", h.ID, h.Title)
		}
	}
}
