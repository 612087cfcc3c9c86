package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// relayed is a delivery to domain through the relay smtp.relay.example on
// port 587.
func relayed(sec int, domain, reason string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: %06X%04X: to=<u%d@%s>, relay=smtp.relay.example[192.0.2.50]:587, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.5, status=deferred (%s)",
		stamp(sec), 1000+sec%7, sec, sec, sec, domain, reason)
}

func tlsHints(e *Engine) []Hint { return hintIDs(e.Hints(true))["tls"] }

// Mail through a relay meets one TLS problem, the relay's, whatever the
// recipients' domains: one hint, and the policy table's line keyed as
// Postfix looks it up, by the next hop (the relayhost as configured), not
// by a recipient domain, whose line would never be read.
func TestTLSFailuresThroughTheRelayhostShareOneHint(t *testing.T) {
	var lines []string
	for i, dom := range []string{"a.example", "b.example", "c.example", "a.example", "b.example", "c.example"} {
		lines = append(lines, relayed(i, dom, "Cannot start TLS: handshake failure"))
	}
	for _, c := range []struct {
		name, conf, key string
	}{
		{"relayhost configured", "relayhost = [smtp.relay.example]:587\n", "[smtp.relay.example]:587"},
		{"no configuration read", "", "[smtp.relay.example]:587"},
		// default_transport's next hop routes every remote domain as
		// relayhost does, and comes before it.
		{"default_transport's next hop", "default_transport = smtp:[smtp.relay.example]:587\n", "[smtp.relay.example]:587"},
		{"default_transport before relayhost", "relayhost = [old.relay.example]\ndefault_transport = smtp:[smtp.relay.example]:587\n", "[smtp.relay.example]:587"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := feed(lines...)
			if c.conf != "" {
				params, _ := sources.ParseParams(strings.NewReader(c.conf))
				e.SetConfig(&sources.Config{Params: params, Explicit: params})
			}
			hs := tlsHints(e)
			if len(hs) != 1 {
				t.Fatalf("%d tls hints, want one for the relay: %+v", len(hs), hs)
			}
			h := hs[0]
			if !strings.Contains(h.Title, "smtp.relay.example") || !strings.Contains(strings.Join(h.Evidence, "\n"), "3 destinations") {
				t.Errorf("title %q evidence %q", h.Title, h.Evidence)
			}
			acts := strings.Join(h.Actions, "\n")
			if !strings.Contains(acts, "\""+c.key+" may\"") {
				t.Errorf("the policy line is not keyed by the next hop %s: %q", c.key, h.Actions)
			}
			if strings.Contains(acts, "a.example may") {
				t.Errorf("a recipient domain keys the policy line: %q", h.Actions)
			}
			if !strings.Contains(acts, "-connect 192.0.2.50:587") {
				t.Errorf("no handshake test with the relay: %q", h.Actions)
			}
		})
	}
}

// A certificate that does not verify is fixed by trusting its issuer or
// matching its name, not by dropping TLS: the advice names the CA bundle,
// and its fallback keeps the connection encrypted ("encrypt"), never
// "may", under which a relay's SASL password could go in clear.
func TestTLSVerifyFailureAdvisesTrustNotMay(t *testing.T) {
	for _, reason := range []string{"Server certificate not verified", "TLS is required, but host mx.bank.example[192.0.2.9] certificate verification failed: untrusted issuer /CN=Example CA"} {
		t.Run(reason, func(t *testing.T) {
			e := feed(repeat(5, func(i int) string { return deliv(i, "bank.example", "deferred", reason) })...)
			hs := tlsHints(e)
			if len(hs) != 1 {
				t.Fatalf("%d tls hints: %+v", len(hs), hs)
			}
			acts := strings.Join(hs[0].Actions, "\n")
			if !strings.Contains(acts, "smtp_tls_CAfile = ") || !strings.Contains(acts, "/etc/ssl/certs/ca-certificates.crt") {
				t.Errorf("no CA bundle advice: %q", hs[0].Actions)
			}
			if strings.Contains(acts, " may\"") {
				t.Errorf("advises dropping to may: %q", hs[0].Actions)
			}
			if !strings.Contains(acts, "\"bank.example encrypt\"") {
				t.Errorf("no encrypt fallback: %q", hs[0].Actions)
			}
		})
	}
	// A handshake that fails outright keeps the "may" fallback.
	e := feed(repeat(5, func(i int) string { return deliv(i, "old.example", "deferred", "Cannot start TLS: handshake failure") })...)
	if acts := strings.Join(tlsHints(e)[0].Actions, "\n"); !strings.Contains(acts, "\"old.example may\"") {
		t.Errorf("handshake failure: %q", acts)
	}
}

