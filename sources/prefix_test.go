package sources

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestStripPrefix(t *testing.T) {
	const syslog = "Nov 28 04:00:00 mx1 postfix/qmgr[1]: 3F2A1C0: removed"
	cases := []struct{ name, in, want, stamp string }{
		{"CRI full line", "2026-11-28T04:00:00.123456789Z stdout F " + syslog, syslog, "2026-11-28T04:00:00.123456789Z"},
		{"CRI partial line, stderr", "2026-11-28T04:00:00.1+01:00 stderr P postfix/smtp[1]: x", "postfix/smtp[1]: x", "2026-11-28T04:00:00.1+01:00"},
		{"CRI empty line", "2026-11-28T04:00:00Z stdout F ", "", "2026-11-28T04:00:00Z"},
		{"docker logs -t", "2026-11-28T04:00:09.5Z " + syslog, syslog, "2026-11-28T04:00:09.5Z"},
		{"docker logs -t, day padded", "2026-11-28T04:00:09.5Z Nov  5 04:00:00 mx1 x", "Nov  5 04:00:00 mx1 x", "2026-11-28T04:00:09.5Z"},
		{"docker logs -t before an RFC 3339 line", "2026-11-28T04:00:09.5Z 2026-11-28T05:00:09.4+01:00 mx1 postfix/qmgr[1]: x", "2026-11-28T05:00:09.4+01:00 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:09.5Z"},
		{"docker compose logs -t before an RFC 3339 line", "postfix-1  | 2026-11-28T04:00:09.5Z 2026-11-28T04:00:09Z mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:09Z mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:09.5Z"},
		{"docker logs -t before a time of day", "2026-11-28T04:00:09.5Z 4:00:09 mx1 postfix/qmgr[1]: x", "4:00:09 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:09.5Z"},
		{"a clock without seconds after a runtime stamp is no stamp", "2026-11-28T04:00:09.5Z 04:00 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:09.5Z 04:00 mx1 postfix/qmgr[1]: x", ""},
		{"a time past the day after a runtime stamp is no stamp", "2026-11-28T04:00:09.5Z 24:00:09 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:09.5Z 24:00:09 mx1 postfix/qmgr[1]: x", ""},
		{"a date after a runtime stamp is no stamp", "2026-11-28T04:00:09.5Z 2026-11-28 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:09.5Z 2026-11-28 mx1 postfix/qmgr[1]: x", ""},
		{"kubectl", "[pod/postfix-0/postfix] " + syslog, syslog, ""},
		{"kubectl deployment", "[deployment/mail/smtp] postfix/smtp[1]: x", "postfix/smtp[1]: x", ""},
		{"kubectl --prefix --timestamps", "[pod/postfix-0/postfix] 2026-11-28T04:00:09.123456789Z " + syslog, syslog, "2026-11-28T04:00:09.123456789Z"},
		{"compose", "postfix-1  | " + syslog, syslog, ""},
		{"docker compose logs -t", "postfix-1  | 2026-11-28T04:00:09.5Z " + syslog, syslog, "2026-11-28T04:00:09.5Z"},
		{"docker compose logs -t, coloured", "\x1b[36mpostfix-1  |\x1b[0m 2026-11-28T04:00:09.5Z " + syslog, syslog, "2026-11-28T04:00:09.5Z"},
		{"compose before an RFC 3339 line", "postfix-1  | 2026-11-28T04:00:00+0000 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:00+0000 mx1 postfix/qmgr[1]: x", ""},
		{"indented (a pasted code block)", "    " + syslog, syslog, ""},
		{"tab", "\t" + syslog, syslog, ""},
		{"mail quote", "> " + syslog, syslog, ""},
		{"mail quote twice", ">> > " + syslog, syslog, ""},
		{"table gutter", "|  " + syslog, syslog, ""},
		{"table gutter after indentation", "  | " + syslog, syslog, ""},
		{"bar without a space is kept", "|" + syslog, "|" + syslog, ""},
		{"root shell prompt", "# " + syslog, syslog, ""},
		{"quoted whole in prose", "\"" + syslog + "\"", syslog, ""},
		{"inline code", "`" + syslog + "`", syslog, ""},
		{"inline code, indented, blank before the close", "  `postdrop: warning: x`  ", "postdrop: warning: x", ""},
		{"quote opened, not closed, is kept", "\"" + syslog, "\"" + syslog, ""},
		{"inline code closed on a later line, before a stamp", "`" + syslog, syslog, ""},
		{"inline code closed on a later line, indented, before an RFC 3339 stamp", "  `2026-11-28T04:00:00+01:00 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:00+01:00 mx1 postfix/qmgr[1]: x", ""},
		{"inline code closed on a later line, before a Postfix tag without a header", "`postfix/pipe[2689]: 1BB6642432: to=<a@example.net>, relay=dovecot, delay=626,", "postfix/pipe[2689]: 1BB6642432: to=<a@example.net>, relay=dovecot, delay=626,", ""},
		{"backtick opened before no stamp is kept", "`warning: x", "`warning: x", ""},
		{"backtick before a word that is no Postfix tag is kept", "`postfixadmin[3]: x", "`postfixadmin[3]: x", ""},
		{"a lone backtick is kept", "`", "`", ""},
		{"Markdown emphasis", "_" + syslog + "_", syslog, ""},
		{"Markdown strong emphasis", "**" + syslog + "**", syslog, ""},
		{"Markdown strong emphasis, underscores", "__" + syslog + "__", syslog, ""},
		{"Markdown emphasis around inline code", "*`" + syslog + "`*", syslog, ""},
		{"emphasis opened, not closed, is kept", "_" + syslog, "_" + syslog, ""},
		{"unlike emphasis marks are kept", "**" + syslog + "_", "**" + syslog + "_", ""},
		{"uneven emphasis marks are kept", "**" + syslog + "*", "**" + syslog + "*", ""},
		{"only emphasis marks are kept", "____", "____", ""},
		{"unlike quotes are kept", "\"" + syslog + "`", "\"" + syslog + "`", ""},
		{"a lone quote is kept", "\"", "\"", ""},
		{"root shell prompt before host and program only", "# mx1 postfix/postscreen: warning: x", "mx1 postfix/postscreen: warning: x", ""},
		{"indented root shell prompt", "  #  " + syslog, syslog, ""},
		{"hash without a space is kept", "#" + syslog, "#" + syslog, ""},
		{"only a prompt", "# ", "# ", ""},
		{"bash prompt of the Red Hat family, root", "[root@mx1 postfix]# postmap: fatal: open /etc/postfix/virtual: No such file or directory", "postmap: fatal: open /etc/postfix/virtual: No such file or directory", ""},
		{"bash prompt of the Red Hat family, user", "[ann@mx1 ~]$ postqueue: warning: Mail system is down -- accessing queue directly", "postqueue: warning: Mail system is down -- accessing queue directly", ""},
		{"bracketed words before a hash are kept", "[see below]# " + syslog, "[see below]# " + syslog, ""},
		{"a prompt alone is kept", "[root@mx1 ~]# ", "[root@mx1 ~]# ", ""},
		{"bash prompt of Debian and Ubuntu, root", "root@mx1:~# postmap: fatal: open /etc/postfix/virtual: No such file or directory", "postmap: fatal: open /etc/postfix/virtual: No such file or directory", ""},
		{"bash prompt of Debian and Ubuntu, user", "ann@mx1:/etc/postfix$ postqueue: warning: Mail system is down -- accessing queue directly", "postqueue: warning: Mail system is down -- accessing queue directly", ""},
		{"an address and its reason are kept", "bob@example.org: host mx.example.org[192.0.2.2] said: 550 5.1.1 User unknown", "bob@example.org: host mx.example.org[192.0.2.2] said: 550 5.1.1 User unknown", ""},
		{"list item", "- " + syslog, syslog, ""},
		{"list item, asterisk", "* " + syslog, syslog, ""},
		{"list item, indented, bare message", "  - warning: x", "warning: x", ""},
		{"list item before quoted code", "- `" + syslog + "`", syslog, ""},
		{"dash without a space is kept", "-" + syslog, "-" + syslog, ""},
		{"only a list mark", "- ", "- ", ""},
		{"indented bare message", "  3F2A1C0: removed", "3F2A1C0: removed", ""},
		{"indented compose", "  postfix-1  | " + syslog, syslog, ""},
		{"only blanks", "   ", "   ", ""},
		{"uniq -c count", "      3 " + syslog, syslog, ""},
		{"cat -n's line number", "     3\t" + syslog, syslog, ""},
		{"nl's line number, six digits", "123456\t" + syslog, syslog, ""},
		{"cat -n's number before no stamp is kept", "     3\tthe queue was stuck", "3\tthe queue was stuck", ""},
		{"uniq -c count, host and program only", "     12 mx1 postfix/local: warning: x", "mx1 postfix/local: warning: x", ""},
		{"uniq -c count, indented further", "         7 " + syslog, syslog, ""},
		{"uniq -c count of seven digits", "1234567 " + syslog, "1234567 " + syslog, ""},
		{"indented number, not uniq's width", "  3 " + syslog, "3 " + syslog, ""},
		{"log table row", "28/11/2026, 04:00:00 | warning | warning: x", "warning: x", ""},
		{"log table row, blanks widened by the viewer", "28/11/2026 à 04:00:00 | warning | warning:  TLS library problem: error:1417D102:SSL  routines:x:unsupported  protocol", "warning: TLS library problem: error:1417D102:SSL routines:x:unsupported protocol", ""},
		{"log table row, date in words", "28/11/2026 at 04:00:00 | info | " + syslog, syslog, ""},
		{"grep -n before a time of day", "1234:03:04:29 mx1 postfix/qmgr[1]: x", "03:04:29 mx1 postfix/qmgr[1]: x", ""},
		{"grep -H before a time of day", "/var/log/mail.log:3:04:29 mx1 postfix/qmgr[1]: x", "3:04:29 mx1 postfix/qmgr[1]: x", ""},
		{"a time of day is no grep prefix", "03:04:29 mx1 postfix/qmgr[1]: x", "03:04:29 mx1 postfix/qmgr[1]: x", ""},
		{"a time of day and its fraction are no grep prefix", "3:04:29.5 mx1 postfix/qmgr[1]: x", "3:04:29.5 mx1 postfix/qmgr[1]: x", ""},
		{"log viewer's time column", "Fri, Jul 8 2022 10:50:44 am | 2022-07-08T10:50:44.123456+00:00 mail postfix/smtpd[12]: x", "2022-07-08T10:50:44.123456+00:00 mail postfix/smtpd[12]: x", ""},
		{"log viewer's time column, locale's order", "8.7.2022 10:50:44 | Jul  8 10:50:44 mail postfix/smtpd[12]: x", "Jul  8 10:50:44 mail postfix/smtpd[12]: x", ""},
		{"log viewer's time column before prose", "Fri, Jul 8 2022 10:50:44 am | the queue was stuck", "Fri, Jul 8 2022 10:50:44 am | the queue was stuck", ""},
		{"log viewer's column without a time", "Fri, Jul 8 2022 | 2022-07-08T10:50:44Z mail postfix/smtpd[12]: x", "Fri, Jul 8 2022 | 2022-07-08T10:50:44Z mail postfix/smtpd[12]: x", ""},
		{"log table row, level unknown", "28/11/2026, 04:00:00 | loud | x", "28/11/2026, 04:00:00 | loud | x", ""},
		{"log table row without a time", "28/11/2026 | info | x", "28/11/2026 | info | x", ""},
		{"log table row, tab-separated cells", "2026-11-28T04:00:00\tCritical\tpostfix/local\tfatal: x", "postfix/local: fatal: x", "2026-11-28T04:00:00"},
		{"log table row, tabs, level in words", "2026-11-28T04:00:00\tInformational\tpostfix/qmgr[1]\t3F2A1C0: removed", "postfix/qmgr[1]: 3F2A1C0: removed", "2026-11-28T04:00:00"},
		{"log table row, tabs, local date", "28/11/2026 04:00:00\twarning\tpostfix/smtpd\twarning: x", "postfix/smtpd: warning: x", ""},
		// A second cell that is no level is a host's, as a log search's
		// export writes it; the program cell must still read as a tag.
		{"log table row, tabs, level unknown, read as a host", "2026-11-28T04:00:00\tloud\tpostfix/local\tx", "loud postfix/local: x", "2026-11-28T04:00:00"},
		{"log table row, tabs, level unknown, no tag", "2026-11-28T04:00:00\tloud\tpostfix/local[x]\tx", "2026-11-28T04:00:00\tloud\tpostfix/local[x]\tx", ""},
		{"log table row, tabs, program with a blank", "2026-11-28T04:00:00\terror\tmy prog\tx", "2026-11-28T04:00:00\terror\tmy prog\tx", ""},
		{"log table row, tabs, no message cell", "2026-11-28T04:00:00\terror\tpostfix/local", "2026-11-28T04:00:00\terror\tpostfix/local", ""},
		{"log table row, tabs, no program column", "28/11/2026 à 04:00:00\twarning\twarning: TLS library problem: x", "warning: TLS library problem: x", ""},
		{"log table row, tabs, no program column, RFC 3339 time", "2026-11-28T04:00:00\tinfo\tconnect from unknown[192.0.2.1]", "connect from unknown[192.0.2.1]", "2026-11-28T04:00:00"},
		{"log table row, tabs, blanks widened by the viewer", "2026-11-28T04:00:00\twarning\tpostfix/smtpd\twarning:  TLS library  problem", "postfix/smtpd: warning: TLS library problem", "2026-11-28T04:00:00"},
		{"log table row, tabs, no program column, level unknown", "28/11/2026 04:00:00\tloud\tconnect from x", "28/11/2026 04:00:00\tloud\tconnect from x", ""},
		{"log table row, tabs, no time", "2026-11-28\terror\tpostfix/local\tx", "2026-11-28\terror\tpostfix/local\tx", ""},
		{"exported row, host and tag cells", "2026-05-01 10:02:41.123\tmx1\tpostfix/smtp[4242]\t4F2A1C0A51: removed", "mx1 postfix/smtp[4242]: 4F2A1C0A51: removed", "2026-05-01 10:02:41.123"},
		{"exported row, pid cell", "2026-05-01 10:02:41.123\tmx1\tpostfix/smtp\t4242\t4F2A1C0A51: removed", "mx1 postfix/smtp[4242]: 4F2A1C0A51: removed", "2026-05-01 10:02:41.123"},
		{"exported row, tag cell with its colon", "2026-05-01 10:02:41.123\tmx1\tpostfix/smtp[4242]:\t4F2A1C0A51: removed", "mx1 postfix/smtp[4242]: 4F2A1C0A51: removed", "2026-05-01 10:02:41.123"},
		{"exported row, blanks widened", "2026-05-01 10:02:41\tmx1\tpostfix/smtpd[9]\twarning:  TLS library  problem", "mx1 postfix/smtpd[9]: warning: TLS library problem", "2026-05-01 10:02:41"},
		{"exported row, tag cell with a blank", "2026-05-01 10:02:41\tmx1\tmy prog\tx", "2026-05-01 10:02:41\tmx1\tmy prog\tx", ""},
		{"exported row, host cell with a blank", "2026-05-01 10:02:41\tmy host\tpostfix/smtp\tx", "2026-05-01 10:02:41\tmy host\tpostfix/smtp\tx", ""},
		{"exported row, no message cell", "2026-05-01 10:02:41\tmx1\tpostfix/smtp[1]", "2026-05-01 10:02:41\tmx1\tpostfix/smtp[1]", ""},
		{"exported row, empty message cell", "2026-05-01 10:02:41\tmx1\tpostfix/smtp[1]\t", "2026-05-01 10:02:41\tmx1\tpostfix/smtp[1]\t", ""},
		{"exported row, pid cell but no message", "2026-05-01 10:02:41\tmx1\tpostfix/smtp\t42\t", "2026-05-01 10:02:41\tmx1\tpostfix/smtp\t42\t", ""},
		{"exported row, no time", "2026-05-01\tmx1\tpostfix/smtp[1]\tx", "2026-05-01\tmx1\tpostfix/smtp[1]\tx", ""},
		{"compose, coloured", "\x1b[36mpostfix-1  |\x1b[0m " + syslog, syslog, ""},
		{"compose, colours shown by less", "ESC[36mpostfix-1  |ESC[0m " + syslog, syslog, ""},
		{"compose, two colour codes", "\x1b[1;36mpostfix-1\x1b[0m  | " + syslog, syslog, ""},
		{"coloured syslog line", "\x1b[0m" + syslog, syslog, ""},
		{"colour code cut", "\x1b[36", "\x1b[36", ""},
		{"ESC as a word", "ESC[x] " + syslog, "ESC[x] " + syslog, ""},

		{"syslog", syslog, syslog, ""},
		{"short-iso", "2026-11-28T04:00:00+0000 mx1 postfix/qmgr[1]: x", "2026-11-28T04:00:00+0000 mx1 postfix/qmgr[1]: x", ""},
		{"host named Nov", "2026-11-28T04:00:00Z Nov postfix/qmgr[1]: x", "2026-11-28T04:00:00Z Nov postfix/qmgr[1]: x", ""},
		{"host named stdout", "2026-11-28T04:00:00Z stdout postfix/qmgr[1]: x", "2026-11-28T04:00:00Z stdout postfix/qmgr[1]: x", ""},
		{"CRI with a bad stamp", "2026-11-28T04:00:0xZ stdout F x", "2026-11-28T04:00:0xZ stdout F x", ""},
		{"CRI tag in lower case", "2026-11-28T04:00:00Z stdout f x", "2026-11-28T04:00:00Z stdout f x", ""},
		{"CRI cut after the tag", "2026-11-28T04:00:00Z stdout F", "2026-11-28T04:00:00Z stdout F", ""},
		{"brackets, one slash", "[pod/postfix-0] x", "[pod/postfix-0] x", ""},
		{"brackets, empty part", "[pod//postfix] x", "[pod//postfix] x", ""},
		{"brackets, no space after", "[pod/a/b]x", "[pod/a/b]x", ""},
		{"brackets, space inside", "[pod/a b/c] x", "[pod/a b/c] x", ""},
		{"brackets cut", "[pod/a/b", "[pod/a/b", ""},
		{"empty", "", "", ""},
	}
	for _, c := range cases {
		got, stamp := stripPrefix(c.in)
		if got != c.want || stamp != c.stamp {
			t.Errorf("%s: stripPrefix(%q) = %q, %q; want %q, %q", c.name, c.in, got, stamp, c.want, c.stamp)
		}
	}
}

