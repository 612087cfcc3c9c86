package analyzers

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"mxtop/internal/golden"
	"mxtop/sources"
)

var t0 = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

func newParser() *sources.Parser {
	return &sources.Parser{Year: 2026, Loc: time.UTC}
}

// feed parses lines into a fresh engine.
func feed(lines ...string) *Engine {
	e := NewEngine(0)
	feedInto(e, lines...)
	return e
}

func feedInto(e *Engine, lines ...string) {
	p := newParser()
	for _, l := range lines {
		var r sources.Record
		p.Parse(l, &r)
		e.Feed(&r)
	}
}

func stamp(sec int) string { return t0.Add(time.Duration(sec) * time.Second).Format("Jan _2 15:04:05") }

func deliv(sec int, domain, status, reason string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: %06X%04X: to=<u%d@%s>, relay=mx.%s[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.0.0, status=%s (%s)",
		stamp(sec), 1000+sec%7, sec, sec, sec, domain, domain, 1+sec%200, status, reason)
}

// hopReply is the i-th delivery to domain through relay (host[ip]:port)
// that the next hop answered with reply, as the smtp client logs it
// with dsn and status.
func hopReply(i int, domain, relay, dsn, status, reply string) string {
	host := relay
	if j := strings.LastIndex(relay, "]:"); j >= 0 {
		host = relay[:j+1]
	}
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 7C%08X: to=<u%d@%s>, relay=%s, delay=2.1, delays=0.1/0/1/1, dsn=%s, status=%s (host %s said: %s)",
		stamp(i*20), 800+i, i, i, domain, relay, dsn, status, host, reply)
}

func repeat(n int, f func(i int) string) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, f(i))
	}
	return out
}

func hintIDs(hs []Hint) map[string][]Hint {
	m := map[string][]Hint{}
	for _, h := range hs {
		m[h.ID] = append(m[h.ID], h)
	}
	return m
}

// hintOf is the first hint of id that e gives, failing the test without one.
func hintOf(t *testing.T, e *Engine, id string) Hint {
	t.Helper()
	for _, h := range e.Hints(true) {
		if h.ID == id {
			return h
		}
	}
	t.Fatalf("no %s hint", id)
	return Hint{}
}

// deferralsHint feeds a new engine n deferrals to domain with reason and
// returns the hint id, failing when there is none.
func deferralsHint(t *testing.T, n int, domain, reason, id string) Hint {
	t.Helper()
	e := NewEngine(0)
	feedInto(e, repeat(n, func(i int) string { return deliv(i, domain, "deferred", reason) })...)
	return hintOf(t, e, id)
}

