package analyzers

import (
	"slices"
	"testing"
)

// noticeText and noticeStatus are the two parts of a bounce(8) notice for
// one recipient, as a mail client shows them unwrapped: the recipient's
// paragraph of the text part and the fields of the delivery-status part.
func noticeText(rcpt, reason string) []string {
	return []string{"<" + rcpt + ">: " + reason, ""}
}

func noticeStatus(rcpt, status, diag string) []string {
	return []string{"Final-Recipient: rfc822; " + rcpt, "Original-Recipient: rfc822;" + rcpt, "Action: failed",
		"Status: " + status, "Diagnostic-Code: " + diag, ""}
}

var noticeHead = []string{
	"This is the mail system at host mx1.example.net.",
	"",
	"I'm sorry to have to inform you that your message could not",
	"be delivered to one or more recipients. It's attached below.",
	"",
	"                   The mail system",
	"",
}

var noticeDSNHead = []string{
	"Reporting-MTA: dns; mx1.example.net",
	"X-Postfix-Queue-ID: 4B1C32A0F4",
	"X-Postfix-Sender: rfc822; alice@example.net",
	"Arrival-Date: Tue,  1 Dec 2026 10:00:01 +0000 (UTC)",
	"",
}

// A pasted notice says what became of each recipient twice: in its text
// part and in its delivery-status part (the Diagnostic-Code that follows
// the recipient's Final-Recipient). bounce(8) writes both parts for the
// same recipients in the same order, so each recipient is one delivery;
// a delivery-status part pasted alone still counts its own.
func TestNoticeCountsEachRecipientOnce(t *testing.T) {
	const (
		bob   = "bob@example.org"
		dee   = "dee@example.com"
		bobRe = "host mx.example.org[203.0.113.5] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)"
		bobDi = "smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table"
		deeRe = "host mx.example.com[198.51.100.9] said: 554 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org (in reply to RCPT TO command)"
		deeDi = "smtp; 554 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org"
	)
	one := slices.Concat(noticeHead, noticeText(bob, bobRe), noticeDSNHead, noticeStatus(bob, "5.1.1", bobDi))
	two := slices.Concat(noticeHead, noticeText(bob, bobRe), noticeText(dee, deeRe), noticeDSNHead,
		noticeStatus(bob, "5.1.1", bobDi), noticeStatus(dee, "5.7.1", deeDi))
	// A second notice for the same recipient is a second bounce.
	again := slices.Concat(one, one)
	statusOnly := slices.Concat(noticeDSNHead, noticeStatus(bob, "5.1.1", bobDi))
	for _, tc := range []struct {
		name    string
		lines   []string
		bounced int64
		domains map[string]int // bounced per destination
	}{
		{"one recipient", one, 1, map[string]int{"example.org": 1}},
		{"two recipients", two, 2, map[string]int{"example.org": 1, "example.com": 1}},
		{"two notices", again, 2, map[string]int{"example.org": 2}},
		{"delivery-status part alone", statusOnly, 1, map[string]int{"(no domain)": 1}},
	} {
		rep := reportOf(tc.lines, 0)
		if rep.Totals.Bounced != tc.bounced {
			t.Errorf("%s: %d bounced, want %d", tc.name, rep.Totals.Bounced, tc.bounced)
		}
		got := map[string]int{}
		for _, d := range rep.Destinations {
			got[d.Domain] = d.Bounced
		}
		for dom, n := range tc.domains {
			if got[dom] != n {
				t.Errorf("%s: %s bounced %d, want %d (destinations %v)", tc.name, dom, got[dom], n, got)
			}
		}
		if _, ok := tc.domains["(no domain)"]; !ok && got["(no domain)"] != 0 {
			t.Errorf("%s: the delivery-status part counted apart as (no domain): %v", tc.name, got)
		}
	}
}
