package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// smtpd answers a command before STARTTLS on a service that requires TLS
// (smtpd_tls_security_level = encrypt: "530 5.7.0 Must issue a STARTTLS
// command first") and refuses AUTH before TLS (smtpd_tls_auth_only)
// without a line of its own: the disconnect's command counts are all that
// is left (mail=0/1), and they do not say which client setting failed,
// nor whether the client was this site's. No hint is drawn from them.
func TestStartTLSFirstOnSubmissionLeavesNoAdvice(t *testing.T) {
	var lines []string
	for i := range 12 {
		client := fmt.Sprintf("host-%d.dsl.example.net[198.51.100.%d]", i, 10+i)
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/submission/smtpd[%d]: connect from %s", stamp(i*20), 3000+i, client),
			fmt.Sprintf("%s mx postfix/submission/smtpd[%d]: disconnect from %s ehlo=1 mail=0/1 rcpt=0/1 data=0/1 quit=1 commands=2/5", stamp(i*20+1), 3000+i, client))
	}
	for _, h := range feed(lines...).Hints(true) {
		all := h.Title + "\n" + strings.Join(h.Evidence, "\n") + "\n" + strings.Join(h.Actions, "\n")
		for _, w := range []string{"STARTTLS", "smtpd_tls", "mynetworks", "smtp_tls_security_level"} {
			if strings.Contains(all, w) {
				t.Errorf("hint %s from command counts alone says %q:\n%s", h.ID, w, all)
			}
		}
	}
}
