package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// smtpd's "unverified address" refusal quotes what verify(8) cached; the
// probe's own delivery record says where it went and what answered. The
// hint shows that record for the refused address, and no other
// delivery's failure.
func TestUnverifiedRecipientShowsItsProbe(t *testing.T) {
	lines := []string{
		"Nov 28 10:00:00 mx postfix/qmgr[591]: 3F2A1C0A60: from=<double-bounce@mx.example.org>, size=236, nrcpt=1 (queue active)",
		"Nov 28 10:00:00 mx postfix/qmgr[591]: 3F2A1C0A61: from=<bob@example.net>, size=2236, nrcpt=1 (queue active)",
		"Nov 28 10:00:03 mx postfix/smtp[592]: 3F2A1C0A60: to=<ann@example.org>, relay=none, delay=3, delays=0/0/3/0, dsn=4.4.1, status=undeliverable (connect to mailstore.example.org[10.0.0.5]:25: Connection refused)",
		"Nov 28 10:00:03 mx postfix/smtp[593]: 3F2A1C0A61: to=<carl@example.com>, relay=mx.example.com[192.0.2.9]:25, delay=3, delays=0/0/1/2, dsn=4.7.1, status=deferred (host mx.example.com[192.0.2.9] said: 451 4.7.1 Greylisted (in reply to RCPT TO command))",
		"Nov 28 10:00:03 mx postfix/qmgr[591]: 3F2A1C0A60: removed",
		"Nov 28 10:00:05 mx postfix/smtpd[600]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.1.1 <ann@example.org>: Recipient address rejected: unverified address: connect to mailstore.example.org[10.0.0.5]:25: Connection refused; from=<a@example.net> to=<ann@example.org> proto=ESMTP helo=<mail.example.net>",
	}
	h := hintOfTitle(t, feed(lines...), "verification probe")
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "ann@example.org") || !strings.Contains(ev, "Connection refused") || !strings.Contains(ev, "dsn=4.4.1") {
		t.Errorf("the hint does not show the probe's delivery record:\n%s", ev)
	}
	if strings.Contains(ev, "Greylisted") || strings.Contains(ev, "carl@") {
		t.Errorf("an ordinary delivery's failure is shown as a probe's:\n%s", ev)
	}

	// The probes kept stay few, whatever the log holds.
	e := NewEngine(0)
	for i := 0; i < 5000; i++ {
		feedInto(e,
			fmt.Sprintf("Nov 28 10:01:00 mx postfix/qmgr[591]: %X: from=<double-bounce@mx.example.org>, size=236, nrcpt=1 (queue active)", 0x100000+i),
			fmt.Sprintf("Nov 28 10:01:01 mx postfix/smtp[592]: %X: to=<u%d@example.org>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=undeliverable (connect to mailstore.example.org[10.0.0.5]:25: Connection refused)", 0x100000+i, i))
	}
	if n, m := len(e.probes.ids), len(e.probes.failed); n > probeIDs || m > probeIDs {
		t.Errorf("probes kept: %d queue ids, %d failures", n, m)
	}
}

// A configured address_verify_sender marks probes, and a configuration
// read again (a reload) is the one that counts from then on.
func TestProbeSenderFollowsTheConfiguration(t *testing.T) {
	probe := func(qid, from string) string {
		return fmt.Sprintf("Nov 28 10:00:00 mx postfix/qmgr[591]: %s: from=<%s>, size=236, nrcpt=1 (queue active)", qid, from)
	}
	e := NewEngine(0)
	params := map[string]string{"address_verify_sender": "verify@mx.example.org"}
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	feedInto(e, probe("3F2A1C0A70", "verify@mx.example.org"), probe("3F2A1C0A71", "probe@mx.example.org"))
	if _, ok := e.probes.ids["3F2A1C0A70"]; !ok || len(e.probes.ids) != 1 {
		t.Fatalf("probes %v, want 3F2A1C0A70 alone", e.probes.ids)
	}
	params = map[string]string{"address_verify_sender": "probe"}
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	feedInto(e, probe("3F2A1C0A72", "probe@mx.example.org"), probe("3F2A1C0A73", "verify@mx.example.org"))
	if _, ok := e.probes.ids["3F2A1C0A72"]; !ok || len(e.probes.ids) != 2 {
		t.Errorf("after the new configuration, probes %v, want 3F2A1C0A70 and 3F2A1C0A72", e.probes.ids)
	}
}

