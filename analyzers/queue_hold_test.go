package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// received is smtpd's client= line of one message; held is cleanup's HOLD
// action on it.
func received(sec, n int) string {
	return fmt.Sprintf("%s mx postfix/smtpd[4]: 6A%08X: client=c.example.net[198.51.100.7]", stamp(sec), n)
}

func held(sec, n int) string {
	return fmt.Sprintf("%s mx postfix/cleanup[5]: 6A%08X: hold: header Received: from c.example.net (c.example.net [198.51.100.7]) by mx.example.org (Postfix) with ESMTP id 6A%08X for <a@example.org>; Sat, 28 Nov 2026 10:00:00 +0000 (UTC) from c.example.net[198.51.100.7]; from=<b@example.net> to=<a@example.org> proto=ESMTP helo=<c.example.net>", stamp(sec), n, n)
}

// Mail a HOLD action put in the hold queue waits there until released:
// when it is most of what arrived, a rule holds everything; a few held
// messages are a policy doing its job; released ones wait no more.
func TestHeldMailWaitsUntilReleased(t *testing.T) {
	var all []string
	for i := 0; i < 12; i++ {
		all = append(all, received(i, i), held(i, i))
	}
	qb := hintIDs(feed(all...).Hints(true))["queue_backlog"]
	if len(qb) != 1 {
		t.Fatalf("every message held: no queue_backlog hint: %+v", qb)
	}
	h := qb[0]
	ev := strings.Join(h.Evidence, " | ")
	if h.Severity < SevWarning || !strings.Contains(ev, "12 messages") || !strings.Contains(ev, "hold") {
		t.Errorf("severity %v evidence %q", h.Severity, ev)
	}
	steps := strings.Join(texts(h.Steps), " | ")
	if !strings.Contains(steps, "postsuper -H") || !strings.Contains(steps, "header_checks") || !strings.Contains(steps, "qshape -s hold") {
		t.Errorf("steps %q", steps)
	}
	for _, s := range h.Steps {
		if s.Command && strings.Contains(s.Text, "-H ALL") {
			t.Errorf("releasing every held message offered as a command: %q", s.Text)
		}
	}

	var few []string
	for i := 0; i < 30; i++ {
		few = append(few, received(i, i))
	}
	few = append(few, held(31, 1))
	if qb := hintIDs(feed(few...).Hints(true))["queue_backlog"]; len(qb) != 1 || qb[0].Severity != SevInfo {
		t.Errorf("one held message of 30: %+v", qb)
	}

	rel := append([]string{}, all...)
	for i := 0; i < 12; i++ {
		rel = append(rel, fmt.Sprintf("%s mx postfix/postsuper[9]: 6A%08X: released from hold", stamp(100), i))
	}
	rel = append(rel, stamp(100)+" mx postfix/postsuper[9]: Released from hold: 12 messages")
	if qb := hintIDs(feed(rel...).Hints(true))["queue_backlog"]; len(qb) != 0 {
		t.Errorf("held mail released: %+v", qb)
	}
}
