package sources

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A record a post hard-wrapped over several lines (indented, or broken
// after a colon) is read back as the one record it was; a log whose lines
// each have their own header is never joined, even after a colon.
func TestReplayJoinsHardWrappedRecords(t *testing.T) {
	log := strings.Join([]string{
		// Indented continuation after a record cut at its program tag.
		"Nov 28 10:00:01 mx postfix/smtpd[41]: ",
		"    NOQUEUE: reject: RCPT from mail-a.example.net[198.51.100.21]:",
		"    554 5.7.1 Service unavailable; Client host [198.51.100.21] blocked",
		"    using dnsbl.example.org; listed",
		"    from=<ann@example.net> to=<bob@example.org>",
		"    proto=ESMTP helo=<mail-a.example.net>",
		// Broken after colons, without indentation, behind a container prefix.
		"mta    | 2026-11-28T10:00:02.000000+00:00 mx postfix/smtpd[42]: NOQUEUE: reject:",
		"RCPT from unknown[172.20.0.5]: 553 5.7.1 <app@example.org>:",
		"Sender address rejected: not logged in; from=<app@example.org> to=<carol@example.com> proto=SMTP helo=<app.example.org>",
		// Whole lines: a message ending in a colon is followed by a line
		// with its own header, which stays a record of its own.
		"Nov 28 10:00:03 mx postfix/smtpd[43]: warning: example odd message:",
		"Nov 28 10:00:04 mx postfix/smtpd[43]: connect from mail-b.example.net[198.51.100.22]",
		"  an indented stray line after a whole record",
	}, "\n") + "\n"
	// One core reads it as every core does.
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) { checkWrapped(t, log, workers) })
	}
}

func checkWrapped(t *testing.T, log string, workers int) {
	recs := replayRecords(t, log, workers, 5)
	first := recs[0]
	if first.Event != EvReject || first.ClientIP != "198.51.100.21" || first.Known == 0 || KnownMessages[first.Known-1].ID != "dnsbl_reject" {
		t.Errorf("indented wrap read as %v client %q known %d: %q", first.Event, first.ClientIP, first.Known, first.Line)
	}
	if !strings.Contains(first.Line, "helo=<mail-a.example.net>") {
		t.Errorf("wrap not joined to its end: %q", first.Line)
	}
	second := recs[1]
	if second.Event != EvReject || second.ClientIP != "172.20.0.5" || second.Known == 0 || KnownMessages[second.Known-1].ID != "sender_not_logged_in" {
		t.Errorf("colon wrap read as %v client %q known %d: %q", second.Event, second.ClientIP, second.Known, second.Line)
	}
	if recs[2].Message != "warning: example odd message:" && !strings.HasSuffix(recs[2].Line, "odd message:") {
		t.Errorf("a whole line took the next one: %q", recs[2].Line)
	}
	if recs[3].Event != EvConnect || recs[3].ClientIP != "198.51.100.22" {
		t.Errorf("the line after a colon lost its own record: %v %q", recs[3].Event, recs[3].Line)
	}
	if recs[4].Event != EvInvalid {
		t.Errorf("an indented line after a whole record was joined or read: %v %q", recs[4].Event, recs[4].Line)
	}
}

// A server's reply the smtp client logs ends in "(in reply to CMD
// command)": a post that broke such a record before that end (after the
// program tag, mid-reply, or starting it at "status=") is read back as the
// one record, while a finished record never takes the line after it.
func TestReplayJoinsRepliesBrokenMidway(t *testing.T) {
	log := strings.Join([]string{
		// The header alone, then the message without one, then the
		// reply's rest on lines of no shape of their own.
		"Nov 28 10:00:05 mx postfix/smtp[44]:",
		"4A1B2C3D01: host mx1.mail.example.net[198.51.100.7] said: 421-4.7.28 [203.0.113.9 15]",
		"Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address.",
		"to 421 4.7.28 review our guidelines. x1 - gsmtp (in reply to end of DATA command)",
		"a line of prose after the finished record",
		// A deferral cut before its status, the reply indented.
		" status=deferred (host mx2.mail.example.net[198.51.100.8] said:",
		"  450-4.2.1 The user you are trying to contact is receiving mail at a rate that",
		"  450-4.2.1 prevents additional messages from being delivered (in reply to RCPT TO command))",
		// A finished reply keeps its own line; the next is no part of it.
		"Nov 28 10:00:06 mx postfix/smtp[45]: 4A1B2C3D02: host mx3.mail.example.net[198.51.100.9] said: 452 4.2.2 mailbox full (in reply to RCPT TO command)",
		"more prose",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 5)
			first := recs[0]
			if first.Event != EvAttempt || first.QueueID != "4A1B2C3D01" || first.RelayIP != "198.51.100.7" || first.Time.IsZero() ||
				!strings.Contains(first.Reason, "unsolicited mail") || !strings.Contains(first.Reason, "(in reply to end of DATA command)") {
				t.Errorf("header-broken reply read as %v id %q relay %q: %q", first.Event, first.QueueID, first.RelayIP, first.Reason)
			}
			if recs[1].Event != EvInvalid {
				t.Errorf("prose after a finished reply was joined or read: %v %q", recs[1].Event, recs[1].Line)
			}
			d := recs[2]
			if d.Event != EvDelivery || d.Status != StatusDeferred || d.RelayIP != "" && d.RelayIP != "198.51.100.8" || d.Class != ClassRateLimit ||
				!strings.Contains(d.Reason, "prevents additional messages") {
				t.Errorf("status= fragment read as %v %v class %v: %q", d.Event, d.Status, d.Class, d.Reason)
			}
			if recs[3].Event != EvAttempt || recs[4].Event != EvInvalid {
				t.Errorf("a finished reply took the next line: %v %q / %v %q", recs[3].Event, recs[3].Line, recs[4].Event, recs[4].Line)
			}
		})
	}
}

