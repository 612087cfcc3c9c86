package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// gapCases are Postfix messages that real logs hold and the knowledge
// base once left unexplained, each written from its format string in
// Postfix's source: the entry it matches, the hint it feeds and at what
// severity for one line, and words its cause and fix must say.
var gapCases = []struct {
	id, tag, msg string // the line is "<tag>[pid]: <msg>"
	hint         string
	// rule: the hint is a rule's that takes the entry's words into its
	// evidence and cautions, led by what it finds itself.
	rule       bool
	sev        Severity
	cause, fix []string
}{
	{"smtp_bind_no_port", "postfix/smtp", "warning: smtp_connect_addr: bind 198.51.100.25: Address already in use",
		sources.HintConfigError, false, SevWarning,
		[]string{"no free local port", "ip_local_port_range", "TIME_WAIT", "no program holds a port"},
		[]string{"ss -tan state time-wait", "sysctl net.ipv4.ip_local_port_range", "makes it worse"}},
	{"qmgr_avoid_flush", "postfix/qmgr", "warning: lots of deferred mail, that is bad for performance",
		"queue_backlog", true, SevWarning,
		[]string{"please avoid flushing the whole queue"},
		[]string{"do not run postqueue -f"}},
	{"attr_premature_eof", "postfix/smtpd", "warning: unexpected end-of-input from private/policy while reading input attribute name",
		sources.HintDaemonCrash, false, SevInfo,
		[]string{"closed the connection before answering"},
		[]string{"read the log of the service"}},
	{"table_update_redirected", "postfix/tlsmgr", "warning: request to update table btree:/etc/postfix/smtpd_scache in non-postfix directory /etc/postfix",
		sources.HintConfigError, false, SevInfo,
		[]string{"mail_owner does not own", "data_directory instead", "no mail waits"},
		[]string{"${data_directory}/smtpd_scache", "do not chown"}},
	{"nis_domain_not_set", "postfix/local", "warning: dict_nis_init: NIS domain name not set - NIS lookups disabled",
		sources.HintConfigError, false, SevInfo,
		[]string{"nis:mail.aliases", "no NIS domain", "mail is delivered"},
		[]string{"postconf -d alias_maps", "remove only the nis: entry"}},
	{"watchdog_timeout", "postfix/postscreen", "fatal: watchdog timeout",
		sources.HintDaemonCrash, false, SevCritical,
		[]string{"postscreen_watchdog_timeout", "daemon_timeout", "lock on a cache table"},
		[]string{"raising postscreen_watchdog_timeout", "hang longer", "local disk"}},
	{"table_duplicate_entry", "postfix/postmap", `warning: /etc/postfix/virtual.db: duplicate entry: "sales@example.org"`,
		sources.HintConfigError, false, SevInfo,
		[]string{"first line with that key is kept", "has no effect"},
		[]string{"one line per key", "run postmap", "postmap -w only hides"}},
	{"check_server_lookup_failed", "postfix/smtpd", "warning: Unable to look up MX host for spam.example: Host not found",
		"dns", false, SevInfo,
		[]string{"check_sender_mx_access", "skips that check", "this host's resolver is failing"},
		[]string{"nothing for scattered domains", "dig mx"}},
	{"postscreen_getpeername", "postfix/postscreen", "warning: getpeername: Transport endpoint is not connected -- dropping this connection",
		"inbound_limits", false, SevInfo,
		[]string{"already gone", "no mail was lost"},
		[]string{"nothing for scattered ones", "listen queue"}},
	{"cyrus_password_failed", "postfix/submission/smtpd", "warning: SASL authentication failure: Password verification failed",
		"inbound_limits", false, SevInfo,
		[]string{"Cyrus SASL", "password did not match", "another backend"},
		[]string{"testsaslauthd", "do not ban this site's users"}},
	{"config_symlink_leaves", "postfix/postfix-script", "warning: symlink leaves directory: /etc/postfix/./makedefs.out",
		sources.HintConfigError, false, SevInfo,
		[]string{"makedefs.out", "harmless"},
		[]string{"cp --remove-destination /usr/share/postfix/makedefs.out /etc/postfix/makedefs.out"}},
	{"attr_malformed_data", "postfix/smtpd", "warning: malformed numerical data from private/policy while reading input attribute data: HTTP/1.1 400",
		sources.HintConfigError, false, SevWarning,
		[]string{"not that protocol", "another kind of server"},
		[]string{"ss -ltnp", "check_policy_service"}},
	{"illegal_address_syntax", "postfix/smtpd", "warning: Illegal address syntax from web.example.org[192.0.2.40] in MAIL command: <Web Shop <shop@example.org>>",
		"inbound_limits", false, SevInfo,
		[]string{"cannot parse", "501"},
		[]string{"MAIL FROM:<user@example.com>", "strict_rfc821_envelopes"}},
	{"list_file_missing", "postfix/postscreen", "error: open file /32: No such file or directory",
		sources.HintConfigError, false, SevWarning,
		[]string{"mynetworks", "reads as a file", "address was lost", "every lookup in the list fails"},
		[]string{"postconf -n", "put the address back", "what writes main.cf"}},
	{"default_main_cf_missing", "postfix/postdrop", "fatal: open file /etc/postfix/main.cf: No such file or directory",
		sources.HintConfigError, false, SevCritical,
		[]string{"set-gid", "alternate_config_directories"},
		[]string{"default configuration directory"}},
	{"queue_space_limit", "postfix/smtpd", "warning: not enough free space in mail queue: 9679581184 bytes < 1.5*message size limit",
		sources.HintConfigError, false, SevCritical,
		[]string{"more than 1 GiB free", "message_size_limit", "in bytes"},
		[]string{"lower message_size_limit", "no space to free"}},
	{"queue_space", "postfix/smtpd", "warning: not enough free space in mail queue: 52428800 bytes < 1.5*message size limit",
		sources.HintDaemonCrash, false, SevCritical,
		[]string{"Insufficient system storage"},
		[]string{"df -h"}},
	{"dns_record_bad_name", "postfix/smtp", "warning: numeric domain name in resource data of MX record for example.net: 192.0.2.9",
		"dns", false, SevInfo,
		[]string{"not a host name", "not this host"},
		[]string{"nothing on this host"}},
}

