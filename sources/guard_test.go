package sources

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// panicOn makes the guarded parse panic on lines containing marker, the
// way a parser bug would, for the length of the test.
func panicOn(t *testing.T, marker string) {
	t.Helper()
	parseFault = func(line string) {
		if strings.Contains(line, marker) {
			var s []int
			_ = s[len(line)] // index out of range, as a real bug would
		}
	}
	t.Cleanup(func() { parseFault = nil })
}

// A parser panic on one line makes that line an invalid, failed record
// with the panic as its reason; the lines after it are still read.
func TestParsePanicBecomesFailedLine(t *testing.T) {
	panicOn(t, "BOOM")
	in := logLine(1, "ABCDEF1234: removed") + "\n" + logLine(2, "BOOM\x1b[2J") + "\n" + logLine(3, "ABCDEF1236: removed") + "\n"
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogStdin, Stdin: strings.NewReader(in), Block: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	if recs[0].Event != EvRemoved || recs[2].Event != EvRemoved || recs[0].Failed || recs[2].Failed {
		t.Errorf("lines around the panic: %+v / %+v", recs[0].Event, recs[2].Event)
	}
	f := recs[1]
	if f.Event != EvInvalid || !f.Failed || !strings.Contains(f.Line, "BOOM") {
		t.Fatalf("failed line: event %v failed %v line %q", f.Event, f.Failed, f.Line)
	}
	if !strings.HasPrefix(f.Reason, "parser panic: runtime error: index out of range") || !strings.Contains(f.Reason, "panicOn") {
		t.Errorf("reason %q lacks the panic and where it happened", f.Reason)
	}
}

// mxtop parse writes the failed line as an invalid record and goes on.
func TestParseToJSONLSurvivesPanic(t *testing.T) {
	panicOn(t, "BOOM")
	var out bytes.Buffer
	in := logLine(1, "ABCDEF1234: removed") + "\nBOOM\n" + logLine(3, "ABCDEF1236: removed") + "\n"
	if err := ParseToJSONL(NewParser(), strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines of output:\n%s", len(lines), out.String())
	}
	var j JSONRecord
	if err := json.Unmarshal([]byte(lines[1]), &j); err != nil {
		t.Fatal(err)
	}
	if j.N != 2 || j.Event != "invalid" || !j.Failed || !strings.HasPrefix(j.Reason, "parser panic:") {
		t.Errorf("failed line: %+v", j)
	}
}

// BenchmarkParseGuarded is BenchmarkParse through the guard the log
// sources use: the difference is the price of recovering parser panics.
func BenchmarkParseGuarded(b *testing.B) {
	lines := benchLines(b)
	raw := make([][]byte, len(lines))
	var total int64
	for i, l := range lines {
		raw[i] = []byte(l)
		total += int64(len(l) + 1)
	}
	p := NewParser()
	var r Record
	b.SetBytes(total / int64(len(lines)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.parseBytesGuarded(raw[i%len(raw)], &r)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkGuardCost isolates the guard's fixed cost on the shortest parse
// (an empty line), where it weighs most.
func BenchmarkGuardCost(b *testing.B) {
	p := NewParser()
	var r Record
	b.Run("bare", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			p.Parse("", &r)
		}
	})
	b.Run("guarded", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			p.parseGuarded("", &r)
		}
	})
}

// Ordering replayed files reads their first lines too: a parser panic there
// must not end the replay either.
func TestReplayOrderingSurvivesParserPanic(t *testing.T) {
	// Replays parse on several workers: the hook counts atomically.
	var panics atomic.Int32
	parseFault = func(line string) {
		if strings.Contains(line, "BOOM") {
			panics.Add(1)
			panic("boom")
		}
	}
	t.Cleanup(func() { parseFault = nil })
	dir := t.TempDir()
	for i, name := range []string{"mail.log.1", "mail.log"} {
		text := "BOOM first\n" + logLine(i*10+1, "ABCDEF1234: removed") + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{filepath.Join(dir, "mail.log"), filepath.Join(dir, "mail.log.1")}, Block: true})
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, r := range recs {
		if r.Failed {
			failed++
		}
	}
	if len(recs) != 4 || failed != 2 || recs[1].Time.After(recs[3].Time) {
		t.Fatalf("%d records, %d failed: %+v", len(recs), failed, recs)
	}
	// Each file's first line is parsed twice: to order the files, and
	// when read. Both parses go through the guard.
	if panics.Load() != 4 {
		t.Errorf("%d guarded parses of the panicking lines, want 4", panics.Load())
	}
}
