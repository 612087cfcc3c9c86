package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// A next hop's reject_unknown_recipient_domain answers "<ADDR>: Recipient
// address rejected: Domain not found" (smtpd_check.c): its own lookup of
// the recipient's domain failed, a mistyped domain or the next hop's DNS,
// while this host's resolver found the next hop and talked to it. The
// deferrals are the recipient's, not a DNS failure here: no dns hint
// sends the admin to this host's resolv.conf, with or without the syslog
// header.
func TestRemoteRecipientDomainNotFoundIsNoLocalDNSFailure(t *testing.T) {
	var lines []string
	for i := 0; i < 4; i++ {
		lines = append(lines, hopReply(i, "example.net", "smtp.relay.example[192.0.2.9]:587", "4.1.2", "deferred",
			"450 4.1.2 <bo@example.net>: Recipient address rejected: Domain not found (in reply to RCPT TO command)"))
	}
	for _, header := range []bool{true, false} {
		in := lines
		if !header {
			in = nil
			for _, l := range lines {
				in = append(in, l[strings.Index(l, "postfix/"):])
			}
		}
		e := feed(in...)
		if hs := hintIDs(e.Hints(true))["dns"]; len(hs) > 0 {
			t.Errorf("header %v: a next hop's lookup of the recipient's domain gave a dns hint: %s\n%s", header, hs[0].Title, strings.Join(hs[0].Actions, "\n"))
		}
		if d, ok := e.Dest.Lookup("example.net"); !ok || d.Classes[sources.ClassDNS] != 0 || d.Classes[sources.ClassRecipient] != 4 {
			t.Errorf("header %v: deferrals not filed as the recipient's: %+v", header, d)
		}
	}
}
