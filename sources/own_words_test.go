package sources

import (
	"strings"
	"testing"
	"time"
)

// hostClasses are the classes that say this host itself is short of
// something: descriptors, smtpd processes, database connections, a table.
var hostClasses = map[Class]bool{ClassFDLimit: true, ClassPortsBusy: true, ClassProcessLimit: true,
	ClassTableConnLimit: true, ClassLookupFailure: true}

// Words about a host's own condition that another party wrote: a remote
// server's reply a delivery quotes, the header or body text cleanup's
// content checks quote, the reply a milter or a policy service words for
// smtpd. None of them is this host's condition.
var othersWords = []string{
	// A remote Postfix's postscreen with all its smtpd processes busy,
	// greeting this host's smtp client.
	"Dec  3 09:14:07 relay2 postfix/smtp[8812]: 4QH2xY0kLpz9: to=<ops@partner.example>, relay=mail.partner.example[203.0.113.25]:25, delay=0.4, delays=0.1/0/0.3/0, dsn=4.3.2, status=deferred (host mail.partner.example[203.0.113.25] refused to talk to me: 421 4.3.2 All server ports are busy)",
	// A remote server short of descriptors, of database connections, of
	// a table, of disk.
	"Dec  3 09:14:08 relay2 postfix/smtp[8813]: 4QH2xY0kLpzA: to=<ops@partner.example>, relay=mail.partner.example[203.0.113.25]:25, delay=2.1, delays=0.1/0/0.6/1.4, dsn=4.3.0, status=deferred (host mail.partner.example[203.0.113.25] said: 451 4.3.0 Temporary system problem: Too many open files (in reply to end of DATA command))",
	"Dec  3 09:14:09 relay2 postfix/smtp[8814]: 4QH2xY0kLpzB: to=<ops@partner.example>, relay=mail.partner.example[203.0.113.25]:25, delay=1.0, delays=0.1/0/0.6/0.3, dsn=4.3.0, status=deferred (host mail.partner.example[203.0.113.25] said: 451 4.3.0 Error: too many clients already (in reply to RCPT TO command))",
	"Dec  3 09:14:10 relay2 postfix/smtp[8815]: 4QH2xY0kLpzC: to=<ops@partner.example>, relay=mail.partner.example[203.0.113.25]:25, delay=1.0, delays=0.1/0/0.6/0.3, dsn=4.3.0, status=deferred (host mail.partner.example[203.0.113.25] said: 451 4.3.0 <ops@partner.example>: Temporary lookup failure (in reply to RCPT TO command))",
	// header_checks, body_checks, mime_header_checks and
	// nested_header_checks actions: cleanup quotes the header or body
	// line as the sender wrote it.
	"Dec  3 09:20:01 mx1 postfix/cleanup[4410]: 7C1F93A021: warning: header Subject: Re: Too many open files on the build host from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>: watched subject",
	"Dec  3 09:20:02 mx1 postfix/cleanup[4410]: 7C1F93A022: warning: body psql: FATAL: sorry, too many clients already from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
	"Dec  3 09:20:03 mx1 postfix/cleanup[4410]: 7C1F93A023: discard: body rsync: write failed: No space left on device from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
	"Dec  3 09:20:04 mx1 postfix/cleanup[4410]: 7C1F93A024: hold: header X-Alert: all server ports busy on mx9 from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
	"Dec  3 09:20:05 mx1 postfix/cleanup[4410]: 7C1F93A025: info: header Subject: out of memory again from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
	"Dec  3 09:20:06 mx1 postfix/cleanup[4410]: 7C1F93A026: redirect: header Content-Description: fork: Cannot allocate memory from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>: quarantine@example.org",
	"Dec  3 09:20:07 mx1 postfix/cleanup[4410]: 7C1F93A027: filter: body connect to mysql server db1: Too many connections from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>: smtp:[127.0.0.1]:10025",
	"Dec  3 09:20:08 mx1 postfix/cleanup[4410]: 7C1F93A028: prepend: header Subject: postfix/master: daemon initialization failure from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>: X-Flag: ops",
	"Dec  3 09:20:09 mx1 postfix/cleanup[4410]: 7C1F93A029: replace: header Subject: mail system is down from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>: Subject: [ops]",
	"Dec  3 09:20:10 mx1 postfix/cleanup[4410]: 7C1F93A02A: reject: body error: accept connection: Too many open files from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>: 5.7.1 log pastes are not accepted",
	// A milter's and a policy service's own replies, which smtpd and
	// cleanup log as the reply they sent.
	"Dec  3 09:30:01 mx1 postfix/smtpd[5120]: NOQUEUE: milter-reject: RCPT from mail.example.net[198.51.100.7]: 451 4.3.0 scanner: No space left on device; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
	"Dec  3 09:30:02 mx1 postfix/cleanup[4411]: 7C1F93A02B: milter-reject: END-OF-MESSAGE from mail.example.net[198.51.100.7]: 4.3.0 clamd: Cannot allocate memory; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
	"Dec  3 09:30:03 mx1 postfix/smtpd[5120]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 451 4.3.0 <ops@example.org>: Recipient address rejected: quota service: Too many open files; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
	"Dec  3 09:30:04 mx1 postfix/smtpd[5120]: NOQUEUE: warn: RCPT from mail.example.net[198.51.100.7]: policy: out of memory; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>",
}

