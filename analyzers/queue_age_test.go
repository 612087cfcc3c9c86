package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

func deferredAfter(sec int, domain string, waited int) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 5E%08X: to=<u%d@%s>, relay=mx.%s[198.51.100.4]:25, delay=%d, delays=%d/0.01/40/30, dsn=4.4.2, status=deferred (lost connection with mx.%s[198.51.100.4] while sending end of data -- message may be sent more than once)",
		stamp(sec), 300+sec, sec, sec, domain, domain, waited, waited-70, domain)
}

// Deferrals of mail that has waited a day or more say the queue holds
// mail that will bounce at maximal_queue_lifetime, even from a log
// without a queue snapshot; deferrals of fresh mail do not.
func TestQueueBacklogFromOldDeferrals(t *testing.T) {
	e := feed(deferredAfter(1, "example.net", 410000), deferredAfter(60, "example.net", 300000), deferredAfter(90, "example.org", 900))
	qb := hintIDs(e.Hints(true))["queue_backlog"]
	if len(qb) != 1 {
		t.Fatalf("want a queue_backlog hint for mail deferred after days in the queue, got %+v", hintIDs(e.Hints(true)))
	}
	h := qb[0]
	ev := strings.Join(h.Evidence, " | ")
	if !strings.Contains(ev, "example.net") || !strings.Contains(ev, "4.7 days") || strings.Contains(ev, "example.org") {
		t.Errorf("evidence should name the destination whose mail waited days and how long, not the fresh one: %q", ev)
	}
	if !strings.Contains(ev, "maximal_queue_lifetime") {
		t.Errorf("evidence should say when the mail bounces: %q", ev)
	}
	if h.Severity != SevInfo {
		t.Errorf("old deferrals alone are info, got %v", h.Severity)
	}
	if h.Subject != "example.net" {
		t.Errorf("subject %q, want example.net", h.Subject)
	}

	fresh := feed(deferredAfter(1, "example.net", 3600), deferredAfter(60, "example.net", 7200))
	if qb := hintIDs(fresh.Hints(true))["queue_backlog"]; len(qb) != 0 {
		t.Errorf("mail deferred within hours gave a queue_backlog hint: %+v", qb)
	}
}

// Mail returned to its senders at maximal_queue_lifetime is mail lost:
// the qmgr's expiry lines give a warning.
func TestQueueBacklogFromExpiredMail(t *testing.T) {
	exp := func(sec int) string {
		return fmt.Sprintf("%s mx postfix/qmgr[100]: 6A%08X: from=<s%d@example.com>, status=expired, returned to sender", stamp(sec), sec, sec)
	}
	// A few expired messages are every server's lot (mail to dead
	// domains): info, titled for what the log shows; many are a warning.
	few := hintIDs(feed(exp(1), exp(2), exp(3)).Hints(true))["queue_backlog"]
	if len(few) != 1 || few[0].Severity != SevInfo || !strings.Contains(few[0].Title, "expire") {
		t.Fatalf("3 expired messages: want one info hint about expiry, got %+v", few)
	}
	var lines []string
	for i := range 12 {
		lines = append(lines, exp(i+1))
	}
	e := feed(lines...)
	qb := hintIDs(e.Hints(true))["queue_backlog"]
	if len(qb) != 1 {
		t.Fatalf("want a queue_backlog hint for expired mail, got %+v", hintIDs(e.Hints(true)))
	}
	ev := strings.Join(qb[0].Evidence, " | ")
	if !strings.Contains(ev, "12 messages") || !strings.Contains(ev, "returned to their senders") {
		t.Errorf("evidence should count the expired messages: %q", ev)
	}
	if qb[0].Severity != SevWarning {
		t.Errorf("expired mail is a warning, got %v", qb[0].Severity)
	}
	if len(qb[0].Samples) == 0 || !strings.Contains(qb[0].Samples[0], "status=expired") {
		t.Errorf("samples should be the expiry lines: %q", qb[0].Samples)
	}
}

// A destination that defers for complaints about, or the reputation of,
// what this host sends holds the very mail it judged: the backlog's
// advice is to look at that mail and delete the spam, not to retry it.
// A destination in other trouble still gets its retry.
func TestQueueBacklogReputationNoRetry(t *testing.T) {
	deferred := func(sec int, domain, reply string) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 5E%08X: to=<u%d@%s>, relay=mx.%s[198.51.100.4]:25, delay=106485, delays=105847/635/2.3/0.13, dsn=4.7.0, status=deferred (host mx.%s[198.51.100.4] said: %s (in reply to MAIL FROM command))",
			stamp(sec), 300+sec, sec, sec, domain, domain, domain, reply)
	}
	for _, reply := range []string{
		"421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to user complaints - 4.16.55.1; see https://help.yahoo.com/kb/postmaster/SLN3434.html",
		"421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.",
		"451 4.7.650 The mail server [203.0.113.9] has been temporarily rate limited due to IP reputation.",
	} {
		qb := hintIDs(feed(deferred(1, "example.net", reply), deferred(60, "example.net", reply)).Hints(true))["queue_backlog"]
		if len(qb) != 1 {
			t.Fatalf("%s: want a queue_backlog hint, got %+v", reply, qb)
		}
		text := hintText(qb[0])
		if strings.Contains(text, "postqueue -i") || strings.Contains(text, "then retry") {
			t.Errorf("%s: the mail a receiver judged unwanted must not be retried:\n%s", reply, text)
		}
		if !strings.Contains(text, "postcat -q") || !strings.Contains(text, "postsuper -d") || !strings.Contains(text, `endswith("@example.net")`) {
			t.Errorf("%s: want the mail waiting for example.net listed, read and the spam deleted:\n%s", reply, text)
		}
	}
	// The wait is said as it is: 29.6 hours are not days.
	h := hintIDs(feed(deferredAfter(1, "example.org", 106485), deferredAfter(60, "example.org", 106485)).Hints(true))["queue_backlog"]
	if len(h) != 1 {
		t.Fatalf("want a queue_backlog hint, got %+v", h)
	}
	text := hintText(h[0])
	if !strings.Contains(text, "postqueue -i") || strings.Contains(text, "postsuper -d") {
		t.Errorf("a destination that drops connections: want its mail retried once fixed:\n%s", text)
	}
	if strings.Contains(text, "waited days") || !strings.Contains(text, "waited up to 29.6 h is held") {
		t.Errorf("the advice should say how long the mail waited:\n%s", text)
	}
}
