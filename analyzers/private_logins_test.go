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
	// A gateway with a reverse name is still the gateway: its address
	// says where it is, not its name.
	named := strings.NewReplacer("unknown[", "gateway.internal[").Replace(strings.Join(gateway, "\n"))
	if got := steps(strings.Split(named, "\n")); strings.Contains(got, "fail2ban") || !strings.Contains(got, "172.18.0.1") {
		t.Errorf("a gateway with a name is banned or not named: %q", got)
	}
	public := strings.NewReplacer("172.18.0.1", "203.0.113.9").Replace(strings.Join(gateway, "\n"))
	if got := steps(strings.Split(public, "\n")); !strings.Contains(got, "fail2ban") {
		t.Errorf("public guessers lost the advice against guessing: %q", got)
	}
}

// Sessions that all come from this host itself (a client on loopback,
// logged under its name, localhost) are a program here: a monitor's
// check, a web application, a proxy on the host. The advice names that and
// offers no ban, rate limit or scanner story; one client from the Internet
// among them keeps the advice against bots.
func TestLoopbackSessionsAreThisHostsOwnProgram(t *testing.T) {
	local := []string{
		"Nov 28 10:00:01 mx postfix/smtpd[84]: connect from localhost[127.0.0.1]",
		"Nov 28 10:00:01 mx postfix/smtpd[84]: lost connection after EHLO from localhost[127.0.0.1]",
		"Nov 28 10:00:01 mx postfix/smtpd[84]: disconnect from localhost[127.0.0.1] ehlo=1 commands=1",
		"Nov 28 10:05:01 mx postfix/smtpd[85]: connect from localhost[::1]",
		"Nov 28 10:05:01 mx postfix/smtpd[85]: lost connection after CONNECT from localhost[::1]",
	}
	h := inboundLimitsHint(t, local)
	text := hintText(h)
	for _, bad := range []string{"fail2ban", "banned", "scanner", "smtpd_client_connection_rate_limit"} {
		if strings.Contains(text, bad) {
			t.Errorf("loopback sessions are given %q: %s", bad, text)
		}
	}
	if !strings.Contains(text, "this host itself") {
		t.Errorf("the advice does not say the sessions come from this host: %s", text)
	}
	mixed := append(local, "Nov 28 10:06:01 mx postfix/smtpd[86]: lost connection after EHLO from unknown[203.0.113.9]")
	if got := strings.Join(inboundLimitsHint(t, mixed).Actions, "\n"); !strings.Contains(got, "fail2ban") {
		t.Errorf("a client from the Internet among them lost the advice against bots: %q", got)
	}

	// Failed logins under the name localhost: a webmail or another
	// program here logging in for its users.
	logins := []string{
		"Nov 28 10:00:01 mx postfix/submission/smtpd[84]: warning: localhost[127.0.0.1]: SASL PLAIN authentication failed: authentication failure",
		"Nov 28 10:01:01 mx postfix/submission/smtpd[85]: warning: localhost[127.0.0.1]: SASL LOGIN authentication failed: authentication failure",
	}
	got := strings.Join(inboundLimitsHint(t, logins).Actions, "\n")
	if strings.Contains(got, "fail2ban") || strings.Contains(got, "cap guesses") {
		t.Errorf("bans or caps this host's own logins: %q", got)
	}
	if !strings.Contains(got, "this host itself") {
		t.Errorf("the advice does not say the logins come from this host: %q", got)
	}
}

// Sessions that all come from private addresses, none from loopback or
// the Internet, come from this site's own network: the health checks of a
// load balancer, an orchestrator or a container platform, or a proxy or
// NAT gateway that stands for every client behind it. The advice says so
// and offers no ban, rate limit or scanner story; one client from the
// Internet among them keeps the advice against bots.
func TestPrivateSessionsAreThisSitesOwnNetwork(t *testing.T) {
	private := []string{
		"Nov 28 10:00:01 mx postfix/smtpd[84]: connect from unknown[10.0.3.7]",
		"Nov 28 10:00:01 mx postfix/smtpd[84]: lost connection after CONNECT from unknown[10.0.3.7]",
		"Nov 28 10:00:01 mx postfix/smtpd[84]: disconnect from unknown[10.0.3.7] commands=0/0",
		"Nov 28 10:00:04 mx postfix/smtpd[84]: lost connection after CONNECT from unknown[10.0.3.9]",
		"Nov 28 10:00:07 mx postfix/smtpd[84]: lost connection after CONNECT from lb.internal[192.168.40.2]",
	}
	h := inboundLimitsHint(t, private)
	text := hintText(h)
	for _, bad := range []string{"fail2ban", "scanner", "smtpd_client_connection_rate_limit"} {
		if strings.Contains(text, bad) {
			t.Errorf("sessions from private addresses are given %q: %s", bad, text)
		}
	}
	for _, want := range []string{"health check", "smtpd_upstream_proxy_protocol"} {
		if !strings.Contains(text, want) {
			t.Errorf("the advice does not name %q: %s", want, text)
		}
	}
	mixed := append(private, "Nov 28 10:06:01 mx postfix/smtpd[86]: lost connection after CONNECT from unknown[203.0.113.9]")
	if got := strings.Join(inboundLimitsHint(t, mixed).Actions, "\n"); !strings.Contains(got, "fail2ban") {
		t.Errorf("a client from the Internet among them lost the advice against bots: %q", got)
	}
	// Loopback alone keeps its own words: this host's program.
	local := strings.NewReplacer("10.0.3.7", "127.0.0.1", "10.0.3.9", "127.0.0.1", "lb.internal[192.168.40.2]", "localhost[127.0.0.1]").Replace(strings.Join(private, "\n"))
	if got := strings.Join(inboundLimitsHint(t, strings.Split(local, "\n")).Actions, "\n"); !strings.Contains(got, "this host itself") {
		t.Errorf("loopback sessions lost their own advice: %q", got)
	}
}

// inboundLimitsHint is the inbound_limits hint of lines, failing the test
// when there is none.
func inboundLimitsHint(t *testing.T, lines []string) Hint {
	t.Helper()
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == "inbound_limits" {
			return h
		}
	}
	t.Fatalf("no inbound_limits hint for %q", lines)
	return Hint{}
}
