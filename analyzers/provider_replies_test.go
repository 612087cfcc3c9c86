package analyzers

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// providerReplyForms are the ways a delivery refused with reply reaches
// mxtop: a syslog line, the same under docker compose's prefix, and
// pasted without its syslog header (no time, no host).
var providerReplyForms = []struct {
	name string
	line func(i int, domain, status, reason string) string
}{
	{"syslog", deliv},
	{"docker compose", func(i int, domain, status, reason string) string {
		return "mail-1  | " + deliv(i, domain, status, reason)
	}},
	{"no syslog header", func(i int, domain, status, reason string) string {
		return fmt.Sprintf("postfix/smtp[%d]: %06X%04X: to=<u%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.0.0, status=%s (%s)",
			1000+i%7, i, i, i, domain, domain, 1+i%200, status, reason)
	}},
}

// Big providers' replies lead to the hint their words call for: a
// rate limit to throttling the destination, a limit on connections to a
// lower concurrency, a listing or a verdict on the sending IP to the
// listing's steps and never to more throttling, whichever form the lines
// come in.
func TestProviderRepliesHints(t *testing.T) {
	cases := []struct {
		name, domain, status, reason string
		want                         string
		never                        []string
	}{
		{"Outlook.com RP-001", "hotmail.com", "deferred",
			"host mx3.hotmail.com[192.0.2.50] said: 421 RP-001 (BAY004-MC1F23) Unfortunately, some messages from 203.0.113.9 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day. (in reply to MAIL FROM command)",
			"rate_delay", []string{"blocklist", "unknown_refusals"}},
		{"Outlook.com RP-003 at the greeting", "hotmail.com", "deferred",
			"host mx1.hotmail.com[192.0.2.52] refused to talk to me: 421 RP-003 (BAY004-MC1F23) The mail server IP connecting to Outlook.com server has exceeded the connection limit allowed.",
			"destination_concurrency", []string{"blocklist", "unknown_refusals"}},
		{"Yahoo TSS11", "yahoo.com", "bounced",
			"host mta6.am0.yahoodns.net[192.0.2.60] said: 553 5.7.2 [TSS11] All messages from 203.0.113.9 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals"}},
		{"Yahoo's excessive unknown recipients", "yahoo.com", "deferred",
			"host mta5.am0.yahoodns.net[192.0.2.61] said: 451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8) (in reply to RCPT TO command)",
			"invalid_recipients", []string{"blocklist", "rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals"}},
		{"Comcast BL000000", "comcast.net", "bounced",
			"host mx1.comcast.net[192.0.2.70] said: 554 resimta-ch2-05v.sys.comcast.net comcast 203.0.113.9 Comcast block for spam.  Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000 (in reply to MAIL FROM command)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals"}},
		{"Comcast RL000001", "comcast.net", "deferred",
			"host mx2.comcast.net[192.0.2.71] said: 452 4.2.0 Please see https://postmaster.comcast.net/smtp-error-codes.php#RL000001 (in reply to RCPT TO command)",
			"rate_delay", []string{"blocklist", "unknown_refusals"}},
		{"Comcast RL000010", "comcast.net", "deferred",
			"host mx1.comcast.net[192.0.2.72] said: 451 4.2.0 Throttled - try again later. Please see https://postmaster.comcast.net/smtp-error-codes.php#RL000010 (in reply to RCPT TO command)",
			"rate_delay", []string{"blocklist", "unknown_refusals"}},
		{"NetEase HL:IFC at the greeting", "163.com", "deferred",
			"host 163mx01.mxmail.netease.com[192.0.2.90] refused to talk to me: 421 4.5.0 HL:IFC 163 mx13,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5",
			"rate_delay", []string{"blocklist", "unknown_refusals"}},
		{"NetEase RP:DRC", "163.com", "deferred",
			"host 163mx01.mxmail.netease.com[192.0.2.91] said: 450 4.5.3 RP:DRC 163 mx13,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5 (in reply to RCPT TO command)",
			"recipient_limit", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"NetEase RP:TRC", "126.com", "bounced",
			"host 126mx01.mxmail.netease.com[192.0.2.92] said: 550 RP:TRC 126 mx3,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5 (in reply to RCPT TO command)",
			"sending_quota", []string{"recipient_limit", "rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"NetEase HL:REP", "163.com", "deferred",
			"host 163mx02.mxmail.netease.com[192.0.2.93] said: 421 HL:REP 163 mx13,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5 (in reply to MAIL FROM command)",
			"invalid_recipients", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"Apple HM08", "icloud.com", "bounced",
			"host mx01.mail.icloud.com[192.0.2.94] said: 554 5.7.1 [HM08] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 (in reply to end of DATA command)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"GMX IP reputation at the greeting", "gmx.net", "deferred",
			"host mx00.emig.gmx.net[192.0.2.95] refused to talk to me: 554-gmx.net (mxgmx114) Nemesis ESMTP Service not available 554-No SMTP service 554 Rejected by IP reputation",
			"blocklist", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"web.de block listed", "web.de", "bounced",
			"host mx-ha03.web.de[192.0.2.96] said: 550 5.7.1 IP address is block listed (in reply to MAIL FROM command)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"T-Online NOWL at the greeting", "t-online.de", "deferred",
			"host mx00.t-online.de[192.0.2.98] refused to talk to me: 554 IP=203.0.113.9 - None/bad reputation. Ask your postmaster for help or to contact <tosa@rx.t-online.de> for reset. (NOWL)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"T-Online access denied", "t-online.de", "bounced",
			"host mx03.t-online.de[192.0.2.99] said: 554 IP=203.0.113.9 - Access temporarily denied. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (in reply to MAIL FROM command)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"La Poste LPN007_510", "laposte.net", "bounced",
			"host smtp-in.laposte.net[192.0.2.100] said: 550 5.5.0 Service refuse. Veuillez essayer plus tard. service refused, please try later. LPN007_510 (in reply to end of DATA command)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
		{"Orange 999 at the greeting", "orange.fr", "deferred",
			"host smtp-in.orange.fr[192.0.2.97] refused to talk to me: 421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999]",
			"blocklist", []string{"rate_delay", "destination_concurrency", "unknown_refusals"}},
	}
	for _, c := range cases {
		for _, f := range providerReplyForms {
			var lines []string
			for i := range 12 {
				lines = append(lines, f.line(i, c.domain, c.status, c.reason))
			}
			ids := hintIDs(feed(lines...).Hints(true))
			h := ids[c.want]
			if len(h) == 0 || !strings.Contains(h[0].Subject, c.domain) {
				t.Errorf("%s, %s: no %s hint for %s: %v", c.name, f.name, c.want, c.domain, slices.Sorted(maps.Keys(ids)))
			}
			for _, n := range c.never {
				if len(ids[n]) > 0 {
					t.Errorf("%s, %s: %s hint %q", c.name, f.name, n, ids[n][0].Title)
				}
			}
		}
	}
}

