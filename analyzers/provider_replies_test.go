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
			"blocklist", []string{"rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals"}},
		{"Comcast BL000000", "comcast.net", "bounced",
			"host mx1.comcast.net[192.0.2.70] said: 554 resimta-ch2-05v.sys.comcast.net comcast 203.0.113.9 Comcast block for spam.  Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000 (in reply to MAIL FROM command)",
			"blocklist", []string{"rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals"}},
		{"Comcast RL000001", "comcast.net", "deferred",
			"host mx2.comcast.net[192.0.2.71] said: 452 4.2.0 Please see https://postmaster.comcast.net/smtp-error-codes.php#RL000001 (in reply to RCPT TO command)",
			"rate_delay", []string{"blocklist", "unknown_refusals"}},
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
