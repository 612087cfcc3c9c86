package analyzers

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"mxtop/sources"
)

func parseLines(t *testing.T, lines ...string) []sources.Record {
	t.Helper()
	p := newParser()
	recs := make([]sources.Record, len(lines))
	for i, l := range lines {
		p.Parse(l, &recs[i])
	}
	return recs
}

// An analyzer panic on one record makes it a failed, invalid line; the
// records after it in the batch are analysed, and the counts add up.
func TestFeedAllRecoversAnalyzerPanic(t *testing.T) {
	e := NewEngine(0)
	e.feedFault = func(r *sources.Record) {
		if strings.Contains(r.Line, "evil.example") {
			var counts []int
			counts[r.Code]++ // index out of range, as a real bug would
		}
	}
	recs := parseLines(t,
		"Nov 28 11:13:08 lab postfix/smtp[1]: 3F59BC026C: to=<a@good.example>, relay=mx.good.example[192.0.2.1]:25, delay=0.1, delays=0/0/0/0, dsn=2.0.0, status=sent (250 ok)",
		"Nov 28 11:13:09 lab postfix/smtp[1]: 3F59BC026D: to=<a@evil.example>, relay=mx.evil.example[192.0.2.2]:25, delay=0.1, delays=0/0/0/0, dsn=4.7.0, status=deferred (421 \x1b[31mtoo many connections)",
		"Nov 28 11:13:10 lab postfix/smtp[1]: 3F59BC026E: to=<b@good.example>, relay=mx.good.example[192.0.2.1]:25, delay=0.1, delays=0/0/0/0, dsn=2.0.0, status=sent (250 ok)",
	)
	var seen []string
	e.FeedAll(recs, func(r *sources.Record) { seen = append(seen, r.QueueID) })
	if e.Lines != 3 || e.Postfix != 2 || e.Invalid != 1 || e.Failures.Lines != 1 {
		t.Errorf("lines %d postfix %d invalid %d failed %d, want 3 2 1 1", e.Lines, e.Postfix, e.Invalid, e.Failures.Lines)
	}
	if len(seen) != 2 || seen[0] != "3F59BC026C" || seen[1] != "3F59BC026E" {
		t.Errorf("records carried on after the panic: %v", seen)
	}
	if recs[1].Event != sources.EvInvalid || !recs[1].Failed {
		t.Errorf("panicking record not marked: %v %v", recs[1].Event, recs[1].Failed)
	}
	if !strings.HasPrefix(e.Failures.LineReason, "analyzer panic: runtime error: index out of range [421]") ||
		!strings.Contains(e.Failures.LineReason, "TestFeedAllRecoversAnalyzerPanic") {
		t.Errorf("reason %q", e.Failures.LineReason)
	}
	if !strings.Contains(e.Failures.Line, "evil.example") || strings.Contains(e.Failures.Line, "\x1b") {
		t.Errorf("failed line not kept sanitised: %q", e.Failures.Line)
	}
	if d, ok := e.Dest.Lookup("good.example"); !ok || d.Sent != 2 {
		t.Errorf("good.example not analysed after the panic")
	}
}

// A line the parser failed on counts as failed with its reason.
func TestFailedParseIsCounted(t *testing.T) {
	e := NewEngine(0)
	recs := []sources.Record{{Line: "x", Event: sources.EvInvalid, Reason: "parser panic: boom", Failed: true}, {Line: "y", Event: sources.EvInvalid, Reason: "no syslog header"}}
	e.FeedAll(recs, nil)
	if e.Invalid != 2 || e.Failures.Lines != 1 || e.Failures.LineReason != "parser panic: boom" {
		t.Errorf("invalid %d failures %+v", e.Invalid, e.Failures)
	}
}

