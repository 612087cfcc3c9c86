package analyzers

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"mxtop/sources"
)

// timedLine is a log line and its second after t0, for logs put together
// from episodes that overlap.
type timedLine struct {
	sec  int
	line string
}

// inLogOrder sorts the episodes' lines by time, as syslog writes them.
func inLogOrder(eps ...[]timedLine) []string {
	var all []timedLine
	for _, ep := range eps {
		all = append(all, ep...)
	}
	slices.SortStableFunc(all, func(a, b timedLine) int { return a.sec - b.sec })
	out := make([]string, len(all))
	for i, l := range all {
		out[i] = l.line
	}
	return out
}

// refusedForConnections is n deliveries to domain deferred with a 421 too
// many connections, one every step seconds from sec.
func refusedForConnections(domain string, sec, n, step int) []timedLine {
	var out []timedLine
	for i := range n {
		s := sec + i*step
		out = append(out, timedLine{s, fmt.Sprintf("%s mx postfix/smtp[%d]: 5A%08X: to=<u%d@%s>, relay=mx1.%s[203.0.113.10]:25, delay=1.2, delays=0.1/0.9/0.2/0, dsn=4.7.0, status=deferred (host mx1.%s[203.0.113.10] refused to talk to me: 421 4.7.0 mx1.%s Error: too many connections from 192.0.2.25)",
			stamp(s), 5000+i%4, s*10+i%10, i, domain, domain, domain, domain)})
	}
	return out
}

// milterSessions is n smtpd sessions, one every step seconds from sec,
// that a milter gone away makes smtpd refuse with milter_default_action =
// tempfail: smtpd's two warnings about the milter and its 451 at the
// greeting. One smtpd process serves them one after another, as a busy
// smtpd does, so only "connect from" tells them apart. onlyReply leaves
// out everything but the 451 lines.
func milterSessions(sec, n, step int, onlyReply bool) []timedLine {
	var out []timedLine
	const pid = 7301
	for i := range n {
		s := sec + i*step
		client := fmt.Sprintf("mail%d.example.org[198.51.100.%d]", i%40, 1+i%40)
		reply := timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: NOQUEUE: milter-reject: CONNECT from %s: 451 4.7.1 Service unavailable - try again later; proto=SMTP", stamp(s), pid, client)}
		if onlyReply {
			out = append(out, reply)
			continue
		}
		out = append(out,
			timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from %s", stamp(s), pid, client)},
			timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: milter inet:127.0.0.1:8891: can't read SMFIC_OPTNEG reply packet header: Connection reset by peer", stamp(s), pid)},
			timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: milter inet:127.0.0.1:8891: read error in initial handshake", stamp(s), pid)},
			reply,
			timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: disconnect from %s commands=0/0", stamp(s), pid, client)})
	}
	return out
}

// acceptedSessions is n smtpd sessions, one every step seconds from sec,
// that hand smtpd a message.
func acceptedSessions(sec, n, step int) []timedLine {
	var out []timedLine
	for i := range n {
		s := sec + i*step
		client := fmt.Sprintf("out%d.sender.example[198.51.100.%d]", i%20, 101+i%20)
		out = append(out,
			timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from %s", stamp(s), 6100+i%5, client)},
			timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: 6B%08X: client=%s", stamp(s), 6100+i%5, s, client)},
			timedLine{s, fmt.Sprintf("%s mx postfix/smtpd[%d]: disconnect from %s ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", stamp(s), 6100+i%5, client)})
	}
	return out
}

// rankOf is the position of the first hint of id in hs, and that hint.
func rankOf(t *testing.T, hs []Hint, id string) (int, Hint) {
	t.Helper()
	for i, h := range hs {
		if h.ID == id {
			return i, h
		}
	}
	t.Fatalf("no %s hint among %v", id, rankedList(hs))
	return -1, Hint{}
}

func rankedList(hs []Hint) []string {
	var out []string
	for _, h := range hs {
		out = append(out, fmt.Sprintf("%s %s %s %.2f/min", h.Severity, h.ID, h.Subject, h.Impact))
	}
	return out
}

// Within one severity, a problem that still logs at the end of the log
// ranks before one whose lines stopped long before it (longer than
// Postfix's retry cycle), whatever their volumes: the admin reading the
// report fixes what is wrong now first. Which one is over decides, not
// which hint it is, and while both still log the volume decides as before.
func TestHintStillHappeningOutranksOneThatEnded(t *testing.T) {
	const hour = 3600
	cases := []struct {
		name  string
		lines []string
		// backoff, when set, is main.cf's maximal_backoff_time.
		backoff string
		first   string
	}{
		{
			// Hours of 421s that stopped at the end of the first hour
			// (more lines than the milter's), then a milter that refuses
			// every session in the last twenty minutes, nothing accepted
			// since.
			name: "milter down now, 421s long over",
			lines: inLogOrder(
				refusedForConnections("bigmail.example", 0, 300, 12),
				acceptedSessions(0, 48, 300),
				milterSessions(4*hour, 60, 20, false)),
			first: sources.HintDaemonCrash,
		},
		{
			// The milter failed in the first twenty minutes and was
			// mended (mail came in again); the 421s began later and go
			// on to the end, fewer of them than the milter's lines.
			name: "421s now, milter long over",
			lines: inLogOrder(
				milterSessions(0, 60, 20, false),
				acceptedSessions(30*60, 40, 300),
				refusedForConnections("bigmail.example", 3*hour, 40, 180),
				acceptedSessions(4*hour+20*60, 1, 1)),
			first: "destination_concurrency",
		},
		{
			// The same log where Postfix waits up to five hours to
			// retry deferred mail: the 421s may still hold, and the
			// volume decides.
			name: "421s within a long maximal_backoff_time",
			lines: inLogOrder(
				refusedForConnections("bigmail.example", 0, 300, 12),
				acceptedSessions(0, 48, 300),
				milterSessions(4*hour, 60, 20, false)),
			backoff: "5h",
			first:   "destination_concurrency",
		},
		{
			// Both go on to the end: the one with more mail refused
			// ranks first.
			name: "both now",
			lines: inLogOrder(
				refusedForConnections("bigmail.example", 0, 300, 48),
				acceptedSessions(0, 48, 300),
				milterSessions(4*hour, 30, 40, false)),
			first: "destination_concurrency",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := NewEngine(0)
			if tc.backoff != "" {
				params := map[string]string{"maximal_backoff_time": tc.backoff}
				e.SetConfig(&sources.Config{Params: params, Explicit: params})
			}
			feedInto(e, tc.lines...)
			hs := e.Hints(true)
			im, milter := rankOf(t, hs, sources.HintDaemonCrash)
			id, dest := rankOf(t, hs, "destination_concurrency")
			if milter.Severity != dest.Severity {
				t.Fatalf("the hints differ in severity (%s, %s): recency is not what ranks them\n%s", milter.Severity, dest.Severity, strings.Join(rankedList(hs), "\n"))
			}
			if first := map[bool]string{true: sources.HintDaemonCrash, false: "destination_concurrency"}[im < id]; first != tc.first {
				t.Errorf("%s ranks first, want %s:\n%s", first, tc.first, strings.Join(rankedList(hs), "\n"))
			}
		})
	}
}

