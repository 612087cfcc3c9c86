package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// filteredMail is message i as an after-queue content filter
// (content_filter = smtp-amavis:[127.0.0.1]:10024) passes it on: handed
// to the filter, which queues it again through the smtpd on
// 127.0.0.1:10025, whose queue file the smtp client then delivers to
// example.net's MX with the given status and reply.
func filteredMail(i int, status, reply string) []string {
	return append(handOffLines(i), directMail(i, status, reply)...)
}

// handOffLines is the first half of filteredMail: the hand-off and the
// re-injection.
func handOffLines(i int) []string {
	return []string{
		fmt.Sprintf("%s mx postfix/smtp[%d]: 4B%08X: to=<u%d@example.net>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.4, delays=0.1/0/0/0.3, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 4C%08X)",
			stamp(i), 2000+i, i, i, i),
		fmt.Sprintf("%s mx postfix/10025/smtpd[%d]: 4C%08X: client=localhost[127.0.0.1]", stamp(i), 3000+i, i),
	}
}

// directMail is message i's delivery to example.net's MX, the filter's
// queue file or the mail itself where no filter runs.
func directMail(i int, status, reply string) []string {
	dsn := "2.0.0"
	if status == "deferred" {
		dsn = "4.7.0"
	}
	return []string{
		fmt.Sprintf("%s mx postfix/smtp[%d]: 4C%08X: to=<u%d@example.net>, relay=mx.example.net[198.51.100.10]:25, delay=1.2, delays=0.1/0/1/0.1, dsn=%s, status=%s (%s)",
			stamp(i), 4000+i, i, i, dsn, status, reply),
	}
}

// Handing a message to a content filter on this host delivers nothing to
// the recipient's domain: example.net's counts, its concurrency estimate
// and the hints on it are those of the same mail sent without the filter.
func TestFilterHandOffIsNoDelivery(t *testing.T) {
	var with, without []string
	for i := range 3 {
		status, reply := "sent", "250 2.0.0 Ok"
		if i == 2 {
			status, reply = "deferred", "host mx.example.net[198.51.100.10] refused to talk to me: 421 4.7.0 Too many connections from your IP, try again later"
		}
		with = append(with, filteredMail(i, status, reply)...)
		without = append(without, directMail(i, status, reply)...)
	}
	ef, ed := feed(with...), feed(without...)
	df, ok := ef.Dest.Lookup("example.net")
	if !ok {
		t.Fatal("no example.net")
	}
	dd, _ := ed.Dest.Lookup("example.net")
	if df.Sent != 2 || df.Deferred != 1 || df.Sent != dd.Sent {
		t.Errorf("example.net sent %d deferred %d, want 2 and 1", df.Sent, df.Deferred)
	}
	if a, b := df.Attempts.Sum(ef.Latest, WindowMinutes), dd.Attempts.Sum(ed.Latest, WindowMinutes); a != b {
		t.Errorf("example.net attempts %d, without the filter %d", a, b)
	}
	if df.PeakEstimate != dd.PeakEstimate || df.ConcAtRefusal != dd.ConcAtRefusal {
		t.Errorf("concurrency peak %d at refusal %d, without the filter %d and %d", df.PeakEstimate, df.ConcAtRefusal, dd.PeakEstimate, dd.ConcAtRefusal)
	}
	hf, hd := hintIDs(ef.Hints(true)), hintIDs(ed.Hints(true))
	if len(hd["destination_concurrency"]) != 1 {
		t.Fatalf("without the filter: %+v", hd)
	}
	if len(hf) != len(hd) || len(hf["destination_concurrency"]) != 1 {
		t.Fatalf("hints %+v, without the filter %+v", hf, hd)
	}
	a, b := hf["destination_concurrency"][0], hd["destination_concurrency"][0]
	if a.Severity != b.Severity || a.Title != b.Title || fmt.Sprint(a.Evidence) != fmt.Sprint(b.Evidence) {
		t.Errorf("hint %s %q %q, without the filter %s %q %q", a.Severity, a.Title, a.Evidence, b.Severity, b.Title, b.Evidence)
	}
}

