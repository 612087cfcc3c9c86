package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// clientSessions is one client's sessions: small messages it sends whole,
// and sessions that end with the smtpd line ending gives for the session's
// index and queue id, each after its client= line.
func clientSessions(ip string, whole, broken int, ending func(i int, q string) string) []string {
	var lines []string
	pid := 700
	for i := range whole {
		q := fmt.Sprintf("5C%08X", i)
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from branch.example[%s]", stamp(i*10), pid, ip),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: %s: client=branch.example[%s]", stamp(i*10), pid, q, ip),
			fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<staff@branch.example>, size=1210, nrcpt=1 (queue active)", stamp(i*10+1), q),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: disconnect from branch.example[%s] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", stamp(i*10+1), pid, ip),
			fmt.Sprintf("%s mx postfix/lmtp[800]: %s: to=<ann@example.org>, relay=mail.example.org[private/dovecot-lmtp], delay=0.2, delays=0.1/0.01/0.01/0.08, dsn=2.0.0, status=sent (250 2.0.0 Saved)", stamp(i*10+2), q),
			fmt.Sprintf("%s mx postfix/qmgr[900]: %s: removed", stamp(i*10+2), q))
	}
	for i := range broken {
		q := fmt.Sprintf("5D%08X", i)
		s := 1000 + i*400
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from branch.example[%s]", stamp(s), pid+1, ip),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: %s: client=branch.example[%s]", stamp(s), pid+1, q, ip),
			fmt.Sprintf("%s mx postfix/cleanup[600]: %s: message-id=<b%d@branch.example>", stamp(s+1), q, i),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: %s", stamp(s+300), pid+1, ending(i, q)),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: disconnect from branch.example[%s] ehlo=1 mail=1 rcpt=1 data=0/1 commands=3/4", stamp(s+300), pid+1, ip))
	}
	return lines
}

// endAt ends a session at stage, with (i+1) full segments received when
// bytes is set, or at q's queue id (Postfix 3.10 and later) when withID.
func endAt(reason, stage string, bytes, withID bool) func(int, string) string {
	return func(i int, q string) string {
		s := reason + " after " + stage
		if bytes {
			s += fmt.Sprintf(" (%d bytes)", 1448*(i+1))
		}
		s += " from branch.example[203.0.113.88]"
		if withID {
			s = q + ": " + s
		}
		return s
	}
}

// One client whose sessions break off again and again while it sends the
// message content, after a few kB, while its small messages go through,
// has a path that drops large packets: the hint names the client and the
// path tests, and no Postfix timeout.
func TestClientBreaksInDataIsThePath(t *testing.T) {
	for _, ending := range []func(int, string) string{
		endAt("timeout", "DATA", true, false),
		endAt("lost connection", "DATA", true, false),
		endAt("lost connection", "BDAT", true, true),
		// Postfix 3.10's NOQUEUE before a session's end.
		func(i int, q string) string { return "NOQUEUE: " + endAt("lost connection", "DATA", true, false)(i, q) },
	} {
		e := feed(clientSessions("203.0.113.88", 4, 3, ending)...)
		var h *Hint
		for _, x := range e.Hints(true) {
			if x.Side == "inbound" && strings.Contains(x.Title, "203.0.113.88") {
				h = &x
				break
			}
		}
		name := ending(0, "Q")
		if h == nil {
			t.Fatalf("%s: no inbound hint names the client: %+v", name, e.Hints(true))
		}
		if h.ID != "firewall" || h.Severity != SevWarning || h.Subject != "203.0.113.88" {
			t.Errorf("%s: id %s severity %s subject %q", name, h.ID, h.Severity, h.Subject)
		}
		all := strings.Join(h.Evidence, "\n") + "\n" + strings.Join(h.Actions, "\n")
		for _, want := range []string{"3 sessions", "ping -c 3 -M do -s 1472 203.0.113.88", "tracepath -n 203.0.113.88", "MSS", "not a Postfix limit", "small messages go through"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: lacks %q: %s", name, want, all)
			}
		}
		if strings.Contains(all, "postconf -e") {
			t.Errorf("%s: suggests a Postfix change: %s", name, all)
		}
		if len(h.Samples) == 0 {
			t.Errorf("%s: no sample", name)
		}
	}
}

