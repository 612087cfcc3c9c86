package sources

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// matchKnownNaive is the knowledge base's rule written plainly: the first
// entry of table that reads what reads names and whose texts all appear
// in the text knownText leaves, the first one at its start for an entry
// that Opens the message, and before a refusal's text for an entry
// without Reply, where the entry's AtLeast holds.
func matchKnownNaive(table []Known, msg string, reads uint16) uint16 {
	var buf [knownLower]byte
	low := knownText(msg, &buf)
	if reads&readsLMTP == 0 {
		low = withoutReply(low)
	}
	for i := range table {
		if table[i].reads()&reads == 0 {
			continue
		}
		text := low
		if !table[i].Reply {
			text = low[:refusalText(low)]
		}
		all := !table[i].Opens || bytes.HasPrefix(text, []byte(table[i].Match[0]))
		for _, m := range table[i].Match {
			all = all && bytes.Contains(text, []byte(m))
		}
		if all && table[i].AtLeast.holds(text) {
			return uint16(i + 1)
		}
	}
	return 0
}

// The hashed one-pass match gives the same entry as trying every entry in
// order, on every line of the repository's testdata and on texts made of
// each entry's own words, in both orders and cut short.
func TestMatchKnownAgreesWithTheTable(t *testing.T) {
	var texts []string
	for _, k := range KnownMessages {
		texts = append(texts, "x "+strings.Join(k.Match, " y ")+" z")
		rev := append([]string(nil), k.Match...)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		texts = append(texts, strings.ToUpper(strings.Join(rev, " ")), k.Match[0][:len(k.Match[0])-1], strings.Join(k.Match, " "))
		// In a refusal's text, which only Reply entries read.
		texts = append(texts, "reject: RCPT from c.example.net[198.51.100.7]: 451 4.3.0 "+strings.Join(k.Match, " "),
			"warn: RCPT from c.example.net[198.51.100.7]: "+strings.Join(k.Match, " "))
	}
	files, _ := filepath.Glob("../testdata/lab/*.log")
	more, _ := filepath.Glob("testdata/*")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			texts = append(texts, string(line))
		}
	}
	for _, s := range texts {
		if got, want := MatchKnown(s), matchKnownNaive(KnownMessages, s, readsLine); got != want {
			t.Errorf("MatchKnown(%q) = %d, the table's first match is %d", s, got, want)
		}
		if got, want := MatchAgentReason("lmtp", s), matchKnownNaive(KnownMessages, s, readsLMTP); got != want {
			t.Errorf("MatchAgentReason(lmtp, %q) = %d, the table's first match is %d", s, got, want)
		}
		if got, want := MatchClientReason(s), matchKnownNaive(KnownMessages, beforeReply(s), readsClient); got != want {
			t.Errorf("MatchClientReason(%q) = %d, the table's first match is %d", s, got, want)
		}
		// knownText blanks names as blankNames does, and the remote
		// values blankRemoteValues finds.
		var buf [knownLower]byte
		got := knownText(s, &buf)
		want := s
		if i := strings.Index(want, envelopeMark); i >= 0 {
			want = want[:i]
		}
		if i := strings.Index(want, saslUserMark); i >= 0 {
			want = want[:i]
		}
		w := []byte(want[:min(len(want), knownLower)])
		for i, c := range w {
			if 'A' <= c && c <= 'Z' {
				w[i] = c + 'a' - 'A'
			}
		}
		blankNames(w)
		blankRemoteValues(w)
		if got != nil && !bytes.Equal(got, w) {
			t.Errorf("knownText(%q) = %q, want %q", s, got, w)
		}
	}
}

// The table indexes without a fault: every entry can match.
func TestKnowledgeBaseIndexes(t *testing.T) {
	if knownIdxErr != nil {
		t.Fatal(knownIdxErr)
	}
}

// manyKnown is a table of n made-up entries. Two in three share their
// first text's first four bytes, so their chains are long; one in five
// reads the clients' reasons too.
func manyKnown(n int) []Known {
	table := make([]Known, n)
	for i := range table {
		first := fmt.Sprintf("entry %03d says", i)
		switch i % 3 {
		case 1:
			first = fmt.Sprintf("same start %03d", i)
		case 2:
			first = fmt.Sprintf("w%03d first", i)
		}
		table[i] = Known{ID: fmt.Sprintf("e%d", i), Match: []string{first, fmt.Sprintf("then %03d", i)}, ClientReason: i%5 == 0}
	}
	return table
}

// The index holds far more entries than the table has today: in a table
// of 600, each entry is found by a line of its own words, and of two
// entries in one line the first in the table wins, as the naive rule says.
func TestKnownIndexHoldsManyEntries(t *testing.T) {
	table := manyKnown(600)
	ix, err := newKnownIndex(table)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range table {
		line := "warning: " + strings.ToUpper(k.Match[1]) + " and " + k.Match[0]
		if got := ix.match(line, readsLine); got != uint16(i+1) {
			t.Errorf("%q matched entry %d, want %d", line, got, i+1)
		}
		if ix.match(line, readsLMTP) != 0 {
			t.Errorf("%q matched for lmtp's reasons", line)
		}
		if got, want := ix.match(line, readsClient), matchKnownNaive(table, line, readsClient); got != want || (got != 0) != k.ClientReason {
			t.Errorf("%q matched entry %d for the clients' reasons, want %d", line, got, want)
		}
	}
	for _, pair := range [][2]int{{3, 300}, {1, 598}, {255, 256}, {2, 599}} {
		a, b := table[pair[0]], table[pair[1]]
		for _, line := range []string{
			strings.Join(append(a.Match, b.Match...), " "),
			strings.Join(append(b.Match, a.Match...), " "),
		} {
			if got, want := ix.match(line, readsLine), matchKnownNaive(table, line, readsLine); got != want || got != uint16(pair[0]+1) {
				t.Errorf("%q matched entry %d, want %d", line, got, pair[0]+1)
			}
		}
	}
}

