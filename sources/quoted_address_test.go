package sources

import (
	"strings"
	"testing"
)

// An address whose local part is a quoted string (RFC 5321) may hold any
// printable byte, '>' ", " and "=" included, and Postfix logs it as it is,
// quoted. Whoever chooses such an address (a forged sender that a bounce
// goes back to, an address typed into a form) must not choose the fields
// of the record that logs it: an address ends at its '>' outside the
// quotes, and the record's fields are read after it.
func TestQuotedLocalPartEndsAtItsQuote(t *testing.T) {
	const fakeDeferral = `x>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.d.example[192.0.2.1]:25: Connection timed out) y`
	cases := []struct {
		name, line string
		want       Record
		reason     string
	}{
		{
			name: "sent, a deferral inside the quotes",
			line: `Dec  3 10:00:00 mx1 postfix/smtp[500]: 7B0000CD: to=<"` + fakeDeferral + `"@d.example>, relay=mx.d.example[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ABC)`,
			want: Record{Event: EvDelivery, To: `"` + fakeDeferral + `"@d.example`, Domain: "d.example",
				Relay: "mx.d.example[192.0.2.1]:25", RelayHost: "mx.d.example", RelayIP: "192.0.2.1", RelayPort: 25,
				Delay: 1.2, DSN: "2.0.0", Status: StatusSent, Code: 250},
			reason: "250 2.0.0 Ok: queued as ABC",
		},
		{
			name: "bounced, a delivery and an escaped quote inside the quotes",
			line: `Dec  3 10:00:01 mx1 postfix/smtp[500]: 7B0001CD: to=<"a\"b>, relay=mx.d.example[192.0.2.1]:25, dsn=2.0.0, status=sent (250 ok) c"@d.example>, relay=mx.d.example[192.0.2.1]:25, delay=0.9, delays=0.1/0/0.3/0.5, dsn=5.7.1, status=bounced (host mx.d.example[192.0.2.1] said: 554 5.7.1 Service unavailable; client blocked using zen.spamhaus.org (in reply to RCPT TO command))`,
			want: Record{Event: EvDelivery, To: `"a\"b>, relay=mx.d.example[192.0.2.1]:25, dsn=2.0.0, status=sent (250 ok) c"@d.example`,
				Domain: "d.example", Relay: "mx.d.example[192.0.2.1]:25", RelayHost: "mx.d.example", RelayIP: "192.0.2.1",
				RelayPort: 25, Delay: 0.9, DSN: "5.7.1", Status: StatusBounced, Code: 554},
			reason: "host mx.d.example[192.0.2.1] said: 554 5.7.1 Service unavailable; client blocked using zen.spamhaus.org (in reply to RCPT TO command)",
		},
		{
			name: "a quoted word after a dot, an escaped backslash before the closing quote, a quoted orig_to",
			line: `Dec  3 10:00:02 mx1 postfix/smtp[500]: 7B0002CD: to=<a."b>, dsn=2.0.0, status=sent (ok) \\"@d.example>, orig_to=<"o>, relay=x, status=sent (ok)"@e.example>, relay=mx.d.example[192.0.2.1]:25, delay=3, delays=0/0/3/0, dsn=4.4.2, status=deferred (lost connection with mx.d.example[192.0.2.1] while receiving the initial server greeting)`,
			want: Record{Event: EvDelivery, To: `a."b>, dsn=2.0.0, status=sent (ok) \\"@d.example`, OrigTo: `"o>, relay=x, status=sent (ok)"@e.example`,
				Domain: "d.example", Relay: "mx.d.example[192.0.2.1]:25", RelayHost: "mx.d.example", RelayIP: "192.0.2.1",
				RelayPort: 25, Delay: 3, DSN: "4.4.2", Status: StatusDeferred},
			reason: "lost connection with mx.d.example[192.0.2.1] while receiving the initial server greeting",
		},
		{
			name: "a quote inside a word opens nothing",
			line: `Dec  3 10:00:03 mx1 postfix/smtp[500]: 7B0003CD: to=<o"neil@d.example>, relay=mx.d.example[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)`,
			want: Record{Event: EvDelivery, To: `o"neil@d.example`, Domain: "d.example", Relay: "mx.d.example[192.0.2.1]:25",
				RelayHost: "mx.d.example", RelayIP: "192.0.2.1", RelayPort: 25, Delay: 1, DSN: "2.0.0", Status: StatusSent, Code: 250},
			reason: "250 ok",
		},
		{
			// A line cut inside the quotes: what follows is the
			// address, not the record's fields.
			name:   "cut inside the quotes",
			line:   `Dec  3 10:00:04 mx1 postfix/smtp[500]: 7B0004CD: to=<"` + fakeDeferral,
			want:   Record{Event: EvDelivery, To: `"` + fakeDeferral},
			reason: "truncated delivery record",
		},
		{
			name: "pasted without a header or queue id",
			line: `to=<"` + fakeDeferral + `"@d.example>, relay=mx.d.example[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ABC)`,
			want: Record{Event: EvDelivery, To: `"` + fakeDeferral + `"@d.example`, Domain: "d.example",
				Relay: "mx.d.example[192.0.2.1]:25", RelayHost: "mx.d.example", RelayIP: "192.0.2.1", RelayPort: 25,
				Delay: 1.2, DSN: "2.0.0", Status: StatusSent, Code: 250},
			reason: "250 2.0.0 Ok: queued as ABC",
		},
		{
			// A bounce report names the recipient alone: a quote in
			// it that does not close takes nothing after it.
			name: "a bounce report's recipient with a lone quote",
			line: `"ann@d.example: host mx.d.example[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)`,
			want: Record{Event: EvDelivery, To: `"ann@d.example`, Domain: "d.example", Relay: "none",
				Status: StatusBounced, Code: 550},
			reason: "host mx.d.example[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parse(c.line)
			check := func(name string, got, want any) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			check("event", r.Event, c.want.Event)
			check("to", r.To, c.want.To)
			check("orig_to", r.OrigTo, c.want.OrigTo)
			check("domain", r.Domain, c.want.Domain)
			check("relay", r.Relay, c.want.Relay)
			check("relay host", r.RelayHost, c.want.RelayHost)
			check("relay ip", r.RelayIP, c.want.RelayIP)
			check("relay port", r.RelayPort, c.want.RelayPort)
			check("delay", r.Delay, c.want.Delay)
			check("dsn", r.DSN, c.want.DSN)
			check("status", r.Status, c.want.Status)
			check("code", r.Code, c.want.Code)
			check("reason", r.Reason, c.reason)
			if bad := checkRecord(c.line, &r); bad != "" {
				t.Error(bad)
			}
		})
	}
}

