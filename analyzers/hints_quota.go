package analyzers

import (
	"fmt"
	"slices"
	"strings"

	"mxtop/sources"
)

// sendQuotaAt and badRecipientsAt are how many deliveries refused for a
// cap over a window of time, or for mail to addresses that do not exist,
// make their hints.
const (
	sendQuotaAt     = 3
	badRecipientsAt = 3
)

// classRefusals sums the deliveries of class cl at its destinations and
// tells whether any of them bounced and whether a relay this host sends
// through refused some.
func (c *hintCtx) classRefusals(cl sources.Class) (dests []*Dest, n float64, bounced, relay bool) {
	dests = c.classDests(cl)
	// The class's own count: a destination's error ring holds its other
	// errors too.
	n = c.count(&c.e.OutClassRing[cl], c.e.OutClasses[cl])
	for _, d := range dests {
		bounced = bounced || lineRecord(d.ClassLine[cl]).Status == sources.StatusBounced
		relay = relay || c.refusedByRelay(d)
	}
	return dests, n, bounced, relay
}

// refusingRelay is the relay that refused the destinations' mail: the
// one the configuration names, else the first the log shows that did;
// "" when none did.
func (c *hintCtx) refusingRelay(dests []*Dest) string {
	if r, ok := c.configRelay(); ok {
		return r.host
	}
	for _, r := range c.logRelays() {
		if slices.ContainsFunc(dests, func(d *Dest) bool { return refusedBy(d, r.host) }) {
			return r.host
		}
	}
	return ""
}

// submitterFirst puts first the step that stops the submitter behind
// most of the refused mail, counted in by, when one stands out.
func (c *hintCtx) submitterFirst(ev []string, steps []Action, by ...[]int) ([]string, []Action) {
	for _, b := range by {
		if who, stop, ok := c.e.Submit.advice(b, false); ok {
			return append(ev, who), append([]Action{stop}, steps...)
		}
	}
	return ev, steps
}

// ruleSendQuota: a next hop counts what this host sends over a window of
// time (per IP, sender or account: "452 4.5.3 Too many recipients
// received this hour", "Too many messages from this user today",
// NetEase's RP:TRC) and takes no more until it has passed. Deferred mail
// goes at a later retry by itself; what helps is finding what sent so
// much, holding bulk mail, or a higher limit from whoever sets it. A
// lower recipient limit, concurrency or rate delay sends the same count.
func ruleSendQuota(c *hintCtx) []Hint {
	const cl = sources.ClassSendQuota
	dests, n, bounced, relay := c.classRefusals(cl)
	if len(dests) == 0 || n < sendQuotaAt || !c.e.hints.gate(hintKey{rule: "sending_quota"}, n, 1, 1) {
		return nil
	}
	names, sample := c.topDomains(cl, 5), dests[0]
	verb, sev := "deferred", SevWarning
	if bounced {
		verb, sev = "deferred or returned", SevCritical
	}
	who := "the receiver counts the mail of this host's IP or of a sender over an hour or a day (its reply says which), and takes more only once that window has passed"
	if relay {
		who = "the relay this host sends through counts the mail of the account this host logs in as (or of this host's IP, or a sender) over an hour or a day, and takes more only once that window has passed"
	}
	subject, through := strings.Join(names, ", "), ""
	if host := c.refusingRelay(dests); relay && host != "" {
		// The relay's cap on the account, whatever the mail's domains.
		subject, through = SanitizeLine(host), "through the relay "+SanitizeLine(host)+", for "
	}
	ev := withReply([]string{fmt.Sprintf("%s %s %s past the next hop's cap on mail over a window of time; %sdestinations: %s", nDeliveries(n), verb, c.windowText(), through, strings.Join(names, ", "))}, classReply(sample, cl))
	wait := who + ": deferred mail goes at a later retry by itself, within maximal_queue_lifetime"
	if bounced {
		wait += "; mail refused with a 5xx was returned to its senders, who must send it again once the window has passed"
	}
	steps := []Action{
		say(wait),
		cmd(shellCmd("postconf", "maximal_queue_lifetime", "relayhost") + "   # how long deferred mail is retried, and the relay"),
		say("find what sent so much before anything else: " + findSenders + "; a compromised mailbox or web form sending spam, a forwarding loop or a flood of bounces and notices makes the count, and stopping it (lock the login, fix the form, delete its queued mail with postsuper -d QUEUEID) is what lets the rest through"),
		say("a wanted bulk send (a newsletter, an application's notices): hold its queued mail (postsuper -h QUEUEID) and release it in parts across the windows (postsuper -H QUEUEID), or send it through a service or an account meant for bulk mail"),
		say("a limit too low for this site's ordinary mail: ask whoever sets it (the relay's provider for the account, the receiving organisation's postmaster for its cap) to raise it"),
	}
	ev, steps = c.submitterFirst(ev, steps, c.e.Submit.RefusedBy)
	return []Hint{{
		ID: "sending_quota", Severity: sev, Side: "outbound", Subject: subject,
		Title:    "Outbound: a next hop caps the mail this host sends per hour or per day",
		Evidence: ev, Samples: destSamples(sample, cl), Steps: steps,
		Cautions: []string{"a lower recipient limit per message (_destination_recipient_limit), a lower concurrency or a rate delay changes nothing: the next hop counts what was sent over the hour or the day, and the same mail split or spread meets the same cap; sending it out through another relay or IP to get around the cap spreads whatever made the count"},
		Impact:   c.perMinute(&c.e.OutClassRing[cl], c.e.OutClasses[cl]),
	}}
}