// What the index cannot hold is an error a test reports, not a panic at
// start: the rest of the table still matches.
func TestKnownIndexNamesWhatItLeavesOut(t *testing.T) {
	table := manyKnown(maxKnown + 1)
	table[5].Match = []string{"Upper Case"}
	table[7].Match = []string{"abc"}
	table[8].Agent = "pipe"
	table[9].Agent, table[9].ClientReason = "lmtp", true
	table[10].ReplyAlt = []ReplyAlt{{Words: "too weak", ID: "nowhere"}}
	table[11].ReplyAlt = []ReplyAlt{{Words: "Too Weak", ID: "e1"}}
	ix, err := newKnownIndex(table)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"65536 entries", "e5: text not lower-case", "e7: no first text", "e8: unknown agent", "e9: an agent's entry",
		`e10: reply words "too weak"`, `e11: reply words "Too Weak"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	for _, i := range []int{0, 6, maxKnown - 1} {
		if line := strings.Join(table[i].Match, " "); ix.match(line, readsLine) != uint16(i+1) {
			t.Errorf("entry %d not found by %q", i, line)
		}
	}
	if ix.match(strings.Join(table[8].Match, " "), readsLine) != 0 {
		t.Error("an entry left out matched")
	}
}

// A client's delivery reason is read up to the remote's reply it quotes,
// cut before lower-casing as withoutReply cuts after.
func TestBeforeReply(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"host mx.example.net[192.0.2.25] said: 450 4.7.0 DNS reply filter drops all results (in reply to RCPT TO command)", "host mx.example.net[192.0.2.25]"},
		{"host mx.example.net[192.0.2.25] refused to talk to me: 554 5.7.1 said: no", "host mx.example.net[192.0.2.25]"},
		{"Error looking up name=example.net type=MX: DNS reply filter drops all results", "Error looking up name=example.net type=MX: DNS reply filter drops all results"},
		{"connect to mx.example.net[192.0.2.25]:25: Connection refused", "connect to mx.example.net[192.0.2.25]:25: Connection refused"},
		{"conversation with mx.example.net[192.0.2.25] timed out while receiving the initial server greeting", "conversation with mx.example.net[192.0.2.25] timed out while receiving the initial server greeting"},
		{"said: at the start", "said: at the start"},
		{"ends in said:", "ends in said:"},
		{"", ""},
	} {
		if got := beforeReply(c.in); got != c.want {
			t.Errorf("beforeReply(%q) = %q, want %q", c.in, got, c.want)
		}
		var b1, b2 [knownLower]byte
		if low, cut := withoutReply(knownText(c.in, &b1)), withoutReply(knownText(c.want, &b2)); !bytes.Equal(low, cut) {
			t.Errorf("withoutReply leaves %q of %q, beforeReply %q", low, c.in, cut)
		}
	}
}

// A reason is passed over only when no entry for the clients' reasons can
// match it: an entry whose first text has no four bytes without a space
// reads every reason.
func TestClientReasonsPassedOver(t *testing.T) {
	ix, err := newKnownIndex([]Known{{ID: "a", Match: []string{"dns reply filter drops all results"}, ClientReason: true}})
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]bool{
		"Error looking up name=example.net type=MX: DNS REPLY filter drops all results": true,
		"x reply": true, "host mx.example.net[192.0.2.25]": false, "connect to mx.example.net[192.0.2.25]:25: Connection refused": false, "rep": false,
	} {
		if got := ix.mayReadClient(s); got != want {
			t.Errorf("mayReadClient(%q) = %v", s, got)
		}
	}
	ix, err = newKnownIndex([]Known{{ID: "b", Match: []string{"a b c d"}, ClientReason: true}})
	if err != nil {
		t.Fatal(err)
	}
	if !ix.mayReadClient("x") {
		t.Error("a reason was passed over for an entry without four bytes in a row")
	}
}

func BenchmarkMatchKnownMiss(b *testing.B) {
	msg := "reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 <no@corp.example>: Recipient address rejected: Access denied; from=<s@spam.example> to=<no@corp.example> proto=ESMTP helo=<spam.example.net>"
	for b.Loop() {
		if MatchKnown(msg) != 0 {
			b.Fatal("matched")
		}
	}
}

// Text a remote party chooses (envelope addresses, HELO, client and PTR
// names, quoted headers and commands, SASL user names) never matches an
// entry (the replies carrying it here are ones no entry reads): a spammer
// must not raise a "DNSBL open resolver" alarm by sending HELO
// 127.255.255.254 or a Subject that reads "open resolver". The rejects
// carry a text of the site's own choosing, which no entry reads.
func TestRemoteTextMatchesNoEntry(t *testing.T) {
	p := NewParser()
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 <b@example.org>: Recipient address rejected: Mailbox disabled; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<127.255.255.254>",
		"Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 <b@example.org>: Recipient address rejected: Mailbox disabled; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a> open resolver <b>",
		"Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from 127.255.255.254.example.net[198.51.100.7]: 554 5.7.1 <b@example.org>: Recipient address rejected: Mailbox disabled; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c>",
		"Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 554 5.7.1 <open-resolver-127.255.255.254@example.org>: Recipient address rejected: Mailbox disabled; from=<a@example.net> to=<x@example.org> proto=ESMTP helo=<c>",
		"Nov 28 10:00:00 mx postfix/cleanup[6]: 3F2A1C0D1E: warning: header Subject: Error: open resolver from c.example.net[198.51.100.7]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>",
		"Nov 28 10:00:00 mx postfix/cleanup[6]: 3F2A1C0D1E: reject: body No space left on device from c.example.net[198.51.100.7]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>: 5.7.1 message content rejected",
		// A name in a session summary is the client's.
		"Nov 28 10:00:00 mx postfix/smtpd[5]: lost connection after DATA (0 bytes) from open-resolver.example.net[198.51.100.7]",
		"Nov 28 10:00:00 mx postfix/smtp[7]: warning: host smtp.example.net[192.0.2.1] refused to talk to me: 554 not owned by root: /etc and /etc/x differ",
		// A remote server's reply in the words our delivery agents use for
		// a configuration error of this host is the remote's.
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D21: to=<b@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.1] said: 550 5.1.1 unknown user: \"b\" (in reply to RCPT TO command))",
		// Another program's words are not local(8)'s.
		"Nov 28 10:00:00 mx tcpd[9]: unknown user: \"ann\"",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D20: to=<b@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=4.3.5, status=deferred (host mx.example.net[192.0.2.1] said: 451 4.3.5 mail system configuration error (in reply to RCPT TO command))",
	} {
		var r Record
		p.Parse(line, &r)
		if r.Known != 0 {
			t.Errorf("%q matched %s", line, KnownMessages[r.Known-1].ID)
		}
	}
	// What smtpd quotes of a client that spoke ahead of its turn does not
	// choose the entry: the line is the pipelining entry's, whatever the
	// client wrote, and names the client, not a host in its text.
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtpd[5]: improper command pipelining after CONNECT from unknown[198.51.100.7]: open resolver 127.255.255.254 generic failure\\r\\n",
		"Nov 28 10:00:00 mx postfix/smtpd[5]: improper command pipelining after EHLO from c.example.net[198.51.100.7]: AUTH LOGIN from x.example[192.0.2.9]\\r\\n",
	} {
		var r Record
		p.Parse(line, &r)
		if r.Known == 0 || KnownMessages[r.Known-1].ID != "improper_pipelining" || r.ClientIP != "198.51.100.7" {
			t.Errorf("%q: entry %d, client %q; want improper_pipelining from 198.51.100.7", line, r.Known, r.ClientIP)
		}
	}
	// smtpd quotes what a client sent instead of SMTP: the line is the
	// non-SMTP entry's whatever the client wrote, names the client, and
	// takes no class from the client's words.
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtpd[5]: warning: non-SMTP command from unknown[198.51.100.7]: GET /open resolver/bad command startup -- throttling HTTP/1.1",
		"Nov 28 10:00:00 mx postfix/smtpd[5]: warning: non-SMTP command from c.example.net[198.51.100.7]: Connection timed out; No space left on device after DATA from x.example[192.0.2.9]",
		"warning: non-SMTP command from unknown[198.51.100.7]: fatal: mymalloc: insufficient memory for 9 bytes: 127.255.255.254",
	} {
		var r Record
		p.Parse(line, &r)
		if r.Known == 0 || KnownMessages[r.Known-1].ID != "smtpd_non_smtp_command" || r.ClientIP != "198.51.100.7" || r.Class != ClassNone {
			t.Errorf("%q: entry %d, client %q, class %v; want smtpd_non_smtp_command from 198.51.100.7, no class", line, r.Known, r.ClientIP, r.Class)
		}
	}
	// The smtp client quotes a relay's reply to its login: only the
	// entry for the client's own words before the reply reads it.
	for _, line := range []string{
		"Nov 28 10:00:00 mx postfix/smtp[7]: warning: SASL authentication failed; server smtp.example.net[192.0.2.1] said: 535 5.7.8 Error: open resolver, No space left on device",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D1F: SASL authentication failed; server smtp.example.net[192.0.2.1] said: 535 5.7.8 Error: open resolver, No space left on device",
	} {
		var r Record
		p.Parse(line, &r)
		if r.Known == 0 || KnownMessages[r.Known-1].ID != "smtp_sasl_server_refused" {
			t.Errorf("%q: entry %d, want smtp_sasl_server_refused", line, r.Known)
		}
	}
	// A temporary reply to the login (4xx: the relay's authentication
	// service is busy or down, or the account reached a limit the relay
	// counts) is no wrong password, whether the smtp client, a failed
	// try or the error agent's suspension of the next hop reports it; a
	// permanent one (5xx) is, even when smtp_sasl_auth_soft_bounce wrote
	// a 4.x.x status for it.
	for line, want := range map[string]string{
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D20: to=<ann@example.org>, relay=smtp.example.net[192.0.2.1]:587, delay=3, delays=0.1/0/2.9/0, dsn=4.7.0, status=deferred (SASL authentication failed; server smtp.example.net[192.0.2.1] said: 454 4.7.0 Temporary authentication failure)":                "smtp_sasl_server_temporary",
		"Nov 28 10:00:00 mx postfix/error[8]: 3F2A1C0D21: to=<ann@example.org>, relay=none, delay=900, delays=900/0.1/0/0, dsn=4.0.0, status=deferred (delivery temporarily suspended: SASL authentication failed; server smtp.example.net[192.0.2.1] said: 451 Authentication failed: account over its limit)": "smtp_sasl_server_temporary",
		"Nov 28 10:00:00 mx postfix/smtp[7]: warning: SASL authentication failed; server smtp.example.net[192.0.2.1] said: 421 4.7.0 Try again later":                                                                                                                                                           "smtp_sasl_server_temporary",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D22: SASL [CACHED] authentication failed; server smtp.example.net[192.0.2.1] said: 454 4.7.0 Temporary authentication failure":                                                                                                                              "smtp_sasl_server_temporary",
		"Nov 28 10:00:00 mx postfix/smtp[7]: 3F2A1C0D23: to=<ann@example.org>, relay=smtp.example.net[192.0.2.1]:587, delay=3, delays=0.1/0/2.9/0, dsn=4.7.8, status=deferred (SASL authentication failed; server smtp.example.net[192.0.2.1] said: 535 5.7.8 Error: authentication failed: 454 try later)":     "smtp_sasl_server_refused",
	} {
		if got := knownID(p, line); got != want {
			t.Errorf("%q: entry %q, want %s", line, got, want)
		}
	}
	// A password guess with a made-up user name is a password guess.
	var r Record
	p.Parse("Nov 28 10:00:00 mx postfix/smtpd[5]: warning: unknown[203.0.113.5]: SASL PLAIN authentication failed: (reason unavailable), sasl_username=Connection lost to authentication server", &r)
	if r.Known == 0 || KnownMessages[r.Known-1].ID != "sasl_auth_failed" {
		t.Errorf("a guess with a crafted user name matched %d", r.Known)
	}
}

// A name or key a remote party chose, where Postfix writes it bare or in
// double quotes (a table key, a PTR name, a recipient domain, DNS data),
// never selects an entry: each line keeps the entry its own words name,
// or none.
func TestRemoteValuesInWarningsMatchNoEntry(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, want string }{
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: hash:/etc/postfix/client_access lookup error for "127.255.255.254.evil.example"`, "lookup_error"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: hash:/etc/postfix/sender_access lookup error for "open resolver@evil.example"`, "lookup_error"},
		{`Nov 28 10:00:00 mx postfix/trivial-rewrite[8]: warning: proxy:mysql:/etc/postfix/mysql-domains.cf lookup error for "no space left on device.example"`, "lookup_error"},
		{`Nov 28 10:00:00 mx postfix/proxymap[9]: warning: proxy:mysql:/etc/postfix/mysql-users.cf lookup failed for table "mysql:/etc/postfix/mysql-users.cf" key "cache.db@evil.example": unexpected reply status 1`, ""},
		{`Nov 28 10:00:00 mx postfix/cleanup[6]: warning: 3F2A1C0D1E: virtual_alias_maps map lookup problem for 127.255.255.254@evil.example -- message not accepted, try again later`, "map_lookup_problem"},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: 3F2A1C0D1E: smtp_generic_maps map lookup error for user@deprecated.example`, "lookup_error"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: hostname 127.255.255.254.evil.example does not resolve to address 198.51.100.7: Name or service not known`, "client_name_mismatch"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: hostname greylist.evil.example does not resolve to address 198.51.100.7`, "client_name_mismatch"},
		// Postfix before 2.9 said it the other way round.
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: 198.51.100.7: address not listed for hostname greylist.evil.example`, "client_name_mismatch"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: 198.51.100.7: hostname greylist.evil.example verification failed: Name or service not known`, "client_name_mismatch"},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: no MX host for greylist.example has a valid address record`, "no_mx_address"},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: malformed domain name in resource data of MX record for evil.example: no space left on device`, "dns_record_bad_name"},
		// The address a client sent is its own: the line is smtpd's
		// warning of its syntax, whatever it says.
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: Illegal address syntax from unknown[198.51.100.7] in RCPT command: <open resolver>`, "illegal_address_syntax"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: Illegal address syntax from unknown[198.51.100.7] in MAIL command: <watchdog timeout: 127.255.255.254 duplicate entry: "x">`, "illegal_address_syntax"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: Unable to look up MX host mx.open-resolver.example for Sender address a@evil.example: symlink leaves directory: /x`, "check_server_lookup_failed"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: warning: TLS SNI from unknown[198.51.100.7] is invalid: cache.db`, ""},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup error for deprecated.example/mx.deprecated.example: table lookup problem`, "tls_policy_lookup"},
		{`Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from c.example.net[198.51.100.7]: 553 5.7.1 <a@example.net>: Sender address rejected: not owned by user a: /x; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>`, "sender_login_mismatch"},
	} {
		got := knownID(p, c.line)
		if got != c.want {
			t.Errorf("%s\n  matched %q, want %q", c.line, got, c.want)
		}
	}
}

// The smtp client's TLS policy warnings name their cause: a policy it
// cannot read (smtp_tls_policy.c, the table's title then the next hop) is
// a configuration error, a table it cannot look up a lookup failure, and
// "TLS policy lookup [error] for DEST/HOST: REASON" (smtp_connect.c) is
// read by its reason: a DANE reason keeps the DANE entry, "client TLS
// configuration problem" says the policy is unusable.
func TestTLSPolicyWarningsNameTheirCause(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, want, hint string }{
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: smtp_tls_policy_maps, next-hop destination "example.com": invalid attribute name: "servername"`, "tls_policy_unknown_attribute", HintConfigError},
		{`Nov 28 10:00:00 mx postfix/lmtp[7]: warning: lmtp_tls_policy_maps, next-hop destination "[192.0.2.4]:24": invalid attribute name: "policy_type"`, "tls_policy_unknown_attribute", HintConfigError},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: smtp_tls_policy_maps, next-hop destination "example.com": malformed attribute/value pair "!TLSv1": missing '=' after attribute name`, "tls_policy_syntax", HintConfigError},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: smtp_tls_policy_maps, next-hop destination "example.com": invalid security level "secured"`, "tls_policy_syntax", HintConfigError},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: smtp_tls_policy_maps, next-hop destination "example.com": attribute "match" has empty value`, "tls_policy_syntax", HintConfigError},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: smtp_tls_policy_maps, next-hop destination "example.com": policy table lookup error`, "tls_policy_table_lookup_error", HintLookupFailure},
		// The destination is the remote's word: in quotes, it selects nothing.
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: smtp_tls_policy_maps, next-hop destination "invalid attribute name.example": policy table lookup error`, "tls_policy_table_lookup_error", HintLookupFailure},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup for example.com/mx.example.com: client TLS configuration problem`, "tls_policy_invalid", HintConfigError},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup error for mx.example.com/192.0.2.4: client TLS configuration problem`, "tls_policy_invalid", HintConfigError},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup for example.com/mx.example.com: non DNSSEC destination`, "dane_non_dnssec_destination", "tls"},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup for example.com/mx.example.com: no TLSA records found`, "dane_no_tlsa", "tls"},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup error for mx.example.com/192.0.2.4: TLSA lookup error for mx.example.com:25`, "dane_tlsa_lookup_error", "dns"},
		{`Nov 28 10:00:00 mx postfix/smtp[7]: warning: TLS policy lookup for example.com/mx.example.com: Temporary lookup error`, "tls_policy_lookup", HintLookupFailure},
	} {
		var r Record
		p.Parse(c.line, &r)
		got, hint := "", ""
		if r.Known != 0 {
			got, hint = KnownMessages[r.Known-1].ID, KnownMessages[r.Known-1].Hint
		}
		if got != c.want || hint != c.hint {
			t.Errorf("%s\n  matched %q (hint %q), want %q (hint %q)", c.line, got, hint, c.want, c.hint)
		}
	}
}

