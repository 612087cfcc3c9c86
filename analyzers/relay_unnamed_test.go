package analyzers

import (
	"strings"
	"testing"
)

// sesRelay is Amazon SES's SMTP endpoint on the submission port, as the
// smtp client names it in relay=.
const sesRelay = "email-smtp.eu-west-1.amazonaws.com[198.51.100.60]:587"

// The configuration read names no relay (an empty main.cf: another
// instance's, a container's generated one, master.cf's -o), yet the log
// shows the mail of unrelated domains all going to SES on the submission
// port, where no MX listens: its throttling is the relay's one limit,
// one hint for the relay, not one a recipient domain; with or without
// the syslog header.
func TestRelayNotInConfigFoldsOnSubmissionPort(t *testing.T) {
	domains := []string{"yahoo.com", "gmail.com", "hotmail.com", "web.de"}
	for _, reply := range []string{
		"454 Throttling failure: Maximum sending rate exceeded.",
		"454 Throttling failure: Daily message quota exceeded.",
	} {
		for _, bare := range []bool{false, true} {
			lines := relayedLog(30, sesRelay, reply, domains...)
			if bare {
				for i, l := range lines {
					lines[i] = l[strings.Index(l, "postfix/"):]
				}
			}
			e := feed(lines...)
			e.SetConfig(configOf("", "smtp unix - - n - - smtp\n"))
			var relayHints, perDomain []string
			for _, h := range e.Hints(true) {
				if h.Side != "outbound" {
					continue
				}
				if h.Subject == "email-smtp.eu-west-1.amazonaws.com" {
					relayHints = append(relayHints, h.ID)
					if h.ID == "sending_quota" {
						// The account's cap: nothing to set for the relay.
						continue
					}
					if all := strings.Join(append(h.Evidence, stepsText(h)), "\n"); !strings.Contains(all, "names no relay") {
						t.Errorf("%q bare=%v: the relay is not said to be missing from the configuration read:\n%s", reply, bare, all)
					} else if m := bareRoute.FindString(stepsText(h)); m != "" {
						t.Errorf("%q bare=%v: a transport line past the relay (%q)", reply, bare, m)
					}
				}
				for _, d := range domains {
					if h.Subject == d {
						perDomain = append(perDomain, h.ID+" "+d)
					}
				}
			}
			// SES's daily quota is the sending_quota hint's, one for
			// all the domains, named after the relay.
			if len(relayHints) == 0 || len(perDomain) != 0 {
				t.Errorf("%q bare=%v: relay hints %v, per-domain hints %v", reply, bare, relayHints, perDomain)
			}
		}
	}
}

// On port 25 with a configuration that names no relay, a host taking
// several domains' mail may be their shared MX (a hosting provider's):
// no fold.
func TestRelayNotInConfigPort25KeepsDomains(t *testing.T) {
	lines := relayedLog(30, "mx.hosting.example[192.0.2.30]:25", relayFast, "shop-one.example", "shop-two.example", "shop-three.example")
	e := feed(lines...)
	e.SetConfig(configOf("", "smtp unix - - n - - smtp\n"))
	for _, h := range e.Hints(true) {
		if h.Subject == "mx.hosting.example" {
			t.Errorf("folded at a shared MX: %s %s", h.ID, h.Title)
		}
	}
}