// ruleBadRecipients: a next hop refuses this host's mail because it has
// sent to many addresses there that do not exist ("Too many invalid
// recipients", Yahoo's "Excessive unknown recipients", NetEase's HL:REP):
// a verdict on the sender's hygiene. The source of the bad addresses is
// what to stop; retries fail until the receiver's count falls.
func ruleBadRecipients(c *hintCtx) []Hint {
	const cl = sources.ClassBadRecipients
	dests, n, _, _ := c.classRefusals(cl)
	if len(dests) == 0 || n < badRecipientsAt || !c.e.hints.gate(hintKey{rule: "invalid_recipients"}, n, 1, 1) {
		return nil
	}
	names, sample := c.topDomains(cl, 5), dests[0]
	sev := SevWarning
	if n >= 20 || len(dests) >= 3 {
		sev = SevCritical
	}
	ev := withReply([]string{fmt.Sprintf("%s refused or deferred %s because this host has sent the receiver mail for many addresses it does not have; destinations: %s", nDeliveries(n), c.windowText(), strings.Join(names, ", "))}, classReply(sample, cl))
	if u := &c.e.UnknownRecipients; c.count(&u.Ring, u.Count) > 0 {
		ev = append(ev, fmt.Sprintf("%.0f deliveries %s bounced elsewhere for recipients that do not exist", c.count(&u.Ring, u.Count), c.windowText()))
	}
	steps := []Action{
		say("the receiver judges this host by the addresses it sends to that do not exist there: the recipients of the refused deliveries may well exist, and the mail waits or bounces until its count falls; find where the bad addresses come from: " + findSenders),
		say("a mailing list or newsletter with old, bought or harvested addresses: remove those that bounce and confirm new subscriptions; a compromised mailbox or web form mailing harvested addresses: lock it and delete its queued mail (postsuper -d QUEUEID)"),
		say("bounces this host sends to the forged senders of spam it accepted (backscatter): refuse unknown recipients during the SMTP session instead (smtpd_reject_unlisted_recipient, relay_recipient_maps for relay_domains); aliases or .forward files that forward to addresses gone elsewhere: remove them"),
		cmd(shellCmd("postconf", "mynetworks", "smtpd_relay_restrictions", "smtpd_reject_unlisted_recipient", "relay_recipient_maps") + "   # no stranger's mail relayed (an open relay mails made-up addresses), unknown recipients refused"),
	}
	ev, steps = c.submitterFirst(ev, steps, c.e.Submit.UnknownBy, c.e.Submit.RefusedBy)
	return []Hint{{
		ID: "invalid_recipients", Severity: sev, Side: "outbound", Subject: strings.Join(names, ", "),
		Title:    "Outbound: a receiver refuses this host's mail for sending to many addresses that do not exist",
		Evidence: ev, Samples: destSamples(sample, cl), Steps: steps,
		Cautions: []string{"retrying sooner, a lower rate, concurrency or recipient limit, or another IP changes nothing: the receiver counts the addresses that do not exist against the sender, and the same mail from another IP earns the same verdict"},
		Impact:   c.perMinute(&c.e.OutClassRing[cl], c.e.OutClasses[cl]),
	}}
}
