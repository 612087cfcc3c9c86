package model

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mxtop/sources"
)

// sinceNow is the clock of the --since tests: the window is counted back
// from it.
var sinceNow = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

// rotatedLog writes one file of the log beside the others in dir: a
// delivery every 2 minutes from `from` to `to` before sinceNow (from
// older), gzip-compressed when the name ends in .gz, in rsyslog's RFC 3339
// stamps, or syslog's traditional ones (in this host's zone) when classic.
// It returns how many of its lines are at or after notBefore.
func rotatedLog(t *testing.T, dir, name string, from, to time.Duration, classic bool, notBefore time.Time) int {
	t.Helper()
	var b bytes.Buffer
	in := 0
	for d := from; d > to; d -= 2 * time.Minute {
		tm := sinceNow.Add(-d)
		stamp := tm.Format("2006-01-02T15:04:05.000000-07:00")
		if classic {
			stamp = tm.Local().Format(time.Stamp)
		}
		id := tm.Unix() & 0xffffffffff
		fmt.Fprintf(&b, "%s mx1 postfix/smtp[%d]: %010X: to=<u%d@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=0.52, delays=0.1/0/0.21/0.21, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Q%X)\n",
			stamp, 2000+int(d/time.Minute), id, id, id)
		if !tm.Before(notBefore) {
			in++
		}
	}
	data := b.Bytes()
	if strings.HasSuffix(name, ".gz") {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o640); err != nil {
		t.Fatal(err)
	}
	return in
}

type rotFile struct {
	name     string
	from, to time.Duration // before sinceNow
}

// rotationCases are rotation schemes of the usual distributions: a --since
// window that starts before the current file's first line reaches into
// the rotations named in want, which must be read, and not into the others.
var rotationCases = []struct {
	name    string
	current string
	files   []rotFile // oldest first, the current one last
	since   time.Duration
	classic bool
	want    []string // the files the window reaches into
}{
	{"debian delaycompress", "mail.log", []rotFile{
		{"mail.log.2.gz", 5 * time.Hour, 3 * time.Hour},
		{"mail.log.1", 3 * time.Hour, time.Hour},
		{"mail.log", time.Hour, 0},
	}, 2 * time.Hour, false, []string{"mail.log.1", "mail.log"}},
	{"compressed at once", "mail.log", []rotFile{
		{"mail.log.2.gz", 5 * time.Hour, 3 * time.Hour},
		{"mail.log.1.gz", 3 * time.Hour, time.Hour},
		{"mail.log", time.Hour, 0},
	}, 2 * time.Hour, false, []string{"mail.log.1.gz", "mail.log"}},
	{"two rotations back", "mail.log", []rotFile{
		{"mail.log.3.gz", 7 * time.Hour, 5 * time.Hour},
		{"mail.log.2.gz", 5 * time.Hour, 3 * time.Hour},
		{"mail.log.1", 3 * time.Hour, time.Hour},
		{"mail.log", time.Hour, 0},
	}, 4 * time.Hour, false, []string{"mail.log.2.gz", "mail.log.1", "mail.log"}},
	{"rhel dateext", "maillog", []rotFile{
		{"maillog-20261201.gz", 5 * time.Hour, 3 * time.Hour},
		{"maillog-20261202", 3 * time.Hour, time.Hour},
		{"maillog", time.Hour, 0},
	}, 2 * time.Hour, true, []string{"maillog-20261202", "maillog"}},
	{"rhel numbered", "maillog", []rotFile{
		{"maillog.1", 3 * time.Hour, time.Hour},
		{"maillog", time.Hour, 0},
	}, 2 * time.Hour, true, []string{"maillog.1", "maillog"}},
	{"just rotated, current empty", "mail.log", []rotFile{
		{"mail.log.1", 3 * time.Hour, 0},
	}, 2 * time.Hour, false, []string{"mail.log.1"}},
	{"rotation beside its compressed copy", "mail.log", []rotFile{
		{"mail.log.1", 3 * time.Hour, time.Hour},
		{"mail.log.1.gz", 3 * time.Hour, time.Hour},
		{"mail.log", time.Hour, 0},
	}, 2 * time.Hour, false, []string{"mail.log.1", "mail.log"}},
	{"dateext turned off since", "mail.log", []rotFile{
		{"mail.log-20261120.gz", 300 * time.Hour, 290 * time.Hour},
		{"mail.log.1", 3 * time.Hour, time.Hour},
		{"mail.log", time.Hour, 0},
	}, 2 * time.Hour, false, []string{"mail.log.1", "mail.log"}},
	{"other files beside the log", "mail.log", []rotFile{
		{"mail.log.1", 3 * time.Hour, time.Hour},
		{"mail.log.bak", 150 * time.Minute, 90 * time.Minute},
		{"mail.log-old", 140 * time.Minute, 80 * time.Minute},
		{"mail.logger", 130 * time.Minute, 70 * time.Minute},
		{"mail.log", time.Hour, 0},
	}, 2 * time.Hour, false, []string{"mail.log.1", "mail.log"}},
	{"window inside the current file", "mail.log", []rotFile{
		{"mail.log.1", 3 * time.Hour, time.Hour},
		{"mail.log", time.Hour, 0},
	}, 30 * time.Minute, false, []string{"mail.log"}},
}

