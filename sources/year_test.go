package sources

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func stampYear(t *testing.T, p *Parser, lines ...string) []string {
	t.Helper()
	var got []string
	for _, l := range lines {
		var r Record
		p.Parse(l+" mx1 postfix/qmgr[1]: 4A1B2C3D4E: removed", &r)
		got = append(got, r.Time.Format(time.RFC3339))
	}
	return got
}

// A line is put in the latest year that leaves it no later than a day
// after the reference: now, or the log's own last line (Anchor). A line
// just past midnight on New Year's Eve, from a clock a little ahead, is
// next year's: it was put a year back.
func TestYearOfAStampWithoutOne(t *testing.T) {
	for _, c := range []struct {
		now, anchor string
		lines       []string
		want        string
	}{
		{"2026-12-31T23:59:59Z", "", []string{"Dec 31 23:59:58", "Jan  1 00:00:01"}, "2026-12-31T23:59:58Z 2027-01-01T00:00:01Z"},
		{"2027-01-02T10:00:00Z", "", []string{"Dec 28 10:00:00", "Jan  2 09:00:00"}, "2026-12-28T10:00:00Z 2027-01-02T09:00:00Z"},
		// An archive whose last line is 2025-12-10, read on 2026-12-03:
		// its lines after today's date were last year's, the ones before
		// this year's.
		{"2026-12-03T07:00:00Z", "2025-12-10T10:00:00Z", []string{"Nov 30 06:00:00", "Dec  4 08:30:00", "Dec 10 10:00:00"}, "2025-11-30T06:00:00Z 2025-12-04T08:30:00Z 2025-12-10T10:00:00Z"},
	} {
		p := &Parser{Now: func() time.Time { return at(c.now) }, Loc: time.UTC}
		if c.anchor != "" {
			p.Anchor = at(c.anchor)
		}
		if got := strings.Join(stampYear(t, p, c.lines...), " "); got != c.want {
			t.Errorf("now %s, anchor %q: %s\nwant %s", c.now, c.anchor, got, c.want)
		}
	}
}

// --year N is the year the log starts in: a log that runs over New Year
// goes on into N+1. Every line was put in N, so its January ran back.
func TestYearFlagRunsOverNewYear(t *testing.T) {
	p := &Parser{Year: 2025, Loc: time.UTC}
	got := strings.Join(stampYear(t, p, "Dec 31 23:59:58", "Dec 31 23:59:59", "Jan  1 00:00:01", "Jan  1 00:00:02"), " ")
	if want := "2025-12-31T23:59:58Z 2025-12-31T23:59:59Z 2026-01-01T00:00:01Z 2026-01-01T00:00:02Z"; got != want {
		t.Errorf("%s\nwant %s", got, want)
	}
}

// A replay parsed on several cores dates its lines as one parser reading
// them in order would: by the log's last line without --year, by its
// first with --year, whatever chunk a line falls in.
func TestReplayYearsAreTheLogs(t *testing.T) {
	defer func(n int) { readerChunkLines = n }(readerChunkLines)
	readerChunkLines = 16
	dir := t.TempDir()
	write := func(name string, start time.Time) string {
		var b strings.Builder
		for i := 0; i < 400; i++ {
			ts := start.Add(time.Duration(i) * 36 * time.Minute)
			fmt.Fprintf(&b, "%s mx1 postfix/qmgr[1]: 4A1B2C%04X: removed\n", ts.Format(time.Stamp), i)
		}
		log := filepath.Join(dir, name)
		os.WriteFile(log, []byte(b.String()), 0o644)
		return log
	}
	check := func(name, log string, p *Parser, start time.Time) {
		t.Helper()
		recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{log}, Parser: p, Block: true, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 400 {
			t.Fatalf("%s: %d records", name, len(recs))
		}
		for i := range recs {
			if want := start.Add(time.Duration(i) * 36 * time.Minute); !recs[i].Time.Equal(want) {
				t.Fatalf("%s: line %d at %v, want %v", name, i, recs[i].Time, want)
			}
		}
	}
	// Read on 2026-12-03, an archive that ends 2025-12-10, after today's
	// date in the year: its last days were put in 2025, the rest in 2026.
	archive := at("2025-11-30T06:00:00Z")
	check("inferred", write("archive.log", archive), &Parser{Now: func() time.Time { return at("2026-12-03T07:00:00Z") }, Loc: time.UTC}, archive)
	newYear := at("2024-12-25T06:00:00Z")
	check("--year 2024", write("newyear.log", newYear), &Parser{Year: 2024, Loc: time.UTC}, newYear)
}

