package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// privateCADelivery is a delivery to shop.example at smtp_tls_security_level
// = secure whose server presents a certificate from a CA of its own: the
// smtp client reports the untrusted issuer, logs the session Untrusted
// and defers the mail with its own verdict (4.7.5).
func privateCADelivery(i int) []string {
	return []string{
		fmt.Sprintf("%s mx postfix/smtp[%d]: certificate verification failed for mx1.shop.example[203.0.113.20]:25: untrusted issuer /CN=shop.example local CA", stamp(10*i), 600+i),
		fmt.Sprintf("%s mx postfix/smtp[%d]: Untrusted TLS connection established to mx1.shop.example[203.0.113.20]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)", stamp(10*i), 600+i),
		fmt.Sprintf("%s mx postfix/smtp[%d]: %06XE: to=<u%d@shop.example>, relay=mx1.shop.example[203.0.113.20]:25, delay=1.5, delays=0.1/0/0.9/0.5, dsn=4.7.5, status=deferred (Server certificate not trusted)", stamp(10*i), 600+i, i, i),
	}
}

// verifiedDelivery is a delivery whose server's chain and name verified.
func verifiedDelivery(i int) []string {
	return []string{
		fmt.Sprintf("%s mx postfix/smtp[%d]: Verified TLS connection established to mx.other.example[192.0.2.40]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", stamp(10*i+5), 700+i),
		fmt.Sprintf("%s mx postfix/smtp[%d]: %06XF: to=<v%d@other.example>, relay=mx.other.example[192.0.2.40]:25, delay=1.1, delays=0.1/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK)", stamp(10*i+5), 700+i, i, i),
	}
}

func privateCAEngine(verified bool) *Engine {
	var lines []string
	for i := range 6 {
		lines = append(lines, privateCADelivery(i)...)
		if verified {
			lines = append(lines, verifiedDelivery(i)...)
		}
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = secure\nsmtp_tls_CApath = /etc/ssl/certs\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	return e
}

// "Server certificate not trusted" is the smtp client's verdict on a
// chain that reached no root this host trusts: a TLS failure, nothing
// the receiver refused. Where other servers' chains verified, this
// host's CA bundle works: the mail waits for the destination's chain, or
// for its certificate pinned by fingerprint, and the CA bundle is no
// advice; where none verified, it is.
func TestUntrustedChainBesideVerifiedSessions(t *testing.T) {
	hs := hintIDs(privateCAEngine(true).Hints(true))
	if u := hs["unknown_refusals"]; len(u) > 0 {
		t.Errorf("read as a refusal: %+v", u)
	}
	var dest, issuer *Hint
	for i, h := range hs["tls"] {
		switch h.Subject {
		case "shop.example":
			dest = &hs["tls"][i]
		case "cert_untrusted_issuer":
			issuer = &hs["tls"][i]
		}
	}
	if dest == nil || issuer == nil {
		t.Fatalf("tls hints for the destination %v and the untrusted issuer %v: %+v", dest != nil, issuer != nil, hs["tls"])
	}
	for _, h := range []*Hint{dest, issuer} {
		acts := strings.Join(h.Actions, "\n")
		for _, bundle := range []string{"ca-certificates.crt", "trust its issuer"} {
			if strings.Contains(acts, bundle) {
				t.Errorf("%s: sends the admin to the CA bundle, which verified other servers:\n%s", h.Subject, acts)
			}
		}
		for _, want := range []string{"fingerprint", "match=", "smtp_tls_policy_maps"} {
			if !strings.Contains(acts, want) {
				t.Errorf("%s: advice lacks %q:\n%s", h.Subject, want, acts)
			}
		}
	}

	// No session verified: the bundle is the first suspect.
	for _, h := range hintIDs(privateCAEngine(false).Hints(true))["tls"] {
		if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "ca-certificates.crt") {
			t.Errorf("%s without a verified session: no CA bundle advice:\n%s", h.Subject, acts)
		}
	}
}
