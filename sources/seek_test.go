package sources

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seekLog writes n lines, one every step from 2026-11-28 00:00:00 UTC, with
// some lines that have no timestamp, a CRLF line and an overlong line, and
// returns the path and each line's offset and time (zero for none).
func seekLog(t testing.TB, dir string, n int, step time.Duration) (string, []int64, []time.Time) {
	t.Helper()
	path := filepath.Join(dir, "mail.log")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	t0 := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	offs := make([]int64, 0, n)
	times := make([]time.Time, 0, n)
	var off int64
	for i := 0; i < n; i++ {
		tm := t0.Add(time.Duration(i) * step).Truncate(time.Second) // as the stamp says
		var line string
		switch {
		case i%97 == 5:
			line = "continuation without a stamp\n"
			tm = time.Time{}
		case i%1013 == 7:
			line = tm.Format(time.Stamp) + " mx postfix/smtpd[1]: warning: " + strings.Repeat("x", 70000) + "\n"
		case i%101 == 3:
			line = tm.Format(time.Stamp) + " mx postfix/qmgr[2]: ABC: removed\r\n"
		default:
			line = fmt.Sprintf("%s mx postfix/qmgr[2]: %08X: removed\n", tm.Format(time.Stamp), i)
		}
		offs, times = append(offs, off), append(times, tm)
		w.WriteString(line)
		off += int64(len(line))
	}
	w.Flush()
	f.Close()
	return path, offs, times
}

// firstAtOrAfter is the offset of the first stamped line not before t.
func firstAtOrAfter(offs []int64, times []time.Time, t time.Time, size int64) int64 {
	for i, tm := range times {
		if !tm.IsZero() && !tm.Before(t) {
			return offs[i]
		}
	}
	return size
}

func TestSeekTimeFindsWindow(t *testing.T) {
	path, offs, times := seekLog(t, t.TempDir(), 20000, 2*time.Second)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	t0 := times[0]
	for _, since := range []time.Duration{-time.Hour, 0, 90 * time.Second, 3 * time.Hour, 5*time.Hour + 37*time.Second, 11 * time.Hour, 11*time.Hour + 6*time.Minute, 12 * time.Hour, 48 * time.Hour} {
		at := t0.Add(since)
		got, ok := SeekTime(f, st.Size(), at, fixedParser())
		want := firstAtOrAfter(offs, times, at.Add(-seekSlack), st.Size())
		if !ok || got != want {
			t.Errorf("since %v: offset %d ok %v, want %d", since, got, ok, want)
		}
	}
}

// A line inside the window shortly before the found offset means the file
// is not in time order: the caller must read it all.
func TestSeekTimeOutOfOrderFallsBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mail.log")
	var b strings.Builder
	t0 := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 20000; i++ {
		tm := t0.Add(time.Duration(i) * time.Second)
		if i == 14000 {
			tm = t0.Add(20 * time.Hour) // a clock jump forward and back
		}
		fmt.Fprintf(&b, "%s mx postfix/qmgr[2]: %08X: removed\n", tm.Format(time.Stamp), i)
	}
	os.WriteFile(path, []byte(b.String()), 0o600)
	if off := seekFile(path, t0.Add(15000*time.Second), fixedParser()); off != 0 {
		t.Fatalf("out-of-order file: offset %d, want 0 (read it all)", off)
	}
	if off := seekFile(path, t0.Add(5000*time.Second), fixedParser()); off == 0 {
		t.Fatal("in-order part: no seek")
	}
}