// Each session a milter failure refuses logs several lines that the
// knowledge base reads (the failed read, the failed handshake, the 451):
// the merged hint counts the failure once, so its impact is that of the
// refused sessions, the same as when the log held the 451 lines alone,
// and its evidence says how many failures there were. A line that comes
// again in one session (a second failed login) is a failure of its own.
func TestMilterHintCountsEachSessionOnce(t *testing.T) {
	const sessions = 40
	full := hintOf(t, feed(inLogOrder(milterSessions(0, sessions, 30, false))...), sources.HintDaemonCrash)
	replies := hintOf(t, feed(inLogOrder(milterSessions(0, sessions, 30, true))...), sources.HintDaemonCrash)
	if math.Abs(full.Impact-replies.Impact) > 1e-9 {
		t.Errorf("impact %.3f/min with the warnings, %.3f/min with the 451 lines alone: the sessions are counted more than once", full.Impact, replies.Impact)
	}
	ev := strings.Join(full.Evidence, "\n")
	if !strings.Contains(ev, fmt.Sprintf("tell of %d failures", sessions)) {
		t.Errorf("the evidence does not say the lines tell of %d failures:\n%s", sessions, ev)
	}

	login := func(sec, pid int) string {
		return fmt.Sprintf("%s mx postfix/submission/smtpd[%d]: warning: unknown[203.0.113.88]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", stamp(sec), pid)
	}
	conn := func(sec, pid int, what string) string {
		return fmt.Sprintf("%s mx postfix/submission/smtpd[%d]: %s from unknown[203.0.113.88]", stamp(sec), pid, what)
	}
	var oneSession, apart []string
	for i := range 30 {
		oneSession = append(oneSession, login(i, 900))
		apart = append(apart, conn(i, 900, "connect"), login(i, 900), conn(i, 900, "disconnect"))
	}
	oneSession = append([]string{conn(0, 900, "connect")}, append(oneSession, conn(29, 900, "disconnect"))...)
	one := hintOf(t, feed(oneSession...), "inbound_limits")
	many := hintOf(t, feed(apart...), "inbound_limits")
	if math.Abs(one.Impact-many.Impact) > 1e-9 || one.Severity != many.Severity {
		t.Errorf("30 failed logins in one session: %s %.3f/min; in 30 sessions: %s %.3f/min", one.Severity, one.Impact, many.Severity, many.Impact)
	}
}
