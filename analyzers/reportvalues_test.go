package analyzers

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"mxtop/sources"
)

// A destination's last error from a line without a date (a paste) has no
// time: null in JSON, as every other undated time, not year 1.
func TestLastErrorOfAnUndatedLineHasNoTime(t *testing.T) {
	e := NewEngine(0)
	p := sources.NewParser()
	var r sources.Record
	p.Parse("postfix/smtp[2007]: 4A1B2C3D4E: to=<a@undated.example>, relay=mx.undated.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.7.0, status=deferred (host mx.undated.example[192.0.2.1] said: 421 4.7.0 Try again later (in reply to RCPT TO command))", &r)
	if !r.Time.IsZero() || r.Event != sources.EvDelivery {
		t.Fatalf("record %v %v", r.Event, r.Time)
	}
	e.Feed(&r)
	js, err := json.Marshal(e.Report(ReportOptions{Whole: true}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"last_error":{"time":null,`) || strings.Contains(string(js), "0001-01-01") {
		t.Errorf("report: %s", js)
	}
}

// Deferrals by DSN keep their sum past the bound: codes beyond the 200th
// count as "other", and so does a dsn= that is no enhanced status code
// (a line's own text, which would make a label of any length).
func TestDeferredByDSNKeepsItsSum(t *testing.T) {
	e := NewEngine(0)
	p := sources.NewParser()
	n := 0
	feed := func(dsn string) {
		var r sources.Record
		p.Parse(fmt.Sprintf("Nov 28 04:00:00 mx1 postfix/smtp[1]: 4A1B2C3D%02X: to=<a@d%d.example>, relay=mx.d.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=%s, status=deferred (host mx.d.example[192.0.2.1] said: 421 %s busy (in reply to RCPT TO command))", n%256, n, dsn, dsn), &r)
		e.Feed(&r)
		n++
	}
	for i := range 250 {
		feed(fmt.Sprintf("4.%d.%d", i/100, i%100))
	}
	feed("4.7.0" + strings.Repeat("x", 5000))
	var sum uint64
	for dsn, c := range e.DeferredByDSN {
		sum += c
		if len(dsn) > 16 {
			t.Errorf("label %.40q… (%d bytes)", dsn, len(dsn))
		}
	}
	if sum != 251 || len(e.DeferredByDSN) > 201 || e.DeferredByDSN["other"] != 51 {
		t.Errorf("sum %d over %d codes, other %d; want 251, at most 201, 51", sum, len(e.DeferredByDSN), e.DeferredByDSN["other"])
	}
}

// A label value taken from the line's text is cut at maxLabelBytes: one
// postscreen reason of a whole line per series made a scrape of megabytes.
func TestExporterLabelsAreCut(t *testing.T) {
	c := NewExporterCounts()
	c.Feed("Nov 28 04:00:00 mx1 postfix/postscreen[1]: NOQUEUE: reject: CONNECT from [192.0.2.1]:4242: 550 5.7.1 " + strings.Repeat("é", 3000))
	for reason := range c.PostscreenRejects {
		if len(reason) > maxLabelBytes || !utf8.ValidString(reason) {
			t.Errorf("label of %d bytes, valid UTF-8 %v", len(reason), utf8.ValidString(reason))
		}
	}
	if len(c.PostscreenRejects) != 1 {
		t.Errorf("reasons %d", len(c.PostscreenRejects))
	}
}

// Delivery agents' tags and smtpd's tags are bounded apart, 32 each: 50
// smtpd services' tags left 16 of 50 transports their own series.
func TestTagBoundsApart(t *testing.T) {
	e := NewEngine(0)
	p := sources.NewParser()
	for i := range 50 {
		for _, l := range []string{
			fmt.Sprintf("Nov 28 04:00:00 mx1 postfix/in%d/smtpd[1]: connect from a.example[192.0.2.1]", i),
			fmt.Sprintf("Nov 28 04:00:00 mx1 postfix/out%d/smtp[1]: 4A1B2C3D%02X: to=<a@b.example>, relay=mx.b.example[192.0.2.2]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)", i, i),
		} {
			var r sources.Record
			p.Parse(l, &r)
			e.Feed(&r)
		}
	}
	transports := map[string]bool{}
	for ts := range e.Deliveries {
		transports[ts.Tag] = true
	}
	if len(transports) != maxTags+1 || len(e.Smtpd) != maxTags+1 {
		t.Errorf("%d transports, %d smtpd tags; want %d each with other", len(transports), len(e.Smtpd), maxTags+1)
	}
}

// The exporter-compatible dsn label, taken from the line as postfix_exporter
// takes it (\d\.\d+\.\d+), is cut as the other labels from the text are:
// 200 long codes made a scrape of megabytes.
func TestExporterDSNLabelIsCut(t *testing.T) {
	c := NewExporterCounts()
	for i := 0; i < 200; i++ {
		line := fmt.Sprintf("Mar  1 10:00:00 mx1 postfix/smtp[1]: 4A1B2C3D4E: to=<a@b.example>, relay=mx.b.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.%s%03d.0, status=deferred (x)", strings.Repeat("7", 30000), i)
		c.Feed(line)
	}
	total := 0
	for k := range c.DeferredByDSN {
		total += len(k)
		if len(k) > maxLabelBytes {
			t.Errorf("a dsn label of %d bytes", len(k))
			break
		}
	}
	t.Logf("%d labels, %d bytes of label values", len(c.DeferredByDSN), total)
}

// One line dated far ahead (a host's clock, a bad stamp) does not move the
// window's end: every rate fell to 0 behind it, and the live view's hints
// went. Lines after Horizon are counted apart and left out of the window.
func TestLineDatedAheadLeavesTheWindow(t *testing.T) {
	e := NewEngine(0)
	e.Horizon = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	p := sources.NewParser()
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprintf("2026-12-03T10:%02d:00.000000+00:00 mx1 postfix/smtp[1]: 4A1B2C3D%02X: to=<a@d.example>, relay=mx.d.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=4.7.0, status=deferred (host mx.d.example[192.0.2.1] said: 421 4.7.0 Try again later (in reply to RCPT TO command))", i, i))
	}
	lines = append(lines, "2027-06-01T00:00:00.000000+00:00 mx9 postfix/qmgr[1]: 4A1B2C3D4E: removed")
	for _, l := range lines {
		var r sources.Record
		p.Parse(l, &r)
		e.Feed(&r)
	}
	if want := time.Date(2026, 12, 3, 10, 19, 0, 0, time.UTC); !e.Latest.Equal(want) || !e.Now.Equal(want) || e.Ahead != 1 {
		t.Errorf("latest %v, now %v, ahead %d", e.Latest, e.Now, e.Ahead)
	}
	rep := e.Report(ReportOptions{Whole: true})
	var b strings.Builder
	rep.WriteText(&b)
	if rep.Lines.Ahead != 1 || !strings.Contains(b.String(), "1 dated more than a day after now") {
		t.Errorf("ahead %d; report:\n%.400s", rep.Lines.Ahead, b.String())
	}
}