// A bounce or delay notice says why a recipient failed in the SMTP
// client's words, wrapped and indented as bounce(8) writes them: the
// recipient, then "host X[addr] said: ..." or "refused to talk to me:
// ...", or the reply alone where a post began it. Each such paragraph is
// read as that recipient's delivery (bounced for a 5xx reply, deferred
// for a 4xx one), a reply that names no recipient as a delivery of no
// recipient, and a greeting refusal without one as a failed try.
func TestReplayReadsBounceNoticeReasons(t *testing.T) {
	log := strings.Join([]string{
		"<ann@example.net>: host mx1.example.net[198.51.100.7] said: 550-5.7.25",
		"    [203.0.113.9] The IP address sending this message does not have a",
		"    550-5.7.25 PTR record setup (in reply to end of DATA command)",
		"",
		"bob@example.org: host mx2.example.org[198.51.100.8] said: 421 4.7.0",
		"    [TS01] Messages from 203.0.113.9 temporarily deferred (in reply to MAIL",
		"    FROM command)",
		"",
		"host mx3.example.com[198.51.100.9] refused to talk to me:",
		"    554-No SMTP service 554-Bad DNS PTR resource record.",
		"",
		"    mx4.example.com[198.51.100.10] said: 550 5.7.606 Access denied, banned",
		"    sending IP [203.0.113.9]. (in reply to RCPT TO command)",
		"The mail system said: nothing in brackets here",
	}, "\n") + "\n"
	recs := replayRecords(t, log, 1, 5)
	if r := recs[0]; r.Event != EvDelivery || r.Status != StatusBounced || r.Domain != "example.net" || r.Class != ClassReverseDNS ||
		!strings.Contains(r.Reason, "(in reply to end of DATA command)") {
		t.Errorf("bounced paragraph read as %v %v %q class %v: %q", r.Event, r.Status, r.Domain, r.Class, r.Reason)
	}
	if r := recs[1]; r.Event != EvDelivery || r.Status != StatusDeferred || r.Domain != "example.org" || r.Class != ClassBlocklist {
		t.Errorf("delayed paragraph read as %v %v %q class %v: %q", r.Event, r.Status, r.Domain, r.Class, r.Reason)
	}
	if r := recs[2]; r.Event != EvAttempt || r.RelayIP != "198.51.100.9" || r.Class != ClassReverseDNS || !strings.Contains(r.Reason, "Bad DNS PTR") {
		t.Errorf("refusal without recipient read as %v %q class %v: %q", r.Event, r.RelayIP, r.Class, r.Reason)
	}
	if r := recs[3]; r.Event != EvDelivery || r.Status != StatusBounced || r.Class != ClassBlocklist {
		t.Errorf("reply begun at the server's name read as %v %v class %v: %q", r.Event, r.Status, r.Class, r.Reason)
	}
	if recs[4].Event != EvInvalid {
		t.Errorf("prose read as %v: %q", recs[4].Event, recs[4].Line)
	}
}

// A notice's recipient paragraph pasted where the page dropped bounce(8)'s
// indentation: a head cut before the peer's [address] goes on over the
// lines after it that read as no log line of their own, up to the end of
// the reply; the next recipient's paragraph and prose stay apart.
func TestReplayJoinsNoticeParagraphWithoutIndent(t *testing.T) {
	log := strings.Join([]string{
		"<ann@example.net>: host",
		"relay.example.net[198.51.100.7] said: 554 Message",
		"rejected: Email address is not verified. The following identities failed",
		"the check in region EU-WEST-1: Bob <bob@example.org> (in",
		"reply to end of DATA command)",
		"<carl@example.net>: host mx.example.net[198.51.100.9] said: 550 5.1.1 unknown user (in reply to RCPT TO command)",
		"a line of prose after the finished paragraph",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 3)
			if r := recs[0]; r.Event != EvDelivery || r.Status != StatusBounced || r.Domain != "example.net" || r.Class != ClassConfigError ||
				!strings.Contains(r.Reason, "Email address is not verified") || !strings.Contains(r.Reason, "(in reply to end of DATA command)") {
				t.Errorf("paragraph read as %v %v %q class %v: %q", r.Event, r.Status, r.Domain, r.Class, r.Reason)
			}
			if r := recs[1]; r.Event != EvDelivery || r.Class != ClassRecipient {
				t.Errorf("next paragraph read as %v class %v: %q", r.Event, r.Class, r.Line)
			}
			if recs[2].Event != EvInvalid {
				t.Errorf("prose read as %v: %q", recs[2].Event, recs[2].Line)
			}
		})
	}
}

// replayRecords replays text as a log file on workers parse workers and
// returns its records that keep a line (the lines joined into another
// record keep none), failing unless there are want of them.
func replayRecords(t *testing.T, text string, workers, want int) []Record {
	t.Helper()
	path := filepath.Join(t.TempDir(), "maillog")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	all, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	var recs []Record
	for _, r := range all {
		if r.Line != "" {
			recs = append(recs, r)
		}
	}
	if len(recs) != want {
		for _, r := range recs {
			t.Logf("%v %q", r.Event, r.Line)
		}
		t.Fatalf("read %d records, want %d", len(recs), want)
	}
	return recs
}

