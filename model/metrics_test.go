package model

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// scrapeText is the body of one scrape of sh's /metrics, which must
// answer 200.
func scrapeText(t *testing.T, sh *Shared) string {
	t.Helper()
	srv := httptest.NewServer(MetricsHandler(sh, false))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d:\n%s", resp.StatusCode, body)
	}
	return string(body)
}

func scrape(t *testing.T, sh *Shared) map[string]*dto.MetricFamily {
	t.Helper()
	body := scrapeText(t, sh)
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, body)
	}
	return fams
}

// value finds a sample by its labels.
func value(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	t.Helper()
	f, ok := fams[name]
	if !ok {
		return 0, false
	}
next:
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		for k, v := range labels {
			if got[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		}
	}
	return 0, false
}

func TestMetricsFromLab(t *testing.T) {
	m := labModel(t)
	sh := &Shared{Eng: m.Engine(), States: map[string]sources.SourceState{"log": {Source: "log", Health: sources.HealthOK}}}
	sh.Tick(labEnd)
	fams := scrape(t, sh)
	want := []struct {
		name   string
		labels map[string]string
		value  float64
	}{
		{"postfix_smtp_errors_total", map[string]string{"class": "conn_limit"}, float64(m.Engine().Classes[sources.ClassConnLimit])},
		{"postfix_destination_errors_total", map[string]string{"destination": "throttled.example", "class": "conn_limit"}, 22},
		{"postfix_showq_queue_depth", map[string]string{"queue": "deferred"}, 56},
		{"postfix_showq_queue_depth", map[string]string{"queue": "hold"}, 1},
		{"postfix_version_info", map[string]string{"version": "3.7.11"}, 1},
		{"postfix_config_limit", map[string]string{"parameter": "smtp_destination_concurrency_limit", "service": ""}, 20},
		{"postfix_config_limit", map[string]string{"parameter": "maxproc", "service": "smtp/inet"}, 5},
		{"postfix_service_processes", map[string]string{"service": "smtpd/pass"}, 5},
		{"postfix_master_process_limit_reached_total", map[string]string{"service": "smtpd"}, 1},
		{"postfix_smtpd_client_limit_exceeded_total", map[string]string{"service": "smtp", "kind": "concurrency"}, 27},
		{"postfix_postscreen_connects_rejected_total", map[string]string{"reason": "all server ports busy"}, 20},
		{"mxtop_postscreen_connects_rejected_total", map[string]string{"reason": "all_server_ports_busy"}, 20},
		{"mxtop_hint_active", map[string]string{"id": "destination_concurrency", "severity": "critical"}, 1},
		{"mxtop_hint_active", map[string]string{"id": "ulimit", "severity": "critical"}, 0},
		{"mxtop_source_up", map[string]string{"source": "log"}, 1},
	}
	for _, w := range want {
		got, ok := value(t, fams, w.name, w.labels)
		if !ok || got != w.value {
			t.Errorf("%s%v = %v (found %v), want %v", w.name, w.labels, got, ok, w.value)
		}
	}
	sent, _ := value(t, fams, "postfix_smtp_messages_processed_total", map[string]string{"status": "sent"})
	deferred, _ := value(t, fams, "postfix_smtp_messages_processed_total", map[string]string{"status": "deferred"})
	if sent == 0 || deferred == 0 {
		t.Errorf("processed: sent %v deferred %v", sent, deferred)
	}
	if f := fams["postfix_smtpd_connects_total"]; f == nil || f.GetType() != dto.MetricType_COUNTER {
		t.Error("connects is not a counter")
	}
}

func TestMetricsCardinalityBounded(t *testing.T) {
	eng := analyzers.NewEngine(0)
	eng.Export = analyzers.NewExporterCounts()
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	var r sources.Record
	for i := 0; i < 100000; i++ {
		p.Parse(fmt.Sprintf("Nov 28 10:%02d:%02d mx postfix/smtp[1]: %010X: to=<u@d%d.example>, relay=mx[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx said: 421 4.7.0 Error: too many connections from 1.2.3.4)",
			i/60%60, i%60, i, i), &r)
		eng.Feed(&r)
	}
	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}}
	sh.Tick(eng.Now)
	fams := scrape(t, sh)
	series := len(fams["postfix_destination_errors_total"].Metric)
	if series > eng.MetricDests+int(sources.NumClasses) {
		t.Fatalf("%d destination series for 100,000 domains", series)
	}
	other, _ := value(t, fams, "postfix_destination_errors_total", map[string]string{"destination": "other", "class": "conn_limit"})
	if other != float64(100000-eng.MetricDests) {
		t.Fatalf("other = %v", other)
	}
	total := 0
	for _, f := range fams {
		total += len(f.Metric)
	}
	if total > 400 {
		t.Fatalf("%d series in all", total)
	}
}

