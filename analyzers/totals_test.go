package analyzers

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"mxtop/sources"
)

// synthLog writes a log with the message flows the totals must follow:
// smtpd and pickup submissions, multi-recipient messages over smtp, lmtp,
// local, virtual and pipe, deferrals retried until sent or bounced, queue
// ids reused after removal, alias forwards, and smtpd, postscreen and
// cleanup rejects. It returns the lines and the rejects it wrote by the
// reason pflogsumm would group them under. With pflogsummOnly it leaves
// out what pflogsumm counts otherwise (milter rejects in smtpd, reused
// queue ids) and bare local names, to compare the two tools.
func synthLog(n int, pflogsummOnly bool) ([]string, map[string]int) {
	rnd := rand.New(rand.NewPCG(11, 29))
	t := time.Date(2026, 11, 28, 21, 40, 0, 0, time.UTC)
	var out []string
	reasons := map[string]int{}
	emit := func(prog, format string, a ...any) {
		out = append(out, fmt.Sprintf("%s mx1 postfix/%s[%d]: %s", t.Format(time.Stamp), prog, 1000+rnd.IntN(9000), fmt.Sprintf(format, a...)))
	}
	ip := func() string {
		return fmt.Sprintf("%d.%d.%d.%d", 1+rnd.IntN(220), rnd.IntN(256), rnd.IntN(256), 1+rnd.IntN(254))
	}
	qn := 0
	var free []string // removed ids, reused now and then as Postfix does
	newQID := func() string {
		// pflogsumm never forgets an id, so it would count a reused
		// one's size and deferral once for two messages.
		if len(free) > 0 && rnd.IntN(10) == 0 && !pflogsummOnly {
			q := free[0]
			free = free[1:]
			return q
		}
		qn++
		return fmt.Sprintf("%X", 0x3A000000+qn*13)
	}
	type pending struct {
		qid   string
		rcpts []string
	}
	var queue []pending
	agents := []string{"smtp", "smtp", "smtp", "lmtp", "local", "virtual", "pipe"}
	domains := []string{"gmail.com", "example.org", "ourcorp.example", "big.example"}
	for i := 0; i < 400; i++ {
		domains = append(domains, fmt.Sprintf("d%d.example", i))
	}
	rcptOf := func() string {
		d := domains[min(rnd.IntN(len(domains)), rnd.IntN(len(domains)))]
		return fmt.Sprintf("u%d@%s", rnd.IntN(50), d)
	}
	deliver := func(q, rcpt string, final bool) (deferred bool) {
		agent := agents[rnd.IntN(len(agents))]
		relay := "mx." + rcpt[strings.IndexByte(rcpt, '@')+1:] + "[" + ip() + "]:25"
		switch agent {
		case "lmtp":
			relay = "mail.ourcorp.example[private/dovecot-lmtp]"
		case "local":
			relay = "local"
		case "virtual":
			relay = "virtual"
		case "pipe":
			relay = "spamfilter"
		}
		k := rnd.IntN(10)
		if final && k >= 7 {
			k = 0
		}
		switch {
		case k < 6:
			emit(agent, "%s: to=<%s>, relay=%s, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok)", q, rcpt, relay)
		case k < 7:
			emit(agent, "%s: to=<%s>, relay=%s, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host said: 550 5.1.1 <%s>: User unknown (in reply to RCPT TO command))", q, rcpt, relay, rcpt)
		default:
			emit(agent, "%s: to=<%s>, relay=%s, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to %s: Connection timed out)", q, rcpt, relay, relay)
			return true
		}
		return false
	}
	message := func(q string, rcpts []string) {
		var left []string
		for _, r := range rcpts {
			if deliver(q, r, false) {
				left = append(left, r)
			}
		}
		if len(left) > 0 {
			queue = append(queue, pending{q, left})
			return
		}
		emit("qmgr", "%s: removed", q)
		free = append(free, q)
	}
	rejects := []struct{ text, reason string }{
		{"554 5.7.1 <x%d@ourcorp.example>: Relay access denied", "Relay access denied"},
		{"550 5.1.1 <nobody%d@ourcorp.example>: Recipient address rejected: User unknown in local recipient table", "Recipient address rejected: User unknown in local recipient table"},
		{"554 5.7.1 Service unavailable; Client host [10.0.0.%d] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/10.0.0.1", "blocked using zen.spamhaus.org"},
		{"504 5.5.2 <host%d>: Helo command rejected: need fully-qualified hostname", "Helo command rejected: need fully-qualified hostname"},
		{"450 4.1.8 <a%d@nowhere.invalid>: Sender address rejected: Domain not found", "Sender address rejected: Domain not found"},
	}
	for len(out) < n {
		t = t.Add(time.Duration(rnd.IntN(3000)) * time.Millisecond)
		switch k := rnd.IntN(24); {
		case k < 9: // smtpd
			q, cip := newQID(), ip()
			emit("smtpd", "connect from mail.example.net[%s]", cip)
			emit("smtpd", "%s: client=mail.example.net[%s]", q, cip)
			emit("cleanup", "%s: message-id=<%d@example.net>", q, len(out))
			rcpts := []string{rcptOf()}
			for rnd.IntN(3) == 0 {
				rcpts = append(rcpts, rcptOf())
			}
			emit("qmgr", "%s: from=<s%d@example.net>, size=%d, nrcpt=%d (queue active)", q, rnd.IntN(99), 500+rnd.IntN(90000), len(rcpts))
			emit("smtpd", "disconnect from mail.example.net[%s] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", cip)
			message(q, rcpts)
		case k < 11: // pickup
			q := newQID()
			emit("pickup", "%s: uid=0 from=<root>", q)
			emit("cleanup", "%s: message-id=<%d@mx1>", q, len(out))
			emit("qmgr", "%s: from=<root@mx1.ourcorp.example>, size=%d, nrcpt=1 (queue active)", q, 300+rnd.IntN(5000))
			message(q, []string{rcptOf()})
		case k < 15: // a retry of a deferred message
			if len(queue) == 0 {
				continue
			}
			i := rnd.IntN(len(queue))
			p := queue[i]
			queue = append(queue[:i], queue[i+1:]...)
			var left []string
			for _, r := range p.rcpts {
				if deliver(p.qid, r, rnd.IntN(3) == 0) {
					left = append(left, r)
				}
			}
			if len(left) > 0 {
				queue = append(queue, pending{p.qid, left})
				continue
			}
			emit("qmgr", "%s: removed", p.qid)
			free = append(free, p.qid)
		case k < 20: // smtpd reject
			r := rejects[rnd.IntN(len(rejects))]
			cip := ip()
			emit("smtpd", "NOQUEUE: reject: RCPT from unknown[%s]: %s; from=<a@b.example> to=<c@ourcorp.example> proto=ESMTP helo=<x>", cip, fmt.Sprintf(r.text, rnd.IntN(9)))
			reasons[r.reason]++
		case k < 21: // postscreen
			if rnd.IntN(2) == 0 {
				emit("postscreen", "NOQUEUE: reject: CONNECT from [%s]:%d: too many connections", ip(), 1024+rnd.IntN(60000))
				reasons["too many connections"]++
			} else {
				cip := ip()
				emit("postscreen", "NOQUEUE: reject: RCPT from [%s]:%d: 550 5.7.1 Service unavailable; client [%s] blocked using bl.spamcop.net; from=<a@b>, to=<c@ourcorp.example>, proto=ESMTP, helo=<x>", cip, 1024+rnd.IntN(60000), cip)
				reasons["blocked using bl.spamcop.net"]++
			}
		case k < 22: // cleanup header reject: the message never reaches the queue
			q, cip := newQID(), ip()
			emit("smtpd", "%s: client=unknown[%s]", q, cip)
			emit("cleanup", "%s: reject: header Subject: win big from unknown[%s]; from=<s@spam.example> to=<u1@ourcorp.example> proto=ESMTP helo=<x>: 5.7.1 Spam is not welcome", q, cip)
			reasons["Spam is not welcome"]++
		case k < 23: // an alias expanded by local(8)
			q := newQID()
			emit("pickup", "%s: uid=0 from=<root>", q)
			emit("qmgr", "%s: from=<root@mx1.ourcorp.example>, size=%d, nrcpt=1 (queue active)", q, 700+rnd.IntN(900))
			q2 := newQID()
			emit("local", "%s: to=<postmaster@ourcorp.example>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as %s)", q, q2)
			emit("qmgr", "%s: removed", q)
			emit("qmgr", "%s: from=<root@mx1.ourcorp.example>, size=900, nrcpt=1 (queue active)", q2)
			message(q2, []string{"admin@example.org"})
		default:
			if pflogsummOnly {
				continue
			}
			q, cip := newQID(), ip()
			emit("smtpd", "%s: client=unknown[%s]", q, cip)
			emit("smtpd", "%s: milter-reject: END-OF-MESSAGE from unknown[%s]: 5.7.1 Spam message rejected; from=<s@spam.example> to=<u2@ourcorp.example> proto=ESMTP helo=<x>", q, cip)
			reasons["Spam message rejected"]++
			q = newQID()
			emit("pickup", "%s: uid=0 from=<root>", q)
			emit("qmgr", "%s: from=<root@mx1.ourcorp.example>, size=1200, nrcpt=1 (queue active)", q)
			emit("local", "%s: to=<root>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)", q)
			emit("qmgr", "%s: removed", q)
		}
	}
	return out, reasons
}