// The entries written for LMTP replies read lmtp's delivery reasons and
// nothing else, and those reasons read no other entry: a reply naming
// "cache.db" is not a corrupt cache here, and a warning that quotes a
// reply is not a full mailbox.
func TestAgentEntriesStayWithTheirAgent(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, want string }{
		{"Nov 28 10:00:00 mx postfix/lmtp[40]: 3F2A1C0A30: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.3, delays=0.1/0/0/0.2, dsn=4.3.0, status=deferred (host mx.example.org[private/dovecot-lmtp] said: 451 4.3.0 <ann@example.org> cache.db: No space left on device (in reply to end of DATA command))", ""},
		{"Nov 28 10:00:00 mx postfix/lmtp[40]: 3F2A1C0A30: to=<ann@example.org>, relay=mx.example.org[private/dovecot-lmtp], delay=0.3, delays=0.1/0/0/0.2, dsn=5.2.2, status=bounced (host mx.example.org[private/dovecot-lmtp] said: 552 5.2.2 <ann@example.org> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))", "lmtp_over_quota"},
		{"Nov 28 10:00:00 mx postfix/smtp[41]: 3F2A1C0A31: to=<bob@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=0.3, delays=0.1/0/0/0.2, dsn=5.2.2, status=bounced (host mx.example.net[192.0.2.1] said: 552 5.2.2 <bob@example.net> Quota exceeded (in reply to RCPT TO command))", ""},
		{"Nov 28 10:00:00 mx postfix/smtpd[42]: warning: lost connection with mx.example.org[private/dovecot-lmtp] said: 552 5.2.2 quota", ""},
	} {
		got := knownID(p, c.line)
		if got != c.want {
			t.Errorf("%s\n  matched %q, want %q", c.line, got, c.want)
		}
	}
}

