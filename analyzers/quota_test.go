package analyzers

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"mxtop/sources"
)

// Next hops' caps on what is sent over a window of time: Proofpoint's
// hourly count of recipients, a relay's daily count of a user's messages,
// cPanel's hourly count of a domain's mail, NetEase's daily and
// 15-minute counts, SES's daily quota at its relay.
var sendQuotaReplies = []string{
	"host mx0a.example.edu[192.0.2.30] said: 452 4.5.3 Too many recipients received this hour (in reply to RCPT TO command)",
	"host smtp.example.net[192.0.2.31] said: 451 4.7.1 Too many messages from this user today, try again later (in reply to MAIL FROM command)",
	"host relay.example.net[192.0.2.32] said: 550 Domain example.com has exceeded the max emails per hour (301/300 (100%)) allowed. (in reply to end of DATA command)",
	"host 163mx01.mxmail.netease.com[192.0.2.33] said: 550 RP:TRC 163 mx26,AcCowAD3HmBlZ2xn_1abc--.1234S2 1700000000 (in reply to RCPT TO command)",
	"host 163mx02.mxmail.netease.com[192.0.2.34] said: 451 MI:SFQ 163 smtp3,DdGowAB3OKhmZ2xnAbc--.12S2 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5 (in reply to MAIL FROM command)",
	"host email-smtp.us-east-1.amazonaws.com[192.0.2.35] said: 454 Throttling failure: Daily message quota exceeded. (in reply to end of DATA command)",
	"host 126mx01.mxmail.netease.com[192.0.2.36] refused to talk to me: 554 5.7.3 HL:ITC 126 mx1,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5",
}

// Receivers' verdicts on a sender that mails addresses they do not have.
var badRecipientReplies = []string{
	"host mx.example.org[192.0.2.40] said: 550 5.1.1 Too many invalid recipients (in reply to RCPT TO command)",
	"host mx.example.org[192.0.2.41] said: 421 4.7.0 Too many bad recipients, closing connection (in reply to RCPT TO command)",
	"host mta5.am0.yahoodns.net[192.0.2.42] said: 451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8) (in reply to RCPT TO command)",
	"host 163mx03.mxmail.netease.com[192.0.2.43] refused to talk to me: 421 HL:REP 163 mx10,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5",
	"host 163mx03.mxmail.netease.com[192.0.2.44] said: 451 RP:CEL 163 mx10,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5 (in reply to RCPT TO command)",
}

// Each reply is its class in every form a delivery line comes in: with
// and without the syslog header, under docker compose's prefix.
func TestQuotaAndBadRecipientClasses(t *testing.T) {
	for _, c := range []struct {
		replies []string
		want    sources.Class
	}{{sendQuotaReplies, sources.ClassSendQuota}, {badRecipientReplies, sources.ClassBadRecipients}} {
		for _, reply := range c.replies {
			for _, f := range providerReplyForms {
				var r sources.Record
				sources.NewParser().Parse(f.line(1, "example.org", "deferred", reply), &r)
				if r.Class != c.want {
					t.Errorf("%s: %q: class %q, want %q", f.name, reply, r.Class, c.want)
				}
			}
		}
	}
	// The quota of a recipient's mailbox, and a relay's quota on the
	// account this host logs in as, stay what they were.
	for reply, want := range map[string]sources.Class{
		"host mx.example.org[192.0.2.45] said: 452 4.2.2 The email account that you tried to reach is over quota (in reply to RCPT TO command)":                                 sources.ClassRecipient,
		"host smtp-relay.gmail.com[192.0.2.46] said: 550 5.4.5 Daily user sending quota exceeded. d2e1a72fcca58-7a4c1b0f2a3sm1.0 - gsmtp (in reply to MAIL FROM command)":       sources.ClassConfigError,
		"host mx.example.net[192.0.2.47] said: 452 4.5.3 Error: too many recipients (in reply to RCPT TO command)":                                                              sources.ClassRcptLimit,
		"host mx.example.net[192.0.2.48] said: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)": sources.ClassRecipient,
	} {
		var r sources.Record
		sources.NewParser().Parse(deliv(1, "example.org", "deferred", reply), &r)
		if r.Class != want {
			t.Errorf("%q: class %q, want %q", reply, r.Class, want)
		}
	}
}

// lines is 12 deliveries to domain refused with reply, in form f.
func formLines(f func(int, string, string, string) string, domain, status, reply string) []string {
	var lines []string
	for i := range 12 {
		lines = append(lines, f(i, domain, status, reply))
	}
	return lines
}

// An hourly or daily cap gets the hint that waits for the window and
// looks for what sent so much, never a lower recipient limit, a rate
// delay or a lower concurrency.
func TestSendQuotaHint(t *testing.T) {
	for _, reply := range sendQuotaReplies {
		for _, f := range providerReplyForms {
			e := feed(formLines(f.line, "example.edu", "deferred", reply)...)
			ids := hintIDs(e.Hints(true))
			h := ids["sending_quota"]
			if len(h) == 0 {
				t.Errorf("%s: %q: no sending_quota hint: %v", f.name, reply, slices.Sorted(maps.Keys(ids)))
				continue
			}
			words := strings.Join(h[0].Actions, "\n")
			if !strings.Contains(h[0].Subject, "example.edu") || !strings.Contains(words, "window") || !strings.Contains(words, "postsuper -h") ||
				strings.Contains(words, "_destination_recipient_limit") || strings.Contains(words, "rate_delay") {
				t.Errorf("%s: %q: subject %q, actions:\n%s", f.name, reply, h[0].Subject, words)
			}
			for _, other := range []string{"recipient_limit", "rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals", "recipient_bounces"} {
				if len(ids[other]) != 0 {
					t.Errorf("%s: %q: %s hint %q", f.name, reply, other, ids[other][0].Title)
				}
			}
		}
	}
}