// logCounts is what a log holds, counted by plain string scanning,
// independently of the parser and the analyzers.
type logCounts struct {
	received, delivered, forwarded, deferredMsgs, deferrals, bounced, rejected int64
	bytesIn, bytesOut                                                          int64
	deliveryRecords                                                            int
	perHour                                                                    map[string]*[5]int // "Nov 28 21": received delivered deferred bounced rejected
}

func countLog(lines []string) logCounts {
	c := logCounts{perHour: map[string]*[5]int{}}
	size := map[string]int64{}
	received := map[string]bool{} // received, size not yet counted
	deferred := map[string]bool{}
	for _, l := range lines {
		end := strings.Index(l, "]: ")
		if end < 0 {
			continue
		}
		start := strings.LastIndexByte(l[:end], ' ')
		prog := l[start+1 : strings.LastIndexByte(l[:end], '[')]
		if !strings.HasPrefix(prog, "postfix") {
			continue
		}
		daemon := prog[strings.LastIndexByte(prog, '/')+1:]
		msg := l[end+3:]
		qid, rest, _ := strings.Cut(msg, ": ")
		hour := c.perHour[l[:9]]
		if hour == nil {
			hour = new([5]int)
			c.perHour[l[:9]] = hour
		}
		switch {
		case daemon == "smtpd" && qid != "NOQUEUE" && strings.HasPrefix(rest, "client="),
			daemon == "pickup" && (strings.HasPrefix(rest, "uid=") || strings.HasPrefix(rest, "sender=")):
			c.received++
			hour[0]++
			received[qid] = true
		case daemon == "qmgr" && strings.HasPrefix(rest, "from=<") && strings.Contains(rest, ", size="):
			if _, ok := size[qid]; ok {
				break
			}
			v := rest[strings.Index(rest, ", size=")+len(", size="):]
			n, _ := strconv.ParseInt(v[:strings.IndexByte(v, ',')], 10, 64)
			size[qid] = n
			if received[qid] {
				c.bytesIn += n
				delete(received, qid)
			}
		case daemon == "qmgr" && rest == "removed":
			delete(size, qid)
			delete(deferred, qid)
			delete(received, qid)
		case strings.HasPrefix(rest, "to=<") && strings.Contains(rest, " status=sent "):
			c.deliveryRecords++
			if strings.Contains(rest, "status=sent (forwarded as ") {
				c.forwarded++
				break
			}
			c.delivered++
			hour[1]++
			c.bytesOut += size[qid]
		case strings.HasPrefix(rest, "to=<") && strings.Contains(rest, " status=deferred "):
			c.deliveryRecords++
			c.deferrals++
			hour[2]++
			if !deferred[qid] {
				deferred[qid] = true
				c.deferredMsgs++
			}
		case strings.HasPrefix(rest, "to=<") && strings.Contains(rest, " status=bounced "):
			c.deliveryRecords++
			c.bounced++
			hour[3]++
		case strings.HasPrefix(rest, "reject: "), strings.HasPrefix(rest, "milter-reject: "), strings.HasPrefix(rest, "proxy-reject: "):
			c.rejected++
			hour[4]++
		}
	}
	return c
}