// A log source hands lines over with their container prefixes; the parser
// strips them, so the stdin, file and docker sources all read them.
func TestLogSourceStripsContainerPrefixes(t *testing.T) {
	in := "2026-11-28T10:00:01.5Z stdout F " + logLine(1, "ABCDEF1234: removed") + "\n" +
		"[pod/postfix-0/postfix] " + logLine(2, "ABCDEF1235: removed") + "\n" +
		"mailserver | " + logLine(3, "ABCDEF1236: removed") + "\n" +
		"2026-11-28T10:00:04.5Z stderr F postfix/qmgr[1]: ABCDEF1237: removed\n"
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true, Parser: fixedParser()})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	for _, r := range recs {
		if r.Event != EvRemoved || r.Time.IsZero() {
			t.Errorf("prefix not stripped: %q -> %v at %v", r.Line, r.Event, r.Time)
		}
	}
	if got := recs[3].Time.Format("15:04:05.0"); got != "10:00:04.5" {
		t.Errorf("CRI stamp not used for a line without one: %s", got)
	}
}

// A file saved by a Windows editor starts with a UTF-8 byte order mark,
// and text copied from a web page may carry no-break spaces where the
// syslog header has spaces ("Dec\u00a0 3"): each line reads as the plain
// one does.
func TestByteOrderMarkAndNoBreakSpaces(t *testing.T) {
	plain := "Dec  3 09:01:18 mx1 postfix/smtp[2527]: 26944FF770: to=<a@free.fr>, relay=none, delay=60, delays=0.1/0/60/0, dsn=4.4.1, status=deferred (connect to mx2.free.fr[192.0.2.35]:25: Connection timed out)"
	want := parse(plain)
	for _, line := range []string{
		"\ufeff" + plain,
		strings.Replace(plain, "Dec  3", "Dec\u00a0 3", 1),
		strings.ReplaceAll(plain[:len("Dec  3 09:01:18 mx1 postfix/smtp[2527]:")], " ", "\u00a0") + plain[len("Dec  3 09:01:18 mx1 postfix/smtp[2527]:"):],
	} {
		got := parse(line)
		if got.Event != want.Event || got.Class != want.Class || !got.Time.Equal(want.Time) || got.Daemon != want.Daemon {
			t.Errorf("%q: event %v class %v time %v daemon %q, want %v %v %v %q", line, got.Event, got.Class, got.Time, got.Daemon, want.Event, want.Class, want.Time, want.Daemon)
		}
	}
}

