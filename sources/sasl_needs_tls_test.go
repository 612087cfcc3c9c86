package sources

import "testing"

// A relay that takes the login only over TLS answers AUTH on a session
// the smtp client did not encrypt with RFC 4954's 538 5.7.11 "Encryption
// required for requested authentication mechanism", or RFC 3207's 530
// "Must issue a STARTTLS command first": the password was never checked,
// so it is read apart from a refused one, in each shape the client
// writes the failure, the temporary 530 4.7.0 too.
func TestRelayWantsTLSBeforeTheLogin(t *testing.T) {
	p := NewParser()
	for line, want := range map[string]string{
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D40: to=<ann@example.org>, relay=smtp.example.net[192.0.2.1]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.11, status=bounced (SASL authentication failed; server smtp.example.net[192.0.2.1] said: 538 5.7.11 Encryption required for requested authentication mechanism)": "smtp_sasl_needs_tls",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D41: SASL authentication failed; server smtp.example.net[192.0.2.1] said: 530 5.7.0 Must issue a STARTTLS command first":                                                                                                                                                "smtp_sasl_needs_tls",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D42: to=<ann@example.org>, relay=smtp.example.net[192.0.2.1]:587, delay=3, delays=0.1/0/2.9/0, dsn=4.7.0, status=deferred (SASL authentication failed; server smtp.example.net[192.0.2.1] said: 530 4.7.0 Must issue a STARTTLS command first)":                         "smtp_sasl_needs_tls",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D44: to=<ann@example.org>, relay=smtp.example.net[192.0.2.1]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.8, status=bounced (SASL authentication failed; server smtp.example.net[192.0.2.1] said: 535 5.7.8 Authentication credentials invalid)":                           "smtp_sasl_server_refused",
	} {
		var r Record
		p.Parse(line, &r)
		if got := entryID(r); got != want || r.Class != ClassConfigError {
			t.Errorf("%q: entry %q class %v, want %s config_error", line, got, r.Class, want)
		}
	}
}