func checkTotals(t *testing.T, name string, rep *Report, want logCounts) {
	t.Helper()
	got := rep.Totals
	for _, c := range []struct {
		what      string
		got, want int64
	}{
		{"received", got.Received, want.received},
		{"delivered", got.Delivered, want.delivered},
		{"forwarded", got.Forwarded, want.forwarded},
		{"deferred messages", got.Deferred, want.deferredMsgs},
		{"deferrals", got.Deferrals, want.deferrals},
		{"bounced", got.Bounced, want.bounced},
		{"rejected", got.Rejected, want.rejected},
		{"bytes received", got.BytesReceived, want.bytesIn},
		{"bytes delivered", got.BytesDelivered, want.bytesOut},
	} {
		if c.got != c.want {
			t.Errorf("%s: %s %d, the log holds %d", name, c.what, c.got, c.want)
		}
	}
	n := 0
	for _, r := range rep.Rejects {
		n += r.Count
	}
	if int64(n) != got.Rejected {
		t.Errorf("%s: reject reasons sum to %d, rejected %d", name, n, got.Rejected)
	}
}

func checkDestinations(t *testing.T, name string, rep *Report, want logCounts) {
	t.Helper()
	rows := 0
	for _, d := range rep.Destinations {
		rows += d.Sent + d.Deferred + d.Bounced
	}
	o, tot := rep.DestSummary.Others, rep.DestSummary.Total
	if got := rows + o.Sent + o.Deferred + o.Bounced; got != want.deliveryRecords {
		t.Errorf("%s: rows %d + others %d = %d delivery records, the log holds %d", name, rows, o.Sent+o.Deferred+o.Bounced, got, want.deliveryRecords)
	}
	if tot.Sent+tot.Deferred+tot.Bounced != want.deliveryRecords {
		t.Errorf("%s: total row %+v, the log holds %d delivery records", name, tot, want.deliveryRecords)
	}
	if len(rep.Destinations)+o.Destinations != tot.Destinations {
		t.Errorf("%s: %d rows + %d others != %d destinations", name, len(rep.Destinations), o.Destinations, tot.Destinations)
	}
}

