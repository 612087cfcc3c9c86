package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// endOfData is the smtp client deferring queue id qid for rcpt at host
// after the end of data, as smtp_proto.c and smtp_trouble.c word it: the
// session broke ("lost connection with") or this host's
// smtp_data_done_timeout ran out ("conversation with ... timed out"),
// with d seconds in the delivery's last stage. bare leaves the syslog
// header out, as a container's log gives the line.
func endOfData(sec int, qid, rcpt, host string, timedOut bool, d float64, bare bool) string {
	how := "lost connection with " + host + "[192.0.2.10]"
	if timedOut {
		how = "conversation with " + host + "[192.0.2.10] timed out"
	}
	l := fmt.Sprintf("%s mx postfix/smtp[%d]: %s: to=<%s>, relay=%s[192.0.2.10]:25, delay=%.0f, delays=0.1/0/0.4/%.0f, dsn=4.4.2, status=deferred (%s while sending end of data -- message may be sent more than once)",
		stamp(sec), 3000+sec%9, qid, rcpt, host, d+1, d, how)
	if bare {
		l = l[strings.Index(l, "postfix/"):]
	}
	return l
}

// resentHint is the hint about messages sent again after an end of data
// whose reply never came, or nil.
func resentHint(e *Engine) *Hint {
	for _, h := range e.Hints(true) {
		if strings.Contains(h.Title, "more than once") {
			return &h
		}
	}
	return nil
}

// The same messages deferred again and again after their end of data
// reach the recipient on every retry: the hint says so, and holding them
// comes before any cause, one command per queue id.
func TestResentAfterEndOfDataHoldsFirst(t *testing.T) {
	for _, bare := range []bool{false, true} {
		var lines []string
		for try := range 3 {
			lines = append(lines,
				endOfData(try*600, "4B7C21A2F3", "ann@example.net", "mx.example.net", false, 350, bare),
				endOfData(try*600+5, "9D0E11B4C7", "bob@example.net", "mx.example.net", false, 352, bare))
		}
		h := resentHint(feed(lines...))
		if h == nil {
			t.Fatalf("bare=%v: no hint about copies sent again", bare)
		}
		if h.Severity != SevCritical {
			t.Errorf("bare=%v: severity %v", bare, h.Severity)
		}
		if len(h.Steps) < 3 || !h.Steps[0].Command || h.Steps[0].Text != "postsuper -h 4B7C21A2F3" && h.Steps[0].Text != "postsuper -h 9D0E11B4C7" {
			t.Fatalf("bare=%v: the first step is no hold: %+v", bare, h.Steps)
		}
		all := strings.Join(h.Actions, "\n")
		for _, want := range []string{"postsuper -h 4B7C21A2F3", "postsuper -h 9D0E11B4C7", "copy", "smtp_data_done_timeout", "NAT", "MSS"} {
			if !strings.Contains(all, want) {
				t.Errorf("bare=%v: no %q in\n%s", bare, want, all)
			}
		}
		// Minutes in the last stage, far from fast failures: the wait
		// for the reply leads, before the path's packets.
		if i, j := strings.Index(all, "NAT"), strings.Index(all, "MSS"); i < 0 || j < 0 || i > j {
			t.Errorf("bare=%v: the long wait is not read first:\n%s", bare, all)
		}
		if c := strings.Join(h.Cautions, " "); !strings.Contains(c, "smtp_data_done_timeout") {
			t.Errorf("bare=%v: no caution against raising the timeout: %q", bare, c)
		}
	}
}

// Failures within seconds of the end of data point to the path's large
// packets first.
func TestResentFastFailuresReadThePathFirst(t *testing.T) {
	var lines []string
	for try := range 3 {
		lines = append(lines, endOfData(try*600, "4B7C21A2F3", "ann@example.net", "mx.example.net", false, 2, false))
	}
	h := resentHint(feed(lines...))
	if h == nil {
		t.Fatal("no hint")
	}
	all := strings.Join(h.Actions, "\n")
	if i, j := strings.Index(all, "MSS"), strings.Index(all, "scanner"); i < 0 || j < 0 || i > j {
		t.Errorf("the path is not read first for fast failures:\n%s", all)
	}
}