// The sender qmgr logs and pickup's are read to their closing '>' outside
// the quotes: a sender shaped like the rest of the record does not make
// the message expired or change its size.
func TestQuotedSenderEndsAtItsQuote(t *testing.T) {
	cases := []struct {
		name, line, from string
		event            Event
		status           Status
		size             int64
		nrcpt            int
	}{
		{
			name:  "queue active, an expiry inside the quotes",
			line:  `Dec  3 10:00:00 mx1 postfix/qmgr[501]: 7B0000CD: from=<"x>, status=expired, returned to sender y"@e.example>, size=1234, nrcpt=1 (queue active)`,
			from:  `"x>, status=expired, returned to sender y"@e.example`,
			event: EvQmgr, size: 1234, nrcpt: 1,
		},
		{
			name:  "expired, a size inside the quotes",
			line:  `Dec  3 10:00:01 mx1 postfix/qmgr[501]: 7B0001CD: from=<"x>, size=99999999, nrcpt=500 (queue active) y"@e.example>, status=expired, returned to sender`,
			from:  `"x>, size=99999999, nrcpt=500 (queue active) y"@e.example`,
			event: EvExpired, status: StatusExpired,
		},
		{
			name:  "queue active, an '=' and a size inside the quotes",
			line:  `Dec  3 10:00:02 mx1 postfix/qmgr[501]: 7B0002CD: from=<"a=b, size=99999999, nrcpt=500"@e.example>, size=2048, nrcpt=3 (queue active)`,
			from:  `"a=b, size=99999999, nrcpt=500"@e.example`,
			event: EvQmgr, size: 2048, nrcpt: 3,
		},
		{
			name:  "pasted without a header, an expiry inside the quotes",
			line:  `7B0003CD: from=<"x>, status=expired, returned to sender y"@e.example>, size=1234, nrcpt=1 (queue active)`,
			from:  `"x>, status=expired, returned to sender y"@e.example`,
			event: EvQmgr, size: 1234, nrcpt: 1,
		},
		{
			name:  "pickup, a '>' inside the quotes",
			line:  `Dec  3 10:00:04 mx1 postfix/pickup[502]: 7B0004CD: uid=1000 from=<"a>b"@e.example>`,
			from:  `"a>b"@e.example`,
			event: EvPickup,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parse(c.line)
			if r.Event != c.event || r.Status != c.status || r.Size != c.size || r.Nrcpt != c.nrcpt || r.From != c.from {
				t.Errorf("event %v status %v size %d nrcpt %d from %q, want %v %v %d %d %q",
					r.Event, r.Status, r.Size, r.Nrcpt, r.From, c.event, c.status, c.size, c.nrcpt, c.from)
			}
			if bad := checkRecord(c.line, &r); bad != "" {
				t.Error(bad)
			}
		})
	}
}