func checkHours(t *testing.T, name string, rep *Report, want logCounts) {
	t.Helper()
	got := map[string][5]int{}
	for _, h := range rep.Hourly {
		got[h.Start.Format("Jan _2 15")] = [5]int{h.Received, h.Delivered, h.Deferred, h.Bounced, h.Rejected}
	}
	for hour, w := range want.perHour {
		if *w != got[hour] {
			t.Errorf("%s: hour %s: received/delivered/deferred/bounced/rejected %v, the log holds %v", name, hour, got[hour], *w)
		}
	}
}

func reportOf(lines []string, maxDest int) *Report {
	e := NewEngine(maxDest)
	feedInto(e, lines...)
	rep := e.Report(ReportOptions{Whole: true, GeneratedAt: t0})
	return &rep
}

func TestTotalsMatchLog(t *testing.T) {
	lines, reasons := synthLog(60000, false)
	want := countLog(lines)
	if want.forwarded == 0 || want.deferredMsgs == want.deferrals || want.rejected == 0 || len(want.perHour) < 3 {
		t.Fatalf("the generated log misses a case: %+v", want)
	}
	rep := reportOf(lines, 0)
	checkTotals(t, "generated", rep, want)
	checkHours(t, "generated", rep, want)
	checkDestinations(t, "generated", rep, want)
	got := map[string]int{}
	for _, r := range rep.Rejects {
		got[r.Reason] = r.Count
	}
	for reason, n := range reasons {
		if got[reason] != n {
			t.Errorf("reject reason %q: %d, the log holds %d", reason, got[reason], n)
		}
	}
	if len(got) != len(reasons) {
		t.Errorf("reject reasons %v, the log holds %v", got, reasons)
	}
}