// One deferral per message shows no copy sent twice; a message delivered
// in the end needs no hold.
func TestResentNeedsTheSameMessageAgain(t *testing.T) {
	var lines []string
	for i := range 6 {
		lines = append(lines, endOfData(i*60, fmt.Sprintf("4B7C21A2F%d", i), "ann@example.net", "mx.example.net", true, 600, false))
	}
	if h := resentHint(feed(lines...)); h != nil {
		t.Errorf("a hint without a message deferred twice: %v", h.Actions)
	}
	// The same line twice is the log read twice, not a retry.
	l := endOfData(0, "4B7C21A2F3", "ann@example.net", "mx.example.net", false, 350, false)
	if h := resentHint(feed(l, l)); h != nil {
		t.Errorf("a hint for a line read twice: %v", h.Actions)
	}
	lines = []string{
		endOfData(0, "4B7C21A2F3", "ann@example.net", "mx.example.net", true, 600, false),
		endOfData(600, "4B7C21A2F3", "ann@example.net", "mx.example.net", true, 600, false),
		stamp(1200) + " mx postfix/smtp[3001]: 4B7C21A2F3: to=<ann@example.net>, relay=mx.example.net[192.0.2.10]:25, delay=1300, delays=0.1/0/0.4/3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B3C)",
	}
	if h := resentHint(feed(lines...)); h != nil {
		for _, s := range h.Steps {
			if s.Command && strings.Contains(s.Text, "postsuper -h") {
				t.Errorf("a hold for a message that went: %v", s.Text)
			}
		}
	}
}

// A queue id that is no Postfix queue id gets a sentence, never a
// command.
func TestResentHoldStepsQuote(t *testing.T) {
	steps := holdSteps([]string{"4B7C21A2F3", "4B7C;reboot"})
	if len(steps) != 2 || !steps[0].Command || steps[0].Text != "postsuper -h 4B7C21A2F3" {
		t.Fatalf("steps %+v", steps)
	}
	if steps[1].Command || strings.Contains(steps[1].Text, "reboot") {
		t.Errorf("an implausible id given as a command or quoted: %+v", steps[1])
	}
}

// The messages kept stay bounded, and a new one is still kept once the
// bound is reached: the oldest make room.
func TestResentStaysBounded(t *testing.T) {
	var tr resentTracker
	p := newParser()
	for i := range maxResent + 50 {
		var r sources.Record
		p.Parse(endOfData(i*10, fmt.Sprintf("4B7C%06X", i), "ann@example.net", "mx.example.net", false, 350, false), &r)
		tr.feed(&r)
	}
	if len(tr.order) > maxResent || len(tr.byID) != len(tr.order) {
		t.Fatalf("%d ids in order, %d in the map", len(tr.order), len(tr.byID))
	}
	if tr.byID[fmt.Sprintf("4B7C%06X", maxResent+49)] == nil {
		t.Error("the newest message was not kept")
	}
}

// The knowledge base's notice about sessions lost after the end of data
// says less than the hint about the copies, and advises the path first:
// beside it, for the same lines, it is left out; a loss the copies do
// not cover (one try of another message) keeps it.
func TestResentCoversTheEndOfDataNotice(t *testing.T) {
	notice := func(e *Engine) bool {
		for _, h := range e.Hints(true) {
			if h.ID == "firewall" && !strings.Contains(h.Title, "more than once") {
				return true
			}
		}
		return false
	}
	var lines []string
	for try := range 3 {
		lines = append(lines, endOfData(try*900, "4B7C21A2F3", "ann@example.net", "mx.example.net", false, 600, false))
	}
	e := feed(lines...)
	if resentHint(e) == nil {
		t.Fatal("no hint about the copies")
	}
	if notice(e) {
		t.Error("the end-of-data notice stands beside the copies' hint for the same lines")
	}
	// Another message's single loss is no copy: the notice tells of it.
	e = feed(append(lines, endOfData(2000, "9D0E11B4C7", "bob@example.com", "mx.example.com", false, 3, false))...)
	if resentHint(e) == nil || !notice(e) {
		t.Error("a loss the copies' hint does not cover lost its notice")
	}
	// Without repeats there is no copies' hint, and the notice stays.
	if e := feed(lines[0]); resentHint(e) != nil || !notice(e) {
		t.Error("one loss after the end of data: want the notice alone")
	}
}