func labEngine(t testing.TB) *Engine {
	t.Helper()
	f, err := os.Open("../testdata/lab/postfix-lab.log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e := NewEngine(0)
	cfg, err := (&sources.ConfigReader{PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt"}).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	e.SetConfig(cfg)
	p := newParser()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r sources.Record
		p.Parse(sc.Text(), &r)
		e.Feed(&r)
	}
	qf, err := os.Open("../testdata/lab/postqueue-j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer qf.Close()
	q, err := sources.DecodeQueueJSON(qf, e.Now, "postqueue -j")
	if err != nil {
		t.Fatal(err)
	}
	e.SetQueue(&q)
	return e
}

func TestLabScenario(t *testing.T) {
	e := labEngine(t)
	hs := e.Hints(true)
	ids := hintIDs(hs)
	subjects := func(id string) string {
		var s []string
		for _, h := range ids[id] {
			s = append(s, h.Subject)
		}
		return strings.Join(s, ",")
	}
	for _, want := range []struct{ id, subject string }{
		{"destination_concurrency", "throttled.example"},
		{"destination_concurrency", "ratelimited.example"},
		{"inbound_limits", "smtp"},
		{"process_limit", "smtpd/pass"},
		{"tls", "tls.example"},
		{"greylisting", "greylist.example"},
	} {
		if !strings.Contains(subjects(want.id), want.subject) {
			t.Errorf("no %s hint for %s; got %q", want.id, want.subject, subjects(want.id))
		}
	}
	// The throttled destination's action names it and caps the transport
	// just below the concurrency at which it refused.
	for _, h := range ids["destination_concurrency"] {
		joined := strings.Join(h.Actions, "\n")
		if !strings.Contains(joined, h.Subject) || !strings.Contains(joined, "slow_destination_concurrency_limit = ") || !strings.HasSuffix(joined, "postfix reload") {
			t.Errorf("%s actions:\n%s", h.Subject, joined)
		}
		if h.Severity != SevCritical || len(h.Samples) == 0 || len(h.Samples) > 3 {
			t.Errorf("%s: severity %v samples %d", h.Subject, h.Severity, len(h.Samples))
		}
	}
	// Ranked: severity never rises down the list.
	for i := 1; i < len(hs); i++ {
		if hs[i].Severity > hs[i-1].Severity {
			t.Fatalf("hint %d (%s) outranks %d", i, hs[i].Severity, i-1)
		}
	}
	if hs[0].ID != "destination_concurrency" || hs[0].Subject != "ratelimited.example" {
		t.Errorf("first hint %s %s, want the busiest throttled destination", hs[0].ID, hs[0].Subject)
	}
	if !strings.Contains(subjects("process_limit"), "smtpd/pass") || len(ids["process_limit"]) != 1 {
		t.Errorf("process_limit hints: %q", subjects("process_limit"))
	}
	d, ok := e.Dest.Lookup("throttled.example")
	if !ok || d.Classes[sources.ClassConnLimit] != 22 || d.Sent != 76 || d.Transport != "smtp" {
		t.Fatalf("throttled.example %+v", d)
	}
}

func TestHealthyLogHasNoWarnings(t *testing.T) {
	var lines []string
	for i := 0; i < 600; i++ {
		dom := []string{"gmail.com", "example.org", "yahoo.com", "outlook.com"}[i%4]
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from c%d.example[198.51.100.%d]", stamp(i), 2000+i%9, i, i%250),
			deliv(i, dom, "sent", "250 2.0.0 Ok: queued as ABC"),
			fmt.Sprintf("%s mx postfix/smtpd[%d]: disconnect from c%d.example[198.51.100.%d] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", stamp(i), 2000+i%9, i, i%250),
		)
	}
	lines = append(lines, deliv(700, "example.org", "deferred", "host mx.example.org[192.0.2.1] said: 451 4.3.0 try later (in reply to RCPT TO command)"))
	e := feed(lines...)
	for _, h := range e.Hints(true) {
		if h.Severity > SevInfo {
			t.Errorf("healthy log fired %s %s: %s", h.Severity, h.ID, h.Title)
		}
	}
	for _, h := range e.Hints(false) {
		if h.Severity > SevInfo {
			t.Errorf("healthy log fired live %s %s", h.Severity, h.ID)
		}
	}
}

const tooMany = "host mx.big.example[192.0.2.9] refused to talk to me: 421 4.7.0 mx.big.example Error: too many connections from 203.0.113.5"

// Each rule fires on its fixture and stays quiet on a near miss.
func TestRulesFireAndNearlyFire(t *testing.T) {
	cfg := func(extra string) *sources.Config {
		params, _ := sources.ParseParams(strings.NewReader("smtp_tls_security_level = may\n" + extra))
		svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - 100 smtpd\nsmtp unix - - y - 4 smtp\n"), 100)
		return &sources.Config{Params: params, Explicit: params, Services: svcs}
	}
	machine := func(load float64, smtpProcs int) sources.MachineReading {
		return sources.MachineReading{CPUs: 2, Load1: load, MemTotal: 100, MemAvail: 50, MasterPID: 1, MasterFDs: 10, PostfixFDLimit: 1024,
			Services: map[string]int{"smtp/unix": smtpProcs}}
	}
	queue := func(deferred int) *sources.QueueSnapshot {
		return &sources.QueueSnapshot{Time: t0, Queues: map[string]sources.QueueCount{"deferred": {Messages: deferred}}}
	}
	cases := []struct {
		id        string
		fire      func() *Engine
		nearly    func() *Engine
		wantSev   Severity
		wantInAct string
	}{
		{"destination_concurrency",
			func() *Engine {
				return feed(repeat(3, func(i int) string { return deliv(i, "big.example", "deferred", tooMany) })...)
			},
			func() *Engine {
				return feed(deliv(1, "big.example", "deferred", tooMany))
			}, SevWarning, "big.example"},
		{"rate_delay",
			func() *Engine {
				return feed(repeat(3, func(i int) string {
					return deliv(i, "yahoo.com", "deferred", "host outlook-com.olc.protection.outlook.com[104.47.1.1] said: 451 4.7.500 Server busy. Please try again later from [192.0.2.10]. (AS843) (in reply to RCPT TO command)")
				})...)
			},
			func() *Engine {
				return feed(repeat(1, func(i int) string {
					return deliv(i, "yahoo.com", "deferred", "host outlook-com.olc.protection.outlook.com[104.47.1.1] said: 451 4.7.500 Server busy. Please try again later from [192.0.2.10]. (AS843) (in reply to RCPT TO command)")
				})...)
			}, SevWarning, "slowrate_destination_rate_delay = 1s"},
		{"tls",
			func() *Engine {
				return feed(repeat(3, func(i int) string { return deliv(i, "tls.example", "deferred", "Cannot start TLS: handshake failure") })...)
			},
			func() *Engine {
				return feed(deliv(1, "tls.example", "deferred", "Cannot start TLS: handshake failure"))
			},
			SevWarning, "openssl s_client"},
		{"dns",
			func() *Engine {
				return feed(repeat(3, func(i int) string {
					return deliv(i, fmt.Sprintf("nx%d.example", i), "deferred", "Host or domain name not found. Name service error for name=nx.example type=MX: Host not found, try again")
				})...)
			},
			func() *Engine {
				// One unknown domain, twice: a typo, not a broken resolver.
				return feed(repeat(2, func(i int) string {
					return deliv(i, "nx.example", "deferred", "Host or domain name not found. Name service error for name=nx.example type=MX: Host not found, try again")
				})...)
			}, SevWarning, "dig +short MX nx"},
		{"greylisting",
			func() *Engine {
				return feed(deliv(1, "grey.example", "deferred", "host mx said: 450 4.2.0 <a@grey.example>: Recipient address rejected: Greylisted (in reply to RCPT TO command)"))
			},
			func() *Engine {
				return feed(deliv(1, "grey.example", "deferred", "host mx said: 450 4.2.0 <a@grey.example>: try again later (in reply to RCPT TO command)"))
			}, SevInfo, "minimal_backoff_time"},
		{"reverse_dns",
			func() *Engine {
				return feed(deliv(1, "free.fr", "deferred", "host mx.free.fr[1.2.3.4] refused to talk to me: 421 Refused. Your reverse DNS entry does not resolve to an IP."))
			},
			func() *Engine {
				return feed(deliv(1, "free.fr", "deferred", "host mx.free.fr[1.2.3.4] refused to talk to me: 421 Refused."))
			},
			SevWarning, "smtp_helo_name"},
		{"firewall",
			func() *Engine {
				return feed(repeat(3, func(i int) string {
					return deliv(i, fmt.Sprintf("d%d.example", i), "deferred", "connect to mx[192.0.2.1]:25: Connection timed out")
				})...)
			},
			func() *Engine {
				return feed(repeat(4, func(i int) string {
					return deliv(i, fmt.Sprintf("d%d.example", i%2), "deferred", "connect to mx[192.0.2.1]:25: Connection timed out")
				})...)
			}, SevWarning, "port 25"},
		{"process_limit",
			func() *Engine {
				return feed(stamp(1) + ` mx postfix/master[1]: warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`)
			},
			func() *Engine {
				return feed(stamp(1) + " mx postfix/master[1]: warning: to avoid this condition, increase the process count in master.cf or reduce the service time per client")
			}, SevWarning, "postconf -F 'smtp/inet/process_limit = 200'"},
		{"inbound_limits",
			func() *Engine {
				return feed(repeat(3, func(i int) string {
					return stamp(i) + fmt.Sprintf(" mx postfix/smtpd[2201]: warning: Connection concurrency limit exceeded: 51 from mail.s%d.example[198.51.%d.7] for service smtp", i, 100+i)
				})...)
			},
			func() *Engine {
				return feed(repeat(2, func(i int) string {
					return stamp(i) + " mx postfix/smtpd[2201]: warning: Connection concurrency limit exceeded: 51 from unknown[198.51.100.7] for service smtp"
				})...)
			}, SevWarning, "smtpd_client_connection_count_limit"},
		{"queue_backlog",
			func() *Engine { e := feed(deliv(1, "a.example", "sent", "250 ok")); e.SetQueue(queue(1000)); return e },
			func() *Engine { e := feed(deliv(1, "a.example", "sent", "250 ok")); e.SetQueue(queue(999)); return e },
			SevWarning, "qshape"},
		{"connection_reuse",
			func() *Engine {
				e := feed(repeat(3, func(i int) string { return deliv(i, "big.example", "deferred", tooMany) })...)
				e.SetConfig(cfg(""))
				return e
			},
			func() *Engine {
				e := feed(repeat(3, func(i int) string { return deliv(i, "big.example", "deferred", tooMany) })...)
				e.SetConfig(cfg("smtp_tls_connection_reuse = yes\n"))
				return e
			}, SevInfo, "smtp_tls_connection_reuse = yes"},
		{"ulimit",
			func() *Engine {
				return feed(stamp(1) + " mx postfix/smtpd[1]: error: accept connection: Too many open files")
			},
			func() *Engine {
				return feed(stamp(1) + " mx postfix/smtpd[1]: error: accept connection: Connection reset by peer")
			},
			SevCritical, "LimitNOFILE"},
		{"system_load",
			func() *Engine { e := feed(); e.SetMachine(machine(3, 0)); return e },
			func() *Engine { e := feed(); e.SetMachine(machine(1.5, 0)); return e },
			SevWarning, "top"},
		{"lookup_table_connections",
			func() *Engine {
				e := feed(stamp(1) + " mx postfix/smtpd[411]: warning: connect to mysql server 127.0.0.1: Too many connections")
				e.SetConfig(cfg("virtual_mailbox_maps = mysql:/etc/postfix/mysql-mailboxes.cf\n"))
				return e
			},
			func() *Engine { return feed(stamp(1) + " mx postfix/smtpd[411]: warning: database is slow") },
			SevCritical, "virtual_mailbox_maps = proxy:mysql:/etc/postfix/mysql-mailboxes.cf"},
		{"upgrade_change",
			func() *Engine {
				lines := []string{stamp(0) + " mx postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix"}
				lines = append(lines, repeat(5, func(i int) string { return deliv(60+i, "a.example", "sent", "250 ok") })...)
				lines = append(lines, stamp(120)+" mx postfix/master[1]: reload -- version 3.8.6, configuration /etc/postfix")
				lines = append(lines, repeat(20, func(i int) string { return deliv(130+i, "big.example", "deferred", tooMany) })...)
				return feed(lines...)
			},
			func() *Engine {
				lines := []string{stamp(0) + " mx postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix"}
				lines = append(lines, repeat(5, func(i int) string { return deliv(60+i, "a.example", "sent", "250 ok") })...)
				lines = append(lines, stamp(120)+" mx postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix")
				return feed(lines...)
			}, SevWarning, "postconf -n"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			hs := hintIDs(c.fire().Hints(true))[c.id]
			if len(hs) == 0 {
				t.Fatalf("%s did not fire", c.id)
			}
			h := hs[0]
			if h.Severity != c.wantSev {
				t.Errorf("severity %v, want %v", h.Severity, c.wantSev)
			}
			if !strings.Contains(strings.Join(h.Actions, "\n"), c.wantInAct) {
				t.Errorf("actions lack %q:\n%s", c.wantInAct, strings.Join(h.Actions, "\n"))
			}
			if h.Title == "" || len(h.Evidence) == 0 || !strings.Contains(h.Title, ":") {
				t.Errorf("hint lacks title side or evidence: %+v", h)
			}
			if near := hintIDs(c.nearly().Hints(true))[c.id]; len(near) > 0 && near[0].Severity >= c.wantSev && c.id != "upgrade_change" {
				t.Errorf("near miss fired: %+v", near[0])
			} else if c.id == "upgrade_change" && len(near) > 0 {
				t.Errorf("restart without a version change fired: %+v", near[0])
			}
		})
	}
}

func TestHintsDoNotFlap(t *testing.T) {
	e := NewEngine(0)
	p := newParser()
	add := func(sec int) {
		var r sources.Record
		p.Parse(deliv(sec, "big.example", "deferred", tooMany), &r)
		e.Feed(&r)
	}
	// Three refusals fire the live hint; once two of them leave the
	// 15-minute window (one left) it stays; with none left it clears.
	add(0)
	add(10)
	add(20)
	if len(hintIDs(e.Hints(false))["destination_concurrency"]) != 1 {
		t.Fatal("did not fire at 3")
	}
	add(13 * 60)
	e.Now = t0.Add(16 * time.Minute)
	if got := len(hintIDs(e.Hints(false))["destination_concurrency"]); got != 1 {
		t.Fatalf("flapped off with one refusal left in the window (%d)", got)
	}
	// One refusal alone is evidence, but only for an info hint.
	e2 := NewEngine(0)
	var r sources.Record
	p.Parse(deliv(13*60, "big.example", "deferred", tooMany), &r)
	e2.Feed(&r)
	e2.Now = e.Now
	if hs := hintIDs(e2.Hints(false))["destination_concurrency"]; len(hs) != 1 || hs[0].Severity != SevInfo {
		t.Fatalf("one refusal: %+v, want one info hint", hs)
	}
	e.Now = t0.Add(40 * time.Minute)
	if len(hintIDs(e.Hints(false))["destination_concurrency"]) != 0 {
		t.Fatal("did not clear")
	}
}

func TestDestinationsFoldLeastRecent(t *testing.T) {
	e := NewEngine(3)
	var lines []string
	for i, d := range []string{"a.example", "b.example", "c.example", "a.example", "d.example", "e.example"} {
		lines = append(lines, deliv(i, d, "deferred", tooMany))
	}
	feedInto(e, lines...)
	if e.Dest.Len() != 3 || e.Dest.Evicted != 2 {
		t.Fatalf("len %d evicted %d", e.Dest.Len(), e.Dest.Evicted)
	}
	if _, ok := e.Dest.Lookup("a.example"); !ok {
		t.Fatal("recently active a.example was evicted")
	}
	if _, ok := e.Dest.Lookup("b.example"); ok {
		t.Fatal("least recent b.example kept")
	}
	o := e.Dest.Other()
	if o.Deferred != 2 || o.Classes[sources.ClassConnLimit] != 2 {
		t.Fatalf("(other) %+v", o)
	}
	top := e.Dest.Top(e.Now, 0, SortErrorRate)
	if top[len(top)-1].Domain != OtherDomain {
		t.Fatal("(other) not last")
	}
}

func TestUpgradeBeforeAfter(t *testing.T) {
	lines := []string{stamp(0) + " mx postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix"}
	lines = append(lines, repeat(10, func(i int) string { return deliv(10+i, "big.example", "sent", "250 ok") })...)
	lines = append(lines, stamp(600)+" mx postfix/master[1]: reload -- version 3.11.1, configuration /etc/postfix")
	lines = append(lines, stamp(601)+" mx postfix/smtp[1]: warning: using backwards-compatible default setting smtp_tls_security_level=(empty)")
	lines = append(lines, repeat(10, func(i int) string { return deliv(610+i, "big.example", "deferred", tooMany) })...)
	e := feed(lines...)
	if len(e.Versions) != 2 || e.ChangeFrom != "3.7.11" || e.ChangeTo != "3.11.1" {
		t.Fatalf("versions %+v", e.Versions)
	}
	ch := e.UpgradeChanges()
	if len(ch) == 0 || ch[0].Class != sources.ClassConnLimit || ch[0].Before != 0 || ch[0].After != 10 {
		t.Fatalf("changes %+v", ch)
	}
	dc := e.UpgradeDestChanges(5)
	if len(dc) != 1 || dc[0].RateBefore != 0 || dc[0].RateAfter != 1 {
		t.Fatalf("dest changes %+v", dc)
	}
	h := hintIDs(e.Hints(true))["upgrade_change"]
	if len(h) != 1 || !strings.Contains(strings.Join(h[0].Actions, "\n"), "smtp_tls_security_level = may") {
		t.Fatalf("upgrade hint %+v", h)
	}
}

// postfix(1)'s notice that compatibility_level is below this version's
// names no parameter: alone it still tells the admin old defaults are in
// force, and how to leave them without changing what the mail relies on.
func TestCompatibilityNoticeAlone(t *testing.T) {
	e := feed(stamp(0)+" mx postfix[9]: Postfix is using backwards-compatible default settings",
		stamp(0)+" mx postfix[9]: See https://www.postfix.org/COMPATIBILITY_README.html for details")
	h := hintOf(t, e, "upgrade_change")
	if h.Severity != SevInfo {
		t.Fatalf("severity %v, want info", h.Severity)
	}
	acts := strings.Join(h.Actions, "\n")
	if !strings.Contains(acts, "compatibility_level") || !strings.Contains(acts, "using backwards-compatible default setting") {
		t.Fatalf("actions %q", acts)
	}
	// A per-parameter warning alone keeps its own evidence and no notice.
	e = feed(stamp(0) + " mx postfix/master[1]: /etc/postfix/master.cf: line 12: using backwards-compatible default setting chroot=y")
	if h := hintOf(t, e, "upgrade_change"); strings.Contains(strings.Join(h.Evidence, "\n"), "notice") {
		t.Fatalf("evidence %q", h.Evidence)
	}
}

func TestConcurrencyFromSockets(t *testing.T) {
	e := feed(deliv(1, "big.example", "sent", "250 ok"))
	d, _ := e.Dest.Lookup("big.example")
	ip := d.Hops[0].IP
	e.SetMachine(sources.MachineReading{Outbound: map[string]int{ip: 7}, OutboundSynSent: map[string]int{ip: 2}})
	if got := e.SocketsByDomain()["big.example"]; got != 9 {
		t.Fatalf("sockets %d", got)
	}
	if e.PeakSockets["big.example"] != 9 {
		t.Fatalf("peak %d", e.PeakSockets["big.example"])
	}
}

func TestSanitize(t *testing.T) {
	in := "421 \x1b]0;pwned\x07 too \x1b[31mmany\x1b[0m \x9b2J \u202e gnp.exe \xff"
	out := Sanitize(in)
	for _, bad := range []string{"\x1b", "\x07", "\x9b", "\u202e", "\xff"} {
		if strings.Contains(out, bad) {
			t.Fatalf("%q survived in %q", bad, out)
		}
	}
	if !strings.Contains(out, "too") || !strings.Contains(out, "^[") {
		t.Fatalf("text lost: %q", out)
	}
	if Sanitize("plain text\n") != "plain text\n" {
		t.Fatal("clean text changed")
	}
}

func TestReportGolden(t *testing.T) {
	e := labEngine(t)
	rep := e.Report(ReportOptions{Whole: true, GeneratedAt: t0})
	var txt, md strings.Builder
	if err := rep.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/lab-report.txt", txt.String())
	golden.Check(t, "testdata/lab-report.md", md.String())
}

// The destination_concurrency title names where its concurrency figure
// comes from, the sockets or the log's estimate, as its evidence does.
func TestDestConcurrencyTitleNamesItsFigure(t *testing.T) {
	e := labEngine(t)
	title := func() string {
		for _, h := range e.Hints(true) {
			if h.ID == "destination_concurrency" && h.Subject == "ratelimited.example" {
				return h.Title
			}
		}
		t.Fatal("no destination_concurrency hint for ratelimited.example")
		return ""
	}
	if got := title(); !strings.Contains(got, "about 4 (log estimate, limit 20)") {
		t.Errorf("from the log: %s", got)
	}
	d, _ := e.Dest.Lookup("ratelimited.example")
	d.SocketsAtRefusal = 2
	if got := title(); !strings.Contains(got, "about 2 (sockets, limit 20)") {
		t.Errorf("from the sockets: %s", got)
	}
}

// inbound_limits reads which anvil limit refused whom. Many outside
// clients: raise that limit. One outside client hammering: the limit is
// working, so no raise and nothing for a to apply. The limit's value
// comes from the log when the configuration at hand cannot have refused.
func TestInboundLimitsByWhoIsRefused(t *testing.T) {
	refusal := func(i int, text, ip, svc string) string {
		return stamp(i) + " mx postfix/smtpd[2201]: warning: " + text + " from unknown[" + ip + "] for service " + svc
	}
	hint := func(e *Engine) Hint {
		t.Helper()
		return hintOf(t, e, "inbound_limits")
	}
	// One client over submission's message rate: the real limit is
	// smtpd_client_message_rate_limit, 333 where the log was written.
	e := NewEngine(0)
	feedInto(e, repeat(5, func(i int) string {
		return refusal(i, fmt.Sprintf("Message delivery request rate limit exceeded: %d", 334+i), "203.0.113.50", "submission")
	})...)
	h := hint(e)
	acts := strings.Join(h.Actions, "\n")
	if h.Severity != SevInfo || len(h.Changes) != 0 || strings.Contains(acts, "-P") || strings.Contains(acts, "smtpd_client_message_rate_limit =") {
		t.Errorf("one outside client: severity %v, changes %v, actions:\n%s", h.Severity, h.Changes, acts)
	}
	if !strings.Contains(h.Title, "smtpd_client_message_rate_limit ≤ 333") || !strings.Contains(h.Title, "203.0.113.50") ||
		!strings.Contains(acts, "the limit is working") || !strings.Contains(acts, "only if 203.0.113.50 is a sender you know") {
		t.Errorf("one outside client: title %q, actions:\n%s", h.Title, acts)
	}
	// Nothing is changed, so nothing is reloaded: the exemption is a
	// sentence, not a command.
	for _, a := range h.Steps {
		if a.Command && strings.HasPrefix(a.Text, "postfix reload") {
			t.Errorf("one outside client: a reload with nothing changed:\n%s", acts)
		}
	}
	// Many outside clients with names, of different networks, over the
	// connection rate: raise that limit, from the value the log shows
	// (the configuration says 0, no limit).
	e = NewEngine(0)
	params, _ := sources.ParseParams(strings.NewReader("smtpd_client_connection_rate_limit = 0\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	feedInto(e, repeat(6, func(i int) string {
		return strings.Replace(refusal(i, "Connection rate limit exceeded: 31", fmt.Sprintf("198.51.%d.9", 100+i), "smtp"), "unknown[", fmt.Sprintf("mx%d.sender.example[", i), 1)
	})...)
	h = hint(e)
	acts = strings.Join(h.Actions, "\n")
	if h.Severity != SevWarning || !strings.Contains(h.Title, "smtpd_client_connection_rate_limit ≤ 30") ||
		!strings.Contains(acts, "postconf -e 'smtpd_client_connection_rate_limit = 60'") || len(h.Changes) != 1 {
		t.Errorf("many outside clients: severity %v title %q changes %v actions:\n%s", h.Severity, h.Title, h.Changes, acts)
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "lowest count refused was 31") {
		t.Errorf("evidence does not say where the limit comes from:\n%s", ev)
	}
}

