package sources

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// benchLines loads a realistic mix generated with the same model as the
// project's log generator: smtpd sessions, cleanup, qmgr, deliveries over
// Zipf-distributed domains, an incident with 421 storms, postscreen, anvil.
func benchLines(b *testing.B) []string {
	b.Helper()
	f, err := os.Open("testdata/bench-mix.log.gz")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	// A real mail.log also carries other programs' lines.
	other := []string{
		"Nov 28 04:00:00 mx1 dovecot: imap-login: Login: user=<a@b>, method=PLAIN, rip=192.0.2.1",
		"Nov 28 04:00:00 mx1 amavis[2231]: (02231-01) Passed CLEAN {RelayedInbound}",
		"Nov 28 04:00:00 mx1 opendkim[812]: 7A1204CCFA7: DKIM-Signature field added (s=mail, d=example.com)",
	}
	out := make([]string, 0, len(lines)+len(lines)/10)
	for i, l := range lines {
		out = append(out, l)
		if i%10 == 0 {
			out = append(out, other[i%len(other)])
		}
	}
	return out
}

// BenchmarkParse measures lines per second over the mix; each iteration is
// one line. Lines are passed as []byte, as a reader hands them over.
func BenchmarkParse(b *testing.B) {
	lines := benchLines(b)
	raw := make([][]byte, len(lines))
	var total int64
	for i, l := range lines {
		raw[i] = []byte(l)
		total += int64(len(l) + 1)
	}
	p := NewParser()
	var r Record
	b.SetBytes(total / int64(len(lines)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.ParseBytes(raw[i%len(raw)], &r)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkParseChunks parses the mix as a replay's workers do: chunks of
// readerChunkLines lines into record slices that come back, once read,
// through a recycling channel as deep as the report's. The records are not
// in the cache then, as BenchmarkParse's one reused record is. Each
// iteration is one line.
func BenchmarkParseChunks(b *testing.B) {
	lines := benchLines(b)
	var chunks []chunk
	for len(lines) > 0 {
		n := min(readerChunkLines, len(lines))
		c := chunk{text: strings.Join(lines[:n], "\n")}
		end := 0
		for _, l := range lines[:n] {
			end += len(l)
			c.ends = append(c.ends, end)
			end++
		}
		chunks = append(chunks, c)
		lines = lines[n:]
	}
	recycle := make(chan []Record, 8)
	p := NewParser()
	events := 0
	b.ResetTimer()
	for n, k := 0, 0; n < b.N; k++ {
		c := chunks[k%len(chunks)]
		parseChunk(p, &c, time.Time{}, recycle)
		for i := range c.recs {
			events += int(c.recs[i].Event)
		}
		n += len(c.recs)
		select {
		case recycle <- c.recs:
		default:
		}
	}
	if events == 0 {
		b.Fatal("no events")
	}
}

func benchOne(b *testing.B, line string, want Event) {
	raw := []byte(line)
	p := NewParser()
	var r Record
	p.ParseBytes(raw, &r)
	if r.Event != want {
		b.Fatalf("event %v, want %v", r.Event, want)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.ParseBytes(raw, &r)
	}
}

func BenchmarkParseSkipped(b *testing.B) {
	benchOne(b, "Nov 28 04:00:00 mx1 dovecot: imap-login: Login: user=<a@b>, method=PLAIN, rip=192.0.2.1", EvOther)
}

func BenchmarkParseDeliveryDeferred(b *testing.B) {
	benchOne(b, "Nov 28 11:13:08 lab postfix/error[6336]: 615C4C0356: to=<15user@ratelimited.example>, relay=none, delay=0.27, delays=0.02/0.25/0/0, dsn=4.7.0, status=deferred (delivery temporarily suspended: host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.ratelimited.example Error: too many connections from 127.0.0.1)", EvDelivery)
}

func BenchmarkParseDeliverySent(b *testing.B) {
	benchOne(b, "Nov 28 11:13:08 lab postfix/smtp[6283]: 3F59BC026C: to=<2user@throttled.example>, relay=127.0.0.1[127.0.0.1]:2526, delay=0.13, delays=0.02/0.06/0.05/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 5A642C0347)", EvDelivery)
}

func BenchmarkClassify(b *testing.B) {
	reason := "host mta5.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if Classify(reason) != ClassBlocklist {
			b.Fatal("wrong class")
		}
	}
}

// BenchmarkParseHeader measures the part of a parse before the message: the
// timestamp and its cache, the host, the tag and its Postfix test. Each
// shape's message is one the message parser settles at once, or another
// program's, which it never sees. Lines are strings, as a replay's chunks
// hand them over, so the copy ParseBytes makes is not counted.
func BenchmarkParseHeader(b *testing.B) {
	run := func(b *testing.B, lines []string, want Event) {
		p := NewParser()
		var r Record
		for _, l := range lines {
			if p.Parse(l, &r); r.Event != want {
				b.Fatalf("%q: event %v, want %v", l, r.Event, want)
			}
		}
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			p.Parse(lines[i%len(lines)], &r)
		}
	}
	for _, c := range []lineShape{
		{"removed", "Nov 28 04:00:00 mx1 postfix/qmgr[4883]: 564F09E377: removed", EvRemoved},
		{"submission", "Nov 28 04:00:00 mx1 postfix/submission/smtpd[4883]: disconnect from app02.ourcorp.example[10.20.0.11]", EvDisconnect},
		{"other", "Nov 28 04:00:00 mx1 dovecot: imap-login: Login: user=<a@b>, method=PLAIN, rip=192.0.2.1", EvOther},
		{"rfc3339", "2026-11-28T04:00:00.123456+01:00 mx1 postfix/qmgr[4883]: 564F09E377: removed", EvRemoved},
	} {
		b.Run(c.name, func(b *testing.B) { run(b, []string{c.line}, c.want) })
	}
	// Each line a second later than the one before: the stamp cache misses.
	lines := make([]string, 60)
	for i := range lines {
		lines[i] = fmt.Sprintf("Nov 28 04:00:%02d mx1 postfix/qmgr[4883]: 564F09E377: removed", i)
	}
	b.Run("newstamp", func(b *testing.B) { run(b, lines, EvRemoved) })
}

