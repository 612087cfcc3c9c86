package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// bouncedUnknown is a bounce for a recipient the receiver does not have.
func bouncedUnknown(i int, domain string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 6D%08X: to=<nobody%d@%s>, relay=mx.%s[192.0.2.60]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.1.1, status=bounced (host mx.%s[192.0.2.60] said: 550 5.1.1 <nobody%d@%s>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
		stamp(i), 300+i%7, i, i, domain, domain, domain, i, domain)
}

func sentTo(i int, domain string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 6E%08X: to=<u%d@%s>, relay=mx.%s[192.0.2.61]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)",
		stamp(i), 300+i%7, i, i, domain, domain)
}

// Many of this host's outbound deliveries bounce for recipients that do
// not exist: an old list, or an account mailing harvested addresses.
// Receivers count that against the sender; the hint says who sends it.
func TestRecipientBouncesShare(t *testing.T) {
	var lines []string
	domains := []string{"a.example", "b.example", "c.example", "d.example"}
	for i := 0; i < 100; i++ {
		d := domains[i%len(domains)]
		if i%4 == 0 {
			lines = append(lines, bouncedUnknown(i, d))
		} else {
			lines = append(lines, sentTo(i, d))
		}
	}
	hs := hintIDs(feed(lines...).Hints(true))
	got := hs["recipient_bounces"]
	if len(got) != 1 {
		t.Fatalf("want one recipient_bounces hint, got %v", hs)
	}
	h := got[0]
	if h.Side != "outbound" || h.Severity != SevWarning {
		t.Errorf("%s %s", h.Side, h.Severity)
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "25 of 100") {
		t.Errorf("evidence should give the share: %s", ev)
	}
	acts := strings.Join(h.Actions, "\n")
	for _, want := range []string{"compromised", "list"} {
		if !strings.Contains(acts, want) {
			t.Errorf("advice lacks %q:\n%s", want, acts)
		}
	}
	// The usual share of a healthy host (a few percent) gives none.
	lines = nil
	for i := 0; i < 400; i++ {
		d := domains[i%len(domains)]
		if i%40 == 0 {
			lines = append(lines, bouncedUnknown(i, d))
		} else {
			lines = append(lines, sentTo(i, d))
		}
	}
	if got := hintIDs(feed(lines...).Hints(true))["recipient_bounces"]; len(got) != 0 {
		t.Errorf("2.5%% of deliveries bounced gave %+v", got)
	}
	// Nor do a few bounces, whatever their share.
	if got := hintIDs(feed(bouncedUnknown(1, "a.example"), bouncedUnknown(2, "b.example"), sentTo(3, "c.example")).Hints(true))["recipient_bounces"]; len(got) != 0 {
		t.Errorf("two bounces gave %+v", got)
	}
}

// The login that submitted most of the bounced mail is named first, as
// for refusals of its content or the sending IP.
func TestRecipientBouncesNameTheLogin(t *testing.T) {
	var lines []string
	for i := 0; i < 30; i++ {
		qid := fmt.Sprintf("6F%08X", i)
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/submission/smtpd[31]: %s: client=unknown[192.0.2.%d], sasl_method=LOGIN, sasl_username=ann@example.com", stamp(i), qid, 10+i%3),
			fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<ann@example.com>, size=2100, nrcpt=1 (queue active)", stamp(i), qid),
			fmt.Sprintf("%s mx postfix/smtp[77]: %s: to=<x%d@mail.example.net>, relay=mx1.mail.example.net[198.51.100.7]:25, delay=2, delays=0.1/0/1/0.9, dsn=5.1.1, status=bounced (host mx1.mail.example.net[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command))", stamp(i), qid, i))
	}
	for i := 0; i < 30; i++ {
		lines = append(lines, sentTo(100+i, "b.example"))
	}
	got := hintIDs(feed(lines...).Hints(true))["recipient_bounces"]
	if len(got) != 1 {
		t.Fatalf("want one recipient_bounces hint, got %+v", got)
	}
	if s := got[0].Steps; len(s) == 0 || !strings.Contains(s[0].Text, `"ann@example.com"`) {
		t.Errorf("the first step should name the login, got %+v", s)
	}
}

