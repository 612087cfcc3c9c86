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
