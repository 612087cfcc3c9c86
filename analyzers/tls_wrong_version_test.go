package analyzers

import (
	"strings"
	"testing"
)

// OpenSSL's "wrong version number" means the bytes that came where a TLS
// record was due were no TLS. From smtpd (the server side) that is a
// client or scanner speaking something else, all day: noise. From the smtp
// client it is this host starting TLS where the server speaks plain SMTP
// first: wrapper mode (smtp_tls_wrappermode = yes, for port 465) toward a
// STARTTLS port (587, 25), or a device in the path that answers for the
// server. The client's line gets that cause and what to set, with or
// without the syslog header, in OpenSSL 3's and 1.1's wording; smtpd's
// stays the scanners' noise.
func TestClientTLSWrongVersionIsWrapperModeMismatch(t *testing.T) {
	deferral := "Mar  4 10:00:00 mx postfix/smtp[2101]: 3B1C2D4E5F: to=<ann@example.org>, relay=smtp.relay.example[192.0.2.9]:587, delay=0.2, delays=0.1/0/0.1/0, dsn=4.7.5, status=deferred (Cannot start TLS: handshake failure)"
	connect := "Mar  4 10:00:00 mx postfix/smtp[2101]: SSL_connect error to smtp.relay.example[192.0.2.9]:587: -1"
	for _, warning := range []string{
		"Mar  4 10:00:00 mx postfix/smtp[2101]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:ssl/record/methods/tlsany_meth.c:80:",
		"Mar  4 10:00:00 mx postfix/smtp[2101]: warning: TLS library problem: error:1408F10B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:332:",
	} {
		for _, header := range []bool{true, false} {
			in := []string{connect, warning, deferral}
			if !header {
				for i, l := range in {
					in[i] = l[strings.Index(l, "postfix/"):]
				}
			}
			var steps []string
			for _, h := range hintIDs(feed(in...).Hints(true))["tls"] {
				if h.Side == "outbound" {
					steps = append(steps, strings.Join(h.Actions, "\n"))
				}
			}
			all := strings.Join(steps, "\n")
			if !strings.Contains(all, "smtp_tls_wrappermode") || strings.Contains(all, "scanners") {
				t.Errorf("header %v, %q: the client's wrong version number is not told as a wrapper mode mismatch:\n%s", header, warning, all)
			}
		}
	}
	// smtpd's own: a client that spoke no TLS on the smtps port.
	e := feed(
		"Mar  4 10:00:00 mx postfix/smtps/smtpd[3101]: connect from unknown[203.0.113.9]",
		"Mar  4 10:00:00 mx postfix/smtps/smtpd[3101]: SSL_accept error from unknown[203.0.113.9]: -1",
		"Mar  4 10:00:00 mx postfix/smtps/smtpd[3101]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:ssl/record/methods/tlsany_meth.c:80:",
	)
	for _, h := range e.Hints(true) {
		if strings.Contains(strings.Join(h.Actions, "\n"), "smtp_tls_wrappermode") {
			t.Errorf("smtpd's wrong version number told as the smtp client's wrapper mode: %s", h.Title)
		}
	}
}
