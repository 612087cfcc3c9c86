package analyzers

import (
	"slices"
	"strings"
	"testing"

	"mxtop/sources"
)

// gmailNoTLS is the i-th delivery to gmail.com that Gmail deferred for
// coming without TLS (its 4.7.29, joined as Postfix logs a multi-line
// reply), or, every third one, a delivery it took.
func gmailNoTLS(i int) string {
	if i%3 == 0 {
		return hopReply(i, "gmail.com", "gmail-smtp-in.l.google.com[192.0.2.27]:25", "2.0.0", "sent", "250 2.0.0 OK  1700000000 a1si - gsmtp (in reply to end of DATA command)")
	}
	return hopReply(i, "gmail.com", "gmail-smtp-in.l.google.com[192.0.2.27]:25", "4.7.29", "deferred",
		"421-4.7.29 Your email has been rate limited because this message wasn't sent 421-4.7.29 over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL 421-4.7.29 for SMTP connections. For more information, go to 421-4.7.29  https://support.google.com/mail/?p=TlsRequirement a1si - gsmtp (in reply to end of DATA command)")
}

// Mail a receiver defers or refuses because it came without TLS gets the
// TLS hint, which has the smtp client start TLS: the setting itself where
// the configuration shows TLS off (none, or empty below
// compatibility_level 3.11 without the old smtp_use_tls), a sentence
// where it does not say so. Never a rate delay: it would make delivery to
// the destination serial and leave every plain-text delivery refused.
func TestTLSRequiredReplyAsksForTLSNotARateDelay(t *testing.T) {
	const set = "postconf -e 'smtp_tls_security_level = may'"
	for _, c := range []struct {
		name, main string
		nilCfg     bool
		command    bool
	}{
		{name: "none", main: "compatibility_level = 3.6\nsmtp_tls_security_level = none\n", command: true},
		{name: "unset below 3.11", main: "compatibility_level = 3.6\n", command: true},
		{name: "set empty", main: "compatibility_level = 3.11\nsmtp_tls_security_level =\n", command: true},
		{name: "unset at 3.11", main: "compatibility_level = 3.11\n"},
		{name: "may", main: "smtp_tls_security_level = may\n"},
		{name: "legacy smtp_use_tls", main: "compatibility_level = 3.6\nsmtp_use_tls = yes\n"},
		{name: "no configuration", nilCfg: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := feed(repeat(60, gmailNoTLS)...)
			if !c.nilCfg {
				e.SetConfig(configOf(c.main, ""))
			}
			all := e.Hints(true)
			for _, h := range all {
				if h.ID == "rate_delay" || h.ID == "destination_concurrency" {
					t.Errorf("%s hint for a demand for TLS: %s", h.ID, h.Title)
				}
				for _, a := range h.Steps {
					if strings.Contains(a.Text, "rate_delay") {
						t.Errorf("hint %s proposes a rate delay: %s", h.ID, a.Text)
					}
				}
			}
			hs := hintIDs(all)["tls"]
			if len(hs) != 1 {
				t.Fatalf("%d tls hints; all: %+v", len(hs), all)
			}
			h := hs[0]
			if !strings.Contains(h.Title, "only over TLS") {
				t.Errorf("title does not say the receiver wants TLS: %s", h.Title)
			}
			if d, ok := e.Dest.Lookup("gmail.com"); !ok || d.Classes[sources.ClassTLS] != 40 || d.Classes[sources.ClassRateLimit] != 0 {
				t.Errorf("gmail.com's deliveries not filed as tls: %+v", d)
			}
			hasCmd := slices.ContainsFunc(h.Steps, func(a Action) bool { return a.Command && a.Text == set })
			hasChange := slices.Contains(h.Changes, ConfigChange{Param: "smtp_tls_security_level", Value: "may"})
			if hasCmd != c.command || hasChange != c.command {
				t.Errorf("command %q given %v, change %v; want %v:\n%s", set, hasCmd, hasChange, c.command, strings.Join(h.Actions, "\n"))
			}
			if !c.command && !slices.ContainsFunc(h.Steps, func(a Action) bool {
				return !a.Command && strings.Contains(a.Text, "smtp_tls_security_level")
			}) {
				t.Errorf("no sentence about smtp_tls_security_level:\n%s", strings.Join(h.Actions, "\n"))
			}
		})
	}
}

// A receiver's demand for TLS quoted without the delivery it answered (a
// ticket pastes the reply alone, or the end of the record) names no
// destination: the per-destination policy line cannot be written, but the
// setting that starts TLS is main.cf's and needs no name. Where the
// configuration shows TLS off, the hint still gives it, with its change;
// it never offers a command that names the missing destination.
func TestTLSRequiredWithoutDestinationStillStartsTLS(t *testing.T) {
	const set = "postconf -e 'smtp_tls_security_level = may'"
	for _, c := range []struct{ name, line string }{
		{"reply with the record's end", "451 4.7.0 STARTTLS is required to send mail (in reply to MAIL FROM command))"},
		{"reply with the client's tail", "530 5.7.0 Must issue a STARTTLS command first (in reply to MAIL FROM command)"},
		{"record whose address a page dropped", "Nov  3 09:12:44 relay postfix/smtp[3310]: 5D2E1F0A3B: to=, relay=mx1.example.net[192.0.2.41]:25, delay=0.9, delays=0.1/0/0.5/0.3, dsn=4.7.0, status=deferred (host mx1.example.net[192.0.2.41] said: 454 4.7.0 TLS required for this recipient (in reply to RCPT TO command))"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := feed(c.line, c.line)
			e.SetConfig(configOf("compatibility_level = 3.6\nsmtp_tls_security_level = none\n", ""))
			hs := hintIDs(e.Hints(true))["tls"]
			if len(hs) != 1 {
				t.Fatalf("%d tls hints, want 1: %+v", len(hs), e.Hints(true))
			}
			h := hs[0]
			if !slices.ContainsFunc(h.Steps, func(a Action) bool { return a.Command && a.Text == set }) ||
				!slices.Contains(h.Changes, ConfigChange{Param: "smtp_tls_security_level", Value: "may"}) {
				t.Errorf("no %q (and its change) for a demand for TLS without a destination:\n%s", set, strings.Join(h.Actions, "\n"))
			}
			for _, a := range h.Steps {
				if a.Command && (strings.Contains(a.Text, "(no domain)") || strings.Contains(a.Text, "/tls_policy")) {
					t.Errorf("command names a destination the lines do not give: %s", a.Text)
				}
				if strings.Contains(a.Text, "no command is suggested") {
					t.Errorf("says no command while giving one: %s", a.Text)
				}
			}
			if strings.Contains(h.Title, "(no domain)") {
				t.Errorf("title names a placeholder for a destination: %s", h.Title)
			}
		})
	}
}
