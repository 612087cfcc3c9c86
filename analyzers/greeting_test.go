package analyzers

import (
	"fmt"
	"slices"
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

// stalledSession is the i-th session with tarpit.example's one server
// that timed out at stage (the initial server greeting, or end of data).
func stalledSession(i int, stage string) string {
	delays, more := "0.1/0/300/0", ""
	if stage == "end of data" {
		delays, more = "0.1/0/40/600", " -- message may be sent more than once"
	}
	return fmt.Sprintf("%s mx postfix/smtp[%d]: 7D%08X: to=<c%d@tarpit.example>, relay=mx.tarpit.example[198.51.100.77]:25, delay=640, delays=%s, dsn=4.4.2, status=deferred (conversation with mx.tarpit.example[198.51.100.77] timed out while sending %s%s)",
		stamp(i*10), 500+i, i, i, delays, stage, more)
}

func greetingStall(i int) string {
	return strings.Replace(stalledSession(i, "x"), "while sending x", "while receiving the initial server greeting", 1)
}

// A server that withholds its greeting is counted by its greeting
// timeouts, whatever its last broken session was and however many of
// the others broke at another stage.
func TestGreetingTimeoutsCountedByTheirOwnReason(t *testing.T) {
	sent := deliv(1, "other.example", "sent", "250 2.0.0 Ok: queued as 1A2B3C")
	var greetings, data []string
	for i := 1; i <= 4; i++ {
		greetings = append(greetings, greetingStall(i))
	}
	for i := 10; i < 16; i++ {
		data = append(data, stalledSession(i, "end of data"))
	}
	for name, lines := range map[string][]string{
		"end of data last": slices.Concat([]string{sent}, greetings, data),
		"greeting last":    slices.Concat([]string{sent}, data, greetings),
	} {
		hs := setupHints(feed(lines...))
		if len(hs) != 1 || hs[0].Subject != "tarpit.example" {
			t.Errorf("%s: want the greeting hint for tarpit.example, got %+v", name, hs)
			continue
		}
		if ev := strings.Join(hs[0].Evidence, " "); !strings.HasPrefix(ev, "4 sessions") {
			t.Errorf("%s: the evidence should count the 4 greeting timeouts alone: %q", name, ev)
		}
		if s := strings.Join(hs[0].Samples, " "); !strings.Contains(s, "initial server greeting") {
			t.Errorf("%s: the sample should be a greeting timeout: %q", name, s)
		}
	}
}

// End-of-data timeouts at a server that also withholds its greeting from
// this host are that server slowing this host down (a greeting is small,
// where a path MTU black hole drops large segments); end-of-data
// timeouts alone keep the path MTU advice.
func TestEndOfDataTimeoutsAtAServerThatWithholdsItsGreeting(t *testing.T) {
	sent := deliv(1, "other.example", "sent", "250 2.0.0 Ok: queued as 1A2B3C")
	var greetings, data []string
	for i := 1; i <= 4; i++ {
		greetings = append(greetings, greetingStall(i))
	}
	for i := 10; i < 16; i++ {
		data = append(data, stalledSession(i, "end of data"))
	}
	fwText := func(lines []string) string {
		fw := hintIDs(feed(lines...).Hints(true))["firewall"]
		if len(fw) != 1 {
			t.Fatalf("want one firewall hint for the end-of-data timeouts, got %+v", fw)
		}
		return strings.Join(fw[0].Evidence, " | ") + " || " + strings.Join(fw[0].Actions, " | ")
	}
	both := fwText(slices.Concat([]string{sent}, greetings, data))
	for _, want := range []string{"tarpit", "greeting", "more than once"} {
		if !strings.Contains(both, want) {
			t.Errorf("the hint should say %q: %s", want, both)
		}
	}
	if strings.Contains(both, "clamp the TCP MSS") || strings.Contains(both, "interface MTU") {
		t.Errorf("a server that withholds its greeting too sends the admin to the MTU: %s", both)
	}
	alone := fwText(slices.Concat([]string{sent}, data))
	if !strings.Contains(alone, "clamp the TCP MSS") || strings.Contains(alone, "tarpit") {
		t.Errorf("end-of-data timeouts alone should keep the path MTU advice: %s", alone)
	}
	// Greeting timeouts at another server of the log say nothing of this one.
	var elsewhere []string
	for i := 1; i <= 4; i++ {
		elsewhere = append(elsewhere, strings.ReplaceAll(greetingStall(i), "198.51.100.77", "198.51.100.78"))
	}
	if other := fwText(slices.Concat([]string{sent}, elsewhere, data)); strings.Contains(other, "tarpit") {
		t.Errorf("another server's greeting timeouts made these a tarpit: %s", other)
	}
}

// End-of-data timeouts at two servers, one of which also withholds its
// greeting: the path MTU advice stays for the other, and the evidence
// sets the first one's apart.
func TestEndOfDataTimeoutsPartlyAtAServerThatWithholdsItsGreeting(t *testing.T) {
	lines := []string{deliv(1, "other.example", "sent", "250 2.0.0 Ok: queued as 1A2B3C")}
	for i := 1; i <= 4; i++ {
		lines = append(lines, greetingStall(i))
	}
	for i := 10; i < 16; i++ {
		l := stalledSession(i, "end of data")
		if i%2 == 0 {
			l = strings.ReplaceAll(l, "198.51.100.77", "198.51.100.78")
		}
		lines = append(lines, l)
	}
	fw := hintIDs(feed(lines...).Hints(true))["firewall"]
	if len(fw) != 1 {
		t.Fatalf("want one firewall hint, got %+v", fw)
	}
	ev, acts := strings.Join(fw[0].Evidence, " | "), strings.Join(fw[0].Actions, " | ")
	if !strings.Contains(acts, "clamp the TCP MSS") {
		t.Errorf("timeouts at a server that greets should keep the path MTU advice: %s", acts)
	}
	if !strings.Contains(ev, "3 of them timed out at servers that also") {
		t.Errorf("the evidence should count the 3 timeouts at the server that withholds its greeting: %s", ev)
	}
}