// writeRotations writes a case's files and returns the lines in its window
// of those named in read (all with none named).
func writeRotations(t *testing.T, dir string, files []rotFile, since time.Duration, classic bool, current string, read ...string) int {
	t.Helper()
	want := 0
	seen := map[[2]time.Duration]bool{}
	for _, f := range files {
		n := rotatedLog(t, dir, f.name, f.from, f.to, classic, sinceNow.Add(-since))
		if len(read) > 0 && !containsName(read, f.name) {
			continue
		}
		if span := [2]time.Duration{f.from, f.to}; !seen[span] {
			// A copy's lines are the same lines.
			want, seen[span] = want+n, true
		}
	}
	if _, err := os.Stat(filepath.Join(dir, current)); err != nil {
		// Just rotated: the current file is there, empty.
		os.WriteFile(filepath.Join(dir, current), nil, 0o640)
	}
	return want
}

// mxtop report --log mail.log --since 2h read mail.log alone: when the
// log was rotated within the window the report covered the part after the
// rotation and said nothing of the rest. The window's start in the
// rotations before it is read too, in time order, whichever rotation
// scheme wrote them, and the log's state names them.
func TestReportSinceReadsTheRotationsTheWindowReaches(t *testing.T) {
	for _, c := range rotationCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			want := writeRotations(t, dir, c.files, c.since, c.classic, c.current, c.want...)
			o := Options{Logs: []string{filepath.Join(dir, c.current)}, Since: c.since, Now: func() time.Time { return sinceNow },
				PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt", NoMachine: true}
			res, err := RunReport(context.Background(), o, nil)
			if err != nil {
				t.Fatal(err)
			}
			st := res.States[0]
			if res.Engine.Lines != int64(want) {
				t.Errorf("%d lines read, want the window's %d; log state %v %q", res.Engine.Lines, want, st.Health, st.Detail)
			}
			if first := res.Engine.First; first.Before(sinceNow.Add(-c.since)) {
				t.Errorf("first line read %v, before the window", first)
			}
			for _, f := range c.files {
				reads := strings.Contains(st.Detail, filepath.Join(dir, f.name)+" ") || strings.HasSuffix(st.Detail, filepath.Join(dir, f.name))
				if should := containsName(c.want, f.name); reads != should {
					t.Errorf("log state %q: names %s %v, want %v", st.Detail, f.name, reads, should)
				}
			}
			if st.Health != sources.HealthOK || strings.Contains(st.Detail, "window starts") {
				t.Errorf("log state %v %q, want ok and nothing said of the window", st.Health, st.Detail)
			}
		})
	}
}

