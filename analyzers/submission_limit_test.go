package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// submissionRefusal is the submission smtpd refusing ip over its
// per-client connection count, with a syslog header or, as lines pasted
// from a ticket often are, without one.
func submissionRefusal(i int, svc, ip string, header bool) string {
	l := fmt.Sprintf("postfix/%s/smtpd[4100]: warning: Connection concurrency limit exceeded: %d from unknown[%s] for service %s", svc, 51+i, ip, svc)
	if header {
		return stamp(i) + " mx " + l
	}
	return l
}

// The clients of a submission service (587, 465) are this site's users'
// mail programs and applications, which log in: one address over the
// per-client count is an office behind one address or an application
// opening a connection per message as often as a password guesser, and a
// missing reverse name says nothing of it. The hint asks whether its
// logins work before it says refuse or exempt, and never calls the limit
// "working" on a client the log shows nothing against.
func TestSubmissionClientOverCountIsNoBotByName(t *testing.T) {
	for _, svc := range []string{"submission", "smtps"} {
		for _, header := range []bool{true, false} {
			var lines []string
			for i := range 3 {
				lines = append(lines, submissionRefusal(i, svc, "203.0.113.77", header))
			}
			for _, e := range []*Engine{feed(lines...), feedConfigured(lines...)} {
				h := limitHint(t, e, svc)
				acts := strings.Join(h.Actions, "\n")
				if strings.Contains(acts, "the limit is working") || strings.Contains(strings.Join(h.Evidence, "\n"), "without reverse DNS") {
					t.Errorf("%s (header %v): a submission client with nothing against it is judged a bot:\n%s\n%s", svc, header, strings.Join(h.Evidence, "\n"), acts)
				}
				if !strings.Contains(acts, "sasl_username") || !strings.Contains(acts, "203.0.113.77") || !strings.Contains(acts, "smtpd_client_event_limit_exceptions") {
					t.Errorf("%s (header %v): no check of the client's logins before exempting it:\n%s", svc, header, acts)
				}
				if len(h.Changes) != 0 {
					t.Errorf("%s (header %v): an unverified client is exempted: %v", svc, header, h.Changes)
				}
			}
		}
	}

	// The same client on port 25 is a stranger's: the limit holds it.
	var smtp []string
	for i := range 3 {
		smtp = append(smtp, fmt.Sprintf("%s mx postfix/smtpd[4100]: warning: Connection concurrency limit exceeded: %d from unknown[203.0.113.77] for service smtp", stamp(i), 51+i))
	}
	if acts := strings.Join(limitHint(t, feedConfigured(smtp...), "smtp").Actions, "\n"); !strings.Contains(acts, "the limit is working") {
		t.Errorf("port 25: the limit no longer holds a client without a name:\n%s", acts)
	}

	// Whose logins work on submission is a user: exempted.
	var users []string
	for i := range 3 {
		users = append(users, fmt.Sprintf("%s mx postfix/submission/smtpd[4%03d]: 7C%08X: client=unknown[203.0.113.77], sasl_method=PLAIN, sasl_username=alice@example.org", stamp(i), i, i))
	}
	for i := range 3 {
		users = append(users, submissionRefusal(10+i, "submission", "203.0.113.77", true))
	}
	h := limitHint(t, feedConfigured(users...), "submission")
	if acts := strings.Join(h.Actions, "\n"); len(h.Changes) != 1 || !strings.Contains(acts, "postconf -e 'smtpd_client_event_limit_exceptions = $mynetworks, 203.0.113.77'") {
		t.Errorf("a submission client whose logins work is not exempted: changes %v, actions:\n%s", h.Changes, acts)
	}

	// Whose logins fail is guessing passwords: never exempted.
	var guesser []string
	for i := range 3 {
		guesser = append(guesser, fmt.Sprintf("%s mx postfix/submission/smtpd[4%03d]: warning: unknown[203.0.113.77]: SASL LOGIN authentication failed: authentication failure", stamp(i), i))
	}
	for i := range 3 {
		guesser = append(guesser, submissionRefusal(10+i, "submission", "203.0.113.77", true))
	}
	h = limitHint(t, feedConfigured(guesser...), "submission")
	if acts := strings.Join(h.Actions, "\n"); len(h.Changes) != 0 || !strings.Contains(acts, "do not exempt 203.0.113.77") {
		t.Errorf("a password guesser on submission: changes %v, actions:\n%s", h.Changes, acts)
	}
}
