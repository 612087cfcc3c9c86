package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// acceptedThenUnknown is mail smtpd took without a login from a client on
// the Internet, whose recipient the next hop then refused as unknown: the
// bounce goes to a sender anyone can forge.
func acceptedThenUnknown(n int, client string, sasl string) []string {
	var lines []string
	for i := range n {
		q := fmt.Sprintf("4A%08X", i)
		c := "Mar  3 10:00:%02d gw postfix/smtpd[300]: " + q + ": client=unknown[" + client + "]"
		if sasl != "" {
			c += ", sasl_method=PLAIN, sasl_username=" + sasl
		}
		lines = append(lines,
			fmt.Sprintf(c, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/qmgr[900]: %s: from=<x%d@example.net>, size=2100, nrcpt=1 (queue active)", i, q, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/smtp[400]: %s: to=<u%d@example.com>, relay=exch.example.com[10.0.0.5]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=5.1.1, status=bounced (host exch.example.com[10.0.0.5] said: 550 5.1.1 User unknown (in reply to RCPT TO command))", i, q, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/bounce[500]: %s: sender non-delivery notification: 5B%08X", i, q, i),
			fmt.Sprintf("Mar  3 10:00:%02d gw postfix/qmgr[900]: %s: removed", i, q))
	}
	return lines
}

func configHints(e *Engine) []Hint {
	var out []Hint
	for _, h := range e.Hints(true) {
		if h.ID == sources.HintConfigError {
			out = append(out, h)
		}
	}
	return out
}

// Mail taken from the Internet and bounced afterwards for an unknown
// recipient is backscatter: the hint says to reject unknown recipients
// during the SMTP session, and never to discard the bounces.
func TestAcceptedThenUnknownIsBackscatter(t *testing.T) {
	e := feed(acceptedThenUnknown(12, "203.0.113.7", "")...)
	hs := configHints(e)
	if len(hs) != 1 {
		t.Fatalf("want one config_error hint, got %+v", hs)
	}
	h := hs[0]
	if h.Side != "inbound" || h.Severity < SevWarning {
		t.Errorf("side %s severity %s", h.Side, h.Severity)
	}
	all := strings.Join(h.Actions, "\n")
	for _, want := range []string{"relay_recipient_maps", "smtpd_reject_unlisted_recipient"} {
		if !strings.Contains(all, want) {
			t.Errorf("actions lack %s: %s", want, all)
		}
	}
	if len(h.Samples) == 0 {
		t.Error("no sample line")
	}
	if !strings.Contains(strings.Join(h.Cautions, "\n"), "discard") {
		t.Errorf("no caution against discarding bounces: %v", h.Cautions)
	}
}

// A login's mail, mail from this site's own network and mail from this
// host bounce to real senders: no backscatter.
func TestOwnMailBouncesAreNoBackscatter(t *testing.T) {
	for _, tc := range []struct{ client, sasl string }{
		{"203.0.113.7", "ann"}, {"10.1.2.3", ""}, {"127.0.0.1", ""}, {"fd00::5", ""},
	} {
		if hs := configHints(feed(acceptedThenUnknown(12, tc.client, tc.sasl)...)); len(hs) != 0 {
			t.Errorf("%s %q: %+v", tc.client, tc.sasl, hs)
		}
	}
}