// Each class's hint quotes a reply of its own class: rate limiting
// followed by many "too many connections" refusals still shows the rate
// limit's reply and a line of it, not the refusals'.
func TestHintQuotesItsOwnClassReply(t *testing.T) {
	e := NewEngine(0)
	rate := "host in.rated.example[192.0.2.2] said: 450 4.7.1 Error: too much mail from 198.51.100.1 (in reply to MAIL FROM command)"
	lines := repeat(5, func(i int) string { return deliv(i, "rated.example", "deferred", rate) })
	lines = append(lines, repeat(10, func(i int) string { return deliv(10+i, "rated.example", "deferred", tooMany) })...)
	feedInto(e, lines...)
	rh := hintOf(t, e, "rate_delay")
	ev := strings.Join(rh.Evidence, "\n")
	if !strings.Contains(ev, "last reply: "+rate) || strings.Contains(ev, "too many connections") {
		t.Errorf("rate_delay evidence quotes another class:\n%s", ev)
	}
	if len(rh.Samples) == 0 || !strings.Contains(rh.Samples[0], "too much mail") {
		t.Errorf("rate_delay samples: %q", rh.Samples)
	}
}

// Timeouts to a few destinations while mail goes out to many others are
// those servers' trouble, not a firewall here: the hint says port 25
// works and does not send the admin to the firewall. Without deliveries
// elsewhere it still does.
func TestFirewallHintKnowsPort25Works(t *testing.T) {
	timeouts := repeat(6, func(i int) string {
		d := fmt.Sprintf("dead%d.example", i%3)
		return deliv(i, d, "deferred", fmt.Sprintf("connect to mx.%s[203.0.113.%d]:25: Connection timed out", d, 10+i%3))
	})
	sent := repeat(5, func(i int) string {
		return stamp(20+i) + fmt.Sprintf(" mx postfix/smtp[9]: 1A2B3C4D%02d: to=<u@ok%d.example>, relay=mx.ok%d.example[198.51.100.%d]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)", i, i, i, 20+i)
	})
	firewall := func(lines []string) Hint {
		t.Helper()
		e := NewEngine(0)
		feedInto(e, lines...)
		return hintOf(t, e, "firewall")
	}
	h := firewall(append(append([]string{}, timeouts...), sent...))
	acts := strings.Join(h.Actions, "\n")
	if h.Severity != SevInfo || strings.Contains(acts, "firewall") || !strings.Contains(strings.Join(h.Evidence, "\n"), "5 other destinations took mail") {
		t.Errorf("port 25 works: severity %v title %q actions:\n%s\nevidence: %q", h.Severity, h.Title, acts, h.Evidence)
	}
	h = firewall(timeouts)
	if h.Severity != SevWarning || !strings.Contains(strings.Join(h.Actions, "\n"), "firewall") {
		t.Errorf("nothing went out: severity %v actions %q", h.Severity, h.Actions)
	}
}

