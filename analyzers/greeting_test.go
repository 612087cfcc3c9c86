package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

func greetingTimeout(i int, domain string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 8E%08X: to=<u%d@%s>, relay=mx.%s[198.51.100.%d]:25, delay=310, delays=10/0/300/0, dsn=4.4.2, status=deferred (conversation with mx.%s[198.51.100.%d] timed out while receiving the initial server greeting)",
		stamp(i*20), 600+i, i, i, domain, domain, 10+i, domain, 10+i)
}

// Connections that open but bring no greeting at the servers of several
// unrelated destinations point at the path from this host (something
// answers port 25 in their place), which the firewall hint covers; at
// one destination they are that destination's trouble.
func TestGreetingTimeoutsAtManyDestinations(t *testing.T) {
	var lines []string
	for i := 1; i <= 3; i++ {
		lines = append(lines, greetingTimeout(i, fmt.Sprintf("d%d.example", i)))
	}
	fw := hintIDs(feed(lines...).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("want a firewall hint for greeting timeouts at 3 destinations, got %+v", hintIDs(feed(lines...).Hints(true)))
	}
	if ev := strings.Join(fw[0].Evidence, " | "); !strings.Contains(ev, "greeting") || !strings.Contains(ev, "3 destinations") {
		t.Errorf("evidence should count the greeting timeouts: %q", ev)
	}
	if acts := strings.Join(fw[0].Actions, " | "); !strings.Contains(acts, "220") {
		t.Errorf("advice should say how to see whether a greeting comes: %q", acts)
	}
	// A greeting awaited holds the process for smtp_helo_timeout, not the
	// connect timeout that never ran out.
	if c := strings.Join(fw[0].Cautions, " | "); !strings.Contains(c, "smtp_helo_timeout") || strings.Contains(c, "smtp_connect_timeout") {
		t.Errorf("the caution names the wrong timeout for greeting timeouts alone: %q", c)
	}

	one := feed(greetingTimeout(1, "d1.example"), greetingTimeout(2, "d1.example"), greetingTimeout(3, "d1.example"))
	if fw := hintIDs(one.Hints(true))["firewall"]; len(fw) != 0 {
		t.Errorf("greeting timeouts at one destination gave a firewall hint: %+v", fw)
	}
}

// filterSession is a delivery to a content filter on loopback (amavis's
// smtp-amavis transport) whose SMTP session broke after the connection
// opened: the filter's children are all busy, or one died mid-message.
func filterSession(i int, domain, what string) string {
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 9A%08X: to=<u%d@%s>, relay=127.0.0.1[127.0.0.1]:10024, delay=310, delays=10/0/0/300, dsn=4.4.2, status=deferred (%s)",
		stamp(i*20), 700+i, i, i, domain, what)
}

// Sessions with our own content filter that open and then bring no
// greeting, break off or time out are that filter's trouble, whatever
// the recipients' domains: never something on the path answering port
// 25, and the hint that says so is the local service's.
func TestContentFilterSessionsAreALocalService(t *testing.T) {
	for _, what := range []string{
		"conversation with 127.0.0.1[127.0.0.1] timed out while receiving the initial server greeting",
		"lost connection with 127.0.0.1[127.0.0.1] while sending end of data -- message may be sent more than once",
		"conversation with 127.0.0.1[127.0.0.1] timed out while sending end of data -- message may be sent more than once",
	} {
		var lines []string
		for i := 1; i <= 6; i++ {
			lines = append(lines, filterSession(i, fmt.Sprintf("d%d.example", i), what))
		}
		ids := hintIDs(feed(lines...).Hints(true))
		if len(ids["firewall"]) != 0 {
			t.Errorf("%q: a firewall hint for our own filter: %+v", what, ids["firewall"])
		}
		crash := ids[sources.HintDaemonCrash]
		if len(crash) != 1 || crash[0].Subject != "local service" {
			t.Fatalf("%q: want the local service hint, got %v", what, ids)
		}
		if ev := strings.Join(crash[0].Evidence, " "); !strings.Contains(ev, "6 ") {
			t.Errorf("%q: the evidence should count the 6 broken sessions: %q", what, ev)
		}
	}
}

// A content filter that answers but defers every message with its own 4xx
// (amavis when its virus scanners fail) is the local service's trouble
// too; the recipients' domains have nothing to do with it.
func TestContentFilterDeferralsAreALocalService(t *testing.T) {
	var lines []string
	for i := 1; i <= 6; i++ {
		lines = append(lines, filterSession(i, fmt.Sprintf("d%d.example", i),
			"host 127.0.0.1[127.0.0.1] said: 451 4.5.0 Error in processing, id=01234-05, virus_scan FAILED (in reply to end of DATA command)"))
	}
	ids := hintIDs(feed(lines...).Hints(true))
	crash := ids[sources.HintDaemonCrash]
	if len(crash) != 1 || crash[0].Subject != "local service" {
		t.Fatalf("want the local service hint, got %v", ids)
	}
	if ev := strings.Join(crash[0].Evidence, " "); !strings.Contains(ev, "6 ") || !strings.Contains(ev, "4xx") {
		t.Errorf("the evidence should count the 6 deferrals by the service's own reply: %q", ev)
	}
	for _, id := range []string{"firewall", "destination_concurrency", "rate_delay", sources.HintBlocklist} {
		if len(ids[id]) != 0 {
			t.Errorf("our own filter's deferrals gave a %s hint", id)
		}
	}
	// A remote server's 4xx is no local service's.
	remote := feed(fmt.Sprintf("%s mx postfix/smtp[800]: 9B00000001: to=<u1@d1.example>, relay=mx.d1.example[198.51.100.9]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.5.0, status=deferred (host mx.d1.example[198.51.100.9] said: 451 4.5.0 Error in processing (in reply to end of DATA command))", stamp(20)))
	for _, h := range remote.Hints(true) {
		if h.Subject == "local service" {
			t.Errorf("a remote 4xx gave the local service hint: %+v", h)
		}
	}
}

// A remote server's reply may quote any words: a loopback address inside
// it makes no local service.
func TestQuotedSessionWordsAreNoLocalService(t *testing.T) {
	var lines []string
	for i := 1; i <= 3; i++ {
		lines = append(lines, fmt.Sprintf("%s mx postfix/smtp[%d]: 9C%08X: to=<u%d@d%d.example>, relay=mx.d%d.example[198.51.100.%d]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.4.2, status=deferred (host mx.d%d.example[198.51.100.%d] said: 421 4.4.2 lost connection with 127.0.0.1[127.0.0.1] while sending end of data (in reply to end of DATA command))",
			stamp(i*20), 900+i, i, i, i, i, 10+i, i, 10+i))
	}
	for _, h := range feed(lines...).Hints(true) {
		if h.Subject == "local service" {
			t.Errorf("a remote's quoted words gave the local service hint: %+v", h.Evidence)
		}
	}
}
