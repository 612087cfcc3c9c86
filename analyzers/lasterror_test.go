package analyzers

import (
	"encoding/json"
	"strings"
	"testing"

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
