package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// busyRefusals is ten smtp processes delivering to big.example within
// seconds, then deferrals carrying reply.
func busyRefusals(reply string) []string {
	var lines []string
	for i := range 10 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06XA: to=<u%d@big.example>, relay=mx.big.example[192.0.2.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)",
			stamp(i/3), 3000+i, i, i))
	}
	for i := range 4 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: %06XB: to=<v%d@big.example>, relay=mx.big.example[192.0.2.9]:25, delay=1.2, delays=0.1/0/0.5/0, dsn=4.7.0, status=deferred (host mx.big.example[192.0.2.9] refused to talk to me: %s)",
			stamp(4), 3000+i, i, i, reply))
	}
	return lines
}

func statedHint(t *testing.T, lines []string) Hint {
	t.Helper()
	hs := hintIDs(feed(lines...).Hints(true))["destination_concurrency"]
	if len(hs) != 1 {
		t.Fatalf("%d destination_concurrency hints", len(hs))
	}
	return hs[0]
}

// A receiver that states its limit on this client's connections gets
// at most that figure as the destination's concurrency limit, and the
// hint says the figure is the server's and that every domain sent to
// those hosts counts against it.
func TestConnLimitStatedByTheServerBoundsTheSuggestion(t *testing.T) {
	h := statedHint(t, busyRefusals("421 4.7.0 Too many concurrent connections from your IP (max 2)"))
	acts := strings.Join(h.Actions, "\n")
	if !strings.Contains(acts, "slow_destination_concurrency_limit = 2") {
		t.Errorf("suggestion is not the stated 2: %q", h.Actions)
	}
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "the server states a limit of 2 connections") {
		t.Errorf("evidence does not say the server states its limit: %q", h.Evidence)
	}
	if !strings.Contains(strings.Join(h.Cautions, "\n"), "counts against the server's limit of 2") {
		t.Errorf("cautions do not say other domains share the limit: %q", h.Cautions)
	}
	// The advice moves the domain to the slow transport: the limit that
	// applies to it then is that transport's.
	for _, c := range h.Cautions {
		if strings.Contains(c, "server's limit of 2") && (strings.Contains(c, "smtp_destination_concurrency_limit") || !strings.Contains(c, "slow_destination_concurrency_limit")) {
			t.Errorf("the caution names another limit than the slow transport's the advice sets: %q", c)
		}
	}

	// A figure in the reply that is no limit (Postfix smtpd's refusal
	// names the client's address; Orange's tag and error number; a rate)
	// leaves the suggestion to the concurrency seen: half of 10.
	for _, reply := range []string{
		"421 4.7.0 mx.big.example Error: too many connections from 203.0.113.5",
		"421 mwinf5c42 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR004_104 [104]",
		"421 4.7.0 Too many connections from your IP (max: 10 per 1 minute). Try again later.",
	} {
		h := statedHint(t, busyRefusals(reply))
		if strings.Contains(strings.Join(h.Evidence, "\n"), "server states") || !strings.Contains(strings.Join(h.Actions, "\n"), "slow_destination_concurrency_limit = 5'") {
			t.Errorf("%q: read as a stated limit: %q %q", reply, h.Evidence, h.Actions)
		}
	}

	// A stated figure above what the concurrency seen suggests does not
	// raise the suggestion.
	h = statedHint(t, busyRefusals("421 4.7.0 Too many concurrent connections from your IP (max 8)"))
	if strings.Contains(strings.Join(h.Actions, "\n"), "slow_destination_concurrency_limit = 8") {
		t.Errorf("suggests the stated 8 above half the concurrency seen: %q", h.Actions)
	}
}

// The same refusal pasted without its syslog header, or behind a docker
// prefix, gives the same stated figure.
func TestConnLimitStatedInPastedLines(t *testing.T) {
	lines := busyRefusals("421 4.7.0 Too many concurrent connections from your IP (max 3)")
	for _, shape := range []func(string) string{
		func(l string) string { _, rest, _ := strings.Cut(l, " mx "); return rest },
		func(l string) string { return "mail-1  | " + l },
	} {
		var pasted []string
		for _, l := range lines {
			pasted = append(pasted, shape(l))
		}
		hs := hintIDs(feed(pasted...).Hints(true))["destination_concurrency"]
		if len(hs) != 1 || !strings.Contains(strings.Join(hs[0].Evidence, "\n"), "the server states a limit of 3 connections") {
			t.Errorf("pasted %q: %+v", pasted[len(pasted)-1], hs)
		}
	}
}

// Failed tries alone (no delivery line names the domain) that state the
// server's limit get advice of at most that figure, not the usual "2 or
// 3", which is above a stated 1.
func TestConnLimitStatedInFailedTries(t *testing.T) {
	try := func(sec int, reply string) string {
		return fmt.Sprintf("%s mx postfix/smtp[78]: 6C3D4E5F%02d: host mx2.mail.example.org[198.51.100.8] refused to talk to me: %s", stamp(sec), sec, reply)
	}
	hs := hintIDs(feed(try(1, "421 4.7.0 Too many concurrent connections from your IP (max 1)"), try(9, "421 4.7.0 Too many concurrent connections from your IP (max 1)")).Hints(true))["destination_concurrency"]
	if len(hs) != 1 {
		t.Fatalf("%d destination_concurrency hints", len(hs))
	}
	acts := strings.Join(hs[0].Actions, "\n")
	if strings.Contains(acts, "2 or 3") || !strings.Contains(acts, "_destination_concurrency_limit at most 1") || !strings.Contains(acts, "the servers state a limit of 1") {
		t.Errorf("advice above the stated 1, or not saying the servers state it: %q", hs[0].Actions)
	}

	// Without a stated figure, the advice is the usual one.
	hs = hintIDs(feed(try(1, "421 4.7.0 mx2.mail.example.org Error: too many connections from 203.0.113.9")).Hints(true))["destination_concurrency"]
	if len(hs) != 1 || !strings.Contains(strings.Join(hs[0].Actions, "\n"), "(2 or 3)") {
		t.Errorf("no stated figure: %+v", hs)
	}
}