// TestTotalsMatchGenlog reads the benchmark's generated maillog.
func TestTotalsMatchGenlog(t *testing.T) {
	if testing.Short() {
		t.Skip("builds bench/genlog")
	}
	path := filepath.Join(t.TempDir(), "maillog")
	cmd := exec.Command("go", "run", "../bench/genlog", "-n", "60000", "-seed", "3", "-o", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genlog: %v\n%s", err, out)
	}
	lines := readLines(t, path)
	want := countLog(lines)
	rep := reportOf(lines, 0)
	checkTotals(t, "genlog", rep, want)
	checkHours(t, "genlog", rep, want)
	checkDestinations(t, "genlog", rep, want)
	// The lmtp destination carries most of the mail: it is listed.
	busiest, most := "", 0
	for _, d := range rep.Destinations {
		if d.Sent > most {
			busiest, most = d.Domain, d.Sent
		}
	}
	if busiest != "ourcorp.example" {
		t.Errorf("busiest listed destination %q (%d sent), want the lmtp one, ourcorp.example", busiest, most)
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// sharedCorpus finds the shared corpus of real log lines (read in place:
// some of it is copyleft), from the main checkout or a linked one.
func sharedCorpus(t *testing.T) string {
	for _, dir := range []string{"../../shared/corpus", "../../../shared/corpus"} {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	t.Skip("shared corpus not present")
	return ""
}

// TestTotalsMatchCorpus reads real logs in their order on disk.
func TestTotalsMatchCorpus(t *testing.T) {
	dir := sharedCorpus(t)
	for _, files := range [][]string{
		{"lightmeterio__ControlCenter/complete.tar.gz__logs_sample__mail.log.1", "lightmeterio__ControlCenter/complete.tar.gz__logs_sample__mail.log"},
		{"FgForrest__Postfix-Deliverability-Analytics/real__mail.log", "FgForrest__Postfix-Deliverability-Analytics/real__mail.log.1"},
		{"FgForrest__Postfix-Deliverability-Analytics/real__mail.log.2__lines75184-86983"},
		{"kumina__postfix_exporter/postfix_exporter_test.go__loglines.txt"},
		{"youyo__postfix-log-parser/test.log"},
		{"fail2ban__fail2ban/postfix"},
	} {
		var lines []string
		for _, f := range files {
			lines = append(lines, readLines(t, filepath.Join(dir, f))...)
		}
		want := countLog(lines)
		rep := reportOf(lines, 0)
		checkTotals(t, files[0], rep, want)
		checkDestinations(t, files[0], rep, want)
	}
}

// TestTotalsMatchPflogsumm holds the totals against pflogsumm's on the same
// log, where both count the same lines.
func TestTotalsMatchPflogsumm(t *testing.T) {
	if _, err := exec.LookPath("pflogsumm"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pflogsumm is not installed")
		}
		t.Skip("pflogsumm is not installed")
	}
	lines, _ := synthLog(30000, true)
	path := filepath.Join(t.TempDir(), "maillog")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pflogsumm", "--detail", "0", path).Output()
	if err != nil {
		t.Fatalf("pflogsumm: %v", err)
	}
	pf := map[string]int64{}
	unit := map[string]string{}
	total := regexp.MustCompile(`(?m)^\s+(\d+)([km ])\s+(received|delivered|forwarded|deferred|bounced|rejected|bytes received|bytes delivered)\b(?:\s+\((\d+)[km ]?\s*deferrals\))?`)
	for _, m := range total.FindAllStringSubmatch(string(out), -1) {
		pf[m[3]], _ = strconv.ParseInt(m[1], 10, 64)
		unit[m[3]] = m[2]
		if m[4] != "" {
			pf["deferrals"], _ = strconv.ParseInt(m[4], 10, 64)
		}
	}
	if len(pf) < 9 {
		t.Fatalf("pflogsumm's grand totals not read: %v\n%s", pf, out)
	}
	rep := reportOf(lines, 0)
	g := rep.Totals
	// pflogsumm prints large values in KiB or MiB, truncated.
	scaled := func(what string, v int64) int64 {
		switch unit[what] {
		case "k":
			return v / 1024
		case "m":
			return v / (1024 * 1024)
		}
		return v
	}
	for what, v := range map[string]int64{
		"received": g.Received, "delivered": g.Delivered, "forwarded": g.Forwarded, "deferred": g.Deferred,
		"deferrals": g.Deferrals, "bounced": g.Bounced, "rejected": g.Rejected,
		"bytes received": g.BytesReceived, "bytes delivered": g.BytesDelivered,
	} {
		if scaled(what, v) != pf[what] {
			t.Errorf("%s: mxtop %d, pflogsumm %d%s", what, v, pf[what], unit[what])
		}
	}
}

func TestRejectReason(t *testing.T) {
	for _, c := range []struct{ msg, want string }{
		{"reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 <x@ourcorp.example>: Relay access denied; from=<a@b> to=<x@ourcorp.example> proto=ESMTP helo=<x>", "Relay access denied"},
		{"reject: RCPT from unknown[192.0.2.1]: 550 5.1.1 <nobody@ourcorp.example>: Recipient address rejected: User unknown in virtual mailbox table; from=<a@b> to=<nobody@ourcorp.example> proto=ESMTP helo=<x>", "Recipient address rejected: User unknown in virtual mailbox table"},
		{"reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1; from=<a@b> to=<c@d> proto=ESMTP helo=<x>", "blocked using zen.spamhaus.org"},
		{"reject: RCPT from [192.0.2.1]:4711: 550 5.7.1 Service unavailable; client [192.0.2.1] blocked using b.barracudacentral.org; from=<a@b>, to=<c@d>, proto=ESMTP, helo=<x>", "blocked using b.barracudacentral.org"},
		{"reject: CONNECT from [2001:db8::1]:4711: too many connections", "too many connections"},
		{"reject: CONNECT from [192.0.2.1]:4711: all server ports busy", "all server ports busy"},
		{"reject: RCPT from unknown[192.0.2.1]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1]; from=<a@b> to=<c@d> proto=ESMTP helo=<x>", "Client host rejected: cannot find your reverse hostname"},
		{"reject: RCPT from x[192.0.2.1]: 550 5.1.1 <u@d>: Recipient address rejected: undeliverable address: host mx[192.0.2.9] said: 550 no such user; from=<a@b> to=<u@d> proto=ESMTP helo=<x>", "Recipient address rejected: undeliverable address"},
		{"reject: header Subject: buy now from x[192.0.2.1]; from=<a@b> to=<c@d> proto=ESMTP helo=<x>: 5.7.1 No spam here", "No spam here"},
		{"reject: body http://spam.example/ from x[192.0.2.1]; from=<a@b> to=<c@d> proto=ESMTP helo=<x>", "body check"},
		{"milter-reject: END-OF-MESSAGE from x[192.0.2.1]: 5.7.1 Virus found; from=<a@b> to=<c@d> proto=ESMTP helo=<x>", "Virus found"},
		{"proxy-reject: END-OF-MESSAGE: 554 5.7.0 Rejected by the content filter; from=<a@b> to=<c@d> proto=ESMTP helo=<x>", "Rejected by the content filter"},
		{"reject: RCPT from x[192.0.2.1]: 503 5.5.1 Error: need RCPT command", "Error: need RCPT command"},
		{"reject: DATA from x[192.0.2.1]:", "(no reason given)"},
	} {
		_, rest := rejectVerb(c.msg)
		if got := rejectReason(rest); got != c.want {
			t.Errorf("%q\n  grouped as %q, want %q", c.msg, got, c.want)
		}
	}
}

// TestTotalsMemoryBounded: messages deferred and never removed, reasons
// that never repeat and a log of many months stay within their caps.
func TestTotalsMemoryBounded(t *testing.T) {
	tot := NewTotals(1000)
	p := newParser()
	var r sources.Record
	const n = 20000
	for i := 0; i < n; i++ {
		ts := t0.Add(time.Duration(i) * 7 * time.Minute).Format(time.RFC3339)
		p.Parse(fmt.Sprintf("%s mx postfix/smtp[1]: %X: to=<u@d%d.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to d: Connection timed out)", ts, 0x100000+i, i), &r)
		tot.Feed(&r)
		if i%100 == 0 {
			// One message retried all along is never forgotten.
			p.Parse(fmt.Sprintf("%s mx postfix/smtp[1]: 9ABCDEF: to=<u@retry.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to d: Connection timed out)", ts), &r)
			tot.Feed(&r)
		}
		p.Parse(fmt.Sprintf("%s mx postfix/smtpd[2]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 550 5.7.1 <u@d>: Recipient address rejected: rule %d; from=<a@b> to=<u@d> proto=ESMTP helo=<x>", ts, i), &r)
		tot.Feed(&r)
	}
	if tot.msgs.len() > 1000 || len(tot.order.refs) > 2*1000+1024 {
		t.Errorf("%d messages kept (order %d), cap 1000", tot.msgs.len(), len(tot.order.refs))
	}
	if tot.MsgsForgotten != n+1-1000 || tot.DeferredMsgs != n+1 {
		t.Errorf("forgotten %d, deferred messages %d", tot.MsgsForgotten, tot.DeferredMsgs)
	}
	if len(tot.Rejects) > maxRejectReasons || tot.Rejects[OtherReason] != n-(maxRejectReasons-1) {
		t.Errorf("%d reasons, %d in %s", len(tot.Rejects), tot.Rejects[OtherReason], OtherReason)
	}
	if len(tot.Hours) != maxHours || !tot.Hours[len(tot.Hours)-1].Start.Equal(r.Time.Truncate(time.Hour)) {
		t.Errorf("%d hours kept, last %v", len(tot.Hours), tot.Hours[len(tot.Hours)-1].Start)
	}
}

// TestReportDestinationsBounded: with more domains than the engine tracks
// and than the report lists, every delivery is still in a row, the others
// or the total.
func TestReportDestinationsBounded(t *testing.T) {
	var lines []string
	for i := 0; i < 3000; i++ {
		status := "sent"
		if i%5 == 0 {
			status = "deferred"
		}
		lines = append(lines, deliv(i, fmt.Sprintf("d%d.example", i%700), status, "250 ok"))
	}
	lines = append(lines, repeat(400, func(i int) string { return deliv(3000+i, "big.example", "sent", "250 ok") })...)
	want := countLog(lines)
	// Tracking 300 domains one by one, the rest fold into "(other)".
	checkDestinations(t, "folded", reportOf(lines, 300), want)
	rep := reportOf(lines, 0)
	checkDestinations(t, "bounded", rep, want)
	if len(rep.Destinations) != 50 || rep.DestSummary.Others.Destinations != 701-50 {
		t.Errorf("%d rows, %d others, want 50 rows of 701 destinations", len(rep.Destinations), rep.DestSummary.Others.Destinations)
	}
	found := false
	for _, d := range rep.Destinations {
		found = found || d.Domain == "big.example" && d.Sent == 400
	}
	if !found {
		t.Error("the busiest destination, which never fails, is not listed")
	}
	var txt strings.Builder
	if err := rep.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt.String(), "\n(651 more)  ") || !strings.Contains(txt.String(), "\ntotal (701)  ") {
		t.Errorf("no (N more) or total row:\n%s", txt.String())
	}
}

// within says whether s's bytes lie inside line's: a map key that is a
// substring of a log line keeps the reader's whole chunk of lines alive.
func within(s, line string) bool {
	if len(s) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(line)))
	return p >= lo && p < lo+uintptr(len(line))
}

