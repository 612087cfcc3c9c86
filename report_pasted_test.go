package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Lines pasted without timestamps (no syslog header, or no tag at all)
// still make a report: every line read, destinations and classes counted.
func TestReportOnPastedLines(t *testing.T) {
	lines := "postfix/smtp[123]: 3F2A1C0: to=<a@b.example>, relay=mx.b.example[192.0.2.5]:25, delay=31, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection timed out)\n" +
		"postfix-out/smtp[124]: 3F2A1C1: to=<c@b.example>, relay=mx.b.example[192.0.2.5]:25, delay=31, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection timed out)\n" +
		"to=<a@d.example>, relay=mx.d.example[192.0.2.7]:25, delay=5, delays=1/0/1/3, dsn=4.7.0, status=deferred (host mx.d.example[192.0.2.7] said: 421 4.7.0 Too many connections, try again later (in reply to MAIL FROM command))\n" +
		"mx1 postfix/smtp[125]: 3F2A1C2: to=<e@f.example>, relay=mx.f.example[192.0.2.9]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n" +
		"warning: connect to mysql server db: Too many connections\n" +
		"postfix/postscreen[99]: PASS NEW [192.0.2.9]:4711\n"
	log := filepath.Join(t.TempDir(), "pasted.log")
	if err := os.WriteFile(log, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	lab := "testdata/lab/"
	var out, errb bytes.Buffer
	code := run([]string{"report", "--log", log, "--postconf", lab + "postconf-n.txt", "--master", lab + "postconf-M.txt",
		"--queue", lab + "postqueue-j.jsonl", "--format", "json"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep struct {
		Lines        struct{ Total, Postfix, Invalid int }
		Destinations []struct {
			Domain         string
			Sent, Deferred int
			Classes        map[string]int
		}
		Classes map[string]int
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	if rep.Lines.Total != 6 || rep.Lines.Postfix != 6 || rep.Lines.Invalid != 0 {
		t.Errorf("lines %+v, want 6 read, 6 Postfix, none invalid", rep.Lines)
	}
	want := map[string]string{"b.example": "connect_timeout", "d.example": "conn_limit"}
	for _, d := range rep.Destinations {
		if c, ok := want[d.Domain]; ok {
			if d.Classes[c] == 0 || d.Deferred == 0 {
				t.Errorf("%s: %+v, want deferred with %s", d.Domain, d, c)
			}
			delete(want, d.Domain)
		}
		if d.Domain == "f.example" && d.Sent != 1 {
			t.Errorf("f.example: %+v, want one sent", d)
		}
	}
	if len(want) != 0 {
		t.Errorf("destinations missing: %v in %+v", want, rep.Destinations)
	}
	if rep.Classes["table_conn_limit"] != 1 || rep.Classes["connect_timeout"] != 2 {
		t.Errorf("classes %v", rep.Classes)
	}
}

// A bounce notice pasted whole, wrapped as bounce(8) wraps it: each
// recipient is one bounce of its own domain, though the text part and the
// delivery-status part both name it.
func TestReportOnPastedNotice(t *testing.T) {
	notice := `This is the mail system at host mx1.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<bob@example.org>: host mx.example.org[203.0.113.5] said: 550 5.1.1
    <bob@example.org>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

<dee@example.com>: host mx.example.com[198.51.100.9] said: 554 5.7.1
    Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org
    (in reply to RCPT TO command)

Reporting-MTA: dns; mx1.example.net
X-Postfix-Queue-ID: 4B1C32A0F4
X-Postfix-Sender: rfc822; alice@example.net
Arrival-Date: Tue,  1 Dec 2026 10:00:01 +0000 (UTC)

Final-Recipient: rfc822; bob@example.org
Original-Recipient: rfc822;bob@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address
    rejected: User unknown in virtual mailbox table

Final-Recipient: rfc822; dee@example.com
Original-Recipient: rfc822;dee@example.com
Action: failed
Status: 5.7.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; client [192.0.2.10]
    blocked using zen.spamhaus.org
`
	log := filepath.Join(t.TempDir(), "notice.txt")
	if err := os.WriteFile(log, []byte(notice), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"report", "--log", log, "--postconf", "testdata/lab/postconf-n.txt", "--master", "testdata/lab/postconf-M.txt", "--format", "json"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep struct {
		Totals       struct{ Bounced int }
		Destinations []struct {
			Domain  string
			Bounced int
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	got := map[string]int{}
	for _, d := range rep.Destinations {
		got[d.Domain] = d.Bounced
	}
	if rep.Totals.Bounced != 2 || len(got) != 2 || got["example.org"] != 1 || got["example.com"] != 1 {
		t.Errorf("bounced %d, destinations %v: want one bounce each for example.org and example.com", rep.Totals.Bounced, got)
	}
}