// A ctime stamp carries its year: Feb 29 of a leap year is Feb 29, not
// the Mar 1 a year without one makes of it.
func TestCtimeStampKeepsFeb29(t *testing.T) {
	for _, p := range []*Parser{{Loc: time.UTC, Now: func() time.Time { return at("2026-12-03T07:00:00Z") }}, {Year: 2025, Loc: time.UTC}} {
		var r Record
		p.Parse("Thu Feb 29 10:00:00 2024 mx1 postfix/qmgr[1000]: 4A1B2C3D4E: removed", &r)
		if want := at("2024-02-29T10:00:00Z"); !r.Time.Equal(want) {
			t.Errorf("year %d: %v, want %v", p.Year, r.Time, want)
		}
	}
}

// Feb 29 without a year is put in the latest leap year the rule allows,
// not in a year without one, which makes it Mar 1.
func TestFeb29WithoutAYear(t *testing.T) {
	for _, c := range []struct{ now, anchor string }{
		{"2025-03-10T00:00:00Z", ""},
		{"2026-12-03T00:00:00Z", "2025-03-10T00:00:00Z"},
	} {
		p := &Parser{Now: func() time.Time { return at(c.now) }, Loc: time.UTC}
		if c.anchor != "" {
			p.Anchor = at(c.anchor)
		}
		got := stampYear(t, p, "Feb 29 10:00:00")[0]
		if got != "2024-02-29T10:00:00Z" {
			t.Errorf("now %s anchor %q: Feb 29 read as %s", c.now, c.anchor, got)
		}
	}
}

// --year on a replay whose first file is a FIFO (a <(zcat ...) pipe),
// whose first line cannot be read ahead: each parse worker learnt the
// log's start from its own first chunk, and January went back a year.
func TestYearFlagOnAFIFOReplay(t *testing.T) {
	defer func(n int) { readerChunkLines = n }(readerChunkLines)
	readerChunkLines = 16
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	start := at("2024-12-31T20:00:00Z")
	var b strings.Builder
	for i := 0; i < 400; i++ {
		ts := start.Add(time.Duration(i) * 36 * time.Minute)
		fmt.Fprintf(&b, "%s mx1 postfix/qmgr[1]: 4A1B2C%04X: removed\n", ts.Format(time.Stamp), i)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString(b.String())
		f.Close()
	}()
	recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{fifo}, Parser: &Parser{Year: 2024, Loc: time.UTC}, Block: true, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if want := start.Add(time.Duration(i) * 36 * time.Minute); !recs[i].Time.Equal(want) {
			t.Fatalf("line %d at %v, want %v", i, recs[i].Time, want)
		}
	}
}

// --since seeks with the replay's own dating: its probe parser had --year
// but not the log's start, so a log over New Year whose middle is in
// January was searched as if January were --year's, and every line of
// the window was skipped.
func TestSinceSeekDatesAsTheReplay(t *testing.T) {
	dir := t.TempDir()
	start := at("2024-12-25T00:00:00Z")
	var b strings.Builder
	n := 0
	for ts := start; ts.Before(at("2025-01-10T00:00:00Z")); ts = ts.Add(time.Minute) {
		fmt.Fprintf(&b, "%s mx1 postfix/qmgr[1]: 4A1B2C%04X: removed\n", ts.Format(time.Stamp), n%0xffff)
		n++
	}
	log := filepath.Join(dir, "maillog")
	os.WriteFile(log, []byte(b.String()), 0o644)
	for _, w := range []int{1, 4} {
		recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{log},
			Parser: &Parser{Year: 2024, Loc: time.UTC}, Block: true, Workers: w, NotBefore: at("2025-01-07T00:00:00Z")})
		if err != nil {
			t.Fatal(err)
		}
		if want := 3 * 24 * 60; len(recs) < want {
			t.Errorf("workers %d: %d records in the window, want %d", w, len(recs), want)
		}
	}
}

// A followed file read with --year and --since over New Year: the lines
// of the window are dated from the file's start, as the seek dates them,
// not from the first line read after the seek.
func TestFollowYearFlagWithSince(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	n := 0
	for ts := at("2024-12-25T00:00:00Z"); ts.Before(at("2025-01-10T00:00:00Z")); ts = ts.Add(10 * time.Minute) {
		fmt.Fprintf(&b, "%s mx1 postfix/qmgr[1]: 4A1B2C%04X: removed\n", ts.Format(time.Stamp), n%0xffff)
		n++
	}
	log := filepath.Join(dir, "mail.log")
	os.WriteFile(log, []byte(b.String()), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	recs, _, _ := collect(t, ctx, LogSpec{Kind: LogFollow, Paths: []string{log}, FromStart: true,
		Parser: &Parser{Year: 2024, Loc: time.UTC}, Block: true, NotBefore: at("2025-01-07T00:00:00Z")})
	if want := 3 * 24 * 6; len(recs) < want {
		t.Fatalf("%d records in the window, want %d", len(recs), want)
	}
	for _, r := range recs {
		if r.Time.Year() != 2025 {
			t.Fatalf("a line of the window dated %v", r.Time)
		}
	}
}