// A 5xx cap returned the mail: the hint says its senders must send it
// again, and is critical.
func TestSendQuotaBounced(t *testing.T) {
	h := hintOf(t, feed(formLines(deliv, "example.com", "bounced", sendQuotaReplies[2])...), "sending_quota")
	if h.Severity != SevCritical || !strings.Contains(strings.Join(h.Actions, "\n"), "returned to its senders") {
		t.Errorf("severity %v, actions:\n%s", h.Severity, strings.Join(h.Actions, "\n"))
	}
	h = hintOf(t, feed(formLines(deliv, "example.com", "deferred", sendQuotaReplies[0])...), "sending_quota")
	if strings.Contains(strings.Join(h.Actions, "\n"), "returned to its senders") {
		t.Errorf("deferred mail said to be returned:\n%s", strings.Join(h.Actions, "\n"))
	}
}

// Mail refused for sending to addresses that do not exist gets the
// hygiene hint: where the bad addresses come from, relaying and
// backscatter; no retries, throttling or listing steps, and the 5.1.1 of
// such a verdict is no recipient that does not exist.
func TestBadRecipientsHint(t *testing.T) {
	for _, reply := range badRecipientReplies {
		for _, f := range providerReplyForms {
			for _, status := range []string{"deferred", "bounced"} {
				lines := formLines(f.line, "example.org", status, reply)
				if status == "bounced" {
					for i := range lines {
						lines[i] = strings.Replace(lines[i], "dsn=4.0.0", "dsn=5.1.1", 1)
					}
				}
				ids := hintIDs(feed(lines...).Hints(true))
				h := ids["invalid_recipients"]
				if len(h) == 0 {
					t.Errorf("%s, %s: %q: no invalid_recipients hint: %v", f.name, status, reply, slices.Sorted(maps.Keys(ids)))
					continue
				}
				words := strings.Join(h[0].Actions, "\n")
				if !strings.Contains(h[0].Subject, "example.org") || !strings.Contains(words, "harvested") || !strings.Contains(words, "backscatter") || !strings.Contains(words, "postconf mynetworks") {
					t.Errorf("%s: %q: subject %q, actions:\n%s", f.name, reply, h[0].Subject, words)
				}
				for _, other := range []string{"blocklist", "recipient_bounces", "rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals", "recipient_limit"} {
					if len(ids[other]) != 0 {
						t.Errorf("%s, %s: %q: %s hint %q", f.name, status, reply, other, ids[other][0].Title)
					}
				}
			}
		}
	}
}

// The submitter behind most of the refused mail leads the steps.
func TestBadRecipientsNamesSubmitter(t *testing.T) {
	var lines []string
	for i := range 8 {
		id := strings.ToUpper(strings.Repeat(string(rune('A'+i)), 10))
		lines = append(lines,
			stamp(i)+" mx postfix/smtpd[300]: "+id+": client=unknown[198.51.100.7], sasl_method=PLAIN, sasl_username=newsletter@example.com",
			stamp(i)+" mx postfix/qmgr[301]: "+id+": from=<newsletter@example.com>, size=2048, nrcpt=1 (queue active)",
			stamp(i)+" mx postfix/smtp[302]: "+id+": to=<x"+id+"@example.org>, relay=mx.example.org[192.0.2.40]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.0.0, status=bounced ("+badRecipientReplies[0]+")")
	}
	h := hintOf(t, feed(lines...), "invalid_recipients")
	if !strings.Contains(h.Actions[0], "newsletter@example.com") {
		t.Errorf("first step %q", h.Actions[0])
	}
}

// A relay's cap on the account (Amazon SES's daily quota) is the
// relay's, whatever domains the refused mail was for: the hint names
// the relay as its subject, and the destinations in its evidence.
func TestSendQuotaNamesTheRelay(t *testing.T) {
	var lines []string
	for i := range 12 {
		dom := []string{"example.org", "example.net", "example.com"}[i%3]
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 4ABC123D%02X: to=<u%d@%s>, relay=email-smtp.us-east-1.amazonaws.com[192.0.2.10]:587, delay=1, delays=0.1/0/0.3/0.5, dsn=4.0.0, status=deferred (host email-smtp.us-east-1.amazonaws.com[192.0.2.10] said: 454 Throttling failure: Daily message quota exceeded. (in reply to end of DATA command))", stamp(i*60), 1200+i, i, i, dom))
	}
	h := hintOf(t, feed(lines...), "sending_quota")
	if h.Subject != "email-smtp.us-east-1.amazonaws.com" {
		t.Errorf("subject %q, want the relay", h.Subject)
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "through the relay email-smtp.us-east-1.amazonaws.com") || !strings.Contains(ev, "example.net") {
		t.Errorf("evidence:\n%s", ev)
	}
}
