package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// A submission service that keeps smtpd's own syslog name (master.cf's
// entry without -o syslog_name) logs as postfix/smtpd, like port 25.
// When master.cf shows that service refusing clients that did not log in
// (-o smtpd_client_restrictions=permit_sasl_authenticated,reject) and
// nothing else can answer with the generic Access denied (main.cf's
// restriction lists hold no bare reject, no check_*_access, no
// restriction class; no other reachable smtpd has such overrides), a
// public client's "Client host rejected: Access denied" is that
// service's: the advice is the mail program's login, never mynetworks.
func TestUnnamedSubmissionServiceAccessDenied(t *testing.T) {
	line := "Apr 7 09:12:01 mx postfix/smtpd[4411]: NOQUEUE: reject: RCPT from c-203-0-113-45.hsd1.example.net[203.0.113.45]: 554 5.7.1 <c-203-0-113-45.hsd1.example.net[203.0.113.45]>: Client host rejected: Access denied; from=<dana@example.org> to=<erik@example.net> proto=ESMTP helo=<[10.1.2.3]>"
	smtpd := sources.Service{Name: "smtp", Type: "inet", Command: "smtpd", Options: map[string]string{}}
	sub := func(opts map[string]string) sources.Service {
		return sources.Service{Name: "submission", Type: "inet", Command: "smtpd", Options: opts}
	}
	stock := map[string]string{"smtpd_tls_security_level": "encrypt", "smtpd_sasl_auth_enable": "yes", "smtpd_client_restrictions": "permit_sasl_authenticated,reject"}
	withName := map[string]string{"syslog_name": "postfix/other", "smtpd_client_restrictions": "permit_sasl_authenticated,reject"}
	for _, c := range []struct {
		name     string
		main     map[string]string
		services []sources.Service
		login    bool
	}{
		{"submission refuses", map[string]string{"smtpd_relay_restrictions": "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination"}, []sources.Service{smtpd, sub(stock)}, true},
		{"mua_client_restrictions", map[string]string{"mua_client_restrictions": "permit_sasl_authenticated, reject"},
			[]sources.Service{smtpd, sub(map[string]string{"smtpd_client_restrictions": "$mua_client_restrictions"})}, true},
		{"port 25 checks clients too", map[string]string{"smtpd_recipient_restrictions": "permit_mynetworks, check_client_access hash:/etc/postfix/access, reject_unauth_destination"}, []sources.Service{smtpd, sub(stock)}, false},
		{"port 25 rejects by class", map[string]string{"smtpd_restriction_classes": "strict", "strict": "reject"}, []sources.Service{smtpd, sub(stock)}, false},
		{"submission has its own name", map[string]string{}, []sources.Service{smtpd, sub(withName)}, false},
		{"another service rejects", map[string]string{}, []sources.Service{smtpd, sub(stock), {Name: "2525", Type: "inet", Command: "smtpd", Options: map[string]string{"smtpd_client_restrictions": "check_client_access hash:/etc/postfix/partners, reject"}}}, false},
		{"no master.cf", map[string]string{}, nil, false},
		// Postfix's own default for the relay restrictions, as a full
		// postconf writes it, and a content filter's return on loopback.
		{"stock defaults and a filter on loopback", map[string]string{"compatibility_level": "3.6", "smtpd_relay_restrictions": "${{$compatibility_level} <level {1} ? {} : {permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination}}"},
			[]sources.Service{smtpd, sub(stock), {Name: "127.0.0.1:10025", Type: "inet", Command: "smtpd", Options: map[string]string{"smtpd_client_restrictions": "permit_mynetworks,reject"}}}, true},
		{"a reference too deep to follow", map[string]string{"a": "$b", "b": "$c", "c": "$d", "d": "$e", "e": "$f", "f": "$g", "g": "reject", "smtpd_helo_restrictions": "$a"}, []sources.Service{smtpd, sub(stock)}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := feed(line)
			e.SetConfig(&sources.Config{Params: c.main, Explicit: c.main, Services: c.services})
			h := hintOf(t, e, sources.HintConfigError)
			all := strings.Join(h.Actions, "\n")
			if got := strings.Contains(all, "did not log in"); got != c.login {
				t.Errorf("login advice %v, want %v: %q", got, c.login, h.Actions)
			}
			if c.login && !strings.Contains(strings.Join(h.Evidence, "\n"), "submission") {
				t.Errorf("evidence does not name the service: %q", h.Evidence)
			}
		})
	}
}