// No advice in the table makes things worse: nothing world-writable, no
// safety check turned off without its condition, and a Postfix that does
// not start is started, not reloaded.
func TestAdviceIsNeverRisky(t *testing.T) {
	for _, k := range KnownMessages {
		text := strings.ToLower(k.Cause + " " + k.Fix)
		for _, bad := range []string{"chmod 666", "chmod a+w", "chmod o+w", "chmod -r 777", "0777"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s advises %q", k.ID, bad)
			}
		}
		if n := strings.Count(text, "777"); n != strings.Count(text, "never chmod 777") {
			t.Errorf("%s mentions 777 other than to forbid it", k.ID)
		}
		if strings.Contains(text, "strict_mailbox_ownership") && !strings.Contains(text, "only where") {
			t.Errorf("%s turns strict_mailbox_ownership off without its condition", k.ID)
		}
		if strings.Contains(k.Cause, "Postfix does not start") && strings.Contains(k.Fix, "postfix reload") {
			t.Errorf("%s: Postfix does not start, yet the fix reloads it: %s", k.ID, k.Fix)
		}
	}
}

// An SPF failure is read as our configuration only when the client smtpd
// names has a private or loopback address, which no SPF record lists; the
// same reply to a client on the Internet is an ordinary verdict.
func TestSPFFailReadsOnlyPrivateClients(t *testing.T) {
	p := NewParser()
	line := "Nov 28 10:00:00 mx postfix/smtpd[5]: NOQUEUE: reject: RCPT from %s: 550 5.7.23 <b@example.org>: Recipient address rejected: Message rejected due to: SPF fail - not authorized; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>"
	for client, want := range map[string]bool{
		"unknown[10.1.2.3]":                  true,
		"gw.example.net[192.168.7.1]":        true,
		"localhost[127.0.0.1]":               true,
		"unknown[fd12:3456::1]":              true,
		"unknown[::ffff:172.18.0.1]":         true,
		"mail.example.net[198.51.100.7]":     false,
		"mail.example.net[2001:db8::25]":     false,
		"unknown[172.32.0.1]":                false, // just past 172.16.0.0/12
		"10.0.0.1.example.net[203.0.113.10]": false, // a name is not the address
	} {
		var r Record
		p.Parse(fmt.Sprintf(line, client), &r)
		got := r.Known != 0 && KnownMessages[r.Known-1].ID == "spf_fail_private_client"
		if got != want {
			t.Errorf("client %s: private-client entry matched %v, want %v (known %d)", client, got, want, r.Known)
		}
	}
}

