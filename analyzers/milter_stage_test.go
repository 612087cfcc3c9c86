package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// milterHint is the daemon_crash hint the lines make, its actions joined.
func milterHint(t *testing.T, lines ...string) (Hint, string) {
	t.Helper()
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == sources.HintDaemonCrash {
			return h, strings.Join(h.Evidence, "\n") + "\n" + strings.Join(h.Actions, "\n")
		}
	}
	t.Fatalf("no %s hint from %q", sources.HintDaemonCrash, lines)
	return Hint{}, ""
}

// milter8.c reads a reply's four-byte length before anything else: text
// where a milter's binary reply belongs (an HTTP or SMTP service at the
// address smtpd_milters names) reads as a length over INT_MAX/2 and
// Postfix logs "unreasonable packet length". The hint says the address
// reaches something that is not a milter, never to raise a limit or
// change milter_protocol.
func TestMilterUnreasonablePacketLengthIsNotAMilter(t *testing.T) {
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtpd[70]: warning: milter inet:127.0.0.1:11334: unreasonable packet length: 1213486160 > 1073741823",
		"warning: milter unix:/run/srs/milter.sock: unreasonable packet length: 1886352244 > 1073741823",
	} {
		h, text := milterHint(t, line)
		if h.Side != "host" {
			t.Errorf("%q: side %s", line, h.Side)
		}
		if !strings.Contains(text, "not a milter") || !strings.Contains(text, "11332") {
			t.Errorf("%q: the hint does not say the address reaches no milter:\n%s", line, text)
		}
		for _, bad := range []string{"milter_protocol =", "raise", "increase"} {
			if strings.Contains(text, bad) {
				t.Errorf("%q: the hint says %q:\n%s", line, bad, text)
			}
		}
	}
}
