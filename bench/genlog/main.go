// Command genlog writes a deterministic, realistic Postfix maillog for
// benchmarks: smtpd sessions with TLS and client= lines, cleanup, qmgr,
// smtp/lmtp deliveries over Zipf-distributed destinations with sent,
// deferred and bounced records and retries, removals, and an incident
// window in which chosen destinations answer 421 "too many connections"
// and get suspended, the master hits its process limit and anvil
// complains; plus background noise: connect timeouts, TLS failures, name
// service errors, greylisting, postscreen, SASL failures, statistics.
// The same flags and seed give the same bytes. RFC 3164 or RFC 3339.
//
//	go run ./bench/genlog -n 1000000 -seed 1 -o maillog-1M.log
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

type domain struct {
	name   string
	mx     []string
	ip     []string
	kind   string // ok, dead, tlsbad, greylist, nxdomain
	style  string // google, microsoft, yahoo, postfix, exim
	thrott bool   // answers 421 during the incident
}

type gen struct {
	r        *rand.Rand
	w        *bufio.Writer
	t        time.Time
	rfc3339  bool
	host     string
	lines    int
	max      int
	doms     []domain
	cum      []float64
	qid      uint32
	pid      int
	inc0     int // incident from line inc0 to inc1
	inc1     int
	lastSec  int64
	stampStr string
	deferred []pending
	// The master logs the process limit at most once per 1000 s, the
	// qmgr its clog warning once per 300 s.
	lastLimit, lastClog time.Time
}

type pending struct {
	q    string
	rcpt string
	dom  int
	t0   time.Time
}

var big = []struct{ name, style string }{
	{"gmail.com", "google"}, {"yahoo.com", "yahoo"}, {"outlook.com", "microsoft"}, {"hotmail.com", "microsoft"},
	{"icloud.com", "postfix"}, {"aol.com", "yahoo"}, {"gmx.de", "postfix"}, {"web.de", "postfix"},
	{"comcast.net", "postfix"}, {"orange.fr", "exim"}, {"free.fr", "postfix"}, {"yandex.ru", "postfix"},
}

var syl = []string{"ka", "lo", "mi", "ne", "ra", "to", "vi", "sa", "de", "po", "lu", "ge", "zo", "fa", "ri", "an", "el", "or"}
var tlds = []string{"com", "net", "org", "de", "fr", "co.uk", "nl", "it", "es", "ch", "ca", "com.br", "pl", "se"}