// A bracketed relayhost names the host connected to: mail whose TLS fails
// at another host went there by a transport's nexthop, and the relayhost
// is not the key its policy line needs.
func TestTLSRelayhostOnlyForItsOwnHost(t *testing.T) {
	var lines []string
	for i, dom := range []string{"a.example", "b.example"} {
		lines = append(lines, relayed(i, dom, "Cannot start TLS: handshake failure"), relayed(i+10, dom, "Cannot start TLS: handshake failure"))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("relayhost = [other.relay.example]:587\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	for _, h := range tlsHints(e) {
		if strings.Contains(strings.Join(h.Actions, "\n"), "other.relay.example") {
			t.Errorf("keyed by a relayhost the mail did not go to: %q", h.Actions)
		}
	}
}

// One destination reached on a port other than 25 went to a next hop its
// transport or relayhost names with that port: the policy line is keyed
// by it, since no MX host is reached on another port.
func TestTLSPolicyKeyForANextHopWithAPort(t *testing.T) {
	e := feed(relayed(1, "a.example", "Cannot start TLS: handshake failure"), relayed(2, "a.example", "Cannot start TLS: handshake failure"))
	hs := tlsHints(e)
	if len(hs) != 1 {
		t.Fatalf("%d tls hints", len(hs))
	}
	if acts := strings.Join(hs[0].Actions, "\n"); !strings.Contains(acts, "\"[smtp.relay.example]:587 may\"") || strings.Contains(acts, "a.example may") {
		t.Errorf("policy line: %q", hs[0].Actions)
	}
}

// The relay's hint is weighed as one destination's would be: one failure
// is worth telling (info), a run of them a warning.
func TestTLSRelayHintSeverity(t *testing.T) {
	one := feed(relayed(1, "a.example", "Cannot start TLS: handshake failure"), relayed(2, "b.example", "250 2.0.0 Ok"))
	params, _ := sources.ParseParams(strings.NewReader("relayhost = [smtp.relay.example]:587\n"))
	one.SetConfig(&sources.Config{Params: params, Explicit: params})
	if hs := tlsHints(one); len(hs) != 1 || hs[0].Severity != SevInfo {
		t.Errorf("one failure: %+v", hs)
	}
	var lines []string
	for i := range 4 {
		lines = append(lines, relayed(i, "a.example", "Cannot start TLS: handshake failure"))
	}
	many := feed(lines...)
	many.SetConfig(&sources.Config{Params: params, Explicit: params})
	if hs := tlsHints(many); len(hs) != 1 || hs[0].Severity != SevWarning {
		t.Errorf("four failures: %+v", hs)
	}
}

// A relayhost that names no next hop (a stray comma) is none: the TLS
// hint neither fails nor keys its line by it.
func TestTLSRelayhostWithoutAnEntry(t *testing.T) {
	var lines []string
	for i, dom := range []string{"a.example", "b.example"} {
		lines = append(lines, relayed(i, dom, "Cannot start TLS: handshake failure"))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("relayhost = ,\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	if hs := tlsHints(e); len(hs) == 0 {
		t.Error("no tls hint")
	}
}

// A next hop that answers RFC 3207's "530 5.7.0 Must issue a STARTTLS
// command first" takes mail only over TLS, and this host did not start
// it: the advice is to have the smtp client use STARTTLS (a level of may,
// or encrypt for the relay alone), never to turn TLS off for it.
func TestStartTLSRequiredAsksForTLS(t *testing.T) {
	for _, c := range []struct {
		name, line, policyLine string
	}{
		{"relay", relayed(1, "a.example", "host smtp.relay.example[192.0.2.50] said: 530 5.7.0 Must issue a STARTTLS command first (in reply to MAIL FROM command)"), "\"[smtp.relay.example]:587 encrypt\""},
		{"mx", "Nov 28 10:00:05 mx postfix/smtp[77]: 3F2A1C0E01: to=<bob@b.example>, relay=mx.b.example[192.0.2.60]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.7.0, status=bounced (host mx.b.example[192.0.2.60] said: 530 5.7.0 Must issue a STARTTLS command first (in reply to MAIL FROM command))", "\"b.example may\""},
		// Exchange Online's words for a connector that requires TLS.
		// Exchange's "STARTTLS is required to send mail".
		{"exchange 5.7.3", "Nov 28 10:00:07 mx postfix/smtp[79]: 3F2A1C0E03: to=<dy@d.example>, relay=d-example.mail.protection.outlook.com[192.0.2.62]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.7.3, status=deferred (host d-example.mail.protection.outlook.com[192.0.2.62] said: 451 5.7.3 STARTTLS is required to send mail [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com] (in reply to MAIL FROM command))", "\"d.example may\""},
		{"exchange", "Nov 28 10:00:06 mx postfix/smtp[78]: 3F2A1C0E02: to=<cy@c.example>, relay=c-example.mail.protection.outlook.com[192.0.2.61]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.7.0, status=deferred (host c-example.mail.protection.outlook.com[192.0.2.61] said: 451 4.7.0 Failed to establish appropriate TLS channel: Access Denied (in reply to MAIL FROM command))", "\"c.example may\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			hs := tlsHints(feed(c.line))
			if len(hs) != 1 {
				t.Fatalf("%d tls hints: %+v", len(hs), hs)
			}
			acts := strings.Join(hs[0].Actions, "\n")
			for _, w := range []string{"smtp_tls_security_level", "STARTTLS", c.policyLine} {
				if !strings.Contains(acts, w) {
					t.Errorf("actions lack %q:\n%s", w, acts)
				}
			}
			for _, w := range []string{"must not require TLS", " none\""} {
				if strings.Contains(acts, w) {
					t.Errorf("actions say %q:\n%s", w, acts)
				}
			}
		})
	}
}

// One destination's mail through a relay named with its port: the
// handshake test is with the relay, and never asks for the recipient
// domain's certificate, which the relay's does not name (Postfix sends
// no name by default: TestTLSHandshakeTestWithoutConfigSendsNoName).
func TestTLSOneDestinationThroughARelayTestsTheRelaysName(t *testing.T) {
	var lines []string
	for i := range 4 {
		lines = append(lines, relayed(i, "dest.example", "Cannot start TLS: handshake failure"))
	}
	hs := tlsHints(feed(lines...))
	if len(hs) != 1 {
		t.Fatalf("%d tls hints: %+v", len(hs), hs)
	}
	acts := strings.Join(hs[0].Actions, "\n")
	if !strings.Contains(acts, "-connect 192.0.2.50:587") || strings.Contains(acts, "dest.example") {
		t.Errorf("the handshake test does not name the relay: %q", hs[0].Actions)
	}
	if !strings.Contains(acts, "\"[smtp.relay.example]:587 ") {
		t.Errorf("the policy line is not keyed by the next hop: %q", hs[0].Actions)
	}
}

// A TLS failure at a next hop on loopback (a content filter's port,
// amavis at 127.0.0.1:10024, under smtp_tls_security_level = encrypt) is
// this host's own service, which offers no STARTTLS and needs none: the
// advice turns TLS off for the transport that feeds it, and tests no
// handshake naming the recipient's domain there.
func TestTLSRequiredAtLoopbackFilter(t *testing.T) {
	line := func(sec int) string {
		return fmt.Sprintf("%s mx postfix/smtp-amavis/smtp[%d]: 5C%08X: to=<u%d@example.org>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.1, delays=0/0/0.1/0, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host 127.0.0.1[127.0.0.1])",
			stamp(sec), 2000+sec, sec, sec)
	}
	hs := tlsHints(feed(line(1), line(30)))
	if len(hs) != 1 {
		t.Fatalf("want one tls hint, got %+v", hs)
	}
	acts := strings.Join(hs[0].Actions, " | ")
	if !strings.Contains(acts, "smtp_tls_security_level=none") || strings.Contains(acts, "openssl s_client") {
		t.Errorf("advice for a filter on loopback: %q", acts)
	}
}