// Preferring IPv4 is suggested only when IPv6 servers are out of reach,
// not for "No route to host" at IPv4 addresses.
func TestIPv4PreferenceOnlyForIPv6Unreachable(t *testing.T) {
	actions := func(ip string) string {
		t.Helper()
		h := deferralsHint(t, 4, "far.example", "connect to mx.far.example["+ip+"]:25: Network is unreachable", "firewall")
		return strings.Join(h.Actions, "\n")
	}
	if a := actions("2001:db8::25"); !strings.Contains(a, "smtp_address_preference = ipv4") {
		t.Errorf("IPv6 unreachable: no IPv4 preference:\n%s", a)
	}
	if a := actions("203.0.113.25"); strings.Contains(a, "smtp_address_preference") {
		t.Errorf("IPv4 unreachable: IPv4 preference suggested:\n%s", a)
	}
}

// A receiver that limits the rate and says the mail is unwanted gets a
// rate_delay hint that says slowing down does not repair the reputation;
// a plain rate limit does not.
func TestRateDelayNamesReputation(t *testing.T) {
	caution := func(reply string) string {
		t.Helper()
		return strings.Join(deferralsHint(t, 3, "gmail.com", reply, "rate_delay").Cautions, "\n")
	}
	if c := caution("host mx.example.com[192.0.2.26] said: 421 4.7.0 Rate limit exceeded: too many spam complaints about mail from your IP (in reply to end of DATA command)"); !strings.Contains(c, "reputation") {
		t.Errorf("an unwanted-mail rate limit's cautions lack the reputation:\n%s", c)
	}
	if c := caution("host outlook-com.olc.protection.outlook.com[104.47.1.1] said: 451 4.7.500 Server busy. Please try again later from [192.0.2.10]. (AS843) (in reply to RCPT TO command)"); strings.Contains(c, "reputation") {
		t.Errorf("a plain rate limit speaks of reputation:\n%s", c)
	}
}

