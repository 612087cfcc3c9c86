package analyzers

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// feedConfigured is feed with a configuration read that sets nothing,
// and a master.cf read with the smtp client alone: hints that change a
// list parameter or a master.cf service give their commands only where
// the configuration is known, and a master.cf without services is one
// not read.
func feedConfigured(lines ...string) *Engine {
	e := feed(lines...)
	e.SetConfig(configOf("", "smtp unix - - n - - smtp\n"))
	return e
}

// overwrites is a command among steps that sets a list or table parameter
// as a whole, or replaces a master.cf service: where the configuration
// could not be read, either would drop what the site has there.
func overwrites(steps []Action) string {
	for _, a := range steps {
		if !a.Command {
			continue
		}
		for _, p := range []string{"transport_maps =", "_exceptions =", "_restrictions =", "mynetworks =", "postconf -M '"} {
			if strings.Contains(a.Text, p) {
				return a.Text
			}
		}
	}
	return ""
}

// With the configuration unknown, the destination_concurrency hint reads
// transport_maps and the slow service before anything, sets neither, and
// gives smtp's limit as the default it is; with it known and neither set,
// it sets both, and states the limit in force.
func TestUnknownConfigKeepsTransportAndService(t *testing.T) {
	lines := repeat(3, func(i int) string { return deliv(i+1, "big.example", "deferred", tooMany) })
	h := hintOf(t, feed(lines...), "destination_concurrency")
	if c := overwrites(h.Steps); c != "" {
		t.Errorf("configuration unknown, yet: %s", c)
	}
	if len(h.Steps) < 2 || h.Steps[0].Text != "postconf transport_maps" || !strings.HasPrefix(h.Steps[1].Text, "postconf -M slow/unix") {
		t.Errorf("the first steps do not read the configuration: %+v", h.Steps)
	}
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "add the line") || !strings.Contains(acts, "slow_destination_concurrency_limit = ") {
		t.Errorf("no way to add to the value in force, or the limit lost:\n%s", acts)
	}
	if len(h.Changes) != 0 {
		t.Errorf("changes with the configuration unknown: %+v", h.Changes)
	}
	ev := strings.Join(h.Evidence, "\n")
	if strings.Contains(ev, "effective limit") || !strings.Contains(ev, "smtp_destination_concurrency_limit = 20 by default; the configuration could not be read") {
		t.Errorf("evidence:\n%s", ev)
	}
	if !strings.Contains(h.Title, "default limit of 20") {
		t.Errorf("title: %s", h.Title)
	}

	e := feed(lines...)
	e.SetConfig(configOf("smtp_destination_concurrency_limit = 20\n", "smtp unix - - n - - smtp\n"))
	h = hintOf(t, e, "destination_concurrency")
	acts := strings.Join(h.Actions, "\n")
	for _, want := range []string{"postconf -e 'transport_maps = hash:/etc/postfix/transport'", "postconf -M 'slow/unix=slow unix - - n - - smtp'"} {
		if !strings.Contains(acts, want) {
			t.Errorf("known configuration without them: %q missing:\n%s", want, acts)
		}
	}
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "effective limit: smtp_destination_concurrency_limit = 20") {
		t.Errorf("known configuration, evidence:\n%s", ev)
	}
}

// With the configuration unknown, the inbound_limits hint reads
// smtpd_client_event_limit_exceptions rather than setting it to the
// client alone; known, it sets it.
func TestUnknownConfigKeepsLimitExceptions(t *testing.T) {
	var own []string
	for i := range 8 {
		own = append(own, fmt.Sprintf("%s mx postfix/smtpd[201]: warning: Connection rate limit exceeded: %d from app1[10.0.0.5] for service smtp", stamp(i), 61+i))
	}
	h := hintOf(t, feed(own...), "inbound_limits")
	if c := overwrites(h.Steps); c != "" {
		t.Errorf("configuration unknown, yet: %s", c)
	}
	acts := strings.Join(h.Actions, "\n")
	if len(h.Steps) == 0 || !h.Steps[0].Command || !strings.HasPrefix(h.Steps[0].Text, "postconf smtpd_client_event_limit_exceptions") ||
		!strings.Contains(acts, "add 10.0.0.5") {
		t.Errorf("the exceptions in force are not read first:\n%s", acts)
	}
	if len(h.Changes) != 0 {
		t.Errorf("changes with the configuration unknown: %+v", h.Changes)
	}
	h = hintOf(t, feedConfigured(own...), "inbound_limits")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "postconf -e 'smtpd_client_event_limit_exceptions = $mynetworks, 10.0.0.5'") || len(h.Changes) != 1 {
		t.Errorf("known configuration: changes %+v, actions:\n%s", h.Changes, acts)
	}
}

