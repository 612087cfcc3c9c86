package analyzers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mxtop/sources"
)

// compatNotices are the notices Postfix logs while a parameter is at its
// backwards-compatible default (their formats are Postfix's), each with a
// main.cf or master.cf that sets it, or another parameter that silences
// it, explicitly: the configuration as the admin left it after reading
// the notices.
type compatNoticeCase struct {
	name   string
	param  string // the parameter the notice names
	line   string // the notice, with %d for the process id
	main   string // postconf -n besides compatibility_level = 0
	master string // postconf -M, "" for none read
	shows  string // what the hint says is set now
}

var compatNotices = []compatNoticeCase{
	{"smtp_tls_security_level", "smtp_tls_security_level",
		"postfix/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)",
		"smtp_tls_security_level = dane\nsmtp_dns_support_level = dnssec\n", "", "smtp_tls_security_level = dane"},
	{"smtp_tls_security_level -o", "smtp_tls_security_level",
		"postfix/relay/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)",
		"", "smtp unix - - n - - smtp\nrelay unix - - n - - smtp -o syslog_name=postfix/$service_name -o smtp_tls_security_level=encrypt\n",
		"smtp_tls_security_level = encrypt"},
	{"tlsproxy_client_security_level", "tlsproxy_client_security_level",
		"postfix/tlsproxy[%d]: using backwards-compatible default setting tlsproxy_client_security_level=(empty)",
		"tlsproxy_client_security_level = encrypt\n", "", "tlsproxy_client_security_level = encrypt"},
	{"tlsproxy_client_security_level from smtp_tls_security_level", "tlsproxy_client_security_level",
		"postfix/tlsproxy[%d]: using backwards-compatible default setting tlsproxy_client_security_level=(empty)",
		"smtp_tls_security_level = verify\n", "", "smtp_tls_security_level = verify"},
	{"smtp_tlsrpt_skip_reused_handshakes", "smtp_tlsrpt_skip_reused_handshakes",
		"postfix/smtp[%d]: using using backwards-compatible default setting smtp_tlsrpt_skip_reused_handshakes=yes",
		"smtp_tlsrpt_skip_reused_handshakes = no\n", "", "smtp_tlsrpt_skip_reused_handshakes = no"},
	{"smtpd_tls_fingerprint_digest", "smtpd_tls_fingerprint_digest",
		"postfix/smtpd[%d]: using backwards-compatible default setting smtpd_tls_fingerprint_digest=md5 to compute certificate fingerprints",
		"smtpd_tls_fingerprint_digest = sha256\n", "", "smtpd_tls_fingerprint_digest = sha256"},
	{"smtp_tls_fingerprint_digest", "smtp_tls_fingerprint_digest",
		"postfix/smtp[%d]: using backwards-compatible default setting smtp_tls_fingerprint_digest=md5 to compute certificate fingerprints",
		"smtp_tls_fingerprint_digest = sha256\n", "", "smtp_tls_fingerprint_digest = sha256"},
	{"lmtp_tls_fingerprint_digest", "lmtp_tls_fingerprint_digest",
		"postfix/lmtp[%d]: using backwards-compatible default setting lmtp_tls_fingerprint_digest=md5 to compute certificate fingerprints",
		"lmtp_tls_fingerprint_digest = md5\n", "", "lmtp_tls_fingerprint_digest = md5"},
	{"smtpd_relay_before_recipient_restrictions", "smtpd_relay_before_recipient_restrictions",
		`postfix/smtpd[%d]: using backwards-compatible default setting smtpd_relay_before_recipient_restrictions=no to reject recipient "u1@example.net" from client "unknown[203.0.113.9]"`,
		"smtpd_relay_before_recipient_restrictions = yes\n", "", "smtpd_relay_before_recipient_restrictions = yes"},
	{"respectful_logging", "respectful_logging",
		"postfix/postscreen[%d]: using backwards-compatible default setting respectful_logging=no for client [203.0.113.9]:52144",
		"respectful_logging = yes\n", "", "respectful_logging = yes"},
	{"relay_domains", "relay_domains",
		`postfix/smtpd[%d]: using backwards-compatible default setting relay_domains=$mydestination to accept mail for domain "lists.example.org"`,
		"mydestination = $myhostname, localhost\nrelay_domains = lists.example.org\n", "", "relay_domains = lists.example.org"},
	{"relay_domains flush", "relay_domains",
		`postfix/flush[%d]: using backwards-compatible default setting relay_domains=$mydestination to flush mail for domain "lists.example.org"`,
		"relay_domains = lists.example.org\n", "", "relay_domains = lists.example.org"},
	{"relay_domains -o", "relay_domains",
		`postfix/smtpd[%d]: using backwards-compatible default setting relay_domains=$mydestination to accept mail for domain "lists.example.org"`,
		"", "smtp inet n - n - - smtpd -o relay_domains=lists.example.org\n", "relay_domains = lists.example.org"},
	{"mynetworks_style", "mynetworks_style",
		`postfix/smtpd[%d]: using backwards-compatible default setting mynetworks_style=subnet to permit request from client "host1.corp.example.org[10.1.2.1]"`,
		"mynetworks_style = host\n", "", "mynetworks_style = host"},
	{"mynetworks_style under mynetworks", "mynetworks_style",
		`postfix/smtpd[%d]: using backwards-compatible default setting mynetworks_style=subnet to permit request from client "host1.corp.example.org[10.1.2.1]"`,
		"mynetworks = 127.0.0.0/8 [::1]/128 10.1.0.0/16\n", "", "mynetworks = 127.0.0.0/8 [::1]/128 10.1.0.0/16"},
	{"append_dot_mydomain", "append_dot_mydomain",
		`postfix/trivial-rewrite[%d]: using backwards-compatible default setting append_dot_mydomain=yes to rewrite "intranet" to "intranet.example.org"`,
		"append_dot_mydomain = no\n", "", "append_dot_mydomain = no"},
	{"smtputf8_enable", "smtputf8_enable",
		`postfix/smtpd[%d]: using backwards-compatible default setting smtputf8_enable=no to accept non-ASCII sender address "jörg@example.de" from mail.example.de[198.51.100.4]`,
		"smtputf8_enable = no\n", "", "smtputf8_enable = no"},
	{"smtpd_relay_restrictions", "smtpd_relay_restrictions",
		`postfix/smtpd[%d]: using backwards-compatible default setting "smtpd_relay_restrictions = (empty)" to avoid "Relay access denied" error for recipient "u1@example.net" from client "host.example.net[198.51.100.7]"`,
		"smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n", "", "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination"},
	{"chroot", "chroot",
		"postfix/master[%d]: /etc/postfix/master.cf: line 12: using backwards-compatible default setting chroot=y",
		"", "smtp inet n - y - - smtpd\npickup unix n - y 60 1 pickup\nsmtp unix - - n - - smtp\n", "chroot column"},
}

