package sources

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The lines of a bounce(8) report that say what became of a recipient, as
// admins paste the report Postfix mailed back: read as that recipient's
// delivery, in the SMTP client's words; other MTAs' reports and other
// text beginning the same way are not.
func TestBounceReportLines(t *testing.T) {
	cases := []struct {
		name, line string
		status     Status
		domain     string
		class      Class
		code       int
	}{
		{"recipient, remote reply", "<ann@example.net>: host mx.example.net[192.0.2.1] said: 550 5.7.1 Service unavailable; client [198.51.100.7] blocked using dnsbl.example.org (in reply to RCPT TO command)",
			StatusBounced, "example.net", ClassBlocklist, 550},
		{"recipient, refused greeting", "<bob@example.org>: host mx.example.org[192.0.2.2] refused to talk to me: 554 5.7.1 Your IP address is on our block list",
			StatusDeferred, "example.org", ClassBlocklist, 554},
		{"recipient, 4xx reply", "<bob@example.org>: host mx.example.org[192.0.2.2] said: 451 4.7.1 Try again later (in reply to RCPT TO command)",
			StatusDeferred, "example.org", Classify("451 4.7.1 Try again later"), 451},
		{"recipient, connect timeout", "<cy@example.com>: connect to mx.example.com[192.0.2.3]:25: Connection timed out",
			StatusDeferred, "example.com", ClassConnectTimeout, 0},
		{"recipient, suspended", "<cy@example.com>: delivery temporarily suspended: connect to mx.example.com[192.0.2.3]:25: Connection timed out",
			StatusDeferred, "example.com", ClassConnectTimeout, 0},
		{"recipient, name service", "<dee@example.invalid>: Host or domain name not found. Name service error for name=example.invalid type=MX: Host not found, try again",
			StatusDeferred, "example.invalid", ClassDNS, 0},
		{"placeholder for the address", "<my address>: connect to mx.example.net[192.0.2.1]:25: Connection timed out",
			StatusDeferred, "", ClassConnectTimeout, 0},
		{"local recipient", "<root>: host relay.example.net[192.0.2.1] said: 554 5.7.1 <root>: Relay access denied (in reply to RCPT TO command)",
			StatusBounced, "", Classify("554 5.7.1 <root>: Relay access denied"), 554},
		{"alias expansion", "<ed@example.net> (expanded from <postmaster>): connect to mx.example.net[192.0.2.1]:25: Connection refused",
			StatusDeferred, "example.net", ClassConnectRefused, 0},
		{"diagnostic, Postfix's words", "Diagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.3]:25: Connection timed out",
			StatusDeferred, "", ClassConnectTimeout, 0},
		{"diagnostic, remote reply", "Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client [198.51.100.7] blocked using dnsbl.example.org",
			StatusBounced, "", ClassBlocklist, 550},
	}
	p := NewParser()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var r Record
			p.Parse(tc.line, &r)
			if r.Event != EvDelivery || r.Status != tc.status || r.Domain != tc.domain || r.Class != tc.class || r.Code != tc.code {
				t.Errorf("read as %v %v domain %q class %v code %d reason %q", r.Event, r.Status, r.Domain, r.Class, r.Code, r.Reason)
			}
			if r.Program != BareProgram || r.Daemon != "" || !r.Time.IsZero() {
				t.Errorf("program %q daemon %q time %v: a report line has no header", r.Program, r.Daemon, r.Time)
			}
		})
	}
	for _, line := range []string{
		"<ann@example.net>: Recipient address rejected: User unknown", // another agent's words, or a reply cut from its host
		"<ann@example.net>: con",                                          // too little to tell
		"<ann@example.net>: please connect to the office VPN",             // prose after an address
		"<ann@example.net> wrote: host mx.example.net[192.0.2.1] said: x", // a quote header
		"<b>note</b>: connect to mx.example.net[192.0.2.1]:25: Connection timed out",
		"Diagnostic-Code: smtp; Service unavailable",                                 // no reply code
		"Diagnostic-Code: X-Unix; permission denied",                                 // a local command's exit
		"Diagnostic-Code: SMTP; 550 5.1.1 User unknown",                              // sendmail's
		"Diagnostic-Code: smtp;550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized", // Exchange's
	} {
		var r Record
		p.Parse(line, &r)
		if r.Event == EvDelivery {
			t.Errorf("%q read as a delivery (%v, %q)", line, r.Status, r.Reason)
		}
	}
	// An RFC 5424 line still begins with its priority.
	var r Record
	p.Parse("<22>1 2026-11-28T10:00:00Z mx postfix/smtp 41 - - 3F2A1C0: to=<a@example.com>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.example.com[192.0.2.3]:25: Connection timed out)", &r)
	if r.Event != EvDelivery || r.Daemon != "smtp" || r.QueueID != "3F2A1C0" {
		t.Errorf("RFC 5424 line read as %v daemon %q id %q", r.Event, r.Daemon, r.QueueID)
	}
}