// With the configuration unknown, a line saying master.cf lacks a
// service gets the service's entry read, and the entry to add only in
// words: a -M would replace one added since; known and without it, the
// entry is added.
func TestUnknownConfigKeepsMasterEntry(t *testing.T) {
	line := "Nov 28 10:00:00 mx postfix/postscreen[182]: warning: psc_dnsbl_request: connect to private/dnsblog service: No such file or directory"
	h := hintOf(t, feed(line), "blocklist")
	if c := overwrites(h.Steps); c != "" {
		t.Errorf("configuration unknown, yet: %s", c)
	}
	acts := strings.Join(h.Actions, "\n")
	if !strings.Contains(acts, "postconf -M dnsblog/unix") || !strings.Contains(acts, "dnsblog unix - - n - 0 dnsblog") {
		t.Errorf("the entry is not read first:\n%s", acts)
	}
	for _, c := range h.Changes {
		if c.Service != "" {
			t.Errorf("master.cf change with the configuration unknown: %+v", c)
		}
	}
	e := feed(line)
	e.SetConfig(configOf("", "smtp inet n - n - - smtpd\n"))
	h = hintOf(t, e, "blocklist")
	if acts := strings.Join(h.Actions, "\n"); !strings.Contains(acts, "postconf -M 'dnsblog/unix=dnsblog unix - - n - 0 dnsblog'") {
		t.Errorf("known configuration without the service:\n%s", acts)
	}
}

// masterEdit is a command among steps that writes a master.cf entry
// (postconf -M name/type=fields): where master.cf was not read, it would
// replace an entry the site has, with its -o options.
func masterEdit(steps []Action) string {
	for _, a := range steps {
		if a.Command && strings.HasPrefix(a.Text, "postconf -M '") && strings.Contains(a.Text, "=") {
			return a.Text
		}
	}
	return ""
}

// masterChange is a change among changes to a master.cf entry.
func masterChange(changes []ConfigChange) *ConfigChange {
	for i, c := range changes {
		if c.Service != "" || c.ServiceParam != "" || c.Field != "" {
			return &changes[i]
		}
	}
	return nil
}

// With main.cf read but master.cf not, a throttled destination's route
// to the slow (or slowrate) transport reads that service first and adds
// it only in words, and offers no changes (the route alone would send
// mail to a transport that may not be there); main.cf's commands stay.
// With master.cf read and without the service, the service is added.
func TestUnreadMasterKeepsSlowService(t *testing.T) {
	const rate = "host in.rated.example[192.0.2.2] said: 450 4.7.1 Error: too much mail from 198.51.100.1 (in reply to MAIL FROM command)"
	for _, c := range []struct{ id, tr, reply, param string }{
		{"destination_concurrency", "slow", tooMany, "slow_destination_concurrency_limit = "},
		{"rate_delay", "slowrate", rate, "slowrate_destination_rate_delay = "},
	} {
		lines := repeat(3, func(i int) string { return deliv(i+1, "big.example", "deferred", c.reply) })
		e := feed(lines...)
		e.SetConfig(configOf("smtp_destination_concurrency_limit = 20\n", ""))
		h := hintOf(t, e, c.id)
		if m := masterEdit(h.Steps); m != "" {
			t.Errorf("%s: master.cf not read, yet: %s", c.id, m)
		}
		if len(h.Changes) != 0 {
			t.Errorf("%s: changes with master.cf not read: %+v", c.id, h.Changes)
		}
		read := slices.IndexFunc(h.Steps, func(a Action) bool { return a.Command && strings.HasPrefix(a.Text, "postconf -M "+c.tr+"/unix") })
		add := slices.IndexFunc(h.Steps, func(a Action) bool {
			return !a.Command && strings.Contains(a.Text, "postconf -M '"+c.tr+"/unix="+c.tr+" unix - - n - - smtp'")
		})
		if read < 0 || add < read {
			t.Errorf("%s: the service is not read before it is added: %+v", c.id, h.Steps)
		}
		acts := strings.Join(h.Actions, "\n")
		for _, want := range []string{"printf", "postconf -e 'transport_maps = hash:", "postconf -e '" + c.param} {
			if !strings.Contains(acts, want) {
				t.Errorf("%s: main.cf's steps lost, %q missing:\n%s", c.id, want, acts)
			}
		}

		e = feed(lines...)
		e.SetConfig(configOf("smtp_destination_concurrency_limit = 20\n", "smtp unix - - n - - smtp\n"))
		h = hintOf(t, e, c.id)
		if m := masterEdit(h.Steps); m != "postconf -M '"+c.tr+"/unix="+c.tr+" unix - - n - - smtp'" {
			t.Errorf("%s: master.cf read without the service, command %q:\n%s", c.id, m, strings.Join(h.Actions, "\n"))
		}
		if ch := masterChange(h.Changes); ch == nil || ch.Service != c.tr+"/unix" {
			t.Errorf("%s: master.cf read without the service, changes %+v", c.id, h.Changes)
		}
	}
}

