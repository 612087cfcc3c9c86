package analyzers

import (
	"strings"
	"testing"
	"time"

	"mxtop/sources"
)

func TestDrainTime(t *testing.T) {
	cases := []struct {
		n     int
		per   time.Duration
		conns int
		delay time.Duration
		want  time.Duration
	}{
		{1240, 2 * time.Second, 2, 0, 1240 * time.Second},
		{1240, 200 * time.Millisecond, 2, time.Second, 1240 * 1200 * time.Millisecond},
		{10, time.Second, 0, 0, 10 * time.Second}, // no limit known: one connection
		{0, time.Second, 2, 0, 0},
	}
	for _, c := range cases {
		if got := DrainTime(c.n, c.per, c.conns, c.delay); got != c.want {
			t.Errorf("DrainTime(%d, %s, %d, %s) = %s, want %s", c.n, c.per, c.conns, c.delay, got, c.want)
		}
	}
	d := Drain{Messages: 1240, Conns: 2, RateDelay: time.Second, Time: 25 * time.Minute}
	if got := d.String(); got != "at 1 connection and 1 s delay: 1,240 messages in about 25 min" {
		t.Errorf("String %q", got)
	}
	d = Drain{Messages: 37, Conns: 2, Time: 40 * time.Second, Proposed: true}
	if got := d.String(); got != "at 2 connections and no delay: 37 messages in about 40 s (proposed)" {
		t.Errorf("String %q", got)
	}
}

// The estimate uses the domain's deferred mail in the queue, its observed
// time per delivery (delays c+d) and the configured limit, and proposes
// the hint's lower limit for a destination refusing connections.
func TestDrainEstimates(t *testing.T) {
	params, _ := sources.ParseParams(strings.NewReader("smtp_destination_concurrency_limit = 20\n"))
	e := NewEngine(0)
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	if _, why := e.DrainEstimates("big.example"); why == "" {
		t.Error("an estimate without deliveries")
	}
	lines := repeat(4, func(i int) string {
		return stamp(i) + " mx postfix/smtp[5]: 1A2B3C4D5" + string(rune('A'+i)) + ": to=<u@big.example>, relay=mx.big.example[192.0.2.1]:25, delay=9, delays=6/0/1/2, dsn=2.0.0, status=sent (250 ok)"
	})
	lines = append(lines, repeat(3, func(i int) string {
		return stamp(10+i) + " mx postfix/smtp[5]: 2A2B3C4D5E: to=<v@big.example>, relay=mx.big.example[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.0, status=deferred (" + tooMany + ")"
	})...)
	feedInto(e, lines...)
	// Without a reading of the queue nothing is known of its deferred
	// mail: not "none deferred".
	if _, why := e.DrainEstimates("big.example"); why != "the queue was not read: how much of its mail waits is not known" {
		t.Errorf("no queue: %q", why)
	}
	e.SetQueue(&sources.QueueSnapshot{Domains: []sources.DomainQueue{{Domain: "other.example", Recipients: 3}}})
	if _, why := e.DrainEstimates("big.example"); why != "none of its mail is in the queue" {
		t.Errorf("a queue without it: %q", why)
	}
	e.SetQueue(&sources.QueueSnapshot{Domains: []sources.DomainQueue{{Domain: "big.example", Recipients: 600}}})
	ds, why := e.DrainEstimates("big.example")
	if why != "" || len(ds) != 2 {
		t.Fatalf("%q %+v", why, ds)
	}
	// 3 s per delivery, 600 recipients, 20 connections: 90 s.
	if ds[0].Conns != 20 || ds[0].PerMsg != 3*time.Second || ds[0].Time != 90*time.Second || ds[0].Proposed || ds[0].Refuses == 0 {
		t.Errorf("current %+v", ds[0])
	}
	if s := ds[0].String(); !strings.Contains(s, "if it took them: it refused at about") {
		t.Errorf("current %q does not say the destination refuses", s)
	}
	if !ds[1].Proposed || ds[1].Conns >= 20 || ds[1].Time != DrainTime(600, 3*time.Second, ds[1].Conns, 0) {
		t.Errorf("proposed %+v", ds[1])
	}
}