// A mail client wraps a pasted delivery record at its line width: after
// any field's comma, inside the relay's name, inside the reason (even
// between "(in reply to DATA" and "command))"), indenting some lines and
// not others, and when the post is quoted in a reply every line carries
// the same "> " mark. A delivery record Postfix wrote always has its
// status, and the smtp and lmtp clients' "(host ..." reason closes, so
// one that lacks either goes on over the lines after it that read as no
// log line of their own; a finished
// record, or a reject that names to=<...>, never takes the next line.
func TestReplayJoinsMailWrappedDeliveries(t *testing.T) {
	log := strings.Join([]string{
		// Broken after a field's comma, the reason broken before its end.
		"  Nov 28 10:01:01 mx postfix/lmtp[51]: 7C1D2E3F40: to=<ann@example.org>,",
		"orig_to=<info@example.org>,",
		"   relay=mail.example.org[private/dovecot-lmtp], delay=1, status=deferred",
		"   (host mail.example.org[private/dovecot-lmtp] said: 451 4.3.0 Temporary internal error (in reply to end of DATA",
		"command))",
		"a line of prose after the finished record",
		// Quoted in a reply: the head broken after the queue id.
		"> Nov 28 10:01:02 mx postfix/smtp[52]: 7C1D2E3F41: ",
		"> to=<bob@example.net>, relay=mx.example.net[198.51.100.30]:25, ",
		"> delay=3, delays=1/0/1/1, dsn=4.7.1, status=deferred (host ",
		"> mx.example.net[198.51.100.30] said: 421 4.7.1 Service unavailable; Client host [203.0.113.9] ",
		"> blocked using dnsbl.example.org (in reply to RCPT TO command))",
		// The recipient's <address> dropped by a web page, the relay's
		// name and address broken apart.
		"Nov 28 10:01:05 mx postfix/smtp[55]: 7C1D2E3F43: to=, relay=mx.example.net",
		"[2001:db8::25]:25, delay=0.2, dsn=5.7.1, status=bounced (host mx.example.net",
		"[2001:db8::25] said: 550-5.7.1 does not meet IPv6 sending guidelines regarding PTR records 550 5.7.1",
		"(in reply to end of DATA command))",
		// Whole records: neither takes the line after it.
		"Nov 28 10:01:03 mx postfix/smtp[53]: 7C1D2E3F42: to=<carl@example.com>, relay=mx.example.com[198.51.100.31]:25, delay=1, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
		"more prose, with a comma,",
		"Nov 28 10:01:04 mx postfix/smtpd[54]: NOQUEUE: reject: RCPT from unknown[198.51.100.32]: 554 5.7.1 <dan@example.org>: Relay access denied; from=<x@example.com> to=<dan@example.org> proto=ESMTP helo=<h>",
		"still prose",
		// Only the smtp and lmtp clients' "(host ..." reasons are known
		// to close: a command's in local's reason stays as logged.
		"Nov 28 10:01:06 mx postfix/local[56]: 7C1D2E3F44: to=<eve@example.org>, relay=local, delay=0.1, dsn=2.0.0, status=sent (delivered to command: procmail -a \"$EXTENSION\" DEFAULT=$HOME/Mail",
		"dir/)",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 10)
			if r := recs[0]; r.Event != EvDelivery || r.Status != StatusDeferred || r.Daemon != "lmtp" || r.Domain != "example.org" ||
				!strings.Contains(r.Reason, "Temporary internal error") || !strings.HasSuffix(r.Reason, "(in reply to end of DATA command)") {
				t.Errorf("comma-wrapped record read as %v %v %q %q: %q", r.Event, r.Status, r.Daemon, r.Domain, r.Reason)
			}
			if recs[1].Event != EvInvalid {
				t.Errorf("prose after a finished record was joined or read: %v %q", recs[1].Event, recs[1].Line)
			}
			if r := recs[2]; r.Event != EvDelivery || r.Status != StatusDeferred || r.QueueID != "7C1D2E3F41" || r.RelayIP != "198.51.100.30" ||
				r.Class != ClassBlocklist || !strings.Contains(r.Reason, "(in reply to RCPT TO command)") {
				t.Errorf("quoted wrap read as %v %v id %q relay %q class %v: %q", r.Event, r.Status, r.QueueID, r.RelayIP, r.Class, r.Reason)
			}
			if r := recs[3]; r.Event != EvDelivery || r.Status != StatusBounced || r.RelayIP != "2001:db8::25" || r.Class != ClassReverseDNS {
				t.Errorf("wrap of a record without its address read as %v %v relay %q class %v: %q", r.Event, r.Status, r.RelayIP, r.Class, r.Line)
			}
			if recs[4].Event != EvDelivery || recs[5].Event != EvInvalid {
				t.Errorf("a whole delivery took the next line: %v %q / %v %q", recs[4].Event, recs[4].Line, recs[5].Event, recs[5].Line)
			}
			if recs[6].Event != EvReject || recs[7].Event != EvInvalid {
				t.Errorf("a reject naming to=<> took the next line: %v %q / %v %q", recs[6].Event, recs[6].Line, recs[7].Event, recs[7].Line)
			}
			if recs[8].Event != EvDelivery || recs[9].Event != EvInvalid {
				t.Errorf("a local delivery's reason took the next line: %v %q / %v %q", recs[8].Event, recs[8].Line, recs[9].Event, recs[9].Line)
			}
		})
	}
}

// Postfix writes a delivery record on one line and ends it with its
// status (log_adhoc.c: "..., dsn=%s, status=%s (%s)"). A page that
// wrapped it at its width, anywhere in a field and without indenting,
// leaves a head with no status; the lines after it that read as no log
// line of their own are its rest. A page that ate the address with its
// angle brackets ("to=,") leaves it a delivery record all the same.
func TestReplayJoinsDeliveryWrappedAtPageWidth(t *testing.T) {
	log := strings.Join([]string{
		"Apr 17 10:41:38 mx postfix/smtp[38652]: 16E10: to=<ann@example.net>, relay=mx.example.net",
		"[2001:db8::1a]:25, delay=0.2, delays=0.01/0/0.08/0.11, dsn=5.7.1, status=bounced (host mx.example.net",
		"[2001:db8::1a] said: 550-5.7.1 [2001:db8:5:1::] This message does 550-5.7.1",
		"not meet IPv6 sending guidelines regarding PTR records 550 5.7.1",
		"(in reply to end of DATA command))",
		"Apr 17 10:41:38 mx postfix/local[38654]: 4785C4: to=, relay=local, delay=0.01,",
		"delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)",
		"Apr 17 10:41:39 mx postfix/qmgr[38641]: 4785C4: removed",
		// A whole delivery record is never joined to the line after it.
		"Apr 17 10:41:40 mx postfix/smtp[38655]: 16E11: to=<bob@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=0.2, delays=0.01/0/0.08/0.11, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
		"a stray line after a whole record",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 5)
			// The blank the join puts where the page broke the relay
			// field is no part of the relay's name.
			if r := recs[0]; r.RelayHost != "mx.example.net" || r.RelayIP != "2001:db8::1a" || r.RelayPort != 25 {
				t.Errorf("wrapped relay read as host %q address %q port %d", r.RelayHost, r.RelayIP, r.RelayPort)
			}
			if r := recs[0]; r.Event != EvDelivery || r.Status != StatusBounced || r.Domain != "example.net" ||
				!strings.Contains(r.Reason, "regarding PTR records") || !strings.HasSuffix(r.Line, "(in reply to end of DATA command))") {
				t.Errorf("wrapped smtp record read as %v %v %q reason %q: %q", r.Event, r.Status, r.Domain, r.Reason, r.Line)
			}
			if r := recs[1]; r.Event != EvDelivery || r.Status != StatusSent || r.Relay != "local" || r.To != "" {
				t.Errorf("wrapped local record with its address eaten read as %v %v relay %q to %q: %q", r.Event, r.Status, r.Relay, r.To, r.Line)
			}
			if recs[2].Event != EvRemoved {
				t.Errorf("the line after a wrapped record lost its own record: %v %q", recs[2].Event, recs[2].Line)
			}
			if r := recs[3]; r.Status != StatusSent || strings.Contains(r.Line, "stray") {
				t.Errorf("a whole delivery record took the line after it: %q", r.Line)
			}
			if recs[4].Event == EvDelivery {
				t.Errorf("the stray line was read as a delivery: %q", recs[4].Line)
			}
		})
	}
}

