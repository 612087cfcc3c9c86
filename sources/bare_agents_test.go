package sources

import (
	"fmt"
	"testing"
)

// reading is what a record says about the mail: a paste that drops the
// syslog header and the program tag must say the same.
func reading(r Record) string {
	known := ""
	if r.Known != 0 {
		known = KnownMessages[r.Known-1].ID
	}
	return fmt.Sprintf("event=%v severity=%v class=%v status=%v known=%q id=%q from=%q size=%d nrcpt=%d to=%q domain=%q dsn=%q code=%d count=%d limit=%d",
		r.Event, r.Severity, r.Class, r.Status, known, r.QueueID, r.From, r.Size, r.Nrcpt, r.To, r.Domain, r.DSN, r.Code, r.Count, r.Limit)
}

// The queue manager's and the delivery agents' lines, pasted without the
// syslog header and the program tag, read as the tagged line does: the
// queue manager's records by their own shape (opened.c, qmgr_active.c,
// qmgr_entry.c), a delivery record's agent by its relay= field: local,
// virtual and pipe log their master.cf service name, a bare word, and only
// the LMTP client connects to a UNIX-domain socket ("host[private/...]").
func TestBareLineReadsAsTagged(t *testing.T) {
	cases := []struct{ tag, msg string }{
		{"postfix/qmgr", "3F2A1C0D9: from=<a@b.example>, size=2048, nrcpt=3 (queue active)"},
		{"postfix/qmgr", "3F2A1C0D9: from=<>, size=2048, nrcpt=1 (queue active)"},
		{"postfix/qmgr", "3F2A1C0D9: removed"},
		{"postfix/qmgr", "3F2A1C0D9: from=<a@b.example>, status=expired, returned to sender"},
		{"postfix/qmgr", "3F2A1C0D9: from=<a@b.example>, status=force-expired, returned to sender"},
		{"postfix/qmgr", "3F2A1C0D9: skipped, still being delivered"},
		{"postfix/qmgr", "warning: mail for b.example is using up 4001 of 20000 active queue entries"},
		// master's own words about a service at its process limit.
		{"postfix/master", `warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`},
		{"postfix/master", `warning: service "smtpd" (private/smtpd) has reached its process limit "5": new clients may experience noticeable delays`},
		{"postfix/bounce", "3F2A1C0D9: sender non-delivery notification: 4B1D2E3F4A"},
		{"postfix/bounce", "3F2A1C0D9: sender delay notification: 4B1D2E3F4A"},
		{"postfix/smtp", "3F2A1C0D9: SASL authentication failed; server relay.b.example[192.0.2.4] said: 535 5.7.8 Error: authentication failed: authentication failure"},
		{"postfix/local", "3F2A1C0D9: to=<root@mx.example>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/root for user root. file too large)"},
		{"postfix/local", `3F2A1C0D9: to=<joe@mx.example>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: "joe")`},
		{"postfix/local", `3F2A1C0D9: to=<joe@mx.example>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: /usr/bin/procmail: Couldn't create "/var/mail/joe")`},
		{"postfix/virtual", "3F2A1C0D9: to=<joe@b.example>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (maildir delivery failed: create maildir file /var/vmail/b.example/joe/tmp/1.2.mx: Permission denied)"},
		{"postfix/virtual", `3F2A1C0D9: to=<joe@b.example>, relay=virtual, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: "joe@b.example")`},
		{"postfix/pipe", `3F2A1C0D9: to=<joe@b.example>, relay=dovecot, delay=0.1, delays=0/0/0/0.1, dsn=5.3.0, status=bounced (Command died with status 1: "/usr/lib/dovecot/deliver")`},
		{"postfix/pipe", "3F2A1C0D9: to=<joe@b.example>, relay=spamassassin, delay=0.1, delays=0/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: spamc: connect to spamd on 127.0.0.1 failed)"},
		{"postfix/lmtp", "3F2A1C0D9: to=<joe@b.example>, relay=mx.b.example[private/dovecot-lmtp], delay=0.1, delays=0/0/0/0.1, dsn=4.2.2, status=deferred (host mx.b.example[private/dovecot-lmtp] said: 452 4.2.2 <joe@b.example> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))"},
		{"postfix/lmtp", "3F2A1C0D9: to=<joe@b.example>, relay=mx.b.example[/var/run/dovecot/lmtp], delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (host mx.b.example[/var/run/dovecot/lmtp] said: 550 5.1.1 <joe@b.example> User doesn't exist: joe@b.example (in reply to RCPT TO command))"},
		{"postfix/lmtp", "3F2A1C0D9: to=<joe@b.example>, relay=dovecot[172.22.1.250]:24, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (host dovecot[172.22.1.250] said: 550 5.1.1 <joe@b.example> User doesn't exist: joe@b.example (in reply to RCPT TO command))"},
		{"postfix/lmtp", "3F2A1C0D9: to=<joe@b.example>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=4.4.1, status=deferred (connect to mx.b.example[private/dovecot-lmtp]: No such file or directory)"},
		// Also cut before the queue id, as a reply quoted from a notice.
		{"postfix/lmtp", "to=<joe@b.example>, relay=mx.b.example[private/dovecot-lmtp], delay=0.1, delays=0/0/0/0.1, dsn=4.2.2, status=deferred (host mx.b.example[private/dovecot-lmtp] said: 452 4.2.2 <joe@b.example> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))"},
		{"postfix/pipe", `to=<joe@b.example>, relay=dovecot, delay=0.1, delays=0/0/0/0.1, dsn=5.3.0, status=bounced (Command died with status 1: "/usr/lib/dovecot/deliver")`},
		// The smtp client's attempt records after a queue id, a post having
		// left out the peer's address: the server's name and a reply code.
		{"postfix/smtp", "3F2A1C0D9: host mx.y.example refused to talk to me: 554 5.7.1 Your IP address is on our block list"},
		{"postfix/smtp", "3F2A1C0D9: host mx.y.example said: 451 4.7.1 Try again later (in reply to MAIL FROM command)"},
		// The smtp client's records read as they did.
		{"postfix/smtp", "3F2A1C0D9: to=<x@y.example>, relay=mx.y.example[192.0.2.4]:25, delay=5, delays=0/0/5/0, dsn=4.7.0, status=deferred (host mx.y.example[192.0.2.4] said: 421 4.7.0 Try again later, closing connection. (in reply to end of DATA command))"},
		{"postfix/smtp", "3F2A1C0D9: to=<x@y.example>, relay=mx.y.example[192.0.2.4]:25, delay=5, delays=0/0/5/0, dsn=5.1.1, status=bounced (host mx.y.example[192.0.2.4] said: 550 5.1.1 <x@y.example> User unknown (in reply to RCPT TO command))"},
		{"postfix/smtp", "3F2A1C0D9: to=<x@y.example>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=y.example type=MX: Host not found, try again)"},
	}
	for _, c := range cases {
		tagged := parse("Nov 28 04:00:00 mx1 " + c.tag + "[77]: " + c.msg)
		if tagged.Event == EvUnknown || tagged.Event == EvOther || tagged.Event == EvInvalid {
			t.Fatalf("%s: the tagged line is not read (%v)", c.msg, tagged.Event)
		}
		want := reading(tagged)
		for _, line := range []string{c.msg, "mx1 " + c.tag + "[77]: " + c.msg} {
			if got := reading(parse(line)); got != want {
				t.Errorf("%s\n got %s\nwant %s", line, got, want)
			}
		}
	}
}

