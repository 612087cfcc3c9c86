package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// inboundSession is the i-th smtpd session of a client at Gmail, s
// seconds into the log: the message is accepted, or, with a table
// (type:path), refused 451 because the table fails, after smtpd's
// warning why (warn) and its lookup error, as smtpd logs them.
func inboundSession(i, s int, table, warn string) []string {
	pid, ip := 3000+i, fmt.Sprintf("209.85.%d.%d", 128+i%100, i%250)
	at := stamp(s)
	out := []string{fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from mail-x.google.com[%s]", at, pid, ip)}
	if table == "" {
		out = append(out, fmt.Sprintf("%s mx postfix/smtpd[%d]: %05X%05X: client=mail-x.google.com[%s]", at, pid, i, pid, ip))
	} else {
		out = append(out,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: %s", at, pid, warn),
			fmt.Sprintf(`%s mx postfix/smtpd[%d]: warning: %s lookup error for "user%d@example.org"`, at, pid, table, i),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from mail-x.google.com[%s]: 451 4.3.0 <user%d@example.org>: Temporary lookup failure; from=<x%d@gmail.com> to=<user%d@example.org> proto=ESMTP helo=<mail-x.google.com>", at, pid, ip, i, i, i))
	}
	return append(out, fmt.Sprintf("%s mx postfix/smtpd[%d]: disconnect from mail-x.google.com[%s] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7", at, pid, ip))
}

// sessionsLog is n sessions three seconds apart, each refused when
// refused says so.
func sessionsLog(n int, table, warn string, refused func(i int) bool) []string {
	var lines []string
	for i := range n {
		t := ""
		if refused(i) {
			t = table
		}
		lines = append(lines, inboundSession(i, 3*i, t, warn)...)
	}
	return lines
}

func firstHint(hs []Hint, id string) (Hint, int) {
	for i, h := range hs {
		if h.ID == id {
			return h, i
		}
	}
	return Hint{}, -1
}

// A table that makes smtpd refuse most or all of the inbound mail stops
// the server receiving: its hint is critical whatever the cause's own
// entry says, as a milter that is down and refuses every message is, and
// a build without the table's type ranks first, named by what it lacks.
// A few refusals among mail that still comes in stay a warning.
func TestRefusingMostInboundMailIsCritical(t *testing.T) {
	const hash, mysql = "hash:/etc/postfix/virtual", "mysql:/etc/postfix/mysql-virtual.cf"
	const noHash, down = hash + " is unavailable. unsupported dictionary type: hash", "connect to mysql server 127.0.0.1: Can't connect to MySQL server on '127.0.0.1' (111)"
	all := func(int) bool { return true }

	// A build without Berkeley DB: nothing is received, in the report
	// and in the live view's window alike.
	e := feed(sessionsLog(60, hash, noHash, all)...)
	if live, _ := firstHint(e.Hints(false), sources.HintLookupFailure); live.Severity != SevCritical {
		t.Errorf("every message refused for a table, live: lookup hint %s, want critical", live.Severity)
	}
	hs := e.Hints(true)
	lookup, _ := firstHint(hs, sources.HintLookupFailure)
	if lookup.Severity != SevCritical {
		t.Errorf("every message refused for a table: lookup hint %s, want critical", lookup.Severity)
	}
	if len(hs) == 0 || hs[0].ID != "upgrade_change" || hs[0].Severity != SevCritical {
		var got []string
		for _, h := range hs {
			got = append(got, h.Severity.String()+" "+h.Title)
		}
		t.Fatalf("the build that lacks hash: does not rank first as critical: %q", got)
	}
	if !strings.Contains(hs[0].Title, "hash:") || strings.Contains(hs[0].Title, "what changed") {
		t.Errorf("the title does not say what is broken: %q", hs[0].Title)
	}

	// The same through a database that is down, and after mail came in
	// for a while: it is what happens now that counts.
	lines := sessionsLog(20, mysql, "", func(int) bool { return false })
	for i := range 40 {
		lines = append(lines, inboundSession(100+i, 60+3*i, mysql, down)...)
	}
	if h, _ := firstHint(feed(lines...).Hints(true), sources.HintLookupFailure); h.Severity != SevCritical {
		t.Errorf("every message refused since the database went down: %s, want critical", h.Severity)
	}

	// Most of it refused, the rest let through.
	if h, _ := firstHint(feed(sessionsLog(60, mysql, down, func(i int) bool { return i%3 != 0 })...).Hints(true), sources.HintLookupFailure); h.Severity != SevCritical {
		t.Errorf("two thirds of the messages refused: %s, want critical", h.Severity)
	}

	// A few among many accepted: a warning.
	if h, _ := firstHint(feed(sessionsLog(60, mysql, down, func(i int) bool { return i%10 == 3 })...).Hints(true), sources.HintLookupFailure); h.Severity != SevWarning {
		t.Errorf("6 of 60 messages refused: %s, want warning", h.Severity)
	}

	// Refusals that are policy, not a failure of this host, stay as they
	// are however many: greylisting delays every new sender.
	var grey []string
	for i := range 60 {
		pid := 5000 + i
		grey = append(grey, fmt.Sprintf("%s mx postfix/smtpd[%d]: NOQUEUE: reject: RCPT from mail%d.example.net[198.51.100.%d]: 450 4.2.0 <u%d@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html; from=<a@example.net> to=<u%d@example.org> proto=ESMTP helo=<mail%d.example.net>", stamp(3*i), pid, i, 1+i, i, i, i))
	}
	for _, h := range feed(grey...).Hints(true) {
		if h.Severity == SevCritical {
			t.Errorf("greylisting every new sender made %s critical", h.ID)
		}
	}
}