// lineShape is a benchmark's line and the event it parses to, checked
// before timing so that a benchmark cannot time a wrong parse.
type lineShape struct {
	name, line string
	want       Event
}

// benchShapes are the common line shapes of a busy server.
var benchShapes = []lineShape{
	{"qmgr_from", "Nov 28 04:00:00 mx1 postfix/qmgr[4883]: 564F09E377: from=<newsletter@news.ourcorp.example>, size=17637, nrcpt=1 (queue active)", EvQmgr},
	{"qmgr_removed", "Nov 28 04:00:00 mx1 postfix/qmgr[13710]: 564F09E377: removed", EvRemoved},
	{"smtpd_connect", "Nov 28 04:00:00 mx1 postfix/submission/smtpd[4883]: connect from app02.ourcorp.example[10.20.0.15]", EvConnect},
	{"smtpd_client", "Nov 28 04:00:00 mx1 postfix/submission/smtpd[4883]: 564F09E377: client=app02.ourcorp.example[10.20.0.13], sasl_method=PLAIN, sasl_username=newsletter@ourcorp.example", EvClient},
	{"smtpd_disconnect", "Nov 28 04:00:00 mx1 postfix/submission/smtpd[4883]: disconnect from app02.ourcorp.example[10.20.0.11] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8", EvDisconnect},
	{"smtpd_tls", "Nov 28 04:00:00 mx1 postfix/smtpd[15553]: Anonymous TLS connection established from unknown[83.89.205.3]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", EvTLS},
	{"smtp_tls", "Nov 28 04:00:00 mx1 postfix/smtp[7502]: Trusted TLS connection established to mx2.zoelmi.it[151.59.84.82]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)", EvTLS},
	{"postscreen_connect", "Nov 28 04:00:00 mx1 postfix/postscreen[11867]: CONNECT from [143.45.4.18]:49807 to [198.51.100.25]:25", EvPostscreen},
	{"postscreen_pass", "Nov 28 04:00:00 mx1 postfix/postscreen[11867]: PASS OLD [143.45.4.18]:49807", EvPostscreen},
	{"cleanup_msgid", "Nov 28 04:00:00 mx1 postfix/cleanup[4883]: 564F09E377: message-id=<1795838400.B34318B0@news.ourcorp.example>", EvCleanup},
	{"smtp_sent", "Nov 28 04:00:00 mx1 postfix/smtp[13710]: 564F09E377: to=<el3728@yandex.ru>, relay=mx2.yandex.ru[7.202.1.243]:25, conn_use=5, delay=1.1, delays=0.65/0.01/0.22/0.22, dsn=2.0.0, status=sent (250 2.0.0 OK 740652542 - gsmtp)", EvDelivery},
	{"lmtp_sent", "Nov 28 04:00:00 mx1 postfix/lmtp[5756]: A0288DAA66: to=<user110@ourcorp.example>, relay=mail.ourcorp.example[private/dovecot-lmtp], delay=0.3, delays=0.1/0.01/0.02/0.17, dsn=2.0.0, status=sent (250 2.0.0 <user> Saved)", EvDelivery},
	{"smtp_deferred", "Nov 28 04:00:00 mx1 postfix/smtp[13710]: 564F09E377: to=<el3728@yandex.ru>, relay=mx2.yandex.ru[7.202.1.243]:25, delay=1.1, delays=0.65/0.01/0.22/0.22, dsn=4.7.0, status=deferred (host mx2.yandex.ru[7.202.1.243] said: 421 4.7.0 Try again later, closing connection. (in reply to end of DATA command))", EvDelivery},
}

