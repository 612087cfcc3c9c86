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

// Exchange Online's 5.7.750 through a connector used as the relayhost
// refuses mail whose sender domain the tenant has not registered: its
// "Client blocked" is the relay's configuration, no listing of the IP.
func TestUnregisteredSenderDomainIsRelayConfiguration(t *testing.T) {
	p := NewParser()
	var r Record
	p.Parse("Dec  3 10:49:42 mail postfix/smtp[2117]: 4E00075: to=<user116@yahoo.com>, relay=tenant-example.mail.protection.outlook.com[52.101.68.12]:25, delay=1.2, delays=0.5/0/0.3/0.2, dsn=5.7.750, status=bounced (host tenant-example.mail.protection.outlook.com[52.101.68.12] said: 550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(1500) [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com 2025-12-03T10:11:12.345Z 08DD1234ABCD] (in reply to MAIL FROM command))", &r)
	if r.Event != EvDelivery || r.Class != ClassConfigError {
		t.Errorf("5.7.750 read as %v class %v, want a delivery of class config_error", r.Event, r.Class)
	}
}