// With main.cf read but master.cf not, a line saying master.cf lacks a
// service, and TLS connection reuse without a known tlsproxy, get the
// entry read and added only in words, and no changes; with master.cf
// read and without it, the entry is added.
func TestUnreadMasterKeepsMissingService(t *testing.T) {
	dnsblog := "Nov 28 10:00:00 mx postfix/postscreen[182]: warning: psc_dnsbl_request: connect to private/dnsblog service: No such file or directory"
	throttled := repeat(3, func(i int) string { return deliv(i+1, "big.example", "deferred", tooMany) })
	for _, c := range []struct {
		id, service, entry string
		lines              []string
	}{
		{"blocklist", "dnsblog/unix", "postconf -M 'dnsblog/unix=dnsblog unix - - n - 0 dnsblog'", []string{dnsblog}},
		{"connection_reuse", "tlsproxy/unix", "postconf -M 'tlsproxy/unix=tlsproxy unix - - n - 0 tlsproxy'", throttled},
	} {
		e := feed(c.lines...)
		e.SetConfig(configOf("smtp_tls_security_level = may\n", ""))
		h := hintOf(t, e, c.id)
		if m := masterEdit(h.Steps); m != "" {
			t.Errorf("%s: master.cf not read, yet: %s", c.id, m)
		}
		// Nor main.cf's part alone: reuse without a tlsproxy fails
		// every TLS delivery.
		if len(h.Changes) != 0 {
			t.Errorf("%s: changes with master.cf not read: %+v", c.id, h.Changes)
		}
		read := slices.IndexFunc(h.Steps, func(a Action) bool { return a.Command && strings.HasPrefix(a.Text, "postconf -M "+c.service) })
		add := slices.IndexFunc(h.Steps, func(a Action) bool { return !a.Command && strings.Contains(a.Text, c.entry) })
		if read < 0 || add < read {
			t.Errorf("%s: the entry is not read before it is added: %+v", c.id, h.Steps)
		}

		e = feed(c.lines...)
		e.SetConfig(configOf("smtp_tls_security_level = may\n", "smtp inet n - n - - smtpd\n"))
		h = hintOf(t, e, c.id)
		if m := masterEdit(h.Steps); m != c.entry {
			t.Errorf("%s: master.cf read without the service, command %q:\n%s", c.id, m, strings.Join(h.Actions, "\n"))
		}
		if ch := masterChange(h.Changes); ch == nil || ch.Service != c.service {
			t.Errorf("%s: master.cf read without the service, changes %+v", c.id, h.Changes)
		}
	}
}

// With the configuration unknown and no count in the log, the
// inbound_limits hint gives the count limit as its default, not as the
// value in force; known, it states it.
func TestUnknownConfigInboundLimitDefault(t *testing.T) {
	// postscreen's refusal names no count.
	var lines []string
	for i := range 4 {
		lines = append(lines, fmt.Sprintf("%s mx postfix/postscreen[301]: NOQUEUE: reject: CONNECT from [203.0.113.%d]:4711%d: too many connections", stamp(i), 7+i, i))
	}
	h := hintOf(t, feed(lines...), "inbound_limits")
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(h.Title, "postscreen_client_connection_count_limit = 50 by default") ||
		!strings.Contains(ev, "postscreen_client_connection_count_limit = 50 by default; the configuration could not be read") {
		t.Errorf("configuration unknown: title %q, evidence:\n%s", h.Title, ev)
	}
	h = hintOf(t, feedConfigured(lines...), "inbound_limits")
	if ev := strings.Join(h.Evidence, "\n"); strings.Contains(h.Title+ev, "by default") || !strings.Contains(h.Title, "postscreen_client_connection_count_limit = 50)") {
		t.Errorf("configuration known: title %q, evidence:\n%s", h.Title, ev)
	}
}
