package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// inboundMessage is the i-th message smtpd accepted from a provider's
// host; refused, cleanup then rejects it for a header_checks rule that
// matched its Subject.
func inboundMessage(i int, refused bool) []string {
	id := fmt.Sprintf("%06XA%03X", i, i)
	client := fmt.Sprintf("mail-%d.outbound.example.net[198.51.100.%d]", i, 1+i%200)
	lines := []string{
		stamp(i) + fmt.Sprintf(" mx postfix/smtpd[%d]: %s: client=%s", 300+i%5, id, client),
	}
	if refused {
		return append(lines, stamp(i)+fmt.Sprintf(" mx postfix/cleanup[%d]: %s: reject: header Subject: Invoice %d from our office from %s; from=<billing@partner.example> to=<ann@example.com> proto=ESMTP helo=<mail-%d.outbound.example.net>: 5.7.1 message content rejected", 400+i%3, id, i, client, i))
	}
	return append(lines,
		stamp(i)+fmt.Sprintf(" mx postfix/cleanup[%d]: %s: message-id=<%d@partner.example>", 400+i%3, id, i),
		stamp(i)+fmt.Sprintf(" mx postfix/qmgr[9]: %s: from=<billing@partner.example>, size=4000, nrcpt=1 (queue active)", id))
}

func contentChecksEngine(n, refused int, conf string) *Engine {
	var lines []string
	for i := 0; i < n; i++ {
		lines = append(lines, inboundMessage(i, i < refused)...)
	}
	e := feed(lines...)
	if conf != "" {
		params, _ := sources.ParseParams(strings.NewReader(conf))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
	}
	return e
}

// header_checks refusing most of the mail received is a rule gone wrong
// (a pattern that matches every message): the hint says how much it
// refuses and gives the command that shows which rule matches a refused
// header, the header and the table quoted.
func TestContentChecksRefusingMostMail(t *testing.T) {
	e := contentChecksEngine(40, 30, "header_checks = regexp:/etc/postfix/header_checks\n")
	h := hintOf(t, e, "content_checks")
	if h.Severity != SevWarning || h.Side != "inbound" {
		t.Errorf("severity %v side %s", h.Severity, h.Side)
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "30 of 40 messages") || !strings.Contains(ev, "header_checks") {
		t.Errorf("evidence:\n%s", ev)
	}
	acts := strings.Join(h.Actions, "\n")
	if !strings.Contains(acts, "postmap -q 'Subject: Invoice ") || !strings.Contains(acts, " from our office' regexp:/etc/postfix/header_checks") {
		t.Errorf("no lookup of a refused header:\n%s", acts)
	}

	// A spam rule refusing a few messages is the rule at work.
	for _, c := range []struct{ n, refused int }{{40, 15}, {8, 6}} {
		e = contentChecksEngine(c.n, c.refused, "")
		for _, h := range e.Hints(true) {
			if h.ID == "content_checks" {
				t.Errorf("%d of %d refused: hint %+v", c.refused, c.n, h)
			}
		}
	}
}

// A refused header with shell or control characters, or a table name no
// postconf would print, gets a sentence, not a command.
func TestContentChecksOddHeaderGetsNoCommand(t *testing.T) {
	var lines []string
	for i := 0; i < 20; i++ {
		id := fmt.Sprintf("%06XA%03X", i, i)
		lines = append(lines,
			stamp(i)+fmt.Sprintf(" mx postfix/smtpd[3]: %s: client=h[198.51.100.%d]", id, 1+i),
			stamp(i)+fmt.Sprintf(" mx postfix/cleanup[4]: %s: reject: header Subject: $(reboot)\x1b[2J` from h[198.51.100.%d]; from=<a@b.example> to=<c@example.com> proto=ESMTP helo=<h>: 5.7.1 message content rejected", id, 1+i))
	}
	e := feed(lines...)
	params, _ := sources.ParseParams(strings.NewReader("header_checks = regexp:/etc/postfix/header_checks\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	h := hintOf(t, e, "content_checks")
	for _, a := range h.Steps {
		if a.Command && strings.Contains(a.Text, "postmap") || strings.Contains(a.Text, "reboot") || strings.Contains(a.Text, "\x1b") {
			t.Errorf("step %q", a.Text)
		}
	}
}
