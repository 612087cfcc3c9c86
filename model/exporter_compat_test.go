package model

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"mxtop/sources/sourcestest"
)

// needTool finds a program a test runs, or skips; under CI=true (CI
// installs it) a missing program fails the test instead.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found, and CI installs it (apt-get install %s)", name, pkg)
	}
	t.Skipf("%s not found (apt-get install %s)", name, pkg)
	return ""
}

func freeLoopback(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func getText(url string) (string, error) {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: %s", url, resp.Status)
	}
	return string(b), err
}

// series flattens an exposition into one value per sample: counters and
// gauges under name{labels}, histograms as _count, _sum and _bucket{le}.
func series(t *testing.T, text string) (map[string]float64, map[string]bool) {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	out, names := map[string]float64{}, map[string]bool{}
	key := func(name string, ls []*dto.LabelPair, extra ...string) string {
		var parts []string
		for _, l := range ls {
			parts = append(parts, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
		}
		parts = append(parts, extra...)
		sort.Strings(parts)
		return name + "{" + strings.Join(parts, ",") + "}"
	}
	for name, f := range fams {
		names[name] = true
		for _, m := range f.Metric {
			switch {
			case m.Counter != nil:
				out[key(name, m.Label)] = m.Counter.GetValue()
			case m.Gauge != nil:
				out[key(name, m.Label)] = m.Gauge.GetValue()
			case m.Untyped != nil:
				out[key(name, m.Label)] = m.Untyped.GetValue()
			case m.Histogram != nil:
				h := m.Histogram
				out[key(name+"_count", m.Label)] = float64(h.GetSampleCount())
				out[key(name+"_sum", m.Label)] = h.GetSampleSum()
				for _, b := range h.Bucket {
					out[key(name+"_bucket", m.Label, fmt.Sprintf("le=%q", fmt.Sprint(b.GetUpperBound())))] = float64(b.GetCumulativeCount())
				}
			}
		}
	}
	return out, names
}

// waitStable scrapes url until two scrapes half a second apart agree and
// ready accepts the values.
func waitStable(t *testing.T, url string, ready func(map[string]float64) bool) (string, map[string]float64, map[string]bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	prev := ""
	for time.Now().Before(deadline) {
		text, err := getText(url)
		if err == nil {
			// The process collector's numbers move; compare the rest.
			stable := stripVolatile(text)
			v, names := series(t, text)
			if stable == prev && ready(v) {
				return text, v, names
			}
			prev = stable
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("%s did not settle", url)
	return "", nil, nil
}

func stripVolatile(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "postfix_") || strings.HasPrefix(l, "mxtop_") {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Debian's prometheus-postfix-exporter and mxtop serve read the same
// generated log; every series both export must agree.
func TestSharedSeriesMatchPostfixExporter(t *testing.T) {
	bin := needTool(t, "prometheus-postfix-exporter", "prometheus-postfix-exporter")
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("runs the exporter on a generated log")
	}
	dir := t.TempDir()
	gen := filepath.Join(dir, "maillog")
	const lines = 30000
	out, err := exec.Command("go", "run", "../bench/genlog", "-n", fmt.Sprint(lines), "-seed", "7", "-o", gen).CombinedOutput()
	if err != nil {
		t.Fatalf("genlog: %v\n%s", err, out)
	}
	logText, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}

	// The exporter follows its file from the end: start it on an empty
	// file, then append the log.
	expLog := filepath.Join(dir, "exporter.log")
	if err := os.WriteFile(expLog, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	expAddr := freeLoopback(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--web.listen-address="+expAddr, "--postfix.logfile_path="+expLog,
		"--postfix.showq_path="+filepath.Join(dir, "no-such-showq"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
	}()
	expURL := "http://" + expAddr + "/metrics"
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if _, err := getText(expURL); err == nil {
			break
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("the exporter did not answer on %s:\n%s", expAddr, stderr.String())
		}
	}
	f, err := os.OpenFile(expLog, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Its tail opens the file in the background: append a line that no
	// compared series counts until the exporter has read one, then the log.
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		f.WriteString("Nov 28 00:00:00 probe postfix/probe[1]: probe\n")
		text, _ := getText(expURL)
		if strings.Contains(text, `service="probe"`) {
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("the exporter reads nothing from %s:\n%s", expLog, stderr.String())
		}
	}
	f.Write(logText)

	mxAddr := freeLoopback(t)
	done := make(chan error, 1)
	go func() {
		done <- RunServe(ctx, Options{Logs: []string{gen}, FromStart: true, Year: 2026,
			PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt",
			QueueFile: "../testdata/lab/postqueue-j.jsonl", Exec: &sourcestest.FakeExec{}},
			LiveSettings{QueueInterval: time.Hour, ConfigInterval: time.Hour, MachineInterval: time.Hour}, ServeOptions{Addr: mxAddr})
	}()

	mxText, mx, mxNames := waitStable(t, "http://"+mxAddr+"/metrics", func(v map[string]float64) bool {
		return v["mxtop_log_lines_total{}"] == lines
	})
	expText, exp, expNames := waitStable(t, expURL, func(v map[string]float64) bool {
		return v[`postfix_smtpd_connects_total{}`] > 0
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	shared := 0
	for name := range mxNames {
		if !expNames[name] || !strings.HasPrefix(name, "postfix_") || name == "postfix_up" {
			// go_ and process_ describe each process; postfix_up is in
			// both, with different paths: the exporter's showq socket,
			// mxtop's log and queue.
			continue
		}
		for _, suffix := range []string{"", "_count", "_sum", "_bucket"} {
			for k, mv := range mx {
				if !strings.HasPrefix(k, name+suffix+"{") {
					continue
				}
				shared++
				ev, ok := exp[k]
				if ok && ev != mv || !ok && mv != 0 {
					t.Errorf("%s: mxtop %v, exporter %v (there: %v)", k, mv, ev, ok)
				}
			}
			for k, ev := range exp {
				if strings.HasPrefix(k, name+suffix+"{") {
					if _, ok := mx[k]; !ok && ev != 0 {
						t.Errorf("%s: only the exporter has it: %v", k, ev)
					}
				}
			}
		}
	}
	// Older exporters (Debian's 0.3.0) lack the processed counter by
	// status; their deferred counter and smtp delay histogram count the
	// same lines.
	if !expNames["postfix_smtp_messages_processed_total"] {
		shared++
		if got, want := mx[`postfix_smtp_messages_processed_total{status="deferred"}`], exp["postfix_smtp_status_deferred{}"]; got != want {
			t.Errorf("deferred: mxtop %v, exporter's postfix_smtp_status_deferred %v", got, want)
		}
		var sum float64
		for k, v := range mx {
			if strings.HasPrefix(k, "postfix_smtp_messages_processed_total{") {
				sum += v
			}
		}
		// Each smtp delivery line is observed once per stage (four), all
		// under one empty stage label in that version.
		if delays, ok := exp[`postfix_smtp_delivery_delay_seconds_count{stage=""}`]; ok && math.Abs(sum-delays/4) > 0 {
			t.Errorf("smtp delivery lines: mxtop %v, exporter %v", sum, delays/4)
		}
	}
	if shared < 3 || mx["postfix_smtpd_connects_total{}"] == 0 {
		t.Fatalf("too little compared (%d series)\nmxtop:\n%s\nexporter:\n%s", shared, stripVolatile(mxText), stripVolatile(expText))
	}
	t.Logf("%d shared series compared", shared)
	for _, k := range []string{`postfix_smtp_messages_processed_total{status="sent"}`, `postfix_smtp_messages_processed_total{status="deferred"}`,
		"postfix_smtpd_connects_total{}", "postfix_smtpd_disconnects_total{}", "postfix_smtp_status_deferred{}"} {
		t.Logf("%s mxtop %v exporter %v", k, mx[k], exp[k])
	}
}
