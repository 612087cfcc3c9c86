package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// Receivers' refusals of a message past their limit of messages per
// connection (session): Yahoo's, and others' words for the same cap.
var sessionLimitReplies = []string{
	"host mta5.am0.yahoodns.net[192.0.2.61] said: 421 Max message per connection reached, closing transmission channel (in reply to MAIL FROM command)",
	"host mx.example.net[192.0.2.62] said: 421 4.7.0 Too many messages in this connection (in reply to MAIL FROM command)",
	"host mx2.example.net[192.0.2.63] said: 421 4.7.0 Too many emails sent on this session (in reply to MAIL FROM command)",
}

// sessionDeliv is the i-th delivery to domain over a connection used
// use times (conn_use=, which Postfix logs from the second use on).
func sessionDeliv(i int, domain string, use int, status, reason string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: %06X%04X: to=<u%d@%s>, relay=mx.%s[192.0.2.9]:25, conn_use=%d, delay=1.2, delays=0.1/0/0.1/1, dsn=4.7.0, status=%s (%s)",
		stamp(i), 1000+i%7, i, i, i, domain, domain, use, status, reason)
}

func TestSessionLimitIsItsOwnClass(t *testing.T) {
	for _, reply := range sessionLimitReplies {
		var r sources.Record
		sources.NewParser().Parse(deliv(1, "yahoo.com", "deferred", reply), &r)
		if r.Class.String() != "session_limit" {
			t.Errorf("%q: class %q, want session_limit", reply, r.Class)
		}
	}
	// A cap on messages over time is a rate limit still.
	var r sources.Record
	sources.NewParser().Parse(deliv(1, "example.org", "deferred", "host mx.example.org[192.0.2.7] said: 421 4.7.0 Too many messages from your IP, try again later (in reply to MAIL FROM command)"), &r)
	if r.Class != sources.ClassRateLimit {
		t.Errorf("a rate limit read as %q", r.Class)
	}
}

// sessionLog is deliveries to yahoo.com over reused connections, every
// use-th of them refused at the receiver's cap.
func sessionLog(use int, extra ...string) []string {
	lines := extra
	for i := range 40 {
		n := i%use + 1
		if n == use {
			lines = append(lines, sessionDeliv(i, "yahoo.com", n, "deferred", sessionLimitReplies[0]))
			continue
		}
		line := sessionDeliv(i, "yahoo.com", n, "sent", "250 ok dirdel")
		if n == 1 {
			line = strings.Replace(line, " conn_use=1,", "", 1)
		}
		lines = append(lines, line)
	}
	return lines
}

// The hint caps the reuse of connections to the destination below the
// receiver's count (conn_use of the refused deliveries), on a transport
// of its own, and gives no rate delay, no lower concurrency and no more
// connection reuse.
func TestSessionLimitHint(t *testing.T) {
	h := hintOf(t, feed(sessionLog(11)...), "session_limit")
	words := strings.Join(h.Actions, "\n")
	if !strings.Contains(h.Subject, "yahoo.com") || !strings.Contains(words, "smtp_connection_reuse_count_limit=9") {
		t.Errorf("subject %q, actions:\n%s", h.Subject, words)
	}
	if !strings.Contains(strings.Join(h.Evidence, "\n"), "conn_use=11") {
		t.Errorf("evidence %q", h.Evidence)
	}
	ids := hintIDs(feed(sessionLog(11)...).Hints(true))
	for _, other := range []string{"rate_delay", "destination_concurrency", "connection_reuse", "unknown_refusals"} {
		if len(ids[other]) != 0 {
			t.Errorf("%s hint for a per-connection cap: %q", other, ids[other][0].Title)
		}
	}
}

// A receiver that takes one message per connection: a reuse count limit
// of 0 means no limit, so the hint turns reuse off instead.
func TestSessionLimitOneMessage(t *testing.T) {
	h := hintOf(t, feed(sessionLog(2)...), "session_limit")
	words := strings.Join(h.Actions, "\n")
	if strings.Contains(words, "smtp_connection_reuse_count_limit=0") || !strings.Contains(words, "smtp_connection_cache_on_demand=no") {
		t.Errorf("actions:\n%s", words)
	}
}

// Before Postfix 2.11 there is no smtp_connection_reuse_count_limit: the
// hint turns reuse off for the destination.
func TestSessionLimitOldPostfix(t *testing.T) {
	old := stamp(0) + " mx postfix/master[1]: daemon started -- version 2.10.1, configuration /etc/postfix"
	h := hintOf(t, feed(sessionLog(11, old)...), "session_limit")
	words := strings.Join(h.Actions, "\n")
	if strings.Contains(words, "smtp_connection_reuse_count_limit=") || strings.Contains(words, "postconf smtp_connection_reuse_count_limit") ||
		!strings.Contains(words, "smtp_connection_cache_on_demand=no") || !strings.Contains(words, "older than 2.11") {
		t.Errorf("actions:\n%s", words)
	}
}