// A page that took "<address>, relay=host" for markup leaves "to=,[]:25,
// ...": a delivery record still, with no recipient, read by its status.
func TestDeliveryWithItsAddressEaten(t *testing.T) {
	p := NewParser()
	var r Record
	p.Parse("Apr  8 20:10:14 mx postfix/smtp[1908]: 08CABB59: to=,[]:25, delay=1.4, delays=0.39/0.01/0.99/0, dsn=4.4.6, status=deferred (mail for loops back to myself)", &r)
	if r.Event != EvDelivery || r.Status != StatusDeferred || r.To != "" || r.Reason != "mail for loops back to myself" {
		t.Errorf("read as %v %v to %q reason %q", r.Event, r.Status, r.To, r.Reason)
	}
}

// A replay reads the same records whatever the number of workers: the
// joins of wrapped and run-together lines look only at their own chunk,
// and no line makes the parser panic.
func FuzzReplayJoins(f *testing.F) {
	f.Add("  Nov 28 10:01:01 mx postfix/lmtp[51]: 7C1D2E3F40: to=<ann@example.org>,\norig_to=<info@example.org>,\n   relay=mail.example.org[private/dovecot-lmtp], delay=1, status=deferred\n   (host mail.example.org[private/dovecot-lmtp] said: 451 4.3.0 Temporary internal error (in reply to end of DATA\ncommand))\nprose\n")
	f.Add("> Nov 28 10:01:02 mx postfix/smtp[52]: 7C1D2E3F41: \n> to=<bob@example.net>, relay=mx.example.net[198.51.100.30]:25, \n> delay=3, status=deferred (host \n> mx.example.net[198.51.100.30] said: 421 4.7.1 blocked (in reply to RCPT TO command))\n")
	f.Add("Apr 17 10:41:38 mx postfix/local[38654]: 4785C4: to=, relay=local, delay=0.01,\ndelays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)\nApr 17 10:41:39 mx postfix/qmgr[38641]: 4785C4: removed\n")
	f.Add("Mar  2 09:00:01 mx systemd[1]: Starting Postfix Mail Transport Agent... Mar  2 09:00:02 mx postfix/master[900]: daemon started -- version 3.4.7\nNov 28 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from\n  unknown[192.0.2.1]: 554 5.7.1 <a@b>: Relay access denied;\n")
	// Warnings wrapped at a mail program's width, quoted or not.
	f.Add("Dec  3 09:00:04 mx1 postfix/master[811]: warning: service \"smtp\" (25) has\nreached its process limit \"100\": new clients may experience noticeable delays\n")
	f.Add("> Dec  3 09:00:07 mx1 postfix/smtpd[3666]: warning: hash:/etc/postfix/virtual\n> is unavailable. open database /etc/postfix/virtual.db: No such file or\n> directory\nDec  3 09:00:08 mx1 postfix/qmgr[2]: ABCDEF1234: removed\n")
	old := readerChunkLines
	f.Cleanup(func() { readerChunkLines = old })
	readerChunkLines = 3 // joins meet chunk ends often
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		path := filepath.Join(t.TempDir(), "maillog")
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		read := func(workers int) []Record {
			all, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			var recs []Record
			for _, r := range all {
				if r.Failed {
					t.Fatalf("the parser failed on %q: %s", r.Line, r.Reason)
				}
				if r.Line != "" {
					recs = append(recs, r)
				}
			}
			return recs
		}
		one, three := read(1), read(3)
		if len(one) != len(three) {
			t.Fatalf("1 worker read %d records, 3 read %d", len(one), len(three))
		}
		for i := range one {
			a, b := one[i], three[i]
			if a.Line != b.Line || a.Event != b.Event || a.Status != b.Status || a.Class != b.Class || a.Known != b.Known || a.QueueID != b.QueueID {
				t.Fatalf("record %d: 1 worker %v %q, 3 workers %v %q", i, a.Event, a.Line, b.Event, b.Line)
			}
		}
	})
}

// The smtp and lmtp clients write some reasons in their own words ("lost
// connection with HOST while ...", "conversation with HOST timed out
// while ...", "connect to HOST[addr]:port: ..."), each closed by the
// record's ")": a post that wrapped one, quoted or not, with or without
// the record's head, leaves its rest on the next line.
func TestReplayJoinsClientOwnReasonWrapped(t *testing.T) {
	log := strings.Join([]string{
		"> relay=localhost[127.0.0.1]:8024, delay=0.32, delays=0.29/0.01/0.02/0, dsn=4.4.2, status=deferred (lost connection ",
		"> with localhost[127.0.0.1] while receiving the initial server greeting)",
		"Nov 28 10:02:00 mx postfix/lmtp[61]: 7C1D2E3F50: to=<list@lists.example.org>, relay=lists.example.org[192.0.2.40]:8024, delay=0.1, dsn=4.4.2, status=deferred (conversation with",
		"lists.example.org[192.0.2.40] timed out while receiving the initial server greeting)",
		// A whole reason takes no line after it.
		"Nov 28 10:02:01 mx postfix/lmtp[62]: 7C1D2E3F51: to=<list@lists.example.org>, relay=none, delay=0.1, dsn=4.4.1, status=deferred (connect to lists.example.org[192.0.2.40]:8024: Connection refused)",
		"with some prose after it)",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 4)
			if r := recs[0]; r.Event != EvDelivery || r.Class != ClassLostConnection || !strings.HasSuffix(r.Reason, "initial server greeting") {
				t.Errorf("quoted wrap without a head read as %v class %v: %q", r.Event, r.Class, r.Reason)
			}
			if r := recs[1]; r.Event != EvDelivery || r.Class != ClassLostConnection || !strings.Contains(r.Reason, "timed out while receiving") {
				t.Errorf("wrapped timeout read as %v class %v: %q", r.Event, r.Class, r.Reason)
			}
			if r := recs[2]; r.Event != EvDelivery || strings.Contains(r.Line, "prose") {
				t.Errorf("a whole reason took the line after it: %q", r.Line)
			}
			if recs[3].Event == EvDelivery {
				t.Errorf("the prose was read as a delivery: %q", recs[3].Line)
			}
		})
	}
}