// noticeLines are 30 of a notice, one a minute, from 30 processes.
func noticeLines(format string) []string {
	var lines []string
	for i := range 30 {
		lines = append(lines, stamp(60*i)+" mx "+fmt.Sprintf(format, 100+i))
	}
	return lines
}

// setsAny is the first command among steps that gives one of params a
// value, in main.cf (postconf -e 'name = value') or master.cf (-o
// name=value, postconf -P 'service/type/name=value').
func setsAny(steps []Action, params ...string) string {
	for _, a := range steps {
		if !a.Command {
			continue
		}
		for _, p := range params {
			if strings.Contains(a.Text, p+" =") || strings.Contains(a.Text, p+"=") {
				return a.Text
			}
		}
	}
	return ""
}

// setIn are the parameters a postconf -n or -M text sets.
func setIn(main, master string) []string {
	var out []string
	for l := range strings.Lines(main) {
		if name, _, ok := strings.Cut(l, "="); ok {
			out = append(out, strings.TrimSpace(name))
		}
	}
	for _, s := range configOf("", master).Services {
		for name := range s.Options {
			if name != "syslog_name" {
				out = append(out, name)
			}
		}
	}
	return out
}

// Postfix logs a backwards-compatible default notice only while the
// parameter is left at that default: once the configuration mxtop reads
// sets it (main.cf, or master.cf's -o on the service that logged it), or
// sets what silences it (mynetworks for mynetworks_style), the notices
// predate that choice. The upgrade hint then says what is set now, gives
// no command that sets it again, and is no warning for it.
func TestCompatNoticeOfAnExplicitSettingProposesNoValue(t *testing.T) {
	for _, d := range compatDefaults {
		if !slices.ContainsFunc(compatNotices, func(c compatNoticeCase) bool { return c.param == d.param }) {
			t.Errorf("no case for %s", d.param)
		}
	}
	for _, c := range compatNotices {
		t.Run(c.name, func(t *testing.T) {
			e := feed(noticeLines(c.line)...)
			e.SetConfig(configOf("compatibility_level = 0\nmail_version = 3.11.1\n"+c.main, c.master))
			h := hintOf(t, e, "upgrade_change")
			if set := setsAny(h.Steps, append(setIn(c.main, c.master), c.param)...); set != "" {
				t.Errorf("a command sets what the configuration sets already: %s", set)
			}
			ev := strings.Join(h.Evidence, "\n")
			if !strings.Contains(ev, c.shows) {
				t.Errorf("evidence does not say %q is set now:\n%s", c.shows, ev)
			}
			for _, line := range h.Evidence {
				if strings.Contains(line, c.param) && strings.Contains(line, "in use") {
					t.Errorf("evidence has the old default in use: %s", line)
				}
			}
			if h.Severity != SevInfo {
				t.Errorf("severity %v, want info: nothing is left to set", h.Severity)
			}
		})
	}
}