// cleanup's milter-reject names the client after the stage it refused
// ("END-OF-MESSAGE from NAME[ADDR]"): a milter's refusal of a private
// client reads the private-client entries, and a header_checks reject,
// whose quoted header may hold " from ", names no client.
func TestMilterRejectNamesItsClient(t *testing.T) {
	p := NewParser()
	for line, want := range map[string]string{
		"Nov 28 10:00:00 mx postfix/cleanup[8]: 3F2A1C0D31: milter-reject: END-OF-MESSAGE from unknown[172.18.0.1]: 5.7.1 rejected by DMARC policy for example.net; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>":   "172.18.0.1",
		"Nov 28 10:00:00 mx postfix/cleanup[8]: 3F2A1C0D32: milter-reject: DATA from out.example.net[198.51.100.7]: 5.7.1 refused; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>":                                    "198.51.100.7",
		"Nov 28 10:00:00 mx postfix/cleanup[8]: 3F2A1C0D33: reject: header Subject: hi from x[10.0.0.1] from out.example.net[198.51.100.7]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>: Message content rejected": "",
	} {
		var r Record
		p.Parse(line, &r)
		if r.ClientIP != want {
			t.Errorf("client %q, want %q: %s", r.ClientIP, want, line)
		}
	}
	var r Record
	p.Parse("Nov 28 10:00:00 mx postfix/cleanup[8]: 3F2A1C0D31: milter-reject: END-OF-MESSAGE from unknown[172.18.0.1]: 5.7.1 rejected by DMARC policy for example.net; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<c.example.net>", &r)
	if r.Known == 0 || KnownMessages[r.Known-1].ID != "dmarc_reject_private_client" {
		t.Errorf("known %d, want dmarc_reject_private_client", r.Known)
	}
}

// The checkers' entries read only the checkers' own lines: the same words
// in a Postfix warning, or in a program that is no checker, match none.
func TestCheckerEntriesReadOnlyCheckers(t *testing.T) {
	p := NewParser()
	for line, want := range map[string]string{
		"Nov 28 10:00:00 mx opendkim[7]: 3F2A1C0D37: key retrieval failed (s=sel1, d=example.net): 'sel1._domainkey.example.net' query timed out":  "opendkim_key_query_timeout",
		"Nov 28 10:00:00 mx opendkim[7]: 3F2A1C0D38: key retrieval failed (s=sel1, d=example.net): 'sel1._domainkey.example.net' record not found": "",
		"Nov 28 10:00:00 mx postfix/smtpd[7]: warning: key retrieval failed: query timed out":                                                      "",
		"Nov 28 10:00:00 mx rspamd[7]: key retrieval failed: query timed out":                                                                      "",
	} {
		got := knownID(p, line)
		if got == "opendkim_key_query_timeout" && want == "" || want != "" && got != want {
			t.Errorf("matched %q, want %q: %s", got, want, line)
		}
	}
}

// cleanup logs a milter's refusal with the client smtpd named
// (cleanup_milter.c); a header or body check's reject quotes the message,
// whose words are the sender's, so its " from " names no client.
func TestCleanupRejectClient(t *testing.T) {
	p := NewParser()
	for line, want := range map[string]string{
		"Nov 28 10:00:00 mx postfix/cleanup[62]: 3F2A1C0A50: milter-reject: END-OF-MESSAGE from unknown[172.19.0.1]: 5.7.1 rejected by DMARC policy for example.net; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<out.example.net>": "172.19.0.1",
		"Nov 28 10:00:00 mx postfix/cleanup[62]: 3F2A1C0A51: reject: header Subject: hi from gw[10.0.0.1] from mail.example.net[198.51.100.7]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<out.example.net>":                       "",
		"Nov 28 10:00:00 mx postfix/cleanup[62]: 3F2A1C0A52: milter-reject: header X-Note: sent from gw[10.0.0.1]: 5.7.1 no; from=<a@example.net>":                                                                                               "",
	} {
		var r Record
		p.Parse(line, &r)
		if r.Event != EvReject || r.ClientIP != want {
			t.Errorf("%q: event %v client %q, want reject %q", line, r.Event, r.ClientIP, want)
		}
	}
}

// A cache Postfix keeps for itself (TLS sessions, postscreen, address
// verification) that cannot be opened is deleted, not rebuilt: postmap
// has no source to build it from. A table's .db keeps the table's advice.
func TestCacheDatabasesAreNotTables(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, want string }{
		{"Nov 28 10:00:00 mx postfix/tlsmgr[5]: warning: btree:/var/lib/postfix/smtpd_scache is unavailable. open database /var/lib/postfix/smtpd_scache.db: File exists", "cache_db_open"},
		{"Nov 28 10:00:00 mx postfix/postscreen[6]: fatal: btree:/var/lib/postfix/postscreen_cache: open database /var/lib/postfix/postscreen_cache.db: Invalid argument", "cache_db_open"},
		{"Nov 28 10:00:00 mx postfix/verify[7]: warning: btree:/var/lib/postfix/verify_cache is unavailable. open database /var/lib/postfix/verify_cache.db: Permission denied", "cache_db_open"},
		{"Nov 28 10:00:00 mx postfix/local[8]: warning: hash:/etc/aliases is unavailable. open database /etc/aliases.db: Invalid argument", "open_database"},
		{"Nov 28 10:00:00 mx postfix/smtpd[9]: error: open database /etc/postfix/access.db: Permission denied", "open_database"},
	} {
		got := knownID(p, c.line)
		if got != c.want {
			t.Errorf("%q: entry %q, want %q", c.line, got, c.want)
		}
	}
}

// dnsblog logs each DNSBL answer it gets ("addr %s listed by domain %s as
// %s"). An answer in the list's error range is no listing but a refusal of
// this host's resolver, which the knowledge base names; a listing is the
// list doing its work and names no entry.
func TestDnsblogAnswerReadByKnowledgeBase(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, id string }{
		{"Oct 25 12:50:54 mx postfix/dnsblog[12662]: addr 198.51.100.7 listed by domain zen.spamhaus.org as 127.255.255.254", "dnsbl_error_code"},
		{"Oct 25 12:50:54 mx postfix/dnsblog[12662]: addr 2001:db8::7 listed by domain zen.spamhaus.org as 127.255.255.252", "dnsbl_error_code"},
		{"Oct 25 12:50:54 mx postfix/dnsblog[12662]: addr 198.51.100.7 listed by domain zen.spamhaus.org as 127.0.0.2", ""},
		{"Oct 25 12:50:54 mx postfix/dnsblog[12662]: addr 198.51.100.7 listed by domain b.barracudacentral.org as 127.0.0.2", ""},
	} {
		got := knownID(p, c.line)
		if got != c.id {
			t.Errorf("%q matched %q, want %q", c.line, got, c.id)
		}
	}
}

// knownID is the ID of the knowledge-base entry the parser matches line
// to, or "".
func knownID(p *Parser, line string) string {
	var r Record
	p.Parse(line, &r)
	if r.Known == 0 {
		return ""
	}
	return KnownMessages[r.Known-1].ID
}