// TestMapKeysDoNotPinLines: assigning to an existing string key stores the
// new key, so a key read from a line must never be assigned again.
func TestMapKeysDoNotPinLines(t *testing.T) {
	e := NewEngine(0)
	p := newParser()
	var lines []string
	for i := 0; i < 4; i++ {
		// The same next hop serves a new domain each time, and the same
		// reject reason comes again.
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtp[1]: %X: to=<u@d%d.example>, relay=mx.shared.example[192.0.2.7]:25, delay=1, delays=0/0/1/0, dsn=2.0.0, status=sent (250 ok)", stamp(i), 0xABC00+i, i),
			fmt.Sprintf("%s mx postfix/smtpd[2]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 554 5.7.1 <u@d>: Relay access denied; from=<a@b> to=<u@d> proto=ESMTP helo=<x>", stamp(i)),
			// A long queue id (enable_long_queue_ids) is kept as a string.
			fmt.Sprintf("%s mx postfix/smtp[1]: 4Fb5xV%dz1J7y: to=<u@d.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to d: Connection timed out)", stamp(i), i))
	}
	for _, l := range lines {
		// A copy per line, as the log reader's chunks are.
		l = strings.Clone(l)
		var r sources.Record
		p.Parse(l, &r)
		e.Feed(&r)
		for ip := range e.Dest.ips {
			if within(ip, l) {
				t.Errorf("next-hop key %q points into the line", ip)
			}
		}
		for reason := range e.Totals.Rejects {
			if within(reason, l) {
				t.Errorf("reject reason key %q points into the line", reason)
			}
		}
		// A short id is kept as a number: only the others are strings.
		for qid, m := range e.Totals.msgs.str {
			if within(qid, l) || within(m.qid, l) {
				t.Errorf("queue id key %q points into the line", qid)
			}
		}
	}
	if len(e.Totals.msgs.str) != 4 {
		t.Errorf("%d long queue ids kept, want 4", len(e.Totals.msgs.str))
	}
}

