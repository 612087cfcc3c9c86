package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// The smtp client tries each MX address in turn and gives the status line
// the last try's reason only. On a host with inet_protocols = all and no
// IPv6 route or address, that is this host's own failure at an IPv6
// address, while the servers that answered refused the mail: the
// destination is the receiver's refusal, not an unreachable one.
func TestDestinationTakesTheReplyBeforeALocalFailure(t *testing.T) {
	e := feed(
		"Nov 10 08:27:51 mail postfix/qmgr[900]: A0F7BE2AA5: from=<bob@example.org>, size=2345, nrcpt=1 (queue active)",
		"Nov 10 08:27:52 mail postfix/smtp[13789]: A0F7BE2AA5: host gw-3.example.se[192.0.2.106] refused to talk to me: 554 gw-3.example.se",
		"Nov 10 08:27:52 mail postfix/smtp[13789]: connect to gw-4.example.se[2001:db8:d:151::151:246]:25: Cannot assign requested address",
		"Nov 10 08:27:52 mail postfix/smtp[13789]: A0F7BE2AA5: host gw-4.example.se[192.0.2.246] refused to talk to me: 554 gw-4.example.se",
		"Nov 10 08:27:52 mail postfix/smtp[13789]: A0F7BE2AA5: to=<ann@example.se>, relay=none, delay=248680, delays=248680/0.03/0.45/0, dsn=4.4.1, status=deferred (connect to gw-3.example.se[2001:db8:d:151::151:106]:25: Cannot assign requested address)",
	)
	d, ok := e.Dest.Lookup("example.se")
	if !ok {
		t.Fatal("no destination example.se")
	}
	if d.Deferred != 1 || d.Classes[sources.ClassBlocklist] != 1 || d.Classes[sources.ClassUnreachable] != 0 || d.TopClass() != sources.ClassBlocklist {
		t.Errorf("deferred %d, classes %v, top %s: want one deferral filed as blocklist", d.Deferred, d.Classes, d.TopClass())
	}
	if d.LastClass != sources.ClassBlocklist || d.LastReply != "host gw-4.example.se[192.0.2.246] refused to talk to me: 554 gw-4.example.se" {
		t.Errorf("last %s %q: want the refusal just before the status line", d.LastClass, d.LastReply)
	}
	if d.RemoteConns != 0 {
		t.Errorf("RemoteConns %d: the deferral is no failed connection of the destination's", d.RemoteConns)
	}
	if l := d.ClassLine[sources.ClassBlocklist]; !strings.Contains(l, "refused to talk to me: 554 gw-4.example.se") {
		t.Errorf("blocklist evidence %q: want the refusal's line", l)
	}
	// The destination's recent lines still hold the status line itself.
	if r := strings.Join(d.Recent, "\n"); !strings.Contains(r, "status=deferred") {
		t.Errorf("recent lines lost the status line:\n%s", r)
	}
	if ev := strings.Join(hintOf(t, e, "queue_backlog").Evidence, " "); strings.Contains(ev, "unreachable") || !strings.Contains(ev, "mostly blocklist") {
		t.Errorf("queue_backlog evidence %q: want it mostly blocklist", ev)
	}
	// The tries themselves still give the blocklist hint.
	hintOf(t, e, sources.HintBlocklist)
}

// A 421 "too many connections" at the server that answered, then this
// host's own failure at the next address over IPv6 (Network is
// unreachable): the destination limits our connections.
func TestConnLimitTryBeforeLocalFailure(t *testing.T) {
	e := feed(
		"Nov 10 09:00:01 mail postfix/smtp[4242]: 5B3C2D1E0F: host mx1.example.net[198.51.100.25] refused to talk to me: 421 4.7.0 mx1.example.net Error: too many connections from 203.0.113.5",
		"Nov 10 09:00:01 mail postfix/smtp[4242]: 5B3C2D1E0F: to=<joe@example.net>, relay=none, delay=12, delays=11/0.01/0.2/0, dsn=4.4.1, status=deferred (connect to mx1.example.net[2001:db8:25::25]:25: Network is unreachable)",
	)
	d, _ := e.Dest.Lookup("example.net")
	if d == nil {
		t.Fatal("no destination example.net")
	}
	if d.Classes[sources.ClassConnLimit] != 1 || d.Classes[sources.ClassUnreachable] != 0 || d.LastClass != sources.ClassConnLimit {
		t.Fatalf("classes %v, last %s: want the deferral filed as conn_limit", d.Classes, d.LastClass)
	}
	if d.ConnLimit.Sum(d.LastSeen, 5) == 0 {
		t.Error("the destination's conn_limit count stayed empty")
	}
	if !strings.Contains(d.LastReply, "too many connections") {
		t.Errorf("last reply %q", d.LastReply)
	}
}