func containsName(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// The live view's --since reads the same rotations before following the
// current file.
func TestLiveSinceReadsTheRotationsTheWindowReaches(t *testing.T) {
	for _, c := range rotationCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			want := writeRotations(t, dir, c.files, c.since, c.classic, c.current, c.want...)
			cur := filepath.Join(dir, c.current)
			o := Options{Logs: []string{cur}, Since: c.since, Now: func() time.Time { return sinceNow }}
			recs, st := followUntil(t, o, want)
			if recs != want {
				t.Errorf("%d records, want the window's %d; log state %v %q", recs, want, st.Health, st.Detail)
			}
			if st.Health != sources.HealthOK || strings.Contains(st.Detail, "window starts") {
				t.Errorf("log state %v %q, want ok and nothing said of the window", st.Health, st.Detail)
			}
		})
	}
}

// followUntil runs the live view's log source until it has handed over
// want records and follows the current file, and a little longer for any
// more, and returns the records and the last state.
func followUntil(t *testing.T, o Options, want int) (int, sources.SourceState) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	spec, err := o.FollowSpec(ctx)
	if err != nil {
		t.Fatal(err)
	}
	spec.FlushEvery = 10 * time.Millisecond
	out := make(chan sources.LogBatch, 8)
	go sources.RunLog(ctx, spec, out)
	var last sources.SourceState
	recs := 0
	deadline := time.After(10 * time.Second)
	var settle <-chan time.Time
	for {
		select {
		case b := <-out:
			recs += len(b.Records)
			if b.State != nil {
				last = *b.State
			}
			if settle == nil && recs >= want && strings.HasPrefix(last.Detail, "following ") {
				settle = time.After(200 * time.Millisecond)
			}
		case <-settle:
			return recs, last
		case <-deadline:
			return recs, last
		}
	}
}

// A window that starts before the lines that can be read is said, with
// what was not read: a rotation that cannot be read (a gzip cut short when
// the disk filled), none beside the log, or none kept as old as the
// window. The report covered part of the window and called the log ok.
func TestSinceSaysTheWindowStartsBeforeTheLog(t *testing.T) {
	for _, c := range []struct {
		name   string
		files  []rotFile
		broken string // a rotation that cannot be read
		health sources.Health
		says   []string
	}{
		{"rotation unreadable", []rotFile{{"mail.log", time.Hour, 0}}, "mail.log.1.gz", sources.HealthDegraded,
			[]string{"window starts", "mail.log.1.gz"}},
		{"no rotation", []rotFile{{"mail.log", time.Hour, 0}}, "", sources.HealthOK,
			[]string{"window starts", "no older rotation"}},
		{"rotations kept end", []rotFile{{"mail.log.1", 90 * time.Minute, time.Hour}, {"mail.log", time.Hour, 0}}, "", sources.HealthOK,
			[]string{"window starts", "mail.log.1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			want := writeRotations(t, dir, c.files, 2*time.Hour, false, "mail.log")
			if c.broken != "" {
				// gzip's magic, then bytes that are no deflate stream.
				os.WriteFile(filepath.Join(dir, c.broken), []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 0o640)
			}
			cur := filepath.Join(dir, "mail.log")
			check := func(what string, lines int, st sources.SourceState) {
				t.Helper()
				if lines != want {
					t.Errorf("%s: %d lines, want %d", what, lines, want)
				}
				if st.Health != c.health {
					t.Errorf("%s: log state %v %q, want %v", what, st.Health, st.Detail, c.health)
				}
				for _, s := range c.says {
					if !strings.Contains(st.Detail, s) {
						t.Errorf("%s: log state %q does not say %q", what, st.Detail, s)
					}
				}
			}
			o := Options{Logs: []string{cur}, Since: 2 * time.Hour, Now: func() time.Time { return sinceNow },
				PostconfFile: "../testdata/lab/postconf-n.txt", MasterFile: "../testdata/lab/postconf-M.txt", NoMachine: true}
			res, err := RunReport(context.Background(), o, nil)
			if err != nil {
				t.Fatal(err)
			}
			check("report", int(res.Engine.Lines), res.States[0])
			recs, st := followUntil(t, Options{Logs: []string{cur}, Since: 2 * time.Hour, Now: func() time.Time { return sinceNow }}, want)
			check("live", recs, st)
		})
	}
}