// What only looks like those shapes stays as it was: prose after a queue
// id, and the smtp client's records, whose replies come from remote
// servers and never read the entries written for this site's LMTP server.
func TestBareLineShapesNotTaken(t *testing.T) {
	for _, c := range []struct {
		line  string
		event Event
	}{
		{"3F2A1C0D9: from=<a@b.example> is who sent it", EvUnknown},
		{"3F2A1C0D9: removed from the queue by hand", EvUnknown},
		{"3F2A1C0D9: sender non-delivery notification went out", EvUnknown},
		{"3F2A1C0D9: host mx.y.example refused to talk to me about it", EvUnknown},
		{"3F2A1C0D9: host of the party said: 550 guests", EvUnknown},
		{"host mx.y.example refused to talk to me: 554 5.7.1 no", EvInvalid},
		{"mail for the whole team is using up the disk", EvInvalid},
	} {
		if r := parse(c.line); r.Event != c.event {
			t.Errorf("%s: event %v, want %v", c.line, r.Event, c.event)
		}
	}
	for _, line := range []string{
		"3F2A1C0D9: to=<x@y.example>, relay=mx.y.example[192.0.2.4]:25, delay=5, delays=0/0/5/0, dsn=5.1.1, status=bounced (host mx.y.example[192.0.2.4] said: 550 5.1.1 <x@y.example> User unknown (in reply to RCPT TO command))",
		"3F2A1C0D9: to=<x@y.example>, relay=mx.y.example[192.0.2.4]:25, delay=5, delays=0/0/5/0, dsn=4.2.2, status=deferred (host mx.y.example[192.0.2.4] said: 452 4.2.2 <x@y.example> Mailbox full (in reply to RCPT TO command))",
		"3F2A1C0D9: to=<x@y.example>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.y.example[192.0.2.4]:25: No such file or directory)",
		"3F2A1C0D9: to=<x@y.example>, relay=mx.y.example[192.0.2.4]:2525, delay=5, delays=0/0/5/0, dsn=5.1.1, status=bounced (host mx.y.example[192.0.2.4] said: 550 5.1.1 <x@y.example> User unknown (in reply to RCPT TO command))",
		"to=<x@y.example>, relay=mx.y.example[192.0.2.4]:25, delay=5, delays=0/0/5/0, dsn=5.1.1, status=bounced (host mx.y.example[192.0.2.4] said: 550 5.1.1 <x@y.example> User unknown (in reply to RCPT TO command))",
	} {
		r := parse(line)
		if r.Event != EvDelivery {
			t.Fatalf("%s: event %v", line, r.Event)
		}
		if r.Known != 0 && KnownMessages[r.Known-1].Agent != "" {
			t.Errorf("%s: read by %s, an entry for %s's replies", line, KnownMessages[r.Known-1].ID, KnownMessages[r.Known-1].Agent)
		}
	}
}