// BenchmarkParseShape measures the common line shapes one by one, so a
// change to one daemon's parser shows in its own line.
func BenchmarkParseShape(b *testing.B) {
	for _, sh := range benchShapes {
		b.Run(sh.name, func(b *testing.B) { benchOne(b, sh.line, sh.want) })
	}
}

// messageOf returns the daemon and the text after "program[pid]: " of a
// Postfix line, as parseTagged hands them to parseMessage; ok is false
// for another program's line.
func messageOf(p *Parser, line string) (daemon, msg string, ok bool) {
	var r Record
	p.Parse(line, &r)
	if r.Daemon == "" || r.Event == EvOther || r.Event == EvInvalid {
		return "", "", false
	}
	i := strings.Index(line, r.Program) + len(r.Program)
	if i < len(line) && line[i] == '[' {
		i += strings.IndexByte(line[i:], ']') + 1
	}
	return r.Daemon, strings.TrimPrefix(line[i:], ": "), true
}

// BenchmarkParseMessage measures parseMessage alone, the part of parsing
// after the syslog header and tag, over the mix.
func BenchmarkParseMessage(b *testing.B) {
	type msg struct{ daemon, text string }
	var msgs []msg
	p := NewParser()
	for _, l := range benchLines(b) {
		if d, m, ok := messageOf(p, l); ok {
			msgs = append(msgs, msg{d, m})
		}
	}
	var r Record
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := &msgs[i%len(msgs)]
		r = Record{Daemon: m.daemon}
		parseMessage(m.text, &r)
	}
}

// BenchmarkParseMessageShape measures parseMessage alone on each common
// shape.
func BenchmarkParseMessageShape(b *testing.B) {
	p := NewParser()
	for _, sh := range benchShapes {
		b.Run(sh.name, func(b *testing.B) {
			daemon, text, ok := messageOf(p, sh.line)
			if !ok {
				b.Fatal("not a Postfix line")
			}
			var r Record
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r = Record{Daemon: daemon}
				parseMessage(text, &r)
			}
			if r.Event != sh.want {
				b.Fatalf("event %v, want %v", r.Event, sh.want)
			}
		})
	}
}