func TestReportEndpointAndListenCheck(t *testing.T) {
	m := labModel(t)
	sh := &Shared{Eng: m.Engine()}
	sh.Tick(labEnd)
	srv := httptest.NewServer(MetricsHandler(sh, true))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/report.json")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"destination_concurrency"`) || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("report.json: %.200s", body)
	}
	if err := CheckListen("0.0.0.0:9155", false); err == nil {
		t.Fatal("non-loopback accepted implicitly")
	}
	if err := CheckListen("0.0.0.0:9155", true); err != nil {
		t.Fatal(err)
	}
	if err := CheckListen("127.0.0.1:9155", false); err != nil {
		t.Fatal(err)
	}
	if err := CheckListen("nonsense", true); err == nil {
		t.Fatal("bad address accepted")
	}
}

// mxtop serve end to end: a log read from its start, offline config, the
// metrics over HTTP on loopback.
func TestRunServe(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- RunServe(ctx, Options{Logs: []string{"../testdata/lab/postfix-lab.log"}, FromStart: true, Year: 2026,
			PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt",
			QueueFile: "../testdata/lab/postqueue-j.jsonl", Exec: &sourcestest.FakeExec{}},
			LiveSettings{QueueInterval: time.Hour, ConfigInterval: time.Hour, MachineInterval: time.Hour}, ServeOptions{Addr: addr})
	}()
	deadline := time.Now().Add(10 * time.Second)
	var body string
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
			if strings.Contains(body, `postfix_destination_errors_total{class="conn_limit",destination="throttled.example"} 22`) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, `destination="throttled.example"} 22`) || !strings.Contains(body, `postfix_showq_queue_depth{queue="deferred"} 56`) {
		t.Fatalf("metrics:\n%s", body)
	}
}

// serve says on its stderr (its unit's journal) when a source's health
// changes, once a change: a log it cannot read, and again when it can.
// It said nothing, and served zero counters while only /report.json knew
// why.
func TestRunServeTellsHealthChanges(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	log := filepath.Join(t.TempDir(), "mail.log")
	var mu sync.Mutex
	var notes []string
	told := func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(notes) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- RunServe(ctx, Options{Logs: []string{log}, PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt",
			QueueFile: "../testdata/lab/postqueue-j.jsonl", Exec: &sourcestest.FakeExec{}},
			LiveSettings{QueueInterval: time.Hour, ConfigInterval: time.Hour, MachineInterval: time.Hour},
			ServeOptions{Addr: addr, Note: func(s string) { mu.Lock(); notes = append(notes, s); mu.Unlock() }})
	}()
	waitTold := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			for _, n := range told() {
				if n == want {
					return
				}
			}
		}
		cancel()
		t.Fatalf("not told %q: %q", want, told())
	}
	waitTold("log waiting: waiting for " + log + " to appear")
	time.Sleep(2500 * time.Millisecond) // the source looks again every second
	if err := os.WriteFile(log, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	waitTold("log ok: following " + log)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	logNotes := 0
	for _, n := range told() {
		if strings.HasPrefix(n, "log ") {
			logNotes++
		}
	}
	if logNotes != 2 {
		t.Errorf("told %q; want the log's two changes, each once", told())
	}
}

// engineState prints what a scrape could move: the engine's clock and the
// hints' hysteresis.
func engineState(e *analyzers.Engine) string {
	return fmt.Sprintf("now=%v hints=%+v", e.Now, reflect.ValueOf(e).Elem().FieldByName("hints").Elem())
}

