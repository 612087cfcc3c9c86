package analyzers

import (
	"strings"
	"testing"
)

// At one destination, a server that takes connections and never greets
// is that server's trouble: an info hint that says so, how to see it, and
// what it costs here; no firewall hint, which is for a path that fails
// at several.
func TestSilentServerAtOneDestination(t *testing.T) {
	var lines []string
	for i := 1; i <= 4; i++ {
		lines = append(lines, greetingTimeout(i, "quiet.example"))
	}
	hs := hintIDs(feed(lines...).Hints(true))
	var got []Hint
	for _, h := range hs["connection_setup"] {
		if h.Subject == "quiet.example" {
			got = append(got, h)
		}
	}
	if len(got) != 1 {
		t.Fatalf("want one connection_setup hint for quiet.example, got %v", hs)
	}
	h := got[0]
	if h.Severity != SevInfo || !strings.Contains(h.Title, "greeting") {
		t.Errorf("%s %q", h.Severity, h.Title)
	}
	acts := strings.Join(h.Actions, "\n")
	for _, want := range []string{"smtp_helo_timeout", "openssl s_client -brief -starttls smtp -connect mx.quiet.example:25", "postmaster"} {
		if !strings.Contains(acts, want) {
			t.Errorf("advice lacks %q:\n%s", want, acts)
		}
	}
	if len(hs["firewall"]) != 0 {
		t.Errorf("one silent server gave a firewall hint: %+v", hs["firewall"])
	}
	// Whether the path works is said from what the log shows: with no
	// mail that went out elsewhere, the path stays a suspect.
	if !strings.Contains(acts, "suspect the path") {
		t.Errorf("with no other delivery the path is not cleared:\n%s", acts)
	}
	sent := "Nov 28 10:00:00 mx postfix/smtp[50]: 1A2B3C4D5E: to=<x@other.example>, relay=mx.other.example[198.51.100.200]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)"
	withSent := hintIDs(feed(append([]string{sent}, lines...)...).Hints(true))["connection_setup"]
	if len(withSent) != 1 {
		t.Fatalf("with mail that went out elsewhere: %d connection_setup hints", len(withSent))
	}
	for _, h := range withSent {
		if a := strings.Join(h.Actions, "\n"); !strings.Contains(a, "the path from here works") {
			t.Errorf("with mail that went out elsewhere the path is cleared:\n%s", a)
		}
	}
	// Two timeouts are not yet a pattern.
	if got := hintIDs(feed(lines[:2]...).Hints(true))["connection_setup"]; len(got) != 0 {
		t.Errorf("two timeouts gave %+v", got)
	}
	// At three destinations the firewall hint reads the path, alone.
	lines = nil
	for i, d := range []string{"a.example", "bb.example", "ccc.example"} {
		for j := 0; j < 3; j++ {
			lines = append(lines, greetingTimeout(10*i+j, d))
		}
	}
	hs = hintIDs(feed(lines...).Hints(true))
	if len(hs["firewall"]) != 1 || len(hs["connection_setup"]) != 0 {
		t.Errorf("three silent destinations: firewall %d, connection_setup %d", len(hs["firewall"]), len(hs["connection_setup"]))
	}
}