// The words stay this host's where a Postfix daemon writes them of
// itself: the same words, so that the test above can fail.
var hostOwnWords = []struct {
	line  string
	class Class
	known string
}{
	{"Dec  3 09:40:01 mx1 postfix/smtpd[5121]: error: accept connection: Too many open files", ClassFDLimit, ""},
	{"Dec  3 09:40:02 mx1 postfix/postscreen[700]: NOQUEUE: reject: CONNECT from [198.51.100.7]:40028: all server ports busy", ClassPortsBusy, ""},
	{"Dec  3 09:40:03 mx1 postfix/smtpd[5121]: warning: connect to pgsql server db1: FATAL:  sorry, too many clients already", ClassTableConnLimit, "pgsql_too_many_clients"},
	{"Dec  3 09:40:04 mx1 postfix/cleanup[4412]: warning: 7C1F93A02C: write queue file: No space left on device", ClassDaemonCrash, "no_space"},
	{"Dec  3 09:40:05 mx1 postfix/master[1]: warning: service \"smtp\" (25) has reached its process limit \"100\": new clients may experience noticeable delays", ClassProcessLimit, ""},
	// smtpd's own replies for its own trouble, which it logs as it sends.
	{"Dec  3 09:40:06 mx1 postfix/smtpd[5121]: NOQUEUE: reject: MAIL from mail.example.net[198.51.100.7]: 452 4.3.1 Insufficient system storage; proto=ESMTP helo=<mail.example.net>", ClassDaemonCrash, "queue_space_reject"},
	{"Dec  3 09:40:07 mx1 postfix/smtpd[5121]: NOQUEUE: milter-reject: RCPT from mail.example.net[198.51.100.7]: 451 4.7.1 Service unavailable - try again later; from=<dev@example.net> to=<ops@example.org> proto=ESMTP helo=<mail.example.net>", ClassDaemonCrash, "milter_tempfail"},
	// A remote's limit on this host's connections stays the remote's.
	{"Dec  3 09:40:08 relay2 postfix/smtp[8817]: 4QH2xY0kLpzE: to=<ops@partner.example>, relay=mail.partner.example[203.0.113.25]:25, delay=0.4, delays=0.1/0/0.3/0, dsn=4.7.0, status=deferred (host mail.partner.example[203.0.113.25] refused to talk to me: 421 4.7.0 mail.partner.example Error: too many connections from 192.0.2.10)", ClassConnLimit, ""},
}

