package sources

import (
	"fmt"
	"strings"
	"testing"
)

// A post that lost its line breaks runs several log lines into one; each
// is read back as a record of its own, with its own time and tag, even
// where the paste glued a stamp's time to the host name. A message that quotes
// a program tag inside itself is not cut.
func TestReplaySplitsLinesRunTogether(t *testing.T) {
	log := strings.Join([]string{
		"Jul 3 22:12:17mail postfix/smtpd[6195]: fatal: no SASL authentication mechanisms Jul  3 22:12:18 mail postfix/master[4881]: warning: process /usr/libexec/postfix/smtpd pid 6195 exit status 1 Jul 3 22:12:18mail postfix/master[4881]: warning: /usr/libexec/postfix/smtpd: bad command startup -- throttling",
		"Jul  3 22:13:00 mail postfix/smtpd[7001]: warning: hostname mx.example.net does not resolve to address 192.0.2.7 Jul  3 22:13:00 mail postfix/smtpd[7001]: connect from unknown[192.0.2.7] Jul  3 22:13:01 mail postfix/smtpd[7001]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 450 4.7.1 <a.example>: Helo command rejected: Host not found; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>",
		"Jul  3 22:14:00 mail postfix/smtpd[7002]: warning: header Subject: see postfix/smtpd[1]: this from unknown[192.0.2.8]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>",
		"Jul  3 22:15:00 mail postfix/qmgr[700]: 4A1B2C3D01: removed",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 8)
			want := []struct {
				program, time string
				sev           Severity
				has           string
			}{
				{"postfix/smtpd", "22:12:17", SevFatal, "no SASL authentication mechanisms"},
				{"postfix/master", "22:12:18", SevWarning, "exit status 1"},
				{"postfix/master", "22:12:18", SevWarning, "bad command startup -- throttling"},
				{"postfix/smtpd", "22:13:00", SevWarning, "does not resolve to address 192.0.2.7"},
				{"postfix/smtpd", "22:13:00", SevInfo, "connect from unknown[192.0.2.7]"},
				{"postfix/smtpd", "22:13:01", SevInfo, "Helo command rejected"},
				{"postfix/smtpd", "22:14:00", SevWarning, "see postfix/smtpd[1]: this"},
				{"postfix/qmgr", "22:15:00", SevInfo, "removed"},
			}
			for i, w := range want {
				r := recs[i]
				if r.Program != w.program || r.Time.Format("15:04:05") != w.time || r.Severity != w.sev || !strings.Contains(r.Line, w.has) {
					t.Errorf("record %d: %s %s %v %q, want %s %s %v with %q", i, r.Program, r.Time.Format("15:04:05"), r.Severity, r.Line, w.program, w.time, w.sev, w.has)
				}
			}
			if strings.Contains(recs[0].Line, "postfix/master") || strings.Contains(recs[1].Line, "bad command") {
				t.Errorf("a record kept the next one's text: %q / %q", recs[0].Line, recs[1].Line)
			}
			if recs[5].Event != EvReject || recs[5].ClientIP != "192.0.2.7" {
				t.Errorf("the reject run on after a connect: %v %q", recs[5].Event, recs[5].ClientIP)
			}
		})
	}
}

// runOnCut never panics, and what it cuts is the line: the head is its
// start, and the tail its rest with at most one blank put back.
func FuzzRunOnCut(f *testing.F) {
	f.Add("Jul 3 22:12:17mail postfix/smtpd[1]: fatal: no SASL authentication mechanisms Jul 3 22:12:18mail postfix/master[2]: warning: x", 37)
	f.Add("2024-07-03T22:12:17+00:00 mail postfix/smtpd[1]: warning: a 2024-07-03T22:12:18.5+00:00 mail postfix/qmgr[2]: b", 50)
	f.Add("Jan  1 00:00:00 h postfix/smtpd[1]: warning:  postfix/x[1]: ", 36)
	f.Fuzz(func(t *testing.T, line string, at int) {
		if at < 0 || at > len(line) {
			return
		}
		head, tail, ok := runOnCut(line, line[at:])
		if !ok {
			return
		}
		if !strings.HasPrefix(line, head) || head == "" {
			t.Fatalf("head %q is not the line's start: %q", head, line)
		}
		rest := line[len(head):]
		if len(tail) > len(rest)+1 {
			t.Fatalf("tail %q longer than the rest %q", tail, rest)
		}
		if strings.ReplaceAll(tail, " ", "") != strings.ReplaceAll(strings.TrimLeft(rest, " \t"), " ", "") {
			t.Fatalf("tail %q is not the rest %q", tail, rest)
		}
	})
}

