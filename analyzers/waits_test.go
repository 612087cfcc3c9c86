package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// sentLines are n sent deliveries a second apart, to domains taken in turn
// from doms, through relay, with the given delays=a/b/c/d.
func sentLines(n int, daemon, relay, delays string, doms ...string) []string {
	out := make([]string, n)
	for i := range out {
		dom := doms[i%len(doms)]
		r := relay
		if r == "" {
			r = "mx." + dom + "[192.0.2.10]:25"
		}
		out[i] = fmt.Sprintf("Nov 28 10:00:%02d mx postfix/%s[%d]: 4B%07X: to=<u%d@%s>, relay=%s, delay=31, delays=%s, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as X%d)",
			i%60, daemon, 100+i, i, i, dom, r, delays, i)
	}
	return out
}

// waitHints are the process_limit hints about waits, by title.
func waitHints(e *Engine) []Hint { return hintIDs(e.Hints(true))["process_limit"] }

// Mail to many destinations that waits in the queue manager (b) waits for
// the transport's processes.
func TestQueueWaitAcrossDestinations(t *testing.T) {
	e := feed(sentLines(12, "smtp", "", "0.1/24/0.4/0.8", "a.example", "b.example", "c.example")...)
	hs := waitHints(e)
	if len(hs) != 1 || !strings.Contains(hs[0].Title, "queue manager") || hs[0].Side != "outbound" {
		t.Fatalf("process_limit hints: %+v", hs)
	}
	text := strings.Join(hs[0].Evidence, " ")
	for _, a := range hs[0].Steps {
		text += " " + a.Text
	}
	for _, want := range []string{"12 of 12", "a.example, b.example, c.example", "maxproc", "process limit"} {
		if !strings.Contains(text, want) {
			t.Errorf("queue wait hint lacks %q: %s", want, text)
		}
	}
	if len(hs[0].Samples) == 0 {
		t.Error("no sample line")
	}
	// Handed over at once: nothing waited.
	if hs := waitHints(feed(sentLines(12, "smtp", "", "0.1/0.02/0.4/0.8", "a.example", "b.example")...)); len(hs) != 0 {
		t.Errorf("b of 0.02 s gave %+v", hs)
	}
	// A few waits among many quick deliveries are no pattern.
	lines := append(sentLines(40, "smtp", "", "0.1/0.02/0.4/0.8", "a.example", "b.example"), sentLines(4, "smtp", "", "0.1/30/0.4/0.8", "c.example")...)
	if hs := waitHints(feed(lines...)); len(hs) != 0 {
		t.Errorf("4 waits in 44 gave %+v", hs)
	}
}

// Waits at one destination are its concurrency limit's; waits at a
// destination that refuses connections are Postfix backing off, which
// the destination's own hints explain: no advice to raise anything.
func TestQueueWaitAtOneOrAThrottlingDestination(t *testing.T) {
	hs := waitHints(feed(sentLines(8, "smtp", "[relay.example]:587", "0.1/40/0.4/0.8", "a.example")...))
	if len(hs) != 1 || !strings.Contains(hs[0].Steps[len(hs[0].Steps)-2].Text, "one destination") {
		t.Fatalf("one destination: %+v", hs)
	}
	lines := sentLines(8, "smtp", "", "0.1/40/0.4/0.8", "busy.example")
	for i := range 5 {
		lines = append(lines, fmt.Sprintf("Nov 28 10:01:%02d mx postfix/smtp[900]: 5C%07X: to=<v%d@busy.example>, relay=mx.busy.example[192.0.2.20]:25, delay=1, delays=0.1/0/0.5/0, dsn=4.7.0, status=deferred (host mx.busy.example[192.0.2.20] refused to talk to me: 421 4.7.0 Too many concurrent SMTP connections; please try again later)", i, i, i))
	}
	if hs := waitHints(feed(lines...)); len(hs) != 0 {
		t.Errorf("waits at a destination refusing connections gave %+v", hs)
	}
}

// A content filter on loopback, or the mailbox server's LMTP socket, that
// takes many seconds a message is named; a remote server's long
// transmission is not this host's to mend.
func TestSlowLocalHop(t *testing.T) {
	hs := waitHints(feed(sentLines(6, "smtp", "127.0.0.1[127.0.0.1]:10024", "0.1/0.01/0/35", "a.example", "b.example")...))
	if len(hs) != 1 || hs[0].Side != "host" || !strings.Contains(hs[0].Title, "content filter") || !strings.Contains(hs[0].Title, "127.0.0.1[127.0.0.1]:10024") {
		t.Fatalf("content filter: %+v", hs)
	}
	if !strings.Contains(hs[0].Evidence[0], "up to 35 s") {
		t.Errorf("evidence: %s", hs[0].Evidence[0])
	}
	hs = waitHints(feed(sentLines(6, "lmtp", "mail.example[private/dovecot-lmtp]", "0.1/0.01/0/20", "a.example")...))
	if len(hs) != 1 || !strings.Contains(hs[0].Title, "mailbox server") {
		t.Fatalf("lmtp: %+v", hs)
	}
	if hs := waitHints(feed(sentLines(6, "smtp", "", "0.1/0.01/0.5/35", "a.example", "b.example")...)); len(hs) != 0 {
		t.Errorf("remote transmission of 35 s gave %+v", hs)
	}
	if hs := waitHints(feed(sentLines(6, "smtp", "127.0.0.1[127.0.0.1]:10024", "0.1/0.01/0/1.5", "a.example")...)); len(hs) != 0 {
		t.Errorf("a filter taking 1.5 s gave %+v", hs)
	}
}