// A delivery record cut before its relay, or a mailq reason, whose reason
// opens in the words only local(8), virtual(8) and pipe(8) write
// (unknown.c, mailbox.c, maildir.c, pipe_command.c) reads as those
// agents' records do; the same words inside a remote's reply do not.
func TestBareAgentReasons(t *testing.T) {
	for _, c := range []struct{ agent, status, reason string }{
		{"local", "bounced", `unknown user: "| /usr/libexec/sympa/queue listmaster"`},
		{"virtual", "bounced", `unknown user: "joe@b.example"`},
		{"local", "bounced", "cannot update mailbox /var/mail/root for user root. file too large"},
		{"virtual", "deferred", "maildir delivery failed: create maildir file /var/vmail/b.example/joe/tmp/1.2.mx: Permission denied"},
		{"pipe", "bounced", `Command died with status 1: "/usr/lib/dovecot/deliver"`},
		{"pipe", "deferred", "temporary failure. Command output: spamc: connect to spamd on 127.0.0.1 failed"},
		{"pipe", "bounced", "user unknown. Command output: lda: Fatal: Unknown user"},
		{"local", "deferred", `temporary failure. Command output: /usr/bin/procmail: Couldn't create "/var/mail/joe"`},
	} {
		tagged := parse("Nov 28 04:00:00 mx1 postfix/" + c.agent + "[77]: 3F2A1C0D9: to=<joe@b.example>, relay=" + c.agent + ", delay=0.1, delays=0/0/0/0.1, dsn=4.3.0, status=" + c.status + " (" + c.reason + ")")
		if tagged.Known == 0 {
			t.Fatalf("%s: the tagged record reads no entry", c.reason)
		}
		want := KnownMessages[tagged.Known-1].ID
		lines := []string{"status=" + c.status + " (" + c.reason + ")"}
		if c.status == "deferred" {
			lines = append(lines, "("+c.reason+")")
		}
		for _, line := range lines {
			r := parse(line)
			got := entryID(r)
			if r.Event != EvDelivery || got != want || r.Class != tagged.Class {
				t.Errorf("%s: event %v entry %q class %v, want delivery %q %v", line, r.Event, got, r.Class, want, tagged.Class)
			}
		}
	}
	for _, line := range []string{
		`status=bounced (host mx.y.example[192.0.2.4] said: 550 5.1.1 unknown user: "joe" (in reply to RCPT TO command))`,
		"status=deferred (host mx.y.example[192.0.2.4] said: 451 4.3.0 temporary failure. Command output: none (in reply to end of DATA command))",
		"status=deferred (conversation with mx.y.example[192.0.2.4] timed out while sending end of data -- message may be sent more than once)",
	} {
		if r := parse(line); r.Known != 0 && KnownMessages[r.Known-1].Side == "host" {
			t.Errorf("%s: read as this host's own agent's (%s)", line, KnownMessages[r.Known-1].ID)
		}
	}
}

