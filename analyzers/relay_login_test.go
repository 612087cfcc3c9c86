package analyzers

import (
	"fmt"
	"testing"

	"mxtop/sources"
)

// relaySent is a delivery through the relayhost; relayLoginRefused one
// the relayhost refused the login for (535, deferred: the default
// smtp_sasl_auth_soft_bounce = yes).
func relaySent(i int) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 5A%08X: to=<u%d@gmail.com>, relay=smtp.sendgrid.net[167.89.115.56]:587, delay=1, delays=0.1/0/0.4/0.5, dsn=2.0.0, status=sent (250 Ok: queued as x%d)", stamp(i), 400+i%5, i, i, i)
}

func relayLoginRefused(i int) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 5B%08X: to=<u%d@web.de>, relay=smtp.sendgrid.net[167.89.115.56]:587, delay=1, delays=0.1/0/0.4/0.5, dsn=4.7.8, status=deferred (SASL authentication failed; server smtp.sendgrid.net[167.89.115.56] said: 535 5.7.8 Authentication credentials invalid)", stamp(i), 400+i%5, i, i)
}

// relayLoginSeverity is the severity of the config_error hint.
func relayLoginSeverity(t *testing.T, lines []string) Severity {
	t.Helper()
	for _, h := range feed(lines...).Hints(true) {
		if h.ID == sources.HintConfigError {
			return h.Severity
		}
	}
	t.Fatal("no config_error hint")
	return 0
}

// A relayhost that refuses the login for every delivery since the
// failures began lets no mail out: critical, as a relay that denies
// relaying is. When some mail still goes through it (another login, a
// failure that comes and goes), a warning.
func TestRelayLoginRefusedForAllIsCritical(t *testing.T) {
	var lines []string
	for i := range 20 {
		lines = append(lines, relaySent(i))
	}
	for i := 20; i < 50; i++ {
		lines = append(lines, relayLoginRefused(i))
	}
	if sev := relayLoginSeverity(t, lines); sev != SevCritical {
		t.Errorf("nothing went through the relay after the failures began: %s", sev)
	}
	lines = nil
	for i := range 50 {
		if i%2 == 0 {
			lines = append(lines, relaySent(i))
		} else {
			lines = append(lines, relayLoginRefused(i))
		}
	}
	if sev := relayLoginSeverity(t, lines); sev != SevWarning {
		t.Errorf("half the mail went through the relay: %s", sev)
	}
}
