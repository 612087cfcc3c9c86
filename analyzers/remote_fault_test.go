package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// faultDeferral is a next hop's temporary refusal for a fault of its own.
func faultDeferral(i int, domain, relay, reply string) string {
	return hopReply(i, domain, relay, "4.3.5", "deferred", reply)
}

// The replies a receiving server gives for a fault of its own: Postfix's
// when its restrictions, tables, policy service or milter fail (451 4.3.5,
// alone or after the address it was checking), RFC 5321's text for 451,
// Exim's for an internal error, and RFC 3463's X.3.5.
var remoteFaultReplies = []string{
	"451 4.3.5 Server configuration problem (in reply to RCPT TO command)",
	"451 4.3.5 <u1@partner.example>: Recipient address rejected: Server configuration problem (in reply to RCPT TO command)",
	"451 4.3.5 Server configuration error (in reply to MAIL FROM command)",
	"451 Requested action aborted: local error in processing (in reply to end of DATA command)",
	"451 Temporary local problem - please try later (in reply to RCPT TO command)",
	"451 4.3.5 System incorrectly configured (in reply to RCPT TO command)",
}

func TestNextHopFaultIsItsOwnClass(t *testing.T) {
	for _, reply := range remoteFaultReplies {
		line := faultDeferral(1, "partner.example", "mx.partner.example[198.51.100.7]:25", reply)
		var r sources.Record
		sources.NewParser().Parse(line, &r)
		if r.Class.String() != "remote_fault" {
			t.Errorf("%q: class %q, want remote_fault", reply, r.Class)
		}
	}
}

// This host's own smtpd answering 451 4.3.5 is this host's configuration,
// read by the knowledge base: not a next hop's fault.
func TestOwnServerConfigurationProblemStaysOurs(t *testing.T) {
	line := stamp(1) + " mx postfix/smtpd[700]: NOQUEUE: reject: RCPT from unknown[198.51.100.9]: 451 4.3.5 Server configuration problem; from=<a@sender.example> to=<b@here.example> proto=ESMTP helo=<x.sender.example>"
	var r sources.Record
	sources.NewParser().Parse(line, &r)
	if r.Class.String() == "remote_fault" {
		t.Errorf("our own smtpd's reject read as a next hop's fault")
	}
	hs := hintIDs(feed(line).Hints(true))
	if len(hs["remote_fault"]) != 0 {
		t.Errorf("our own smtpd's reject gave remote_fault: %+v", hs["remote_fault"])
	}
	if len(hs["config_error"]) == 0 {
		t.Errorf("our own smtpd's 451 4.3.5 should still give config_error, got %v", hs)
	}
}

