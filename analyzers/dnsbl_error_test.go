package analyzers

import (
	"strings"
	"testing"
)

// A DNSBL that refuses this host's resolver (Spamhaus' 127.255.255.254
// "open resolver", .255 "excessive number of queries") answers with a code
// that reject_rbl_client and reject_rhsbl_sender without a =127.0.0.[..]
// filter take for a listing: smtpd refuses every sender. That is this
// host's resolver (dns) and a listing that is not real (blocklist), read
// from smtpd's whole line and from its reply pasted alone.
func TestDNSBLErrorCodeIsTheResolverAndNoListing(t *testing.T) {
	for name, line := range map[string]string{
		"sender, whole line":     "Nov 28 10:00:00 mx postfix/smtpd[10]: NOQUEUE: reject: RCPT from mail-ej1-f41.google.com[209.85.218.41]: 554 5.7.1 Service unavailable; Sender address [user@gmail.com] blocked using dbl.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/; from=<user@gmail.com> to=<ann@example.org> proto=ESMTP helo=<mail-ej1-f41.google.com>",
		"sender, no header":      "NOQUEUE: reject: RCPT from mail-ej1-f41.google.com[209.85.218.41]: 554 5.7.1 Service unavailable; Sender address [user@gmail.com] blocked using dbl.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/; from=<user@gmail.com> to=<ann@example.org> proto=ESMTP helo=<mail-ej1-f41.google.com>",
		"client, reply alone":    "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/",
		"sender, reply alone":    "554 5.7.1 Service unavailable; Sender address [user@gmail.com] blocked using dbl.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/13.66.150.136/",
		"excessive queries":      "Nov 28 10:00:00 mx postfix/smtpd[10]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; Error: excessive number of queries; https://check.spamhaus.org/returnc/vol/192.0.2.53/; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"excessive, reply alone": "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; Error: excessive number of queries; https://check.spamhaus.org/returnc/vol/192.0.2.53/",
	} {
		hs := hintIDs(feed(line).Hints(true))
		dns, bl := hs["dns"], hs["blocklist"]
		if len(dns) != 1 || len(bl) != 1 {
			t.Errorf("%s: want one dns and one blocklist hint, got %v", name, hintList(hs))
			continue
		}
		if steps := stepText(dns[0]); !strings.Contains(steps, "local recursive resolver") {
			t.Errorf("%s: the dns hint does not send the queries through a local resolver: %s", name, steps)
		}
		if steps := stepText(bl[0]); !strings.Contains(steps, "zen.spamhaus.org=127.0.0.[2..11]") || !strings.Contains(steps, "dbl.spamhaus.org=127.0.1.[2..99]") {
			t.Errorf("%s: the blocklist hint does not restrict the lists to their listing codes: %s", name, steps)
		}
		if ev := strings.Join(bl[0].Evidence, " "); !strings.Contains(ev, "not a listing") {
			t.Errorf("%s: the blocklist hint does not say the listing is not real: %s", name, ev)
		}
	}
	// A real listing is no resolver trouble.
	listed := "Nov 28 10:00:00 mx postfix/smtpd[10]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.7; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"
	if hs := hintIDs(feed(listed).Hints(true)); len(hs["dns"]) != 0 {
		t.Errorf("a listing gave a dns hint: %v", hintList(hs))
	}
}

func hintList(hs map[string][]Hint) []string {
	var out []string
	for id, l := range hs {
		for _, h := range l {
			out = append(out, id+": "+h.Title)
		}
	}
	return out
}

func stepText(h Hint) string {
	var b strings.Builder
	for _, a := range h.Steps {
		b.WriteString(a.Text)
		b.WriteString(" | ")
	}
	return b.String()
}