// A clog at a next hop on this host (a content filter such as amavis on
// 127.0.0.1:10024) is that service being slow or down: the hint says so
// and names where to look. Several clogs are listed in a stable order.
func TestClogAtALocalServiceNamesIt(t *testing.T) {
	e := NewEngine(0)
	feedInto(e,
		stamp(1)+" mx postfix/qmgr[5]: warning: mail for [127.0.0.1]:10024 is using up 4001 of 20000 active queue entries",
		stamp(2)+" mx postfix/qmgr[5]: warning: mail for gmail.com is using up 4001 of 20000 active queue entries",
		stamp(3)+" mx postfix/qmgr[5]: warning: mail for aol.com is using up 4001 of 20000 active queue entries",
	)
	var first []string
	for i := 0; i < 20; i++ {
		h := hintOf(t, e, "queue_backlog")
		if first == nil {
			first = h.Evidence
			acts := strings.Join(h.Actions, "\n")
			if !strings.Contains(acts, "[127.0.0.1]:10024 is a service on this host") {
				t.Errorf("the local next hop is not named:\n%s", acts)
			}
		} else if strings.Join(h.Evidence, "\n") != strings.Join(first, "\n") {
			t.Fatalf("evidence order changes between evaluations:\n%q\n%q", first, h.Evidence)
		}
	}
}