// A reason of local(8) or virtual(8) quoted alone, without the record
// around it or mailq's parentheses, as posts and tickets quote it, reads
// as the agents' own record does: whole, or from the words of the mbox
// lock routine on (dot_lockfile.c), which the agents put after "cannot
// update mailbox NAME for user USER. ". Prose that only mentions them, or
// a reason in another's words, stays unread.
func TestBareAgentReasonAlone(t *testing.T) {
	for _, c := range []struct{ agent, reason string }{
		{"local", "cannot update mailbox /var/spool/mail/kim for user kim. unable to create lock file /var/spool/mail/kim.lock: Permission denied"},
		{"virtual", "cannot update mailbox /srv/vmail/c.example/lee for user lee@c.example. unable to create lock file /srv/vmail/c.example/lee.lock: File exists"},
		{"virtual", "maildir delivery failed: create maildir file /srv/vmail/c.example/lee/tmp/1.2.mx: Permission denied"},
		{"local", `unknown user: "kim"`},
	} {
		tagged := parse("Nov 28 04:00:00 mx1 postfix/" + c.agent + "[77]: 3F2A1C0D9: to=<kim@c.example>, relay=" + c.agent + ", delay=0.1, delays=0/0/0/0.1, dsn=4.2.0, status=deferred (" + c.reason + ")")
		if tagged.Known == 0 {
			t.Fatalf("%s: the tagged record reads no entry", c.reason)
		}
		want := KnownMessages[tagged.Known-1].ID
		r := parse(c.reason)
		got := entryID(r)
		if r.Event != EvDelivery || got != want || r.Class != tagged.Class {
			t.Errorf("%s: event %v entry %q class %v, want delivery %q %v", c.reason, r.Event, got, r.Class, want, tagged.Class)
		}
	}
	r := parse("unable to create lock file /var/spool/mail/kim.lock: Permission denied")
	if r.Event != EvDelivery || r.Known == 0 || KnownMessages[r.Known-1].ID != "mailbox_lock_denied" {
		t.Errorf("the lock routine's words alone: event %v known %d", r.Event, r.Known)
	}
	for _, line := range []string{
		"unable to create lock file, says the log, since Monday",
		"cannot update mailbox",
		"maildir delivery failed again today",
	} {
		if r := parse(line); r.Event == EvDelivery {
			t.Errorf("%s: read as a delivery", line)
		}
	}
}