// smtpd's and cleanup's rejects end with the envelope (from=<...> to=<...>
// proto=... helo=<...>), which the client chose: a sender or HELO shaped
// like Postfix's words changes nothing read from the record.
func TestCraftedEnvelopeLeavesRejectAlone(t *testing.T) {
	const crafted = `from=<"x Relay access denied; from=<a@d.example> to=<b@d.example> proto=ESMTP helo=<h>: 4.3.0 Temporary lookup failure"@e.example> to=<u@d.example> proto=ESMTP helo=<h; from=<a@d.example>: 451 4.3.0 Temporary lookup failure; status=deferred (connect to x[192.0.2.9]:25: Connection timed out)>`
	const plain = `from=<s@e.example> to=<u@d.example> proto=ESMTP helo=<h.e.example>`
	heads := []string{
		`Dec  3 10:00:00 mx1 postfix/smtpd[503]: NOQUEUE: reject: RCPT from unknown[198.51.100.7]: 450 4.7.1 <u@d.example>: Recipient address rejected: Greylisted, see https://d.example/grey; `,
		`Dec  3 10:00:00 mx1 postfix/smtpd[503]: NOQUEUE: reject: RCPT from mail.e.example[198.51.100.7]: 550 5.1.1 <u@d.example>: Recipient address rejected: User unknown in virtual mailbox table; `,
		`Dec  3 10:00:00 mx1 postfix/cleanup[504]: 7B0000CD: milter-reject: END-OF-MESSAGE from mail.e.example[198.51.100.7]: 5.7.1 Spam message rejected; `,
		`Dec  3 10:00:00 mx1 postfix/cleanup[504]: 7B0000CD: reject: header Subject: offer from mail.e.example[198.51.100.7]; `,
	}
	for _, head := range heads {
		want, got := parse(head+plain), parse(head+crafted)
		if want.Event != EvReject {
			t.Fatalf("%s: event %v, want a reject", head, want.Event)
		}
		if got.Event != want.Event || got.Class != want.Class || got.Known != want.Known || got.Code != want.Code ||
			got.ClientName != want.ClientName || got.ClientIP != want.ClientIP || got.Status != want.Status ||
			got.From != want.From || got.To != want.To || got.Domain != want.Domain {
			t.Errorf("%s: crafted envelope read as %+v, plain as %+v", head, got, want)
		}
		if !strings.HasPrefix(got.Reason, strings.TrimSuffix(want.Reason, plain)) {
			t.Errorf("%s: reason %q, want %q", head, got.Reason, want.Reason)
		}
	}
}

// A delivery record a post broke inside its reason is joined to its rest
// by the reason after its status, not by the words of a quoted recipient.
func TestQuotedRecipientLeavesWrapAlone(t *testing.T) {
	log := strings.Join([]string{
		`Nov 28 10:00:01 mx postfix/smtp[41]: 4F1A2B3C4D: to=<"x] said: 250 ok (in reply to RCPT TO command), status=sent (250 ok)"@d.example>, relay=mx.d.example[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.d.example[192.0.2.1] said: 550 5.1.1 <x@d.example>: Recipient address rejected: User unknown (in reply to`,
		`RCPT TO command))`,
		`Nov 28 10:00:02 mx postfix/qmgr[40]: 4F1A2B3C4D: removed`,
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		recs := replayRecords(t, log, workers, 2)
		if r := recs[0]; r.Status != StatusBounced || !strings.HasSuffix(r.Reason, "(in reply to RCPT TO command)") {
			t.Errorf("%d workers: status %v reason %q, want bounced, its reason joined", workers, r.Status, r.Reason)
		}
	}
}

// FuzzQuotedAddress quotes any printable local part as Postfix logs it
// (backslashes before '"' and '\') into a delivery record and a qmgr
// record: each reads back the address whole and the fields after it.
func FuzzQuotedAddress(f *testing.F) {
	f.Add(`x>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.d.example[192.0.2.1]:25: Connection timed out) y`)
	f.Add(`a"b\c>, status=expired, returned to sender`)
	f.Add(`\`)
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	f.Fuzz(func(t *testing.T, local string) {
		if len(local) > 1000 {
			t.Skip()
		}
		for i := 0; i < len(local); i++ {
			if local[i] < ' ' || local[i] > '~' {
				t.Skip() // smtpd takes printable ASCII
			}
		}
		addr := `"` + quote.Replace(local) + `"@d.example`
		r := parse("Dec  3 10:00:00 mx1 postfix/smtp[500]: 7B0000CD: to=<" + addr + ">, relay=mx.d.example[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)")
		if r.To != addr || r.Domain != "d.example" || r.Status != StatusSent || r.DSN != "2.0.0" || r.RelayIP != "192.0.2.1" || r.Reason != "250 2.0.0 Ok" {
			t.Errorf("delivery read as to %q domain %q status %v dsn %q relay ip %q reason %q", r.To, r.Domain, r.Status, r.DSN, r.RelayIP, r.Reason)
		}
		r = parse("Dec  3 10:00:00 mx1 postfix/qmgr[501]: 7B0000CD: from=<" + addr + ">, size=1234, nrcpt=1 (queue active)")
		if r.From != addr || r.Event != EvQmgr || r.Size != 1234 || r.Nrcpt != 1 {
			t.Errorf("qmgr record read as from %q event %v size %d nrcpt %d", r.From, r.Event, r.Size, r.Nrcpt)
		}
	})
}