// A remote receiver's fault is its own: the mail waits here and is
// retried, and nothing on this host needs changing.
func TestRemoteNextHopFault(t *testing.T) {
	var lines []string
	for i := 1; i <= 4; i++ {
		lines = append(lines, faultDeferral(i, "partner.example", "mx.partner.example[198.51.100.7]:25", remoteFaultReplies[i%2]))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	got := hs["remote_fault"]
	if len(got) != 1 {
		t.Fatalf("want one remote_fault hint, got %v", hs)
	}
	h := got[0]
	if h.Severity != SevInfo || h.Subject != "partner.example" {
		t.Errorf("want an info hint about partner.example, got %s %q", h.Severity, h.Subject)
	}
	acts := strings.Join(h.Actions, " | ")
	for _, want := range []string{"nothing to change here", "maximal_queue_lifetime", "postmaster", "Recipient address rejected"} {
		if !strings.Contains(acts, want) {
			t.Errorf("advice lacks %q: %q", want, acts)
		}
	}
	for _, id := range []string{"destination_concurrency", "rate_delay", "firewall", "mailbox_delivery", "config_error", "daemon_crash"} {
		if len(hs[id]) != 0 {
			t.Errorf("a receiver's own fault gave %s: %+v", id, hs[id])
		}
	}
}

// The same fault at a next hop on loopback is this host's own service (a
// content filter's return path): the local service hint, not a remote's.
func TestLoopbackNextHopFaultIsLocalService(t *testing.T) {
	var lines []string
	for i := 1; i <= 3; i++ {
		lines = append(lines, faultDeferral(i, "partner.example", "127.0.0.1[127.0.0.1]:10025", remoteFaultReplies[0]))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	if len(hs["remote_fault"]) != 0 {
		t.Errorf("a loopback next hop's fault gave remote_fault: %+v", hs["remote_fault"])
	}
	found := false
	for _, h := range hs["daemon_crash"] {
		found = found || h.Subject == "local service"
	}
	if !found {
		t.Errorf("want the local service hint, got %v", hs)
	}
}

// Through a relayhost every message meets the same fault: that relay's
// operator fixes it, and all outbound mail waits meanwhile.
func TestRelayhostFault(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("relayhost = [smtp.provider.example]:587\n"))
	e := NewEngine(0)
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	for i, d := range []string{"a.example", "b.example", "c.example"} {
		feedInto(e, faultDeferral(i+1, d, "smtp.provider.example[203.0.113.25]:587", remoteFaultReplies[0]))
	}
	hs := hintIDs(e.Hints(true))
	got := hs["remote_fault"]
	if len(got) != 1 {
		t.Fatalf("want one remote_fault hint, got %v", hs)
	}
	h := got[0]
	if h.Severity != SevWarning || h.Subject != "smtp.provider.example" {
		t.Errorf("want a warning about the relay, got %s %q", h.Severity, h.Subject)
	}
	acts := strings.Join(h.Actions, " | ")
	if !strings.Contains(acts, "relayhost") || !strings.Contains(acts, "operator") || strings.Contains(acts, "postmaster of") {
		t.Errorf("advice should send the admin to the relay's operator: %q", acts)
	}
}

// The smtp client's line for one MX host that failed before it tried the
// next ("QID: host X said: ...") tells the same, pasted alone too.
func TestRemoteNextHopFaultOnAnAttempt(t *testing.T) {
	line := stamp(1) + " mx postfix/smtp[901]: 7D00000001: host mx.partner.example[198.51.100.7] said: 451 4.3.5 Server configuration problem (in reply to RCPT TO command)"
	if got := hintIDs(feed(line).Hints(true))["remote_fault"]; len(got) != 1 {
		t.Fatalf("want one remote_fault hint, got %+v", got)
	}
}

// A receiver whose DNSBL lookups fail (Spamhaus answers its public
// resolver with an error code) refuses every client, with 5xx: the hint
// says this host is not listed, that the mail went back to its senders,
// and gives no delisting, no stop of a sender, no deletion of mail.
func TestReceiverDNSBLFailureIsItsOwn(t *testing.T) {
	reply := "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/198.51.100.53/ (in reply to RCPT TO command)"
	e := feed(repeat(30, func(i int) string {
		return hopReply(i, "partner.example", "mx.partner.example[192.0.2.20]", "5.7.1", "bounced", reply)
	})...)
	var h *Hint
	for _, x := range e.Hints(true) {
		switch x.ID {
		case "remote_fault":
			h = &x
		case "blocklist":
			t.Errorf("a blocklist hint for the receiver's own failure: %s", x.Title)
		}
	}
	if h == nil {
		t.Fatal("no remote_fault hint")
	}
	text := strings.Join(append(append([]string{h.Title}, h.Evidence...), h.Actions...), "\n")
	for _, want := range []string{"refused", "its DNSBL lookups fail", "this host's address is not listed", "returned to their senders"} {
		if !strings.Contains(text, want) {
			t.Errorf("hint lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"451 4.3.5", "postsuper -d", "delist"} {
		if strings.Contains(text, bad) {
			t.Errorf("hint says %q:\n%s", bad, text)
		}
	}
}

// soft_bounce = yes turns every permanent refusal into a deferral: the
// mail stays queued and is retried until maximal_queue_lifetime for
// nothing. Left on after testing, it is said, with the setting that
// ends it; off, the same lines give no such hint.
func TestSoftBounceKeepsRefusalsQueued(t *testing.T) {
	reply := "550 5.1.1 <u1@partner.example>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)"
	lines := repeat(5, func(i int) string {
		return hopReply(i, "partner.example", "mx.partner.example[192.0.2.20]", "4.1.1", "deferred", reply)
	})
	for _, on := range []bool{true, false} {
		v := "no"
		if on {
			v = "yes"
		}
		params := map[string]string{"soft_bounce": v}
		e := NewEngine(0)
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		feedInto(e, lines...)
		var h *Hint
		for _, x := range e.Hints(true) {
			if x.Subject == "soft_bounce" {
				h = &x
			}
		}
		if !on {
			if h != nil {
				t.Errorf("soft_bounce = no: %s", h.Title)
			}
			continue
		}
		if h == nil {
			t.Fatal("no soft_bounce hint")
		}
		text := strings.Join(append(h.Evidence, h.Actions...), "\n")
		for _, want := range []string{"5 deliveries", "550", "postconf -e 'soft_bounce = no'", "postfix reload"} {
			if !strings.Contains(text, want) {
				t.Errorf("lacks %q:\n%s", want, text)
			}
		}
	}
}
