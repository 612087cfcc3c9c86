package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// acceptedThenUnknown is mail smtpd took without a login from a client on
// the Internet, whose recipient the next hop then refused as unknown: the
// bounce goes to a sender anyone can forge.
func acceptedThenUnknown(n int, client string, sasl string) []string {
	var lines []string
	for i := range n {
		q := fmt.Sprintf("4A%08X", i)
		c := "Mar  3 10:00:%02d gw postfix/smtpd[300]: " + q + ": client=unknown[" + client + "]"
		if sasl != "" {
			c += ", sasl_method=PLAIN, sasl_username=" + sasl
		}
		lines = append(lines,
			fmt.Sprintf(c, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/qmgr[900]: %s: from=<x%d@example.net>, size=2100, nrcpt=1 (queue active)", i, q, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/smtp[400]: %s: to=<u%d@example.com>, relay=exch.example.com[10.0.0.5]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=5.1.1, status=bounced (host exch.example.com[10.0.0.5] said: 550 5.1.1 User unknown (in reply to RCPT TO command))", i, q, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/bounce[500]: %s: sender non-delivery notification: 5B%08X", i, q, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/qmgr[900]: %s: removed", i, q))
	}
	return lines
}

func configHints(e *Engine) []Hint {
	var out []Hint
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintConfigError {
			out = append(out, h)
		}
	}
	return out
}

// Mail taken from the Internet and bounced afterwards for an unknown
// recipient is backscatter: the hint says to reject unknown recipients
// during the SMTP session, and never to discard the bounces.
func TestAcceptedThenUnknownIsBackscatter(t *testing.T) {
	e := feed(acceptedThenUnknown(12, "203.0.113.7", "")...)
	hs := configHints(e)
	if len(hs) != 1 {
		t.Fatalf("want one config_error hint, got %+v", hs)
	}
	h := hs[0]
	if h.Side != "inbound" || h.Severity < SevWarning {
		t.Errorf("side %s severity %s", h.Side, h.Severity)
	}
	all := strings.Join(h.Actions, "\n")
	for _, want := range []string{"relay_recipient_maps", "smtpd_reject_unlisted_recipient"} {
		if !strings.Contains(all, want) {
			t.Errorf("actions lack %s: %s", want, all)
		}
	}
	if len(h.Samples) == 0 {
		t.Error("no sample line")
	}
	if !strings.Contains(strings.Join(h.Cautions, "\n"), "discard") {
		t.Errorf("no caution against discarding bounces: %v", h.Cautions)
	}
}

// A login's mail, mail from this site's own network and mail from this
// host bounce to real senders: no backscatter.
func TestOwnMailBouncesAreNoBackscatter(t *testing.T) {
	for _, tc := range []struct{ client, sasl string }{
		{"203.0.113.7", "ann"}, {"10.1.2.3", ""}, {"127.0.0.1", ""}, {"fd00::5", ""},
	} {
		if hs := configHints(feed(acceptedThenUnknown(12, tc.client, tc.sasl)...)); len(hs) != 0 {
			t.Errorf("%s %q: %+v", tc.client, tc.sasl, hs)
		}
	}
}

// acceptedThenRefused is acceptedThenUnknown with the next hop's own
// words: agent (smtp, lmtp), its DSN and reply.
func acceptedThenRefused(n int, agent, dsn, reply string) []string {
	var lines []string
	for i := range n {
		q := fmt.Sprintf("4C%08X", i)
		lines = append(lines,
			fmt.Sprintf("Mar  3 10:01:%02d gw postfix/smtpd[300]: %s: client=unknown[198.51.100.%d]", i, q, 1+i),
			fmt.Sprintf("Mar  3 10:01:%02d gw postfix/qmgr[900]: %s: from=<x%d@example.net>, size=2100, nrcpt=1 (queue active)", i, q, i),
			fmt.Sprintf("Mar  3 10:01:%02d gw postfix/%s[400]: %s: to=<u%d@shop.example.com>, relay=exch.shop.example.com[10.0.4.10]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=%s, status=bounced (host exch.shop.example.com[10.0.4.10] said: %s (in reply to RCPT TO command))", i, agent, q, i, dsn, reply),
			fmt.Sprintf("Mar  3 10:01:%02d gw postfix/bounce[500]: %s: sender non-delivery notification: 5D%08X", i, q, i),
			fmt.Sprintf("Mar  3 10:01:%02d gw postfix/qmgr[900]: %s: removed", i, q))
	}
	return lines
}