// No-break spaces are read as spaces in the header only: a message's own
// keep theirs.
func TestNoBreakSpacesOnlyInTheHeader(t *testing.T) {
	line := "2026-12-03T09:14:02Z mx postfix/qmgr[2]: 4A1B2C: from=<a\u00a0b@x.example>, size=1, nrcpt=1 (queue active)"
	if r := parse(line); r.From != "a\u00a0b@x.example" {
		t.Errorf("sender %q", r.From)
	}
}

// BenchmarkNoBreakSpaceLine parses a 64 KiB line of no-break spaces: one
// pass over it, not one per 64 bytes.
func BenchmarkNoBreakSpaceLine(b *testing.B) {
	long := strings.Repeat("\u00a0", 32<<10)
	for b.Loop() {
		parse(long)
	}
}

// cet is the zone of a host whose clock is an hour east of UTC. Tests
// give it to the parser (Parser.Loc, time.Local when nil) rather than
// setting time.Local, which every goroutine reads (time.Now) while
// another test's commands may still be ending.
var cet = time.FixedZone("CET", 3600)

// A container's syslog writes its own stamp without a zone, in the
// container's local time (UTC unless its image sets TZ), which need not
// be the host's: the runtime's stamp, an absolute time, dates such a
// line. A line whose own stamp names its zone keeps it.
func TestRuntimeStampDatesLineWithoutZone(t *testing.T) {
	const msg = " mail postfix/smtp[1]: 3F2A1C0: to=<a@b.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.5]:25: Connection refused)"
	for _, c := range []struct{ name, line, want string }{
		{"docker logs -t, container in UTC", "2026-11-28T16:40:29.123456789Z Nov 28 16:40:29" + msg, "2026-11-28T16:40:29.123456789Z"},
		{"docker logs -t, container west of the host", "2026-11-28T16:40:29.5Z Nov 28 11:40:29" + msg, "2026-11-28T16:40:29.5Z"},
		{"CRI", "2026-11-28T16:40:29.5Z stdout F Nov 28 16:40:29" + msg, "2026-11-28T16:40:29.5Z"},
		{"CRI with an offset", "2026-11-28T17:40:29.5+01:00 stdout F Nov 28 16:40:29" + msg, "2026-11-28T16:40:29.5Z"},
		{"docker compose logs -t", "mailserver-1  | 2026-11-28T16:40:29.5Z Nov 28 16:40:29" + msg, "2026-11-28T16:40:29.5Z"},
		{"kubectl logs --prefix --timestamps", "[pod/mail-0/postfix] 2026-11-28T16:40:29.5Z Nov 28 16:40:29" + msg, "2026-11-28T16:40:29.5Z"},
		{"docker logs -t, last year's log", "2025-12-31T23:59:59.5Z Dec 31 23:59:59" + msg, "2025-12-31T23:59:59.5Z"},
		{"CRI, RFC 3164 after a priority", "2026-11-28T16:40:29.5Z stdout F <22>Nov 28 16:40:29" + msg, "2026-11-28T16:40:29.5Z"},
		{"CRI, RFC 5424 with its zone", "2026-11-28T16:40:29.5Z stdout F <22>1 2026-11-28T17:40:28.9+01:00 mail postfix/smtp 1 - - " + msg[len(" mail postfix/smtp[1]: "):], "2026-11-28T16:40:28.9Z"},
		{"own stamp with its zone", "2026-11-28T16:40:29.5Z 2026-11-28T17:40:28.9+01:00" + msg, "2026-11-28T16:40:28.9Z"},
		{"no runtime stamp: the host's zone", "Nov 28 16:40:29" + msg, "2026-11-28T15:40:29Z"},
	} {
		p := &Parser{Now: func() time.Time { return time.Date(2026, 11, 28, 17, 0, 0, 0, time.UTC) }, Loc: cet}
		var r Record
		p.Parse(c.line, &r)
		if got := r.Time.UTC().Format(time.RFC3339Nano); r.Event != EvDelivery || got != c.want {
			t.Errorf("%s: %v at %s, want a delivery at %s", c.name, r.Event, got, c.want)
		}
	}
}