// Where the configuration leaves the parameter at its default, the steps
// that keep the old default (or make the TLS level explicit) stay, and a
// default that decides relaying is still a warning.
func TestCompatNoticeAtItsDefaultKeepsItsStep(t *testing.T) {
	for _, c := range []struct {
		line, param, value string
		warn               bool
	}{
		{"postfix/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)", "smtp_tls_security_level", "may", false},
		{`postfix/smtpd[%d]: using backwards-compatible default setting relay_domains=$mydestination to accept mail for domain "lists.example.org"`, "relay_domains", "$mydestination", true},
		{`postfix/smtpd[%d]: using backwards-compatible default setting mynetworks_style=subnet to permit request from client "host1.corp.example.org[10.1.2.1]"`, "mynetworks_style", "subnet", true},
	} {
		e := feed(noticeLines(c.line)...)
		e.SetConfig(configOf("compatibility_level = 0\nmail_version = 3.11.1\nmyhostname = mx1.example.org\n", "smtp inet n - n - - smtpd\nsmtp unix - - n - - smtp\n"))
		h := hintOf(t, e, "upgrade_change")
		want := postconfSet(c.param, c.value)
		if set := setsAny(h.Steps, c.param); !strings.HasPrefix(set, want) {
			t.Errorf("%s at its default: command %q, want %q", c.param, set, want)
		}
		if c.warn != (h.Severity >= SevWarning) {
			t.Errorf("%s at its default: severity %v", c.param, h.Severity)
		}
	}
}

// Only the services that logged a notice count: a master.cf -o on one
// transport leaves the default in force for the other that logs it too.
func TestCompatNoticeFromAServiceWithoutOverride(t *testing.T) {
	lines := noticeLines("postfix/relay/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)")
	lines = append(lines, noticeLines("postfix/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)")...)
	e := feed(lines...)
	e.SetConfig(configOf("compatibility_level = 0\n", "smtp unix - - n - - smtp\nrelay unix - - n - - smtp -o syslog_name=postfix/$service_name -o smtp_tls_security_level=encrypt\n"))
	h := hintOf(t, e, "upgrade_change")
	if set := setsAny(h.Steps, "smtp_tls_security_level"); !strings.HasPrefix(set, postconfSet("smtp_tls_security_level", "may")) {
		t.Errorf("the smtp service still logs the default; command %q", set)
	}
}

// smtp_enforce_tls = yes with no level enforces TLS, with the server's
// name verified unless smtp_tls_enforce_peername = no: making the level
// explicit as may would lower it.
func TestCompatTLSLevelKeepsEnforcedEncryption(t *testing.T) {
	for _, c := range []struct{ main, level string }{
		{"smtp_enforce_tls = yes\n", "verify"},
		{"smtp_enforce_tls = yes\nsmtp_tls_enforce_peername = no\n", "encrypt"},
		{"smtp_use_tls = yes\n", "may"},
	} {
		e := feed(noticeLines("postfix/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)")...)
		e.SetConfig(configOf("compatibility_level = 0\n"+c.main, ""))
		h := hintOf(t, e, "upgrade_change")
		if set := setsAny(h.Steps, "smtp_tls_security_level"); !strings.HasPrefix(set, postconfSet("smtp_tls_security_level", c.level)) {
			t.Errorf("%q: command %q, want the level in force, %s", c.main, set, c.level)
		}
	}
}

