package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// saslFail is smtpd's failed login of user from ip, logged by service
// (postfix/submission or postfix), and the summary of its session.
func saslFail(sec int, service, ip, user string) []string {
	return []string{
		fmt.Sprintf("%s mx %s/smtpd[5276]: warning: unknown[%s]: SASL PLAIN authentication failed: , sasl_username=%s", stamp(sec), service, ip, user),
		fmt.Sprintf("%s mx %s/smtpd[5276]: disconnect from unknown[%s] ehlo=2 starttls=1 auth=0/1 quit=1 commands=4/5", stamp(sec), service, ip),
	}
}

// One login name that fails again and again from one address, which
// tries no other name, is a user's device with an old password, not
// guessing: the hint names the login and the address, sends the admin to
// the user, and warns that a ban would lock the user out. Lines from a
// submission service get no advice to move AUTH to the submission ports.
// Many names from many addresses stay password guessing.
func TestStaleLoginToldFromGuessing(t *testing.T) {
	var user []string
	for i := range 12 {
		user = append(user, saslFail(40*i, "postfix/submission", "178.12.33.4", "dmitri@example.org")...)
	}
	h := hintOf(t, feed(user...), "inbound_limits")
	all := strings.Join(h.Evidence, "\n") + "\n" + strings.Join(h.Actions, "\n")
	if !strings.Contains(all, "dmitri@example.org") || !strings.Contains(all, "178.12.33.4") || !strings.Contains(all, "old password") || !strings.Contains(all, "lock") {
		t.Errorf("one user's failures not told apart:\n%s", all)
	}
	if strings.Contains(all, "guessing") || strings.Contains(all, "only on the submission ports") {
		t.Errorf("one user's failures on submission called guessing or sent to submission:\n%s", all)
	}
	var guesses []string
	names := []string{"admin", "info", "test", "sales"}
	for i := range 24 {
		guesses = append(guesses, saslFail(i, "postfix", fmt.Sprintf("203.0.113.%d", 10+i%6), names[i%4])...)
	}
	h = hintOf(t, feed(guesses...), "inbound_limits")
	all = strings.Join(h.Evidence, "\n") + "\n" + strings.Join(h.Actions, "\n")
	if strings.Contains(all, "old password after") || !strings.Contains(all, "only on the submission ports") {
		t.Errorf("guessing on port 25:\n%s", all)
	}
	// Mixed: the user is named beside the guessing.
	h = hintOf(t, feed(append(guesses, user...)...), "inbound_limits")
	all = strings.Join(h.Evidence, "\n") + "\n" + strings.Join(h.Actions, "\n")
	if !strings.Contains(all, "dmitri@example.org") || !strings.Contains(all, "178.12.33.4") || !strings.Contains(all, "guessing") {
		t.Errorf("a user among guesses:\n%s", all)
	}
}