// TestTotalsForgetsLeastRecentlyUsed: through rounds that fill the message
// table, drain it and fill it again, the messages kept are always the most
// recently received, sized or deferred ones, as a plain LRU list keeps them.
func TestTotalsForgetsLeastRecentlyUsed(t *testing.T) {
	const max = 64
	tot := NewTotals(max)
	rng := rand.New(rand.NewPCG(1, 2))
	var lru []string // least recently used first
	starts, stops := 0, 0
	touch := func(id string) {
		if i := slices.Index(lru, id); i >= 0 {
			lru = slices.Delete(lru, i, i+1)
		} else if len(lru) >= max {
			lru = lru[1:]
		}
		lru = append(lru, id)
	}
	for round := 0; round < 40; round++ {
		live := 20 + rng.IntN(200) // over max in some rounds, under half in others
		for i := 0; i < 400; i++ {
			id := fmt.Sprintf("%X", 0x100000+round*1000+rng.IntN(live))
			if n := rng.IntN(live); n%3 == 0 {
				// Long ids share the order of use with the short ones.
				id = fmt.Sprintf("4dX%dz%d", round, n)
			}
			r := sources.Record{QueueID: id, Time: t0}
			switch rng.IntN(4) {
			case 0:
				r.Event = sources.EvPickup
				touch(id)
			case 1:
				r.Event, r.Size = sources.EvQmgr, 100
				if m, _, ok := tot.msgs.get(keyOf(id)); !ok || !m.sized {
					touch(id)
				}
			case 2:
				r.Event, r.Status = sources.EvDelivery, sources.StatusDeferred
				touch(id)
			default:
				r.Event = sources.EvRemoved
				if i := slices.Index(lru, id); i >= 0 {
					lru = slices.Delete(lru, i, i+1)
				}
			}
			was := tot.order.on()
			tot.Feed(&r)
			if tot.order.on() != was {
				if was {
					stops++
				} else {
					starts++
				}
			}
			if tot.msgs.len() != len(lru) {
				t.Fatalf("round %d step %d: %d messages kept, want %d", round, i, tot.msgs.len(), len(lru))
			}
			for _, id := range lru {
				if _, _, ok := tot.msgs.get(keyOf(id)); !ok {
					t.Fatalf("round %d step %d: %s forgotten, want kept", round, i, id)
				}
			}
		}
		// Drain most of it now and then, so tracking stops and starts.
		if round%3 == 2 {
			for _, id := range lru[:len(lru)*3/4] {
				tot.Feed(&sources.Record{Event: sources.EvRemoved, QueueID: id})
			}
			lru = lru[len(lru)*3/4:]
		}
	}
	if starts < 2 || stops < 1 {
		t.Errorf("the order was built %d times and dropped %d times: the test missed a case", starts, stops)
	}
}

// Each time lands in the hour that holds it, to the nanosecond at the
// hour's edges, in whatever zone the time is read, and also when lines
// step back.
func TestTotalsHourHoldsTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	zone := time.FixedZone("x", -(3*3600 + 1800))
	tot := NewTotals(0)
	ts := t0.Add(-time.Nanosecond)
	for i := 0; i < 20000; i++ {
		switch rng.IntN(10) {
		case 0:
			ts = ts.Add(-time.Duration(rng.IntN(3)) * time.Hour) // out of order
		case 1:
			ts = ts.Truncate(time.Hour).Add(time.Hour - time.Duration(rng.IntN(2))) // an hour's last or first nanosecond
		default:
			ts = ts.Add(time.Duration(rng.Int64N(int64(20 * time.Minute))))
		}
		at := ts
		if i%2 == 1 {
			at = ts.In(zone)
		}
		h := tot.hour(at)
		if h == nil {
			if want := ts.Truncate(time.Hour); !want.Before(tot.Hours[0].Start) {
				t.Fatalf("%v: no hour, the table starts at %v", at, tot.Hours[0].Start)
			}
			continue
		}
		if want := ts.Truncate(time.Hour); !h.Start.Equal(want) {
			t.Fatalf("%v: in the hour of %v, want %v", at, h.Start, want)
		}
	}
}

