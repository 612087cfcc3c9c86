package analyzers

import (
	"strings"
	"testing"
)

// A relayhost whose name does not resolve defers the mail with 4.3.5, and
// the smtp client warns "relayhost configuration problem" (smtp_connect.c
// does both only for relayhost and smtp_fallback_relay). The name that
// failed is then this host's next hop, whatever the configuration read
// shows (another instance's, a copy, a -o override since removed): the dns
// hint must not call it the destination's dead MX host and say there is
// nothing to change here. With or without the warning line, with or
// without the syslog header.
func TestRelayhostNameNotFoundIsNotADeadMX(t *testing.T) {
	warning := "Jun  2 08:00:01 mx postfix/smtp[4100]: warning: relayhost configuration problem"
	deferral := "Jun  2 08:00:01 mx postfix/smtp[4100]: 7A1B2C3D4E: to=<ann@example.org>, relay=none, delay=1, delays=0.1/0/0.9/0, dsn=4.3.5, status=deferred (Host or domain name not found. Name service error for name=smtp.relay.example type=A: Host not found)"
	for _, c := range []struct {
		name  string
		lines []string
	}{
		{"warning and deferral", []string{warning, deferral}},
		{"deferral alone", []string{deferral}},
	} {
		for _, header := range []bool{true, false} {
			in := c.lines
			if !header {
				in = nil
				for _, l := range c.lines {
					in = append(in, l[strings.Index(l, "postfix/"):])
				}
			}
			e := feed(in...)
			e.SetConfig(configOf("compatibility_level = 3.6\n", ""))
			for _, h := range hintIDs(e.Hints(true))["dns"] {
				if strings.Contains(h.Title, "MX host does not exist") || strings.Contains(strings.Join(h.Actions, "\n"), "nothing to change on this host") {
					t.Errorf("%s (header %v): the relayhost's name read as the destination's dead MX: %s\n%s", c.name, header, h.Title, strings.Join(h.Actions, "\n"))
				}
			}
		}
	}
	// A dead MX host the smtp client looked up for the recipient's
	// domain (5.4.4, no warning) keeps its reading.
	e := feed("Jun  2 08:00:01 mx postfix/smtp[4100]: 7A1B2C3D4E: to=<ann@example.org>, relay=none, delay=1, delays=0.1/0/0.9/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=mx.example.org type=A: Host not found)")
	e.SetConfig(configOf("compatibility_level = 3.6\n", ""))
	hs := hintIDs(e.Hints(true))["dns"]
	if len(hs) != 1 || !strings.Contains(hs[0].Title, "MX host does not exist") {
		t.Errorf("a dead MX host is no longer read as one: %+v", hs)
	}
}
