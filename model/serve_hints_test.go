package model

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

func feedLine(eng *analyzers.Engine, line string) {
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	var r sources.Record
	p.Parse(line, &r)
	eng.Feed(&r)
}

// Serve's tick moves the clock every second but evaluates the hints only
// when lines or the configuration arrived, or when the idle interval has
// passed so that an old burst still ages out of the window.
func TestServeHintsOnlyWhenSomethingChanged(t *testing.T) {
	eng := analyzers.NewEngine(0)
	feedLine(eng, "Nov 28 10:00:01 mx postfix/smtp[1]: 0000000001: to=<u@a.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.a.example[192.0.2.1]:25: Connection timed out)")
	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}}
	evals := 0
	sh.evaluating = func() { evals++ }
	t0 := time.Date(2026, 11, 28, 10, 0, 2, 0, time.UTC)
	step := func(d time.Duration, want int) {
		t.Helper()
		sh.refresh(t0.Add(d))
		if evals != want {
			t.Fatalf("at +%v: %d evaluations, want %d", d, evals, want)
		}
		if !eng.Now.Equal(t0.Add(d)) {
			t.Fatalf("at +%v: engine clock %v", d, eng.Now)
		}
	}
	step(0, 1)
	step(time.Second, 1)
	step(2*time.Second, 1)
	feedLine(eng, "Nov 28 10:00:03 mx postfix/smtp[1]: 0000000002: to=<u@b.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.b.example[192.0.2.2]:25: Connection timed out)")
	step(3*time.Second, 2)
	step(4*time.Second, 2)
	sh.Lock()
	eng.SetConfig(&sources.Config{})
	sh.Unlock()
	step(5*time.Second, 3)
	step(5*time.Second+hintsIdle-time.Second, 3)
	step(5*time.Second+hintsIdle, 4)
}

// A scrape reads the hints of the last evaluation and does not wait for
// one under way.
func TestScrapeDoesNotWaitForHints(t *testing.T) {
	eng := analyzers.NewEngine(0)
	feedLine(eng, "Nov 28 10:00:01 mx postfix/smtp[1]: 0000000001: to=<u@a.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to mx.a.example[192.0.2.1]:25: Connection timed out)")
	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}}
	entered, release := make(chan struct{}), make(chan struct{})
	sh.evaluating = func() {
		close(entered)
		<-release
	}
	done := make(chan struct{})
	go func() {
		sh.refresh(time.Date(2026, 11, 28, 10, 0, 2, 0, time.UTC))
		close(done)
	}()
	<-entered
	srv := httptest.NewServer(MetricsHandler(sh, false))
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(srv.URL + "/metrics")
	close(release)
	<-done
	if err != nil {
		t.Fatalf("scrape during an evaluation: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