// Scrapes read: the hints come from the last tick, the clock stays.
func TestScrapesLeaveStateUnchanged(t *testing.T) {
	eng := analyzers.NewEngine(0)
	f, err := os.Open("../testdata/lab/postfix-lab.log")
	if err != nil {
		t.Fatal(err)
	}
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r sources.Record
		p.Parse(sc.Text(), &r)
		eng.Feed(&r)
	}
	f.Close()
	// The records arrived after the last tick, which found nothing.
	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}, Paths: map[string]string{"log": "maillog"}}
	before := engineState(eng)
	srv := httptest.NewServer(MetricsHandler(sh, false))
	defer srv.Close()
	for i := 0; i < 5; i++ {
		for _, path := range []string{"/metrics", "/report.json"} {
			resp, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	if after := engineState(eng); after != before {
		t.Fatalf("scrapes changed the engine:\nbefore %s\nafter  %s", before, after)
	}
	fams := scrape(t, sh)
	if v, _ := value(t, fams, "mxtop_hint_active", map[string]string{"id": "destination_concurrency", "severity": "critical"}); v != 0 {
		t.Fatal("a scrape evaluated the hints instead of reading the last tick's")
	}
	// The test can fail: evaluating the hints does move their state, and
	// the next tick's hints are what scrapes then show.
	sh.Tick(labEnd)
	if engineState(eng) == before {
		t.Fatal("evaluating the hints left their state as it was: this test proves nothing")
	}
	fams = scrape(t, sh)
	if v, _ := value(t, fams, "mxtop_hint_active", map[string]string{"id": "destination_concurrency", "severity": "critical"}); v != 1 {
		t.Fatal("the tick's hints are not exported")
	}
}

// The queue's ages are postfix_exporter's histogram; the oldest keeps a
// gauge of its own.
func TestQueueAgeHistogram(t *testing.T) {
	m := labModel(t)
	sh := &Shared{Eng: m.Engine()}
	sh.Tick(labEnd)
	fams := scrape(t, sh)
	f := fams["postfix_showq_message_age_seconds"]
	if f == nil || f.GetType() != dto.MetricType_HISTOGRAM {
		t.Fatalf("not a histogram: %v", f)
	}
	q := m.Engine().Queue
	for _, mt := range f.Metric {
		queue := mt.Label[0].GetValue()
		qc := q.Queues[queue]
		h := mt.Histogram
		if h.GetSampleCount() != uint64(qc.Messages) {
			t.Errorf("%s: %d observations, %d messages", queue, h.GetSampleCount(), qc.Messages)
		}
		var want []float64
		for _, b := range h.Bucket {
			want = append(want, b.GetUpperBound())
		}
		if !reflect.DeepEqual(want, []float64{1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, math.Inf(1)}) {
			t.Fatalf("buckets %v", want)
		}
		if qc.Messages == 0 {
			continue
		}
		oldest := q.Time.Sub(qc.Oldest).Seconds()
		// Every message is at most as old as the oldest: the bucket that
		// holds the oldest holds them all, the sum is at most n times it.
		for _, b := range h.Bucket {
			if b.GetUpperBound() >= oldest && b.GetCumulativeCount() != uint64(qc.Messages) {
				t.Errorf("%s: bucket %v holds %d of %d", queue, b.GetUpperBound(), b.GetCumulativeCount(), qc.Messages)
			}
		}
		if h.GetSampleSum() <= 0 || h.GetSampleSum() > oldest*float64(qc.Messages)+1e-6 {
			t.Errorf("%s: sum %v, oldest %v", queue, h.GetSampleSum(), oldest)
		}
		if v, _ := value(t, fams, "mxtop_showq_oldest_message_age_seconds", map[string]string{"queue": queue}); v != oldest {
			t.Errorf("%s: oldest %v, want %v", queue, v, oldest)
		}
	}
	if q.Queues["deferred"].Messages != 56 {
		t.Fatalf("lab queue: %+v", q.Queues)
	}
}

// Label values come from the log: bytes that are not UTF-8 must not make
// a scrape panic.
func TestMetricsInvalidUTF8Labels(t *testing.T) {
	eng := analyzers.NewEngine(0)
	eng.Export = analyzers.NewExporterCounts()
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	for _, l := range []string{
		"Nov 28 10:00:00 mx postfix/smtp[1]: 0123456789: to=<u@d\xff.example>, relay=mx[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx said: 421 4.7.0 Error: too many connections from 1.2.3.4)",
		"Nov 28 10:00:00 mx postfix/sm\xfftp[1]: 0123456789: to=<u@d.example>, relay=mx[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=2.0.0, status=sent (ok)",
		"Nov 28 10:00:00 mx postfix/postscreen[1]: NOQUEUE: reject: CONNECT from [192.0.2.1]:1: too \xff many",
	} {
		var r sources.Record
		p.Parse(l, &r)
		eng.Feed(&r)
	}
	sh := &Shared{Eng: eng}
	sh.Tick(eng.Now)
	fams := scrape(t, sh)
	if len(fams["postfix_destination_errors_total"].GetMetric()) == 0 || len(fams["postfix_postscreen_connects_rejected_total"].GetMetric()) == 0 {
		t.Fatalf("series missing")
	}
}

// Label values are log text: a terminal reading /metrics (curl) must get
// no escape sequence or bidi control from them, and two values that read
// the same once cleaned are one series, summed: a repeated series fails
// the whole scrape.
func TestMetricsLabelsCleanAndDistinct(t *testing.T) {
	eng := analyzers.NewEngine(0)
	eng.Export = analyzers.NewExporterCounts()
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	for _, l := range []string{
		"Nov 28 10:00:00 mx postfix/postscreen[1]: NOQUEUE: reject: CONNECT from [192.0.2.1]:1: too many \xff",
		"Nov 28 10:00:00 mx postfix/postscreen[1]: NOQUEUE: reject: CONNECT from [192.0.2.1]:1: too many \xfe",
		"Nov 28 10:00:00 mx postfix/postscreen[1]: NOQUEUE: reject: CONNECT from [192.0.2.1]:1: esc \x1b]0;owned\x07 \u202egnp.exe",
		"Nov 28 10:00:00 mx postfix/smtp[1]: 0123456789: to=<u@evil\x1b[2J\u009b.example>, relay=mx[192.0.2.1]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx said: 421 4.7.0 Error: too many connections from 1.2.3.4)",
	} {
		var r sources.Record
		p.Parse(l, &r)
		eng.Feed(&r)
	}
	sh := &Shared{Eng: eng}
	sh.Tick(eng.Now)
	body := scrapeText(t, sh)
	for _, r := range body {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e {
			t.Fatalf("raw %U in /metrics:\n%s", r, body)
		}
	}
	fams := scrape(t, sh)
	if v, ok := value(t, fams, "postfix_postscreen_connects_rejected_total", map[string]string{"reason": "too many \uFFFD"}); !ok || v != 2 {
		t.Errorf("too many \\uFFFD = %v, %v; want 2", v, ok)
	}
	if _, ok := value(t, fams, "postfix_destination_errors_total", map[string]string{"destination": "evil^[[2j\uFFFD.example"}); !ok {
		t.Errorf("destination series missing:\n%s", body)
	}
}

// postfix_up is 1 only once a reading succeeded: a source with no state
// yet (postqueue -j not answered) is not up, though a zero Health is OK.
func TestPostfixUpBeforeFirstReading(t *testing.T) {
	sh := &Shared{Eng: analyzers.NewEngine(0), States: map[string]sources.SourceState{"log": {Source: "log", Health: sources.HealthOK}},
		Paths: map[string]string{"log": "maillog", "queue": "postqueue -j"}}
	fams := scrape(t, sh)
	if v, _ := value(t, fams, "postfix_up", map[string]string{"path": "postqueue -j"}); v != 0 {
		t.Errorf("queue not read yet, postfix_up %v", v)
	}
	if v, _ := value(t, fams, "postfix_up", map[string]string{"path": "maillog"}); v != 1 {
		t.Errorf("log read, postfix_up %v", v)
	}
	sh.States["queue"] = sources.SourceState{Source: "queue", Health: sources.HealthOK}
	if v, _ := value(t, scrape(t, sh), "postfix_up", map[string]string{"path": "postqueue -j"}); v != 1 {
		t.Errorf("queue read, postfix_up %v", v)
	}
}

// slowQueue answers postqueue -j once, then takes longer than any bound.
type slowQueue struct {
	*sourcestest.FakeExec
	mu    sync.Mutex
	reads int
}

func (s *slowQueue) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	s.mu.Lock()
	s.reads++
	n := s.reads
	s.mu.Unlock()
	if name == "postqueue" && n > 1 {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return s.FakeExec.Stream(ctx, merge, name, args...)
}

// A queue reading that times out leaves serve's last good one in
// /metrics, with the queue source down: the queue series vanishing while
// a large queue takes long to list would blind the alerts on it.
func TestRunServeKeepsQueueAfterTimeout(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	pj, err := os.ReadFile("../testdata/lab/postqueue-j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	ex := &slowQueue{FakeExec: &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": string(pj)}}}
	var mu sync.Mutex
	var notes []string
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- RunServe(ctx, Options{Logs: []string{"../testdata/lab/postfix-lab.log"}, FromStart: true, Year: 2026,
			PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt", Exec: ex},
			LiveSettings{QueueInterval: 50 * time.Millisecond, QueueTimeout: 100 * time.Millisecond, ConfigInterval: time.Hour, MachineInterval: time.Hour},
			ServeOptions{Addr: addr, Note: func(s string) { mu.Lock(); notes = append(notes, s); mu.Unlock() }})
	}()
	timedOut := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, "queue degraded: postqueue -j: timed out") })
	}
	for deadline := time.Now().Add(10 * time.Second); !timedOut() && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
	}
	if !timedOut() {
		t.Fatalf("no timeout told: %q", notes)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	body := string(b)
	if !strings.Contains(body, `postfix_showq_queue_depth{queue="deferred"} 56`) || !strings.Contains(body, `mxtop_source_up{source="queue"} 0`) {
		t.Fatalf("metrics:\n%s", body)
	}
}
