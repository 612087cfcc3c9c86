package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// A receiver's throttling in failed tries at its servers ("host X said:",
// "refused to talk to me:") with no delivery line naming the recipient
// domain (a log cut before the deferral, a pasted line) still gives the
// rate or concurrency hint, about the servers that answered, in words:
// without the domain there is no transport entry to write.
func TestThrottleHintsFromFailedTriesAlone(t *testing.T) {
	rate := func(sec int) string {
		return fmt.Sprintf("%s mx postfix/smtp[77]: 5B2C3D4E%02d: host mx1.mail.example.net[198.51.100.7] said: 451 4.7.1 Rate limit exceeded, please try again later (in reply to RCPT TO command)", stamp(sec), sec)
	}
	e := feed(rate(1), rate(40))
	h := hintIDs(e.Hints(true))["rate_delay"]
	if len(h) != 1 {
		t.Fatalf("want one rate_delay hint from two failed tries, got %+v", hintIDs(e.Hints(true)))
	}
	if !strings.Contains(h[0].Subject, "mx1.mail.example.net") {
		t.Errorf("subject should name the server that answered, got %q", h[0].Subject)
	}
	if len(h[0].Samples) == 0 || !strings.Contains(h[0].Samples[0], "4.7.1 Rate limit exceeded") {
		t.Errorf("sample should be the failed try, got %q", h[0].Samples)
	}
	if len(h[0].Changes) != 0 {
		t.Errorf("no domain is known: no configuration change may be offered, got %+v", h[0].Changes)
	}
	for _, a := range h[0].Steps {
		if a.Command && strings.Contains(a.Text, "transport") && strings.Contains(a.Text, "mx1.mail.example.net") {
			t.Errorf("a server's name is no transport key: %q", a.Text)
		}
	}

	conn := fmt.Sprintf("%s mx postfix/smtp[78]: 6C3D4E5F01: host mx2.mail.example.org[198.51.100.8] refused to talk to me: 421 4.7.0 mx2.mail.example.org Error: too many connections from 203.0.113.9", stamp(3))
	if hs := hintIDs(feed(conn).Hints(true)); len(hs["destination_concurrency"]) != 1 || len(hs["rate_delay"]) != 0 {
		t.Errorf("a refused try for too many connections should give destination_concurrency alone, got %+v", hs)
	}

	// The reply says the mail is unwanted: the hint leads with the
	// reputation, not with slowing down.
	unwanted := fmt.Sprintf("%s mx postfix/smtp[79]: 7D4E5F6A01: host mx3.mail.example.com[198.51.100.9] said: 421 4.7.0 Rate limit exceeded: too many spam complaints about mail from your IP (in reply to end of DATA command)", stamp(4))
	if h := hintIDs(feed(unwanted).Hints(true))["rate_delay"]; len(h) != 1 || len(h[0].Cautions) == 0 || !strings.Contains(h[0].Cautions[0], "reputation") {
		t.Errorf("an unwanted-mail throttle should lead with the reputation caution, got %+v", h)
	}

	// Once a delivery line ties the server to its domain, the domain's
	// hint is the one given, not a second one about the server.
	deferred := fmt.Sprintf("%s mx postfix/smtp[77]: 5B2C3D4E01: to=<ann@example.net>, relay=mx1.mail.example.net[198.51.100.7]:25, delay=3, delays=0.1/0/1/2, dsn=4.7.1, status=deferred (host mx1.mail.example.net[198.51.100.7] said: 451 4.7.1 Rate limit exceeded, please try again later (in reply to RCPT TO command))", stamp(2))
	h = hintIDs(feed(rate(1), deferred, rate(40)).Hints(true))["rate_delay"]
	if len(h) != 1 || h[0].Subject != "example.net" {
		t.Errorf("with the domain known, want the domain's hint alone, got %+v", h)
	}

	// Tries that failed for another reason give neither hint.
	full := fmt.Sprintf("%s mx postfix/smtp[77]: 4A1B2C3D99: host mx1.mail.example.net[198.51.100.7] said: 452 4.2.2 mailbox full (in reply to RCPT TO command)", stamp(5))
	if hs := hintIDs(feed(full).Hints(true)); len(hs["rate_delay"])+len(hs["destination_concurrency"]) != 0 {
		t.Errorf("a mailbox-full try gave a throttle hint: %+v", hs)
	}
}

// Gmail's 4.2.1 is one mailbox receiving mail too fast: a loop, an alert
// storm, a forward to that address. While other mail to the domain goes
// through, the hint sends the admin to what floods that mailbox and
// offers no rate delay for the domain, which would make every other
// delivery there serial; alone at the domain, the delay stays a choice.
func TestOneMailboxTooFast(t *testing.T) {
	deferral := func(i int) string {
		return fmt.Sprintf("%s mx postfix/smtp[77]: 5B2C3D%04X: to=<bob@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.26]:25, delay=3, delays=0.1/0/1/2, dsn=4.2.1, status=deferred (host gmail-smtp-in.l.google.com[192.0.2.26] said: 450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered. (in reply to RCPT TO command))", stamp(i*5), i)
	}
	var lines []string
	for i := 0; i < 40; i++ {
		lines = append(lines, deferral(i))
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[78]: 6C2C3D%04X: to=<u%d@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.26]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 2.0.0 OK)", stamp(i*5+1), i, i))
	}
	h := hintIDs(feed(lines...).Hints(true))["rate_delay"]
	if len(h) != 1 {
		t.Fatalf("want one rate_delay hint, got %+v", h)
	}
	if h[0].Severity > SevWarning || len(h[0].Changes) != 0 || !strings.Contains(h[0].Actions[0], "what floods that address") {
		t.Errorf("with other mail going through: %s, changes %+v, steps %q", h[0].Severity, h[0].Changes, h[0].Actions)
	}
	for _, a := range h[0].Actions {
		if strings.Contains(a, "_destination_rate_delay") {
			t.Errorf("a rate delay for all of gmail.com: %q", a)
		}
	}
	// Alone at the domain (one alert address), the delay is offered,
	// after the flood.
	var alone []string
	for i := 0; i < 40; i++ {
		alone = append(alone, deferral(i))
	}
	h = hintIDs(feed(alone...).Hints(true))["rate_delay"]
	if len(h) != 1 || !strings.Contains(h[0].Actions[0], "what floods that address") || !strings.Contains(strings.Join(h[0].Actions, "\n"), "_destination_rate_delay = 1s") {
		t.Errorf("alone at the domain: %+v", h)
	}
}