// A filter that defers the mail still counts against the recipient's
// domain, where its trouble shows, and a mailbox server's LMTP socket is
// a final delivery: both are deliveries, not hand-offs.
func TestFilterDeferralAndLMTPStillCount(t *testing.T) {
	e := feed(
		stamp(1)+" mx postfix/smtp[5]: 4B0000A1: to=<a@example.net>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.2, delays=0/0/0/0.2, dsn=4.5.0, status=deferred (host 127.0.0.1[127.0.0.1] said: 451 4.5.0 Error in processing, id=01234-01, virus_scan FAILED (in reply to end of DATA command))",
		stamp(2)+" mx postfix/lmtp[6]: 4C0000A2: to=<b@example.org>, relay=mail.example.org[private/dovecot-lmtp], delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 <b@example.org> 8Lr2Gx1xYWXJAQAAjnJ0eQ Saved)",
	)
	if d, ok := e.Dest.Lookup("example.net"); !ok || d.Deferred != 1 || d.Attempts.Sum(e.Latest, WindowMinutes) != 1 {
		t.Errorf("filter deferral: %+v", d)
	}
	if d, ok := e.Dest.Lookup("example.org"); !ok || d.Sent != 1 || d.Attempts.Sum(e.Latest, WindowMinutes) != 1 {
		t.Errorf("LMTP delivery: %+v", d)
	}
	if e.LocalDeferred.Count != 1 {
		t.Errorf("LocalDeferred %d", e.LocalDeferred.Count)
	}
}

// plainHandOff is a delivery to this host's own smtpd at hop that queued
// the mail again, with Postfix's own reply (no filter's words in it).
func plainHandOff(i int, hop string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 4D%08X: to=<u%d@example.net>, relay=127.0.0.1[127.0.0.1]:%s, delay=0.4, delays=0.1/0/0/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4E%08X)",
		stamp(i), 2000+i, i, i, hop, i)
}

// With main.cf and master.cf read, a hand-off is to a hop a content_filter
// names (main.cf, or a master.cf service's -o): an smtpd on loopback that
// no content_filter names is the next hop of a transport (a relay reached
// through a tunnel, a test's stand-in for a remote server), and its
// deliveries count at the recipient's domain.
func TestFilterHandOffFollowsTheConfiguredFilters(t *testing.T) {
	master := "smtp inet n - y - - smtpd\n127.0.0.1:10025 inet n - n - - smtpd -o content_filter=\n"
	for _, c := range []struct {
		name, mainCf, master string
		hop                  string
		filtered             bool
	}{
		{"named in main.cf", "content_filter = smtp-amavis:[127.0.0.1]:10024\n", master, "10024", true},
		{"named by a -o", "", master + "submission inet n - y - - smtpd -o content_filter=scan:[127.0.0.1]:10026\n", "10026", true},
		{"named by none", "content_filter = smtp-amavis:[127.0.0.1]:10024\n", master, "2526", false},
		// Without the configuration only amavis's own reply says filter:
		// a relay reached through a tunnel on loopback answers as any
		// Postfix does.
		{"master.cf not read", "", "", "2526", false},
		{"configuration not read", "", "-", "11125", false},
		{"main.cf alone", "content_filter = smtp-amavis:[127.0.0.1]:10024\n", "", "10024", true},
		{"a filter named without its port", "content_filter = scan:[127.0.0.1]\n", master, "25", true},
	} {
		e := NewEngine(0)
		if c.master != "-" {
			params, _ := sources.ParseParams(strings.NewReader(c.mainCf))
			svcs, _ := sources.ParseMaster(strings.NewReader(c.master), 100)
			e.SetConfig(&sources.Config{Params: params, Explicit: params, Services: svcs})
		}
		feedInto(e, plainHandOff(1, c.hop))
		d, ok := e.Dest.Lookup("example.net")
		if got := !ok || d.Sent == 0; got != c.filtered {
			t.Errorf("%s: hop %s read as a hand-off: %v, want %v", c.name, c.hop, got, c.filtered)
		}
	}
}
