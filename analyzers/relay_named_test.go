package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// relayNamedBy are configurations that send every message for a remote
// domain to one next hop while relayhost is empty: the default
// transport's next hop, and tables whose lines main.cf does not show (a
// "*" line of transport_maps, a sender-dependent relay).
var relayNamedBy = []struct{ name, conf, table string }{
	{"default_transport", "default_transport = smtp:[relay.example]:587\n", ""},
	{"transport_maps", "transport_maps = hash:/etc/postfix/transport\n", "transport_maps"},
	{"sender_dependent_relayhost_maps", "smtp_sender_dependent_authentication = yes\nsender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay\n", "sender_dependent_relayhost_maps"},
	{"sender_dependent_default_transport_maps", "sender_dependent_default_transport_maps = hash:/etc/postfix/sender_transport\n", "sender_dependent_default_transport_maps"},
}

const relayNamedMaster = "smtp inet n - y - - smtpd\nsmtp unix - - y - - smtp\n"

// relayMix is total deliveries through relay (host[ip]:port) for domains
// in turn, the first n deferred with reply (at the greeting for a 421,
// else to RCPT TO), the rest sent.
func relayMix(n, total int, relay, reply string, domains ...string) []string {
	lines := throughRelay(n, relay, reply, domains...)
	return append(lines, repeat(total-n, func(j int) string {
		i := n + j
		return fmt.Sprintf("%s mx postfix/smtp[%d]: 5A%08X: to=<user%d@%s>, relay=%s, delay=0.8, delays=0.1/0/0.4/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7B%06X)",
			stamp(i), 2200+i%9, i, i, domains[i%len(domains)], relay, i)
	})...)
}

// relayThrottles are the relay's throttling replies, the hint each gives
// and the smtp transport's parameter that hint sets.
var relayThrottles = []struct{ id, reply, param string }{
	{"destination_concurrency", "421 4.7.0 relay.example Error: too many connections from 203.0.113.5", "smtp_destination_concurrency_limit"},
	{"rate_delay", relayRateReply, "smtp_destination_rate_delay"},
}

// With relayhost empty, the default transport's next hop, a "*" line of
// transport_maps or a sender-dependent relay still sends the mail of
// every domain to one next hop, one destination for Postfix, as relayhost
// does: its refusals are one hint about the relay, whose change is the
// transport's that delivers there, made for the relay (the connections
// of one recipient domain are a share of the relay's). A transport line
// giving one of those domains a transport and no next hop would send its
// mail to its own MX, past the relay and its login: none is offered, in a
// hint or in the destination detail. A table mxtop cannot read is said to
// be one, in a sentence.
func TestRelayNamedWithoutRelayhostIsOneHint(t *testing.T) {
	const relay = "relay.example[192.0.2.10]:587"
	domains := []string{"customer-a.example", "shop.example.org", "gmail.com", "web.de", "partner.example.net", "news.example.com"}
	for _, k := range relayThrottles {
		for _, c := range append([]struct{ name, conf, table string }{{"relayhost", "relayhost = [relay.example]:587\n", ""}}, relayNamedBy...) {
			name := c.name + ", " + k.id
			e := feed(relayMix(60, 90, relay, k.reply, domains...)...)
			e.SetConfig(configOf(c.conf, relayNamedMaster))
			var at []Hint
			for _, h := range e.Hints(true) {
				if h.ID == k.id {
					at = append(at, h)
				}
				if m := bareRoute.FindString(stepsText(h)); m != "" {
					t.Errorf("%s: %s %s offers a transport line with no next hop (%q):\n%s", name, h.ID, h.Subject, m, stepsText(h))
				}
				for _, ch := range h.Changes {
					if ch.Map != "" && strings.HasSuffix(ch.Value, ":") {
						t.Errorf("%s: %s %s routes %s to %s, with no next hop", name, h.ID, h.Subject, ch.Key, ch.Value)
					}
				}
			}
			for _, d := range domains {
				snip := stepsText(Hint{Steps: e.ThrottleSnippet(d, true)})
				if m := bareRoute.FindString(snip); m != "" {
					t.Errorf("%s: %s's snippet routes it past the relay (%q):\n%s", name, d, m, snip)
				}
			}
			if len(at) != 1 {
				var subjects []string
				for _, h := range at {
					subjects = append(subjects, h.Subject)
				}
				t.Errorf("%s: %d %s hints (%s), want one about the relay", name, len(at), k.id, strings.Join(subjects, ", "))
				continue
			}
			h := at[0]
			if h.Subject != "relay.example" || !strings.Contains(h.Title, "relay.example") || !strings.Contains(h.Title, fmt.Sprintf("%d domains", len(domains))) {
				t.Errorf("%s: subject %q, title %q", name, h.Subject, h.Title)
			}
			steps := stepsText(h)
			if !strings.Contains(steps, "postconf -e '"+k.param+" = ") {
				t.Errorf("%s: the smtp transport, which delivers to the relay, is not changed:\n%s", name, steps)
			}
			if c.table == "" {
				continue
			}
			said := false
			for _, a := range h.Steps {
				if a.Command && strings.Contains(a.Text, c.table) {
					t.Errorf("%s: a command reads or changes %s, which mxtop cannot read: %s", name, c.table, a.Text)
				}
				said = said || !a.Command && strings.Contains(a.Text, c.table) && strings.Contains(a.Text, "cannot read")
			}
			if !said {
				t.Errorf("%s: no sentence says %s, which mxtop cannot read, may name the relay:\n%s", name, c.table, steps)
			}
		}
	}
}