// Gmail's 4.7.28 ("an unusual rate of unsolicited mail originating from
// your IP address ... rate limited") is a spam verdict on the IP: the
// listing and reputation hint, never a rate delay or a lower concurrency,
// which would only hold the same mail back longer.
func TestUnsolicitedRateIsReputation(t *testing.T) {
	hs := hintIDs(feed(repeat(3, func(i int) string {
		return deliv(i, "gmail.com", "deferred", "host gmail-smtp-in.l.google.com[142.250.1.26] said: 421-4.7.28 [203.0.113.5 15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. (in reply to end of DATA command)")
	})...).Hints(true))
	if len(hs[sources.HintBlocklist]) != 1 || len(hs["rate_delay"])+len(hs["destination_concurrency"])+len(hs["connection_reuse"]) != 0 {
		t.Errorf("hints %+v", hs)
	}
}

// Characters that take no room and show nothing (zero-width space and
// joiners, the word joiner, the byte order mark, the soft hyphen, tag
// characters, and the rest of Unicode's default-ignorable ones: the
// combining grapheme joiner, variation selectors, Hangul fillers) and the
// line and paragraph separators are shown as U+FFFD, on the screen and in
// reports alike: a "gm\u200bail.com" or "gm\u034fail.com" must not read as
// gmail.com. Letters past ASCII and combining accents stay.
func TestSanitizeShowsInvisibleCharacters(t *testing.T) {
	for _, r := range []rune{0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x180e, 0xe0041,
		0x034f, 0xfe00, 0xfe0f, 0xe0100, 0xe01ef, 0x180b, 0x17b4, 0x3164, 0xffa0, 0x115f, 0x1160, 0xfff0, 0x2028, 0x2029} {
		in := "gm" + string(r) + "ail.com"
		if got := Sanitize(in); got != "gm\uFFFDail.com" {
			t.Errorf("U+%04X: %q", r, got)
		}
	}
	if got := Sanitize("bücher.example 例え.example 한국.example cafe\u0301.example"); got != "bücher.example 例え.example 한국.example cafe\u0301.example" {
		t.Errorf("letters changed: %q", got)
	}
}