// The big receivers that do not answer a recipient they lack with 5.1.x
// count too: Yahoo's "This user doesn't have a yahoo.com account" and
// "mailbox not found", Exchange Online's directory-based edge blocking
// ("5.4.1 Recipient address rejected: Access denied").
func TestRecipientBouncesInOtherWords(t *testing.T) {
	replies := []struct{ dsn, reply string }{
		{"5.0.0", "554 delivery error: dd This user doesn't have a yahoo.com account (nobody@yahoo.com) [0] - mta4012.mail.gq1.yahoo.com"},
		{"5.0.0", "552 1 Requested mail action aborted, mailbox not found"},
		{"5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [AM0EUR02FT001.eop-EUR02.prod.protection.outlook.com]"},
	}
	for _, rp := range replies {
		var lines []string
		for i := 0; i < 100; i++ {
			if i%4 == 0 {
				lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[301]: 6D%08X: to=<nobody%d@a.example>, relay=mx.a.example[192.0.2.60]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=%s, status=bounced (host mx.a.example[192.0.2.60] said: %s (in reply to RCPT TO command))", stamp(i), i, i, rp.dsn, rp.reply))
			} else {
				lines = append(lines, sentTo(i, "a.example"))
			}
		}
		if got := hintIDs(feed(lines...).Hints(true))["recipient_bounces"]; len(got) != 1 {
			t.Errorf("no recipient_bounces hint for %q", rp.reply)
		}
	}
}

// A receiver refusing all of this host's mail for failed sender
// authentication (DMARC) or a missing PTR is total loss: critical, not the
// warning a few refusals among mail that goes through get.
func TestIdentityRefusalOfMostMailIsCritical(t *testing.T) {
	dmarc := func(i int) string {
		return fmt.Sprintf("%s mx postfix/smtp[501]: 8A%08X: to=<u%d@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.26]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.26] said: 550-5.7.26 Unauthenticated email from example.net is not accepted due to domain's DMARC policy. (in reply to end of DATA command))", stamp(i), i, i)
	}
	var lines []string
	for i := 0; i < 40; i++ {
		lines = append(lines, dmarc(i))
	}
	h := hintIDs(feed(lines...).Hints(true))["reverse_dns"]
	if len(h) != 1 || h[0].Severity != SevCritical {
		t.Fatalf("all mail refused: %+v", h)
	}
	lines = lines[:3]
	for i := 0; i < 200; i++ {
		lines = append(lines, sentTo(10+i, "gmail.com"))
	}
	if h := hintIDs(feed(lines...).Hints(true))["reverse_dns"]; len(h) != 1 || h[0].Severity != SevWarning {
		t.Errorf("3 of 203 refused: %+v", h)
	}
}

// nullSenderBounced is Postfix's own non-delivery report (the null
// sender) to a sender that does not exist, bounced in turn.
func nullSenderBounced(i int, domain string) []string {
	q := fmt.Sprintf("7A%08X", i)
	return []string{
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<>, size=4300, nrcpt=1 (queue active)", stamp(i), q),
		fmt.Sprintf("%s mx postfix/smtp[%d]: %s: to=<forged%d@%s>, relay=mx.%s[192.0.2.62]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.1.1, status=bounced (host mx.%s[192.0.2.62] said: 550 5.1.1 User unknown (in reply to RCPT TO command))",
			stamp(i), 300+i%7, q, i, domain, domain, domain),
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: removed", stamp(i), q),
	}
}

// A gateway that accepts mail for any address of its relay domain and
// bounces it afterwards sends backscatter: the relay legs refused by the
// mailbox server and its own reports to the forged senders are no mail of
// this site's users, and the backscatter hint is the one that leads.
func TestBackscatterIsNoRecipientBounces(t *testing.T) {
	lines := acceptedThenUnknown(30, "203.0.113.7", "")
	for i := range 10 {
		lines = append(lines, nullSenderBounced(i, []string{"hotmail.example", "web.example"}[i%2])...)
	}
	for i := range 20 {
		lines = append(lines, sentTo(i, "partner.example"))
	}
	hs := feed(lines...).Hints(true)
	if got := hintIDs(hs)["recipient_bounces"]; len(got) != 0 {
		t.Errorf("recipient_bounces counts backscatter: %v", got[0].Evidence)
	}
	if len(hs) == 0 || hs[0].ID != "config_error" || !strings.Contains(hs[0].Title, "backscatter") {
		t.Fatalf("backscatter does not lead: %+v", hs)
	}
	// This site's own senders' bounces still count, and only they.
	lines = nil
	for i := range 100 {
		switch {
		case i%4 == 0:
			lines = append(lines, bouncedUnknown(i, "a.example"))
		case i%10 == 1:
			lines = append(lines, nullSenderBounced(i, "b.example")...)
		default:
			lines = append(lines, sentTo(i, "c.example"))
		}
	}
	got := hintIDs(feed(lines...).Hints(true))["recipient_bounces"]
	if len(got) != 1 || !strings.Contains(strings.Join(got[0].Evidence, "\n"), "25 of 100") {
		t.Fatalf("want the 25 own bounces of 100: %+v", got)
	}
}