// A greeting refusal has no "(in reply to" to end it, but no server sends
// a reply's code and enhanced status without its text: a notice's
// paragraph broken right after them goes on with the next line, and one
// whose reply has its text takes no line after it.
func TestReplayJoinsRefusalBrokenAfterItsCode(t *testing.T) {
	log := strings.Join([]string{
		"<ann@example.net>: delivery temporarily suspended: host",
		"mx.example.net[192.0.2.7] refused to talk to me: 421 4.7.0",
		"[TS03] Messages from 192.0.2.1 temporarily deferred due to user",
		"complaints - see the postmaster pages",
		"<bob@example.net>: host mx.example.net[192.0.2.7] refused to talk to me: 421 4.7.0 Service not available",
		"a line of prose after the finished paragraph",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 4)
			if r := recs[0]; r.Event != EvDelivery || r.Class != ClassBlocklist || !strings.Contains(r.Reason, "[TS03]") {
				t.Errorf("paragraph read as %v class %v: %q", r.Event, r.Class, r.Reason)
			}
			if recs[1].Event == EvDelivery {
				t.Errorf("the paragraph's last line was read as a delivery: %q", recs[1].Line)
			}
			if r := recs[2]; r.Event != EvDelivery || strings.Contains(r.Line, "prose") {
				t.Errorf("a whole refusal took the line after it: %v %q", r.Event, r.Line)
			}
		})
	}
}

func TestBareReplyCode(t *testing.T) {
	for s, want := range map[string]bool{
		"421": true, "421 4.7.0": true, "554-5.7.1": true, "450 4.16.55": true,
		"": false, "42": false, "421 4.7.0 Service not available": false, "421 4.7": false,
		"421 5.7.0": false, "421 4..7": false, "421 4.7.": false, "Refused": false, "421 [TS01]": false,
	} {
		if got := bareReplyCode(s); got != want {
			t.Errorf("bareReplyCode(%q) = %v, want %v", s, got, want)
		}
	}
}

// Postfix logs a multi-line reply as its lines joined, each with its own
// code: "554-first line 554-second 554 last". A greeting refusal that
// holds "554-" lines and not yet the last one ("554 " or a bare "554" at
// its end) was cut by a post's line width, and the lines after it are
// the rest of it; one whose last line came takes nothing after it.
func TestReplayJoinsMultiLineRefusalCutBeforeItsLastLine(t *testing.T) {
	log := strings.Join([]string{
		"    mx.example.net[192.0.2.7] refused to talk to me: 554-mx.example.net",
		"    ESMTP not available 554-No SMTP service 554-IP",
		"    address is black listed. 554 See the postmaster pages",
		"mx.example.org[192.0.2.8] refused to talk to me: 554-mx.example.org 554 Service unavailable",
		"    an indented line after a finished reply",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 3)
			if r := recs[0]; r.Event != EvAttempt || r.Class != ClassBlocklist || !strings.Contains(r.Reason, "See the postmaster") {
				t.Errorf("refusal read as %v class %v: %q", r.Event, r.Class, r.Reason)
			}
			if r := recs[1]; strings.Contains(r.Line, "indented line") {
				t.Errorf("a finished multi-line reply took the line after it: %q", r.Line)
			}
		})
	}
}

func TestMultiLineReplyOpen(t *testing.T) {
	for s, want := range map[string]bool{
		"554-a": true, "554-a 554-b": true, "554-a 554 b": false, "554-a 554": false,
		"554 a": false, "554": false, "": false, "554-a 421 b": true, "5.7.1 554-a": false,
	} {
		if got := multiLineOpen(s); got != want {
			t.Errorf("multiLineOpen(%q) = %v, want %v", s, got, want)
		}
	}
}

// smtpd always ends a reject's line with the envelope it knows ("; from=<",
// "; proto=", "; helo=<"): a reject pasted without it and broken over two
// lines, indented or not, with or without its header, goes on with the
// next line; a whole reject keeps its own line.
func TestReplayJoinsRejectWrappedBeforeItsEnvelope(t *testing.T) {
	log := strings.Join([]string{
		"NOQUEUE: reject: RCPT from mail-ej1-f41.google.com[209.85.218.41]: 554 5.7.1 Service unavailable; Sender address [user@gmail.com] blocked using",
		" dbl.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/; from=<user@gmail.com> to=<ann@example.org> proto=ESMTP helo=<mail-ej1-f41.google.com>",
		"NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org;",
		"Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/",
		"Nov 28 10:00:07 mx postfix/smtpd[46]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 Service unavailable; Client host",
		"[198.51.100.7] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		// Whole: the envelope ends it.
		"NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 <b@example.org>: Recipient address rejected: Access denied; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Error: open resolver and other prose",
		// A log's own line cut short takes no comment after it.
		"Nov 28 10:00:08 mx postfix/smtpd[47]: NOQUEUE: reject: VRFY from c.example.net[198.51.100.7]: 550 5.1.1 : Recipient address rejected: User unknown in local recipient tab",
		"# a comment after the cut line",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 7)
			if strings.Contains(recs[5].Line, "comment") {
				t.Errorf("a cut log line took the comment after it: %q", recs[5].Line)
			}
			for i, r := range recs[:3] {
				if r.Event != EvReject || r.Known == 0 || KnownMessages[r.Known-1].ID != "dnsbl_open_resolver" || !strings.Contains(r.Line, "returnc") {
					t.Errorf("wrapped reject %d read as %v known %d: %q", i, r.Event, r.Known, r.Line)
				}
			}
			if recs[2].ClientIP != "198.51.100.7" || recs[2].Time.IsZero() {
				t.Errorf("the header's reject lost its client or time: %+v", recs[2])
			}
			if strings.Contains(recs[3].Line, "prose") || recs[4].Event == EvReject {
				t.Errorf("a whole reject took the next line: %q / %v %q", recs[3].Line, recs[4].Event, recs[4].Line)
			}
		})
	}
}

