package sources

import "testing"

// A next hop's refusal to relay is this host's configuration (its relay
// login) or the recipient domain's MX: config_error for the delivery;
// smtpd's own "Relay access denied" to a client stays a reject of no
// class (the knowledge base reads it).
func TestRelayRefusalFromNextHop(t *testing.T) {
	p := NewParser()
	var r Record
	p.Parse("Dec  1 10:00:01 mx postfix/smtp[1201]: 3F2A81C0042: to=<bob@dest.example>, relay=smtp.isp.example[192.0.2.25]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=5.7.1, status=bounced (host smtp.isp.example[192.0.2.25] said: 554 5.7.1 <bob@dest.example>: Relay access denied (in reply to RCPT TO command))", &r)
	if r.Event != EvDelivery || r.Class != ClassConfigError {
		t.Errorf("next hop's relay refusal read as %v class %v", r.Event, r.Class)
	}
	p.Parse("Dec  1 10:00:01 mx postfix/smtpd[1201]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 <x@other.example>: Relay access denied; from=<a@b.example> to=<x@other.example> proto=ESMTP helo=<x>", &r)
	if r.Event != EvReject || r.Class != ClassNone {
		t.Errorf("smtpd's own relay refusal read as %v class %v", r.Event, r.Class)
	}
}