// Counts taken from tables with a bound (destinations past
// --max-destinations fold into "(other)", failed hosts stop at 200) are
// said to be at least that many, not given as the number: 300 domains
// timing out must not read as 200 destinations and 10 in one breath.
func TestFirewallCountsSayWhenTheyAreBounded(t *testing.T) {
	e := NewEngine(10)
	for i := 0; i < 300; i++ {
		feedInto(e, fmt.Sprintf("%s mx postfix/smtp[1]: A%05X: to=<u@d%d.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx.d%d.example[192.0.2.1]:25: Connection timed out)", stamp(i%60), i, i, i))
	}
	h := hintOf(t, e, "firewall")
	if !strings.Contains(h.Title, "for at least 10 destinations (at least 200 hosts)") {
		t.Errorf("title %q", h.Title)
	}
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "300 failed connections to at least 10 destinations and at least 200 hosts") {
		t.Errorf("evidence %q", ev)
	}
	// Below the bounds the numbers are exact.
	e = NewEngine(0)
	for i := 0; i < 12; i++ {
		feedInto(e, fmt.Sprintf("%s mx postfix/smtp[1]: A%05X: to=<u@d%d.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx.d%d.example[192.0.2.1]:25: Connection timed out)", stamp(i), i, i, i))
	}
	if h := hintOf(t, e, "firewall"); !strings.Contains(h.Title, "for 12 destinations") || !strings.Contains(strings.Join(h.Evidence, "\n"), "12 failed connections to 12 destinations and 12 hosts") {
		t.Errorf("exact counts: %q %q", h.Title, h.Evidence)
	}
}