// A stamp of the time of day without seconds ("03:04"), and a program tag
// that is a Postfix daemon's name without the syslog name ("qmgr[123]"),
// as pastes shorten them: the line reads as Postfix's when its message
// has a shape that daemon logs, and stays another program's otherwise.
func TestShortStampsAndDaemonTags(t *testing.T) {
	for _, c := range []struct {
		line   string
		event  Event
		host   string
		daemon string
	}{
		{"03:04 mx1 postfix/qmgr[1]: 3F2A1C0D9: removed", EvRemoved, "mx1", "qmgr"},
		{"3:04 mx1 postfix/qmgr[1]: 3F2A1C0D9: removed", EvRemoved, "mx1", "qmgr"},
		{"03:04 postfix/smtp[2]: 3F2A1C0D9: to=<a@b.example>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection timed out)", EvDelivery, "", "smtp"},
		{"qmgr[123]: 3F2A1C0D9: from=<a@b.example>, size=2048, nrcpt=3 (queue active)", EvQmgr, "", "qmgr"},
		{"Nov 28 04:00:00 mx1 qmgr[123]: 3F2A1C0D9: removed", EvRemoved, "mx1", "qmgr"},
		{"03:04:05 mx1 qmgr[123]: warning: mail for b.example is using up 4001 of 20000 active queue entries", EvClog, "mx1", "qmgr"},
		{"03:04 mx1 qmgr[123]: 3F2A1C0D9: from=<a@b.example>, status=expired, returned to sender", EvExpired, "mx1", "qmgr"},
		{"mx1 smtp[9]: 3F2A1C0D9: to=<a@b.example>, relay=mx.b.example[192.0.2.5]:25, delay=5, delays=0/0/5/0, dsn=4.7.0, status=deferred (host mx.b.example[192.0.2.5] said: 421 4.7.0 Try again later (in reply to end of DATA command))", EvDelivery, "mx1", "smtp"},
		{"local[9]: 3F2A1C0D9: to=<joe@mx.example>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.2.2, status=bounced (cannot update mailbox /var/mail/joe for user joe. file too large)", EvDelivery, "", "local"},
		// Other programs, and prose after a daemon's name.
		{"Nov 28 04:00:00 mx1 sendmail[812]: 3F2A1C0D9: to=<a@b.example>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120, relay=mx.b.example. [192.0.2.4], dsn=2.0.0, stat=Sent (Ok)", EvOther, "mx1", ""},
		{"Nov 28 04:00:00 mx1 smtpd[812]: 1a2b3c4d5e6f7a8b smtp connected address=192.0.2.4 host=mx.b.example", EvOther, "mx1", ""},
		{"Nov 28 04:00:00 mx1 master[1]: warning: something odd", EvOther, "mx1", ""},
		{"qmgr[1]: the queue manager was slow today", EvOther, "", ""},
		{"Nov 28 04:00:00 mx1 smtpd[812]: 1a2b3c4d5e6f7a8b smtp failed-command command=\"AUTH LOGIN\" result=\"535 Authentication failed\"", EvOther, "mx1", ""},
		{"Nov 28 04:00:00 mx1 local[9]: could not copy, cannot update mailbox: permission denied", EvOther, "mx1", ""},
		{"03:04 mx1 nginx[3]: GET /", EvOther, "mx1", ""},
		{"10:30 the queue was stuck again", EvInvalid, "", ""},
	} {
		r := parse(c.line)
		if r.Event != c.event || c.event != EvInvalid && (r.Host != c.host || r.Daemon != c.daemon) {
			t.Errorf("%s: event %v host %q daemon %q, want %v %q %q", c.line, r.Event, r.Host, r.Daemon, c.event, c.host, c.daemon)
		}
		if !r.Time.IsZero() && c.line[0] != 'N' {
			t.Errorf("%s: a time of day names no date, got %v", c.line, r.Time)
		}
	}
	if r := parse("mx1 smtp[9]: 3F2A1C0D9: to=<a@b.example>, relay=mx.b.example[192.0.2.5]:25, delay=5, delays=0/0/5/0, dsn=4.7.0, status=deferred (host mx.b.example[192.0.2.5] said: 421 4.7.0 Try again later (in reply to end of DATA command))"); r.Class != ClassRateLimit || r.Domain != "b.example" {
		t.Errorf("smtp's record under a bare tag: class %v domain %q", r.Class, r.Domain)
	}
}