// --since on a replayed file reads from the window, not the whole file,
// and gives the same records as a full read filtered by time.
func TestReplaySinceSeeks(t *testing.T) {
	path, _, times := seekLog(t, t.TempDir(), 20000, 2*time.Second)
	since := times[0].Add(10 * time.Hour)
	spec := LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true, Parser: fixedParser(), NotBefore: since}
	recs, batches, err := collect(t, context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	want, got := 0, 0
	for _, tm := range times {
		if !tm.IsZero() && !tm.Before(since) {
			want++
		}
	}
	for _, r := range recs {
		if !r.Time.IsZero() {
			got++
		}
	}
	if got != want || recs[0].Time.Before(since) {
		t.Fatalf("%d stamped records from %v, want %d from %v", got, recs[0].Time, want, since)
	}
	var last *Progress
	for _, b := range batches {
		if b.Progress != nil {
			last = b.Progress
		}
	}
	if last == nil || last.Done != last.Total || last.Lines > int64(want)+200 {
		t.Fatalf("progress %+v: the file was not read from the window (%d lines in it)", last, want)
	}
}

// Following from the start with --since starts at the window too.
func TestFollowSinceSeeks(t *testing.T) {
	path, _, times := seekLog(t, t.TempDir(), 20000, 2*time.Second)
	since := times[0].Add(10 * time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan LogBatch)
	go RunLog(ctx, LogSpec{Kind: LogFollow, Paths: []string{path}, FromStart: true, Parser: fixedParser(), NotBefore: since, FlushEvery: 10 * time.Millisecond}, out)
	var lines int64
	var first time.Time
	deadline := time.After(10 * time.Second)
	for {
		select {
		case b := <-out:
			if len(b.Records) > 0 && first.IsZero() {
				first = b.Records[0].Time
			}
			if b.Progress != nil {
				lines = b.Progress.Lines
				if b.Progress.Finished {
					if first.Before(since) || lines > 2200 {
						t.Fatalf("first record %v, %d lines read: not from the window", first, lines)
					}
					return
				}
			}
		case <-deadline:
			t.Fatalf("no finished progress; %d lines read", lines)
		}
	}
}

// MXTOP_SEEK_BIG=1 times the seek on a 700 MB generated log (seconds to
// write), the first step of opening a big log with --since.
func TestSeekTimeBigFile(t *testing.T) {
	if os.Getenv("MXTOP_SEEK_BIG") == "" {
		t.Skip("set MXTOP_SEEK_BIG=1 to seek in a 700 MB log")
	}
	// A month of lines: RFC 3164 stamps have no year to cross.
	path, offs, times := seekLog(t, t.TempDir(), 6_000_000, 400*time.Millisecond)
	st, _ := os.Stat(path)
	f, _ := os.Open(path)
	defer f.Close()
	at := times[len(times)-1].Add(-time.Hour)
	start := time.Now()
	p := fixedParser()
	p.Year = 2026
	got, ok := SeekTime(f, st.Size(), at, p)
	d := time.Since(start)
	t.Logf("seek in %d MiB: %v", st.Size()>>20, d)
	if want := firstAtOrAfter(offs, times, at.Add(-seekSlack), st.Size()); !ok || got != want {
		t.Fatalf("offset %d ok %v, want %d", got, ok, want)
	}
	if d > time.Second {
		t.Errorf("seek took %v", d)
	}
}

// Two logs concatenated newest first (cat mail.log mail.log.1 > all.log):
// the window's lines are near the start, far from where the search lands.
// Probes spread over the part before the found offset see them, and the
// file is read whole.
func TestSeekTimeConcatenatedOutOfOrderFallsBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "all.log")
	var b strings.Builder
	t0 := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	line := func(tm time.Time, i int) {
		fmt.Fprintf(&b, "%s mx postfix/qmgr[2]: %08X: removed\n", tm.Format(time.Stamp), i)
	}
	for i := 0; i < 20000; i++ { // the newer file: day 2
		line(t0.Add(24*time.Hour+time.Duration(i)*time.Second), i)
	}
	for i := 0; i < 60000; i++ { // the older file: day 1
		line(t0.Add(time.Duration(i)*time.Second), i)
	}
	os.WriteFile(path, []byte(b.String()), 0o600)
	since := t0.Add(24*time.Hour + 10000*time.Second)
	if off := seekFile(path, since, fixedParser()); off != 0 {
		t.Fatalf("newest-first concatenation: offset %d, want 0 (read it all)", off)
	}
}