func (g *gen) ip() string {
	for {
		a := 2 + g.r.IntN(220)
		if a != 10 && a != 127 && a != 169 && a != 172 && a != 192 && a != 100 {
			return fmt.Sprintf("%d.%d.%d.%d", a, g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
		}
	}
}

func (g *gen) build(n int, incident []string, zipf float64) {
	seen := map[string]bool{}
	for _, b := range big {
		mx := []string{"mx1." + b.name, "mx2." + b.name}
		switch b.style {
		case "google":
			mx = []string{"gmail-smtp-in.l.google.com", "alt1.gmail-smtp-in.l.google.com"}
		case "microsoft":
			mx = []string{strings.ReplaceAll(b.name, ".", "-") + ".olc.protection.outlook.com"}
		case "yahoo":
			mx = []string{"mta5.am0.yahoodns.net", "mta6.am0.yahoodns.net"}
		}
		d := domain{name: b.name, mx: mx, kind: "ok", style: b.style}
		g.doms = append(g.doms, d)
		seen[b.name] = true
	}
	collisions := 0
	for len(g.doms) < n {
		var sb strings.Builder
		for i := 2 + g.r.IntN(2); i > 0; i-- {
			sb.WriteString(syl[g.r.IntN(len(syl))])
		}
		if collisions > 100 {
			// The syllable names are used up (some tens of thousands):
			// number the rest.
			sb.WriteString(strconv.Itoa(len(g.doms)))
		}
		name := sb.String() + "." + tlds[g.r.IntN(len(tlds))]
		if seen[name] {
			collisions++
			continue
		}
		collisions = 0
		seen[name] = true
		d := domain{name: name, mx: []string{"mx1." + name, "mx2." + name}, kind: "ok", style: "postfix"}
		if g.r.Float64() < 0.35 {
			d.style, d.mx = "exim", []string{"mail." + name}
		}
		switch x := g.r.Float64(); {
		case x < 0.006:
			d.kind = "dead"
		case x < 0.012:
			d.kind = "tlsbad"
		case x < 0.022:
			d.kind = "greylist"
		case x < 0.032:
			d.kind = "nxdomain"
		}
		g.doms = append(g.doms, d)
	}
	for i := range g.doms {
		for range g.doms[i].mx {
			g.doms[i].ip = append(g.doms[i].ip, g.ip())
		}
		for _, name := range incident {
			if g.doms[i].name == name {
				g.doms[i].thrott = true
			}
		}
	}
	tot := 0.0
	for k := 1; k <= len(g.doms); k++ {
		tot += 1 / math.Pow(float64(k), zipf)
		g.cum = append(g.cum, tot)
	}
}

func (g *gen) pick() int {
	x := g.r.Float64() * g.cum[len(g.cum)-1]
	return sort.SearchFloat64s(g.cum, x)
}

func (g *gen) stamp() string {
	if g.rfc3339 {
		return g.t.Format("2006-01-02T15:04:05.000000+00:00")
	}
	if s := g.t.Unix(); s != g.lastSec {
		g.lastSec = s
		g.stampStr = g.t.Format("Jan _2 15:04:05")
	}
	return g.stampStr
}

func (g *gen) emit(prog, msg string) {
	if g.lines >= g.max {
		return
	}
	g.lines++
	fmt.Fprintf(g.w, "%s %s postfix/%s[%d]: %s\n", g.stamp(), g.host, prog, 1000+g.pid%30000, msg)
}

func (g *gen) tick(mean float64) {
	g.t = g.t.Add(time.Duration(g.r.ExpFloat64() * mean * float64(time.Second)))
	g.pid = g.r.IntN(200)*97 + 3
}

func (g *gen) newQID() string {
	g.qid += 0x9E3779B1
	return fmt.Sprintf("%05X%05X", g.t.Nanosecond()/1000&0xFFFFF, g.qid>>12)
}

func (g *gen) incident() bool { return g.lines >= g.inc0 && g.lines < g.inc1 }

func (g *gen) client() (string, string) {
	if g.r.Float64() < 0.3 {
		return "unknown", g.ip()
	}
	return fmt.Sprintf("mail-%s%d.example.net", syl[g.r.IntN(len(syl))], g.r.IntN(90)), g.ip()
}

// inbound: a client session through postscreen and smtpd.
func (g *gen) inbound() {
	name, ip := g.client()
	port := 30000 + g.r.IntN(30000)
	g.emit("postscreen", fmt.Sprintf("CONNECT from [%s]:%d to [198.51.100.25]:25", ip, port))
	if g.r.Float64() < 0.05 {
		g.emit("postscreen", fmt.Sprintf("PREGREET 11 after 0.1 from [%s]:%d: EHLO x\\r\\n", ip, port))
		g.emit("postscreen", fmt.Sprintf("DISCONNECT [%s]:%d", ip, port))
		return
	}
	g.emit("postscreen", fmt.Sprintf("PASS OLD [%s]:%d", ip, port))
	g.emit("smtpd", fmt.Sprintf("connect from %s[%s]", name, ip))
	if g.r.Float64() < 0.6 {
		g.emit("smtpd", fmt.Sprintf("Anonymous TLS connection established from %s[%s]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", name, ip))
	}
	if g.incident() && g.r.Float64() < 0.1 {
		g.emit("smtpd", fmt.Sprintf("warning: Connection concurrency limit exceeded: 51 from %s[%s] for service smtp", name, ip))
		g.emit("smtpd", fmt.Sprintf("disconnect from %s[%s] commands=0/0", name, ip))
		return
	}
	q := g.newQID()
	g.emit("smtpd", fmt.Sprintf("%s: client=%s[%s]", q, name, ip))
	g.emit("cleanup", fmt.Sprintf("%s: message-id=<%08x.%d@%s>", q, g.r.Uint32(), g.r.IntN(1e6), "example.net"))
	g.emit("qmgr", fmt.Sprintf("%s: from=<bounce-%d@example.net>, size=%d, nrcpt=1 (queue active)", q, g.r.IntN(1e5), 2000+g.r.IntN(60000)))
	g.emit("smtpd", fmt.Sprintf("disconnect from %s[%s] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", name, ip))
	g.tick(0.05)
	g.emit("lmtp", fmt.Sprintf("%s: to=<user%d@ourcorp.example>, relay=mail.ourcorp.example[private/dovecot-lmtp], delay=0.3, delays=0.1/0.01/0.02/0.17, dsn=2.0.0, status=sent (250 2.0.0 <user> Saved)", q, g.r.IntN(400)))
	g.emit("qmgr", q+": removed")
}

// outbound: submission, cleanup, qmgr, one delivery attempt.
func (g *gen) outbound() {
	q := g.newQID()
	app := fmt.Sprintf("app%02d.ourcorp.example", 1+g.r.IntN(6))
	g.emit("submission/smtpd", fmt.Sprintf("connect from %s[10.20.0.%d]", app, 11+g.r.IntN(6)))
	g.emit("submission/smtpd", fmt.Sprintf("%s: client=%s[10.20.0.%d], sasl_method=PLAIN, sasl_username=newsletter@ourcorp.example", q, app, 11+g.r.IntN(6)))
	g.emit("cleanup", fmt.Sprintf("%s: message-id=<%d.%08X@news.ourcorp.example>", q, g.t.Unix(), g.r.Uint32()))
	g.emit("qmgr", fmt.Sprintf("%s: from=<newsletter@news.ourcorp.example>, size=%d, nrcpt=1 (queue active)", q, 5000+g.r.IntN(30000)))
	g.emit("submission/smtpd", fmt.Sprintf("disconnect from %s[10.20.0.%d] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8", app, 11+g.r.IntN(6)))
	di := g.pick()
	rcpt := fmt.Sprintf("%s%d@%s", syl[g.r.IntN(len(syl))], g.r.IntN(1e4), g.doms[di].name)
	g.tick(0.1)
	g.deliver(q, rcpt, di, g.t, false)
}

func (g *gen) deliver(q, rcpt string, di int, t0 time.Time, retry bool) {
	d := &g.doms[di]
	h := g.r.IntN(len(d.mx))
	mx, ip := d.mx[h], d.ip[h]
	delay := g.t.Sub(t0).Seconds() + 0.2 + g.r.Float64()
	status, dsn, reason := "sent", "2.0.0", fmt.Sprintf("250 2.0.0 OK %d - gsmtp", g.r.IntN(1e9))
	relay := fmt.Sprintf("%s[%s]:25", mx, ip)
	prog := "smtp"
	switch {
	case d.thrott && g.incident() && g.r.Float64() < 0.7:
		status, dsn = "deferred", "4.7.0"
		text := fmt.Sprintf("421 4.7.0 %s Error: too many connections from 198.51.100.25", mx)
		if d.style == "microsoft" {
			text = "421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel"
		}
		reason = fmt.Sprintf("host %s[%s] refused to talk to me: %s", mx, ip, text)
		if g.r.Float64() < 0.4 {
			prog, relay, reason = "error", "none", "delivery temporarily suspended: "+reason
		}
	case d.kind == "dead":
		status, dsn, relay = "deferred", "4.4.1", "none"
		reason = fmt.Sprintf("connect to %s[%s]:25: Connection timed out", mx, ip)
	case d.kind == "nxdomain":
		status, dsn, relay = "deferred", "4.4.3", "none"
		reason = fmt.Sprintf("Host or domain name not found. Name service error for name=%s type=MX: Host not found, try again", d.name)
	case d.kind == "tlsbad":
		status, dsn, reason = "deferred", "4.7.5", "Cannot start TLS: handshake failure"
	case d.kind == "greylist" && !retry:
		status, dsn = "deferred", "4.2.0"
		reason = fmt.Sprintf("host %s[%s] said: 450 4.2.0 <%s>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/%s.html (in reply to RCPT TO command)", mx, ip, rcpt, d.name)
	case d.style == "yahoo" && g.r.Float64() < 0.01:
		status, dsn = "deferred", "4.7.0"
		reason = fmt.Sprintf("host %s[%s] said: 421 4.7.0 [TSS04] Messages from 198.51.100.25 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)", mx, ip)
	case g.r.Float64() < 0.01:
		status, dsn = "bounced", "5.1.1"
		reason = fmt.Sprintf("host %s[%s] said: 550 5.1.1 <%s>: Recipient address rejected: User unknown (in reply to RCPT TO command)", mx, ip, rcpt)
	}
	if prog == "smtp" && status != "deferred" || g.r.Float64() < 0.5 {
		if relay != "none" && g.r.Float64() < 0.5 {
			g.emit("smtp", fmt.Sprintf("Trusted TLS connection established to %s: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", relay))
		}
	}
	conn := ""
	if status == "sent" && g.r.Float64() < 0.2 {
		conn = fmt.Sprintf(" conn_use=%d,", 2+g.r.IntN(5))
	}
	g.emit(prog, fmt.Sprintf("%s: to=<%s>, relay=%s,%s delay=%.1f, delays=%.2f/%.2f/%.2f/%.2f, dsn=%s, status=%s (%s)",
		q, rcpt, relay, conn, delay, delay*0.6, 0.01, delay*0.2, delay*0.2, dsn, status, reason))
	switch status {
	case "deferred":
		if len(g.deferred) < 50000 {
			g.deferred = append(g.deferred, pending{q, rcpt, di, t0})
		}
	case "bounced":
		bq := g.newQID()
		g.emit("cleanup", fmt.Sprintf("%s: message-id=<%s@ourcorp.example>", bq, bq))
		g.emit("bounce", fmt.Sprintf("%s: sender non-delivery notification: %s", q, bq))
		g.emit("qmgr", q+": removed")
	default:
		g.emit("qmgr", q+": removed")
	}
}

func (g *gen) retry() {
	if len(g.deferred) == 0 {
		return
	}
	i := g.r.IntN(len(g.deferred))
	p := g.deferred[i]
	g.deferred[i] = g.deferred[len(g.deferred)-1]
	g.deferred = g.deferred[:len(g.deferred)-1]
	g.deliver(p.q, p.rcpt, p.dom, p.t0, true)
}

func (g *gen) noise() {
	name, ip := g.client()
	switch x := g.r.IntN(10); {
	case x < 3:
		g.emit("submission/smtpd", fmt.Sprintf("warning: %s[%s]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", name, ip))
	case x < 5:
		g.emit("smtpd", fmt.Sprintf("warning: hostname %s does not resolve to address %s: Name or service not known", name, ip))
	case x < 7:
		g.emit("smtpd", fmt.Sprintf("lost connection after EHLO from %s[%s]", name, ip))
	case x < 8:
		g.emit("smtpd", fmt.Sprintf("NOQUEUE: reject: RCPT from %s[%s]: 554 5.7.1 <x@ourcorp.example>: Relay access denied; from=<a@b> to=<x@ourcorp.example> proto=ESMTP helo=<x>", name, ip))
	case x < 9:
		g.emit("anvil", fmt.Sprintf("statistics: max connection rate %d/60s for (smtp:%s) at %s", 2+g.r.IntN(30), ip, g.t.Format("Jan _2 15:04:05")))
	default:
		g.emit("scache", "statistics: start interval "+g.t.Format("Jan _2 15:04:05"))
	}
}

func (g *gen) incidentExtras() {
	switch g.r.IntN(40) {
	case 0:
		if g.t.Sub(g.lastLimit) >= 1000*time.Second {
			g.lastLimit = g.t
			g.emit("master", `warning: service "smtp" (25) has reached its process limit "100": new clients may experience noticeable delays`)
			g.emit("master", "warning: to avoid this condition, increase the process count in master.cf or reduce the service time per client")
		}
	case 1:
		name, ip := g.client()
		g.emit("postscreen", fmt.Sprintf("NOQUEUE: reject: CONNECT from [%s]:%d: too many connections", ip, 40000+g.r.IntN(20000)))
		_ = name
	case 2:
		if g.t.Sub(g.lastClog) >= 300*time.Second {
			g.lastClog = g.t
			g.emit("qmgr", "warning: mail for gmail.com is using up 4001 of 20000 active queue entries")
		}
	}
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
}

// run parses the flags and writes the log to out (or to -o).
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("genlog", flag.ContinueOnError)
	n := fs.Int("n", 100000, "lines to write")
	seed := fs.Uint64("seed", 1, "random seed")
	format := fs.String("format", "rfc3164", "timestamp format: rfc3164 or rfc3339")
	out := fs.String("o", "-", "output file (- for stdout)")
	domains := fs.Int("domains", 2000, "destination domains")
	incidentAt := fs.Float64("incident-at", 0.45, "the incident starts after this fraction of the lines")
	incidentLen := fs.Float64("incident-len", 0.1, "the incident lasts this fraction of the lines")
	incDomains := fs.String("incident-domains", "gmail.com,outlook.com", "destinations that answer 421 in the incident")
	rate := fs.Float64("rate", 60, "mean log lines per second")
	start := fs.String("start", "2026-11-28T04:00:00Z", "time of the first line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	t0, err := time.Parse(time.RFC3339, *start)
	if err != nil {
		return fmt.Errorf("-start: %w", err)
	}
	w := stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	g := &gen{r: rand.New(rand.NewPCG(*seed, *seed^0x5DEECE66D)), w: bufio.NewWriterSize(w, 1<<20), t: t0,
		rfc3339: *format == "rfc3339", host: "mx1", max: *n}
	g.inc0 = int(float64(*n) * *incidentAt)
	g.inc1 = g.inc0 + int(float64(*n)**incidentLen)
	g.build(*domains, strings.Split(*incDomains, ","), 1.1)
	g.emit("master", "daemon started -- version 3.7.11, configuration /etc/postfix")
	// Each scene writes about 6 lines: advance time to match the rate.
	mean := 6 / *rate
	for g.lines < g.max {
		g.tick(mean)
		switch x := g.r.Float64(); {
		case x < 0.42:
			g.outbound()
		case x < 0.50:
			g.retry()
		case x < 0.90:
			g.inbound()
		default:
			g.noise()
		}
		if g.incident() {
			g.incidentExtras()
		}
	}
	return g.w.Flush()
}
