package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// hintText is a hint's title, evidence and steps, for looking words up.
func hintText(h Hint) string {
	s := h.Title + "\n" + strings.Join(h.Evidence, "\n") + "\n"
	for _, a := range h.Steps {
		s += a.Text + "\n"
	}
	return s
}

// Deliveries that local(8) or pipe(8) make on this host fail on this
// host's configuration: the hint says so and names the agent, never an
// outbound (remote) failure.
func TestLocalDeliveryConfigHintIsThisHosts(t *testing.T) {
	for _, tc := range []struct {
		name, agent string
		lines       []string
	}{
		{"alias command rewritten, local", "local(8)", []string{
			`Dec  1 10:00:05 mx postfix/local[1238]: 4ABC12349: to=<"|/usr/bin/foo"@mx.example.org>, orig_to=<alerts@example.org>, relay=local, delay=0.3, delays=0.1/0/0/0.2, dsn=5.3.0, status=bounced (Command died with status 1: "/usr/bin/foo")`,
		}},
		{"file recipient, local", "local(8)", []string{
			`Dec  1 10:00:01 mx postfix/local[1236]: 4ABC1234A: to=<alerts@mx.example.org>, orig_to=<alerts@example.org>, relay=local, delay=0.3, delays=0.1/0/0/0.2, dsn=5.2.0, status=bounced (cannot append message to file /var/log/alerts.log: Permission denied)`,
		}},
		{"command restricted, local", "local(8)", []string{
			`Dec  1 10:00:02 mx postfix/local[1236]: 4ABC1234B: to=<alerts@mx.example.org>, relay=local, delay=0.3, delays=0.1/0/0/0.2, dsn=5.7.1, status=bounced (mail to command is restricted)`,
		}},
		{"alias command rewritten, pipe", "pipe(8)", []string{
			`Nov 28 10:00:00 lists postfix/pipe[3341]: 69BFC2E0EB5: to=<|/usr/lib/lists/bin/queue@lists.example.org>, orig_to=<team@lists.example.org>, relay=lists, delay=0.04, delays=0.02/0.02/0/0.01, dsn=4.3.0, status=deferred (temporary failure. Command output: queue: cannot open spool file: No such file or directory )`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs := hintIDs(feed(tc.lines...).Hints(true))["config_error"]
			if len(hs) == 0 {
				t.Fatalf("no config_error hint")
			}
			h := hs[0]
			if strings.Contains(h.Title, "Outbound") || h.Side == "outbound" {
				t.Errorf("a delivery on this host is called outbound: side %s, %q", h.Side, h.Title)
			}
			if all := hintText(h); !strings.Contains(all, tc.agent) || !strings.Contains(all, "this host") {
				t.Errorf("the hint does not name %s as this host's delivery:\n%s", tc.agent, all)
			}
		})
	}
}

// A command that local(8) or pipe(8) runs fails: the hint says it is
// this host's delivery command, not that a Postfix program is down.
func TestDeliveryCommandFailureTitle(t *testing.T) {
	for _, line := range []string{
		`Dec  1 10:00:01 mx postfix/pipe[1234]: 4ABC12345: to=<list@lists.example.org>, relay=mailman, delay=0.5, delays=0.1/0/0/0.4, dsn=5.3.0, status=bounced (Command died with status 1: "/usr/lib/mailman/mail/mailman". Command output: Illegal command: post )`,
		`Dec  1 10:00:03 mx postfix/local[1236]: 4ABC12347: to=<bob@mx.example.org>, orig_to=<bob@example.org>, relay=local, delay=0.3, delays=0.1/0/0/0.2, dsn=4.3.0, status=deferred (temporary failure. Command output: /usr/bin/procmail: Couldn't create "/var/mail/bob" )`,
	} {
		var found bool
		for _, h := range feed(line).Hints(true) {
			if strings.Contains(h.Title, "delivery command") {
				found = true
			}
			if strings.Contains(h.Title, "is down") {
				t.Errorf("a failing delivery command is called a program that is down: %q", h.Title)
			}
		}
		if !found {
			t.Errorf("no hint names this host's delivery command for %s: %+v", line, feed(line).Hints(true))
		}
	}
}

// A mailbox server refusing one user for a full mailbox is that user's;
// many users at once is a quota rule or count for everyone: critical,
// with the number of recipients said.
func TestFullMailboxesOfManyUsersAreCritical(t *testing.T) {
	hint := func(users int) Hint {
		t.Helper()
		var lines []string
		for i := 0; i < 60; i++ {
			lines = append(lines, fmt.Sprintf("%s mx postfix/lmtp[%d]: %06XH%03X: to=<user%d@example.org>, relay=mail.example.org[private/dovecot-lmtp], delay=0.2, delays=0.1/0/0/0.1, dsn=5.2.2, status=bounced (host mail.example.org[private/dovecot-lmtp] said: 552 5.2.2 <user%d@example.org> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))",
				stamp(i), 40+i%3, i, i, i%users, i%users))
		}
		return hintOf(t, feed(lines...), sources.HintMailbox)
	}
	if h := hint(1); h.Severity == SevCritical {
		t.Errorf("one user's full mailbox: %v", h.Severity)
	}
	h := hint(40)
	if h.Severity != SevCritical || !strings.Contains(strings.Join(h.Evidence, "\n"), "40 recipients") {
		t.Errorf("40 users' full mailboxes: %v %q", h.Severity, h.Evidence)
	}
}