// A refusal quoted alone is read only where its own shape says whose it
// is: smtpd's log goes on after the reply with "; from=<...>" or, for a
// refusal before the sender (MAIL FROM's SIZE over message_size_limit),
// "; proto=... helo=<...>"; the smtp client quotes a remote's reply after
// "host X said: " and before "(in reply to ... command)", and a bounce in
// its Diagnostic-Code. The bare reply or phrase is also what other servers
// send, and is left unread.
func TestBareRefusals(t *testing.T) {
	for _, c := range []struct {
		line  string
		event Event
		entry string
	}{
		{"552 5.3.4 Message size exceeds fixed limit; proto=ESMTP helo=<pc.example>", EvReject, "message_size_limit_refusal"},
		{"552 5.3.4 Message size exceeds fixed limit; from=<a@b.example> proto=ESMTP helo=<pc.example>", EvReject, "message_size_limit_refusal"},
		{"554 5.7.1 <x@y.example>: Relay access denied; from=<a@b.example> to=<x@y.example> proto=ESMTP helo=<pc>", EvReject, ""},
		{"552 5.3.4 Message size exceeds fixed limit", EvInvalid, ""},
		{"Message size exceeds fixed limit", EvInvalid, ""},
		{"Relay access denied", EvInvalid, ""},
		{"554 5.7.1 Relay access denied", EvInvalid, ""},
		{"554 5.7.1 <x@y.example>: Relay access denied", EvInvalid, ""},
		{"552 5.3.4 Message size exceeds fixed limit; the attachment was 30 MB", EvInvalid, ""},
	} {
		r := parse(c.line)
		if r.Event != c.event || entryID(r) != c.entry {
			t.Errorf("%s: event %v entry %q, want %v %q", c.line, r.Event, entryID(r), c.event, c.entry)
		}
	}
	// A remote's refusal of this host's mail never reads the entry for
	// smtpd's own: raising message_size_limit here changes nothing.
	for _, line := range []string{
		"552 5.3.4 Message size exceeds fixed limit (in reply to end of DATA command)",
		"host mx.y.example[192.0.2.4] said: 552 5.3.4 Message size exceeds fixed limit (in reply to MAIL FROM command)",
		"Diagnostic-Code: smtp; 552 5.3.4 Message size exceeds fixed limit",
		"status=bounced (host mx.y.example[192.0.2.4] said: 552 5.3.4 Message size exceeds fixed limit (in reply to end of DATA command))",
	} {
		if r := parse(line); entryID(r) == "message_size_limit_refusal" || r.Event == EvReject {
			t.Errorf("%s: read as smtpd's refusal (%v %q)", line, r.Event, entryID(r))
		}
	}
}

// The queue manager defers a transport's mail in its own words
// (qmgr_deliver.c: an agent that crashed, a transport it cannot reach):
// the knowledge base reads its records as it reads the same reason with
// no tag, and as it reads the local agents' own.
func TestQueueManagerDeferralReasons(t *testing.T) {
	const msg = "3F2A1C0D9: to=<x@y.example>, relay=none, delay=0.1, delays=0.1/0/0/0, dsn=4.3.0, status=deferred (unknown mail transport error)"
	bare := parse(msg)
	if bare.Known == 0 {
		t.Fatalf("the bare record reads no entry")
	}
	for _, tag := range []string{"postfix/qmgr", "postfix/oqmgr"} {
		r := parse("Nov 28 04:00:00 mx1 " + tag + "[9]: " + msg)
		if r.Known != bare.Known || r.Class != bare.Class {
			t.Errorf("%s: entry %d class %v, want %s %v", tag, r.Known, r.Class, KnownMessages[bare.Known-1].ID, bare.Class)
		}
	}
}

