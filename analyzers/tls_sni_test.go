package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// The handshake test sends the name Postfix's smtp client sends: none by
// default (absent DANE, smtp_tls_servername is empty), the server's own
// name at "hostname", the next hop's at "nexthop", a literal name as
// given. A server that picks its certificate by SNI shows another chain
// to a test that sends a name Postfix does not.
func TestTLSHandshakeTestSendsPostfixsServerName(t *testing.T) {
	for _, c := range []struct {
		servername, want, not string
	}{
		{"", "-noservername", "-servername"},
		{"hostname", "-servername mx.bank.example", "-noservername"},
		{"nexthop", "-servername bank.example", "-noservername"},
		{"smtp.sni.example", "-servername smtp.sni.example", "-noservername"},
	} {
		var lines []string
		for i := range 4 {
			lines = append(lines, deliv(i, "bank.example", "deferred", "Server certificate not verified"))
		}
		e := feed(lines...)
		conf := "smtp_tls_security_level = verify\n"
		if c.servername != "" {
			conf += "smtp_tls_servername = " + c.servername + "\n"
		}
		params, _ := sources.ParseParams(strings.NewReader(conf))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		hs := tlsHints(e)
		if len(hs) != 1 {
			t.Fatalf("%q: %d tls hints", c.servername, len(hs))
		}
		var test string
		for _, a := range hs[0].ActionSteps() {
			if a.Command && strings.HasPrefix(a.Text, "openssl s_client") && test == "" {
				test = a.Text
			}
		}
		if !strings.Contains(test, c.want) || strings.Contains(test, c.not+" ") || strings.HasSuffix(test, c.not) {
			t.Errorf("smtp_tls_servername = %q: the handshake test is %q, want %q", c.servername, test, c.want)
		}
	}
}

// Without the configuration the test sends what Postfix sends by
// default: no name, to a relay as to an MX host.
func TestTLSHandshakeTestWithoutConfigSendsNoName(t *testing.T) {
	var lines []string
	for i := range 4 {
		lines = append(lines, relayed(i, "dest.example", "Cannot start TLS: handshake failure"))
	}
	hs := tlsHints(feed(lines...))
	if len(hs) != 1 {
		t.Fatalf("%d tls hints", len(hs))
	}
	acts := strings.Join(hs[0].Actions, "\n")
	if !strings.Contains(acts, "-connect") || !strings.Contains(acts, "-noservername") || strings.Contains(acts, "-servername ") {
		t.Errorf("the handshake test sends a name Postfix does not send: %q", hs[0].Actions)
	}
}

// openssl s_client reads the session's input from its standard input
// once connected: a suggested test that does not give it /dev/null waits
// at the terminal, and the commands pasted after it run only once the
// admin thinks of typing QUIT. Every handshake test ends its input.
func TestTLSHandshakeTestsDoNotWaitForInput(t *testing.T) {
	var lines []string
	for i := range 4 {
		lines = append(lines, deliv(i, "bank.example", "deferred", "Server certificate not verified"))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = verify\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	hs := tlsHints(e)
	if len(hs) != 1 {
		t.Fatalf("%d tls hints", len(hs))
	}
	n := 0
	for _, a := range hs[0].ActionSteps() {
		if !a.Command || !strings.Contains(a.Text, "openssl s_client") {
			continue
		}
		n++
		if strings.Count(a.Text, "</dev/null") != 1 {
			t.Errorf("the handshake test %q does not read its input from /dev/null once", a.Text)
		}
	}
	if n < 2 {
		t.Fatalf("%d handshake tests among %q, want the test as Postfix makes it and the one with the server's name", n, hs[0].Actions)
	}
}
