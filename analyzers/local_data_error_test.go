package analyzers

import (
	"fmt"
	"slices"
	"strings"
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

// Lines that say no master runs (postdrop cannot find pickup, a postfix
// command finds the mail system not running) end with postfix start, not
// a reload, which has nothing to reload; a master started after them
// runs again.
func TestNotRunningEndsWithAStart(t *testing.T) {
	lines := []string{
		stamp(0) + " mx postfix/postdrop[20032]: warning: unable to look up public/pickup: No such file or directory",
		stamp(1) + " mx postfix/postdrop[20033]: warning: unable to look up public/pickup: No such file or directory",
	}
	last := func(e *Engine) string {
		t.Helper()
		h := hintOf(t, e, sources.HintDaemonCrash)
		return h.Steps[len(h.Steps)-1].Text
	}
	if s := last(feed(lines...)); !strings.Contains(s, "postfix start") || strings.Contains(s, "then postfix reload") {
		t.Errorf("last step %q", s)
	}
	up := append(slices.Clone(lines), stamp(60)+" mx postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix")
	if s := last(feed(up...)); strings.Contains(s, "Postfix is not running") {
		t.Errorf("last step after the master started %q", s)
	}
}

// postdrop's "unable to look up public/pickup: No such file or directory"
// is mail_trigger's stat() of the FIFO: while smtpd, qmgr and local log
// around it, the master runs, and the FIFO is gone from the queue
// directory (or postdrop reads another configuration directory). A stop
// and start makes the FIFO again, and pickup takes what waits in
// maildrop; "Postfix is not running" would be wrong.
func TestPickupFifoMissingWhileDaemonsRun(t *testing.T) {
	work := func(sec int) []string {
		id := fmt.Sprintf("4B79E%03dA", sec)
		return []string{
			stamp(sec) + " mx postfix/smtpd[2951]: " + id + ": client=mail.example.net[192.0.2.10]",
			stamp(sec) + " mx postfix/qmgr[1201]: " + id + ": from=<ann@example.net>, size=1995, nrcpt=1 (queue active)",
			stamp(sec+1) + " mx postfix/local[2953]: " + id + ": to=<bob@example.org>, relay=local, delay=0.4, delays=0.3/0.01/0/0.09, dsn=2.0.0, status=sent (delivered to mailbox)",
		}
	}
	lines := slices.Concat(work(0),
		[]string{stamp(30) + " mx postfix/postdrop[20032]: warning: unable to look up public/pickup: No such file or directory"},
		work(60),
		[]string{stamp(90) + " mx postfix/postdrop[20033]: warning: unable to look up public/pickup: No such file or directory"},
		work(120))
	h := hintOf(t, feed(lines...), sources.HintDaemonCrash)
	var b strings.Builder
	for _, s := range h.Evidence {
		b.WriteString(s + "\n")
	}
	for _, a := range h.Steps {
		b.WriteString(a.Text + "\n")
	}
	text := b.String()
	for _, want := range []string{"public/pickup", "queue_directory", "postfix stop; postfix start", "maildrop"} {
		if !strings.Contains(text, want) {
			t.Errorf("hint lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "not running") || strings.Contains(text, "then postfix start (") {
		t.Errorf("Postfix read as stopped while its daemons log:\n%s", text)
	}
}

// qmgr's "address resolver failure" (qmgr_message.c, 4.3.0) is this
// host's trivial-rewrite failing to resolve the recipient, mostly for a
// table it could not read (transport_maps, relay_domains, the virtual
// domains): no reply of the destination's. With the table's warnings in
// the log it joins their lookup failure hint; alone it is still a host
// hint that sends the admin to trivial-rewrite's warnings and tables.
func TestAddressResolverFailureIsThisHosts(t *testing.T) {
	deferred := func(i int) string {
		return fmt.Sprintf("%s mx postfix/qmgr[1201]: %06XA%03X: to=<u%d@partner.example>, relay=none, delay=0.05, delays=0.04/0.01/0/0, dsn=4.3.0, status=deferred (address resolver failure)", stamp(i*40+1), i, i, i)
	}
	var alone, withTable []string
	for i := 0; i < 12; i++ {
		alone = append(alone, deferred(i))
		withTable = append(withTable,
			fmt.Sprintf("%s mx postfix/trivial-rewrite[1401]: warning: hash:/etc/postfix/transport is unavailable. open database /etc/postfix/transport.db: No such file or directory", stamp(i*40)),
			fmt.Sprintf("%s mx postfix/trivial-rewrite[1401]: warning: hash:/etc/postfix/transport lookup error for \"u%d@partner.example\"", stamp(i*40), i),
			fmt.Sprintf("%s mx postfix/trivial-rewrite[1401]: warning: transport_maps lookup failure", stamp(i*40)),
			deferred(i))
	}
	var r sources.Record
	sources.NewParser().Parse(alone[0], &r)
	if r.Class != sources.ClassLookupFailure {
		t.Errorf("class %v, want lookup_failure", r.Class)
	}
	for name, lines := range map[string][]string{"alone": alone, "with the table's warnings": withTable} {
		ids := hintIDs(feed(lines...).Hints(true))
		if len(ids["unknown_refusals"]) != 0 {
			t.Errorf("%s: a local fault read as the destination's refusal: %+v", name, ids["unknown_refusals"])
		}
		lf := ids[sources.HintLookupFailure]
		if len(lf) != 1 || lf[0].Side != "host" {
			t.Fatalf("%s: want one lookup_failure hint of this host, got %+v", name, lf)
		}
		text := strings.Join(lf[0].Evidence, " | ") + " | " + strings.Join(lf[0].Actions, " | ")
		for _, want := range []string{"trivial-rewrite", "postmap", "postqueue -f"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the hint should say %s: %q", name, want, text)
			}
		}
		if strings.Contains(text, "postmaster") {
			t.Errorf("%s: no destination to ask: %q", name, text)
		}
	}
}
