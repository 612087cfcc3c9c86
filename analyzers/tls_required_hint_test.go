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
