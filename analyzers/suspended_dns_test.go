package analyzers

import (
	"strings"
	"testing"
)

// A destination whose MX lookup gets no answer is suspended after the
// smtp client's deferral, and error(8) defers its other mail with the same
// reason behind "delivery temporarily suspended: ". Both are the one DNS
// failure of one destination: one outbound dns hint, with or without the
// syslog header, and no second hint that reads the suspended record as
// this host's own resolver failing.
func TestSuspendedDNSFailureIsOneOutboundHint(t *testing.T) {
	reason := "Host or domain name not found. Name service error for name=example.net type=MX: Host not found, try again"
	lines := []string{
		"Jun  2 08:00:01 mx postfix/smtp[4100]: 7A1B2C3D4E: to=<bo@example.net>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.3, status=deferred (" + reason + ")",
		"Jun  2 08:00:09 mx postfix/error[4101]: 8B2C3D4E5F: to=<cy@example.net>, relay=none, delay=300, delays=300/0/0/0, dsn=4.4.3, status=deferred (delivery temporarily suspended: " + reason + ")",
		"Jun  2 08:00:09 mx postfix/error[4101]: 9C3D4E5F6A: to=<dee@example.net>, relay=none, delay=300, delays=300/0/0/0, dsn=4.4.3, status=deferred (delivery temporarily suspended: " + reason + ")",
	}
	for _, header := range []bool{true, false} {
		in := lines
		if !header {
			in = nil
			for _, l := range lines {
				in = append(in, l[strings.Index(l, "postfix/"):])
			}
		}
		hs := hintIDs(feed(in...).Hints(true))["dns"]
		if len(hs) != 1 || hs[0].Side != "outbound" {
			t.Errorf("header %v: %d dns hints, want one outbound: %+v", header, len(hs), hs)
		}
	}
}
