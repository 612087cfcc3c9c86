package model

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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

// A log listed newest first (logcli's and Kibana's default order, mailcow's
// API) is read last line first: its report is the report of the same log
// in time order, and says the order was reversed. A compressed copy and
// a CSV download are read so too.
func TestNewestFirstLogReadInTimeOrder(t *testing.T) {
	text, err := os.ReadFile("../testdata/lab/postfix-lab.log")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(text), "\n"), "\n")
	lines[len(lines)-1] += "\n"
	slices.Reverse(lines)
	dir := t.TempDir()
	rev := filepath.Join(dir, "newest-first.log")
	if err := os.WriteFile(rev, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(strings.Join(lines, "")))
	zw.Close()
	revGz := filepath.Join(dir, "newest-first.log.gz")
	if err := os.WriteFile(revGz, z.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

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