// The IPv4 form of the same local failure, and every recipient of the
// message: each status line carries the last try's reason.
func TestReplyBeforeLocalFailureEveryRecipient(t *testing.T) {
	e := feed(
		"Nov 10 09:10:00 mail postfix/smtp[515]: 0C1D2E3F4A: host mx.example.org[192.0.2.80] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)",
		"Nov 10 09:10:00 mail postfix/smtp[515]: 0C1D2E3F4A: to=<a@example.org>, relay=none, delay=40, delays=39/0/1/0, dsn=4.4.1, status=deferred (connect to mx2.example.org[198.51.100.81]:25: Network is unreachable)",
		"Nov 10 09:10:00 mail postfix/smtp[515]: 0C1D2E3F4A: to=<b@example.org>, relay=none, delay=40, delays=39/0/1/0, dsn=4.4.1, status=deferred (connect to mx2.example.org[198.51.100.81]:25: Network is unreachable)",
	)
	d, _ := e.Dest.Lookup("example.org")
	if d == nil {
		t.Fatal("no destination example.org")
	}
	if d.Classes[sources.ClassBlocklist] != 2 || d.Classes[sources.ClassUnreachable] != 0 {
		t.Errorf("classes %v: want both deferrals filed as blocklist", d.Classes)
	}
}

// What must stay as it was: a status line whose own reason is a remote
// reply; a try by another process or for another message; a try whose
// server did not answer (a timeout) after the reply.
func TestLocalFailureKeepsItsClassWithoutAReplyBefore(t *testing.T) {
	refusal := func(pid, qid string) string {
		return "Nov 10 10:00:00 mail postfix/smtp[" + pid + "]: " + qid + ": host gw.example.com[192.0.2.7] refused to talk to me: 554 gw.example.com"
	}
	unreachable := "Nov 10 10:00:00 mail postfix/smtp[600]: 7E6D5C4B3A: to=<c@example.com>, relay=none, delay=5, delays=4/0/1/0, dsn=4.4.1, status=deferred (connect to gw.example.com[2001:db8::7]:25: Cannot assign requested address)"
	cases := []struct {
		name  string
		lines []string
		want  sources.Class
	}{
		{"the status line's own reply", []string{
			refusal("600", "7E6D5C4B3A"),
			"Nov 10 10:00:01 mail postfix/smtp[600]: 7E6D5C4B3A: to=<c@example.com>, relay=gw2.example.com[192.0.2.8]:25, delay=5, delays=4/0/1/0, dsn=4.2.0, status=deferred (host gw2.example.com[192.0.2.8] said: 450 4.2.0 <c@example.com>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/example.com.html (in reply to RCPT TO command))",
		}, sources.ClassGreylist},
		{"another process", []string{refusal("601", "7E6D5C4B3A"), unreachable}, sources.ClassUnreachable},
		{"another message", []string{refusal("600", "1A2B3C4D5E"), unreachable}, sources.ClassUnreachable},
		{"a timeout after the reply", []string{
			refusal("600", "7E6D5C4B3A"),
			"Nov 10 10:00:00 mail postfix/smtp[600]: connect to gw2.example.com[192.0.2.8]:25: Connection timed out",
			unreachable,
		}, sources.ClassUnreachable},
		{"a reply before the last message", []string{
			refusal("600", "1A2B3C4D5E"),
			"Nov 10 10:00:00 mail postfix/smtp[600]: 1A2B3C4D5E: to=<d@example.com>, relay=none, delay=5, delays=4/0/1/0, dsn=4.4.1, status=deferred (connect to gw.example.com[2001:db8::7]:25: Cannot assign requested address)",
			unreachable,
		}, sources.ClassUnreachable},
	}
	for _, c := range cases {
		e := feed(c.lines...)
		d, _ := e.Dest.Lookup("example.com")
		if d == nil {
			t.Errorf("%s: no destination example.com", c.name)
		} else if d.LastClass != c.want || d.Classes[c.want] != 1 {
			t.Errorf("%s: classes %v, last %s: want one %s", c.name, d.Classes, d.LastClass, c.want)
		}
	}
}