// The relay is one destination for Postfix, whatever the recipient
// domains: its throttling weighs as one destination's with the same
// deliveries, whether the deferred mail was for one domain or spread over
// sixty, and a check that fails on warnings fails alike.
func TestRelayFoldWeighsAsOneDestination(t *testing.T) {
	const relay = "relay.example[192.0.2.10]:587"
	var many []string
	for i := range 60 {
		many = append(many, fmt.Sprintf("cust%d.example", i))
	}
	for _, k := range relayThrottles {
		for _, conf := range []string{"relayhost = [relay.example]:587\n", "default_transport = smtp:[relay.example]:587\n"} {
			for _, n := range []int{4, 120} {
				name := fmt.Sprintf("%s, %s, %d deferrals", strings.TrimSpace(conf), k.id, n)
				severity := func(domains []string, subject string) (Severity, bool) {
					e := feed(relayMix(n, 420, relay, k.reply, domains...)...)
					e.SetConfig(configOf(conf, relayNamedMaster))
					for _, h := range e.Hints(true) {
						if h.ID == k.id && h.Subject == subject {
							return h.Severity, true
						}
					}
					return 0, false
				}
				one, ok := severity(many[:1], many[0])
				if !ok {
					t.Errorf("%s: no %s hint for one domain", name, k.id)
					continue
				}
				spread, ok := severity(many, "relay.example")
				if !ok {
					t.Errorf("%s: no %s hint about the relay", name, k.id)
					continue
				}
				if spread != one {
					t.Errorf("%s: the relay's hint for %d domains is %v, for one domain %v", name, min(n, len(many)), spread, one)
				}
			}
		}
	}
}

// A relay on port 25 that a table names ("* smtp:[mailgw.example.net]")
// shows as the one next hop of the mail of unrelated domains, in none of
// their zones: a transport line for one of them with no next hop would
// send its mail past it. Mail that also goes to other hosts leaves such a
// host, which may be the MX those domains share, to each domain's hint.
func TestRelayTableOnPort25(t *testing.T) {
	const gw = "mailgw.example.net[192.0.2.25]:25"
	domains := []string{"customer-a.example", "shop.example.org", "partner.example.com"}
	for _, c := range []struct {
		name  string
		lines []string
		relay bool
	}{
		{"all mail", relayMix(45, 60, gw, relayRateReply, domains...), true},
		{"beside direct mail", append(relayMix(45, 60, gw, relayRateReply, domains...), relayMix(0, 3, "mx.direct.example[192.0.2.80]:25", "", "direct.example")...), false},
	} {
		e := feed(c.lines...)
		e.SetConfig(configOf("transport_maps = hash:/etc/postfix/transport\n", relayNamedMaster))
		hs := hintIDs(e.Hints(true))["rate_delay"]
		var subjects []string
		for _, h := range hs {
			subjects = append(subjects, h.Subject)
			if m := bareRoute.FindString(stepsText(h)); c.relay && m != "" {
				t.Errorf("%s: %s offers a transport line with no next hop (%q):\n%s", c.name, h.Subject, m, stepsText(h))
			}
		}
		if one := len(hs) == 1 && hs[0].Subject == "mailgw.example.net"; one != c.relay {
			t.Errorf("%s: rate_delay hints about %v; one about the relay: %v, want %v", c.name, subjects, one, c.relay)
		}
	}
}