// Each message matches its entry and feeds its hint at its severity with
// its cause and fix, whether the line comes with its syslog header,
// behind a docker compose prefix, or pasted alone without header or tag.
func TestKnowledgeGapMessages(t *testing.T) {
	for i, c := range gapCases {
		head := fmt.Sprintf("Nov 28 10:00:00 mx %s[%d]: ", c.tag, 400+i)
		for _, line := range []string{head + c.msg, "postfix-1  | " + head + c.msg, c.msg} {
			var r sources.Record
			newParser().Parse(line, &r)
			if r.Known == 0 || sources.KnownMessages[r.Known-1].ID != c.id {
				got := "none"
				if r.Known > 0 {
					got = sources.KnownMessages[r.Known-1].ID
				}
				t.Errorf("%s: matched %s: %q", c.id, got, line)
				continue
			}
			h := hintOf(t, feed(line), c.hint)
			if !c.rule && h.Subject != c.id {
				t.Errorf("%s: %s hint led by %s: %q", c.id, c.hint, h.Subject, line)
			}
			if h.Severity != c.sev {
				t.Errorf("%s: %s hint is %s, want %s: %q", c.id, c.hint, h.Severity, c.sev, line)
			}
			ev := strings.Join(h.Evidence, "\n")
			for _, w := range c.cause {
				if !strings.Contains(ev, w) {
					t.Errorf("%s: cause lacks %q:\n%s", c.id, w, ev)
				}
			}
			steps := stepTexts(&h) + strings.Join(h.Cautions, "\n")
			for _, w := range c.fix {
				if !strings.Contains(steps, w) {
					t.Errorf("%s: fix lacks %q:\n%s", c.id, w, steps)
				}
			}
		}
	}
}