// address_verify_sender names its value through other parameters as
// main.cf writes it: $double_bounce_sender (the default), the same in
// braces or parentheses, or an address built of parameters
// (postmaster@$mydomain). The probes are those of the expanded value.
func TestProbeSenderExpandsParameters(t *testing.T) {
	probe := func(qid, from string) string {
		return fmt.Sprintf("Nov 28 10:00:00 mx postfix/qmgr[591]: %s: from=<%s>, size=236, nrcpt=1 (queue active)", qid, from)
	}
	for _, c := range []struct {
		params      map[string]string
		probe, mail string
	}{
		{map[string]string{"address_verify_sender": "$double_bounce_sender", "double_bounce_sender": "bounce-dd"}, "bounce-dd@mx.example.org", "bob@mx.example.org"},
		{map[string]string{"address_verify_sender": "${double_bounce_sender}", "double_bounce_sender": "bounce-dd"}, "bounce-dd@mx.example.org", "bob@mx.example.org"},
		{map[string]string{"address_verify_sender": "$(double_bounce_sender)", "double_bounce_sender": "bounce-dd"}, "bounce-dd@mx.example.org", "bob@mx.example.org"},
		{map[string]string{"address_verify_sender": "$double_bounce_sender"}, "double-bounce@mx.example.org", "bob@mx.example.org"},
		{map[string]string{"address_verify_sender": "postmaster@$mydomain", "mydomain": "example.org"}, "postmaster@example.org", "postmaster@example.net"},
		{map[string]string{"address_verify_sender": "${verify_local}@${mydomain}", "verify_local": "probe", "mydomain": "example.org"}, "probe@example.org", "probe@example.net"},
	} {
		e := NewEngine(0)
		e.SetConfig(&sources.Config{Params: c.params, Explicit: c.params})
		feedInto(e, probe("3F2A1C0A80", c.probe), probe("3F2A1C0A81", c.mail))
		if _, ok := e.probes.ids["3F2A1C0A80"]; !ok || len(e.probes.ids) != 1 {
			t.Errorf("%v: probes %v, want the mail from %s alone", c.params, e.probes.ids, c.probe)
		}
	}
}

// The refusal names the address whose probe failed: its probe is shown
// first, though more probes to other addresses failed after it, and the
// probes shown stay at most five.
func TestUnverifiedRefusalShowsTheRefusedAddressesProbe(t *testing.T) {
	var lines []string
	for i := 0; i < 12; i++ {
		qid := fmt.Sprintf("3F2A1C0B%02X", i)
		lines = append(lines,
			fmt.Sprintf("Nov 28 10:00:%02d mx postfix/qmgr[591]: %s: from=<double-bounce@mx.example.org>, size=236, nrcpt=1 (queue active)", i, qid),
			fmt.Sprintf("Nov 28 10:00:%02d mx postfix/smtp[592]: %s: to=<u%d@example.org>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=undeliverable (connect to store%d.example.org[10.0.0.%d]:25: Connection refused)", i, qid, i, i, i+1))
	}
	lines = append(lines, "Nov 28 10:01:00 mx postfix/smtpd[600]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.1.1 <u0@example.org>: Recipient address rejected: unverified address: connect to store0.example.org[10.0.0.1]:25: Connection refused; from=<a@example.net> to=<u0@example.org> proto=ESMTP helo=<mail.example.net>")
	h := hintOfTitle(t, feed(lines...), "verification probe")
	var probes []string
	for _, ev := range h.Evidence {
		if strings.HasPrefix(ev, "verification probe to ") {
			probes = append(probes, ev)
		}
	}
	if len(probes) == 0 || len(probes) > probeFailures {
		t.Fatalf("probes shown: %d, want 1 to %d:\n%s", len(probes), probeFailures, strings.Join(probes, "\n"))
	}
	if !strings.HasPrefix(probes[0], "verification probe to <u0@example.org>") {
		t.Errorf("the refused address's probe is not shown first:\n%s", strings.Join(probes, "\n"))
	}
}

// verify(8)'s delivery status is read after the recipient: a quoted local
// part that holds "status=deliverable" does not hide a failed verification.
func TestVerifyStatusAfterQuotedRecipient(t *testing.T) {
	lines := []string{
		"Nov 28 10:00:00 mx postfix/qmgr[591]: 3F2A1C0A60: from=<double-bounce@mx.example.org>, size=236, nrcpt=1 (queue active)",
		`Nov 28 10:00:03 mx postfix/smtp[592]: 3F2A1C0A60: to=<"x, status=deliverable (ok) y"@example.org>, relay=none, delay=3, delays=0/0/3/0, dsn=4.4.1, status=undeliverable (connect to mailstore.example.org[10.0.0.5]:25: Connection refused)`,
		"Nov 28 10:00:03 mx postfix/qmgr[591]: 3F2A1C0A60: removed",
		`Nov 28 10:00:05 mx postfix/smtpd[600]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.1.1 <x, status=deliverable (ok) y@example.org>: Recipient address rejected: unverified address: connect to mailstore.example.org[10.0.0.5]:25: Connection refused; from=<a@example.net> to=<"x, status=deliverable (ok) y"@example.org> proto=ESMTP helo=<mail.example.net>`,
	}
	h := hintOfTitle(t, feed(lines...), "verification probe")
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "status=undeliverable") || !strings.Contains(ev, "Connection refused") {
		t.Errorf("the hint does not show the failed verification:\n%s", ev)
	}
}
