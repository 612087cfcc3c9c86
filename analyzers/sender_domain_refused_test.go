package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// viaTenant is the i-th message, from sender, to a recipient at domain,
// relayed through a Microsoft 365 connector as the relayhost: its qmgr
// line and the delivery, which the tenant refuses when refused is set.
func viaTenant(i int, sender, domain string, refused bool) []string {
	qid := fmt.Sprintf("5B%08X", i)
	status, dsn, reply := "sent", "2.6.0", "250 2.6.0 <m@x> Queued mail for delivery (in reply to end of DATA command)"
	if refused {
		status, dsn, reply = "bounced", "5.7.750", "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(1500) [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com 2025-12-03T10:11:12.345Z 08DD1234ABCD] (in reply to MAIL FROM command)"
	}
	return []string{
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<%s>, size=4321, nrcpt=1 (queue active)", stamp(i*20), qid, sender),
		fmt.Sprintf("%s mx postfix/smtp[%d]: %s: to=<u%d@%s>, relay=tenant-example.mail.protection.outlook.com[52.101.68.12]:25, delay=1.2, delays=0.5/0/0.3/0.4, dsn=%s, status=%s (host tenant-example.mail.protection.outlook.com[52.101.68.12] said: %s)",
			stamp(i*20+1), 2000+i, qid, i, domain, dsn, status, reply),
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: removed", stamp(i*20+1), qid),
	}
}

// A Microsoft 365 tenant that refuses relayed mail from sender domains it
// has not registered (5.7.750) says nothing of a listing: the hint is the
// relay's configuration, names the relay and the senders whose domains it
// refused, and asks for no delisting.
func TestUnregisteredSenderDomainsAtTheRelay(t *testing.T) {
	var lines []string
	domains := []string{"gmail.com", "web.de", "yahoo.com", "customer.example"}
	for i := range 60 {
		switch {
		case i%3 == 0:
			lines = append(lines, viaTenant(i, "news@partner.example", domains[i%4], true)...)
		case i%5 == 0:
			lines = append(lines, viaTenant(i, "alerts@ops.example", domains[i%4], true)...)
		default:
			lines = append(lines, viaTenant(i, "office@ourcorp.example", domains[i%4], false)...)
		}
	}
	e := feed(lines...)
	e.SetConfig(configOf("relayhost = [tenant-example.mail.protection.outlook.com]:25\nsmtp_tls_security_level = may\n", ""))
	hs := e.Hints(true)
	for _, h := range hs {
		all := h.Title + "\n" + strings.Join(h.Evidence, "\n") + "\n" + strings.Join(h.Actions, "\n")
		if h.ID == "blocklist" || strings.Contains(all, "before asking to be delisted") || strings.Contains(all, "sending IP on the lists") {
			t.Errorf("hint %s treats the refusal as a listing:\n%s", h.ID, all)
		}
	}
	for _, dom := range domains {
		if d, ok := e.Dest.Lookup(dom); !ok || d.Classes[sources.ClassBlocklist] != 0 || d.Classes[sources.ClassConfigError] == 0 {
			t.Errorf("%s: deliveries not filed as config_error: %+v", dom, d)
		}
	}
	cs := configHints(e)
	if len(cs) != 1 {
		t.Fatalf("%d config_error hints; all: %+v", len(cs), hs)
	}
	h := cs[0]
	if !strings.Contains(h.Title, "sender domains") || h.Severity != SevCritical {
		t.Errorf("title or severity do not say the relay refuses the sender domains: [%v] %s", h.Severity, h.Title)
	}
	ev := strings.Join(h.Evidence, "\n")
	for _, w := range []string{"tenant-example.mail.protection.outlook.com", `"news@partner.example"`, `"alerts@ops.example"`, "partner.example", "ops.example"} {
		if !strings.Contains(ev, w) {
			t.Errorf("evidence does not name %s:\n%s", w, ev)
		}
	}
	if strings.Contains(ev, "ourcorp.example") {
		t.Errorf("evidence names a sender whose mail went:\n%s", ev)
	}
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "accepted domain") || !strings.Contains(acts, "relayhost") {
		t.Errorf("actions do not say to register the domains in the tenant:\n%s", acts)
	}
}

// The senders are named however the mail was submitted: by a SASL login
// (whose name is not the sender), and after a refusal for a listing has
// the messages filed by sender.
func TestUnregisteredSenderDomainsNamedPerSubmission(t *testing.T) {
	login := func(i int) string {
		return fmt.Sprintf("%s mx postfix/smtpd[%d]: 5B%08X: client=app.internal[10.0.0.5], sasl_method=PLAIN, sasl_username=app", stamp(i*20), 3000+i, i)
	}
	for _, listedFirst := range []bool{false, true} {
		var lines []string
		if listedFirst {
			lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[99]: 5C00000001: to=<x@far.example>, relay=mx.far.example[192.0.2.9]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.7.1, status=bounced (host mx.far.example[192.0.2.9] said: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org (in reply to RCPT TO command))", stamp(0)))
		}
		for i := 1; i <= 6; i++ {
			lines = append(lines, login(i))
			lines = append(lines, viaTenant(i, "bills@billing.example", "gmail.com", true)...)
		}
		for i := 7; i <= 9; i++ {
			lines = append(lines, viaTenant(i, "cron@host.example", "web.de", true)...)
		}
		e := feed(lines...)
		e.SetConfig(configOf("relayhost = [tenant-example.mail.protection.outlook.com]:25\n", ""))
		cs := configHints(e)
		if len(cs) != 1 {
			t.Fatalf("listed first %v: %d config_error hints", listedFirst, len(cs))
		}
		ev := strings.Join(cs[0].Evidence, "\n")
		for _, w := range []string{`"bills@billing.example" (6)`, `"cron@host.example" (3)`, "billing.example, host.example"} {
			if !strings.Contains(ev, w) {
				t.Errorf("listed first %v: evidence lacks %s:\n%s", listedFirst, w, ev)
			}
		}
	}
}
