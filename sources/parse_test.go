package sources

import (
	"strings"
	"testing"
	"time"
)

func fixedParser() *Parser {
	return &Parser{
		Now: func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) },
		Loc: time.UTC,
	}
}

func parse(line string) Record {
	var r Record
	fixedParser().Parse(line, &r)
	return r
}

func TestTimestampFormats(t *testing.T) {
	cases := []struct {
		name, line, want, host, program string
	}{
		{"rfc3164 space pad", "Nov  5 10:57:03 mail postfix/smtp[12]: x", "2026-11-05T10:57:03Z", "mail", "postfix/smtp"},
		{"rfc3164 zero pad (maillog_file)", "Nov 05 11:08:52 lab postfix/master[1]: x", "2026-11-05T11:08:52Z", "lab", "postfix/master"},
		{"rfc3164 unpadded", "Mar 7 02:09:33 saturn postfix/smtpd[3]: x", "2026-03-07T02:09:33Z", "saturn", "postfix/smtpd"},
		{"rfc3164 last year", "Dec 31 23:59:59 h postfix/qmgr[1]: x", "2025-12-31T23:59:59Z", "h", "postfix/qmgr"},
		{"rfc3164 tomorrow is this year", "Nov 29 08:00:00 h postfix/qmgr[1]: x", "2026-11-29T08:00:00Z", "h", "postfix/qmgr"},
		{"rfc3339 micro offset", "2026-11-28T10:57:03.123456+02:00 mx postfix/smtp[9]: x", "2026-11-28T08:57:03.123456Z", "mx", "postfix/smtp"},
		{"rfc3339 Z no fraction", "2026-11-28T10:57:03Z mx postfix/smtp[9]: x", "2026-11-28T10:57:03Z", "mx", "postfix/smtp"},
		{"rfc3339 negative offset nanos", "2020-01-30T06:26:05.404714123-05:30 h postfix/smtpd[1]: x", "2020-01-30T11:56:05.404714123Z", "h", "postfix/smtpd"},
		{"rfc5424", "<22>1 2026-11-28T10:57:03.1Z host postfix/smtp 4242 - - x", "2026-11-28T10:57:03.1Z", "host", "postfix/smtp"},
		{"rfc5424 with SD", `<22>1 2026-11-28T10:57:03Z host postfix/qmgr 7 ID1 [a@1 k="v]"] x`, "2026-11-28T10:57:03Z", "host", "postfix/qmgr"},
		{"year prefix", "2013 Jun 10 15:38:18.123 gds39d postfix/smtp[24724]: x", "2013-06-10T15:38:18.123Z", "gds39d", "postfix/smtp"},
		{"journald", `{"__REALTIME_TIMESTAMP":"1764327423123456","_HOSTNAME":"mx1","SYSLOG_IDENTIFIER":"postfix/smtpd","SYSLOG_PID":"77","MESSAGE":"connect from a[192.0.2.1]"}`, "2025-11-28T10:57:03.123456Z", "mx1", "postfix/smtpd"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parse(c.line)
			if r.Event == EvInvalid {
				t.Fatalf("invalid: %s", r.Reason)
			}
			if got := r.Time.UTC().Format(time.RFC3339Nano); got != c.want {
				t.Errorf("time %s, want %s", got, c.want)
			}
			if r.Host != c.host || r.Program != c.program {
				t.Errorf("host %q program %q, want %q %q", r.Host, r.Program, c.host, c.program)
			}
		})
	}
}

func TestYearOverride(t *testing.T) {
	p := fixedParser()
	p.Year = 2019
	var r Record
	p.Parse("Dec 31 23:59:59 h postfix/qmgr[1]: x", &r)
	if r.Time.Year() != 2019 {
		t.Fatalf("year %d, want 2019", r.Time.Year())
	}
}

func TestTimestampCacheDoesNotLeak(t *testing.T) {
	p := fixedParser()
	var a, b Record
	p.Parse("Nov 28 10:00:00 h postfix/qmgr[1]: x", &a)
	p.Parse("Nov 28 10:00:01 h postfix/qmgr[1]: x", &b)
	if b.Time.Sub(a.Time) != time.Second {
		t.Fatalf("cached stamp reused: %v then %v", a.Time, b.Time)
	}
	p.Parse("Nov 28 10:00:01 h postfix/qmgr[1]: x", &a)
	if !a.Time.Equal(b.Time) {
		t.Fatalf("same stamp, different times: %v %v", a.Time, b.Time)
	}
}

// Lines parsed one after the other by one parser get the times each gets
// alone, whatever the stamps they follow: the stamp caches key on all that
// the time depends on (the second, the fraction, the zone, a year before an
// RFC 3164 stamp), and a line that breaks off after a cached stamp is as bad
// as on its own.
func TestTimestampCachesMatchFreshParse(t *testing.T) {
	lines := []string{
		"2026-11-28T04:00:00.123456+01:00 h postfix/qmgr[1]: x",
		"2026-11-28T04:00:00.5+01:00 h postfix/qmgr[1]: x",
		"2026-11-28T04:00:00+01:00 h postfix/qmgr[1]: x",
		"2026-11-28T04:00:00.7+02:00 h postfix/qmgr[1]: x",
		"2026-11-28T04:00:00+0100 h postfix/qmgr[1]: x",
		"2026-11-28T04:00:00+0200 h postfix/qmgr[1]: x",
		"2026-11-28T04:00:00.7Z h postfix/qmgr[1]: x",
		"2026-11-28T04:00:00.7Z",
		"2026-11-28T04:00:00.7Zh postfix/qmgr[1]: x",
		"2026-11-28T04:00:01.7Z h postfix/qmgr[1]: x",
		"2026-11-28 04:00:01 h postfix/qmgr[1]: x",
		"2026-11-28T04:00:01.25Z h postfix/qmgr[1]: x",
		"2026-11-28T04:00:01,5Z h postfix/qmgr[1]: x",
		"2026-11-28T04:00:01,Z h postfix/qmgr[1]: x",
		"2026-11-28T04:00:01,75Z h postfix/qmgr[1]: x",
		"Nov 28 04:00:00 h postfix/qmgr[1]: x",
		"Nov 28 04:00:00.25 h postfix/qmgr[1]: x",
		"Nov 28 04:00:00",
		"Nov 28 04:00:00x h postfix/qmgr[1]: x",
		"2013 Nov 28 04:00:00 h postfix/qmgr[1]: x",
		"Nov 28 04:00:00 h postfix/qmgr[1]: x",
		"Nov 28 04:00:01 h postfix/qmgr[1]: x",
		"ноя 28 04:00:01 h postfix/qmgr[1]: x",
		"ноя 28 04:00:01.5 h postfix/qmgr[1]: x",
		"ноя 28 04:00:02 h postfix/qmgr[1]: x",
		"Nov 28 04:00:02 h postfix/qmgr[1]: x",
		"févr. 01 04:00:00 h postfix/qmgr[1]: x",
		"févr. 01 04:00:00",
	}
	p := fixedParser()
	for _, l := range lines {
		var got, want Record
		p.Parse(l, &got)
		fixedParser().Parse(l, &want)
		if !got.Time.Equal(want.Time) || got.Time.Location() != want.Time.Location() || got.Event != want.Event || got.Reason != want.Reason || got.Host != want.Host {
			t.Errorf("%q after the lines before it: time %v event %v reason %q; alone: %v %v %q",
				l, got.Time, got.Event, got.Reason, want.Time, want.Event, want.Reason)
		}
	}
}

// A stamp in another locale's month is as long as 18 bytes ("дек  1
// 10:00:00", "févr. 01 10:00:00"): the stamp cache keeps it, so that a
// run of lines with one stamp is decoded once, as English ones are.
func TestLocalizedStampIsCached(t *testing.T) {
	for _, l := range []string{
		"дек  1 04:00:00 h postfix/qmgr[1]: x",
		"févr. 01 04:00:00 h postfix/qmgr[1]: x",
		"Dez 01 04:00:00 h postfix/qmgr[1]: x",
	} {
		p := fixedParser()
		var a, b Record
		p.Parse(l, &a)
		if a.Time.IsZero() || p.lastLen == 0 {
			t.Errorf("%q: time %v, cached stamp length %d", l, a.Time, p.lastLen)
			continue
		}
		p.Parse(l, &b)
		if !b.Time.Equal(a.Time) {
			t.Errorf("%q: %v then %v", l, a.Time, b.Time)
		}
	}
}