// default_rbl_reply always names the list after "blocked using": the
// reply pasted alone (as a client saw it) and broken right after those
// words goes on with the next line, which starts with the list's name.
func TestReplayJoinsRBLReplyCutAfterBlockedUsing(t *testing.T) {
	log := strings.Join([]string{
		"554 5.7.1 Service unavailable; Sender address [user@gmail.com] blocked using",
		"dbl.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/",
		"554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using",
		"  zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/",
		// Prose that ends so is no reply: it keeps its own line.
		"the refusal said it was blocked using",
		"zen.spamhaus.org",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 4)
			for i, r := range recs[:2] {
				if r.Event != EvReject || r.Known == 0 || KnownMessages[r.Known-1].ID != "dnsbl_open_resolver" || !strings.Contains(r.Line, "returnc") {
					t.Errorf("cut reply %d read as %v known %d: %q", i, r.Event, r.Known, r.Line)
				}
			}
			if strings.Contains(recs[2].Line, "spamhaus") {
				t.Errorf("prose took the next line: %q", recs[2].Line)
			}
		})
	}
}

// A reject pasted without its envelope and ending as a reply may end
// (the client, a sentence) is whole: the admin's words on the next line
// stay apart, while one cut at a ';' or ',' goes on.
func TestReplayKeepsProseAfterAnUnwrappedReject(t *testing.T) {
	log := strings.Join([]string{
		"NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.7]",
		"We also see too many connections from gmail.com, and the queue is growing.",
		"NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org;",
		"Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 3)
			if strings.Contains(recs[0].Line, "queue is growing") {
				t.Errorf("a whole reject took the prose after it: %q", recs[0].Line)
			}
			if !strings.Contains(recs[2].Line, "returnc") {
				t.Errorf("a reject cut at ';' did not go on: %q", recs[2].Line)
			}
		})
	}
}