// T-Online's refusal of the IP leads to what its postmaster page asks
// for (a website of the operator at the host's name, then a reset by
// mail), whatever T-Online code it ends with; others' listings do not.
func TestTOnlineListingStep(t *testing.T) {
	for _, reply := range []string{
		"host mx00.t-online.de[192.0.2.98] refused to talk to me: 554 IP=203.0.113.9 - None/bad reputation. Ask your postmaster for help or to contact <tosa@rx.t-online.de> for reset. (NOWL)",
		"host mx03.t-online.de[192.0.2.99] said: 554 IP=203.0.113.9 - Access temporarily denied. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (in reply to MAIL FROM command)",
		"host mx03.t-online.de[192.0.2.99] refused to talk to me: 554 IP=203.0.113.9 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)",
	} {
		for _, f := range providerReplyForms {
			h := hintOf(t, feed(formLines(f.line, "t-online.de", "deferred", reply)...), "blocklist")
			if words := strings.Join(h.Actions, "\n"); !strings.Contains(words, "imprint") || !strings.Contains(words, "rx.t-online.de") {
				t.Errorf("%s: %q: actions:\n%s", f.name, reply, words)
			}
		}
	}
	h := hintOf(t, feed(formLines(deliv, "web.de", "bounced", "host mx-ha03.web.de[192.0.2.96] said: 550 5.7.1 IP address is block listed (in reply to MAIL FROM command)")...), "blocklist")
	if strings.Contains(strings.Join(h.Actions, "\n"), "T-Online") {
		t.Errorf("T-Online's step for another receiver:\n%s", strings.Join(h.Actions, "\n"))
	}
}