// smtpd and postscreen warn of an unknown macro in a reply template with
// other words; only pipe's master.cf argv warning names the pipe entry.
func TestPipeMacroEntryReadsPipeArgvOnly(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{`Nov 28 10:00:00 mx postfix/pipe[7]: warning: file /etc/postfix/master.cf: service dspam: unknown macro name: "Sender"`, true},
		{`Nov 28 10:00:00 mx postfix/smtpd[8]: warning: unknown macro name "client_adress" in expansion request`, false},
		{`Nov 28 10:00:00 mx postfix/postscreen[9]: warning: unknown macro name "dnsbl_domain" in expansion request`, false},
	} {
		r := parse(c.line)
		got := r.Known != 0 && KnownMessages[r.Known-1].ID == "pipe_unknown_macro"
		if got != c.want {
			t.Errorf("pipe_unknown_macro %v, want %v: %q", got, c.want, c.line)
		}
	}
}

// cleanup's two "unreasonable" warnings about an address map name
// different causes: expansion past virtual_alias_expansion_limit (a big
// alias or list) and nesting past virtual_alias_recursion_limit (a loop).
func TestAddressMapLimitWarningsNameTheirLimit(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, want string }{
		{`Nov 28 10:00:00 mx postfix/cleanup[7]: warning: 3F1A52C0B1: unreasonable virtual_alias_maps map expansion size for staff@example.com -- message not accepted, try again later`, "address_map_expansion_size"},
		{`Nov 28 10:00:00 mx postfix/cleanup[7]: warning: 3F1A52C0B1: unreasonable virtual_alias_maps map expansion size for staff@example.com -- deferring delivery`, "address_map_expansion_size"},
		// Cut where a page wrapped it, before the recipient.
		{`Nov 28 10:00:00 mx postfix/cleanup[7]: warning: 3F1A52C0B1: unreasonable virtual_alias_maps map expansion size for`, "address_map_expansion_size"},
		{`Nov 28 10:00:00 mx postfix/cleanup[7]: warning: 3F1A52C0B1: unreasonable canonical_maps map nesting for a@example.com -- message not accepted, try again later`, "virtual_alias_nesting"},
	} {
		var r Record
		p.Parse(c.line, &r)
		got, hint := "", ""
		if r.Known != 0 {
			got, hint = KnownMessages[r.Known-1].ID, KnownMessages[r.Known-1].Hint
		}
		if got != c.want || hint != HintConfigError {
			t.Errorf("%s\n  matched %q (hint %q), want %q (hint %q)", c.line, got, hint, c.want, HintConfigError)
		}
	}
	k := KnownMessages[MatchKnown("unreasonable virtual_alias_maps map expansion size for x")-1]
	if !slices.Contains(k.Params, "virtual_alias_expansion_limit") {
		t.Errorf("expansion size entry names %v, want virtual_alias_expansion_limit", k.Params)
	}
}

// A delivery command that the agent's child cannot execute (pipe_command's
// "execvp %s: %m" with EACCES) is the configuration's: the user the command
// runs as, the file's mode or a directory above it, not a service to start.
func TestExecDeniedDeliveryCommandIsConfiguration(t *testing.T) {
	for _, c := range []struct {
		line string
		want string
	}{
		{`Mar  3 08:15:02 relay postfix/pipe[4411]: 1A2B3C4D5E: to=<tickets@example.org>, relay=ticketpipe, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: pipe: fatal: pipe_command: execvp /srv/app/bin/ingest: Permission denied )`, "pipe_command_exec_denied"},
		{`Mar  3 08:15:02 relay postfix/local[4412]: 6F7E8D9C0B: to=<list@example.org>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: local: fatal: pipe_command: execvp /opt/lists/bin/deliver: Permission denied )`, "pipe_command_exec_denied"},
		{`Mar  3 08:15:02 relay postfix/pipe[4413]: fatal: pipe_command: execvp /usr/local/bin/filter: Permission denied`, "pipe_command_exec_denied"},
		{`Mar  3 08:15:02 relay postfix/pipe[4414]: 2B3C4D5E6F: to=<a@example.org>, relay=spamfilter, delay=0.2, delays=0.1/0/0/0.1, dsn=4.3.0, status=deferred (temporary failure. Command output: connection refused )`, "pipe_command_output"},
	} {
		r := parse(c.line)
		got := entryID(r)
		if got != c.want {
			t.Errorf("entry %q, want %q: %q", got, c.want, c.line)
			continue
		}
		if c.want == "pipe_command_exec_denied" && KnownMessages[r.Known-1].Hint != HintConfigError {
			t.Errorf("%s: hint %q, want %q", c.want, KnownMessages[r.Known-1].Hint, HintConfigError)
		}
	}
}

// mail_trigger's "unable to look up %s: %m" for public/pickup: ENOENT says
// the pickup FIFO is not there (Postfix is not running); EACCES says the
// program may not search public/, a question of groups and modes while
// Postfix runs.
func TestPickupLookupDeniedIsNotPostfixDown(t *testing.T) {
	for _, c := range []struct {
		line string
		want string
	}{
		{`Jan 14 06:25:01 web1 postfix/postdrop[2290]: warning: unable to look up public/pickup: Permission denied`, "pickup_lookup_denied"},
		{`postdrop: warning: unable to look up public/pickup: Permission denied`, "pickup_lookup_denied"},
		{`Jan 14 06:25:01 web1 postfix/postdrop[2291]: warning: unable to look up public/pickup: No such file or directory`, "postfix_not_running"},
	} {
		r := parse(c.line)
		got := entryID(r)
		if got != c.want {
			t.Errorf("entry %q, want %q: %q", got, c.want, c.line)
		}
	}
}

// A milter's socket that smtpd may not open (EACCES) is a running milter
// with the wrong owner, mode or label on its socket, not a milter to start.
func TestMilterSocketDeniedIsNotMilterDown(t *testing.T) {
	for _, c := range []struct {
		line string
		want string
	}{
		{`Feb  9 11:02:44 gw postfix/smtpd[3310]: warning: connect to Milter service unix:/run/sigmilter/sig.sock: Permission denied`, "milter_socket_denied"},
		{`postfix/cleanup[3311]: warning: connect to Milter service local:milters/scan.sock: Permission denied`, "milter_socket_denied"},
		{`Feb  9 11:02:44 gw postfix/smtpd[3312]: warning: connect to Milter service inet:127.0.0.1:8891: Connection refused`, "milter_unreachable"},
	} {
		r := parse(c.line)
		got := entryID(r)
		if got != c.want {
			t.Errorf("entry %q, want %q: %q", got, c.want, c.line)
		}
	}
}