// A daemon's warning that a page or a mail program wrapped, its rest on
// indented lines, is read back whole: syslog never starts a record with
// whitespace. A warning's indented line that carries its own stamp is the
// next record of a paste indented whole, and an indented line after an
// ordinary record is still not joined.
func TestReplayJoinsWarningWrappedWithIndent(t *testing.T) {
	log := strings.Join([]string{
		`Nov 28 10:00:01 mx postfix/master[9]: warning: service "smtp"`,
		`   (25) has reached its process limit "50": new clients may`,
		`   experience noticeable delays`,
		`Nov 28 10:00:02 mx postfix/smtpd[41]: warning: database /etc/postfix/access.db`,
		`  is older than source file /etc/postfix/access`,
		`Nov 28 10:00:03 mx postfix/cleanup[42]: warning: an odd warning`,
		`  Nov 28 10:00:04 mx postfix/smtpd[43]: connect from mail-b.example.net[198.51.100.22]`,
		`Nov 28 10:00:05 mx postfix/smtpd[43]: disconnect from mail-b.example.net[198.51.100.22]`,
		`  an indented stray line after a whole record`,
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		recs := replayRecords(t, log, workers, 6)
		if recs[0].Event != EvProcessLimit || !strings.HasSuffix(recs[0].Line, "noticeable delays") {
			t.Errorf("%d workers: wrapped process-limit warning read as %v: %q", workers, recs[0].Event, recs[0].Line)
		}
		if k := recs[1].Known; k == 0 || !strings.Contains(recs[1].Line, "is older than source file") {
			t.Errorf("%d workers: wrapped table warning not joined (known %d): %q", workers, k, recs[1].Line)
		}
		if strings.Contains(recs[2].Line, "connect from") || recs[3].Event != EvConnect {
			t.Errorf("%d workers: a stamped indented line was joined: %q then %v", workers, recs[2].Line, recs[3].Event)
		}
		if recs[4].Event != EvDisconnect || recs[5].Event != EvInvalid {
			t.Errorf("%d workers: an indented line after an ordinary record was joined: %v %v", workers, recs[4].Event, recs[5].Event)
		}
	}
}

// A summary made with sort | uniq -c puts every line behind its count,
// indented as uniq writes it: the next counted line after a warning is
// the summary's next record, not the warning's indented rest.
func TestReplayUniqCountedWarningsStayApart(t *testing.T) {
	log := strings.Join([]string{
		`      1 mx postfix/local: warning: alias database loop for ann`,
		`      1 mx postfix/local: warning: alias database loop for bob`,
		`      3 mx postfix/local: warning: alias database loop for root`,
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		// root's line was counted 3 times: it is read 3 times.
		recs := replayRecords(t, log, workers, 5)
		for i, name := range []string{"ann", "bob", "root", "root", "root"} {
			if k := recs[i].Known; k == 0 || !strings.HasSuffix(recs[i].Line, "loop for "+name) {
				t.Errorf("%d workers: counted line %d read as %q (known %d)", workers, i, recs[i].Line, k)
			}
		}
	}
}

// A warning a page broke mid-sentence without indenting its rest is read
// whole when the next line, no record of its own, completes a message
// the knowledge base knows and the warning alone matches none. A warning
// that is known alone, or whose next line completes nothing known, keeps
// its own line.
func TestReplayJoinsWarningCutBeforeKnownWords(t *testing.T) {
	log := strings.Join([]string{
		`Nov 28 10:00:01 mx postfix/trivial-rewrite[9]: warning: do not list`,
		`domain example.com in BOTH mydestination and virtual_mailbox_domains`,
		`Nov 28 10:00:02 mx postfix/cleanup[42]: warning: an odd warning`,
		`that goes on in words no entry knows`,
		`Nov 28 10:00:03 mx postfix/trivial-rewrite[9]: warning: do not list domain example.com in BOTH mydestination and virtual_mailbox_domains`,
		`domain example.com in BOTH mydestination and virtual_mailbox_domains`,
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		recs := replayRecords(t, log, workers, 5)
		if k := recs[0].Known; k == 0 || KnownMessages[k-1].ID != "domain_in_both" {
			t.Errorf("%d workers: cut warning not joined (known %d): %q", workers, k, recs[0].Line)
		}
		if recs[1].Known != 0 || strings.Contains(recs[1].Line, "goes on") || recs[2].Event != EvInvalid {
			t.Errorf("%d workers: an unknown warning took prose: %q", workers, recs[1].Line)
		}
		if k := recs[3].Known; k == 0 || strings.Count(recs[3].Line, "BOTH") != 1 || recs[4].Event != EvInvalid {
			t.Errorf("%d workers: a known warning took the next line: %q", workers, recs[3].Line)
		}
	}
}

// A paste indented whole from a shell of another locale ("Dez 01",
// "2月 06") keeps each record apart: an indented line after a warning
// that starts with a stamp of any locale the parser reads is the next
// record, not the warning's rest.
func TestReplayIndentedLocalStampsStayApart(t *testing.T) {
	for _, mon := range []string{"Dez", "déc.", "2月"} {
		log := strings.Join([]string{
			"  " + mon + " 01 10:00:03 mx postfix/cleanup[42]: warning: an odd warning",
			"  " + mon + " 01 10:00:04 mx postfix/smtpd[43]: connect from mail-b.example.net[198.51.100.22]",
		}, "\n") + "\n"
		for _, workers := range []int{1, 4} {
			recs := replayRecords(t, log, workers, 2)
			if strings.Contains(recs[0].Line, "connect from") || recs[1].Event != EvConnect {
				t.Errorf("%s, %d workers: a stamped indented line was joined: %q then %v", mon, workers, recs[0].Line, recs[1].Event)
			}
		}
	}
}

// Postfix ends a delivery record with its status and the reason after it
// ("status=%s (%s)", log_adhoc.c), so a record a mail program broke right
// after its status word goes on with the reason on the lines after it; a
// whole record and the line after it stay apart.
func TestReplayJoinsDeliveryBrokenAfterItsStatus(t *testing.T) {
	log := strings.Join([]string{
		"Mar 3 08:10:01 mx postfix/smtp[71]: 5A6B7C8D9E:",
		"to=<ann@example.net>,",
		"relay=mx.example.net[192.0.2.40]:25,",
		"delay=0.1, delays=0.01/0/0.05/0.04, dsn=4.7.0, status=deferred",
		"(host mx.example.net[192.0.2.40] said: 421",
		"4.7.0 Too many concurrent SMTP connections from this IP address",
		"(in reply to MAIL FROM command))",
		"Mar 3 08:10:02 mx postfix/smtp[72]: 5A6B7C8D9F: to=<bob@example.net>, relay=mx.example.net[192.0.2.40]:25, delay=0.2, delays=0.01/0/0.08/0.11, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
		"(a remark in parentheses after a whole record)",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 3)
			if r := recs[0]; r.Event != EvDelivery || r.Status != StatusDeferred || r.Domain != "example.net" || r.RelayIP != "192.0.2.40" ||
				r.Class != ClassConnLimit || !strings.HasSuffix(r.Reason, "(in reply to MAIL FROM command)") {
				t.Errorf("record broken after its status read as %v %v %q relay %q class %v: %q", r.Event, r.Status, r.Domain, r.RelayIP, r.Class, r.Reason)
			}
			if r := recs[1]; r.Status != StatusSent || strings.Contains(r.Line, "remark") {
				t.Errorf("a whole delivery record took the line after it: %q", r.Line)
			}
		})
	}
}

// A daemon's warning that an e-mail program or a tracker wrapped at its
// width (72, 76 or 80 columns, quoted or not) goes on with the next line
// when the next line's first word would not have fit: the master's
// process limit, a missing table's warning over three quoted lines. A
// shorter warning followed by prose, or by a line with its own header,
// stays as it is.
func TestReplayJoinsWarningsWrappedAtWidth(t *testing.T) {
	for _, c := range []struct {
		log     string
		n       int
		class   Class
		known   string
		message string
	}{
		{"Dec  3 09:00:04 mx1 postfix/master[811]: warning: service \"smtp\" (25) has\nreached its process limit \"100\": new clients may experience noticeable delays\n",
			1, ClassProcessLimit, "", "service \"smtp\" (25) has reached its process limit \"100\": new clients may experience noticeable delays"},
		{"> Dec  3 09:00:07 mx1 postfix/smtpd[3666]: warning: hash:/etc/postfix/virtual\n> is unavailable. open database /etc/postfix/virtual.db: No such file or\n> directory\n",
			1, ClassLookupFailure, "open_database_missing", ""},
		// Prose after a short warning, and a stamped line: no join.
		{"Dec  3 09:00:04 mx1 postfix/smtpd[811]: warning: odd thing\nthen I restarted it\nDec  3 09:00:05 mx1 postfix/smtpd[811]: warning: service \"smtp\" (25) has\nDec  3 09:00:06 mx1 postfix/qmgr[2]: ABCDEF1234: removed\n",
			4, 0, "", ""},
	} {
		for _, workers := range []int{1, 2} {
			recs := replayRecords(t, c.log, workers, c.n)
			if len(recs) != c.n || c.n != 1 {
				continue
			}
			r := recs[0]
			known := ""
			if r.Known != 0 {
				known = KnownMessages[r.Known-1].ID
			}
			if r.Class != c.class || known != c.known || c.message != "" && r.Message != c.message {
				t.Errorf("%q: class %v known %q message %q", c.log, r.Class, known, r.Message)
			}
		}
	}
}

// foldAt cuts s into pieces of w bytes, as fold -w does (a terminal's
// copy of a long line).
func foldAt(s string, w int) []string {
	var pieces []string
	for len(s) > w {
		pieces, s = append(pieces, s[:w]), s[w:]
	}
	return append(pieces, s)
}

// A terminal's copy (fold -w 80) cuts a long line at its width,
// mid-word, and keeps every byte: its pieces are joined as they were,
// without a blank, whatever the break splits (a domain, the ">" closing
// an address, a word of the reason), and so are the pieces of a line cut
// at another common width when every piece but the last has it.
func TestReplayJoinsLinesFoldedAtTerminalWidth(t *testing.T) {
	var plain, folded []string
	add := func(line string, w int) {
		plain = append(plain, line)
		folded = append(folded, foldAt(line, w)...)
	}
	add("Nov 28 11:13:08 mx postfix/smtp[71]: 43050C0268: to=<ann.b@relay.example.org>, relay=mx1.relay.example.org[192.0.2.10]:25, delay=0.19, delays=0.01/0.14/0.04/0.01, dsn=4.7.0, status=deferred (host mx1.relay.example.org[192.0.2.10] refused to talk to me: 421 4.7.0 Too many connections)", 80)
	// Breaks anywhere from the domain's middle to past its ">".
	for n := 1; n <= 12; n++ {
		add(fmt.Sprintf("Nov 28 11:13:09 lab postfix/smtp[72]: 43198C02%02d: to=<%s@throttled.example>, relay=127.0.0.1[127.0.0.1]:2526, conn_use=3, delay=0.2, delays=0/0.18/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 734C9C026E)",
			n, strings.Repeat("u", n)), 80)
	}
	add("Nov 28 11:13:10 mx postfix/smtp[73]: 5A6B7C8D9E: to=<carol@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.2, delays=0.01/0/0.6/0.6, dsn=5.7.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.7.1 Message rejected as spam by the content filter of this site (in reply to end of DATA command))", 120)
	// At 72 columns, cut inside "(host": the pieces go on all the same.
	add("Nov 28 11:13:11 lab postfix/smtp[74]: 43050C0218: to=<uuuuuuuuuuuuuuuuuuuux@throttled.example>, relay=mx.throttled.example[127.0.0.1]:2526, conn_use=5, delay=0.2, delays=0/0.19/0/0.01, dsn=4.7.0, status=deferred (host mx.throttled.example[127.0.0.1] refused to talk to me: 421 4.7.0 Too many connections)", 72)
	if !slices.Contains(folded, "t mx.throttled.example[127.0.0.1] refused to talk to me: 421 4.7.0 Too m") {
		t.Fatalf("72 columns no longer cut inside \"(host\": %q", folded[len(folded)-5:])
	}
	log := strings.Join(folded, "\n") + "\n"
	for _, workers := range []int{1, 3} {
		recs := replayRecords(t, log, workers, len(plain))
		for i, r := range recs {
			if r.Line != plain[i] {
				t.Errorf("%d workers: folded line joined as %q, want %q", workers, r.Line, plain[i])
			}
		}
		if r := recs[1]; r.Domain != "throttled.example" || r.Status != StatusSent {
			t.Errorf("%d workers: folded delivery read as %q %v", workers, r.Domain, r.Status)
		}
	}
}

// A mail program wraps at words and drops the blank at each break: its
// pieces are joined with one blank, also where a piece happens to be as
// long as a terminal's width but the pieces show no common width.
func TestReplayJoinsWordWrappedPiecesWithBlank(t *testing.T) {
	for _, pieces := range [][]string{
		// 72 columns once, then shorter: no width.
		{"Nov 28 11:14:01 mx postfix/smtp[74]: 5A6B7C8D9F: to=<dana1@example.net>,",
			"relay=mx.example.net[198.51.100.8]:25, delay=1.2,",
			"delays=0.01/0/0.6/0.6, dsn=4.2.2, status=deferred (host mx.example.net[198.51.100.8] said: 452 4.2.2 mailbox full (in reply to RCPT TO command))"},
		// 80 columns, then 72: the pieces differ.
		{"Nov 28 11:14:02 mx postfix/smtp[75]: 5A6B7C8DA0: to=<evelyn.karlss@example.net>,",
			"relay=mx.example.net[198.51.100.9]:25, delay=1.2, delays=0.01/0/0.6/0.6,",
			"dsn=4.2.2, status=deferred (host mx.example.net[198.51.100.9] said: 452 4.2.2 mailbox full (in reply to RCPT TO command))"},
	} {
		if n := len(pieces[0]); n != 72 && n != 80 {
			t.Fatalf("first piece is %d long", n)
		}
		recs := replayRecords(t, strings.Join(pieces, "\n")+"\n", 1, 1)
		if want := strings.Join(pieces, " "); recs[0].Line != want {
			t.Errorf("word-wrapped record joined as %q, want %q", recs[0].Line, want)
		}
	}
}

// A page or a ticket that hard-wrapped a delivery record at any width may
// break it right before the ">" that closes its address: an address holds
// no blank, so the ">" goes on without one.
func TestReplayJoinsAddressClosedOnTheNextLine(t *testing.T) {
	plain := "Nov 28 11:15:01 lab postfix/smtp[81]: 43050C0270: to=<ann@throttled.example>, relay=127.0.0.1[127.0.0.1]:2526, conn_use=5, delay=0.2, delays=0/0.19/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 70D48C0264)"
	i := strings.IndexByte(plain, '>')
	for _, log := range []string{
		plain[:i] + "\n" + plain[i:] + "\n",
		// Quoted in a reply.
		"> " + plain[:i] + "\n> " + plain[i:] + "\n",
	} {
		for _, workers := range []int{1, 2} {
			recs := replayRecords(t, log, workers, 1)
			if r := recs[0]; r.Domain != "throttled.example" || r.To != "ann@throttled.example" || r.Status != StatusSent || r.RelayPort != 2526 {
				t.Errorf("%d workers: address broken before its \">\" read as to %q domain %q %v port %d: %q", workers, r.To, r.Domain, r.Status, r.RelayPort, r.Line)
			}
		}
	}
}

// A delivery pasted without its queue id (a tag and the record's
// fields, as a post quotes them) and broken after a field's comma is
// one record with the line of its status after it.
func TestReplayJoinsWrappedDeliveryWithoutQueueID(t *testing.T) {
	log := strings.Join([]string{
		"postfix/amavis/smtp: to=<user@example.com>, relay=127.0.0.1[127.0.0.1]:10024, ",
		"status=deferred (TLS is required, but was not offered by host 127.0.0.1[127.0.0.1])",
		"postfix/smtp[61]: to=<ann@example.net>, relay=mx.example.net[198.51.100.30]:25,",
		"delay=3, dsn=4.7.1, status=deferred (host mx.example.net[198.51.100.30] said: 450 4.7.1 Try again later (in reply to RCPT TO command))",
		// A status line alone stays a line of its own.
		"postfix/smtp[62]: to=<bob@example.net>, relay=mx.example.net[198.51.100.30]:25, delay=3, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
		"status=deferred (connect to mx.example.org[192.0.2.9]:25: Connection timed out)",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			recs := replayRecords(t, log, workers, 4)
			if r := recs[0]; r.Event != EvDelivery || r.Status != StatusDeferred || r.RelayIP != "127.0.0.1" || r.Class != ClassTLS || r.Daemon != "smtp" {
				t.Errorf("first record read as %v %v relay %q class %v daemon %q: %q", r.Event, r.Status, r.RelayIP, r.Class, r.Daemon, r.Line)
			}
			if r := recs[1]; r.Event != EvDelivery || r.Status != StatusDeferred || r.Domain != "example.net" || r.DSN != "4.7.1" {
				t.Errorf("second record read as %v %v %q dsn %q: %q", r.Event, r.Status, r.Domain, r.DSN, r.Line)
			}
			if recs[2].Status != StatusSent || recs[3].Status != StatusDeferred || recs[3].RelayIP != "" && recs[3].Daemon == "smtp" {
				t.Errorf("a whole record took the next line: %+v / %q", recs[2].Line, recs[3].Line)
			}
		})
	}
}