// journalctl -u postfix shows systemd's own lines among Postfix's; a post
// that lost the line breaks may begin with one of them. The Postfix lines
// run on after it are read as their own records all the same.
func TestReplaySplitsRunOnAfterAnotherProgram(t *testing.T) {
	log := "Mar  2 09:00:01 mx systemd[1]: Starting Postfix Mail Transport Agent... " +
		"Mar  2 09:00:02 mx postfix/master[900]: daemon started -- version 3.4.7, configuration /etc/postfix " +
		"Mar  2 09:00:05 mx postfix/smtpd[901]: fatal: in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains " +
		"Mar  2 09:00:06 mx postfix/master[900]: warning: process /usr/libexec/postfix/smtpd pid 901 exit status 1\n"
	recs := replayRecords(t, log, 1, 4)
	want := []struct {
		program string
		sev     Severity
		has     string
	}{
		{"systemd", SevInfo, "Starting Postfix"},
		{"postfix/master", SevInfo, "daemon started"},
		{"postfix/smtpd", SevFatal, "specify at least one working instance"},
		{"postfix/master", SevWarning, "exit status 1"},
	}
	for i, w := range want {
		r := recs[i]
		if r.Program != w.program || r.Severity != w.sev || !strings.Contains(r.Line, w.has) {
			t.Errorf("record %d: %s %v %q, want %s %v with %q", i, r.Program, r.Severity, r.Line, w.program, w.sev, w.has)
		}
	}
	if strings.Contains(recs[0].Line, "postfix/master") {
		t.Errorf("systemd's record kept the Postfix lines after it: %q", recs[0].Line)
	}
}

// A paste most often begins where a session does: with smtpd's or
// postscreen's connect, a TLS handshake or a queue file's client= line.
// Those messages hold no text a client or a remote server chose beyond a
// host name and an address, so a stamp and a Postfix tag inside one can
// only be the next line run on.
func TestReplaySplitsRunOnAfterSessionLines(t *testing.T) {
	heads := []string{
		"May  6 05:38:34 mx postfix/smtpd[2923]: connect from mail-io0.example.net[192.0.2.196]",
		"May  6 05:38:34 mx postfix/postscreen[2920]: CONNECT from [192.0.2.196]:43734 to [198.51.100.25]:25",
		"May  6 05:38:34 mx postfix/smtpd[2923]: Anonymous TLS connection established from mail-io0.example.net[192.0.2.196]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
		"May  6 05:38:34 mx postfix/smtpd[2923]: 62B3E583B1: client=mail-io0.example.net[192.0.2.196]",
		"May  6 05:38:34 mx postfix/smtpd[2923]: disconnect from mail-io0.example.net[192.0.2.196] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4",
		"May  6 05:38:30 mx postfix/postfix-script[3542]: starting the Postfix mail system",
		// The smtp client's failed connection: a host name, an address
		// and the system's error, no text a remote chose.
		"May  6 05:38:34 mx postfix/smtp[2923]: connect to mx1.gmx.de[192.0.2.100]:25: Connection timed out",
	}
	next := "May  6 05:38:45 mx postfix/smtpd[2923]: NOQUEUE: reject: RCPT from mail-io0.example.net[192.0.2.196]: 554 5.7.1 Service unavailable; Client host [192.0.2.196] blocked using dnsbl.example.org; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<mail-io0.example.net>"
	for _, head := range heads {
		t.Run(head[40:60], func(t *testing.T) {
			recs := replayRecords(t, head+" "+next+"\n", 1, 2)
			if recs[1].Event != EvReject || recs[1].ClientIP != "192.0.2.196" || strings.Contains(recs[0].Line, "reject") {
				t.Errorf("%q and a reject run on after it: %v %q", head, recs[1].Event, recs[1].Line)
			}
		})
	}
}