// attr_clnt.c's "problem talking to server %s: %m" names why the request
// failed: errno 0 ("Success") and a reset mean the server took the
// connection and closed it without an answer, so it runs and fails on the
// request; EADDRNOTAVAIL means the endpoint's name gave no address this
// host can use. Neither is a server to start; a refused connect is.
func TestPolicyServerFailureByReason(t *testing.T) {
	wantEntries(t, []lineEntry{
		{`Mar  3 09:12:40 mx1 postfix/smtpd[5120]: warning: problem talking to server 127.0.0.1:12340: Success`, "policy_server_closed"},
		{`postfix/submission/smtpd[5121]: warning: problem talking to server private/policy-spf: Success`, "policy_server_closed"},
		{`Mar  3 09:12:41 mx1 postfix/smtpd[5122]: warning: problem talking to server private/policy-spf: Connection reset by peer`, "policy_server_reset"},
		{`Mar  3 09:12:42 mx1 postfix/smtpd[5123]: warning: problem talking to server localhost:10040: Cannot assign requested address`, "policy_server_address_unusable"},
		{`Mar  3 09:12:44 mx1 postfix/smtpd[5125]: warning: problem talking to server 127.0.0.1:10040: Connection refused`, "policy_server_down"},
		{`Mar  3 09:17:42 mx1 postfix/spawn[7020]: warning: /usr/bin/policyd-spf: process id 7025: command time limit exceeded`, "spawn_time_limit"},
		{`Mar  3 09:17:43 mx1 postfix/pipe[7030]: 4B07F3FC1A: to=<list@example.org>, relay=mailman, delay=1001, delays=0.1/0/0/1001, dsn=4.3.0, status=deferred (Command time limit exceeded: "/usr/lib/mailman/bin/postfix-to-mailman.py")`, "pipe_time_limit"},
		{`Mar  3 09:12:47 mx1 postfix/smtpd[5129]: warning: connect to private/postgrey: Permission denied`, "private_socket_denied"},
		{`Mar  3 09:12:48 mx1 postfix/smtpd[5131]: fatal: policy service syntax error: { inet:127.0.0.1:10040, timeout=10s`, "policy_service_syntax"},
		{`postfix/submission/smtpd[5132]: fatal: empty policy service: "{ }"`, "policy_service_empty"},
		{`Mar  3 09:12:46 mx1 postfix/smtpd[5127]: warning: problem talking to server private/policy-spf: Connection timed out`, "policy_server_timeout"},
		{`Mar  3 09:12:47 mx1 postfix/smtpd[5129]: warning: problem talking to server private/greylist: Permission denied`, "policy_server_denied"},
		{`postfix/smtpd[5130]: warning: problem talking to server /run/policyd/policy.sock: Permission denied`, "policy_server_denied"},
		{`May 13 15:17:47 mx1 postfix/smtpd[10809]: warning: problem talking to server private/anvil: Permission denied`, "postfix_service_denied"},
		{`postfix/smtp[12852]: warning: problem talking to server private/tlsmgr: Permission denied`, "postfix_service_denied"},
		{`Mar  3 09:12:49 mx1 postfix/smtpd[5133]: warning: problem talking to server private/anvil-policy: Permission denied`, "policy_server_denied"},
		{`Dec  3 10:00:01 mx1 postfix/smtpd[4242]: warning: problem talking to server private/anvil: Connection reset by peer`, "postfix_anvil_failed"},
		{`postfix/smtpd[4244]: warning: problem talking to server private/anvil: Success`, "postfix_anvil_failed"},
		{`Dec  3 10:00:01 mx1 postfix/smtpd[4243]: warning: problem talking to server private/tlsmgr: Connection timed out`, "postfix_tlsmgr_failed"},
		{`postfix/smtp[4245]: warning: problem talking to server private/tlsmgr: Connection reset by peer`, "postfix_tlsmgr_failed"},
		{`Mar  3 09:12:49 mx1 postfix/smtpd[5134]: warning: problem talking to server private/anvil-policy: Connection reset by peer`, "policy_server_reset"},
		{`postfix/smtpd[5128]: warning: problem talking to server 192.0.2.30:10031: Connection timed out`, "policy_server_timeout"},
		{`Mar  3 09:12:45 mx1 postfix/smtpd[5126]: warning: connect to Milter service inet:localhost:8891: Cannot assign requested address`, "milter_address_unusable"},
	})
}

// postgrey's reply text is its --greylist-text, which installations set
// to their own words ("Delayed by Postgrey"): a reject of smtpd's that
// names postgrey in its own reason is this host greylisting; a name a
// client chose (its HELO, an address) is not.
func TestPostgreyRejectIsGreylisting(t *testing.T) {
	for _, c := range []struct {
		line string
		want string
	}{
		{`Aug 22 19:57:31 smtp postfix/smtpd[7120]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.2.0 <b@example.org>: Recipient address rejected: Delayed by Postgrey; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<mail.example.net>`, "greylisted_inbound_postgrey"},
		{`NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.7.1 <b@example.org>: Recipient address rejected: Postgrey says come back later; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<mail.example.net>`, "greylisted_inbound_postgrey"},
		{`Aug 22 19:57:32 smtp postfix/smtpd[7121]: NOQUEUE: reject: RCPT from mail.example.net[198.51.100.7]: 450 4.2.0 <b@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/help; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<mail.example.net>`, "greylisted_inbound"},
		{`Aug 22 19:57:33 smtp postfix/smtpd[7122]: NOQUEUE: reject: RCPT from postgrey.example.net[198.51.100.8]: 550 5.1.1 <postgrey@example.org>: Recipient address rejected: User unknown in virtual mailbox table; from=<postgrey@example.net> to=<postgrey@example.org> proto=ESMTP helo=<postgrey>`, ""},
	} {
		r := parse(c.line)
		got := entryID(r)
		if c.want == "" && strings.HasPrefix(got, "greylisted") || c.want != "" && got != c.want {
			t.Errorf("entry %q, want %q: %q", got, c.want, c.line)
		}
	}
}

// A queue directory that keeps Postfix's programs out with owners or
// modes (a restored, copied or chown -R'd volume) is no filesystem that
// lacks FIFOs nor a directory that is missing: EACCES on the chdir into
// queue_directory and on the master's wake-up of a FIFO name the owners.
func TestQueuePermissionDenials(t *testing.T) {
	wantEntries(t, []lineEntry{
		{`May 13 15:18:05 mail postfix/sendmail[10821]: fatal: chdir /var/spool/postfix: Permission denied`, "queue_directory_denied"},
		{`postfix/postdrop[2210]: fatal: chdir /var/spool/postfix: Permission denied`, "queue_directory_denied"},
		{`Nov 28 10:00:00 mx postfix/master[1]: fatal: chdir /var/spool/postfix: No such file or directory`, "queue_directory_missing"},
		// The daemons' own words (single_server.c, multi_server.c and
		// the like) quote the path.
		{`Nov 28 10:00:00 mx postfix/pickup[402]: fatal: chdir("/var/spool/postfix"): Permission denied`, "queue_directory_denied"},
		{`Nov 28 10:00:00 mx postfix/smtpd[403]: fatal: chdir("/srv/postfix/spool"): No such file or directory`, "queue_directory_missing"},
		{`May 13 15:18:21 mail postfix/master[988]: warning: master_wakeup_timer_event: service pickup(public/pickup): Permission denied`, "queue_fifo_denied"},
		{`postfix/master[51]: warning: master_wakeup_timer_event: service qmgr(public/qmgr): Invalid argument`, "queue_fifo"},
		// bounce(8) keeps each message's delivery log in defer/, bounce/
		// or trace/ (bounce_append_service.c: "open file %s %s: %m").
		{`Dec  3 04:00:00 mx1 postfix/bounce[2211]: fatal: open file defer 4BC1D2E3F4: Permission denied`, "message_log_denied"},
		{`postfix/bounce[2212]: fatal: open file trace 4BC1D2E3F5: Permission denied`, "message_log_denied"},
		{`Dec  3 04:00:00 mx1 postfix/bounce[2213]: fatal: append file bounce 4BC1D2E3F6: Permission denied`, "message_log_denied"},
		{`Dec  3 04:00:00 mx1 postfix/bounce[2214]: fatal: open file defer 4BC1D2E3F7: No space left on device`, "no_space"},
		// local(8)'s .forward is a user's file, no queue file.
		{`Dec  3 04:00:00 mx1 postfix/local[2215]: warning: cannot open file /home/u/.forward: Permission denied`, ""},
	})
}