// rejectVerb counts the lines that start with a reject or discard verb and
// a ": ", and no other.
func TestRejectVerb(t *testing.T) {
	for _, c := range []struct{ msg, verb, rest string }{
		{"reject: RCPT from x[192.0.2.1]: 554 5.7.1 no", "reject", "RCPT from x[192.0.2.1]: 554 5.7.1 no"},
		{"milter-reject: END-OF-MESSAGE from x: 5.7.1 Virus", "reject", "END-OF-MESSAGE from x: 5.7.1 Virus"},
		{"proxy-reject: END-OF-MESSAGE: 554 x", "reject", "END-OF-MESSAGE: 554 x"},
		{"discard: RCPT from x: y", "discard", "RCPT from x: y"},
		{"milter-discard: END-OF-MESSAGE", "discard", "END-OF-MESSAGE"},
		{"reject: ", "reject", ""},
		{"reject:", "", ""},
		{"reject:x: y", "", ""},
		{"Reject: x", "", ""},
		{"reject_warning: RCPT from x: y", "", ""},
		{"hold: header Subject: x", "", ""},
		{"CONNECT from [192.0.2.1]:4711 to [198.51.100.25]:25", "", ""},
		{"warning: reject: x", "", ""},
		{"", "", ""},
	} {
		if verb, rest := rejectVerb(c.msg); verb != c.verb || rest != c.rest {
			t.Errorf("%q: %q, %q; want %q, %q", c.msg, verb, rest, c.verb, c.rest)
		}
	}
}

// Queue ids map to distinct keys: a short id's number counts its leading
// zeros, and ids that are not short upper case hex keep their string.
func TestQueueIDKeysDistinct(t *testing.T) {
	ids := []string{"A", "0A", "00A", "0", "00", "1", "10", "F", "FFFFFFFFFFFFFFF", "0FFFFFFFFFFFFFF",
		"FFFFFFFFFFFFFFFF", "000000000000000", "0000000000000000", "3F2A01B9C", "3f2a01b9c",
		"4dVr3n1Zs9z2bcK", "NOQUEUE", "G", "AB CD", "ABCDEF0123456789"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		ids = append(ids, fmt.Sprintf("%0*X", 1+rng.IntN(15), rng.Uint64()>>rng.IntN(64)))
	}
	seen := map[msgKey]string{}
	for _, id := range ids {
		k := keyOf(id)
		if short := len(id) <= 15 && strings.Trim(id, "0123456789ABCDEF") == "" && id != ""; short != (k.str == "") || !short && k.str != id {
			t.Errorf("%q: key %+v", id, k)
		}
		if other, ok := seen[k]; ok && other != id {
			t.Errorf("%q and %q share key %+v", id, other, k)
		}
		seen[k] = id
	}
}

// Anvil's maxima are listed highest first, ties by service, client and
// kind.
func TestAnvilSortedOrder(t *testing.T) {
	in := NewInbound()
	for i, a := range []AnvilMax{
		{Service: "smtp", Client: "192.0.2.9", Kind: "connection count", Value: 3},
		{Service: "smtp", Client: "192.0.2.1", Kind: "connection rate", Value: 7},
		{Service: "submission", Client: "192.0.2.1", Kind: "connection count", Value: 3},
		{Service: "smtp", Client: "192.0.2.1", Kind: "connection count", Value: 3},
	} {
		in.Anvil[fmt.Sprint(i)] = &a
	}
	var got []string
	for _, a := range in.AnvilSorted() {
		got = append(got, fmt.Sprintf("%d %s %s %s", a.Value, a.Service, a.Client, a.Kind))
	}
	want := []string{
		"7 smtp 192.0.2.1 connection rate",
		"3 smtp 192.0.2.1 connection count",
		"3 smtp 192.0.2.9 connection count",
		"3 submission 192.0.2.1 connection count",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A server's reply pasted alone ("host X[addr] said: ...", the smtp
// client's reason without its record) counts as its delivery did: a 5xx
// reply a bounce, a 4xx one a deferral, as the same reply cut before
// "host X[addr] said: " counts.
func TestBareServerReplyCounts(t *testing.T) {
	e := feed("host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)",
		"550 5.1.1 <b@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)",
		"host mx.example.com[192.0.2.1] said: 450 4.2.0 <c@example.com>: Recipient address rejected: Greylisted (in reply to RCPT TO command)",
		"host mx.example.com[192.0.2.1] refused to talk to me: 554 5.7.1 Service unavailable")
	if e.Totals.Bounced != 2 || e.Totals.Deferrals != 1 {
		t.Errorf("bounced %d, deferrals %d; want 2, 1", e.Totals.Bounced, e.Totals.Deferrals)
	}
}
