package sources

import "testing"

// A receiver that refuses or slows down mail because it was not sent over
// TLS asks for STARTTLS, whatever rate or block words it also uses: Gmail's
// 4.7.29 says the mail "has been rate limited because this message wasn't
// sent over a TLS connection", and a rate delay for it would only hold the
// mail back. The other providers' words for the same demand read alike.
func TestTLSRequiredRepliesAreTLS(t *testing.T) {
	for _, reply := range []string{
		// Gmail, as Postfix joins the multi-line reply.
		"421-4.7.29 Your email has been rate limited because this message wasn't sent 421-4.7.29 over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL 421-4.7.29 for SMTP connections. For more information, go to 421-4.7.29  https://support.google.com/mail/?p=TlsRequirement a1si - gsmtp (in reply to end of DATA command)",
		"550-5.7.29 This message wasn't sent over a TLS connection. Gmail requires all 550-5.7.29 senders to use TLS/SSL for SMTP connections. For more information, 550 5.7.29 go to https://support.google.com/mail/?p=TlsRequirement a1si - gsmtp (in reply to end of DATA command)",
		// Google Workspace's TLS compliance rule for the recipient domain.
		"421-4.7.0 TLS required for RCPT domain, closing connection. For more 421-4.7.0 information, go to 421 4.7.0  https://support.google.com/mail/answer/7040 a1si - gsmtp (in reply to RCPT TO command)",
		"530 5.7.0 Must issue a STARTTLS command first (in reply to MAIL FROM command)",
		"451 5.7.3 STARTTLS is required to send mail [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com] (in reply to MAIL FROM command)",
		"530 5.7.0 Must use TLS (in reply to MAIL FROM command)",
		"421 4.7.0 Rate limited: senders must use STARTTLS (in reply to MAIL FROM command)",
		"550 5.7.1 Message blocked: this server requires TLS (in reply to end of DATA command)",
	} {
		text := "host mx.d.example[192.0.2.1] said: " + reply
		if got := Classify(text); got != ClassTLS {
			t.Errorf("%s\nclassified %v, want tls", text, got)
		}
		if !TLSRequired(text) {
			t.Errorf("%s\nnot read as a demand for TLS", text)
		}
	}
	// The smtp client's own words when this host requires TLS and the
	// server offers none are TLS failures, but no demand of the server's.
	for _, own := range []string{
		"TLS is required, but was not offered by host mx.d.example[192.0.2.1]",
		"Cannot start TLS: handshake failure",
	} {
		if got := Classify(own); got != ClassTLS {
			t.Errorf("%s: classified %v, want tls", own, got)
		}
		if TLSRequired(own) {
			t.Errorf("%s: read as the server's demand for TLS", own)
		}
	}
	// A rate limit that names no TLS stays one.
	if got := Classify("host mx.d.example[192.0.2.1] said: 421-4.7.0 Your email has been rate limited because of unusual traffic (in reply to end of DATA command)"); got != ClassRateLimit {
		t.Errorf("a plain rate limit classified %v", got)
	}
}
