package analyzers

import (
	"strings"
	"testing"
)

// One table failing, seen by smtpd (its 451 Temporary lookup failure)
// and by trivial-rewrite and cleanup (the table's own warning): one
// lookup_failure finding, with the evidence of both.
func TestLookupFailureOneFinding(t *testing.T) {
	e := feed(
		`Dec  1 10:00:01 mx postfix/smtpd[100]: NOQUEUE: reject: RCPT from mail.example.net[192.0.2.10]: 451 4.3.0 <bob@example.org>: Temporary lookup failure; from=<ann@example.net> to=<bob@example.org> proto=ESMTP helo=<mail.example.net>`,
		`Dec  1 10:00:02 mx postfix/trivial-rewrite[101]: warning: hash:/etc/postfix/virtual is unavailable. open database /etc/postfix/virtual.db: No such file or directory`,
		`Dec  1 10:00:02 mx postfix/cleanup[102]: warning: hash:/etc/postfix/virtual lookup error for "bob@example.org"`,
	)
	hs := hintIDs(e.Hints(true))["lookup_failure"]
	if len(hs) != 1 {
		var titles []string
		for _, h := range hs {
			titles = append(titles, h.Title)
		}
		t.Fatalf("%d lookup_failure hints, want 1: %s", len(hs), strings.Join(titles, "; "))
	}
	all := hintText(hs[0])
	for _, want := range []string{"temporary_lookup_failure", "open_database_missing"} {
		if !strings.Contains(all, want) {
			t.Errorf("the finding lacks the evidence of %s:\n%s", want, all)
		}
	}
}
