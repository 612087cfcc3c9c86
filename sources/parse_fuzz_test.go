package sources

import "testing"

// FuzzParse feeds arbitrary lines: the parser must not panic, must keep at
// most MaxLineLen bytes, and every string field must lie within the line or
// be decoded from it (journald), never invented.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"Nov 28 11:13:08 lab postfix/smtp[6296]: 40634C026D: to=<4user@throttled.example>, relay=127.0.0.1[127.0.0.1]:2526, delay=0.21, delays=0.01/0.17/0.03/0, dsn=4.7.0, status=deferred (host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 mx.throttled.example Error: too many connections from 127.0.0.1)",
		"Nov 28 11:14:08 lab postfix/anvil[6295]: statistics: max connection rate 37/60s for (127.0.0.1:2526:127.0.0.1) at Nov 28 11:13:48",
		"Nov 28 11:13:12 lab postfix/master[6229]: warning: service \"smtpd\" (private/smtpd) has reached its process limit \"5\": new clients may experience noticeable delays",
		"2026-11-28T10:57:03.123456+00:00 mx postfix/qmgr[1]: warning: mail for x is using up 4001 of 20000 active queue entries",
		"<22>1 2026-11-28T10:57:03.1Z host postfix/smtp 4242 - [a b=\"]\"] x",
		`{"__REALTIME_TIMESTAMP":"1","SYSLOG_IDENTIFIER":"postfix/smtpd","MESSAGE":[99,111,110]}`,
		`{"_source":{"@timestamp":"Nov 28, 2026 @ 04:00:00.1","host":{"name":"mx"},"log":{"syslog":{"appname":"postfix/smtp[1]:"}},"message":" 4A1B2C3D4E: removed"}}`,
		`{"labels":{"host":"mx"},"line":"{\"msg\":\"postfix/qmgr[1]: 4A1B2C3D4E: removed\"}","timestamp":"1795838406250"}`,
		"2013 Jun 10 15:38:18.123 gds39d postfix/smtp[24724]: 70DCDC2C143XXXX: host in.smtp.cz[81.95.97.102] said: 450",
		"Nov 28 11:13:09 lab postfix/postscreen[6443]: NOQUEUE: reject: CONNECT from [127.0.0.1]:41902: too many connections",
		"Nov  5 1",
		"postfix/smtp[1]: to=<",
		"warning: connect to mysql server db: Too many connections",
		"to=<a@d.example>, relay=mx.d.example[192.0.2.7]:25, dsn=4.7.0, status=deferred (host mx.d.example[192.0.2.7] said: 421 x)",
		"mx1 postfix/master[20]: warning: process /usr/lib/postfix/sbin/smtpd pid 21 killed by signal 11",
		"2026-11-28T05:00:00.5+0100 ERR   postfix/tlsmgr[143]: warning: x",
		"Nov 28 04:00:00 mx1 mail.info postfix/smtpd[7]: connect from a.example[192.0.2.12]",
		"2026-11-28T04:00:00.123456789Z stdout F Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
		"[pod/postfix-0/postfix] postfix/smtpd[3]: connect from a.example[192.0.2.13]",
		"postfix-1  | NOQUEUE: reject: RCPT from unknown[198.51.100.4]: 450 4.1.8 <x@e.example>: Sender address rejected",
		"Nov 28 10:00:00 mx dovecot: lmtp(ann@example.org)<42><k>: Fatal: master: service(lmtp): child 42 returned error 83 (Out of memory (service lmtp { vsz_limit=256 MB }, you may need to increase it)",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		p := NewParser()
		var r Record
		p.Parse(line, &r)
		if bad := checkRecord(line, &r); bad != "" {
			t.Fatal(bad)
		}
	})
}