// A saved full postconf (every parameter, no -n) shows no explicit
// settings, but a value that is no default at all was set: dane is not
// what the notice had in force.
func TestCompatNoticeAgainstASavedFullPostconf(t *testing.T) {
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "unrelated_parameter_%03d = %d\n", i, i)
	}
	b.WriteString("compatibility_level = 0\nmail_version = 3.11.1\nsmtp_tls_security_level = dane\n")
	b.WriteString("relay_domains = ${{$compatibility_level} <level {2} ? {$mydestination} : {}}\n")
	path := filepath.Join(t.TempDir(), "postconf.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := (&sources.ConfigReader{PostconfFile: path}).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lines := noticeLines("postfix/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)")
	lines = append(lines, noticeLines(`postfix/smtpd[%d]: using backwards-compatible default setting relay_domains=$mydestination to accept mail for domain "lists.example.org"`)...)
	e := feed(lines...)
	e.SetConfig(cfg)
	h := hintOf(t, e, "upgrade_change")
	if set := setsAny(h.Steps, "smtp_tls_security_level"); set != "" {
		t.Errorf("smtp_tls_security_level = dane in force: %s", set)
	}
	// relay_domains is printed as its compatibility default: still in use.
	if set := setsAny(h.Steps, "relay_domains"); !strings.HasPrefix(set, postconfSet("relay_domains", "$mydestination")) {
		t.Errorf("relay_domains at its default: command %q", set)
	}
}

// Without main.cf at hand (no configuration, or master.cf alone) the
// steps stay, each after a check of what main.cf sets now: one set since
// the notices is the admin's choice.
func TestCompatStepsWithoutConfigurationAreCheckedFirst(t *testing.T) {
	var lines []string
	for _, l := range []string{
		"postfix/smtp[%d]: using backwards-compatible default setting smtp_tls_security_level=(empty)",
		`postfix/smtpd[%d]: using backwards-compatible default setting relay_domains=$mydestination to accept mail for domain "lists.example.org"`,
		`postfix/smtpd[%d]: using backwards-compatible default setting mynetworks_style=subnet to permit request from client "host1.corp.example.org[10.1.2.1]"`,
	} {
		lines = append(lines, noticeLines(l)...)
	}
	for _, cfg := range []*sources.Config{nil, configOf("", "smtp inet n - n - - smtpd\nsmtp unix - - n - - smtp\n")} {
		e := feed(lines...)
		if cfg != nil {
			e.SetConfig(cfg)
		}
		h := hintOf(t, e, "upgrade_change")
		for _, p := range []string{"smtp_tls_security_level", "relay_domains", "mynetworks_style"} {
			at := slicesIndex(h.Steps, func(a Action) bool {
				return a.Command && strings.Contains(a.Text, "postconf -e") && strings.Contains(a.Text, p+" =")
			})
			if at < 0 {
				t.Errorf("master.cf read %v: no step for %s: %q", cfg != nil, p, h.Actions)
				continue
			}
			check := slicesIndex(h.Steps[:at], func(a Action) bool { return strings.Contains(a.Text, "postconf -n ") && strings.Contains(a.Text, p) })
			if check < 0 {
				t.Errorf("master.cf read %v: the %s step comes without a check of what main.cf sets: %q", cfg != nil, p, h.Actions)
			}
		}
	}
}

func slicesIndex(acts []Action, f func(Action) bool) int {
	for i, a := range acts {
		if f(a) {
			return i
		}
	}
	return -1
}

// Every notice's parameter is kept once, whatever the log repeats: a log
// naming thousands of made-up parameters or services cannot grow it.
func TestCompatWarningsStayBounded(t *testing.T) {
	e := NewEngine(0)
	for i := range 5000 {
		feedInto(e, fmt.Sprintf("%s mx postfix/svc%d/smtpd[%d]: using backwards-compatible default setting made_up_%d=x", stamp(i%600), i, 100+i, i))
	}
	// A parameter Postfix does log comes after them and is still kept.
	for i := range 5000 {
		feedInto(e, fmt.Sprintf("%s mx postfix/svc%d/smtpd[%d]: using backwards-compatible default setting relay_domains=$mydestination to accept mail for domain \"d%d.example\"", stamp(600+i%600), i, 100+i, i))
	}
	if len(e.Compat) > 64 {
		t.Errorf("%d parameters kept", len(e.Compat))
	}
	c := e.Compat["relay_domains"]
	if c == nil || c.Count != 5000 {
		t.Fatalf("relay_domains: %+v", c)
	}
	if len(c.Loggers) > maxCompatLoggers || !c.LoggersCut {
		t.Errorf("%d services kept, cut %v", len(c.Loggers), c.LoggersCut)
	}
}
