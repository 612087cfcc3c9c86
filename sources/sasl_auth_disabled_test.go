package sources

import "testing"

// Microsoft 365 answers the smtp client's AUTH with 535 5.7.139
// "Authentication unsuccessful, SmtpClientAuthentication is disabled for
// the Tenant" (or "for the Mailbox") when SMTP AUTH is turned off for the
// organisation or the account: the password was not what failed, and no
// new one helps. It is read apart from a refused password in each shape
// the client writes the refusal, with or without the syslog header; a
// plain 535 5.7.3 "Authentication unsuccessful" stays a refused login.
func TestRelayWithSMTPAuthTurnedOff(t *testing.T) {
	p := NewParser()
	tenant := "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]"
	mailbox := "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR01CA0002.eurprd01.prod.exchangelabs.com]"
	for line, want := range map[string]string{
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D50: to=<ann@example.org>, relay=smtp.office365.com[192.0.2.80]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.139, status=deferred (SASL authentication failed; server smtp.office365.com[192.0.2.80] said: " + tenant + ")":                                                                     "smtp_sasl_auth_disabled",
		"postfix/smtp[7]: 3F2A1C0D51: to=<ann@example.org>, relay=smtp.office365.com[192.0.2.80]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.139, status=deferred (SASL authentication failed; server smtp.office365.com[192.0.2.80] said: " + mailbox + ")":                                                                                       "smtp_sasl_auth_disabled",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D52: SASL authentication failed; server smtp.office365.com[192.0.2.81] said: " + tenant:                                                                                                                                                                                                      "smtp_sasl_auth_disabled",
		"Nov 28 10:00:00 mx postfix/error[8]: 3F2A1C0D53: to=<ann@example.org>, relay=none, delay=900, delays=900/0.1/0/0, dsn=5.7.139, status=deferred (delivery temporarily suspended: SASL authentication failed; server smtp.office365.com[192.0.2.80] said: " + tenant + ")":                                                                "smtp_sasl_auth_disabled",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D54: to=<ann@example.org>, relay=smtp.office365.com[192.0.2.80]:587, delay=3, delays=0.1/0/2.9/0, dsn=5.7.3, status=deferred (SASL authentication failed; server smtp.office365.com[192.0.2.80] said: 535 5.7.3 Authentication unsuccessful [AM0PR01CA0003.eurprd01.prod.exchangelabs.com])": "smtp_sasl_server_refused",
	} {
		var r Record
		p.Parse(line, &r)
		if got := entryID(r); got != want || r.Class != ClassConfigError {
			t.Errorf("%q: entry %q class %v, want %s config_error", line, got, r.Class, want)
		}
	}
}