// A log without timestamps (lines pasted without their syslog header)
// has no span to make a rate of: the report gives the count alone, not a
// rate per minute it made up.
func TestNoRateWithoutTime(t *testing.T) {
	var dated, bare []string
	for i := 0; i < 30; i++ {
		line := fmt.Sprintf("postfix/smtp[1]: A%05X: to=<u@big.example>, relay=mx.big.example[192.0.2.1]:25, delay=1, delays=0/0/1/0, dsn=4.7.0, status=deferred (%s)", i, tooMany)
		bare = append(bare, line)
		dated = append(dated, stamp(i*10)+" mx "+line)
	}
	evidence := func(e *Engine) string {
		for _, h := range e.Hints(true) {
			if h.ID == "destination_concurrency" {
				return strings.Join(h.Evidence, "\n")
			}
		}
		t.Fatal("no destination_concurrency hint")
		return ""
	}
	if ev := evidence(feed(bare...)); strings.Contains(ev, "/min") || !strings.Contains(ev, "30 deliveries to big.example refused") {
		t.Errorf("without time: %q", ev)
	}
	if ev := evidence(feed(dated...)); !strings.Contains(ev, "(6.2/min)") {
		t.Errorf("with time: %q", ev)
	}
}

// "Host not found" without "try again" is the DNS saying the name does
// not exist: the resolver answered. Many such domains at once are
// mistyped or dead addresses (a web form), not a failing resolver, which
// says "try again".
func TestNonexistentDomainsAreNoResolverFailure(t *testing.T) {
	var lines []string
	for i := 0; i < 8; i++ {
		d := fmt.Sprintf("gmial%d.example", i)
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[1]: A%05X: to=<u@%s>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=%s type=A: Host not found)", stamp(i), i, d, d))
	}
	for i := 0; i < 12; i++ {
		lines = append(lines, deliv(20+i, fmt.Sprintf("ok%d.example", i), "sent", "250 2.0.0 OK"))
	}
	h := hintOf(t, feed(lines...), "dns")
	ev := strings.Join(h.Evidence, "\n")
	if h.Severity != SevInfo || strings.Contains(ev, "look at the resolver") || !strings.Contains(ev, "do not exist") {
		t.Errorf("%s: %q", h.Severity, ev)
	}
	if acts := strings.Join(h.Actions, "\n"); strings.Contains(acts, "resolv.conf") || !strings.Contains(acts, "correct the addresses") {
		t.Errorf("steps for domains that do not exist: %q", acts)
	}
	// "try again" at as many destinations is the resolver.
	lines = lines[:0]
	for i := 0; i < 8; i++ {
		d := fmt.Sprintf("real%d.example", i)
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[1]: A%05X: to=<u@%s>, relay=none, delay=0.1, delays=0/0/0.1/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=%s type=MX: Host not found, try again)", stamp(i), i, d, d))
	}
	for i := 0; i < 12; i++ {
		lines = append(lines, deliv(20+i, fmt.Sprintf("ok%d.example", i), "sent", "250 2.0.0 OK"))
	}
	if h := hintOf(t, feed(lines...), "dns"); h.Severity != SevWarning || !strings.Contains(strings.Join(h.Evidence, "\n"), "look at the resolver") {
		t.Errorf("try again: %s %q", h.Severity, h.Evidence)
	}
}

// On a log of the whole (a report), the inbound_limits hint's impact is
// its refusals a minute over the log's span, as every other hint's is:
// divided by the quarter of an hour, refusals packed in two minutes
// ranked below a trickle of outbound failures.
func TestInboundLimitsImpactOverTheLogsSpan(t *testing.T) {
	var lines []string
	for i := range 60 {
		lines = append(lines, stamp(2*i)+fmt.Sprintf(" mx postfix/smtpd[2201]: warning: Connection rate limit exceeded: 31 from unknown[198.51.100.%d] for service smtp", i))
	}
	h := hintOf(t, feed(lines...), "inbound_limits")
	// 60 refusals over 118 s: about 30 a minute, not 4.
	if h.Impact < 25 || h.Impact > 35 {
		t.Errorf("impact %.1f a minute, want about 30", h.Impact)
	}
}
