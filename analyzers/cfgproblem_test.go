package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// unknownUsers are everyday refusals of guessed recipients, one smtpd
// process each.
func unknownUsers(n int) []string {
	var lines []string
	for i := 0; i < n; i++ {
		lines = append(lines, fmt.Sprintf("Dec  2 06:%02d:00 mx1 postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[203.0.113.%d]: 550 5.1.1 <guess%d@ourcorp.example>: Recipient address rejected: User unknown in virtual mailbox table; from=<spam%d@example.net> to=<guess%d@ourcorp.example> proto=ESMTP helo=<WIN-3KD8>", i, 3000+i, i+1, i, i, i))
	}
	return lines
}

// policyDown is a policy server that refuses connections: each smtpd
// process warns, then answers its sender 451 4.3.5.
func policyDown(n int) []string {
	var lines []string
	for i := 0; i < n; i++ {
		pid := 4000 + i
		lines = append(lines,
			fmt.Sprintf("Dec  2 13:%02d:00 mx1 postfix/smtpd[%d]: warning: problem talking to server 127.0.0.1:10023: Connection refused", i, pid),
			fmt.Sprintf("Dec  2 13:%02d:00 mx1 postfix/smtpd[%d]: NOQUEUE: reject: RCPT from mail.sender%d.example[198.51.100.%d]: 451 4.3.5 Server configuration problem; from=<a%d@sender%d.example> to=<anna@ourcorp.example> proto=ESMTP helo=<mail.sender%d.example>", i, pid, i, i+1, i, i, i))
	}
	return lines
}

// smtpd's "451 4.3.5 Server configuration problem" is its reply for the
// failure the same process warned of just before: the replies belong to
// that failure's hint, which leads, and are not merged with everyday
// unknown-recipient refusals into a configuration error.
func TestServerConfigurationProblemFollowsItsWarning(t *testing.T) {
	hs := feed(slices2(unknownUsers(30), policyDown(20))...).Hints(true)
	if len(hs) == 0 || hs[0].Subject != "policy_server_down" {
		t.Fatalf("want the policy server's hint first, got %+v", hs)
	}
	if !repliesCounted(hs[0], 20) {
		t.Errorf("the policy server's hint should count the 20 replies it caused: %q", hs[0].Evidence)
	}
	for _, h := range hs {
		if h.Subject == "server_configuration_problem" {
			t.Errorf("replies explained by their warning should not make a hint of their own: %+v", h)
		}
		if h.Severity > SevInfo && strings.Contains(strings.Join(h.Samples, "\n"), "User unknown") {
			t.Errorf("unknown recipients should not be the evidence of a %v hint: %+v", h.Severity, h)
		}
	}
}

// The warning explains only the replies of its own process: another
// smtpd's 451 (its own warning not in the log) is not filed under it.
func TestServerConfigurationProblemOtherProcess(t *testing.T) {
	lines := policyDown(1)
	lines = append(lines, "Dec  2 13:00:01 mx1 postfix/smtpd[4100]: NOQUEUE: reject: RCPT from mail.other.example[198.51.100.99]: 451 4.3.5 Server configuration problem; from=<b@other.example> to=<anna@ourcorp.example> proto=ESMTP helo=<mail.other.example>")
	hs := feed(lines...).Hints(true)
	cfg := hintIDs(hs)[sources.HintConfigError]
	if len(cfg) != 1 || cfg[0].Subject != "server_configuration_problem" || !strings.Contains(strings.Join(cfg[0].Samples, "\n"), "smtpd[4100]") {
		t.Fatalf("want the other process's reply as a configuration problem of its own, got %+v", cfg)
	}
	crash := hintIDs(hs)[sources.HintDaemonCrash]
	if len(crash) != 1 || !repliesCounted(crash[0], 1) {
		t.Errorf("the policy server's hint should count its own process's reply: %+v", crash)
	}
}

// repliesCounted says whether h's evidence counts n replies of smtpd's
// "Server configuration problem".
func repliesCounted(h Hint, n int) bool {
	for _, ev := range h.Evidence {
		if strings.Contains(ev, "Server configuration problem") && strings.Contains(ev, fmt.Sprintf(" %d time", n)) {
			return true
		}
	}
	return false
}

func slices2(a, b []string) []string { return append(append([]string{}, a...), b...) }

// Replies whose warning is not in the log (a log cut after it) still
// make a configuration error; everyday unknown-recipient refusals beside
// them do not lead its log lines or its advice.
func TestServerConfigurationProblemLeadsOverUnknownUsers(t *testing.T) {
	lines := unknownUsers(30)
	for i := 0; i < 5; i++ {
		lines = append(lines, fmt.Sprintf("Dec  2 13:%02d:00 mx1 postfix/smtpd[%d]: NOQUEUE: reject: RCPT from mail.sender%d.example[198.51.100.%d]: 451 4.3.5 Server configuration problem; from=<a%d@sender%d.example> to=<anna@ourcorp.example> proto=ESMTP helo=<mail.sender%d.example>", i, 5000+i, i, i+1, i, i, i))
	}
	cfg := hintIDs(feed(lines...).Hints(true))[sources.HintConfigError]
	if len(cfg) == 0 || cfg[0].Subject != "server_configuration_problem" {
		t.Fatalf("want a configuration error for the replies, got %+v", cfg)
	}
	h := cfg[0]
	if len(h.Samples) == 0 || !strings.Contains(h.Samples[0], "Server configuration problem") {
		t.Errorf("the replies should lead the log lines: %q", h.Samples)
	}
	if len(h.Evidence) == 0 || !strings.HasPrefix(h.Evidence[0], "server_configuration_problem ") {
		t.Errorf("the replies should lead the evidence: %q", h.Evidence)
	}
	if len(h.Actions) == 0 || !strings.Contains(h.Actions[0], "warning smtpd logged before") {
		t.Errorf("the replies' advice should come first: %q", h.Actions)
	}
}