func TestHostConditionOnlyInOwnWords(t *testing.T) {
	p := &Parser{Year: 2026, Loc: time.UTC}
	for _, line := range othersWords {
		var r Record
		p.Parse(line, &r)
		if hostClasses[r.Class] {
			t.Errorf("class %s from another party's words: %q", r.Class, line)
		}
		if r.Known != 0 {
			t.Errorf("entry %s from another party's words: %q", KnownMessages[r.Known-1].ID, line)
		}
	}
	for _, w := range hostOwnWords {
		var r Record
		p.Parse(w.line, &r)
		if r.Class != w.class {
			t.Errorf("class %s, want %s: %q", r.Class, w.class, w.line)
		}
		id := ""
		if r.Known != 0 {
			id = KnownMessages[r.Known-1].ID
		}
		if w.known != "" && id != w.known {
			t.Errorf("entry %q, want %s: %q", id, w.known, w.line)
		}
	}
}

// The queue's delay reasons are read as the log's: a remote's reply
// there is the remote's.
func TestDelayReasonQuotesNoHostCondition(t *testing.T) {
	for _, reason := range []string{
		"host mail.partner.example[203.0.113.25] refused to talk to me: 421 4.3.2 All server ports are busy",
		"host mail.partner.example[203.0.113.25] said: 451 4.3.0 Temporary system problem: Too many open files (in reply to end of DATA command)",
		"delivery temporarily suspended: host mail.partner.example[203.0.113.25] refused to talk to me: 421 4.3.2 All server ports are busy",
	} {
		if c := Classify(reason); hostClasses[c] {
			t.Errorf("Classify(%q) = %s", reason, c)
		}
		if c := Classify(strings.ToUpper(reason)); hostClasses[c] {
			t.Errorf("Classify(%q) = %s", strings.ToUpper(reason), c)
		}
	}
}

// Every entry that does not read a refusal's text (Reply) matches none of
// its own words there, and no entry reads a content check's quote: the
// table's rule, on each entry's words.
func TestEntriesReadOnlyTheirPart(t *testing.T) {
	for _, k := range KnownMessages {
		if k.reads()&readsLine == 0 {
			continue
		}
		words := strings.Join(k.Match, " ")
		for _, s := range []string{
			"reject: RCPT from c.example.net[198.51.100.7]: 451 4.3.0 <b@example.org>: Recipient address rejected: " + words,
			"milter-reject: END-OF-MESSAGE from c.example.net[198.51.100.7]: 4.7.1 " + words,
			"warn: RCPT from c.example.net[198.51.100.7]: " + words,
		} {
			if m := MatchKnown(s); m != 0 && !KnownMessages[m-1].Reply {
				t.Errorf("%s read a refusal's text: %q", KnownMessages[m-1].ID, s)
			}
		}
		for _, s := range []string{
			"header Subject: " + words + " from c.example.net[198.51.100.7]",
			"discard: body " + words + " from c.example.net[198.51.100.7]",
			"milter-header-hold: header X-Note: " + words + " from c.example.net[198.51.100.7]",
		} {
			if m := MatchKnown(s); m != 0 {
				t.Errorf("%s read a content check's quote: %q", KnownMessages[m-1].ID, s)
			}
		}
	}
}

// A class of this host's own condition reads its words in the daemon's
// text, never in a remote's reply.
func TestOwnClassesReadNoReply(t *testing.T) {
	n := 0
	for _, r := range classRules {
		if !ownClass[r.class] {
			continue
		}
		for _, p := range r.pats {
			n++
			if c := Classify(string(p)); c != r.class {
				t.Errorf("Classify(%q) = %s, want %s", p, c, r.class)
			}
			for _, s := range []string{
				"host mx.example.net[192.0.2.8] said: 451 4.3.0 " + string(p) + " (in reply to RCPT TO command)",
				"host mx.example.net[192.0.2.8] refused to talk to me: 421 4.3.2 " + string(p),
			} {
				if c := Classify(s); ownClass[c] {
					t.Errorf("Classify(%q) = %s", s, c)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no class of this host's own condition")
	}
}
