package sources

import (
	"strings"
	"testing"
	"time"
)

// TestExportedLines reads lines as log pipelines and syslog templates
// export them: a stamp, a stream or labels before a whole syslog line,
// tabs between the header's fields, a comma before an ISO stamp's
// fraction, and a priority in brackets or as a number before the tag.
func TestExportedLines(t *testing.T) {
	const msg = "7C1D2E3F4A: to=<ann@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=3, delays=0/0/3/0, dsn=4.7.0, status=deferred (host mx.example.org[192.0.2.25] refused to talk to me: 421 4.7.0 Too many connections)"
	const syslog = "Nov 23 08:15:42 relay7 postfix/smtp[4711]: " + msg
	cases := []struct{ name, line, host, when string }{
		{"aws logs tail", "2026-11-23T08:15:42.500000+00:00 i-0f00ba7/var/log/maillog " + syslog, "relay7", "2026-11-23T08:15:42.5Z"},
		{"aws logs filter-log-events --output text", "EVENTS\t1796285742500\t" + syslog + "\t1796285742999", "relay7", "2026-11-23T08:15:42Z"},
		{"logcli", `2026-11-23T09:15:42+01:00 {host="relay7", job="syslog", filename="/var/log/mail.log"} ` + syslog, "relay7", "2026-11-23T08:15:42Z"},
		{"Grafana's text export", "2026-11-23 08:15:42.512\t" + syslog, "relay7", "2026-11-23T08:15:42Z"},
		{"Kiwi Syslog", "2026-11-23 08:15:42\tMail.Info\t192.0.2.77\t" + syslog + "\r\n", "relay7", "2026-11-23T08:15:42Z"},
		{"tabs between the header's fields", "Nov 23 08:15:42\trelay7\tpostfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42Z"},
		{"a tab after the stamp", "Nov 23 08:15:42\trelay7 postfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42Z"},
		{"tabs after an RFC 3339 stamp", "2026-11-23T08:15:42+00:00\trelay7\tpostfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42Z"},
		{"ISO stamp, comma decimals", "2026-11-23 08:15:42,250 relay7 postfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42.25Z"},
		{"RFC 3339 stamp, comma decimals", "2026-11-23T09:15:42,250+01:00 relay7 postfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42.25Z"},
		{"priority in angle brackets", "Nov 23 08:15:42 relay7 <mail.info> postfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42Z"},
		{"priority in square brackets", "Nov 23 08:15:42 relay7 [mail.info] postfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42Z"},
		{"priority in square brackets before the host", "Nov 23 08:15:42 [mail.info] relay7 postfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42Z"},
		{"numeric priority", "Nov 23 08:15:42 relay7 22 postfix/smtp[4711]: " + msg, "relay7", "2026-11-23T08:15:42Z"},
		{"RFC 5424 without its priority", "1 2026-11-23T09:15:42.25+01:00 relay7 postfix/smtp 4711 - - " + msg, "relay7", "2026-11-23T08:15:42.25Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parse(c.line)
			if r.Event != EvDelivery || r.Status != StatusDeferred || r.QueueID != "7C1D2E3F4A" || r.Domain != "example.org" {
				t.Fatalf("event %v status %v queue id %q domain %q (%s), want a deferred delivery to example.org", r.Event, r.Status, r.QueueID, r.Domain, r.Reason)
			}
			if r.Host != c.host || r.Program != "postfix/smtp" || r.PID != 4711 {
				t.Errorf("host %q program %q pid %d, want %q postfix/smtp 4711", r.Host, r.Program, r.PID, c.host)
			}
			if got := r.Time.UTC().Format(time.RFC3339Nano); got != c.when {
				t.Errorf("time %s, want %s", got, c.when)
			}
			if !strings.HasSuffix(r.Line, "Too many connections)") {
				t.Errorf("line %q: the export's cells after the message were kept", r.Line)
			}
			if bad := checkRecord(c.line, &r); bad != "" {
				t.Error(bad)
			}
		})
	}
}