// A paste whose lines lost their host name ("Jan 29 15:48:11
// postfix/smtpd[2025]: ...", as an admin trims a log) runs on as well.
func TestReplaySplitsRunOnWithoutHost(t *testing.T) {
	line := "Jan 29 15:48:11 postfix/smtpd[2025]: connect from dsl.example.net[192.0.2.7] " +
		"Jan 29 15:48:11 postfix/smtpd[2025]: NOQUEUE: reject: RCPT from dsl.example.net[192.0.2.7]: 454 4.7.1 <b@example.org>: Relay access denied; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<pc>\n"
	recs := replayRecords(t, line, 1, 2)
	if recs[1].Event != EvReject || recs[1].ClientIP != "192.0.2.7" || recs[1].Time.Format("15:04:05") != "15:48:11" || strings.Contains(recs[0].Line, "reject") {
		t.Errorf("the reject run on: %v %q %q", recs[1].Event, recs[1].Line, recs[0].Line)
	}
}

// Text a sender, a client or a remote server chose can be shaped like a
// log line: a quoted address, a Message-ID, a HELO name, a remote's reply
// in a delivery's reason. A line whose message carries such text is not cut
// unless it is a warning, a reject or a message of no known shape, as
// before: a delivery or a queue manager's line never gives a record the
// remote or the sender wrote.
func TestRunOnNotCutInsideChosenText(t *testing.T) {
	fake := "Jul  3 22:12:18 mx postfix/master[4881]: warning: process /usr/libexec/postfix/smtpd pid 1 exit status 1"
	for _, line := range []string{
		"Jul  3 22:12:17 mx postfix/smtp[300]: 4A1B2C3D01: to=<b@example.org>, relay=mx.example.org[192.0.2.9]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.0.0, status=bounced (host mx.example.org[192.0.2.9] said: 550 no " + fake + " (in reply to RCPT TO command))",
		"Jul  3 22:12:17 mx postfix/qmgr[301]: 4A1B2C3D01: from=<\"" + fake + "\"@example.net>, size=300, nrcpt=1 (queue active)",
		"Jul  3 22:12:17 mx postfix/cleanup[302]: 4A1B2C3D01: message-id=<" + fake + ">",
	} {
		t.Run(line[23:40], func(t *testing.T) {
			if recs := replayRecords(t, line+"\n", 1, 1); strings.Contains(recs[0].Line, "warning") != strings.Contains(line, "warning") {
				t.Errorf("%q read as %q", line, recs[0].Line)
			}
		})
	}
}

// syslog and journald never run two lines into one: a log they wrote is
// read line by line, and a HELO name, a sender or a reply shaped like a
// log line stays text in its record. Only a source as small as a paste
// (its whole text in the first 256 KiB) is cut where lines ran together.
func TestRunOnOnlyInAPaste(t *testing.T) {
	fake := "Jul  3 22:12:18 mx postfix/master[4881]: warning: process /usr/libexec/postfix/smtpd pid 1 exit status 1"
	reject := "Jul  3 22:12:17 mx postfix/smtpd[300]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 454 4.7.1 <b@example.org>: Relay access denied; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<pc " + fake + ">"
	filler := "Jul  3 22:12:17 mx postfix/smtpd[301]: connect from unknown[192.0.2.10]"
	var b strings.Builder
	for b.Len() < 300<<10 {
		b.WriteString(filler + "\n")
	}
	n := strings.Count(b.String(), "\n")
	b.WriteString(reject + "\n")
	for _, workers := range []int{1, 3} {
		recs := replayRecords(t, b.String(), workers, n+1)
		if r := recs[n]; r.Event != EvReject || !strings.Contains(r.Line, "exit status 1") {
			t.Errorf("%d workers: the reject in a syslog file was cut: %v %q", workers, r.Event, r.Line)
		}
		for _, r := range recs {
			if r.Severity != SevInfo {
				t.Fatalf("%d workers: a record was made of a HELO name: %q", workers, r.Line)
			}
		}
	}
	// The same line pasted alone is cut, as a post that lost its line
	// breaks is read.
	replayRecords(t, reject+"\n", 1, 2)
}
