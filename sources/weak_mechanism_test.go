package sources

import "testing"

// RFC 4954's 534 5.7.9 "Authentication mechanism is too weak" answers the
// smtp client's AUTH: the relay wants another mechanism (or the same one
// only over TLS) for that user, and the password was never checked. It
// is read apart from a refused password, in each shape the client writes
// the refusal (a deferral's reason, a failed try, the error agent's
// suspension); Gmail's 534 5.7.9 asking for an app password is a
// password matter and stays with the refused login.
func TestRelayRefusesAWeakMechanism(t *testing.T) {
	p := NewParser()
	for line, want := range map[string]string{
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D30: to=<ann@example.org>, relay=smtp.example.net[192.0.2.1]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.9, status=bounced (SASL authentication failed; server smtp.example.net[192.0.2.1] said: 534 5.7.9 Authentication mechanism is too weak)":                                                                                                                    "smtp_sasl_weak_mechanism",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D31: SASL authentication failed; server smtp.example.net[192.0.2.1] said: 534 5.7.9 Authentication mechanism is too weak":                                                                                                                                                                                                                                          "smtp_sasl_weak_mechanism",
		"Nov 28 10:00:00 mx postfix/error[8]: 3F2A1C0D32: to=<ann@example.org>, relay=none, delay=900, delays=900/0.1/0/0, dsn=4.7.9, status=deferred (delivery temporarily suspended: SASL authentication failed; server smtp.example.net[192.0.2.1] said: 534 5.7.9 Authentication mechanism is too weak)":                                                                                                           "smtp_sasl_weak_mechanism",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D33: to=<ann@example.org>, relay=smtp.gmail.com[192.0.2.2]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.9, status=bounced (SASL authentication failed; server smtp.gmail.com[192.0.2.2] said: 534-5.7.9 Application-specific password required. For more information, go to 534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor x1-20020a05.1 - gsmtp)": "smtp_sasl_server_refused",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D34: to=<ann@example.org>, relay=smtp.example.net[192.0.2.1]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.8, status=bounced (SASL authentication failed; server smtp.example.net[192.0.2.1] said: 535 5.7.8 Authentication credentials invalid)":                                                                                                                      "smtp_sasl_server_refused",
	} {
		var r Record
		p.Parse(line, &r)
		if got := entryID(r); got != want || r.Class != ClassConfigError {
			t.Errorf("%q: entry %q class %v, want %s config_error", line, got, r.Class, want)
		}
	}
}