// A report's lines wrapped as bounce(8) wraps them (at about 76 columns,
// continued on lines indented by four spaces) are read back as one
// recipient's delivery; the delivery-status fields after them stay apart.
func TestReplayJoinsWrappedBounceReport(t *testing.T) {
	log := strings.Join([]string{
		"This is the mail system at host mx.example.com.",
		"",
		"<ann@example.net>: host mx.example.net[192.0.2.1] said: 554 5.7.1",
		"    Service unavailable; client [198.51.100.7] blocked using",
		"    dnsbl.example.org (in reply to RCPT TO command)",
		"",
		"<dee@example.org>: host mx.example.org[192.0.2.2]",
		"    refused to talk to me: 554 5.7.1 Your IP address is on our block list",
		"",
		"<root@mx.example.com> (expanded from <root>): Host",
		"    or domain name not found. Name service error for",
		"    name=mx.example.com type=A: Host not found",
		"<cy@example.com>: delivery temporarily suspended: connect to",
		"    mx.example.com[192.0.2.3]:25: Connection timed out",
		"Reporting-MTA: dns; mx.example.com",
		"",
		"Final-Recipient: rfc822; cy@example.com",
		"Action: delayed",
		"Status: 4.4.1",
		"Diagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.3]:25:",
		"    Connection timed out",
		"Will-Retry-Until: Sat, 28 Nov 2026 10:00:00 +0000 (UTC)",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		got := replayDeliveries(t, log, workers, 5)
		if r := got[0]; r.Domain != "example.net" || r.Class != ClassBlocklist || r.Status != StatusBounced || !strings.HasSuffix(r.Reason, "(in reply to RCPT TO command)") {
			t.Errorf("wrapped reply read as %q %v %v %q", r.Domain, r.Class, r.Status, r.Reason)
		}
		if r := got[1]; r.Domain != "example.org" || r.Class != ClassBlocklist || r.Status != StatusDeferred || r.Code != 554 {
			t.Errorf("report cut after the peer read as %q %v %v %d %q", r.Domain, r.Class, r.Status, r.Code, r.Reason)
		}
		if r := got[2]; r.Domain != "mx.example.com" || r.Class != ClassDNS || !strings.HasSuffix(r.Reason, "type=A: Host not found") {
			t.Errorf("wrapped name service error read as %q %v %q", r.Domain, r.Class, r.Reason)
		}
		if r := got[3]; r.Domain != "example.com" || r.Class != ClassConnectTimeout || !r.Suspended {
			t.Errorf("wrapped suspension read as %q %v suspended %v %q", r.Domain, r.Class, r.Suspended, r.Reason)
		}
		if r := got[4]; r.Class != ClassConnectTimeout || !strings.HasSuffix(r.Reason, ":25: Connection timed out") {
			t.Errorf("wrapped diagnostic read as %v %q", r.Class, r.Reason)
		}
	}
}

// A report as a web page shows it: the recipient's <address> taken for an
// HTML tag and dropped, so that its paragraph begins ": ", and the
// continuation lines' indentation gone, the first line cut right after the
// peer. It is still the recipient's delivery, joined whole; a line of prose
// that begins with a colon is not.
func TestReplayJoinsBounceReportAsAPageShowsIt(t *testing.T) {
	log := strings.Join([]string{
		"The mail system",
		"",
		": host mx1.mail.example.net[192.0.2.10]",
		"said: 550 5.7.1 Service unavailable; Client host [198.51.100.7] blocked",
		"using Example List; To request removal from this list please write to",
		"delist@example.net (in reply to RCPT TO command)",
		"",
		": connect to mx.example.org[192.0.2.20]:25: Connection timed out",
		": see below",
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		got := replayDeliveries(t, log, workers, 2)
		if r := got[0]; r.Domain != "" || r.Class != ClassBlocklist || r.Status != StatusBounced || r.Code != 550 || !strings.HasSuffix(r.Reason, "(in reply to RCPT TO command)") {
			t.Errorf("paragraph without its address read as %q %v %v %d %q", r.Domain, r.Class, r.Status, r.Code, r.Reason)
		}
		if r := got[1]; r.Class != ClassConnectTimeout || r.Status != StatusDeferred {
			t.Errorf("one-line paragraph without its address read as %v %v %q", r.Class, r.Status, r.Reason)
		}
	}
}

// Both readers of a notice's paragraph (with the recipient in angle
// brackets, or bare as a post left it) weigh its reply alike: a 5XX reply
// is a bounce, a 5XX greeting a deferral (smtp_skip_5xx_greeting).
func TestNoticeParagraphsWeighRepliesAlike(t *testing.T) {
	for _, c := range []struct {
		line string
		want Status
	}{
		{"<bob@example.org>: host mx.example.org[192.0.2.2] said: 550 5.1.1 no such user (in reply to RCPT TO command)", StatusBounced},
		{"bob@example.org: host mx.example.org[192.0.2.2] said: 550 5.1.1 no such user (in reply to RCPT TO command)", StatusBounced},
		{"<bob@example.org>: host mx.example.org[192.0.2.2] refused to talk to me: 554 5.7.1 blocked", StatusDeferred},
		{"bob@example.org: host mx.example.org[192.0.2.2] refused to talk to me: 554 5.7.1 blocked", StatusDeferred},
	} {
		if r := parse(c.line); r.Event != EvDelivery || r.Status != c.want || r.Domain != "example.org" {
			t.Errorf("%q: event %v status %v domain %q, want a delivery, %v", c.line, r.Event, r.Status, r.Domain, c.want)
		}
	}
}

// A server's reply as the smtp client ends it, "(in reply to CMD
// command)", pasted without the "host X[addr] said: " before it: the
// reason of a delivery whose recipient and peer the post left out, read
// when it begins with the reply's code or enhanced status code and ends
// with a command Postfix names. Other text ending in parentheses is not.
func TestReplyWithClientTail(t *testing.T) {
	p := NewParser()
	for _, c := range []struct {
		line   string
		status Status
		class  Class
		code   int
	}{
		{"530 5.7.0 Authentication required (in reply to MAIL FROM command)", StatusBounced, ClassConfigError, 530},
		{"5.1.0 Authentication Required (AB123) (in reply to MAIL FROM command)", StatusDeferred, ClassConfigError, 0},
		{"452 4.2.2 Mailbox full (in reply to RCPT TO command)", StatusDeferred, ClassRecipient, 452},
		{"554 5.7.1 Service unavailable; client [198.51.100.7] blocked using dnsbl.example.org (in reply to end of DATA command)", StatusBounced, ClassBlocklist, 554},
		// Cut from a delivery record, the reply keeps the closing
		// parenthesis of the record's "status=... (...)".
		{"550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))", StatusBounced, ClassRecipient, 550},
		{"451 4.7.1 Greylisted (in reply to RCPT TO command))", StatusDeferred, ClassGreylist, 451},
	} {
		var r Record
		p.Parse(c.line, &r)
		if r.Event != EvDelivery || r.Status != c.status || r.Domain != "" || r.Class != c.class || r.Code != c.code {
			t.Errorf("%q read as %v %v domain %q class %v code %d", c.line, r.Event, r.Status, r.Domain, r.Class, r.Code)
		}
	}
	for _, line := range []string{
		"Authentication required (in reply to MAIL FROM command)",   // no code
		"550 5.1.1 User unknown (in reply to the message you sent)", // not the client's tail
		"550 see you (in reply to LUNCH command)",                   // no command Postfix sends
		"2024 was a year (in reply to MAIL FROM command)",           // a number, not a code
		"550 5.1.1 User unknown (in reply to RCPT TO command)))",    // more closing than one record's
		"550 5.1.1 User unknown) (in reply to RCPT TO command))",    // no record's parenthesis left over
	} {
		var r Record
		p.Parse(line, &r)
		if r.Event == EvDelivery || r.Event == EvAttempt {
			t.Errorf("%q read as %v (%v, %q)", line, r.Event, r.Status, r.Reason)
		}
	}
}

// A remote server's multi-line reply as the smtp client joins it into one
// line ("550-5.7.1 first 550-5.7.1 second 550 5.7.1 last."), pasted alone
// without "host X[addr] said: " and without its "(in reply to ...)":
// every line of the reply repeats the code, the last one with a space, a
// shape no smtpd refusal has. It is read as a delivery without recipient
// or peer; a single-line reply, or one whose codes differ, stays unread.
func TestJoinedMultilineReply(t *testing.T) {
	checkReplyReads(t, []replyRead{
		{"550-5.7.26 Unauthenticated mail from example.org is refused. To protect 550-5.7.26 our users this message was blocked. Read 550 5.7.26 https://mx.example.net/auth for details.", StatusBounced, ClassSenderAuth, 550},
		{"421-4.7.0 [192.0.2.7 15] Your address sends too fast. Please 421-4.7.0 try again later. 421 4.7.0 ab12cd - mx", StatusDeferred, ClassOther, 421},
		{"550-Mail from this network is refused. 550 See the postmaster page.", StatusBounced, ClassOther, 550},
	}, []string{
		"550 5.7.1 Message refused by policy",                         // one line: a client's or smtpd's, unknown
		"550-5.7.1 first part of a reply 421 4.7.0 then another code", // the codes differ
		"550-5.7.1 a continuation line with no last line after it",    // never ends
		"250-mx.example.net Hello 250-PIPELINING 250 SIZE 10240000",   // a success, no failure
		"2024-05-01 was the day 2024 was over",                        // a date, not a code
	})
}

// replayDeliveries replays log as a file on workers parse workers and
// returns its delivery records, failing unless there are want of them.
func replayDeliveries(t *testing.T, log string, workers, want int) []Record {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bounce")
	if err := os.WriteFile(path, []byte(log), 0o600); err != nil {
		t.Fatal(err)
	}
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	var got []Record
	for _, r := range recs {
		if r.Event == EvDelivery {
			got = append(got, r)
		}
	}
	if len(got) != want {
		for _, r := range recs {
			t.Logf("%v %q", r.Event, r.Line)
		}
		t.Fatalf("%d workers: %d deliveries, want %d", workers, len(got), want)
	}
	return got
}

// The same joined reply quoted from inside its first line, its first code
// cut off with the words before the quote: the continuation marks after
// it ("NNN-X.Y.Z " on each further line, "NNN X.Y.Z " on the last) are the
// remote's still. Prose that holds a lone code, a phone number or a date
// stays unread.
func TestJoinedMultilineReplyCutBeforeItsFirstCode(t *testing.T) {
	checkReplyReads(t, []replyRead{
		{"Your address sends more mail than we take at a 421-4.7.0 time. Please try again 421-4.7.0 later. 421 4.7.0 ab12cd - mx", StatusDeferred, ClassOther, 421},
		{"contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered. 450 4.2.1 Please resend later.", StatusDeferred, ClassRateLimit, 450},
	}, []string{
		"call us on 555-1234 or write to room 555 at noon",                // a phone number, no status code
		"the server said 421 4.7.0 and nothing more",                      // one line, no continuation
		"we saw 421-4.7.0 once and then 550 5.7.1 from another server",    // the codes differ
		"in 2024-05-01 the queue had 450-4.2.1 marks that never end",      // no last line
		"a reply of 250-2.0.0 queued 250 2.0.0 ok lines is a success one", // no failure
	})
}

// replyRead is a quoted reply and how it must read: a delivery without
// recipient or peer, of that status and code, and of that class unless
// the class is ClassOther (any).
type replyRead struct {
	line   string
	status Status
	class  Class
	code   int
}

// checkReplyReads checks that each of reads reads so, and that none of
// unread reads as a delivery or a failed try.
func checkReplyReads(t *testing.T, reads []replyRead, unread []string) {
	t.Helper()
	p := NewParser()
	for _, c := range reads {
		var r Record
		p.Parse(c.line, &r)
		if r.Event != EvDelivery || r.Status != c.status || r.Domain != "" || r.Code != c.code || c.class != ClassOther && r.Class != c.class {
			t.Errorf("%q read as %v %v domain %q class %v code %d", c.line, r.Event, r.Status, r.Domain, r.Class, r.Code)
		}
	}
	for _, line := range unread {
		var r Record
		p.Parse(line, &r)
		if r.Event == EvDelivery || r.Event == EvAttempt {
			t.Errorf("%q read as %v (%v, %q)", line, r.Event, r.Status, r.Reason)
		}
	}
}
