package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A log none of whose lines mxtop could read judged nothing: the report
// says so instead of "nothing calls for a change", and a check run with
// --fail-on does not pass on it. A log of other programs' lines (Dovecot
// alone in a quiet hour) was read, and passes.
func TestReportOnUnreadLogFailsTheCheck(t *testing.T) {
	dir := t.TempDir()
	unread := filepath.Join(dir, "export.bin")
	var b strings.Builder
	for i := range 5 {
		b.WriteString(strings.Repeat("\x01\x02 (binary or a format mxtop does not know) ", i+1) + "\n")
	}
	if err := os.WriteFile(unread, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "dovecot.log")
	if err := os.WriteFile(other, []byte("Nov 30 10:00:01 mx1 dovecot: imap-login: Login: user=<ann@example.org>, method=PLAIN, rip=192.0.2.7, lip=192.0.2.1, mpid=123, TLS\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.cf")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"report", "--log", unread, "--postconf", empty, "--fail-on", "critical"}, nil, &out, &errb)
	if code != 1 {
		t.Errorf("a log with no line read: exit %d, want 1; stderr %s", code, errb.String())
	}
	if strings.Contains(out.String(), "nothing in this log calls for a change") || !strings.Contains(out.String(), "nothing was judged") {
		t.Errorf("the report reads as a clean bill:\n%s", out.String())
	}
	out.Reset()
	errb.Reset()
	if code := run([]string{"report", "--log", other, "--postconf", empty, "--fail-on", "critical"}, nil, &out, &errb); code != 0 {
		t.Errorf("a log of Dovecot's lines: exit %d, want 0; stderr %s", code, errb.String())
	}
}

// A postqueue -p listing given as the log is no log: the report says it is a queue listing and names --queue, and
// fails as for other input it cannot read, instead of judging its delay
// reasons as log lines.
func TestReportOnQueueListingNamesQueue(t *testing.T) {
	listing := "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n" +
		"1A2B3C4D5E     4098 Sat Feb 22 00:44:54  ann@example.org\n" +
		"(connect to mx.example.net[192.0.2.25]:25: Connection timed out)\n" +
		"                                         bob@example.net\n\n" +
		"-- 4 Kbytes in 1 Request.\n"
	path := filepath.Join(t.TempDir(), "showq.txt")
	if err := os.WriteFile(path, []byte(listing), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"report", "--log", path}, {"report", "--log", path, "--format", "json"}} {
		var out, errb bytes.Buffer
		code := run(args, nil, &out, &errb)
		if code != 1 || !strings.Contains(errb.String(), "queue listing") || !strings.Contains(errb.String(), "--queue") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and the listing named", args, code, errb.String())
		}
		if strings.Contains(out.String(), "firewall") {
			t.Errorf("%v: hints from a queue listing:\n%s", args, out.String())
		}
	}
}

// A journal file copied off a journal-only host and given to the report
// as its log is refused with a pointer to --journal-dir, not judged as
// lines cut out of its data objects: no hint, and --fail-on fails as for
// other input it cannot read.
func TestReportRefusesJournalFile(t *testing.T) {
	b, err := os.ReadFile("sources/testdata/journal/regular.journal")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "Dec  3 10:00:01 mx1 postfix/smtpd[311]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6\n"...)
	dir := t.TempDir()
	path := filepath.Join(dir, "system.journal")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"report", "--fail-on", "warning", path}, nil, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "--journal-dir "+dir) {
		t.Errorf("exit %d, stderr %q; want 1 and --journal-dir %s", code, errb.String(), dir)
	}
	if strings.Contains(out.String(), "[WARNING]") {
		t.Errorf("hints from a journal file's bytes:\n%s", out.String())
	}
}