// The smtp client's failed bind of its source address is no listening
// port held by another program: it once read as the master's bind and
// got a critical hint to stop Postfix and hunt with ss -ltnp for a
// program on the port, which changes nothing while the kernel has no
// free local port on the address. The master's own bind keeps that
// advice.
func TestSMTPClientBindIsNoListenerConflict(t *testing.T) {
	lines := repeat(5, func(i int) string {
		return fmt.Sprintf("%s mx postfix/smtp[%d]: warning: smtp_connect_addr: bind 198.51.100.25: Address already in use", stamp(i), 500+i)
	})
	for _, h := range feed(lines...).Hints(true) {
		if h.Subject == "address_in_use" {
			t.Fatalf("the client's bind read as a listener conflict: %+v", h)
		}
	}
	h := hintOf(t, feed(lines...), sources.HintConfigError)
	steps := stepTexts(&h)
	if h.Severity == SevCritical || h.Side != "outbound" || strings.Contains(steps, "ss -ltnp") || strings.Contains(steps, "postfix status first") {
		t.Errorf("client bind: %s on %s, steps:\n%s", h.Severity, h.Side, steps)
	}
	master := hintOf(t, feed("Nov 28 10:00:00 mx postfix/master[94]: fatal: bind 0.0.0.0 port 25: Address already in use"), sources.HintDaemonCrash)
	if master.Subject != "address_in_use" || master.Severity != SevCritical || !strings.Contains(stepTexts(&master), "ss -ltnp") {
		t.Errorf("master's bind: %s %s, steps:\n%s", master.Subject, master.Severity, stepTexts(&master))
	}
}

// The messages that say nothing failed stay at info however often they
// come; the ones that say a client or table is wrong grow to a warning
// with their volume.
func TestKnowledgeGapVolume(t *testing.T) {
	many := func(msg string) []string {
		return repeat(40, func(i int) string { return fmt.Sprintf("%s mx %s", stamp(i), fmt.Sprintf(msg, 600+i)) })
	}
	for _, c := range []struct {
		msg, hint string
		want      Severity
	}{
		{"postfix/postscreen[%d]: warning: getpeername: Transport endpoint is not connected -- dropping this connection", "inbound_limits", SevInfo},
		{"postfix/tlsmgr[%d]: warning: request to update table btree:/etc/postfix/smtpd_scache in non-postfix directory /etc/postfix", sources.HintConfigError, SevInfo},
		{"postfix/local[%d]: warning: dict_nis_init: NIS domain name not set - NIS lookups disabled", sources.HintConfigError, SevInfo},
		{"postfix/smtpd[%d]: warning: Unable to look up MX host for spam.example: Host not found", "dns", SevInfo},
		{"postfix/smtpd[%d]: warning: Illegal address syntax from web.example.org[192.0.2.40] in MAIL command: <Web Shop <shop@example.org>>", "inbound_limits", SevWarning},
		{"postfix/postmap[%d]: warning: /etc/postfix/virtual.db: duplicate entry: \"sales@example.org\"", sources.HintConfigError, SevWarning},
	} {
		if h := hintOf(t, feed(many(c.msg)...), c.hint); h.Severity != c.want {
			t.Errorf("40 lines of %q: %s, want %s", c.msg, h.Severity, c.want)
		}
	}
}

// A program on this host that writes a malformed envelope is told to
// fix that program, not that strangers' bots do it.
func TestIllegalAddressFromLoopback(t *testing.T) {
	h := hintOf(t, feed("Nov 28 10:00:00 mx postfix/smtpd[700]: warning: Illegal address syntax from localhost[127.0.0.1] in RCPT command: <>"), "inbound_limits")
	if steps := stepTexts(&h); !strings.Contains(steps, "the client is this host itself") || strings.Contains(steps, "nothing for strangers") {
		t.Errorf("loopback client, steps:\n%s", steps)
	}
}
