package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// sendmail(1)'s "USER(UID): queue file write error" is a local program's
// submission that failed, not smtpd's reply to a client: its evidence says
// so.
func TestSendmailQueueWriteErrorIsLocalSubmission(t *testing.T) {
	h := hintOf(t, feed("Nov 28 10:00:00 mx postfix/sendmail[31005]: fatal: www-data(33): queue file write error"), sources.HintDaemonCrash)
	text := hintText(h)
	if strings.Contains(text, "smtpd answered") || !strings.Contains(text, "sendmail(1)") || !strings.Contains(text, "postdrop") {
		t.Errorf("sendmail's write error read as another program's:\n%s", text)
	}
}

// smtpd's queue-space refusal asks to compare the free bytes with
// message_size_limit, which a limit raised too far explains on a disk with
// room; with a write that failed for lack of space in the same log the
// disk is full, and lowering the limit is no fix.
func TestQueueSpaceOnFullDiskFreesSpace(t *testing.T) {
	space := []string{
		"Nov 28 10:00:00 mx postfix/smtpd[53]: warning: not enough free space in mail queue: 212992 bytes < 1.5*message size limit",
		"Nov 28 10:00:00 mx postfix/smtpd[53]: NOQUEUE: reject: MAIL from c.example.net[198.51.100.7]: 452 4.3.1 Insufficient system storage; proto=ESMTP helo=<c.example.net>",
	}
	lower := "lower message_size_limit"
	if text := hintText(hintOf(t, feed(space...), sources.HintDaemonCrash)); !strings.Contains(text, lower) {
		t.Errorf("queue space alone: no %q:\n%s", lower, text)
	}
	for _, full := range []string{
		"Nov 28 10:00:00 mx postfix/cleanup[52]: warning: 3F2A1C0A1B: write queue file: No space left on device",
		"Nov 28 10:00:00 mx postfix/postdrop[54]: warning: uid=33: No space left on device",
	} {
		text := hintText(hintOf(t, feed(append([]string{full}, space...)...), sources.HintDaemonCrash))
		if strings.Contains(text, lower) || !strings.Contains(text, "free space on the filesystem") {
			t.Errorf("with %q the advice is not to free space:\n%s", full, text)
		}
	}
}
