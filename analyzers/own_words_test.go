package analyzers

import (
	"fmt"
	"testing"
)

// hostHints are the hints about this host's own shortage: descriptors,
// smtpd processes, database connections, a Postfix program or a service
// it needs down. Each of them changes this host.
var hostHints = []string{"ulimit", "process_limit", "lookup_table_connections", "daemon_crash", "lookup_failure"}

// Another party's words about its own trouble, in as many lines as a busy
// hour brings, make none of this host's hints and nothing critical (but
// the hint on this host's content rules, whose actions the lines are).
func TestOthersWordsMakeNoHostHint(t *testing.T) {
	remote := func(reply string) func(i int) string {
		return func(i int) string {
			return fmt.Sprintf("%s relay2 postfix/smtp[%d]: 5D%08X: to=<u%d@partner.example>, relay=mail.partner.example[203.0.113.25]:25, delay=1.1, delays=0.1/0/0.6/0.4, dsn=4.3.0, status=deferred (host mail.partner.example[203.0.113.25] %s)",
				stamp(i*10), 900+i%9, i, i, reply)
		}
	}
	content := func(text string) func(i int) string {
		return func(i int) string {
			return fmt.Sprintf("%s mx1 postfix/cleanup[%d]: 6E%08X: %s from mail.example.net[198.51.100.7]; from=<dev@example.net> to=<ops%d@example.org> proto=ESMTP helo=<mail.example.net>",
				stamp(i*10), 700+i%5, i, text, i)
		}
	}
	reply := func(text string) func(i int) string {
		return func(i int) string {
			return fmt.Sprintf("%s mx1 postfix/smtpd[%d]: NOQUEUE: %s; from=<dev@example.net> to=<ops%d@example.org> proto=ESMTP helo=<mail.example.net>",
				stamp(i*10), 600+i%5, text, i)
		}
	}
	for _, c := range []struct {
		name string
		line func(int) string
		also string // a hint that names the trouble where it is
	}{
		{"remote postscreen out of smtpd processes", remote("refused to talk to me: 421 4.3.2 All server ports are busy"), "remote_fault"},
		{"remote out of descriptors", remote("said: 451 4.3.0 Temporary system problem: Too many open files (in reply to end of DATA command)"), "remote_fault"},
		{"remote out of database connections", remote("said: 451 4.3.0 Error: too many clients already (in reply to RCPT TO command)"), "remote_fault"},
		{"remote table failing", remote("said: 451 4.3.0 <ops@partner.example>: Temporary lookup failure (in reply to RCPT TO command)"), "remote_fault"},
		{"header_checks WARN", content("warning: header Subject: Re: Too many open files on the build host"), ""},
		{"body_checks WARN", content("warning: body psql: FATAL: sorry, too many clients already"), ""},
		{"body_checks DISCARD", content("discard: body rsync: write failed: No space left on device"), ""},
		{"mime_header_checks HOLD", content("hold: header Content-Description: out of memory"), ""},
		{"nested_header_checks INFO", content("info: header Subject: fork: Resource temporarily unavailable"), ""},
		{"milter reply", reply("milter-reject: RCPT from mail.example.net[198.51.100.7]: 451 4.3.0 scanner: No space left on device"), ""},
		{"policy WARN", reply("warn: RCPT from mail.example.net[198.51.100.7]: policy: out of memory"), ""},
	} {
		e := feed(repeat(60, c.line)...)
		// The report's whole log and the live view's window alike.
		for _, whole := range []bool{true, false} {
			hs := e.Hints(whole)
			got := hintIDs(hs)
			for _, id := range hostHints {
				if len(got[id]) > 0 {
					t.Errorf("%s (whole %v): %s hint %q", c.name, whole, id, got[id][0].Title)
				}
			}
			for _, h := range hs {
				if h.Severity == SevCritical && h.ID != "content_checks" {
					t.Errorf("%s (whole %v): critical %s hint %q", c.name, whole, h.ID, h.Title)
				}
			}
			if c.also != "" && len(got[c.also]) == 0 {
				t.Errorf("%s (whole %v): no %s hint", c.name, whole, c.also)
			}
		}
	}
}
