package analyzers

import (
	"strings"
	"testing"
)

// Failed logins that all come from private addresses (a container's
// gateway, a proxy, NAT in front of Postfix) come from one address that
// stands for every client behind it, this site's own users too: the advice
// says so first and offers no ban or per-client cap, which would lock them
// all out. Failed logins from public addresses keep the advice against
// guessing.
func TestFailedLoginsFromAPrivateGatewayAreNotBanned(t *testing.T) {
	gateway := []string{
		"Nov 28 10:00:01 mx postfix/submission/smtpd[84]: warning: unknown[172.18.0.1]: SASL PLAIN authentication failed: authentication failure",
		"Nov 28 10:00:07 mx postfix/submission/smtpd[84]: disconnect from unknown[172.18.0.1] ehlo=1 auth=0/1 commands=1/2",
		"Nov 28 10:01:01 mx postfix/submission/smtpd[85]: warning: unknown[172.18.0.1]: SASL LOGIN authentication failed: authentication failure",
	}
	steps := func(lines []string) string {
		for _, h := range feed(lines...).Hints(true) {
			if h.ID == "inbound_limits" {
				return strings.Join(h.Actions, "\n")
			}
		}
		t.Fatalf("no inbound_limits hint for %q", lines)
		return ""
	}
	got := steps(gateway)
	if strings.Contains(got, "fail2ban") || strings.Contains(got, "cap guesses") {
		t.Errorf("bans or caps a private gateway: %q", got)
	}
	if !strings.Contains(got, "172.18.0.1") || !strings.Contains(got, "smtpd_upstream_proxy_protocol") {
		t.Errorf("the gateway is not named with the way to see the real addresses: %q", got)
	}
	public := strings.NewReplacer("172.18.0.1", "203.0.113.9").Replace(strings.Join(gateway, "\n"))
	if got := steps(strings.Split(public, "\n")); !strings.Contains(got, "fail2ban") {
		t.Errorf("public guessers lost the advice against guessing: %q", got)
	}
}