func TestJournalByteArrayMessage(t *testing.T) {
	// "connect from \xff[1.2.3.4]" is not UTF-8, so journald sends bytes.
	msg := "connect from \xff[192.0.2.9]"
	var nums []string
	for _, b := range []byte(msg) {
		nums = append(nums, itoa(int(b)))
	}
	line := `{"SYSLOG_IDENTIFIER":"postfix/smtpd","_PID":"5","MESSAGE":[` + strings.Join(nums, ",") + `]}`
	r := parse(line)
	if r.Event != EvConnect || r.ClientIP != "192.0.2.9" || r.PID != 5 {
		t.Fatalf("got event %v ip %q pid %d", r.Event, r.ClientIP, r.PID)
	}
	if !r.Time.IsZero() {
		t.Fatalf("no timestamp given, got %v", r.Time)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestTags(t *testing.T) {
	cases := []struct{ line, syslogName, daemon string }{
		{"Nov 28 10:00:00 h postfix/smtp[1]: x", "postfix", "smtp"},
		{"Nov 28 10:00:00 h postfix-out/smtp[1]: x", "postfix-out", "smtp"},
		{"Nov 28 10:00:00 h postfix/submission/smtpd[1]: x", "postfix/submission", "smtpd"},
		{"Nov 28 10:00:00 h postfix/relay/smtp[1]: x", "postfix/relay", "smtp"},
		{"Nov 28 10:00:00 h postfix-170.55.103.23/smtp[1]: x", "postfix-170.55.103.23", "smtp"},
		{"Nov 28 10:00:00 h mailout/qmgr[1]: x", "mailout", "qmgr"},
	}
	for _, c := range cases {
		r := parse(c.line)
		if r.SyslogName != c.syslogName || r.Daemon != c.daemon || !r.IsPostfix() {
			t.Errorf("%s: syslog_name %q daemon %q event %v", c.line, r.SyslogName, r.Daemon, r.Event)
		}
	}
	for _, line := range []string{
		"Nov 28 10:00:00 h dovecot: imap-login: Login: user=<a>",
		"Nov 28 10:00:00 h amavis[123]: (123-01) Passed CLEAN",
		"Nov 28 10:00:00 h opendkim[55]: 3F59BC026C: DKIM-Signature field added",
		"Nov 28 10:00:00 lab lab/up[6252]: === lab up ===",
	} {
		if r := parse(line); r.Event != EvOther {
			t.Errorf("%s: event %v, want other", line, r.Event)
		}
	}
}

func TestDelivery(t *testing.T) {
	r := parse("Nov 28 11:13:08 lab postfix/smtp[6296]: 40634C026D: to=<4user@throttled.example>, relay=127.0.0.1[127.0.0.1]:2526, delay=0.21, delays=0.01/0.17/0.03/0, dsn=4.7.0, status=deferred (host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.throttled.example Error: too many connections from 127.0.0.1)")
	want := Record{QueueID: "40634C026D", To: "4user@throttled.example", Domain: "throttled.example",
		Relay: "127.0.0.1[127.0.0.1]:2526", RelayHost: "127.0.0.1", RelayIP: "127.0.0.1", RelayPort: 2526,
		Delay: 0.21, Delays: [4]float64{0.01, 0.17, 0.03, 0}, DSN: "4.7.0", Status: StatusDeferred, Code: 421,
		Class: ClassConnLimit, Event: EvDelivery, PID: 6296}
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("queue id", r.QueueID, want.QueueID)
	check("to", r.To, want.To)
	check("domain", r.Domain, want.Domain)
	check("relay", r.Relay, want.Relay)
	check("relay host", r.RelayHost, want.RelayHost)
	check("relay ip", r.RelayIP, want.RelayIP)
	check("relay port", r.RelayPort, want.RelayPort)
	check("delay", r.Delay, want.Delay)
	check("delays", r.Delays, want.Delays)
	check("dsn", r.DSN, want.DSN)
	check("status", r.Status, want.Status)
	check("code", r.Code, want.Code)
	check("class", r.Class, want.Class)
	check("event", r.Event, want.Event)
	check("pid", r.PID, want.PID)
	check("suspended", r.Suspended, false)
	if !strings.HasPrefix(r.Reason, "host 127.0.0.1[127.0.0.1] refused to talk to me: 421") || strings.HasSuffix(r.Reason, ")") {
		t.Errorf("reason %q", r.Reason)
	}

	// Postfix 3.11 adds tls=; orig_to and conn_use are optional; long queue ids.
	r = parse("Nov 28 10:00:00 h postfix/smtp[1]: 4Xb2Kq1yQz: to=<b@x.example>, orig_to=<alias@y.example>, relay=mx.x.example[192.0.2.7]:25, conn_use=3, delay=1.5, delays=0.1/0/0.4/1, tls=TLSv1.3:TLS_AES_256_GCM_SHA384, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ABC)")
	check("long id", r.QueueID, "4Xb2Kq1yQz")
	check("orig_to", r.OrigTo, "alias@y.example")
	check("conn_use", r.ConnUse, 3)
	check("tls", r.TLS, "TLSv1.3:TLS_AES_256_GCM_SHA384")
	check("sent code", r.Code, 250)
	check("sent class", r.Class, ClassNone)

	r = parse("Nov 28 11:13:08 lab postfix/error[6336]: 615C4C0356: to=<15user@ratelimited.example>, relay=none, delay=0.27, delays=0.02/0.25/0/0, dsn=4.7.0, status=deferred (delivery temporarily suspended: host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.ratelimited.example Error: too many connections from 127.0.0.1)")
	check("suspended", r.Suspended, true)
	check("suspended class", r.Class, ClassConnLimit)
	check("relay none", r.Relay, "none")
	check("relay none ip", r.RelayIP, "")
	check("suspended code", r.Code, 421)

	// A record cut mid-line keeps what it read.
	r = parse("Nov 28 10:00:00 h postfix/smtp[1]: 40634C026D: to=<a@b.example>, relay=mx[192.0.2.1]:25, del")
	check("truncated event", r.Event, EvDelivery)
	check("truncated domain", r.Domain, "b.example")
	check("truncated status", r.Status, StatusNone)
}

func TestEvents(t *testing.T) {
	cases := []struct {
		line  string
		event Event
		check func(r Record) bool
	}{
		{"Nov 28 11:13:08 lab postfix/inject/smtpd[6273]: connect from localhost[127.0.0.1]", EvConnect,
			func(r Record) bool { return r.ClientName == "localhost" && r.ClientIP == "127.0.0.1" }},
		{"Nov 28 11:13:08 lab postfix/inject/smtpd[6273]: disconnect from localhost[127.0.0.1] helo=1 mail=1 rcpt=1 data=1 quit=1 commands=5", EvDisconnect,
			func(r Record) bool { return r.ClientIP == "127.0.0.1" && r.Commands == 5 }},
		{"Nov 28 11:13:08 lab postfix/qmgr[6231]: 3F59BC026C: from=<loadgen@lab.example.test>, size=474, nrcpt=1 (queue active)", EvQmgr,
			func(r Record) bool { return r.From == "loadgen@lab.example.test" && r.Size == 474 && r.Nrcpt == 1 }},
		{"Nov 28 11:13:08 lab postfix/qmgr[6231]: 3F59BC026C: removed", EvRemoved,
			func(r Record) bool { return r.QueueID == "3F59BC026C" }},
		{"Nov 28 11:13:08 h postfix/qmgr[1]: 3F59BC026C: from=<a@b>, status=expired, returned to sender", EvExpired,
			func(r Record) bool { return r.Status == StatusExpired }},
		{"Nov 28 11:13:08 h postfix/qmgr[1]: warning: mail for [127.0.0.1]:2526 is using up 4001 of 20000 active queue entries", EvClog,
			func(r Record) bool { return r.Domain == "[127.0.0.1]:2526" && r.Count == 4001 && r.Limit == 20000 }},
		{"Nov 28 11:13:08 lab postfix/master[6229]: daemon started -- version 3.7.11, configuration /etc/postfix", EvVersion,
			func(r Record) bool {
				return r.Version == "3.7.11" && r.ConfigDir == "/etc/postfix" && r.Class == ClassVersionStart
			}},
		{"Nov 28 11:13:08 h postfix/master[1]: reload -- version 3.8.6, configuration /etc/postfix", EvVersion,
			func(r Record) bool { return r.Version == "3.8.6" }},
		{"Nov 28 11:13:08 h postfix/smtpd[1]: using backwards-compatible default setting smtputf8_enable=no to accept non-ASCII", EvCompat,
			func(r Record) bool { return r.Param == "smtputf8_enable" }},
		{"Nov 28 11:13:08 h postfix/postfix-script[1]: warning: using backwards-compatible default setting smtp_tls_security_level=(empty)", EvCompat,
			func(r Record) bool { return r.Param == "smtp_tls_security_level" }},
		{`Nov 28 11:13:08 h postfix/smtpd[1]: using backwards-compatible default setting "smtpd_relay_restrictions = (empty)" to avoid "Relay access denied" error for recipient "u@example.net" from client "host.example.net[198.51.100.7]"`, EvCompat,
			func(r Record) bool { return r.Param == "smtpd_relay_restrictions" }},
		{"Nov 28 11:13:08 h postfix/postscreen[1]: using backwards-compatible default setting respectful_logging=no for client [203.0.113.9]:52144", EvCompat,
			func(r Record) bool {
				return r.Param == "respectful_logging" && r.SyslogName == "postfix" && r.Daemon == "postscreen"
			}},
		{"Nov 28 11:13:08 h postfix/relay/smtp[1]: using using backwards-compatible default setting smtp_tlsrpt_skip_reused_handshakes=yes", EvCompat,
			func(r Record) bool {
				return r.Param == "smtp_tlsrpt_skip_reused_handshakes" && r.SyslogName == "postfix/relay"
			}},
		{"Nov 28 11:14:08 lab postfix/anvil[6295]: statistics: max connection rate 37/60s for (127.0.0.1:2526:127.0.0.1) at Nov 28 11:13:48", EvAnvil,
			func(r Record) bool {
				return r.Param == "connection rate" && r.Count == 37 && r.RateWindow == 60 && r.Service == "127.0.0.1:2526" && r.ClientIP == "127.0.0.1"
			}},
		{"Nov 28 11:14:08 lab postfix/anvil[6295]: statistics: max connection count 4 for (smtp:2001:db8::1) at Nov 28 11:13:08", EvAnvil,
			func(r Record) bool {
				return r.Param == "connection count" && r.Count == 4 && r.Service == "smtp" && r.ClientIP == "2001:db8::1"
			}},
		{"Nov 28 11:14:08 lab postfix/anvil[6295]: statistics: max cache size 3 at Nov 28 11:13:08", EvAnvil,
			func(r Record) bool { return r.Param == "cache size" && r.Count == 3 }},
		{"Nov 28 11:13:12 lab postfix/master[6229]: warning: service \"smtpd\" (private/smtpd) has reached its process limit \"5\": new clients may experience noticeable delays", EvProcessLimit,
			func(r Record) bool {
				return r.Service == "smtpd" && r.Limit == 5 && r.Class == ClassProcessLimit && r.Severity == SevWarning
			}},
		{"Nov 28 11:13:12 lab postfix/postscreen[6443]: PASS NEW [127.0.0.1]:41824", EvPostscreen,
			func(r Record) bool { return r.ClientIP == "127.0.0.1" && r.Class == ClassNone }},
		{"Nov 28 11:13:09 lab postfix/postscreen[6443]: NOQUEUE: reject: CONNECT from [127.0.0.1]:41902: too many connections", EvPostscreen,
			func(r Record) bool { return r.ClientIP == "127.0.0.1" && r.Class == ClassInboundConnLimit }},
		{"Nov 28 11:13:14 lab postfix/postscreen[6443]: NOQUEUE: reject: CONNECT from [127.0.0.1]:51302: all server ports busy", EvPostscreen,
			func(r Record) bool { return r.Class == ClassPortsBusy }},
		{"Nov 28 11:13:14 h postfix/postscreen[1]: NOQUEUE: reject: RCPT from [192.0.2.1]:5: 550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org", EvPostscreen,
			func(r Record) bool { return r.Class == ClassNone }},
		{"Nov 28 11:13:08 lab postfix/tlsverify/smtp[6338]: Untrusted TLS connection established to 127.0.0.1[127.0.0.1]:2531: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)", EvTLS,
			func(r Record) bool { return r.RelayIP == "127.0.0.1" && r.Class == ClassNone }},
		{"Nov 28 11:13:08 h postfix/smtp[1]: Verified TLS connection reused to mx.x.example[192.0.2.7]:25: TLSv1.3 with cipher X (256/256 bits)", EvTLS,
			func(r Record) bool { return r.RelayIP == "192.0.2.7" }},
		{"Nov 28 11:13:08 h postfix/smtpd[1]: Anonymous TLS connection established from c.example[198.51.100.2]: TLSv1.3 with cipher X", EvTLS,
			func(r Record) bool { return r.ClientIP == "198.51.100.2" }},
		{"Nov 28 11:13:09 lab postfix/tlsproto/smtp[6355]: SSL_connect error to 127.0.0.1[127.0.0.1]:2531: -1", EvTLS,
			func(r Record) bool { return r.Class == ClassTLS }},
		{"Nov 28 11:13:08 lab postfix/slow/smtp[6323]: connect to 127.0.0.1[127.0.0.1]:2598: Connection refused", EvAttempt,
			func(r Record) bool {
				return r.RelayIP == "127.0.0.1" && r.RelayPort == 2598 && r.Class == ClassConnectRefused
			}},
		{"2013 Jun 10 15:38:18.123 gds39d postfix/smtp[24724]: 70DCDC2C143XXXX: host in.smtp.cz[81.95.97.102] said: 450 4.7.1 Error: too much mail from 81.95.98.2 (in reply to MAIL FROM command)", EvAttempt,
			func(r Record) bool {
				return r.QueueID == "70DCDC2C143XXXX" && r.RelayHost == "in.smtp.cz" && r.Code == 450 && r.Class == ClassRateLimit
			}},
		// The same verdict on a server that was not the last to try.
		{"Nov 28 11:13:08 h postfix/smtp[1]: 4EA26C026B: Server certificate not trusted", EvAttempt,
			func(r Record) bool { return r.QueueID == "4EA26C026B" && r.Class == ClassTLS }},
		{"Nov 28 11:13:08 mx postfix/sink-ratelimited/smtpd[6322]: warning: Connection rate limit exceeded: 4 from localhost[127.0.0.1] for service 127.0.0.1:2527", EvWarning,
			func(r Record) bool {
				return r.Class == ClassInboundRateLimit && r.Count == 4 && r.ClientIP == "127.0.0.1" && r.Service == "127.0.0.1:2527"
			}},
		{"Nov 28 11:13:08 h postfix/smtpd[2201]: warning: Connection concurrency limit exceeded: 51 from unknown[198.51.100.7] for service smtp", EvWarning,
			func(r Record) bool { return r.Class == ClassInboundConnLimit && r.Count == 51 && r.Service == "smtp" }},
		{"Nov 28 11:13:08 mx postfix/sink-greylist/smtpd[6335]: NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 450 4.2.0 <2user@greylist.example>: Recipient address rejected: Greylisted; from=<a@b> to=<c@d> proto=ESMTP helo=<x>", EvReject,
			func(r Record) bool { return r.ClientIP == "127.0.0.1" && r.Code == 450 && r.Class == ClassNone }},
		{"Nov 28 11:13:09 mx postfix/sink-tls/smtpd[6344]: lost connection after STARTTLS from localhost[127.0.0.1]", EvLostConn,
			func(r Record) bool { return r.ClientIP == "127.0.0.1" }},
		{"Nov 28 11:13:08 lab postfix/inject/smtpd[6272]: 3DA26C026B: client=localhost[127.0.0.1]", EvClient,
			func(r Record) bool { return r.QueueID == "3DA26C026B" && r.ClientIP == "127.0.0.1" && r.SASLUser == "" }},
		// A message submitted after a SASL login: smtpd logs the login
		// name, and (with smtpd_sasl_authenticated_header's sender) more
		// fields after it.
		{"Nov 28 11:13:08 mx postfix/submission/smtpd[6272]: 4DA26C026B: client=unknown[203.0.113.9], sasl_method=LOGIN, sasl_username=ann@example.net", EvClient,
			func(r Record) bool { return r.ClientIP == "203.0.113.9" && r.SASLUser == "ann@example.net" }},
		{"Nov 28 11:13:08 mx postfix/smtpd[6272]: 5DA26C026B: client=unknown[203.0.113.9], sasl_method=PLAIN, sasl_username=ann, sasl_sender=bob@example.net", EvClient,
			func(r Record) bool { return r.SASLUser == "ann" }},
		{"Nov 28 11:13:08 lab postfix/cleanup[6276]: 3DA26C026B: message-id=<187f.0003.001e@loadgen.lab.example.test>", EvCleanup, nil},
		{"Nov 28 11:14:11 lab postfix/postsuper[6707]: 7131FC0266: placed on hold", EvQueueAdmin, nil},
		{"Nov 28 11:13:08 h postfix/smtpd[411]: warning: connect to mysql server 127.0.0.1: Too many connections", EvWarning,
			func(r Record) bool { return r.Class == ClassTableConnLimit }},
		{"Nov 28 11:13:08 h postfix/smtp[1]: fatal: smtp_connect_addr: socket: Too many open files", EvWarning,
			func(r Record) bool { return r.Class == ClassFDLimit && r.Severity == SevFatal }},
		{"Nov 28 11:13:08 h postfix/smtpd[1]: error: accept connection: Too many open files", EvWarning,
			func(r Record) bool { return r.Class == ClassFDLimit && r.Severity == SevError }},
		{"Nov 28 11:13:08 h postfix/master[1]: panic: myfree: corrupt or unallocated memory block", EvWarning,
			func(r Record) bool { return r.Class == ClassOther && r.Severity == SevPanic }},
		{"Nov 28 11:13:08 h postfix/smtpd[1]: warning: hostname x.example does not resolve to address 192.0.2.1", EvWarning,
			func(r Record) bool { return r.Class == ClassOther }},
		{"Nov 28 11:13:09 lab postfix/tlsproto/smtp[6355]: warning: TLS library problem: error:0A00042E:SSL routines::tlsv1 alert protocol version", EvWarning,
			func(r Record) bool { return r.Class == ClassTLS }},
	}
	for _, c := range cases {
		r := parse(c.line)
		if r.Event != c.event {
			t.Errorf("%s\n  event %v, want %v", c.line, r.Event, c.event)
			continue
		}
		if c.check != nil && !c.check(r) {
			t.Errorf("%s\n  fields wrong: %+v", c.line, r)
		}
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		text string
		want Class
	}{
		{"host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.throttled.example Error: too many connections from 127.0.0.1", ClassConnLimit},
		// A 550 or 554 in place of the greeting that gives no reason,
		// only the server's name: a refusal of this client's address.
		{"host gw-3.example.se[192.0.2.106] refused to talk to me: 554 gw-3.example.se", ClassBlocklist},
		{"host gw-3.example.se[192.0.2.106] refused to talk to me: 554 5.7.1 gw-3.example.se", ClassBlocklist},
		{"host gw-3.example.se[192.0.2.106] refused to talk to me: 550", ClassBlocklist},
		{"delivery temporarily suspended: host gw-3.example.se[192.0.2.106] refused to talk to me: 554 gw-3.example.se", ClassBlocklist},
		{"host gw-3.example.se[192.0.2.106] refused to talk to me: 554 gw-3.example.se ESMTP not accepting messages", ClassOther},
		{"host gw-3.example.se[192.0.2.106] refused to talk to me: 521 gw-3.example.se", ClassOther},
		{"host gw-3.example.se[192.0.2.106] said: 554 gw-3.example.se (in reply to end of DATA command)", ClassOther},
		{"delivery temporarily suspended: host mx[1.2.3.4] refused to talk to me: 421 Too many concurrent SMTP connections; please try again later", ClassConnLimit},
		{"host mx.comcast.net[1.2.3.4] said: 421 - [Too many sessions opened] (in reply to end of DATA command)", ClassConnLimit},
		{"host x[1.2.3.4] said: 421 4.3.2 The maximum number of concurrent connections per resource forest has exceeded a limit, closing transmission channel (in reply to MAIL FROM command)", ClassConnLimit},
		{"host x said: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending", ClassConnLimit},
		// Microsoft's 4.7.652 counts this host's simultaneous connections
		// (its S3115), the limit a destination concurrency keeps under.
		{"host mx.example[192.0.2.7] said: 451 4.7.652 The mail server [198.51.100.3] has exceeded the maximum number of connections. (S3115) [AB1CDE.example.prod] (in reply to MAIL FROM command)", ClassConnLimit},
		{"host mx.example[192.0.2.7] said: 421 4.7.0 Sending host exceeded the maximum number of connections allowed", ClassConnLimit},
		// Receivers that answer in their own language: Orange's greeting
		// refusal, and the same words in German, Spanish, Italian,
		// Dutch, Portuguese, Polish and Russian.
		{"host smtp-in.orange.fr[193.252.22.10] refused to talk to me: 421 mwinf5c10 ME Trop de connexions, veuillez verifier votre configuration.", ClassConnLimit},
		{"host mx.example.de[192.0.2.8] refused to talk to me: 421 4.7.0 Zu viele Verbindungen von Ihrer IP-Adresse", ClassConnLimit},
		{"host mx.example.es[192.0.2.9] said: 421 4.7.0 Demasiadas conexiones desde su IP (in reply to MAIL FROM command)", ClassConnLimit},
		{"host mx.example.it[192.0.2.10] refused to talk to me: 421 Troppe connessioni simultanee dal tuo indirizzo", ClassConnLimit},
		{"host mx.example.nl[192.0.2.11] refused to talk to me: 421 Te veel verbindingen vanaf uw IP-adres", ClassConnLimit},
		{"host mx.example.com.br[192.0.2.12] refused to talk to me: 421 Muitas conexões simultâneas do seu IP", ClassConnLimit},
		{"host mx.example.pl[192.0.2.13] refused to talk to me: 421 Zbyt wiele połączeń z Twojego adresu IP", ClassConnLimit},
		{"host mx.example.ru[192.0.2.14] refused to talk to me: 421 4.7.0 Слишком много соединений с вашего IP", ClassConnLimit},
		{"host mx.example.ru[192.0.2.14] refused to talk to me: 421 4.7.0 Превышено число соединений: слишком много соединений", ClassConnLimit},
		{"alias database unavailable", ClassLookupFailure},
		{"host gmail-smtp-in.l.google.com[1.2.3.4] said: 421-4.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address (in reply to end of DATA command)", ClassBlocklist},
		{"host mta5.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1 (in reply to MAIL FROM command)", ClassBlocklist},
		// A rate limit the receiver says it sets for the sending IP's
		// reputation is a reputation verdict: slowing down does not lift it.
		{"host outlook[1.2.3.4] said: 451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.", ClassBlocklist},
		{"host mx.example[192.0.2.5] said: 421-4.7.0 [192.0.2.1] Our system has detected that this message is 421-4.7.0 suspicious due to the very low reputation of the sending IP address. 421-4.7.0 Mail sent from your IP address has been temporarily rate limited. (in reply to end of DATA command)", ClassBlocklist},
		// The sending domain's reputation is no listing of this host's
		// IP: the domain's authentication and its record with the
		// receiver (Gmail's Postmaster Tools) are what change it.
		{"host mx.example[192.0.2.5] said: 451 4.7.0 Temporarily rate limited: poor reputation of the sending domain", ClassSenderAuth},
		{"host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.1 [198.51.100.4      12] Our system has detected that this message is 550-5.7.1 likely suspicious due to the very low reputation of the sending 550-5.7.1 domain. To best protect our users from spam, the message has been 550-5.7.1 blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/answer/188131 a1si1.2 - gsmtp (in reply to end of DATA command)", ClassSenderAuth},
		{"host gmail-smtp-in.l.google.com[192.0.2.27] said: 421-4.7.0 [198.51.100.4] Our system has detected that this message is suspicious due to the very low reputation of the sending domain. (in reply to end of DATA command)", ClassSenderAuth},
		// Gmail's verdicts on the message itself: its content, not the
		// sending IP's listing.
		{"host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.1 [198.51.100.4      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError a1si1.2 - gsmtp (in reply to end of DATA command)", ClassContent},
		{"host gmail-smtp-in.l.google.com[192.0.2.27] said: 421-4.7.0 This message is suspicious due to the nature of the content or the 421-4.7.0 links within. To best protect our users from spam, the message has 421-4.7.0 been blocked. a1si1.2 - gsmtp (in reply to end of DATA command)", ClassContent},
		{"host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.1 [198.51.100.4] Our system has detected that this message is likely suspicious due to the content of the message. (in reply to end of DATA command)", ClassContent},
		// The IP's reputation stays the listing path.
		{"host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.7.1 [198.51.100.4      12] Our system has detected that this message is 550-5.7.1 likely suspicious due to the very low reputation of the sending IP 550-5.7.1 address. To best protect our users from spam, the message has been 550 5.7.1 blocked. a1si1.2 - gsmtp (in reply to end of DATA command)", ClassBlocklist},
		{"host mx.example[192.0.2.5] said: 450 4.7.1 Rate limit exceeded for this sender, try again later", ClassRateLimit},
		// A receiver whose own DNSBL lookups fail (Spamhaus answers its
		// public resolver with an error code, or refuses its volume)
		// refuses every client it checks: its fault, not a listing of
		// ours.
		{"host mx.example[192.0.2.5] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/198.51.100.53/ (in reply to RCPT TO command)", ClassRemoteFault},
		{"host mx.example[192.0.2.5] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; Error: excessive number of queries; https://check.spamhaus.org/returnc/vol/ (in reply to RCPT TO command)", ClassRemoteFault},
		// Receivers' own words and codes: GMX and web.de refuse for
		// the sending IP's reputation ("policy restrictions"); Free for
		// spam from the IP; Hotmail's OU-001 for a dynamic range;
		// Apple's CS01 for the sender's reputation; Yandex, QQ and
		// NetEase (163.com's DT:SPM) judge the content; QQ limits an
		// IP's frequency; NetEase's HL:ICC counts its connections.
		{"host mx00.emig.gmx.net[192.0.2.40] said: 554-gmx.net (mxgmx017) Nemesis ESMTP Service not available 554-No SMTP service 554-Reject due to policy restrictions. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0601 (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mx1.free.fr[192.0.2.41] said: 421 Too many spams from your IP (192.0.2.5), please visit http://postmaster.free.fr/ (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mx1.hotmail.com[192.0.2.42] said: 550 OU-001 (SNT004-MC1F43) Unfortunately, messages from 203.0.113.5 weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges. (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mx01.mail.icloud.com[192.0.2.43] said: 554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 (in reply to end of DATA command)", ClassBlocklist},
		{"host mx.yandex.ru[192.0.2.44] said: 554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1700000000-abcdEFGH (in reply to end of DATA command)", ClassContent},
		{"host mx1.qq.com[192.0.2.45] said: 550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726 (in reply to end of DATA command)", ClassContent},
		{"host mx3.qq.com[192.0.2.46] said: 451 Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722 (in reply to MAIL FROM command)", ClassRateLimit},
		{"host 163mx01.mxmail.netease.com[192.0.2.47] said: 554 DT:SPM 163 mx13,QMCowAB3gEBz8mZl_ABC--.12345S2 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5 (in reply to end of DATA command)", ClassContent},
		{"host 163mx02.mxmail.netease.com[192.0.2.48] said: 421 HL:ICC 163 mx15,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5 (in reply to MAIL FROM command)", ClassConnLimit},
		// Big providers' own codes. Outlook.com's RP-001 and RP-002 limit
		// the sending IP's rate (per hour and day, per connection), RP-003
		// its connections; S3140 and S3150 put its network on their block
		// list.
		{"host mx3.hotmail.com[192.0.2.50] said: 421 RP-001 (BAY004-MC1F23) Unfortunately, some messages from 203.0.113.9 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day. (in reply to MAIL FROM command)", ClassRateLimit},
		{"host mx1.hotmail.com[192.0.2.51] said: 421 RP-002 (BAY004-MC1F23) The mail server IP connecting to Outlook.com server has exceeded the rate limit allowed on this connection. (in reply to MAIL FROM command)", ClassRateLimit},
		{"host mx1.hotmail.com[192.0.2.52] refused to talk to me: 421 RP-003 (BAY004-MC1F23) The mail server IP connecting to Outlook.com server has exceeded the connection limit allowed.", ClassConnLimit},
		{"host mx1.hotmail.com[192.0.2.52] refused to talk to me: 421 RP-003 (BAY004-MC1F23) Unfortunately, some messages from 203.0.113.9 weren't sent. Please try again later.", ClassConnLimit},
		{"host hotmail-com.olc.protection.outlook.com[192.0.2.54] said: 550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. (in reply to MAIL FROM command)", ClassBlocklist},
		{"host hotmail-com.olc.protection.outlook.com[192.0.2.54] said: 550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact your Internet service provider since part of their network is on our list (S3150). (in reply to MAIL FROM command)", ClassBlocklist},
		// Yahoo's TSS codes past TSS09 ("will be permanently deferred;
		// Retrying will NOT succeed") and its refusal of an IP that
		// sends to many unknown recipients (an open relay's mark).
		{"host mta6.am0.yahoodns.net[192.0.2.60] said: 553 5.7.2 [TSS11] All messages from 203.0.113.9 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mta6.am0.yahoodns.net[192.0.2.60] said: 553 5.7.2 [TSS12] All messages from 203.0.113.9 will be permanently deferred (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mta5.am0.yahoodns.net[192.0.2.61] said: 451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8) (in reply to RCPT TO command)", ClassBadRecipients},
		// Comcast: its own list (BL000000, "Comcast block for spam"),
		// the dynamic ranges it refuses (ES000001, ES000010), its rate
		// limits (RL codes, "Throttled").
		{"host mx1.comcast.net[192.0.2.70] said: 554 resimta-ch2-05v.sys.comcast.net comcast 203.0.113.9 Comcast block for spam.  Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000 (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mx1.comcast.net[192.0.2.70] refused to talk to me: 554 resimta-po-01v.sys.comcast.net comcast 203.0.113.9 Please see http://postmaster.comcast.net/smtp-error-codes.php#ES000010", ClassBlocklist},
		{"host mx2.comcast.net[192.0.2.71] said: 421 4.1.0 203.0.113.9 Throttled - try again later. Please see https://postmaster.comcast.net/smtp-error-codes.php#RL000003 (in reply to MAIL FROM command)", ClassRateLimit},
		{"host mx2.comcast.net[192.0.2.71] said: 452 4.2.0 Please see https://postmaster.comcast.net/smtp-error-codes.php#RL000001 (in reply to RCPT TO command)", ClassRateLimit},
		// Mimecast: the recipient organisation's Blocked Senders policy
		// (no listing), a virus or spam verdict, too many connections for
		// the account or through its outbound relay.
		{"host eu-smtp-inbound-1.mimecast.com[192.0.2.80] said: 421 Sender address blocked - https://community.mimecast.com/docs/DOC-1369#421 [abc.uk123] (in reply to MAIL FROM command)", ClassOther},
		{"host eu-smtp-inbound-1.mimecast.com[192.0.2.80] said: 554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554 [abc.uk123] (in reply to end of DATA command)", ClassContent},
		{"host eu-smtp-inbound-1.mimecast.com[192.0.2.80] said: 451 Account service is temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451 [abc.uk123] (in reply to RCPT TO command)", ClassConnLimit},
		{"host eu-smtp-o365-outbound-1.mimecast.com[192.0.2.81] said: 550 Exceeding outbound thread limit - https://community.mimecast.com/docs/DOC-1369#550 [abc.uk123] (in reply to RCPT TO command)", ClassConnLimit},
		// Orange's codes 103 and 999 ("Service refused, please try
		// later"): the sending IP is blocked.
		{"host smtp-in.orange.fr[192.0.2.97] refused to talk to me: 421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999]", ClassBlocklist},
		{"host smtp-in.orange.fr[192.0.2.97] said: 550 mwinf5c10 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR006_103 203.0.113.9 [103] (in reply to MAIL FROM command)", ClassBlocklist},
		// Comcast's RL000010, "Throttled" like its other RL codes: a rate
		// limit, no listing.
		{"host mx1.comcast.net[192.0.2.72] said: 451 4.2.0 Throttled - try again later. Please see https://postmaster.comcast.net/smtp-error-codes.php#RL000010 (in reply to RCPT TO command)", ClassRateLimit},
		// NetEase's other codes: HL:IFC the IP's mail over a short time,
		// RP:DRC the recipients of one connection, HL:REP and RP:CEL a
		// sender of mail to addresses that do not exist, RP:TRC, RP:QRC,
		// MI:SFQ, MI:STC and HL:ITC caps over a day or a few minutes,
		// DT:RBL a DNSBL's listing.
		{"host 163mx01.mxmail.netease.com[192.0.2.90] refused to talk to me: 421 4.5.0 HL:IFC 163 mx13,ABCDEFGH 1700000000, please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5", ClassRateLimit},
		{"host 163mx01.mxmail.netease.com[192.0.2.91] said: 450 4.5.3 RP:DRC 163 mx13,ABCDEFGH 1700000000 (in reply to RCPT TO command)", ClassRcptLimit},
		{"host 163mx02.mxmail.netease.com[192.0.2.93] said: 421 HL:REP 163 mx13,ABCDEFGH 1700000000 (in reply to MAIL FROM command)", ClassBadRecipients},
		{"host 163mx02.mxmail.netease.com[192.0.2.93] said: 451 RP:CEL 163 mx13,ABCDEFGH 1700000000 (in reply to RCPT TO command)", ClassBadRecipients},
		{"host 126mx01.mxmail.netease.com[192.0.2.92] said: 550 RP:TRC 126 mx3,ABCDEFGH 1700000000 (in reply to RCPT TO command)", ClassSendQuota},
		{"host 163mx01.mxmail.netease.com[192.0.2.92] said: 451 RP:QRC 163 mx3,ABCDEFGH 1700000000 (in reply to RCPT TO command)", ClassSendQuota},
		{"host 163mx01.mxmail.netease.com[192.0.2.92] said: 550 MI:STC 163 mx3,ABCDEFGH 1700000000 (in reply to MAIL FROM command)", ClassSendQuota},
		{"host 163mx01.mxmail.netease.com[192.0.2.92] said: 450 DT:RBL 163 mx3,ABCDEFGH 1700000000 (in reply to MAIL FROM command)", ClassBlocklist},
		// Time-window caps in words: no recipients-per-message limit,
		// though a 452 4.5.3 says so, nor a rate limit.
		{"host mx0a.example.edu[192.0.2.30] said: 452 4.5.3 Too many recipients received this hour (in reply to RCPT TO command)", ClassSendQuota},
		{"host smtp.example.net[192.0.2.31] said: 451 4.7.1 Too many messages from this user today, try again later (in reply to MAIL FROM command)", ClassSendQuota},
		{"host email-smtp.us-east-1.amazonaws.com[192.0.2.35] said: 454 Throttling failure: Daily message quota exceeded. (in reply to end of DATA command)", ClassSendQuota},
		// A verdict on a sender of mail to addresses that do not exist,
		// with the 5.1.1 of a recipient or not.
		{"host mx.example.org[192.0.2.40] said: 550 5.1.1 Too many invalid recipients (in reply to RCPT TO command)", ClassBadRecipients},
		{"host mx.example.org[192.0.2.41] said: 421 4.7.0 Too many bad recipients, closing connection (in reply to RCPT TO command)", ClassBadRecipients},
		// Apple's local-policy codes, GMX's and web.de's refusals of the
		// IP, T-Online's.
		{"host mx01.mail.icloud.com[192.0.2.94] said: 554 5.7.1 [HM08] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 (in reply to end of DATA command)", ClassBlocklist},
		{"host mx01.mail.icloud.com[192.0.2.94] said: 554 5.7.1 [CS02] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 (in reply to end of DATA command)", ClassBlocklist},
		{"host mx00.emig.gmx.net[192.0.2.95] refused to talk to me: 554-gmx.net (mxgmx114) Nemesis ESMTP Service not available 554-No SMTP service 554 Rejected by IP reputation", ClassBlocklist},
		{"host mx-ha03.web.de[192.0.2.96] said: 550 5.7.1 IP address is block listed (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mx00.t-online.de[192.0.2.98] refused to talk to me: 554 IP=203.0.113.9 - None/bad reputation. Ask your postmaster for help or to contact <tosa@rx.t-online.de> for reset. (NOWL)", ClassBlocklist},
		{"host mx03.t-online.de[192.0.2.99] said: 554 IP=203.0.113.9 - Access temporarily denied. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (in reply to MAIL FROM command)", ClassBlocklist},
		{"host mx03.t-online.de[192.0.2.99] refused to talk to me: 554 Dialup/transient IP not allowed. Use a mailgateway or contact toda@rx.t-online.de if obsolete. (DIAL)", ClassBlocklist},
		// Orange's and La Poste's codes after the '_': 510 a blocked IP,
		// 104 too many connections, 506 a spam verdict, 517 DMARC, 416 a
		// recipient that does not exist; an unlisted code is read by its
		// words, and a longer number is no code.
		{"host smtp-in.laposte.net[192.0.2.100] said: 550 5.5.0 Service refuse. Veuillez essayer plus tard. service refused, please try later. LPN007_510 (in reply to end of DATA command)", ClassBlocklist},
		{"host smtp-in.laposte.net[192.0.2.100] refused to talk to me: 421 Service refused, please try later. LPN105_104", ClassConnLimit},
		{"host smtp-in.orange.fr[192.0.2.97] said: 550 mwinf5c20 ME Mail rejete. Mail rejected. OFR_506 [506] (in reply to end of DATA command)", ClassContent},
		{"host smtp-in.laposte.net[192.0.2.100] said: 571 5.7.1 Message refused, DMARC verification Failed. Message refuse, verification DMARC en echec LPN007_517 (in reply to end of DATA command)", ClassSenderAuth},
		{"host smtp-in.laposte.net[192.0.2.100] said: 550 5.5.0 Service refuse. Veuillez essayer plus tard. LPN007_5101 (in reply to end of DATA command)", ClassOther},
		{"host smtp-in.laposte.net[192.0.2.100] said: 421 4.2.1 Service refuse. Veuillez essayer plus tard. Service refused, please try later. LPN007_505 (in reply to end of DATA command)", ClassOther},
		// A full mailbox in other words (RFC 3463's X.2.2), from a real
		// log: the recipient's, whatever the receiver says.
		{"host mx2.savana.cz[81.0.240.253] said: 452 4.2.2 <info@famfarum.cz> Mailbox has exceeded the limit (in reply to RCPT TO command)", ClassRecipient},
		// Mimecast's "envelope blocked" is the recipient organisation's
		// policy on this sender, no listing of the IP.
		{"host eu-smtp-inbound-1.mimecast.com[192.0.2.30] said: 550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 [abc.uk123] (in reply to RCPT TO command)", ClassOther},
		// RFC 3463's X.1.7, "bad sender's mailbox address syntax": the
		// next hop refuses the envelope sender this host wrote, whatever
		// words follow; an address that holds the digits stays what it is.
		{"host mx.example[192.0.2.5] said: 501 5.1.7 Invalid address [AB1CDEF0001.example.prod 2025-01-01T00:00:00.000Z 08DD00000000] (in reply to MAIL FROM command)", ClassConfigError},
		{"host mx.example[192.0.2.5] said: 553-5.1.7 The sender address <bob@mx> is not a valid 553 5.1.7 RFC 5321 address. x1si1 - gsmtp (in reply to MAIL FROM command)", ClassConfigError},
		{"connect to mx.example[185.1.7.20]:25: Connection timed out", ClassConnectTimeout},
		// Exchange Online's refusal of a session without the TLS its
		// connector requires.
		{"host tenant-b.mail.protection.outlook.com[192.0.2.60] said: 451 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot (in reply to MAIL FROM command)", ClassTLS},
		{"host outlook said: 451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (AS761)", ClassRateLimit},
		{"host icloud said: 421 4.7.1 Messages to a@icloud.com deferred due to excessive volume.", ClassRateLimit},
		// Yahoo's GL01 defers a sending IP whose traffic looks unusual
		// (volume, not complaints: those are TSS04), and a receiver out of
		// resources for now asks for fewer deliveries at once.
		{"host mta7.am0.yahoodns.net[192.0.2.34] refused to talk to me: 421 4.7.0 [GL01] Message from (198.51.100.4) temporarily deferred - 4.16.50. Please refer to http://postmaster.example/errors/postmaster-21.html", ClassRateLimit},
		{"host mx.example[192.0.2.35] said: 451 mta1.example Resources temporarily unavailable. Please try again later [#4.16.1]. (in reply to MAIL FROM command)", ClassRateLimit},
		// Postfix's own "Resource temporarily unavailable" is a system
		// error (EAGAIN), not a receiver's.
		{"fatal: fork: Resource temporarily unavailable", ClassOther},
		{"host 127.0.0.1[127.0.0.1] said: 450 4.2.0 <1user@greylist.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/greylist.example.html (in reply to RCPT TO command)", ClassGreylist},
		// Mimecast's greylisting names no greylist: its own words.
		{"host eu-smtp-inbound-1.mimecast.com[192.0.2.40] said: 451 Internal resources are temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451 (in reply to RCPT TO command)", ClassGreylist},
		{"Server certificate not verified", ClassTLS},
		// At verify and secure, a chain that reached no root this host
		// trusts: the smtp client's own verdict, nobody's refusal.
		{"Server certificate not trusted", ClassTLS},
		{"TLS is required, but was not offered by host 127.0.0.1[127.0.0.1]", ClassTLS},
		{"Cannot start TLS: handshake failure", ClassTLS},
		{"host 127.0.0.1[127.0.0.1] said: 530 5.7.0 Must issue a STARTTLS command first (in reply to MAIL FROM command)", ClassTLS},
		// A greeting or HELO refused with a syntax reply (50x): the next
		// hop does not speak SMTP as this host does (an LMTP server, an
		// other service), or refuses the HELO name this host sends. A 554
		// or a 421 there is the remote's verdict, read by its words.
		{"host 192.0.2.24[192.0.2.24] refused to talk to me: 500 5.5.1 Unknown command", ClassConfigError},
		{"host lmtp.example.net[192.0.2.25] refused to talk to me: 502 5.5.2 Error: command not recognized", ClassConfigError},
		{"host mx.example.net[192.0.2.26] refused to talk to me: 501 5.5.2 <mx>: Helo command rejected: need fully-qualified hostname", ClassConfigError},
		{"host mx.example.net[192.0.2.27] refused to talk to me: 554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org", ClassBlocklist},
		// A receiver that tags its refusal with a code alone: "(BL)", the
		// sending IP is on its block list.
		{"host mx00.example.de[192.0.2.40] refused to talk to me: 554 IP=198.51.100.9 - A problem occurred. (Ask your postmaster for help or to contact abuse@example.de to clarify.) (BL)", ClassBlocklist},
		// A next hop refusing the message for its size (RFC 3463 X.3.4,
		// X.2.3): the remote's limit, neither a recipient nor this host's.
		{"host mx.example.org[192.0.2.41] said: 552 5.3.4 Message size exceeds fixed limit (in reply to end of DATA command)", ClassMessageSize},
		{"host mx.example.com[192.0.2.42] said: 552-5.2.3 Your message exceeded the message size limits of this service (in reply to end of DATA command)", ClassMessageSize},
		{"host mx.example.com[192.0.2.43] said: 552 Message too big for this system (in reply to MAIL FROM command)", ClassMessageSize},
		{"host mx.example.net[192.0.2.28] refused to talk to me: 421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later", ClassConnLimit},
		{"Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again", ClassDNS},
		{"host mx.example.org[192.0.2.1] said: 450 4.1.1 <a@example.org>: Recipient address rejected: unverified address: mail for example.org loops back to myself (in reply to RCPT TO command)", ClassRecipient},
		{"host smtp.free.fr[1.2.3.4] refused to talk to me: 421 Refused. Your reverse DNS entry does not resolve to an IP.", ClassReverseDNS},
		{"host gmail said: 550-5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup", ClassReverseDNS},
		{"host x said: 421 4.7.1 Client host rejected: cannot find your reverse hostname, [10.0.0.1]", ClassReverseDNS},
		// A multi-line reply's lines are joined with their code and status
		// in front of each: the words that a line break split are read
		// across them, and the first line's status still counts.
		{"host gmail-smtp-in.l.google.com[2001:db8::1a] said: 550-5.7.1 [2001:db8:1::2] Our system has detected that 550-5.7.1 this message does not meet IPv6 sending guidelines regarding PTR 550-5.7.1 records and authentication. Please review 550 5.7.1 information. - gsmtp (in reply to end of DATA command)", ClassReverseDNS},
		{"host gmail said: 550-5.7.25 [192.0.2.1] The IP address sending this message does not have a 550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not 550-5.7.25 point to the sending IP. (in reply to end of DATA command)", ClassReverseDNS},
		{"host mx.example[192.0.2.5] said: 421-4.7.28 [192.0.2.1] Please review 421-4.7.28 https://support.google.com/mail/answer/81126 (in reply to end of DATA command)", ClassBlocklist},
		{"connect to 127.0.0.3[127.0.0.3]:2528: Connection timed out", ClassConnectTimeout},
		{"connect to 127.0.0.1[127.0.0.1]:2598: Connection refused", ClassConnectRefused},
		{"connect to mx[2001:db8::1]:25: Network is unreachable", ClassUnreachable},
		{"connect to mx[192.0.2.1]:25: No route to host", ClassUnreachable},
		{"lost connection with mx[192.0.2.1] while sending RCPT TO", ClassLostConnection},
		{"conversation with 127.0.0.1[127.0.0.1] timed out while receiving the initial server greeting", ClassLostConnection},
		{"host x said: 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", ClassBlocklist},
		{"host x said: 550 5.1.1 <a@b>: Recipient address rejected: User unknown in virtual mailbox table", ClassRecipient},
		{"host x said: 552 5.2.2 Mailbox full", ClassRecipient},
		{"service \"smtp\" (25) has reached its process limit \"100\": new clients may experience noticeable delays", ClassProcessLimit},
		{"to avoid this condition, increase the process count in master.cf or reduce the service time per client", ClassProcessLimit},
		{"Connection concurrency limit exceeded: 51 from unknown[198.51.100.7] for service smtp", ClassInboundConnLimit},
		{"Connection rate limit exceeded: 4 from localhost[127.0.0.1] for service 127.0.0.1:2527", ClassInboundRateLimit},
		{"Message delivery request rate limit exceeded: 11 from x[1.2.3.4] for service smtp", ClassInboundRateLimit},
		{"reject: CONNECT from [127.0.0.1]:41902: too many connections", ClassInboundConnLimit},
		{"reject: CONNECT from [127.0.0.1]:51302: all server ports busy", ClassPortsBusy},
		{"timeout sending connection to service private/smtpd", ClassPortsBusy},
		{"cannot connect to service private/smtpd: Resource temporarily unavailable", ClassPortsBusy},
		{"accept connection: Too many open files", ClassFDLimit},
		{"could allocate space for only 1024 open files", ClassFDLimit},
		{"connect to mysql server 127.0.0.1: Too many connections", ClassTableConnLimit},
		{"connect to pgsql server db: FATAL: sorry, too many clients already", ClassTableConnLimit},
		{"ldap:/etc/postfix/ldap.cf: Unable to connect to LDAP server ldap://x", ClassTableConnLimit},
		// A relay (smarthost) that refuses this host's mail for want of a
		// login, or refuses the sender identity the login may use: this
		// host's configuration, not the recipient or a listing.
		{"host relay.example.net[192.0.2.7] said: 530 5.7.57 Client not authenticated to send mail. [AB1PR01CA0001.example.net] (in reply to MAIL FROM command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 530 5.7.1 Client was not authenticated (in reply to MAIL FROM command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: Ann <ann@example.org> (in reply to end of DATA command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 550 5.7.60 SMTP; Client does not have permissions to send as this sender [AB1PR01MB0001.example.net] (in reply to end of DATA command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 550 The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. (in reply to end of DATA command)", ClassConfigError},
		// A Postfix relay's reject_sender_login_mismatch: the login this
		// host gives the relay does not own the envelope sender.
		{"host submit.example.net[192.0.2.7] said: 553 5.7.1 <root@app.example.org>: Sender address rejected: not owned by user relay@example.net (in reply to RCPT TO command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message (in reply to end of DATA command)", ClassConfigError},
		// The next hop found no DNS records for the envelope sender's
		// domain (reject_unknown_sender_domain): this host's sender, not
		// the destination's name, which resolved; our own smtpd's reject
		// of a client's sender is the knowledge base's, read elsewhere.
		{"host mail.example.net[192.0.2.7] said: 450 4.1.8 <root@node.example.org>: Sender address rejected: Domain not found (in reply to RCPT TO command)", ClassConfigError},
		{"host mx.example.org[192.0.2.8] said: 553 5.1.8 <www-data@web1.internal>: Sender address rejected: Domain not found (in reply to RCPT TO command)", ClassConfigError},
		// A receiver that words the same check of the sender's domain in
		// DNS terms, after a first line that alone would read as the
		// recipient's.
		{"host mx.example.net[192.0.2.9] said: 550-Requested action not taken: mailbox unavailable 550 invalid DNS MX or A/AAAA resource record (in reply to MAIL FROM command)", ClassConfigError},
		{"Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again", ClassDNS},
		// A relay's cap on what one account sends (Gmail's and Google
		// Workspace's daily limits, Microsoft 365's submission quota): the
		// sender's quota, not a recipient's mailbox quota.
		{"host smtp.example.net[192.0.2.7] said: 550 5.4.5 Daily user sending quota exceeded. 4fb4d7f45d1cf-5d3cf86a6a4sm1234567a12.10 - gsmtp (in reply to MAIL FROM command)", ClassConfigError},
		{"host smtp.example.net[192.0.2.7] said: 550 5.4.5 Daily user sending limit exceeded. For more information go to https://support.example.net/a/answer/166852 (in reply to end of DATA command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 421 4.4.5 Daily SMTP relay limit exceeded for customer. For more information on SMTP relay sending limits please contact your administrator. (in reply to MAIL FROM command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception (in reply to end of DATA command)", ClassConfigError},
		// A relay that has stopped the account this host logs in as for
		// the spam sent through it (Amazon SES, Microsoft 365): the
		// account's standing, read with the relay's other refusals.
		{"host smtp.example.net[192.0.2.7] said: 554 Sending suspended for this account. For more information, please check the inbox of the email address associated with your account. (in reply to end of DATA command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]WASCL UserAction verdict is not None. Actual verdict is Suspend, ShowTierUpgrade.[EndDiagnosticData] (in reply to end of DATA command)", ClassConfigError},
		{"host relay.example.net[192.0.2.7] said: 550 5.1.8 Access denied, bad outbound sender AS(42004) [AB1CD2EF345.example.prod] (in reply to MAIL FROM command)", ClassConfigError},
		// A next hop that announced 8BITMIME and then refuses the body
		// type this host declared (Exchange's 5.6.1): what this host
		// sends it, not the message's size or the recipient.
		{"host exch.example.net[192.0.2.20] said: 554 5.6.1 Body type not supported by Remote Host (in reply to end of DATA command)", ClassConfigError},
		// A recipient's full mailbox stays the recipient's.
		{"host mx.example.org[192.0.2.8] said: 552 5.2.2 Mailbox quota exceeded for this recipient (in reply to RCPT TO command)", ClassRecipient},
		// A receiver's sender-authentication verdict that says "not
		// authenticated" names SPF, DKIM or DMARC: it stays theirs.
		{"host mx.example.org[192.0.2.8] said: 550 5.7.26 Message not authenticated: DKIM and SPF both fail (in reply to end of DATA command)", ClassSenderAuth},
		// Verdicts that name no SPF, DKIM or DMARC: Microsoft's 5.7.515
		// for a bulk sender's From: domain short of its authentication
		// level, its "domain owner policy restrictions" (the From:
		// domain's DMARC policy), Yahoo's 5.7.9 "not accepted for policy
		// reasons".
		{"host mx.example.net[192.0.2.8] said: 550 5.7.515 Access denied, sending domain EXAMPLE.ORG does not meet the required authentication level. (in reply to end of DATA command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.0 (ABC-DEF) Unfortunately, messages from (192.0.2.1) on behalf of (example.org) could not be delivered due to domain owner policy restrictions. (in reply to end of DATA command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 554 5.7.9 Message not accepted for policy reasons.  See https://mx.example.net/errors (in reply to end of DATA command)", ClassSenderAuth},
		// SPF verdicts in other words: Gmail's 4.7.27 (a deferral "rate
		// limited because SPF authentication didn't pass", not a rate
		// limit), Microsoft's "Sender Policy Framework violation", a
		// receiver's policy service's "SPF fail - not authorized" in a
		// recipient refusal, a domain with no SPF record or that failed it.
		{"host mx.example.net[192.0.2.8] said: 421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. 421 4.7.27 Read https://mx.example.net/auth (in reply to end of DATA command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.23 The message was rejected because of Sender Policy Framework violation (in reply to end of DATA command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.23 <u@example.net>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see https://spf.example.net/Why?s=mfrom;id=a@example.org;ip=192.0.2.1;r=<UNKNOWN> (in reply to RCPT TO command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.1 Sender domain has no SPF record (in reply to MAIL FROM command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.1 Sender domain has failed SPF (in reply to MAIL FROM command)", ClassSenderAuth},
		// "SPF policy", a result written as an Authentication-Results
		// field, and SPF's own words for a client it does not list.
		{"host mx.example.net[192.0.2.8] said: 550 5.7.1 Message rejected due to SPF policy (in reply to end of DATA command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.1 Rejected: spf=fail (sender IP is 192.0.2.1) smtp.mailfrom=example.org (in reply to RCPT TO command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.1 SPF: 192.0.2.1 is not allowed to send mail from example.org (in reply to MAIL FROM command)", ClassSenderAuth},
		{"host mx.example.net[192.0.2.8] said: 550 5.7.1 Message failed SPF softfail policy (in reply to end of DATA command)", ClassSenderAuth},
		// RFC 4954's 5.7.9 from a relay is about this host's login, not
		// a verdict on the sender's domain.
		{"host relay.example.net[192.0.2.7] said: 534 5.7.9 Authentication mechanism is too weak (in reply to AUTH command)", ClassOther},
		{"something unexpected happened", ClassOther},
	}
	for _, c := range cases {
		if got := Classify(c.text); got != c.want {
			t.Errorf("Classify(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestBadInput(t *testing.T) {
	long := "Nov 28 10:00:00 h postfix/smtp[1]: 40634C026D: to=<a@b.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.0.0, status=deferred (" + strings.Repeat("x", 200000) + ")"
	cases := []struct {
		name, line string
		event      Event
	}{
		{"empty", "", EvInvalid},
		{"garbage", "\x00\x01\x02\xff\xfe", EvInvalid},
		{"no host", "Nov 28 10:00:00", EvInvalid},
		{"bad month", "Foo 28 10:00:00 h postfix/smtp[1]: x", EvInvalid},
		{"bad clock", "Nov 28 1x:00:00 h postfix/smtp[1]: x", EvInvalid},
		{"bad rfc3339", "2026-13-28T10:57:03Z h postfix/smtp[1]: x", EvInvalid},
		{"bad json", `{"MESSAGE": `, EvInvalid},
		{"json without message", `{"SYSLOG_IDENTIFIER": "postfix/smtp"}`, EvInvalid},
		{"rfc5424 short", "<22>1 2026", EvInvalid},
		// Times JSON cannot write (years 0 to 9999 only) would fail the whole report.
		{"journal time past 9999", `{"__REALTIME_TIMESTAMP":"999999999999999999","MESSAGE":"ABCDEF1234: removed","SYSLOG_IDENTIFIER":"postfix/qmgr"}`, EvInvalid},
		{"rfc5424 offset past 9999", "<22>1 9999-12-31T23:59:59.1-23:59 h postfix/qmgr 1 - - ABCDEF1234: removed", EvInvalid},
		{"rfc3339 offset before year 0", "0000-01-01T00:00:00+23:59 h postfix/qmgr[1]: ABCDEF1234: removed", EvInvalid},
		{"cri stamp past 9999", "9999-12-31T23:59:59.5-23:59 stdout F ABCDEF1234: removed", EvInvalid},
		{"nul in message", "Nov 28 10:00:00 h postfix/smtpd[1]: connect from a\x00b[1.2.3.4]", EvConnect},
		{"overlong", long, EvDelivery},
	}
	for _, c := range cases {
		r := parse(c.line)
		if r.Event != c.event {
			t.Errorf("%s: event %v (%s), want %v", c.name, r.Event, r.Reason, c.event)
		}
		if len(r.Line) > MaxLineLen {
			t.Errorf("%s: line kept %d bytes", c.name, len(r.Line))
		}
		if c.event == EvInvalid && r.Reason == "" {
			t.Errorf("%s: invalid without a reason", c.name)
		}
	}
}

// A TLS line cut right after its direction word ("to", "from") once sliced
// past its end.
func TestTLSLineCutShort(t *testing.T) {
	for _, line := range []string{
		"Nov 28 04:00:00 mx1 postfix/smtp[1]: Trusted TLS connection established to",
		"Nov 28 04:00:00 mx1 postfix/smtp[1]: Verified TLS connection reused to",
		"Nov 28 04:00:00 mx1 postfix/smtpd[1]: Anonymous TLS connection established from",
		"Nov 28 04:00:00 mx1 postfix/smtp[1]: Untrusted TLS connection established ",
	} {
		r := parse(line)
		if r.Event != EvTLS {
			t.Errorf("%s: event %v, want tls", line, r.Event)
		}
		if r.RelayHost != "" || r.ClientName != "" {
			t.Errorf("%s: peer %q %q from a line that names none", line, r.RelayHost, r.ClientName)
		}
	}
}

// Solaris and illumos syslogd put a message id and the facility before the
// message ("[ID 197553 mail.info] "): the message is read past it. A text
// that only looks like one (a message starting with "[ID") stays whole.
func TestSolarisMessageID(t *testing.T) {
	const d = "4B0773FC19: to=<u@example.org>, relay=mx.example.org[198.51.100.7]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.0, status=deferred (host mx.example.org[198.51.100.7] refused to talk to me: 421 4.7.0 Too many connections)"
	plain := parse("Nov 28 10:00:00 mail postfix/smtp[123]: " + d)
	for _, id := range []string{"[ID 197553 mail.info] ", "[ID 947420 mail.warning] ", "[ID 197553 mail.info]  "} {
		r := parse("Nov 28 10:00:00 mail postfix/smtp[123]: " + id + d)
		r.Line = plain.Line
		if r != plain {
			t.Errorf("%q: got %+v\nwant %+v", id, r, plain)
		}
	}
	w := parse("Nov 28 10:00:00 mail postfix/smtpd[5]: [ID 197553 mail.info] warning: unknown[192.0.2.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6")
	if w.Severity != SevWarning || w.ClientIP != "192.0.2.9" {
		t.Errorf("warning after an id: %+v", w)
	}
	for _, msg := range []string{"[ID 12 mail.info", "[ID x mail.info] y", "[ID 12 mail] y", "[IDENT] y"} {
		if r := parse("Nov 28 10:00:00 mail postfix/smtpd[5]: " + msg); r.Message != msg {
			t.Errorf("%q read as %q", msg, r.Message)
		}
	}
}

// A paste copied from a terminal that wrapped a long delivery record can
// carry the wrap's padding inside a field name ("st      atus="): the
// field is still read, and nothing else is taken for a field name.
func TestDeliveryFieldNameBrokenByWrap(t *testing.T) {
	r := parse("Nov 28 10:00:00 h postfix/local[7]: 3F2A1C0A40: to=<ann@example.org>, orig_to=<ann>, relay=local, delay=4, delays=4/0/0/0, dsn=4.2.0, st          atus=deferred (cannot update mailbox /var/mail/ann for user ann. destination /var/mail/ann is not owned by recipient)")
	if r.Status != StatusDeferred {
		t.Fatalf("status = %v, want deferred", r.Status)
	}
	if !strings.HasPrefix(r.Reason, "cannot update mailbox /var/mail/ann") || strings.HasSuffix(r.Reason, ")") {
		t.Errorf("reason %q", r.Reason)
	}
	if r.DSN != "4.2.0" || r.Domain != "example.org" {
		t.Errorf("dsn %q domain %q", r.DSN, r.Domain)
	}
	r = parse("Nov 28 10:00:00 h postfix/smtp[8]: 3F2A1C0A41: to=<b@x.example>, rel\tay=mx.x.example[192.0.2.7]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=4.4.2, status=deferred (lost connection with mx.x.example[192.0.2.7] while receiving the initial server greeting)")
	if r.RelayIP != "192.0.2.7" || r.RelayPort != 25 {
		t.Errorf("relay %q ip %q port %d", r.Relay, r.RelayIP, r.RelayPort)
	}
	// Words that only look like a field name split apart stay unread.
	r = parse("Nov 28 10:00:00 h postfix/smtp[9]: 3F2A1C0A42: to=<b@x.example>, re lay x=mx.x.example[192.0.2.7]:25, dsn=2.0.0, status=sent (250 ok)")
	if r.Relay != "" || r.Status != StatusSent {
		t.Errorf("relay %q status %v", r.Relay, r.Status)
	}
}

// The stamp cache tells apart two stamps that differ only in the day when
// the month's name is longer than three bytes ("дек 01" and "дек 02", a
// daily job's mail at one time of day on a quiet host): the second was
// given the first one's day.
func TestLocalizedStampCacheSeesTheDay(t *testing.T) {
	for _, pair := range [][2]string{
		{"дек 01 06:25:01 h postfix/pickup[1]: x", "дек 02 06:25:01 h postfix/pickup[1]: x"},
		{"févr. 11 06:25:01 h postfix/pickup[1]: x", "févr. 12 06:25:01 h postfix/pickup[1]: x"},
		{"marras 11 06:25:01 h postfix/pickup[1]: x", "marras 12 06:25:01 h postfix/pickup[1]: x"},
	} {
		p := fixedParser()
		var a, b Record
		p.Parse(pair[0], &a)
		p.Parse(pair[1], &b)
		if a.Time.IsZero() || b.Time.Sub(a.Time) != 24*time.Hour {
			t.Errorf("%q then %q: %v then %v", pair[0], pair[1], a.Time, b.Time)
		}
	}
}

// Postfix 3.10 puts a queue id, or NOQUEUE, before smtpd's messages for a
// session that ends abnormally: all three forms are the same lost
// connection, with its client and stage, and NOQUEUE makes none a reject.
func TestLostConnWithQueueIDOrNOQUEUE(t *testing.T) {
	want := parse("Nov 28 11:13:09 mx postfix/smtpd[6344]: lost connection after DATA (0 bytes) from host.example.net[198.51.100.7]")
	if want.Event != EvLostConn {
		t.Fatalf("the form without a prefix is no lost connection: %+v", want)
	}
	for _, id := range []string{"NOQUEUE", "4DA26C026B"} {
		r := parse("Nov 28 11:13:09 mx postfix/smtpd[6344]: " + id + ": lost connection after DATA (0 bytes) from host.example.net[198.51.100.7]")
		if r.Event != EvLostConn || r.ClientName != "host.example.net" || r.ClientIP != "198.51.100.7" || r.Message != want.Message || r.Code != 0 {
			t.Errorf("%s: want the lost connection of %+v, got %+v", id, want, r)
		}
		if _, _, ok := ContentEnd(r.Message); !ok {
			t.Errorf("%s: the stage is lost: %q", id, r.Message)
		}
	}
	for _, msg := range []string{"timeout after RCPT from host.example.net[198.51.100.7]", "too many errors after AUTH from host.example.net[198.51.100.7]"} {
		if r := parse("Nov 28 11:13:09 mx postfix/smtpd[6344]: NOQUEUE: " + msg); r.Event != EvLostConn || r.ClientIP != "198.51.100.7" {
			t.Errorf("%s: want a lost connection, got %+v", msg, r)
		}
	}
	// A NOQUEUE reject whose client's text says "after" is still one.
	r := parse("Nov 28 11:13:09 mx postfix/smtpd[6344]: NOQUEUE: reject: RCPT from host.example.net[198.51.100.7]: 554 5.7.1 <a@example.com>: Relay access denied; from=<after@x> to=<a@example.com> proto=ESMTP helo=<after x>")
	if r.Event != EvReject || r.Code != 554 {
		t.Errorf("want the reject, got %+v", r)
	}
}
