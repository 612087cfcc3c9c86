package sources

import "testing"

// The smtp client's record of a server's reply ("host %s said: %s",
// smtp_proto.c), pasted alone without the delivery record around it, is
// that delivery's reason: a 5xx reply bounced the recipient and a 4xx one
// deferred it, as the same reply cut before "host X[addr] said: " and a
// notice's paragraph that names the recipient are read. Postfix tries the
// next MX only after a 4xx reply or a greeting refusal, and logs that try
// with its queue id, which a paste keeps; a greeting refusal ("refused to
// talk to me", smtp_skip_5xx_greeting) and a reply without a code stay a
// failed try.
func TestBareServerReplyIsADelivery(t *testing.T) {
	for _, c := range []struct {
		line   string
		event  Event
		status Status
	}{
		{"host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)", EvDelivery, StatusBounced},
		{"mx.example.com[192.0.2.1] said: 554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org (in reply to RCPT TO command)", EvDelivery, StatusBounced},
		{"host mx.example.com[192.0.2.1] said: 450 4.2.0 <a@example.com>: Recipient address rejected: Greylisted, see https://example.com/grey (in reply to RCPT TO command)", EvDelivery, StatusDeferred},
		{"host mx.example.com[192.0.2.1] said: 421 4.7.0 Try again later, closing connection. (in reply to MAIL FROM command)", EvDelivery, StatusDeferred},
		{"host mx.example.com[192.0.2.1] refused to talk to me: 554 5.7.1 Service unavailable", EvAttempt, StatusNone},
		{"3F2A1C0D9: host mx.example.com[192.0.2.1] said: 450 4.2.0 Greylisted (in reply to RCPT TO command)", EvAttempt, StatusNone},
		{"Nov 28 10:00:00 mx postfix/smtp[5]: 3F2A1C0D9: host mx.example.com[192.0.2.1] said: 451 4.3.0 Try later (in reply to RCPT TO command)", EvAttempt, StatusNone},
	} {
		r := parse(c.line)
		if r.Event != c.event || r.Status != c.status {
			t.Errorf("%q: %v %q, want %v %q", c.line, r.Event, r.Status, c.event, c.status)
		}
	}
}
