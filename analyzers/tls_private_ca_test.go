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

// The fingerprint in match= is compared in smtp_tls_fingerprint_digest's
// digest, md5 by default before Postfix 3.6 and below compatibility_level
// 3.6 (0 when main.cf sets none), sha256 otherwise: the command that
// prints it uses that digest, a set digest first.
func TestPinnedFingerprintDigest(t *testing.T) {
	for _, tc := range []struct {
		name, version, level, digest, want string
	}{
		{"3.5 default", "3.5.18", "", "", "-fingerprint -md5"},
		{"3.6 at level 3.6", "3.6.4", "3.6", "", "-fingerprint -sha256"},
		{"3.10 at level 3.10", "3.10.1", "3.10", "", "-fingerprint -sha256"},
		{"3.8 at level 2", "3.8.1", "2", "", "-fingerprint -md5"},
		{"3.8 without a level", "3.8.1", "", "", "-fingerprint -md5"},
		{"2.11 default", "2.11.3", "", "", "-fingerprint -md5"},
		{"set on 3.5", "3.5.18", "", "sha256", "-fingerprint -sha256"},
		{"set on 3.8", "3.8.1", "3.6", "sha1", "-fingerprint -sha1"},
		{"version unknown", "", "", "", "md5 before Postfix 3.6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := privateCAEngine(true)
			conf := "smtp_tls_security_level = secure\n"
			if tc.version != "" {
				conf += "mail_version = " + tc.version + "\n"
			}
			if tc.level != "" {
				conf += "compatibility_level = " + tc.level + "\n"
			}
			if tc.digest != "" {
				conf += "smtp_tls_fingerprint_digest = " + tc.digest + "\n"
			}
			params, _ := sources.ParseParams(strings.NewReader(conf))
			e.SetConfig(&sources.Config{Params: params, Explicit: params})
			found := false
			for _, h := range hintIDs(e.Hints(true))["tls"] {
				acts := strings.Join(h.Actions, "\n")
				if !strings.Contains(acts, "openssl x509 -noout -fingerprint") {
					continue
				}
				found = true
				if !strings.Contains(acts, tc.want) {
					t.Errorf("%s: the fingerprint command lacks %q:\n%s", h.Subject, tc.want, acts)
				}
			}
			if !found {
				t.Fatal("no fingerprint command")
			}
		})
	}
}

// A Postfix that logs it computes fingerprints with the backwards-compatible
// md5 compares in md5, whatever its version, without main.cf at hand.
func TestPinnedFingerprintDigestFromCompatLine(t *testing.T) {
	for _, tc := range []struct {
		compat bool
		want   string
	}{{true, "-fingerprint -md5"}, {false, "-fingerprint -sha256"}} {
		e := NewEngine(0)
		lines := []string{stamp(0) + " mx postfix/master[100]: daemon started -- version 3.8.4, configuration /etc/postfix"}
		if tc.compat {
			lines = append(lines, stamp(1)+" mx postfix/smtp[601]: using backwards-compatible default setting smtp_tls_fingerprint_digest=md5 to compute certificate fingerprints")
		}
		for i := range 6 {
			lines = append(lines, privateCADelivery(i)...)
			lines = append(lines, verifiedDelivery(i)...)
		}
		feedInto(e, lines...)
		found := false
		for _, h := range hintIDs(e.Hints(true))["tls"] {
			acts := strings.Join(h.Actions, "\n")
			if !strings.Contains(acts, "-fingerprint -") {
				continue
			}
			found = true
			if !strings.Contains(acts, tc.want) {
				t.Errorf("compat line logged %v: %s lacks %q:\n%s", tc.compat, h.Subject, tc.want, acts)
			}
		}
		if !found {
			t.Fatalf("compat line logged %v: no fingerprint command", tc.compat)
		}
	}
}