// postconf_main.c's "NAME: unknown parameter" answers a query (postconf
// NAME) for a parameter this Postfix does not have: a script or an
// image's start-up written for another release, or a typo. It is not
// main.cf's "unused parameter", which a setting nothing reads gives.
func TestPostconfUnknownParameter(t *testing.T) {
	wantEntries(t, []lineEntry{
		{`postconf: warning: smtputf8_enable: unknown parameter`, "postconf_unknown_parameter"},
		{`Dec  1 10:00:00 mx postfix/postconf[400]: warning: smtpd_tls_chain_files: unknown parameter`, "postconf_unknown_parameter"},
		{`/usr/sbin/postconf: warning: /etc/postfix/main.cf: unused parameter: compatibility_level=2`, "unused_parameter"},
	})
}

// indexLow finds what bytes.Index finds, at the same place.
func TestIndexLowIsBytesIndex(t *testing.T) {
	texts := []string{"", "f", "for", "for ", "fo for x", "tls for for ", "said: 550 for user", "ffor  for", "xyz"}
	seps := []string{"", "f", "for ", " said: ", "for for ", "z", "xyz!"}
	for _, s := range texts {
		for _, sep := range seps {
			if got, want := indexLow([]byte(s), []byte(sep)), bytes.Index([]byte(s), []byte(sep)); got != want {
				t.Errorf("indexLow(%q, %q) = %d, bytes.Index says %d", s, sep, got, want)
			}
		}
	}
}

// lineEntry is a line and the knowledge entry it is to match ("" none).
type lineEntry struct {
	line string
	want string
}

// wantEntries checks the entry each parsed line matches.
func wantEntries(t *testing.T, cases []lineEntry) {
	t.Helper()
	for _, c := range cases {
		if got := entryID(parse(c.line)); got != c.want {
			t.Errorf("entry %q, want %q: %q", got, c.want, c.line)
		}
	}
}

// OpenSSL refusing this host's own certificate as it loads it, for a key
// too small or a signature digest too weak for its security level (an
// OpenSSL upgrade that raised the level): TLS is off on that side, which
// the generic "TLS library problem" entry does not say.
func TestOwnCertificateTooWeakForOpenSSL(t *testing.T) {
	wantEntries(t, []lineEntry{
		{`Nov 28 10:00:00 mx postfix/smtpd[301]: warning: TLS library problem: error:0A00018F:SSL routines::ee key too small:../ssl/ssl_rsa.c:101:`, "tls_key_too_small"},
		{`Nov 28 10:00:00 mx postfix/smtpd[301]: warning: TLS library problem: error:140AB18F:SSL routines:SSL_CTX_use_certificate:ee key too small:ssl_rsa.c:310:`, "tls_key_too_small"},
		{`Nov 28 10:00:00 mx postfix/postscreen[302]: warning: TLS library problem: error:0A00018E:SSL routines::ca md too weak:../ssl/ssl_rsa.c:275:`, "tls_ca_md_too_weak"},
		{`Nov 28 10:00:00 mx postfix/smtpd[301]: warning: TLS library problem: error:0A000086:SSL routines::certificate verify failed:../ssl/statem/statem_clnt.c:1889:`, "tls_library_problem"},
		// Raised in a handshake: the peer's certificate, not this host's.
		{`Nov 28 10:00:00 mx postfix/smtp[303]: warning: TLS library problem: error:0A00018F:SSL routines::ee key too small:../ssl/statem/statem_clnt.c:1952:`, "tls_library_problem"},
	})
}

// The accounts Postfix runs as are checked at every program's start
// (mail_params.c): one that is root's, or shares its number with another
// account, stops Postfix, and each has its own fix; so do a host name
// that is no valid one (get_hostname.c) when myhostname is not set, and a
// program that may not take its user and group (set_ugid.c), as in a
// container without the capabilities for it.
func TestAccountAndHostnameFatals(t *testing.T) {
	wantEntries(t, []lineEntry{
		{`Dec  3 04:00:00 mx1 postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter default_privs: user root has privileged user ID`, "privileged_account"},
		{`postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter mail_owner: user postfix has privileged group ID`, "privileged_account"},
		{`Dec  3 04:00:00 mx1 postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter setgid_group: group postdrop has privileged group ID`, "privileged_account"},
		{`Dec  3 04:00:00 mx1 postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter mail_owner: user postfix has the same user ID 102 as user mailnull`, "account_id_shared"},
		{`Dec  3 04:00:00 mx1 postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameter setgid_group: group postdrop has the same group ID 104 as group postfix`, "account_id_shared"},
		{`Dec  3 04:00:00 mx1 postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameters default_privs and mail_owner: users nobody and postfix have the same user ID: 65534`, "same_user_id"},
		{`Dec  3 04:00:00 mx1 postfix/postfix-script[9]: fatal: file /etc/postfix/main.cf: parameters default_privs and mail_owner specify the same user postfix`, "same_user_id"},
		{`Dec  3 04:00:00 mx1 postfix/master[1]: fatal: unable to use my own hostname`, "own_hostname_invalid"},
		{`Dec  3 04:00:00 mx1 postfix/master[1]: fatal: seteuid(0): Operation not permitted`, "privilege_change_denied"},
		{`Dec  3 04:00:00 mx1 postfix/pickup[3]: fatal: setgid(107): Operation not permitted`, "privilege_change_denied"},
		{`Dec  3 04:00:00 mx1 postfix/smtpd[4]: fatal: setgroups(1, &107): Invalid argument`, "privilege_change_denied"},
		{`Dec  3 04:00:00 mx1 postfix/local[5]: fatal: setuid(65534): Operation not permitted`, "privilege_change_denied"},
	})
}

// An entry's Or alternatives stand as rows of their own right after it,
// in the order written, so the table's first-match order holds for them.
func TestExpandOrKeepsPlaceAndOrder(t *testing.T) {
	rows := expandOr([]Known{
		{ID: "a", Match: []string{"one"}, Or: [][]string{{"two"}, {"three", "four"}}, Fix: "f"},
		{ID: "b", Match: []string{"five"}},
	})
	var got []string
	for _, r := range rows {
		if r.Or != nil || r.ID == "a" && r.Fix != "f" {
			t.Errorf("row %+v", r)
		}
		got = append(got, r.ID+":"+strings.Join(r.Match, "+"))
	}
	if want := "a:one a:two a:three+four b:five"; strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %q", got, want)
	}
}