func TestSafeHintsRecovers(t *testing.T) {
	e := labEngine(t)
	if len(e.SafeHints(true)) == 0 {
		t.Fatal("the lab fires hints")
	}
	e.hintFault = func(string) { panic("rule bug") }
	if h := e.SafeHints(true); h != nil || e.Failures.Hints != 1 || !strings.HasPrefix(e.Failures.HintReason, "hints panic: rule bug") {
		t.Errorf("hints %v failures %+v", h, e.Failures)
	}
}

// One panicking rule costs only its own hints: the others still show,
// and the failure names the rule's hint id.
func TestSafeHintsKeepsOtherRules(t *testing.T) {
	e := labEngine(t)
	all := e.SafeHints(true)
	ids := map[string]bool{}
	for _, h := range all {
		ids[h.ID] = true
	}
	if len(ids) < 2 {
		t.Fatalf("the lab fires hints of several ids: %v", ids)
	}
	bad := all[0].ID
	e.hintFault = func(id string) {
		if id == bad {
			panic("rule bug")
		}
	}
	got := e.SafeHints(true)
	for _, h := range got {
		if h.ID == bad {
			t.Errorf("the failing rule's hint %s is still there", bad)
		}
	}
	want := 0
	for _, h := range all {
		if h.ID != bad {
			want++
		}
	}
	if len(got) != want {
		t.Errorf("%d hints after one rule failed, want the other %d", len(got), want)
	}
	if e.Failures.Hints != 1 || !strings.Contains(e.Failures.HintReason, bad) || !strings.Contains(e.Failures.HintReason, "rule bug") {
		t.Errorf("failures %+v, want one naming %s", e.Failures, bad)
	}
}

// The report carries the failures in every format, sanitised.
func TestReportShowsFailures(t *testing.T) {
	e := NewEngine(0)
	e.FeedAll([]sources.Record{{Line: "bad \x1b]0;owned\x07 \u202e line", Event: sources.EvInvalid, Reason: "parser panic: \x9b31m", Failed: true}}, nil)
	e.hintFault = func(string) { panic("rule bug") }
	rep := e.Report(ReportOptions{Whole: true})
	var js bytes.Buffer
	if err := json.NewEncoder(&js).Encode(rep); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Lines struct {
			Failed       int64
			FailedReason string `json:"failed_reason"`
			FailedLine   string `json:"failed_line"`
		}
		HintFailures struct{ Count int64 } `json:"hint_failures"`
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Lines.Failed != 1 || back.HintFailures.Count != 1 || !strings.HasPrefix(back.Lines.FailedReason, "parser panic:") {
		t.Errorf("JSON: %s", js.String())
	}
	for _, s := range []string{back.Lines.FailedReason, back.Lines.FailedLine} {
		if strings.ContainsAny(s, "\x1b\x07\u009b\u202e") {
			t.Errorf("unsanitised in JSON: %q", s)
		}
	}
	for _, md := range []bool{false, true} {
		var b strings.Builder
		if md {
			rep.WriteMarkdown(&b)
		} else {
			rep.WriteText(&b)
		}
		if !strings.Contains(b.String(), "1 lines failed") || !strings.Contains(b.String(), "hint evaluation failed 1 times") {
			t.Errorf("md %v:\n%s", md, b.String())
		}
	}
}

// BenchmarkEngineFeedAll is BenchmarkEngineFeed in batches of 1000, as the
// pipeline feeds, through the batch's recover; one iteration is one record.
func BenchmarkEngineFeedAll(b *testing.B) {
	f, err := os.Open("../sources/testdata/bench-mix.log.gz")
	if err != nil {
		b.Fatal(err)
	}
	zr, _ := gzip.NewReader(f)
	data, _ := io.ReadAll(zr)
	f.Close()
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	p := sources.NewParser()
	recs := make([]sources.Record, len(lines)-len(lines)%1000)
	for i := range recs {
		p.Parse(lines[i], &recs[i])
	}
	e := NewEngine(0)
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n += 1000 {
		i := n % len(recs)
		e.FeedAll(recs[i:i+min(1000, b.N-n)], nil)
	}
}
