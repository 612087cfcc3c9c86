package sources

import "testing"

// With debug_peer_list or -v, every daemon logs "connect to subsystem
// NAME" as it opens one of Postfix's own services (mail_connect.c). For
// the smtp and lmtp clients that is not a try at a next hop: a failed
// one always names its error after ": ". Nor is it a daemon that cannot
// reach a service: that is "connect #N to subsystem NAME: ERROR".
func TestVerboseSubsystemConnectIsNoAttempt(t *testing.T) {
	for _, line := range []string{
		"Mar  4 02:10:11 relay postfix/smtp[4711]: connect to subsystem private/defer",
		"Mar  4 02:10:11 relay postfix/smtp[4711]: connect to subsystem private/bounce",
		"Mar  4 02:10:11 relay postfix/lmtp[4712]: connect to subsystem private/tlsmgr",
		"Mar  4 02:10:11 relay postfix/smtpd[4713]: connect to subsystem public/cleanup",
	} {
		r := parse(line)
		if r.Event == EvAttempt || r.Class != ClassNone || r.RelayHost != "" {
			t.Errorf("%s\n  read as a delivery attempt: event %v class %v relay %q", line, r.Event, r.Class, r.RelayHost)
		}
	}
	for _, c := range []struct {
		line  string
		class Class
	}{
		{"Mar  4 02:10:11 relay postfix/smtp[4711]: connect to mx.example.net[192.0.2.25]:25: Connection timed out", ClassConnectTimeout},
		{"Mar  4 02:10:11 relay postfix/lmtp[4712]: 3F2A1C0266: to=<a@example.net>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mail.example.net[/var/run/dovecot/lmtp]: No such file or directory)", ClassNone},
		{"Mar  4 02:10:11 relay postfix/lmtp[4712]: connect to mail.example.net[/var/run/dovecot/lmtp]: No such file or directory", ClassNone},
	} {
		r := parse(c.line)
		if r.Event == EvAttempt && c.class != ClassNone && r.Class != c.class {
			t.Errorf("%s\n  class %v, want %v", c.line, r.Class, c.class)
		}
		if r.Event != EvAttempt && r.Event != EvDelivery {
			t.Errorf("%s\n  event %v, want an attempt or a delivery", c.line, r.Event)
		}
	}
}
