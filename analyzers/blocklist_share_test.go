package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// sentMsg is one message submitted through sendmail by from and
// delivered to the same receiver that defers others.
func sentMsg(i int, from string) []string {
	qid := fmt.Sprintf("5C%08X", i)
	return []string{
		fmt.Sprintf("%s mx postfix/pickup[12]: %s: uid=1001 from=<%s>", stamp(i), qid, from),
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<%s>, size=2100, nrcpt=1 (queue active)", stamp(i), qid, from),
		fmt.Sprintf("%s mx postfix/smtp[78]: %s: to=<s%d@mail.example.net>, relay=mx1.mail.example.net[198.51.100.7]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=2.0.0, status=sent (250 ok dirdel)", stamp(i), qid, i),
	}
}

// A newsletter mostly delivered, some of it deferred for volume: the hint
// is no alarm, and the step about its sender stops and deletes only mail
// the site does not mean to send; a receiver taking none of the mail is
// still critical.
func TestBlocklistWeighsDeliveredMail(t *testing.T) {
	const from = "newsletter@example.com"
	var lines []string
	for i := range 40 {
		lines = append(lines, refusedMsg(i, "postfix/pickup[12]: %s: uid=1001 from=<"+from+">", from)...)
	}
	refusedOnly := blocklistHint(t, lines)
	if refusedOnly.Severity != SevCritical {
		t.Errorf("40 refused, none delivered: severity %v, want critical", refusedOnly.Severity)
	}
	for i := 100; i < 500; i++ {
		lines = append(lines, sentMsg(i, from)...)
	}
	h := blocklistHint(t, lines)
	if h.Severity == SevCritical {
		t.Errorf("40 deferred, 400 delivered to the same receiver: severity critical")
	}
	step := h.Steps[0].Text
	if !strings.Contains(step, `"`+from+`"`) || !strings.Contains(step, "if it is not mail this site means to send") || !strings.Contains(step, "keep it queued") {
		t.Errorf("the sender's step stops and deletes the mail unconditionally: %s", step)
	}
}
