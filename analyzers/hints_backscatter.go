package analyzers

import (
	"fmt"

	"mxtop/sources"
)

// backscatterWarn is the number of such bounces in the window that makes
// the hint a warning: a few are a mistyped address of a real sender's.
const backscatterWarn = 10

// ruleBackscatter reports mail this host took from strangers on the
// Internet (smtpd, no login, a public client address) and then bounced
// because the next hop does not know the recipient (5.1.1, Exchange's
// 5.1.10, recipientNotFound): smtpd let in
// a recipient it could have refused during the SMTP session, and each
// such bounce goes to the envelope sender, which spam forges. Postfix's
// rule (BACKSCATTER_README) is to reject unknown recipients at RCPT TO:
// relay_recipient_maps for relay_domains, local_recipient_maps and
// virtual_mailbox_maps for the domains delivered here.
func ruleBackscatter(c *hintCtx) []Hint {
	t := &c.e.Totals.AcceptedUnknown
	n := c.count(&t.Ring, t.Count)
	if c.e.Totals.RelayWide() {
		// A trusted client's mail relayed to many outside domains: the
		// remote MXs' bounces are its senders', not backscatter.
		n = 0
	}
	on := 0.0
	if n > 0 {
		on = 1
	}
	if !c.e.hints.gate(hintKey{"backscatter", ""}, on, 1, 1) || n == 0 {
		return nil
	}
	sev := SevInfo
	if n >= backscatterWarn {
		sev = SevWarning
	}
	return []Hint{{
		ID: sources.HintConfigError, Severity: sev, Side: "inbound",
		Title:    "Inbound: mail for unknown recipients is accepted, then bounced (backscatter)",
		Evidence: []string{fmt.Sprintf("%.0f deliveries %s of mail smtpd took without a login from clients on the Internet were bounced by the next hop as unknown recipients (5.1.1, 5.1.10 or the next hop's words for it): this host accepted the recipients and now sends each bounce to the envelope sender, which spam forges", n, c.windowText())},
		Samples:  t.Samples,
		Steps: []Action{
			say("make smtpd refuse unknown recipients during the SMTP session instead of accepting and bouncing them: for relay_domains (a gateway in front of another mail server) set relay_recipient_maps to a table of the valid addresses (exported from the mailbox server), or, when no list can be had, add reject_unverified_recipient to smtpd_recipient_restrictions; for the domains delivered here keep local_recipient_maps and virtual_mailbox_maps set; keep smtpd_reject_unlisted_recipient = yes (the default)"),
			cmd("postconf relay_domains relay_recipient_maps local_recipient_maps virtual_mailbox_domains virtual_mailbox_maps smtpd_reject_unlisted_recipient smtpd_recipient_restrictions   # the values in force"),
			say("when the refused recipient was an alias that forwards elsewhere (the delivery line's orig_to= differs from to=), fix or remove that alias instead: it points at an address that no longer exists"),
		},
		Cautions: []string{
			"do not silence bounces (the bounce or defer service set to discard in master.cf): mistyped addresses of real senders then vanish without a word; refuse unknown recipients at RCPT TO instead",
			"the bounces already queued to forged senders can be deleted (postqueue -j lists the null sender's messages; postsuper -d - takes their queue ids)",
		},
		Impact: c.perMinute(&t.Ring, t.Count),
	}}
}
