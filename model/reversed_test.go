package model

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"mxtop/analyzers"
)

// reportJSON runs the report on logs as `mxtop report --format json` does
// on the lab's configuration, without this host's queue or machine.
func reportJSON(t *testing.T, logs ...string) (map[string]any, analyzers.LineCounts) {
	t.Helper()
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	o := labOptions(func() time.Time { return now })
	o.Logs = logs
	o.NoMachine = true
	o.QueueFile = "../testdata/lab/postqueue-j.jsonl"
	res, err := RunReport(context.Background(), *o, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Engine.Report(analyzers.ReportOptions{Whole: true, GeneratedAt: now})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m, rep.Lines
}

// labNewestFirst is the lab log's lines, newest first.
func labNewestFirst(t *testing.T) []string {
	t.Helper()
	text, err := os.ReadFile("../testdata/lab/postfix-lab.log")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(text), "\n"), "\n")
	lines[len(lines)-1] += "\n"
	slices.Reverse(lines)
	return lines
}

// gzipFile writes lines compressed to dir/newest-first.log.gz.
func gzipFile(t *testing.T, dir string, lines []string) string {
	t.Helper()
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(strings.Join(lines, "")))
	zw.Close()
	path := filepath.Join(dir, "newest-first.log.gz")
	if err := os.WriteFile(path, z.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A log listed newest first (logcli's and Kibana's default order, mailcow's
// API) is read last line first: its report is the report of the same log
// in time order, and says the order was reversed. A compressed copy and
// a CSV download are read so too.
func TestNewestFirstLogReadInTimeOrder(t *testing.T) {
	lines := labNewestFirst(t)
	dir := t.TempDir()
	rev := filepath.Join(dir, "newest-first.log")
	if err := os.WriteFile(rev, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	revGz := gzipFile(t, dir, lines)

	// A CSV download (Kibana's, newest first by default) keeps its
	// header row first.
	csv := []string{"host.name,message\n"}
	for _, l := range lines {
		csv = append(csv, `mx,"`+strings.ReplaceAll(strings.TrimSuffix(l, "\n"), `"`, `""`)+"\"\n")
	}
	revCSV := filepath.Join(dir, "newest-first.csv")
	if err := os.WriteFile(revCSV, []byte(strings.Join(csv, "")), 0o600); err != nil {
		t.Fatal(err)
	}

	want, wantLines := reportJSON(t, "../testdata/lab/postfix-lab.log")
	if wantLines.Reversed {
		t.Fatal("a log in time order read as reversed")
	}
	for _, log := range []string{rev, revGz, revCSV} {
		got, gotLines := reportJSON(t, log)
		if !gotLines.Reversed || gotLines.Backward != 0 {
			t.Errorf("%s: lines %+v: not read reversed", filepath.Base(log), gotLines)
		}
		for _, k := range []string{"window", "postfix", "totals", "hourly", "reject_reasons", "destinations", "inbound", "classes", "hints"} {
			wj, _ := json.Marshal(want[k])
			gj, _ := json.Marshal(got[k])
			if !bytes.Equal(wj, gj) {
				t.Errorf("%s: %s differs from the log in time order:\n got %.600s\nwant %.600s", filepath.Base(log), k, gj, wj)
			}
		}
	}
}

// A log that cannot be read a second time last line first (a compressed
// one with no room to spool its lines) is reported as first read, with
// the note that it runs newest first, not failed.
func TestNewestFirstLogUnspooledIsReportedAsRead(t *testing.T) {
	lines := labNewestFirst(t)
	revGz := gzipFile(t, t.TempDir(), lines)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	_, got := reportJSON(t, revGz)
	if got.Reversed || got.Backward == 0 || got.Total != int64(len(lines)) {
		t.Errorf("lines %+v: want the first reading, noted newest first", got)
	}
}

// A log listed newest first across New Year is dated as the same log in
// time order: the newest line, its first, anchors the year, not its last.
func TestNewestFirstLogAcrossNewYear(t *testing.T) {
	var lines []string
	start := time.Date(2025, 12, 30, 10, 0, 0, 0, time.Local)
	for i := range 37 {
		at := start.Add(time.Duration(i) * 2 * time.Hour)
		lines = append(lines, at.Format(time.Stamp)+" mx postfix/smtpd["+strconv.Itoa(100+i)+"]: connect from unknown[192.0.2."+strconv.Itoa(1+i)+"]\n")
	}
	dir := t.TempDir()
	fwd := filepath.Join(dir, "in-order.log")
	os.WriteFile(fwd, []byte(strings.Join(lines, "")), 0o600)
	slices.Reverse(lines)
	rev := filepath.Join(dir, "newest-first.log")
	os.WriteFile(rev, []byte(strings.Join(lines, "")), 0o600)
	want, _ := reportJSON(t, fwd)
	got, gotLines := reportJSON(t, rev)
	wj, _ := json.Marshal(want["window"])
	gj, _ := json.Marshal(got["window"])
	if !gotLines.Reversed || !bytes.Equal(wj, gj) {
		t.Errorf("reversed %v, window %s, want %s", gotLines.Reversed, gj, wj)
	}
}