// A message quoted after its daemon's name and a space rather than the
// tag's colon ("smtpd fatal: ...", "postfix/submission/smtpd warning:
// ..."), as prose names who said it: with Postfix's severity label after
// the name it is read as that daemon's line, the bare name only when the
// knowledge base knows the message; prose after a name stays unread.
func TestDaemonNameBeforeSeverity(t *testing.T) {
	for _, c := range []struct {
		line, id string
		event    Event
		daemon   string
	}{
		{"smtpd fatal: no SASL authentication mechanisms", "sasl_no_mechanisms", EvWarning, "smtpd"},
		{"smtpd warning: SASL: Connect to private/auth failed: Permission denied", "sasl_auth_socket", EvWarning, "smtpd"},
		{"postfix/submission/smtpd warning: SASL: Connect to private/auth failed: Connection refused", "sasl_auth_socket", EvWarning, "smtpd"},
		{"postfix/smtpd error: open database /etc/postfix/virtual.db: No such file or directory", "", EvWarning, "smtpd"},
		// Not Postfix's shape: no label, another program, or unknown words.
		{"smtpd fatal error in the logs since the upgrade", "", EvInvalid, ""},
		{"smtpd warning: the server was slow today", "", EvInvalid, ""},
		{"nginx fatal: no SASL authentication mechanisms", "", EvInvalid, ""},
	} {
		r := parse(c.line)
		id := entryID(r)
		if r.Event != c.event || c.event != EvInvalid && r.Daemon != c.daemon || id != c.id && c.id != "" {
			t.Errorf("%s: event %v daemon %q known %q, want %v %q %q", c.line, r.Event, r.Daemon, id, c.event, c.daemon, c.id)
		}
	}
}

// Messages of the SASL server side, which smtpd alone writes (Postfix's
// xsasl server and smtpd_sasl_glue.c serve no other program), quoted
// alone without their label, as an issue's title or a sentence quotes
// them: each is read as smtpd's. Prose that only mentions the words is not.
func TestServerSASLMessagesQuotedAlone(t *testing.T) {
	for _, c := range []struct{ line, id string }{
		{"SASL: Connect to private/auth failed: Connection refused", "sasl_auth_socket"},
		{"SASL: Connect to Dovecot auth socket '/run/dovecot/auth-client' failed: Permission denied", "sasl_auth_socket"},
		{"no SASL authentication mechanisms", "sasl_no_mechanisms"},
		{"SASL: Connected to wrong auth socket (auth-master instead of auth-client)", "sasl_wrong_socket"},
		{"SASL: Protocol version mismatch (2 vs. 1)", "sasl_dovecot_protocol"},
		{"SASL: Couldn't send handshake: Broken pipe", "sasl_dovecot_handshake"},
		{"unsupported SASL server implementation: cyrus", "sasl_server_type_unknown"},
		{"since Monday I get SASL: Connect to private/auth failed on every login", ""},
	} {
		r := parse(c.line)
		id := entryID(r)
		if id != c.id {
			t.Errorf("%s: known %q, want %q", c.line, id, c.id)
		}
		if id != "" && KnownMessages[r.Known-1].SideOf(r.Daemon) != "inbound" {
			t.Errorf("%s: side %q, want inbound", c.line, KnownMessages[r.Known-1].SideOf(r.Daemon))
		}
	}
}

// entryID is the ID of the knowledge-base entry r matched, or "".
func entryID(r Record) string {
	if r.Known == 0 {
		return ""
	}
	return KnownMessages[r.Known-1].ID
}

// smtpd's warnings about a client over an anvil limit, pasted without the
// header and tag, name the client, the count and the service as the
// tagged line does: the client is what the advice is about.
func TestBareInboundLimitWarningNamesTheClient(t *testing.T) {
	for _, msg := range []string{
		"warning: Connection rate limit exceeded: 61 from app1[10.0.0.5] for service smtp",
		"warning: Connection concurrency limit exceeded: 51 from unknown[198.51.100.7] for service submission",
		"warning: Message delivery request rate limit exceeded: 101 from app1[10.0.0.5] for service smtp",
	} {
		tagged := parse("Nov 28 04:00:00 mx1 postfix/smtpd[77]: " + msg)
		if tagged.ClientIP == "" {
			t.Fatalf("%s: the tagged line names no client", msg)
		}
		want := fmt.Sprintf("%s client=%s service=%s", reading(tagged), tagged.ClientIP, tagged.Service)
		for _, line := range []string{msg, "mx1 postfix/smtpd[77]: " + msg} {
			r := parse(line)
			if got := fmt.Sprintf("%s client=%s service=%s", reading(r), r.ClientIP, r.Service); got != want {
				t.Errorf("%s\n got %s\nwant %s", line, got, want)
			}
		}
	}
}
