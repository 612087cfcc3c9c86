package analyzers

import (
	"fmt"
	"testing"

	"mxtop/sources"
)

// "local data error while talking to HOST" (smtp_trouble.c, 4.3.0) is
// the SMTP client's own fault on this host: a table it reads during the
// session (smtp_sasl_password_maps, ...) or the queue file. It is no
// remote refusal of the recipient domain's, and the lookup failure hint
// gives its advice.
func TestLocalDataErrorIsThisHosts(t *testing.T) {
	var lines []string
	for i := 0; i < 30; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06XE%03X: to=<u%d@gmail.com>, relay=smtp.sendgrid.net[198.51.100.20]:587, delay=0.5, delays=0.1/0/0.3/0.1, dsn=4.3.0, status=deferred (local data error while talking to smtp.sendgrid.net[198.51.100.20])",
			stamp(i), 700+i%5, i, i, i))
	}
	var r sources.Record
	sources.NewParser().Parse(lines[0], &r)
	if r.Class != sources.ClassLookupFailure {
		t.Errorf("class %v, want lookup_failure", r.Class)
	}
	ids := hintIDs(feed(lines...).Hints(true))
	if len(ids["unknown_refusals"]) != 0 {
		t.Errorf("a local fault read as the destination's refusal: %+v", ids["unknown_refusals"])
	}
	if len(ids[sources.HintLookupFailure]) == 0 {
		t.Errorf("no lookup_failure hint: %v", ids)
	}
}
