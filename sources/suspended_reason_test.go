package sources

import "testing"

// When the queue manager suspends a destination, error(8) defers the rest
// of its mail with "delivery temporarily suspended: " and the reason of
// the delivery that failed: for mail the smtp client carries, the
// client's own words (a DNS error, a connection, a peer's reply). The
// knowledge base reads that reason as it reads the same reason on the
// smtp client's record, not as error(8)'s own words: the same deferral
// must not gain entries, and their hints, that the client's record does
// not get. A reason in this host's own words (the queue manager's, a
// local agent's) is still read whole.
func TestSuspendedReasonReadAsTheTransportWroteIt(t *testing.T) {
	p := NewParser()
	smtp := func(reason string) string {
		return "Jun  2 08:00:01 mx postfix/smtp[4100]: 7A1B2C3D4E: to=<bo@example.net>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.3, status=deferred (" + reason + ")"
	}
	suspended := func(reason string) string {
		return "Jun  2 08:00:09 mx postfix/error[4101]: 8B2C3D4E5F: to=<cy@example.net>, relay=none, delay=300, delays=300/0/0/0, dsn=4.4.3, status=deferred (delivery temporarily suspended: " + reason + ")"
	}
	for _, reason := range []string{
		"Host or domain name not found. Name service error for name=example.net type=MX: Host not found, try again",
		"Host or domain name not found. Name service error for name=mx.example.net type=AAAA: Host not found",
		"connect to mx.example.net[192.0.2.7]:25: Connection timed out",
		"connect to mx.example.net[192.0.2.7]:25: Connection refused",
		"lost connection with mx.example.net[192.0.2.7] while receiving the initial server greeting",
		"conversation with mx.example.net[192.0.2.7] timed out while sending end of data -- message may be sent more than once",
		"host mx.example.net[192.0.2.7] said: 421 4.3.2 Service shutting down, closing transmission channel (in reply to RCPT TO command)",
		"host mx.example.net[192.0.2.7] refused to talk to me: 421 4.7.0 Too many connections from your IP, try again later",
		"SASL authentication failed; cannot authenticate to server smtp.example.net[192.0.2.1]: no mechanism available",
	} {
		for _, header := range []bool{true, false} {
			a, b := smtp(reason), suspended(reason)
			if !header {
				a, b = a[len("Jun  2 08:00:01 mx "):], b[len("Jun  2 08:00:09 mx "):]
			}
			var ra, rb Record
			p.Parse(a, &ra)
			p.Parse(b, &rb)
			if !rb.Suspended || rb.Event != EvDelivery {
				t.Fatalf("%q: not read as a suspended delivery: %+v", b, rb)
			}
			if rb.Known != ra.Known || rb.Class != ra.Class {
				t.Errorf("%q (header %v): suspended record reads entry %q class %v; the smtp client's own record %q class %v",
					reason, header, knownName(rb.Known), rb.Class, knownName(ra.Known), ra.Class)
			}
		}
	}
	// This host's own words behind the suspension still read whole.
	for line, want := range map[string]string{
		"Jun  2 08:00:09 mx postfix/error[4101]: 8B2C3D4E5F: to=<cy@example.net>, relay=none, delay=300, delays=300/0/0/0, dsn=4.3.0, status=deferred (delivery temporarily suspended: unknown mail transport error)": "unknown_transport_error",
	} {
		if got := knownID(p, line); got != want {
			t.Errorf("%q: entry %q, want %s", line, got, want)
		}
	}
}

func knownName(k uint16) string {
	if k == 0 {
		return ""
	}
	return KnownMessages[k-1].ID
}