// Sessions that end in DATA before any content came, twice only, or at
// another stage are no sign of the path.
func TestClientBreaksInDataNeedsRepeatsAndBytes(t *testing.T) {
	zero := func(int, string) string {
		return "lost connection after DATA (0 bytes) from branch.example[203.0.113.88]"
	}
	for _, tc := range []struct {
		broken int
		ending func(int, string) string
	}{
		{2, endAt("timeout", "DATA", true, false)},
		{5, endAt("lost connection", "RCPT", false, false)},
		{5, endAt("timeout", "END-OF-MESSAGE", false, false)},
		{5, zero},
	} {
		for _, h := range feed(clientSessions("203.0.113.88", 4, tc.broken, tc.ending)...).Hints(true) {
			if strings.Contains(h.Title, "203.0.113.88") {
				t.Errorf("%d × %q: %+v", tc.broken, tc.ending(0, "Q"), h)
			}
		}
	}
}

// A message whose session ended in DATA never reached the queue: it is
// not received, whether the line names its queue id (Postfix 3.10 and
// later) or only the smtpd process that had it does.
func TestMessageLostInDataIsNotReceived(t *testing.T) {
	for _, ending := range []func(int, string) string{
		endAt("timeout", "DATA", true, false),
		endAt("lost connection", "DATA", true, true),
	} {
		e := feed(clientSessions("203.0.113.88", 4, 3, ending)...)
		if e.Totals.Received != 4 {
			t.Errorf("%s: received %d, want 4", ending(0, "Q"), e.Totals.Received)
		}
		var hours int
		for _, h := range e.Totals.Hours {
			hours += h.Received
		}
		if hours != 4 {
			t.Errorf("%s: received by hour %d, want 4", ending(0, "Q"), hours)
		}
	}
}

// A session's later transaction that queued nothing (its recipients
// refused: NOQUEUE) and broke off in DATA takes back no message: the one
// its earlier transaction queued was received, even when the queue
// manager logs it only after the break.
func TestLostAfterRefusedTransactionKeepsTheEarlierMessage(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/smtpd[100]: connect from c.example[198.51.100.7]",
		"Nov 28 10:00:01 mx postfix/smtpd[100]: AAA1111111: client=c.example[198.51.100.7]",
		"Nov 28 10:00:01 mx postfix/cleanup[101]: AAA1111111: message-id=<1@c.example>",
		"Nov 28 10:00:02 mx postfix/smtpd[100]: NOQUEUE: reject: RCPT from c.example[198.51.100.7]: 550 5.1.1 <x@example.org>: Recipient address rejected: User unknown in virtual mailbox table; from=<s@c.example> to=<x@example.org> proto=ESMTP helo=<c.example>",
		"Nov 28 10:00:03 mx postfix/smtpd[100]: lost connection after DATA (0 bytes) from c.example[198.51.100.7]",
		"Nov 28 10:00:03 mx postfix/qmgr[102]: AAA1111111: from=<s@c.example>, size=5000, nrcpt=1 (queue active)",
		"Nov 28 10:00:03 mx postfix/smtpd[100]: disconnect from c.example[198.51.100.7] ehlo=1 mail=2 rcpt=1/2 data=1/2 commands=5/7",
		"Nov 28 10:00:04 mx postfix/local[103]: AAA1111111: to=<a@example.org>, relay=local, delay=3, delays=2/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)",
		"Nov 28 10:00:04 mx postfix/qmgr[102]: AAA1111111: removed",
	)
	if e.Totals.Received != 1 || e.Totals.BytesReceived != 5000 {
		t.Errorf("received %d, %d bytes: want 1, 5000", e.Totals.Received, e.Totals.BytesReceived)
	}
}

// Postfix 3.10 logs NOQUEUE before a session's end when its transaction
// queued nothing: the message an earlier transaction queued was received,
// whether or not a reject line came between.
func TestLostWithNOQUEUEKeepsTheEarlierMessage(t *testing.T) {
	e := feed(
		"Nov 28 10:00:00 mx postfix/smtpd[100]: connect from c.example[198.51.100.7]",
		"Nov 28 10:00:01 mx postfix/smtpd[100]: AAA1111111: client=c.example[198.51.100.7]",
		"Nov 28 10:00:01 mx postfix/cleanup[101]: AAA1111111: message-id=<1@c.example>",
		"Nov 28 10:00:03 mx postfix/smtpd[100]: NOQUEUE: lost connection after DATA (0 bytes) from c.example[198.51.100.7]",
		"Nov 28 10:00:03 mx postfix/qmgr[102]: AAA1111111: from=<s@c.example>, size=5000, nrcpt=1 (queue active)",
		"Nov 28 10:00:03 mx postfix/smtpd[100]: disconnect from c.example[198.51.100.7] ehlo=1 mail=2 rcpt=1/2 data=1/2 commands=5/7",
	)
	if e.Totals.Received != 1 || e.Totals.BytesReceived != 5000 || e.Totals.Rejected != 0 {
		t.Errorf("received %d, %d bytes, rejected %d: want 1, 5000, 0", e.Totals.Received, e.Totals.BytesReceived, e.Totals.Rejected)
	}
}
