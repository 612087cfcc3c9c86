package sources

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Lines as admins paste them into tickets and forums: without a syslog
// header, without a program tag, with a host but no time, with the
// journal's, a container runtime's or a log viewer's stamps and prefixes.
func TestPastedLines(t *testing.T) {
	const noTime = ""
	cases := []struct {
		name, line    string
		event         Event
		time          string // RFC 3339 in UTC, or noTime
		host, program string
		daemon        string
		sev           Severity
		check         func(r Record) bool
	}{
		{"tag only, delivery", "postfix/smtp[123]: 3F2A1C0: to=<a@b.example>, relay=mx.b.example[192.0.2.5]:25, delay=31, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection timed out)",
			EvDelivery, noTime, "", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool {
				return r.Domain == "b.example" && r.Status == StatusDeferred && r.Class == ClassConnectTimeout && r.PID == 123
			}},
		{"tag only, delivery without queue id", "postfix/filter/smtp: to=<a@b.example>, relay=127.0.0.1[127.0.0.1]:10024, status=deferred (TLS is required, but was not offered by host 127.0.0.1[127.0.0.1])",
			EvDelivery, noTime, "", "postfix/filter/smtp", "smtp", SevInfo,
			func(r Record) bool {
				return r.Domain == "b.example" && r.Status == StatusDeferred && r.Class == ClassTLS && r.RelayPort == 10024 && r.QueueID == ""
			}},
		// A writer's elision marks ("[...]", "...", "\u2026") where the
		// queue id and fields were cut out: the record is still read.
		{"delivery with its queue id and fields elided", "[...] postfix/smtp[1354]: [...] to=<a@b.example>, [...] status=deferred (connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
			EvDelivery, noTime, "", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool {
				return r.Domain == "b.example" && r.Status == StatusDeferred && r.Class == ClassConnectRefused && r.QueueID == "" &&
					strings.HasPrefix(r.Reason, "connect to 127.0.0.1")
			}},
		{"delivery with fields elided by dots", "postfix/smtp[1354]: 3F2A1C0: to=<a@b.example>, ... relay=mx.b.example[192.0.2.5]:25, \u2026 dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection timed out)",
			EvDelivery, noTime, "", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool {
				return r.QueueID == "3F2A1C0" && r.RelayHost == "mx.b.example" && r.DSN == "4.4.1" && r.Class == ClassConnectTimeout
			}},
		// A web page rendered the recipient's <address> as an HTML tag
		// and dropped it: the status still makes the line a delivery.
		// A page behind Cloudflare's email protection shows every
		// address as "[email protected]", and where it took "to=<" with
		// it, in place of the whole field.
		{"delivery whose recipient field a page's email protection replaced", " servername postfix/error[15666]: 8875414912DE: [email protected], relay=none, delay=0.16, delays=0.12/0/0/0.04, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 127.0.0.1[127.0.0.1]:10024: Connection refused)",
			EvDelivery, "", "servername", "postfix/error", "error", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.Class == ClassConnectRefused && r.Suspended && r.QueueID == "8875414912DE" && r.Domain == ""
			}},
		{"delivery whose address a page's email protection replaced", "Apr 12 05:07:44 vm postfix/error[5597]: AC01D2988FA6: to=<[email protected]>, relay=none, delay=274343, delays=274343/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to alt2.aspmx.l.google.com[2607:f8b0:4001:c08::1a]:25: Network is unreachable)",
			EvDelivery, "2026-04-12T05:07:44Z", "vm", "postfix/error", "error", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.QueueID == "AC01D2988FA6" && r.Domain == ""
			}},
		{"delivery whose address a web page dropped", "Nov 28 10:41:38 mx postfix/smtp[52]: 16E10: to=, relay=mx.b.example[2001:db8::25]:25, delay=0.2, delays=0.01/0/0.08/0.11, dsn=5.7.1, status=bounced (host mx.b.example[2001:db8::25] said: 550-5.7.1 this message does not meet IPv6 sending guidelines regarding PTR records and authentication (in reply to end of DATA command))",
			EvDelivery, "2026-11-28T10:41:38Z", "mx", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool {
				return r.Status == StatusBounced && r.Class == ClassReverseDNS && r.RelayIP == "2001:db8::25" && r.Domain == ""
			}},
		// The same page drops qmgr's sender: the record's shape still
		// makes it qmgr's, with no sender.
		{"queue manager's record whose sender a web page dropped", "Nov 28 10:41:37 mx postfix/qmgr[9]: 16E10: from=, size=1234, nrcpt=2 (queue active)",
			EvQmgr, "2026-11-28T10:41:37Z", "mx", "postfix/qmgr", "qmgr", SevInfo,
			func(r Record) bool { return r.QueueID == "16E10" && r.From == "" && r.Size == 1234 && r.Nrcpt == 2 }},
		{"expired record whose sender a web page dropped", "Nov 28 10:41:37 mx postfix/qmgr[9]: 16E10: from=, status=expired, returned to sender",
			EvExpired, "2026-11-28T10:41:37Z", "mx", "postfix/qmgr", "qmgr", SevInfo,
			func(r Record) bool { return r.Status == StatusExpired && r.From == "" }},
		{"prose after qmgr's tag, an empty sender", "postfix/qmgr[9]: 16E10: from=, as the page shows it",
			EvUnknown, noTime, "", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"qmgr's empty sender, size cut", "postfix/qmgr[9]: 16E10: from=, size=1234",
			EvUnknown, noTime, "", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"prose after a tag, an empty recipient and no status", "postfix/smtp[9]: 16E10: to=, as the page shows it",
			EvUnknown, noTime, "", "postfix/smtp", "smtp", SevInfo, nil},
		{"tag only, prose after a tag that names a recipient", "postfix/smtp[9]: to=<a@b.example> is what the user typed",
			EvUnknown, noTime, "", "postfix/smtp", "smtp", SevInfo, nil},
		{"tag only, postscreen", "postfix/postscreen[99]: PASS NEW [192.0.2.9]:4711",
			EvPostscreen, noTime, "", "postfix/postscreen", "postscreen", SevInfo,
			func(r Record) bool { return r.ClientIP == "192.0.2.9" }},
		{"tag only, warning", "postfix/smtpd[1]: warning: connect to mysql server 127.0.0.1: Too many connections",
			EvWarning, noTime, "", "postfix/smtpd", "smtpd", SevWarning,
			func(r Record) bool { return r.Class == ClassTableConnLimit }},
		{"tag only, master", "postfix/master[1]: daemon started -- version 3.8.6, configuration /etc/postfix",
			EvVersion, noTime, "", "postfix/master", "master", SevInfo,
			func(r Record) bool { return r.Version == "3.8.6" }},
		{"tag only, second instance", "postfix-out/smtp[1]: 3F2A1C0: to=<a@c.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=c.example type=MX: Host not found, try again)",
			EvDelivery, noTime, "", "postfix-out/smtp", "smtp", SevInfo,
			func(r Record) bool { return r.SyslogName == "postfix-out" && r.Class == ClassDNS }},

		{"journal wrapping a container's syslog line", "Nov 28 04:00:00 dockerhost 3f2a9c1be0d4[812]: Nov 28 03:59:59 mail postfix/smtp[77]: warning: relay.example[192.0.2.4]:25 offered no SASL mechanisms",
			EvWarning, "2026-11-28T03:59:59Z", "mail", "postfix/smtp", "smtp", SevWarning, nil},
		// docker-compose run under systemd: the journal keeps each line
		// of its output, service prefix and all, under its own tag.
		{"journal wrapping a compose service's syslog line", "Nov 28 04:00:01 dockerhost docker-compose[812]: mail    | Nov 28 04:00:00 mail postfix/smtp[77]: warning: host mx.example.org[192.0.2.4]:25 greeted me with my own hostname mx.example.org",
			EvAttempt, "2026-11-28T04:00:00Z", "mail", "postfix/smtp", "smtp", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "greeted_with_own_hostname" }},
		// smtp_proto.c's warnings about a server that greets with this
		// host's name, pasted without header and tag, read as the
		// header-ful line: a failed try at that server.
		{"greeted with my own hostname, no header", "warning: host mx.example.org[192.0.2.4]:25 greeted me with my own hostname mx.example.org",
			EvAttempt, noTime, "", BareProgram, "", SevWarning,
			func(r Record) bool {
				return r.RelayIP == "192.0.2.4" && r.Known != 0 && KnownMessages[r.Known-1].ID == "greeted_with_own_hostname"
			}},
		{"greeted with my own hostname, no severity", "host mx.example.org[192.0.2.4] greeted me with my own hostname mx.example.org",
			EvAttempt, noTime, "", BareProgram, "", SevWarning,
			func(r Record) bool {
				return r.RelayIP == "192.0.2.4" && r.Known != 0 && KnownMessages[r.Known-1].ID == "greeted_with_own_hostname"
			}},
		{"replied to HELO with my own hostname, no header", "host mx.example.org[192.0.2.4]:25 replied to HELO/EHLO with my own hostname mx.example.org",
			EvAttempt, noTime, "", BareProgram, "", SevWarning,
			func(r Record) bool {
				return r.RelayIP == "192.0.2.4" && r.Known != 0 && KnownMessages[r.Known-1].ID == "greeted_with_own_hostname"
			}},
		{"journal wrapping a container's tagged line", "Nov 28 04:00:00 dockerhost mailstack[812]: postfix/qmgr[9]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"mailq reason, name service", "(Host or domain name not found. Name service error for name=d.example type=MX: Host not found, try again)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassDNS }},
		{"mailq reason, connect", "(connect to mx.e.example[192.0.2.8]:25: Connection timed out)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassConnectTimeout }},
		{"mailq reason, the queue manager's for a crashed agent", "(unknown mail transport error)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.Known != 0 && KnownMessages[r.Known-1].ID == "unknown_transport_error"
			}},
		{"mailq reason, the queue manager's for an unreachable transport", "(mail transport unavailable)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassConfigError }},
		// mailq prints the recipients on the lines under the reason; a
		// copy that lost those line breaks runs them onto it.
		{"mailq reason with its recipients run on", "(lost connection with mx.f.example[192.0.2.9] while sending end of data -- message may be sent more than once) ann@f.example bob@f.example",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.Known != 0 && KnownMessages[r.Known-1].ID == "smtp_lost_at_end_of_data"
			}},
		{"mailq reason with one recipient run on", "(connect to mx.e.example[192.0.2.8]:25: Connection timed out) ann@e.example",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassConnectTimeout }},

		{"log table row with tab-separated cells", "2026-11-28T04:00:00\tCritical\tpostfix/local\tfatal: configuration error: mailbox_size_limit is smaller than message_size_limit",
			EvWarning, "2026-11-28T04:00:00Z", "", "postfix/local", "local", SevFatal,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].Hint == HintConfigError }},

		// Graylog's, Kibana's and Loki's exports: time, host, tag and
		// message each in a cell of their own.
		{"exported row with host and tag cells", "2026-05-01 10:02:41.123\tmx1\tpostfix/smtp[4242]\t4F2A1C0A51: to=<a@b.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection refused)",
			EvDelivery, "2026-05-01T10:02:41.123Z", "mx1", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool {
				return r.PID == 4242 && r.QueueID == "4F2A1C0A51" && r.Class == ClassConnectRefused
			}},
		{"exported row with a pid cell", "2026-05-01T10:02:41Z\tmx1\tpostfix/smtpd\t99\tconnect from unknown[192.0.2.1]",
			EvConnect, "2026-05-01T10:02:41Z", "mx1", "postfix/smtpd", "smtpd", SevInfo,
			func(r Record) bool { return r.PID == 99 && r.ClientIP == "192.0.2.1" }},
		{"exported row, tag without a pid", "2026-05-01T12:02:41+02:00\tmx1.example.org\tpostfix/qmgr\t4F2A1C0A51: removed",
			EvRemoved, "2026-05-01T10:02:41Z", "mx1.example.org", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"exported row, date in a locale's order", "01/05/2026 10:02:41\tmx1\tpostfix/qmgr[7]\t4F2A1C0A51: removed",
			EvRemoved, noTime, "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"log table row whose blanks the viewer widened", "28/11/2026 à 04:00:00 | warning | warning:  TLS library problem: error:1417D102:SSL  routines:tls_process_client_hello:unsupported  protocol:../ssl/statem/statem_srvr.c:974:",
			EvWarning, noTime, "", "postfix", "", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "tls_version_unsupported" }},
		{"log table row with tab-separated cells and no program column", "28/11/2026 à 04:00:00\twarning\twarning: TLS library problem: error:0A000418:SSL routines::tlsv1 alert unknown ca:../ssl/record/rec_layer_s3.c:1586:SSL alert number 48:",
			EvWarning, noTime, "", "postfix", "", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].Hint == "tls" }},

		// A web console's log viewer (Rancher's) copies its own local
		// time and a bar before the container's line: the line's own
		// stamp is the time.
		{"log viewer's time column before an RFC 3339 line", "Fri, Jul 8 2022 10:50:44 am | 2022-07-08T10:50:44.123456+00:00 mail postfix/smtpd[12]: connect from unknown[192.0.2.1]",
			EvConnect, "2022-07-08T10:50:44.123456Z", "mail", "postfix/smtpd", "smtpd", SevInfo,
			func(r Record) bool { return r.ClientIP == "192.0.2.1" && r.PID == 12 }},
		{"log viewer's time column, afternoon, before an RFC 3164 line", "Fri, Jul 8 2022 10:50:44 pm | Jul  8 22:50:44 mail postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-07-08T22:50:44Z", "mail", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"log viewer's time column in a locale's order", "08/07/2022, 22:50:44 | 2022-07-08T22:50:44+02:00 mail postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2022-07-08T20:50:44Z", "mail", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"log viewer's time column, month first", "Jul 8, 2022 @ 22:50:44.123 | 2022-07-08T22:50:44Z mail postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2022-07-08T22:50:44Z", "mail", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"log viewer's time column before a time of day", "Fri, Jul 8 2022 10:50:44 am | 10:50:44 mail postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, noTime, "mail", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"docker logs -t before an RFC 3339 line", "2026-11-28T04:00:09.5Z 2026-11-28T05:00:08.9+01:00 mail postfix/trivial-rewrite[7]: warning: do not list domain example.org in BOTH mydestination and virtual_mailbox_domains",
			EvWarning, "2026-11-28T04:00:08.9Z", "mail", "postfix/trivial-rewrite", "trivial-rewrite", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].Hint == HintConfigError }},

		{"bare warning", "warning: hostname mx.example does not resolve to address 192.0.2.1",
			EvWarning, noTime, "", "postfix", "", SevWarning,
			func(r Record) bool { return r.Class == ClassOther }},
		{"bare fatal", "fatal: open database /etc/postfix/transport.db: No such file or directory",
			EvWarning, noTime, "", "postfix", "", SevFatal, nil},
		{"bare error", "error: open database /etc/postfix/virtual.db: No such file or directory",
			EvWarning, noTime, "", "postfix", "", SevError, nil},
		{"bare panic", "panic: myfree: corrupt or unallocated memory block",
			EvWarning, noTime, "", "postfix", "", SevPanic, nil},
		{"bare delivery with queue id", "3F2A1C0: to=<a@b.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection refused)",
			EvDelivery, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool {
				return r.QueueID == "3F2A1C0" && r.Domain == "b.example" && r.Class == ClassConnectRefused
			}},
		{"bare delivery cut before its dsn", "dsn=5.6.7, status=bounced (SMTPUTF8 is required, but was not offered by host mx.b.example[192.0.2.5])",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusBounced && r.DSN == "5.6.7" && r.Known != 0 && KnownMessages[r.Known-1].ID == "smtputf8_required"
			}},
		{"bare cleanup reject cut before its queue id", "reject: mime-error invalid message/* or multipart/* encoding domain: base64",
			EvReject, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "mime_encoding_domain" }},
		{"bare cleanup reject with its queue id", "3F2A1C0: reject: mime-error improper use of 8-bit data in message header: Subject: caf\xe9 from mail.example.com[192.0.2.20]; from=<a@example.com> to=<b@example.org>",
			EvReject, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.QueueID == "3F2A1C0" && r.Known != 0 && KnownMessages[r.Known-1].ID == "mime_8bit_data"
			}},
		{"bare line with a long queue id", "4Xb2Kq1yQz: to=<a@b.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection refused)",
			EvDelivery, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.QueueID == "4Xb2Kq1yQz" && r.Domain == "b.example" }},
		{"bare delivery without queue id", "to=<a@d.example>, relay=mx.d.example[192.0.2.7]:25, delay=5, delays=1/0/1/3, dsn=4.7.0, status=deferred (host mx.d.example[192.0.2.7] said: 421 4.7.0 Too many connections, try again later (in reply to MAIL FROM command))",
			EvDelivery, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool {
				return r.Domain == "d.example" && r.Code == 421 && r.Class == ClassConnLimit
			}},
		{"bare delivery cut before its recipient", "relay=relay.d.example[192.0.2.7]:587, delay=6, delays=0.1/0/5.9/0, dsn=4.7.0, status=deferred (SASL authentication failed: server relay.d.example[192.0.2.7] offered no compatible authentication mechanisms for this type of connection security)",
			EvDelivery, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.RelayIP == "192.0.2.7" && r.Class == ClassConfigError &&
					r.Known != 0 && KnownMessages[r.Known-1].ID == "smtp_sasl_no_compatible_mechs"
			}},
		{"bare delivery in the client's own words", "to=<a@d.example>, relay=relay.d.example[192.0.2.7]:587, delay=2, delays=0.1/0/1.9/0, dsn=4.7.0, status=deferred (SASL authentication failed; cannot authenticate to server relay.d.example[192.0.2.7]: no mechanism available)",
			EvDelivery, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "smtp_sasl_no_mechanism" }},
		{"bare delivery quoting a remote", "to=<a@d.example>, relay=mx.d.example[192.0.2.7]:25, delay=2, delays=0.1/0/1.9/0, dsn=4.7.0, status=deferred (host mx.d.example[192.0.2.7] said: 454 4.7.0 cannot authenticate to server: no mechanism available (in reply to RCPT TO command))",
			EvDelivery, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known == 0 }},
		{"prose that names a relay", "relay=mx.example was set in main.cf but nothing changed, status=unknown",
			EvInvalid, noTime, "", "", "", SevInfo, nil},
		{"bare reject", "NOQUEUE: reject: RCPT from unknown[198.51.100.4]: 450 4.1.8 <x@e.example>: Sender address rejected: Domain not found; from=<x@e.example> to=<y@f.example> proto=ESMTP helo=<h>",
			EvReject, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.ClientIP == "198.51.100.4" && r.Code == 450 }},
		{"bare reject cut before its reply", "553 5.7.1 <x@e.example>: Sender address rejected: not owned by user y@e.example; from=<x@e.example> to=<z@f.example> proto=ESMTP helo=<h>",
			EvReject, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool {
				return r.Code == 553 && r.ClientIP == "" && r.Known != 0 && KnownMessages[r.Known-1].ID == "sender_login_mismatch"
			}},
		{"bare reject cut inside its envelope", "553 5.7.1 <x@e.example>: Sender address rejected: not logged in; from=<x@e.example>",
			EvReject, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool {
				return r.Code == 553 && r.Known != 0 && KnownMessages[r.Known-1].ID == "sender_not_logged_in"
			}},
		// A ticket quotes smtpd's refusal from its address or its reason
		// on, where the log line goes on with the envelope: the ";" or
		// "; from=<" that follows the reply makes it the log's.
		{"bare reject cut before its code", "<x@e.example>: Recipient address rejected: User unknown in local recipient table; from=<y@f.example> to=<x@e.example>",
			EvReject, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool {
				return r.Code == 0 && r.Known != 0 && KnownMessages[r.Known-1].ID == "unknown_local_recipient"
			}},
		{"bare reject reason cut at its envelope", "Recipient address rejected: unverified address: Address lookup failure;",
			EvReject, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "unverified_recipient" }},
		{"bare client reject reason cut at its envelope", "Client host rejected: cannot find your reverse hostname, [198.51.100.7];",
			EvReject, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 }},
		{"a reject reason without the envelope's mark", "Recipient address rejected: User unknown in virtual mailbox table",
			EvInvalid, noTime, "", "", "", SevInfo, nil},
		{"prose about a rejected recipient", "Recipient address rejected: the docs say this means the user is unknown; any idea?",
			EvInvalid, noTime, "", "", "", SevInfo, nil},
		{"a reply without smtpd's envelope", "554 5.7.1 <z@f.example>: Relay access denied",
			EvInvalid, noTime, "", "", "", SevInfo, nil},
		// smtpd's whole reply as the client saw it (a test session, a
		// user's error) has the reply code, the enhanced status, the
		// address and the restriction's words: smtpd_check.c's shape.
		{"smtpd's reply as a client saw it", "450 4.1.8 <x@e.example>: Sender address rejected: Domain not found",
			EvReject, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool {
				return r.Code == 450 && r.Known != 0 && KnownMessages[r.Known-1].ID == "sender_domain_not_found"
			}},
		{"smtpd's reply without its enhanced status", "450 <x@e.example>: Sender address rejected: Domain not found",
			EvInvalid, noTime, "", "", "", SevInfo, nil},
		{"a reply naming a restriction in prose", "550 5.1.1 the Recipient address rejected: message means the user is unknown",
			EvInvalid, noTime, "", "", "", SevInfo, nil},
		{"bare TLS failure", "server certificate verification failed for mx.g.example[192.0.2.8]:25: num=62:hostname mismatch",
			EvTLS, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Class == ClassTLS }},
		// A post marks where it cut a line's start with dots.
		{"bare warning after an ellipsis", "...warning: relayhost configuration problem",
			EvWarning, noTime, "", BareProgram, "", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "relayhost_config_problem" }},
		{"delivery cut before its status, after an ellipsis", "…status=deferred (Host or domain name not found. Name service error for name=mx.example.net type=MX: Host not found, try again)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassDNS }},
		// The smtp client's own words when the next hop is this host,
		// quoted alone, as mailq lists them, or in a bounce report.
		{"bare loop reason", "mail for 192.0.2.30 loops back to myself",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Class == ClassConfigError }},
		// The smtp client's TLS reasons, whole in its own words with no
		// peer named (smtp_tls_policy.c, smtp_proto.c), quoted alone as a
		// bounce or a user's ticket shows them.
		{"bare DANE reason, unsigned destination", "non DNSSEC destination",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.Known != 0 && KnownMessages[r.Known-1].ID == "dane_non_dnssec_destination"
			}},
		{"bare DANE reason, no TLSA records", "no TLSA records found",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "dane_no_tlsa" }},
		{"bare TLS verification reason", "Server certificate not verified",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassTLS }},
		{"bare TLS trust reason", "Server certificate not trusted",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassTLS }},
		{"bare TLS policy reason", "client TLS configuration problem",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "tls_policy_invalid" }},
		// The name service reason cut after its first sentence, as a
		// ticket's title or a bounce summary quotes it.
		{"name service reason, first sentence", "Host or domain name not found",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Class == ClassDNS && r.Domain == "" }},
		{"name service reason, first sentence and its stop", "Host or domain name not found.",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Class == ClassDNS }},
		{"mailq reason, first sentence", "(Host or domain name not found)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassDNS }},
		// A local delivery agent's fixed reason (local, virtual, pipe)
		// quoted alone: this host's words, read as that agent's.
		{"delivery cut before its status, agent's own reason", "status=deferred (mail system configuration error)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.Known != 0 && KnownMessages[r.Known-1].ID == "delivery_config_error"
			}},
		{"mailq reason, agent's own", "(mail system configuration error)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.Known != 0 && KnownMessages[r.Known-1].ID == "delivery_config_error"
			}},
		// The same words in a remote's reply are the remote's matter.
		{"remote reply with an agent's words", "status=deferred (host mx.example.org[192.0.2.1] said: 451 4.3.5 mail system configuration error (in reply to RCPT TO command))",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Known == 0 || KnownMessages[r.Known-1].ID != "delivery_config_error" }},
		// The smtp client's reason for a login to the next hop that
		// failed, quoted alone: its own words around the relay's reply.
		{"bare SASL refusal reason", "SASL authentication failed; server smtp.relay.example[192.0.2.25] said: 535 5.7.8 Error: authentication failed",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				// smtp_sasl_auth_soft_bounce (yes by default) defers a
				// 5XX login refusal.
				return r.Status == StatusDeferred && r.Known != 0 && KnownMessages[r.Known-1].ID == "smtp_sasl_server_refused" && r.Class == ClassConfigError
			}},
		{"mailq reason, SASL without mechanism", "(SASL authentication failed; cannot authenticate to server smtp.relay.example[192.0.2.25]: no mechanism available)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool {
				return r.Status == StatusDeferred && r.Known != 0 && KnownMessages[r.Known-1].ID == "smtp_sasl_no_mechanism"
			}},
		{"mailq reason, loop", "(mail for [relay.example.org]:25 loops back to myself)",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Class == ClassConfigError }},
		{"bounce report, loop", "<ann@example.org>: mail for example.org loops back to myself",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Domain == "example.org" && r.Class == ClassConfigError }},
		{"bounce status field, loop", "Diagnostic-Code: X-Postfix; mail for example.org loops back to myself",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Class == ClassConfigError }},
		// pflogsumm's detail sections: a count, right-aligned, three
		// blanks, then the reason or message it counted.
		{"pflogsumm bounce detail, loop", "         5   mail for example.org loops back to myself",
			EvDelivery, noTime, "", BareProgram, "", SevInfo,
			func(r Record) bool { return r.Class == ClassConfigError }},
		{"pflogsumm detail, left edge trimmed", "12   connect to mx.h.example[192.0.2.11]:25: Connection timed out",
			EvAttempt, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.RelayIP == "192.0.2.11" && r.Class == ClassConnectTimeout }},
		{"bare attempt", "connect to mx.h.example[192.0.2.11]:25: Connection timed out",
			EvAttempt, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.RelayIP == "192.0.2.11" && r.Class == ClassConnectTimeout }},

		{"command", "postmap: fatal: bad string length 0 < 1: mydomain =",
			EvWarning, noTime, "", "postmap", "postmap", SevFatal, nil},
		// sendmail and mailq are names other mail systems use too: only
		// Postfix's own severity label after them makes the line Postfix's,
		// the message Postfix's sendmail also logs as postfix/sendmail.
		{"generic command with Postfix's label", "sendmail: fatal: open /etc/postfix/main.cf: Permission denied",
			EvWarning, noTime, "", "postfix/sendmail", "sendmail", SevFatal, nil},
		{"mailq with Postfix's label", "mailq: fatal: Queue report unavailable - mail system is down",
			EvWarning, noTime, "", "postfix/mailq", "mailq", SevFatal, nil},
		{"command with pid", "postconf[812]: warning: /etc/postfix/main.cf, line 20: overriding earlier entry: myhostname=mx1",
			EvWarning, noTime, "", "postconf", "postconf", SevWarning, nil},
		{"command by its path", "/usr/sbin/postconf: warning: /etc/postfix/main.cf: support for parameter \"smtp_use_tls\" will be removed; instead, specify \"smtp_tls_security_level\"",
			EvWarning, noTime, "", "postconf", "postconf", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "parameter_will_be_removed" }},
		// Postfix's configuration readers open a message with the file's
		// path: pasted without the command and its label, the path is no
		// program's name.
		{"message opening with its configuration file", "/etc/postfix/master.cf: unused parameter: smtpd_foo_limit=5",
			EvWarning, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "unused_parameter" }},
		{"message opening with a table's configuration file", "/etc/postfix/sql/virtual-domains.cf: unused parameter: hosts2=db.example.org",
			EvWarning, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "unused_parameter" }},
		{"message opening with its configuration file and line", "/etc/postfix/main.cf, line 12: overriding earlier entry: relayhost=[smtp.example.org]:587",
			EvWarning, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 }},
		// dict_regexp.c, dict_pcre.c: "TYPE map FILE, line N: ..." pasted
		// without "warning: " is still the table's own message.
		{"regexp table's message opening with its map and line", "regexp map /srv/mail/header_checks, line 7: repetition-operator operand invalid",
			EvWarning, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "regexp_map_rule" }},
		{"regexp table's message with its line number hidden", "regexp map /srv/mail/smtp_header_checks, line N: trailing backslash (\\)",
			EvWarning, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "regexp_map_rule" }},
		{"pcre table's message opening with its map and line", "pcre map /srv/mail/body_checks, line 12: unknown regexp option \"q\": skipping this rule",
			EvWarning, noTime, "", "postfix", "", SevInfo,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "pcre_map_rule" }},
		{"command under a start script's tag", "Nov 28 04:00:00 mx1 mail-setup[1719]: postconf: warning: /etc/postfix/main.cf: support for parameter \"smtpd_use_tls\" will be removed; instead, specify \"smtpd_tls_security_level\"",
			EvWarning, "2026-11-28T04:00:00Z", "mx1", "postconf", "postconf", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "parameter_will_be_removed" }},
		{"command by its path under postfix's tag", "Nov 28 04:00:00 mx1 postfix[1778]: /usr/local/sbin/postconf: fatal: /usr/local/etc/postfix/main.cf, line 12: missing '=' after attribute name: \"smtpd_use_tls yes\"",
			EvWarning, "2026-11-28T04:00:00Z", "mx1", "postconf", "postconf", SevFatal,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].ID == "missing_equals" }},
		{"host, no time", "mx1 postfix/master[20]: warning: process /usr/lib/postfix/sbin/smtpd pid 21 killed by signal 11",
			EvWarning, noTime, "mx1", "postfix/master", "master", SevWarning, nil},
		{"host and facility.level", "Nov 28 04:00:00 mx1 mail.info postfix/smtpd[7]: connect from a.example[192.0.2.12]",
			EvConnect, "2026-11-28T04:00:00Z", "mx1", "postfix/smtpd", "smtpd", SevInfo,
			func(r Record) bool { return r.ClientIP == "192.0.2.12" }},
		{"level instead of host", "2026-11-28T05:00:00.5+01:00 WARNING   postfix/tlsmgr[143]: warning: btree:/var/lib/postfix/smtp_scache is unavailable. unsupported dictionary type: btree",
			EvWarning, "2026-11-28T04:00:00.5Z", "", "postfix/tlsmgr", "tlsmgr", SevWarning, nil},
		{"facility.level before host", "2026-11-28T04:00:00Z mail.info mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"level after host", "Nov 28 04:00:00 mx1 NOTICE postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"host in capitals", "Nov 28 04:00:00 BOX postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "BOX", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"time, no host", "Nov 28 04:00:00 postfix/qmgr[5]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "", "postfix/qmgr", "qmgr", SevInfo, nil},
		// A post that hides the host name puts a placeholder in its
		// place, spaces and all.
		{"host hidden behind a bracketed placeholder", "Nov 28 04:00:00 [my server] postfix/smtp[5]: 3F2A1C0: to=<a@b.example>, relay=mx.b.example[192.0.2.15]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.0.0, status=deferred (host mx.b.example[192.0.2.15] refused to talk to me: 554 No SMTP service)",
			EvDelivery, "2026-11-28T04:00:00Z", "[my server]", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool { return r.Status == StatusDeferred && r.Domain == "b.example" }},
		// A paste cut before the reason's closing parenthesis keeps the
		// reason to its end, past a parenthesis inside the reply.
		{"reason cut before its closing parenthesis", "Nov 28 04:00:00 mx1 postfix/smtp[5]: 3F2A1C1: to=<a@b.example>, relay=mx.b.example[192.0.2.16]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.0.0, status=deferred (host mx.b.example[192.0.2.16] refused to talk to me: 554-mx.b.example (mx01) ESMTP not available 554-Bad DNS PTR resource record. 554 see https://b.example/rdns",
			EvDelivery, "2026-11-28T04:00:00Z", "mx1", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool {
				n := len(r.Reason)
				return r.Class == ClassReverseDNS && n > 14 && r.Reason[n-14:] == "b.example/rdns"
			}},

		{"journalctl short-iso", "2026-11-28T05:00:00+0100 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl short-iso-precise", "2026-11-28T04:00:00.123456+0000 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00.123456Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl short-iso negative offset", "2026-11-27T23:30:00-0430 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl short-precise", "Nov 28 04:00:00.123456 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00.123456Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},

		{"log viewer's [node:module:tag]", "2026-11-28T05:00:00+01:00 [1:mail1:postfix/lmtp] 3F2A1C0: to=<a@b.example>, relay=mx.b.example[/var/lib/mail/lmtp], delay=0.68, delays=0.64/0.01/0.03/0, dsn=5.6.7, status=bounced (SMTPUTF8 is required, but was not offered by host mx.b.example[/var/lib/mail/lmtp])",
			EvDelivery, "2026-11-28T04:00:00Z", "1:mail1", "postfix/lmtp", "lmtp", SevInfo,
			func(r Record) bool {
				return r.QueueID == "3F2A1C0" && r.Status == StatusBounced && r.Known != 0 && KnownMessages[r.Known-1].ID == "smtputf8_required"
			}},
		{"log viewer's [module:tag]", "2026-11-28T05:00:00+01:00 [mail1:postfix/smtpd] connect from a.example[192.0.2.14]",
			EvConnect, "2026-11-28T04:00:00Z", "mail1", "postfix/smtpd", "smtpd", SevInfo,
			func(r Record) bool { return r.ClientIP == "192.0.2.14" }},
		// metalog (Gentoo's default logger) writes the tag in brackets
		// after the time, with no host and no pid.
		{"metalog's [tag]", "Nov 28 04:00:00 [postfix/trivial-rewrite] warning: hash:/etc/postfix/transport is unavailable. unsupported dictionary type: hash",
			EvWarning, "2026-11-28T04:00:00Z", "", "postfix/trivial-rewrite", "trivial-rewrite", SevWarning,
			func(r Record) bool { return r.Known != 0 && KnownMessages[r.Known-1].Hint == "upgrade_change" }},
		{"metalog's [tag], delivery", "Nov 28 04:00:00 [postfix/smtp] 3F2A1C0: to=<a@b.example>, relay=mx.b.example[192.0.2.15]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
			EvDelivery, "2026-11-28T04:00:00Z", "", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool { return r.QueueID == "3F2A1C0" && r.Status == StatusSent }},
		// A bracketed word that is no Postfix tag stays a host placeholder.
		{"bracketed non-Postfix word is no tag", "Nov 28 04:00:00 [mailhost] postfix/qmgr[5]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "[mailhost]", "postfix/qmgr", "qmgr", SevInfo, nil},
		// The runtime's stamp dates a line whose own stamp names no zone.
		{"CRI with syslog line", "2026-11-28T04:00:09.123456789Z stdout F Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:09.123456789Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"CRI with tag only", "2026-11-28T04:00:00.123456789Z stderr F postfix/smtp[9]: warning: TLS library problem: error:0A000086:SSL routines::certificate verify failed",
			EvWarning, "2026-11-28T04:00:00.123456789Z", "", "postfix/smtp", "smtp", SevWarning,
			func(r Record) bool { return r.Class == ClassTLS }},
		{"docker logs -t", "2026-11-28T04:00:09.5Z Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:09.5Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		// Docker's json-file log driver keeps each line of a container's
		// output as a JSON object (/var/lib/docker/containers/ID/ID-json.log).
		// Its time names its zone and the line's own stamp does not:
		// the driver's time dates the line.
		{"docker json-file, syslog line", `{"log":"Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed\n","stream":"stdout","time":"2026-11-28T04:00:09.123456789Z"}`,
			EvRemoved, "2026-11-28T04:00:09.123456789Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"docker json-file, tag only", `{"log":"postfix/smtp[9]: warning: TLS library problem: error:0A000086:SSL routines::certificate verify failed\r\n","stream":"stderr","time":"2026-11-28T04:00:00.5Z"}`,
			EvWarning, "2026-11-28T04:00:00.5Z", "", "postfix/smtp", "smtp", SevWarning,
			func(r Record) bool { return r.Class == ClassTLS }},
		{"docker json-file, fields reordered, RFC 3339 line", `{"stream":"stdout","time":"2026-11-28T04:00:09Z","log":"2026-11-28T04:00:00.25+01:00 mx1 postfix/smtp[5]: connect to mx.example.org[192.0.2.1]:25: Connection timed out\n"}`,
			EvAttempt, "2026-11-28T03:00:00.25Z", "mx1", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool { return r.Class == ClassConnectTimeout }},
		// stern, and kubectl tools like it, put the pod's and the
		// container's names before each line.
		{"stern, pod and container before an RFC 3339 line", "postfix-qfm29 postfix 2026-11-28T04:00:00.333837+00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00.333837Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"stern, pod and container before an RFC 3164 line", "mail-0 postfix Nov 28 04:00:00 mx1 postfix/smtp[5]: connect to mx.example.org[192.0.2.1]:25: Connection timed out",
			EvAttempt, "2026-11-28T04:00:00Z", "mx1", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool { return r.Class == ClassConnectTimeout }},
		{"kubectl prefix", "[pod/postfix-0/postfix] Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"kubectl prefix, tag only", "[pod/mail-7d9f/postfix] postfix/smtpd[3]: connect from a.example[192.0.2.13]",
			EvConnect, noTime, "", "postfix/smtpd", "smtpd", SevInfo, nil},
		{"compose prefix", "postfix-1  | Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"compose prefix, tag only", "mail    | postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, noTime, "", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"grep -H, rotated file", "/var/log/mail.log.1:Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"grep -Hn", "mail.log:1234:Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"grep -n", "1234:Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"zgrep -H, RFC 3339", "/var/log/mail.log.2.gz:2026-11-28T04:00:00.123456+01:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T03:00:00.123456Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl -o short-full", "Sat 2026-11-28 04:00:00 UTC mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl -o short-full, fraction", "Sat 2026-11-28 04:00:00.25 GMT mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00.25Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl -o short-unix", "1795838400.123456 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00.123456Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"ISO stamp without a zone", "2026-11-28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		// journalctl writes the month (and short-full's weekday) in the
		// shell's LC_TIME: tickets from a German or French shell say so.
		{"journalctl, German month", "Mär 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-03-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl, German December", "Dez 01 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2025-12-01T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl, French month", "févr. 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-02-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl, Spanish month", "ago 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-08-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl, Russian month", "окт 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-10-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		// Chinese, Japanese and Korean locales write the month as its
		// number and the month sign: "2月 06" (zh_CN, ja_JP), "11월 28".
		{"journalctl, Japanese month", "2月 06 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-02-06T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl, Chinese month, two digits", "11月 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl, Korean month", "3월 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-03-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl, Dutch month, precise", "mrt 28 04:00:00.5 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-03-28T04:00:00.5Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl -o short-full, German weekday", "Sa 2026-11-28 04:00:00 UTC mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journalctl -o short-full, French weekday", "sam. 2026-11-28 04:00:00 UTC mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"ISO stamp with T, without a zone", "2026-11-28T04:00:00.5 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00.5Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		// ctime(3)'s stamp, weekday first and the year after the clock, as
		// OpenWrt's logread prints its ring buffer: the year is the line's.
		{"ctime stamp with year", "Tue Nov 28 04:00:00 2017 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2017-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		// Some containers' syslog writes the time of day alone: the line
		// names no date, so it keeps none (see headerClock).
		{"time of day only, hour unpadded, facility and level", "3:04:29 c49364445807 mail.info postfix/smtp[123]: 4F2A1C0A51: to=<a@example.org>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection refused)",
			EvDelivery, noTime, "c49364445807", "postfix/smtp", "smtp", SevInfo,
			func(r Record) bool {
				return r.QueueID == "4F2A1C0A51" && r.PID == 123 && r.Class == ClassConnectRefused
			}},
		{"time of day only", "03:04:29 host postfix/smtpd[9]: connect from unknown[192.0.2.1]",
			EvConnect, noTime, "host", "postfix/smtpd", "smtpd", SevInfo,
			func(r Record) bool { return r.ClientIP == "192.0.2.1" }},
		{"time of day only, fraction, no host", "23:59:60.25 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, noTime, "", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"time of day only, level in capitals", "03:04:29 mx1 WARNING postfix/smtpd[9]: warning: hostname mx.example does not resolve to address 192.0.2.1",
			EvWarning, noTime, "mx1", "postfix/smtpd", "smtpd", SevWarning, nil},
		// The runtime's stamp dates a line that has only the time of day.
		{"docker logs -t before a time of day", "2026-11-28T04:00:09.5Z 04:00:09 mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:09.5Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"journal wrapping a container's line with a time of day", "Nov 28 04:00:00 dockerhost 3f2a9c1be0d4[812]: 03:59:59 mail postfix/qmgr[77]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mail", "postfix/qmgr", "qmgr", SevInfo, nil},
		// rsyslog templates with %syslogfacility-text%.%syslogseverity-text%
		// write the priority after the host or before it.
		{"facility and level after the host, RFC 3164", "Nov 28 04:00:00 mx1 mail.warn postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"facility and level after the host, RFC 3339", "2026-11-28T05:00:00+01:00 mx1 mail.err postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"facility and level before the host, RFC 3339", "2026-11-28T05:00:00+01:00 mail.info mx1 postfix/qmgr[1]: 3F2A1C0: removed",
			EvRemoved, "2026-11-28T04:00:00Z", "mx1", "postfix/qmgr", "qmgr", SevInfo, nil},
		{"ctime stamp, space-padded day", "Sat May  6 21:04:32 2017 mx1 postfix/master[1]: fatal: could not find any active network interfaces",
			EvWarning, "2017-05-06T21:04:32Z", "mx1", "postfix/master", "master", SevFatal, nil},
	}
	// Ansible's result for a failed task quotes the command's standard
	// error as JSON strings; the Postfix command's fatal line is read.
	cases = append(cases, []struct {
		name, line    string
		event         Event
		time          string
		host, program string
		daemon        string
		sev           Severity
		check         func(r Record) bool
	}{
		{"ansible task failure, postconf's fatal in stderr", `fatal: [mx2]: FAILED! => {"changed": false, "cmd": ["postconf", "-h", "mail_version"], "msg": "non-zero return code", "rc": 1, "stderr": "postconf: fatal: parameter inet_interfaces: no local interface found for ::1", "stderr_lines": ["postconf: fatal: parameter inet_interfaces: no local interface found for ::1"], "stdout": "", "stdout_lines": []}`,
			EvWarning, noTime, "", "postconf", "postconf", SevFatal,
			func(r Record) bool { return r.Class == ClassConfigError && r.Known != 0 }},
		{"ansible loop item failure, the fatal after a warning", `failed: [mx2] (item=transport) => {"ansible_loop_var": "item", "changed": true, "item": "transport", "msg": "non-zero return code", "rc": 1, "stderr": "postmap: warning: /etc/postfix/transport, line 3: expected format: key whitespace value\npostmap: fatal: open database /etc/postfix/transport.db: Permission denied", "stdout": ""}`,
			EvWarning, noTime, "", "postmap", "postmap", SevFatal,
			func(r Record) bool { return strings.Contains(r.Message, "Permission denied") }},
		{"ansible task failure cut short after its stderr", `fatal: [mx2]: FAILED! => {"changed": true, "cmd": ["postmap", "/etc/postfix/relay_passwd"], "msg": "non-zero return code", "rc": 1, "stderr": "postmap: warning: /etc/postfix/main.cf, line 12: overriding earlier entry: relayhost=\npostmap: fatal: bad string length 0 < 1: mydomain = ", "stderr_lines": ["postmap: warning: /etc/postfix/main.cf, line 12: overriding earlier entry: relayhost=", "postmap: fa`,
			EvWarning, noTime, "", "postmap", "postmap", SevFatal,
			func(r Record) bool {
				return r.Class == ClassConfigError && strings.Contains(r.Message, "bad string length")
			}},
		{"ansible handler failure cut short, a quote inside stderr", `fatal: [mx3]: FAILED! => {"changed": true, "cmd": ["newaliases"], "rc": 1, "stderr": "postalias: fatal: open dictionary: expecting \"type:name\" form instead of \"/etc/aliases\"", "stderr_lines": ["postalias: fatal: open dictionary: expec`,
			EvWarning, noTime, "", "postalias", "postalias", SevFatal,
			func(r Record) bool {
				return r.Class == ClassConfigError && strings.HasSuffix(r.Message, `form instead of "/etc/aliases"`)
			}},
	}...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := parse(c.line)
			if r.Event != c.event {
				t.Fatalf("event %v (%s), want %v", r.Event, r.Reason, c.event)
			}
			got := ""
			if !r.Time.IsZero() {
				got = r.Time.UTC().Format(time.RFC3339Nano)
			}
			if got != c.time {
				t.Errorf("time %q, want %q", got, c.time)
			}
			if r.Host != c.host || r.Program != c.program || r.Daemon != c.daemon || r.Severity != c.sev {
				t.Errorf("host %q program %q daemon %q severity %v, want %q %q %q %v",
					r.Host, r.Program, r.Daemon, r.Severity, c.host, c.program, c.daemon, c.sev)
			}
			if c.check != nil && !c.check(r) {
				t.Errorf("fields wrong: %+v", r)
			}
		})
	}
}

// What is not a Postfix line stays out: other programs' lines, prose, and
// words before a colon that are neither a severity nor a queue id.
func TestPastedLinesNotPostfix(t *testing.T) {
	cases := []struct {
		line  string
		event Event
	}{
		{"dovecot: imap-login: Login: user=<a@b.example>", EvOther},
		{"mx1 amavis[2231]: (02231-01) Passed CLEAN", EvOther},
		{"Nov 28 04:00:00 mx1 mail.info dovecot: imap-login: Login", EvOther},
		{"the queue is stuck since this morning", EvInvalid},
		{"ERROR: something went wrong", EvOther},
		{"web01: backup done", EvOther},
		{"a=b: text", EvInvalid},
		{"the regexp map I wrote, line 3: it looks fine", EvInvalid},
		{"ABCDEF: a word in capitals", EvOther},
		{"mx1 the server says: hello", EvInvalid},
		{"host is down", EvInvalid},
		{"lost the connection after lunch from home", EvInvalid},
		{"[not a kubectl prefix] text", EvInvalid},
		{"2026-11-28T04:00:00Z stdout text", EvInvalid},
		{"notes.txt:Nov 28 the queue is stuck", EvInvalid},
		{"2026-11-28 04:00 the queue is stuck", EvInvalid},
		{"Sat 2026-11-28 the queue is stuck", EvInvalid},
		{"Sat May  6 the queue is stuck", EvInvalid},
		{"Sat May  6 21:04:32 the queue was stuck", EvInvalid},
		{"Sat May  6 21:04:32 17 mx1 postfix/qmgr[1]: 3F2A1C0: removed", EvInvalid},
		{"Exit status:", EvInvalid},
		{"after the upgrade smtp had exit status 1 and the queue is stuck", EvInvalid},
		{"1795924800 lines lost", EvInvalid},
		{"5   apples were on the table", EvInvalid},
		{"2024   the queue was stuck", EvInvalid},
		{"  none (total: 5)", EvInvalid},
		{"(connect to the office VPN first)", EvInvalid},
		{"Nov 28 04:00:00 dockerhost 3f2a9c1be0d4[812]: Nov 28 03:59:59 mail nginx[77]: GET /", EvOther},
		{"(host down since this morning)", EvInvalid},
		{"mail for the whole team loops back to myself, it seems", EvInvalid},
		{"non DNSSEC destination, I was told", EvInvalid},
		{"is this a non DNSSEC destination?", EvInvalid},
		{"SASL authentication failed; please check the password", EvInvalid},
		{"(mail system configuration error, I think)", EvInvalid},
		{"Host or domain name not found, says the web page", EvInvalid},
		{"host or domain name not found for my own domain", EvInvalid},
		{"... and then the queue was stuck", EvInvalid},
		{"(mail transport unavailable, I think)", EvInvalid},
		{"2026-11-28T05:00:00+01:00 [1:mail1:dovecot] imap-login: Login: user=<a@b.example>", EvOther},
		// "[postfix/smtp] text" is metalog's shape, read as Postfix's;
		// a bracketed word without Postfix's "/" is no tag.
		{"2026-11-28T05:00:00+01:00 [smtp] was slow today", EvInvalid},
		{"10:30:00 the queue was stuck again", EvInvalid},
		{"10:30:00 mx1 nginx[3]: GET /", EvOther},
		{"03:04:29 mx1 mail.info dovecot: imap-login: Login", EvOther},
		{"25:04:29 mx1 postfix/qmgr[1]: 3F2A1C0: removed", EvInvalid},
		{"03:61:29 mx1 postfix/qmgr[1]: 3F2A1C0: removed", EvInvalid},
		{"3:61 mx1 postfix/qmgr[1]: 3F2A1C0: removed", EvOther},
		{"24:04 mx1 postfix/qmgr[1]: 3F2A1C0: removed", EvOther},
		{"123:04:29 mx1 postfix/qmgr[1]: 3F2A1C0: removed", EvOther},
		{"03:04:29", EvInvalid},
		{"Fri, Jul 8 2022 10:50:44 am | the queue was stuck", EvInvalid},
		{"Fri, Jul 8 2022 10:50:44 am | 2022-07-08T10:50:44Z web nginx[3]: GET /", EvOther},
		{"Jul 8, 2022 @ 22:50:44.123 | the queue was stuck", EvInvalid},
		{"2026-05-01 10:02:41.123\tmx1\tnginx[3]\tGET /index.html", EvOther},
		{"2026-05-01 10:02:41.123\tmx1\tsshd\t22\tAccepted publickey for root", EvOther},
		{"2026-05-01 10:02:41.123\tmx1\tthe queue\twas stuck", EvInvalid},
		{"2026-05-01 10:02:41.123\tthe queue was stuck\tall day", EvInvalid},
		{"sendmail: Cannot open mailhub:25", EvOther},
		{"sendmail: warning is what the manual calls it", EvOther},
		{"/usr/bin/rsync: warning: some files vanished", EvOther},
		{"/home/ann/notes.cf: remember to renew the certificate", EvInvalid},
		{"/etc/app/settings.cf, line 3: looks fine to me", EvInvalid},
		{"Nov 28 04:00:00 mx1 backup[3]: rsync: warning: some files vanished", EvOther},
		{"Nov 28 04:00:00 mx1 backup[3]: postconf is run by the backup script", EvOther},
		{"Nov 28 04:00:00 mx1 postfix[3]: /usr/sbin/postconf: the parameters look fine", EvMaster},
		// A failed task whose output is not Postfix's is Ansible's line,
		// not a bare Postfix fatal error.
		{`fatal: [web1]: FAILED! => {"changed": false, "msg": "No package matching 'foo' is available"}`, EvOther},
		{`fatal: [web1]: FAILED! => {"changed": false, "cmd": "systemctl restart nginx", "rc": 1, "stderr": "Job for nginx.service failed.", "msg": "non-zero return code"}`, EvOther},
	}
	for _, c := range cases {
		r := parse(c.line)
		if r.Event != c.event {
			t.Errorf("%s: event %v (%s), want %v", c.line, r.Event, r.Reason, c.event)
		}
		if r.Event == EvInvalid && r.Reason == "" {
			t.Errorf("%s: invalid without a reason", c.line)
		}
	}
}

// OpenWrt's logread writes the facility.priority where the host would
// be: the ctime stamp reads with it, and the year is the line's.
func TestCtimeStampWithPriority(t *testing.T) {
	r := parse("Sat May  6 21:04:32 2017 mail.crit postfix[1362]: fatal: could not find any active network interfaces")
	if r.Event == EvInvalid {
		t.Fatalf("invalid: %s", r.Reason)
	}
	if got := r.Time.UTC().Format(time.RFC3339); got != "2017-05-06T21:04:32Z" {
		t.Errorf("time %s", got)
	}
	if r.Program != "postfix" || r.PID != 1362 || r.Severity != SevFatal {
		t.Errorf("program %q pid %d severity %v", r.Program, r.PID, r.Severity)
	}
}

// An MX lookup for a name of one label is no mail domain on the Internet:
// a next hop written without brackets (relayhost = smtp:25, a container's
// service name) or a recipient domain without its dot. The delivery fails
// on this host's configuration, whatever the resolver says; a name with
// a dot, or an address lookup of a service name, stays a DNS failure.
func TestOneLabelMXLookupIsConfiguration(t *testing.T) {
	line := func(name, typ string) string {
		return "Nov 28 04:00:00 mx1 postfix/smtp[5]: 3F2A1C0: to=<ann@example.org>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=" + name + " type=" + typ + ": Host not found, try again)"
	}
	for _, c := range []struct {
		name, typ string
		want      Class
	}{
		{"relay", "MX", ClassConfigError},
		{"relay.", "MX", ClassConfigError},
		{"relay.example.net", "MX", ClassDNS},
		{"relay", "A", ClassDNS},
		{"dovecot", "AAAA", ClassDNS},
	} {
		r := parse(line(c.name, c.typ))
		if r.Event != EvDelivery || r.Class != c.want {
			t.Errorf("name=%s type=%s: event %v class %v, want %v", c.name, c.typ, r.Event, r.Class, c.want)
		}
		if c.want == ClassConfigError && r.Known != 0 && KnownMessages[r.Known-1].Hint == "dns" {
			t.Errorf("name=%s type=%s: still read as %s", c.name, c.typ, KnownMessages[r.Known-1].ID)
		}
	}
}

// Words after a reason in parentheses are read as mailq's recipients only
// when every one is an address: prose after it is not a queue listing.
func TestQueueReasonTrailingWordsMustBeAddresses(t *testing.T) {
	for _, line := range []string{
		"(connect to mx.e.example[192.0.2.8]:25: Connection timed out) is what I see",
		"(connect to mx.e.example[192.0.2.8]:25: Connection timed out) ann@e.example and more",
		"(connect to mx.e.example[192.0.2.8]:25: Connection timed out)ann@e.example",
	} {
		if r := parse(line); r.Event == EvDelivery {
			t.Errorf("%q read as a delivery", line)
		}
	}
}

// A paste that masked the client down to a word ("RCPT from XXX:") has
// no [addr]: the client ends where smtpd's reply starts, and a bracket in
// the reply or envelope ("<unknown[192.0.2.9]>") is not taken for its
// address.
func TestMaskedClientEndsAtTheReply(t *testing.T) {
	p := NewParser()
	for _, line := range []string{
		"postfix/smtpd: NOQUEUE: reject: RCPT from XXX: 554 5.7.1 <ann@example.org>: Recipient address rejected: Access denied; from=<bob@example.net> to=<ann@example.org> proto=ESMTP helo=<XXX>",
		"Nov 28 10:00:00 mx postfix/smtpd[7]: NOQUEUE: reject: RCPT from REDACTED: 554 5.7.1 <unknown[192.0.2.9]>: Client host rejected: Access denied; from=<bob@example.net> to=<ann@example.org> proto=ESMTP helo=<h>",
	} {
		var r Record
		p.Parse(line, &r)
		if r.Event != EvReject || r.Code != 554 {
			t.Errorf("%q: event %v code %d", line, r.Event, r.Code)
		}
		if strings.ContainsAny(r.ClientName, ": <") || r.ClientIP != "" {
			t.Errorf("%q: client %q [%q]", line, r.ClientName, r.ClientIP)
		}
	}
}

// mailq's reason in parentheses, quoted with the server's address cut
// (or masked down to a name: "host mx.example.net said:", "host .... said:")
// is still the smtp client's record of a server's reply: a name, the reply
// mark, then an SMTP reply code; prose about a host is not.
func TestQueueReasonWithNamedHostOnly(t *testing.T) {
	for _, line := range []string{
		"(host mx.example.net said: 450 4.1.8 <app@node7.internal.example>: Sender address rejected: Domain not found (in reply to RCPT TO command))",
		"(host ...... said: 554 5.7.1 <ann@example.org>: Relay access denied (in reply to RCPT TO command))",
	} {
		r := parse(line)
		if r.Event != EvDelivery || r.Code < 400 {
			t.Errorf("%q: event %v code %d", line, r.Event, r.Code)
		}
	}
	for _, line := range []string{
		"(host mx.example.net said: it is down)",
		"(host down since this morning)",
	} {
		if r := parse(line); r.Event == EvDelivery {
			t.Errorf("%q read as a delivery", line)
		}
	}
}

// A manual or a post that shows a line's shape hides the time of day
// behind a placeholder ("HH:MM:SS", "XX:XX:XX"): the line reads as a
// stamped one whose time is unknown, so it has no time at all, and a
// clock with digits out of range stays a bad stamp.
func TestPlaceholderClockReadsUnstamped(t *testing.T) {
	for _, line := range []string{
		"Mar 14 HH:MM:SS mx1 postfix/master[#####]: fatal: /etc/postfix/master.cf: line 40: bad transport type: inte",
		"Mar 14 hh:mm:ss mx1 postfix/master[4242]: fatal: /etc/postfix/master.cf: line 40: bad transport type: inte",
		"Mar  4 XX:XX:XX mx1 postfix/master[4242]: fatal: /etc/postfix/master.cf: line 40: bad transport type: inte",
	} {
		r := parse(line)
		if r.Event == EvInvalid {
			t.Errorf("%s: invalid: %s", line, r.Reason)
			continue
		}
		if !r.Time.IsZero() {
			t.Errorf("%s: time %v, want none", line, r.Time)
		}
		if r.Program != "postfix/master" || r.Daemon != "master" || r.Severity != SevFatal || r.Host != "mx1" {
			t.Errorf("%s: host %q program %q daemon %q severity %v", line, r.Host, r.Program, r.Daemon, r.Severity)
		}
	}
	for _, line := range []string{
		"Mar 14 HH:MM:99 mx1 postfix/master[4242]: fatal: x",
		"Mar 14 HM:SS:XX mx1 postfix/master[4242]: fatal: x",
	} {
		if r := parse(line); r.Event != EvInvalid {
			t.Errorf("%s: event %v, want invalid", line, r.Event)
		}
	}
}

// grep --color=always and log colorizers (ccze) put ANSI escape sequences
// inside a pasted line; Postfix writes none (it replaces what is not
// printable), so they are the tool's and are left out when the line is
// classed: "Connection \x1b[01;31mtimed out\x1b[m" is a connection
// timeout. The line keeps its text (sanitized where it is shown).
func TestPastedColourCodesAreLeftOut(t *testing.T) {
	in := "Dec  3 09:01:18 mx1 postfix/smtp[2527]: 26944FF770: to=<user13@free.fr>, relay=none, delay=60, delays=0.1/0/60/0, dsn=4.4.1, status=deferred (connect to mx2.free.fr[192.0.2.35]:25: Connection \x1b[01;31m\x1b[Ktimed out\x1b[m\x1b[K)\n" +
		"\x1b[35mDec  3 09:01:19 mx1 postfix/smtp[2528]: 26944FF771: to=<user14@free.fr>, relay=none, delay=60, delays=0.1/0/60/0, dsn=4.4.1, status=deferred (connect to mx2.free.fr[192.0.2.36]:25: Connection timed out)\x1b[0m\n"
	path := filepath.Join(t.TempDir(), "paste.log")
	os.WriteFile(path, []byte(in), 0o600)
	for _, spec := range []LogSpec{
		{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true},
		{Kind: LogReplay, Paths: []string{path}, Block: true, Workers: 2},
	} {
		recs, _, err := collect(t, context.Background(), spec)
		if err != nil || len(recs) != 2 {
			t.Fatalf("%v: err %v, %d records", spec.Kind, err, len(recs))
		}
		for _, r := range recs {
			if r.Class != ClassConnectTimeout {
				t.Errorf("%v: class %v line %q", spec.Kind, r.Class, r.Line)
			}
		}
	}
}

// A paste of sort | uniq -c counts each line: its count is how many times
// the line was logged, and it is read that many times (up to a bound per
// chunk), so that a hint weighs 4521 timeouts as 4521.
func TestPastedUniqCountsRepeatTheLine(t *testing.T) {
	in := "   4521 connect to mx1.gmx.de[192.0.2.100]:25: Connection timed out\n" +
		"    133 host mx.big.example[192.0.2.9] refused to talk to me: 421 4.7.0 mx.big.example Error: too many connections from 203.0.113.5\n" +
		"      1 host mx.big.example[192.0.2.9] said: 250 ok\n"
	path := filepath.Join(t.TempDir(), "paste.log")
	os.WriteFile(path, []byte(in), 0o600)
	for _, workers := range []int{1, 2} {
		recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		by := map[Class]int{}
		for _, r := range recs {
			by[r.Class]++
		}
		if by[ClassConnectTimeout] != 4521 || by[ClassConnLimit] != 133 || len(recs) != 4521+133+1 {
			t.Errorf("%d workers: %d records, %v", workers, len(recs), by)
		}
	}
	// A count past the bound is read up to it, not a billion times.
	big := "  999999999 connect to mx1.gmx.de[192.0.2.100]:25: Connection timed out\n"
	os.WriteFile(path, []byte(big), 0o600)
	recs, _, _ := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
	if len(recs) != maxUniqRepeats {
		t.Errorf("a huge count read as %d records, want %d", len(recs), maxUniqRepeats)
	}
}

// A paste piped into a report (xclip -o | mxtop report --log -) is read as
// the same paste in a file is: wrapped lines joined, counted lines
// repeated. The live view's stdin is read as it comes, line by line.
func TestPipedPasteReadsAsAFile(t *testing.T) {
	in := "Dec  3 09:00:04 mx1 postfix/master[811]: warning: service \"smtp\" (25) has\nreached its process limit \"100\": new clients may experience noticeable delays\n" +
		"      3 connect to mx1.gmx.de[192.0.2.100]:25: Connection timed out\n"
	path := filepath.Join(t.TempDir(), "paste.log")
	os.WriteFile(path, []byte(in), 0o600)
	summary := func(spec LogSpec) string {
		t.Helper()
		recs, _, err := collect(t, context.Background(), spec)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range recs {
			fmt.Fprintf(&b, "%v/%v ", r.Event, r.Class)
		}
		return b.String()
	}
	file := summary(LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
	piped := summary(LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true})
	if piped != file || !strings.Contains(file, "process_limit") {
		t.Errorf("piped %s\nfile  %s", piped, file)
	}
}

// A paste copied from a web page's source, or a ticket that escaped it,
// has its lines HTML-escaped (to=&lt;...&gt;, &quot;smtp&quot;): a line
// with escapes and none of the characters they stand for is read as its
// unescaped self. A line with its own angle brackets keeps its text as
// logged, escapes included.
func TestPastedHTMLEscapedLines(t *testing.T) {
	in := "Dec  3 09:00:07 mx1 postfix/smtp[2999]: 272D1371C1: to=&lt;u1@bigmail.example&gt;, relay=mx.bigmail.example[198.51.100.25]:25, delay=0.4, delays=0.1/0/0.3/0, dsn=4.7.0, status=deferred (host mx.bigmail.example[198.51.100.25] refused to talk to me: 421 4.7.0 too many connections)\n" +
		"Dec  3 09:00:08 mx1 postfix/master[811]: warning: service &quot;smtp&quot; (25) has reached its process limit &quot;100&quot;: new clients may experience noticeable delays\n" +
		"Dec  3 09:00:09 mx1 postfix/smtp[3000]: 372D1371C1: to=<u2@bigmail.example>, relay=mx.bigmail.example[198.51.100.25]:25, delay=0.4, delays=0.1/0/0.3/0, dsn=5.0.0, status=bounced (host mx.bigmail.example[198.51.100.25] said: 550 &lt;u2&gt; unknown)\n"
	path := filepath.Join(t.TempDir(), "paste.log")
	os.WriteFile(path, []byte(in), 0o600)
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
	if err != nil || len(recs) != 3 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if r := recs[0]; r.Event != EvDelivery || r.Domain != "bigmail.example" || r.Class != ClassConnLimit {
		t.Errorf("escaped delivery: event %v domain %q class %v", r.Event, r.Domain, r.Class)
	}
	if r := recs[1]; r.Class != ClassProcessLimit || r.Service != "smtp" {
		t.Errorf("escaped process limit: class %v service %q", r.Class, r.Service)
	}
	if r := recs[2]; r.Event != EvDelivery || !strings.Contains(r.Reason, "&lt;u2&gt;") {
		t.Errorf("a line with its own brackets: event %v reason %q", r.Event, r.Reason)
	}
}
