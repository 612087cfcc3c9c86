package model

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
)

// manyDestsModel tracks 300 failing destinations and one that comes last
// in every order but the domain's: more than the screen's rows.
func manyDestsModel(t *testing.T) *Model {
	t.Helper()
	eng := analyzers.NewEngine(0)
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	t0 := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	var r sources.Record
	feed := func(i int, dom, status, reply string) {
		p.Parse(fmt.Sprintf("%s mx postfix/smtp[%d]: %010X: to=<u@%s>, relay=mx.%s[192.0.2.1]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.7.0, status=%s (%s)",
			t0.Add(time.Duration(i)*time.Second).Format("Jan _2 15:04:05"), 1000+i%40, i+1, dom, dom, status, reply), &r)
		eng.Feed(&r)
	}
	for i := range 300 {
		feed(i, fmt.Sprintf("d%03d.example", i), "deferred", "host said: 421 4.7.0 too many connections")
	}
	feed(300, "quiet-customer.example", "sent", "250 2.0.0 Ok")
	m := New(eng, Feeds{}, Settings{Clock: func() time.Time { return eng.Now }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.rebuild()
	return m
}

// The filter searches every destination tracked, not only the rows the
// screen gets: a customer past the first 200 rows "matched nothing".
func TestFilterFindsDestinationsPastTheRowLimit(t *testing.T) {
	m := manyDestsModel(t)
	if n := len(m.data.Dests); n > maxRows+1 || m.data.DestsTotal != 301 {
		t.Fatalf("%d rows of %d tracked, want at most %d of 301", n, m.data.DestsTotal, maxRows+1)
	}
	press(m, "/", "q", "u", "i", "e", "t", "-", "c", "enter")
	if m.view.Filter != "quiet-c" {
		t.Fatalf("filter %q", m.view.Filter)
	}
	if len(m.data.Dests) != 1 || m.data.Dests[0].Domain != "quiet-customer.example" || m.data.DestsTotal != 1 {
		t.Fatalf("filtered rows %d of %d", len(m.data.Dests), m.data.DestsTotal)
	}
	if out := m.Render(); !strings.Contains(out, "quiet-customer.example") || strings.Contains(out, "no destination matches") {
		t.Fatalf("the filtered screen:\n%s", out)
	}
	// esc drops the filter and the rows come back.
	press(m, "esc")
	if m.view.Filter != "" || len(m.data.Dests) < maxRows {
		t.Fatalf("after esc: filter %q, %d rows", m.view.Filter, len(m.data.Dests))
	}
}

// The history's current minute is drawn at its rate so far, not its count
// so far: at a steady rate it drew as a drop ("█▄") 30 s into the minute.
func TestCurrentMinuteDrawnAtItsRate(t *testing.T) {
	eng := analyzers.NewEngine(0)
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	t0 := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	var r sources.Record
	// One refusal a second from 10:00:00 to 10:01:30.
	for i := 0; i <= 90; i++ {
		p.Parse(fmt.Sprintf("%s mx postfix/smtp[1]: %010X: to=<u@big.example>, relay=mx.big.example[192.0.2.1]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.7.0, status=deferred (host said: 421 4.7.0 too many connections)",
			t0.Add(time.Duration(i)*time.Second).Format("Jan _2 15:04:05"), i+1), &r)
		eng.Feed(&r)
	}
	d := BuildData(eng, analyzers.SortErrorRate, "", nil, false)
	if len(d.Dests) == 0 {
		t.Fatal("no rows")
	}
	s := d.Dests[0].Spark
	if last, prev := s[len(s)-1], s[len(s)-2]; prev != 60 || last < 55 || last > 65 {
		t.Fatalf("the minute before %.1f, the current one %.1f: want both about 60", prev, last)
	}
}