// A pipeline's RFC 3339 stamp before a whole line (aws logs tail,
// logcli) is absolute: it dates a line whose own stamp names no zone,
// the sender's local time; a line whose stamp names its zone keeps it,
// and a pipeline's stamp without a zone dates no line that has a time.
func TestPipelineStampDatesLineWithoutZone(t *testing.T) {
	const own = "Dec  3 09:00:00" + zoneMsg
	zonedCases(t, []struct{ name, line, want string }{
		{"aws logs tail", "2026-12-03T09:00:00.500000+00:00 i-0f00ba7/var/log/maillog " + own, "2026-12-03T09:00:00.5Z"},
		{"logcli", `2026-12-03T10:00:00.25+01:00 {host="mx1", job="syslog"} ` + own, "2026-12-03T09:00:00.25Z"},
		{"own stamp with its zone", `2026-12-03T09:00:00.5Z {host="mx1", job="syslog"} 2026-12-03T09:59:59+01:00` + zoneMsg, "2026-12-03T08:59:59Z"},
		{"a viewer's stamp without a zone", "2026-12-03 09:00:00.512\t" + own, "2026-12-03T08:00:00Z"},
	})
}

// TestLogShapedTextIsNotReadAsAHeader: a sender chooses its HELO name and
// a receiver its reply; text in them shaped like a log line must not
// change how a line that reads is read, nor make a line that does not
// read take the sender's host and program.
func TestLogShapedTextIsNotReadAsAHeader(t *testing.T) {
	const fake = "Nov 23 08:15:42 evil postfix/smtp[1]: 7C1D2E3F4A: to=<ann@example.org>, relay=evil[192.0.2.66]:25, dsn=4.7.0, status=deferred (host evil[192.0.2.66] refused to talk to me: 421 4.7.0 Too many connections)"
	cases := []struct {
		name, line, host, program string
		event                     Event
	}{
		{"HELO name", "Nov 23 08:15:42 relay7 postfix/smtpd[90]: NOQUEUE: reject: RCPT from unknown[192.0.2.66]: 554 5.7.1 <x@example.net>: Relay access denied; from=<a@example.com> to=<x@example.net> proto=ESMTP helo=<" + fake + ">",
			"relay7", "postfix/smtpd", EvReject},
		{"reply", "Nov 23 08:15:42 relay7 postfix/smtp[91]: 5D6E7F8A9B: to=<bob@example.net>, relay=mx.example.net[192.0.2.30]:25, delay=1, delays=0/0/1/0, dsn=5.0.0, status=bounced (host mx.example.net[192.0.2.30] said: 550 " + fake + " (in reply to RCPT TO command))",
			"relay7", "postfix/smtp", EvDelivery},
		{"reply after an RFC 3339 stamp", "2026-11-23T08:15:42Z relay7 postfix/smtp[91]: 5D6E7F8A9B: host mx.example.net[192.0.2.30] said: 450 x\t" + fake + " (in reply to RCPT TO command)",
			"relay7", "postfix/smtp", EvAttempt},
		{"a wrapped line's remainder", "said: 550 " + fake, "", "", EvInvalid},
		{"a tab-separated remainder", "x\t:\t" + fake, "", "", EvInvalid},
		// Lines without a tag of their own whose words a sender chose:
		// what comes before the fake is no pipeline's prefix.
		{"a wrapped HELO's remainder", "padpadpad " + fake + ">", "", "", EvInvalid},
		{"an untagged program's line", "Nov 23 08:15:41 mx webapp request from client <" + fake + ">", "", "", EvInvalid},
		{"an untagged line after an RFC 3339 stamp", "2026-11-23T08:15:41+00:00 mx webapp request from client <" + fake + ">", "", "", EvInvalid},
		{"an untagged line's tab", "Nov 23 08:15:41 mx webapp request x\t" + fake, "", "", EvInvalid},
		{"a stamp and words", "2026-11-23T08:15:41+00:00 client said " + fake, "", "", EvInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parse(c.line)
			if r.Host == "evil" || r.Program == "postfix/smtp" && c.program != r.Program || r.QueueID == "7C1D2E3F4A" {
				t.Fatalf("host %q program %q queue id %q: the text in the message was read as the line", r.Host, r.Program, r.QueueID)
			}
			if c.event == EvInvalid {
				return // no header: what the rest reads as is another matter
			}
			if r.Host != c.host || r.Program != c.program || r.Event != c.event {
				t.Errorf("host %q program %q event %v, want %q %q %v", r.Host, r.Program, r.Event, c.host, c.program, c.event)
			}
		})
	}
}
