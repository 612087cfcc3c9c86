package model

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// panicOnQueueID makes analysis panic on the records of one queue id, the
// way an analyzer bug would.
func panicOnQueueID(id string) func(*sources.Record) {
	return func(r *sources.Record) {
		if r.QueueID == id {
			var p *analyzers.Dest
			_ = p.Domain // nil pointer dereference
		}
	}
}

// The live view survives an analyzer panic and a parser failure, and its
// status bar says how many lines failed.
func TestTUIShowsFailedLines(t *testing.T) {
	m := labModel(t)
	m.in.fault = panicOnQueueID("ABCDEF1290")
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	recs := make([]sources.Record, 3)
	p.Parse("Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF1290: to=<a@boom.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)", &recs[0])
	recs[1] = sources.Record{Line: "x", Event: sources.EvInvalid, Reason: "parser panic: boom", Failed: true}
	p.Parse("Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF1291: to=<a@after.example>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)", &recs[2])
	m.Update(logMsg{b: sources.LogBatch{Records: recs}, ok: true})
	m.Update(tickMsg(time.Now()))
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	if _, ok := m.Engine().Dest.Lookup("after.example"); !ok {
		t.Fatal("the record after the panic was not analysed")
	}
	if out := m.Render(); !strings.Contains(out, "2 lines failed") {
		t.Fatalf("status bar lacks the failures:\n%s", out[strings.LastIndexByte(out[:len(out)-1], '\n')+1:])
	}
}

// mxtop report finishes its replay past a panicking record and reports it.
func TestReportSurvivesAnalyzerPanic(t *testing.T) {
	o := Options{Logs: []string{"../testdata/lab/postfix-lab.log"}, Year: 2026, PostconfFile: "../testdata/lab/postconf-n.txt",
		MasterFile: "../testdata/lab/postconf-M.txt", fault: panicOnQueueID("3F59BC026C")}
	res, err := RunReport(context.Background(), o, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Engine.Report(analyzers.ReportOptions{Whole: true})
	b, _ := json.Marshal(rep)
	var back struct {
		Lines struct {
			Total, Failed int64
			Reason        string `json:"failed_reason"`
		}
	}
	json.Unmarshal(b, &back)
	// 3F59BC026C has several lines, each fails; the replay reads them all.
	if back.Lines.Total != 1958 || back.Lines.Failed < 2 || !strings.Contains(back.Lines.Reason, "nil pointer dereference") {
		t.Fatalf("lines %+v", back.Lines)
	}
	d, ok := res.Engine.Dest.Lookup("throttled.example")
	if !ok || d.Classes[sources.ClassConnLimit] != 22 {
		t.Fatalf("analysis stopped at the panic")
	}
}

// mxtop serve counts failed lines in a Prometheus counter and keeps
// serving.
func TestServeCountsFailedLines(t *testing.T) {
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
			QueueFile: "../testdata/lab/postqueue-j.jsonl", Exec: &sourcestest.FakeExec{}, fault: panicOnQueueID("3F59BC026C")},
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
			if strings.Contains(body, `destination="throttled.example"} 22`) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, `destination="throttled.example"} 22`) || strings.Contains(body, "mxtop_log_lines_failed_total 0") ||
		!strings.Contains(body, "mxtop_log_lines_failed_total ") {
		t.Fatalf("metrics:\n%s", body)
	}
}
