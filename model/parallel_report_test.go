package model

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"mxtop/analyzers"
)

// A report replayed with its lines parsed on several workers is byte for
// byte the report of parsing them on one.
func TestParallelReportMatchesSerial(t *testing.T) {
	logs := []string{"../testdata/lab/postfix-lab.log"}
	if !testing.Short() {
		gen := filepath.Join(t.TempDir(), "maillog")
		if out, err := exec.Command("go", "run", "../bench/genlog", "-n", "100000", "-seed", "5", "-o", gen).CombinedOutput(); err != nil {
			t.Fatalf("genlog: %v\n%s", err, out)
		}
		logs = append(logs, gen)
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	report := func(log string, workers int) []byte {
		o := Options{Logs: []string{log}, PostconfFile: "../testdata/lab/postconf-n.txt",
			MasterFile: "../testdata/lab/postconf-M.txt", Now: func() time.Time { return now }, workers: workers}
		res, err := RunReport(context.Background(), o, nil)
		if err != nil {
			t.Fatal(err)
		}
		rep := res.Engine.Report(analyzers.ReportOptions{Whole: true, States: res.States, GeneratedAt: now})
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, log := range logs {
		one, four := report(log, 1), report(log, 4)
		if !bytes.Equal(one, four) {
			i := 0
			for i < min(len(one), len(four)) && one[i] == four[i] {
				i++
			}
			t.Errorf("%s: the reports differ from byte %d:\none:  %.200s\nfour: %.200s", log, i, one[i:], four[i:])
		}
		if !bytes.Contains(one, []byte(`"delivered"`)) {
			t.Errorf("%s: the report holds no deliveries: %.300s", log, one)
		}
	}
}
