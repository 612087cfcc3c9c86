package analyzers

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"mxtop/sources"
)

// configWith is a configuration read from main.cf text and a master.cf
// whose smtp service runs the smtp client.
func configWith(t *testing.T, mainCf string) *sources.Config {
	t.Helper()
	params, err := sources.ParseParams(strings.NewReader(mainCf))
	if err != nil {
		t.Fatal(err)
	}
	svcs, _ := sources.ParseMaster(strings.NewReader("smtp inet n - y - 100 smtpd\nsmtp unix - - y - 100 smtp\n"), 100)
	return &sources.Config{Params: params, Explicit: params, Services: svcs}
}

// default_transport = smtp:[relay]:587 sends every remote domain's mail to
// that relay, as relayhost would, and comes before relayhost: the DNS
// check is of the relay's name, and the hint names default_transport.
func TestSlowConnectionSetupBehindDefaultTransportRelay(t *testing.T) {
	for _, mainCf := range []string{
		"default_transport = smtp:[smtp.relay.example]:587\n",
		"relayhost = [old.relay.example]\ndefault_transport = smtp:[smtp.relay.example]:587\n",
	} {
		e := NewEngine(0)
		e.SetConfig(configWith(t, mainCf))
		feedInto(e, sentLines(12, "smtp", "smtp.relay.example[192.0.2.50]:587", "0.1/0.01/11/0.4", "slow.example")...)
		hs := setupHints(e)
		if len(hs) != 1 {
			t.Fatalf("%q: connection_setup hints: %+v", mainCf, hs)
		}
		var cmds []string
		for _, a := range hs[0].Steps {
			if a.Command {
				cmds = append(cmds, a.Text)
			}
		}
		if !slices.ContainsFunc(cmds, func(c string) bool { return strings.Contains(c, "host -t a smtp.relay.example") }) {
			t.Errorf("%q: no check of the relay's address records: %q", mainCf, cmds)
		}
		if slices.ContainsFunc(cmds, func(c string) bool {
			return strings.Contains(c, "slow.example") || strings.Contains(c, "old.relay.example")
		}) {
			t.Errorf("%q: a check of a name smtp does not look up: %q", mainCf, cmds)
		}
		if !strings.Contains(hintText(hs[0]), "default_transport") {
			t.Errorf("%q: the hint does not say default_transport routes the mail: %s", mainCf, hintText(hs[0]))
		}
	}
}

// A relay that default_transport names and that refuses connections holds
// all outbound mail: critical, as with relayhost.
func TestDefaultTransportRelayDownIsCritical(t *testing.T) {
	domains := []string{"gmail.com", "gmx.de", "yahoo.com", "example.org"}
	var lines []string
	for i := 0; i < 60; i++ {
		lines = append(lines, refusedAt(i, domains[i%len(domains)], "smtp.relay.example", "198.51.100.7", 587, "Connection refused"))
	}
	e := feed(lines...)
	e.SetConfig(configWith(t, "default_transport = smtp:[smtp.relay.example]:587\n"))
	h := hintOf(t, e, "firewall")
	if h.Severity != SevCritical {
		t.Errorf("severity %v with all outbound mail waiting on default_transport's relay", h.Severity)
	}
}

// A relay fault behind default_transport's next hop sends the admin to the
// relay's operator and shows the parameter that routes there.
func TestDefaultTransportRelayFault(t *testing.T) {
	e := NewEngine(0)
	e.SetConfig(configWith(t, "default_transport = smtp:[smtp.provider.example]:587\n"))
	for i, d := range []string{"a.example", "b.example", "c.example"} {
		feedInto(e, faultDeferral(i+1, d, "smtp.provider.example[203.0.113.25]:587", remoteFaultReplies[0]))
	}
	got := hintIDs(e.Hints(true))["remote_fault"]
	if len(got) != 1 {
		t.Fatalf("want one remote_fault hint, got %+v", got)
	}
	h := got[0]
	if h.Subject != "smtp.provider.example" {
		t.Errorf("subject %q, want the relay", h.Subject)
	}
	acts := strings.Join(h.Actions, " | ")
	if !strings.Contains(acts, "operator") || !strings.Contains(acts, "postconf default_transport") || strings.Contains(acts, "postconf relayhost") {
		t.Errorf("advice should send the admin to the relay's operator and show default_transport: %q", acts)
	}
}

// A relay on port 25 that default_transport names and that times out (as
// clouds block outbound port 25): the submission-port advice changes
// default_transport's next hop, since relayhost would not be used.
func TestDefaultTransportRelayOnPort25(t *testing.T) {
	var lines []string
	for i := range 12 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 3F2A1E%04X: to=<u%d@example.org>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to smtp.relay.example[192.0.2.25]:25: Connection timed out)",
			stamp(i*5), 500+i, i, i%9))
	}
	e := feed(lines...)
	e.SetConfig(configWith(t, "relayhost = [smtp.other.example]:587\ndefault_transport = smtp:[smtp.relay.example]\n"))
	h := hintOf(t, e, "firewall")
	acts := strings.Join(h.Actions, "\n")
	if !strings.Contains(acts, "default_transport = smtp:[smtp.relay.example]:587") {
		t.Errorf("the submission port is not offered for default_transport's relay: %q", h.Actions)
	}
	if strings.Contains(acts, "relayhost = [smtp.relay.example]:587") {
		t.Errorf("advice to set relayhost, which default_transport's next hop overrides: %q", h.Actions)
	}
}
