package sources

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// replayBoth replays paths with one parser and with four workers, in
// chunks of a few lines so that the workers finish out of order.
func replayBoth(t *testing.T, spec LogSpec) (serial, parallel []Record, sb, pb []LogBatch) {
	t.Helper()
	old := readerChunkLines
	readerChunkLines = 7
	defer func() { readerChunkLines = old }()
	run := func(workers int) ([]Record, []LogBatch) {
		s := spec
		s.Kind, s.Block, s.Workers = LogReplay, true, workers
		s.Parser = &Parser{Year: 2026, Loc: time.UTC}
		recs, batches, err := collect(t, context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		return recs, batches
	}
	serial, sb = run(1)
	parallel, pb = run(4)
	return serial, parallel, sb, pb
}

// Parsing a replay on several workers gives the records, in the order,
// states, progress and counts of parsing it on one.
func TestParallelReplayMatchesSerial(t *testing.T) {
	dir := t.TempDir()
	lab, err := os.ReadFile("../testdata/lab/postfix-lab.log")
	if err != nil {
		t.Fatal(err)
	}
	// A second file holds a long line, an invalid one and a line the
	// parser panics on, after the lab log's lines.
	var extra strings.Builder
	for i := range 50 {
		extra.WriteString(logLine(i, fmt.Sprintf("ABCDEF%04d: removed", i)) + "\n")
		if i == 20 {
			extra.WriteString(logLine(i, "x: "+strings.Repeat("y", MaxLineLen+10)) + "\n")
			extra.WriteString("not a log line\n")
			extra.WriteString(logLine(i, "PANIC-HERE: removed") + "\n")
		}
	}
	paths := []string{filepath.Join(dir, "mail.log.1"), filepath.Join(dir, "mail.log")}
	if err := os.WriteFile(paths[0], lab, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths[1], []byte(extra.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	parseFault = func(line string) {
		if strings.Contains(line, "PANIC-HERE") {
			panic("boom")
		}
	}
	defer func() { parseFault = nil }()

	for _, notBefore := range []time.Time{{}, time.Date(2026, 11, 28, 10, 0, 30, 0, time.UTC)} {
		serial, parallel, sb, pb := replayBoth(t, LogSpec{Paths: paths, NotBefore: notBefore})
		want := strings.Count(string(lab), "\n") + strings.Count(extra.String(), "\n")
		if notBefore.IsZero() && len(serial) != want {
			t.Fatalf("serial replay: %d records, want %d", len(serial), want)
		}
		if len(parallel) != len(serial) {
			t.Fatalf("since %v: %d records on four workers, %d on one", notBefore, len(parallel), len(serial))
		}
		failed := 0
		for i := range serial {
			if !reflect.DeepEqual(serial[i], parallel[i]) {
				t.Fatalf("since %v: record %d differs:\none:  %+v\nfour: %+v", notBefore, i, serial[i], parallel[i])
			}
			if serial[i].Failed {
				failed++
			}
		}
		if failed != 1 {
			t.Errorf("%d failed records, want the one the parser panicked on", failed)
		}
		sum := func(bs []LogBatch) (long int, states []SourceState, last Progress) {
			for _, b := range bs {
				long += b.Long
				if b.State != nil {
					st := *b.State
					st.Time = time.Time{}
					states = append(states, st)
				}
				if b.Progress != nil {
					last = *b.Progress
				}
			}
			return long, states, last
		}
		sl, ss, sp := sum(sb)
		pl, ps, pp := sum(pb)
		if sl != 1 || pl != sl || !reflect.DeepEqual(ps, ss) || pp != sp || !pp.Finished || pp.Lines != int64(want) {
			t.Errorf("since %v: one worker: long %d states %v progress %+v; four: long %d states %v progress %+v",
				notBefore, sl, ss, sp, pl, ps, pp)
		}
	}
}

// A replay on several workers that nobody reads drops past MaxPending and
// counts what it dropped, like the other sources.
func TestParallelReplayDropsAreCounted(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 5000; i++ {
		in.WriteString(logLine(i%3600, "ABCDEF1234: removed") + "\n")
	}
	path := filepath.Join(t.TempDir(), "mail.log")
	if err := os.WriteFile(path, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := make(chan LogBatch) // nobody reads until the source is done
	done := make(chan error, 1)
	go func() {
		done <- RunLog(context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Workers: 2,
			MaxPending: 1000, FlushEvery: time.Millisecond}, out)
	}()
	time.Sleep(200 * time.Millisecond)
	var got int
	var dropped uint64
	for b := range out {
		got += len(b.Records)
		dropped = b.Dropped
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got+int(dropped) != 5000 || dropped == 0 {
		t.Fatalf("got %d, dropped %d: want them to add to 5000 with some dropped", got, dropped)
	}
}

// Cancelling a replay on several workers whose consumer stopped reading
// leaves no goroutine behind.
func TestParallelReplayCancelLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	var in strings.Builder
	for i := 0; i < 50000; i++ {
		in.WriteString(logLine(i%3600, "ABCDEF1234: removed") + "\n")
	}
	path := filepath.Join(t.TempDir(), "mail.log")
	if err := os.WriteFile(path, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan LogBatch)
	done := make(chan struct{})
	go func() {
		RunLog(ctx, LogSpec{Kind: LogReplay, Paths: []string{path}, Workers: 3, Block: true}, out)
		close(done)
	}()
	<-out // one batch, then nobody reads
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the replay did not stop")
	}
	waitFor(t, "goroutines to end", 5*time.Second, func() bool { return runtime.NumGoroutine() <= before })
}

// A worker's chunk is parsed under one guard: a parser panic on its first,
// a middle or its last line, or on two lines running, fails that line
// alone, and the chunk's records are those of parsing each line guarded
// (the serial replay's way), whether the chunk holds lines or text.
func TestParseChunkSurvivesPanics(t *testing.T) {
	parseFault = func(line string) {
		if strings.Contains(line, "BOOM") {
			panic("boom")
		}
	}
	defer func() { parseFault = nil }()
	notBefore := time.Date(2026, 11, 28, 10, 0, 3, 0, time.UTC)
	for _, marks := range [][]int{{0}, {4}, {9}, {3, 4}, {0, 9}, {}} {
		var lines []string
		for i := range 10 {
			text := fmt.Sprintf("ABCDEF%04d: removed", i)
			if slices.Contains(marks, i) {
				text = "BOOM " + text
			}
			lines = append(lines, logLine(i, text))
		}
		var want []Record
		ref := &Parser{Year: 2026, Loc: time.UTC}
		for _, l := range lines {
			want = appendParsed(ref, want, l, notBefore)
		}
		for _, c := range []chunk{{lines: lines}, {text: strings.Join(lines, "\n"), ends: lineEnds(lines)}} {
			parseChunk(&Parser{Year: 2026, Loc: time.UTC}, &c, notBefore, nil)
			failed := 0
			for _, r := range c.recs {
				if r.Failed {
					failed++
				}
			}
			if !reflect.DeepEqual(c.recs, want) || failed != len(marks) {
				t.Errorf("panics on lines %v: %d records, %d failed; want %d, %d", marks, len(c.recs), failed, len(want), len(marks))
			}
		}
	}
}

// lineEnds gives the end offsets of lines joined by '\n'.
func lineEnds(lines []string) []int {
	var ends []int
	end := 0
	for _, l := range lines {
		end += len(l)
		ends = append(ends, end)
		end++
	}
	return ends
}

// A recycled record slice comes back cleared (LogSpec.Recycle): parseChunk
// must give the same records as parsing into fresh ones, including where
// a line before notBefore was left off and its place reused by the next
// line, which sets fewer fields.
func TestParseChunkIntoRecycledRecords(t *testing.T) {
	var lines []string
	for i := range 12 {
		// Lines of two shapes: a slot reused after a line is left off
		// holds fields the next line does not set.
		text := fmt.Sprintf("ABCDEF%04d: from=<a@d%d.example>, size=%d, nrcpt=2 (queue active)", i, i, 100+i)
		if i%2 == 1 {
			text = fmt.Sprintf("ABCDEF%04d: removed", i)
		}
		lines = append(lines, logLine(i, text))
	}
	for _, notBefore := range []time.Time{{}, time.Date(2026, 11, 28, 10, 0, 5, 0, time.UTC)} {
		var want []Record
		ref := &Parser{Year: 2026, Loc: time.UTC}
		for _, l := range lines {
			want = appendParsed(ref, want, l, notBefore)
		}
		recycle := make(chan []Record, 1)
		recycle <- make([]Record, len(lines))
		c := chunk{text: strings.Join(lines, "\n"), ends: lineEnds(lines)}
		parseChunk(&Parser{Year: 2026, Loc: time.UTC}, &c, notBefore, recycle)
		if !reflect.DeepEqual(c.recs, want) {
			t.Errorf("since %v: records parsed into a recycled slice differ from fresh ones:\n got %+v\nwant %+v", notBefore, c.recs, want)
		}
	}
}