// Mailbox servers say "no such recipient" in more codes than 5.1.1:
// Exchange's 5.1.10 (RESOLVER.ADR.RecipientNotFound), a mailbox that is
// gone (5.1.6), Exchange Online's directory-based edge blocking (5.4.1),
// and a relay leg over LMTP is refused the same way. Each is backscatter,
// which leads, and none counts as this site's senders' bounces.
func TestBackscatterInTheMailboxServersWords(t *testing.T) {
	for _, tc := range []struct{ agent, dsn, reply string }{
		{"smtp", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"},
		{"smtp", "5.1.6", "550 5.1.6 Recipient addresses in this domain no longer accept mail"},
		{"smtp", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)"},
		{"lmtp", "5.1.1", "550 5.1.1 <u1@shop.example.com> User doesn't exist: u1@shop.example.com"},
	} {
		lines := acceptedThenRefused(30, tc.agent, tc.dsn, tc.reply)
		for i := range 20 {
			lines = append(lines, sentTo(i, "partner.example"))
		}
		hs := feed(lines...).Hints(true)
		if got := hintIDs(hs)["recipient_bounces"]; len(got) != 0 {
			t.Errorf("%s %s: recipient_bounces counts backscatter: %v", tc.agent, tc.dsn, got[0].Evidence)
		}
		// Over LMTP the mailbox server's own hint may come first: it
		// says backscatter too.
		if tc.agent == "smtp" && (len(hs) == 0 || hs[0].ID != sources.HintConfigError) {
			t.Errorf("%s %s: backscatter does not lead: %+v", tc.agent, tc.dsn, hs)
		}
		bs := configHints(feed(lines...))
		if len(bs) != 1 || !strings.Contains(bs[0].Title, "backscatter") || !strings.Contains(strings.Join(bs[0].Evidence, "\n"), "30 deliveries") {
			t.Errorf("%s %s: want the backscatter hint for 30 deliveries: %+v", tc.agent, tc.dsn, bs)
		}
	}
}

// nullRefusedListed is Postfix's non-delivery report to a forged sender
// refused for this host's listing.
func nullRefusedListed(i int) []string {
	q := fmt.Sprintf("7C%08X", i)
	return []string{
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<>, size=4300, nrcpt=1 (queue active)", stamp(i), q),
		fmt.Sprintf("%s mx postfix/smtp[%d]: %s: to=<forged%d@hotmail.com>, relay=hotmail-com.olc.protection.outlook.com[52.101.42.6]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.7.1, status=bounced (host hotmail-com.olc.protection.outlook.com[52.101.42.6] said: 550 5.7.1 Unfortunately, messages from [198.51.100.23] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). (in reply to MAIL FROM command))",
			stamp(i), 300+i%7, q, i),
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: removed", stamp(i), q),
	}
}

// When every message refused for the listing is this host's own bounce
// (the null sender), the listing is the backscatter's doing: the hint
// says so and puts stopping the bounces first. One refused message of a
// sender here makes no such claim.
func TestListingOfBouncesOnlyBlamesBackscatter(t *testing.T) {
	lines := acceptedThenRefused(30, "smtp", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound")
	for i := range 6 {
		lines = append(lines, nullRefusedListed(i)...)
	}
	bl := hintIDs(feed(lines...).Hints(true))["blocklist"]
	if len(bl) != 1 {
		t.Fatalf("want one blocklist hint, got %+v", bl)
	}
	ev := strings.Join(bl[0].Evidence, "\n")
	if !strings.Contains(ev, "all 6") || !strings.Contains(ev, "null sender") {
		t.Errorf("evidence does not say the refused mail is this host's bounces: %s", ev)
	}
	if len(bl[0].Steps) == 0 || !strings.Contains(bl[0].Steps[0].Text, "backscatter") {
		t.Errorf("the first step should be the backscatter: %+v", bl[0].Steps)
	}
	lines = append(lines,
		"Mar  3 11:00:00 mx postfix/qmgr[900]: 7E00000001: from=<ann@example.org>, size=4300, nrcpt=1 (queue active)",
		"Mar  3 11:00:01 mx postfix/smtp[301]: 7E00000001: to=<bob@hotmail.com>, relay=hotmail-com.olc.protection.outlook.com[52.101.42.6]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.7.1, status=bounced (host hotmail-com.olc.protection.outlook.com[52.101.42.6] said: 550 5.7.1 Unfortunately, messages from [198.51.100.23] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). (in reply to MAIL FROM command))")
	bl = hintIDs(feed(lines...).Hints(true))["blocklist"]
	// The bounces may still be named as most of the refused mail, but
	// not as all of it.
	if len(bl) != 1 || strings.Contains(strings.Join(bl[0].Evidence, "\n"), "not mail of its users") {
		t.Errorf("one sender's refused mail among them: %+v", bl)
	}
}

// A stranger's relay leg to a domain this site relays for is no mail of
// its senders, whatever code the mailbox server refused its recipient
// with: recipient_bounces leaves it out.
func TestStrangersRelayLegsAreNoRecipientBounces(t *testing.T) {
	lines := acceptedThenRefused(30, "smtp", "5.1.0", "550 5.1.0 <u1@shop.example.com>: Recipient address rejected: User unknown")
	for i := range 20 {
		lines = append(lines, sentTo(i, "partner.example"))
	}
	e := NewEngine(0)
	e.SetConfig(configOf("relay_domains = shop.example.com\n", ""))
	feedInto(e, lines...)
	if got := hintIDs(e.Hints(true))["recipient_bounces"]; len(got) != 0 {
		t.Errorf("recipient_bounces counts strangers' relay legs: %v", got[0].Evidence)
	}
	// Without the domain in the configuration they are outbound mail.
	if got := hintIDs(feed(lines...).Hints(true))["recipient_bounces"]; len(got) != 1 {
		t.Errorf("want recipient_bounces for a domain not this site's: %+v", got)
	}
}

// One client without a login whose mail this host relays to many domains
// at their own MXs is trusted to relay (mynetworks, here not known): a
// host takes strangers' mail only for the domains it serves. The remote
// MXs' bounces of its mail go to its real senders: no backscatter.
func TestRelayClientsRemoteBouncesAreNoBackscatter(t *testing.T) {
	var lines []string
	for i := range 40 {
		q := fmt.Sprintf("4C%08X", i)
		lines = append(lines,
			fmt.Sprintf("Mar  3 10:00:%02d out postfix/smtpd[300]: %s: client=app.example.org[203.0.113.19]", i, q),
			fmt.Sprintf("Mar  3 10:00:%02d out postfix/qmgr[900]: %s: from=<news@app.example.org>, size=2100, nrcpt=1 (queue active)", i, q))
		d := fmt.Sprintf("d%d.example", i)
		if i%3 == 0 {
			lines = append(lines, fmt.Sprintf("Mar  3 10:00:%02d out postfix/smtp[400]: %s: to=<u%d@%s>, relay=mx.%s[198.51.100.%d]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=5.1.1, status=bounced (host mx.%s[198.51.100.%d] said: 550 5.1.1 <u%d@%s>: Recipient address rejected: User unknown (in reply to RCPT TO command))", i, q, i, d, d, i+1, d, i+1, i, d))
		} else {
			lines = append(lines, fmt.Sprintf("Mar  3 10:00:%02d out postfix/smtp[400]: %s: to=<u%d@%s>, relay=mx.%s[198.51.100.%d]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)", i, q, i, d, d, i+1))
		}
		lines = append(lines, fmt.Sprintf("Mar  3 10:00:%02d out postfix/qmgr[900]: %s: removed", i, q))
	}
	if hs := configHints(feed(lines...)); len(hs) != 0 {
		t.Errorf("remote bounces of a relay client's mail are no backscatter, got %+v", hs[0].Title)
	}
}
