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

// The stage milter8.c names in "can't read SMFIC_... reply packet header"
// tells which timeout applied and what failed: the negotiation right after
// connect (a wrong port, the milter's access list), an SMTP command
// (milter_command_timeout), or the message's content, where a milter that
// dies or hangs on a message is its own fault (milter_content_timeout).
func TestMilterReplyStageNamesItsTimeout(t *testing.T) {
	content := []string{
		"Nov 28 10:00:00 mx postfix/cleanup[71]: warning: milter inet:127.0.0.1:8893: can't read SMFIC_BODYEOB reply packet header: Connection timed out",
		"Nov 28 10:00:00 mx postfix/cleanup[72]: warning: milter inet:localhost:11332: can't read SMFIC_BODYEOB reply packet header: Success",
		"Nov 28 10:00:00 mx postfix/cleanup[73]: warning: milter inet:localhost:11332: can't read SMFIC_HEADER reply packet header: Success",
		"Nov 28 10:00:00 mx postfix/cleanup[74]: warning: milter unix:/run/opendkim/opendkim.sock: can't read SMFIC_EOH reply packet header: Connection reset by peer",
		"Nov 28 10:00:00 mx postfix/cleanup[75]: warning: milter unix:/run/clamav/clamav-milter.ctl: can't read SMFIC_BODY reply packet header: Connection timed out",
	}
	for _, line := range content {
		_, text := milterHint(t, line)
		if !strings.Contains(text, "milter_content_timeout") {
			t.Errorf("content stage: no milter_content_timeout in\n%s", text)
		}
		if strings.Contains(text, "access list") || strings.Contains(text, "milter_command_timeout") {
			t.Errorf("content stage: advice of another stage in\n%s", text)
		}
	}
	_, text := milterHint(t, "Nov 28 10:00:00 mx postfix/smtpd[76]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_OPTNEG reply packet header: Connection reset by peer")
	if !strings.Contains(text, "access list") || strings.Contains(text, "milter_content_timeout") {
		t.Errorf("negotiation: %s", text)
	}
	_, text = milterHint(t, "Nov 28 10:00:00 mx postfix/smtpd[77]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_RCPT reply packet header: Connection timed out")
	if !strings.Contains(text, "milter_command_timeout") || strings.Contains(text, "milter_content_timeout") {
		t.Errorf("command stage: %s", text)
	}
}

// milter8.c's other complaints about what a milter sent mid-session (a
// reply cut short, one it may not send after that event, bytes after a
// reply, an SMTP reply it may not give) are the milter's fault: a hint on
// the host that points at the milter, never at Postfix's settings. A
// milter_protocol value Postfix does not know is Postfix's configuration.
func TestMilterProtocolViolations(t *testing.T) {
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/cleanup[78]: warning: milter inet:127.0.0.1:8891: EOF while reading command code: Success",
		"Nov 28 10:00:00 mx postfix/smtpd[79]: warning: milter unix:/run/milter/scan.sock: EOF while reading data: Connection reset by peer",
		"Nov 28 10:00:00 mx postfix/smtpd[80]: warning: milter inet:127.0.0.1:8891: unexpected filter response SMFIR_ADDHEADER after event SMFIC_RCPT",
		"Nov 28 10:00:00 mx postfix/smtpd[81]: warning: milter inet:127.0.0.1:8891: reply SMFIR_CONTINUE was followed by 12 data bytes",
		"Nov 28 10:00:00 mx postfix/smtpd[82]: warning: milter inet:127.0.0.1:8891: bad packet length: 0",
		"Nov 28 10:00:00 mx postfix/smtpd[83]: warning: milter inet:127.0.0.1:8891: malformed reply: 550 4.7.1 Message rejected by policy",
	} {
		h, text := milterHint(t, line)
		if h.Side != "host" || !strings.Contains(text, "milter's own log") {
			t.Errorf("%q: side %s, advice:\n%s", line, h.Side, text)
		}
	}
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtpd[84]: warning: milter inet:127.0.0.1:8891: bad protocol information: 5",
		"Nov 28 10:00:00 mx postfix/cleanup[85]: warning: milter unix:/run/x.sock: no protocol version information",
	} {
		var found bool
		for _, h := range feed(line).Hints(true) {
			if h.ID == sources.HintConfigError && strings.Contains(strings.Join(h.Actions, "\n"), "milter_protocol") {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no config_error hint naming milter_protocol", line)
		}
	}
}

// "connect to Milter service unix:PATH: No such file or directory" says
// no socket is at PATH as the connecting daemon sees it: a chrooted smtpd
// or cleanup looks under the queue directory. The hint says so and gives
// the path relative to the queue directory, which chrooted and unchrooted
// daemons find alike (they run there); it does not talk of ports.
func TestMilterSocketMissingNamesTheChroot(t *testing.T) {
	for line, relative := range map[string]string{
		"warning: connect to Milter service unix:/var/run/opendkim/opendkim.sock: No such file or directory":                                       "unix:opendkim/opendkim.sock",
		"Nov 28 10:00:00 mx postfix/cleanup[86]: warning: connect to Milter service unix:/run/opendmarc/opendmarc.sock: No such file or directory": "unix:opendmarc/opendmarc.sock",
	} {
		_, text := milterHint(t, line)
		for _, want := range []string{"chroot", "queue directory", relative} {
			if !strings.Contains(text, want) {
				t.Errorf("%q: no %q in\n%s", line, want, text)
			}
		}
		for _, bad := range []string{"port", "chmod"} {
			if strings.Contains(text, bad) {
				t.Errorf("%q: %q in\n%s", line, bad, text)
			}
		}
	}
}
