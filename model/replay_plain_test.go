package model

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// A report's replay (read blocks reused, lines parsed on one worker or
// several) is byte for byte the report of the plainest reading: a line
// reader, one parser, every record fed as it is read. On the lab log, the
// analyzers' own testdata, a generated log and, when present beside the
// checkout, the shared corpus and real cases.
func TestReplayReportMatchesPlainFeed(t *testing.T) {
	logs := []string{"../testdata/lab/postfix-lab.log", "../analyzers/testdata/everyday.log"}
	if !testing.Short() {
		gen := filepath.Join(t.TempDir(), "maillog")
		if out, err := exec.Command("go", "run", "../bench/genlog", "-n", "60000", "-seed", "9", "-o", gen).CombinedOutput(); err != nil {
			t.Fatalf("genlog: %v\n%s", err, out)
		}
		logs = append(logs, gen)
	}
	for _, dir := range []string{"../../shared", "../../../shared"} {
		corpus, _ := filepath.Glob(filepath.Join(dir, "corpus", "*", "*"))
		if len(corpus) > 0 {
			cases, _ := filepath.Glob(filepath.Join(dir, "real-cases", "*", "maillog"))
			logs = append(append(logs, corpus...), cases...)
			break
		}
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	opts := func(log string, workers int) Options {
		return Options{Logs: []string{log}, PostconfFile: "../testdata/lab/postconf-n.txt",
			MasterFile: "../testdata/lab/postconf-M.txt", Now: func() time.Time { return now }, workers: workers}
	}
	js := func(e *analyzers.Engine, states []sources.SourceState) []byte {
		b, err := json.Marshal(e.Report(analyzers.ReportOptions{Whole: true, States: states, GeneratedAt: now, LogLines: 200}))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, log := range logs {
		if fi, err := os.Stat(log); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		o := opts(log, 1)
		plain := analyzers.NewEngine(o.MaxDest)
		cfg, _ := o.ReadConfig(context.Background())
		plain.SetConfig(cfg)
		f, err := sources.OpenLog(log)
		if err != nil {
			// A queue listing in the corpus is no log: neither way reads it.
			if b, rerr := os.ReadFile(log); rerr == nil && sources.QueueListingStart(b) {
				continue
			}
			t.Fatal(err)
		}
		// Dated as a replay dates them: by the log's last line.
		p := sources.DatedByTheLog(o.parser(), []string{log}, false)
		lr := sources.NewLineReader(f)
		for {
			line, ok := lr.Next()
			if !ok {
				break
			}
			var r sources.Record
			p.ParseBytes(line, &r)
			plain.Feed(&r)
		}
		f.Close()
		for _, workers := range []int{1, 2, 4} {
			res, err := RunReport(context.Background(), opts(log, workers), nil)
			if err != nil {
				t.Fatal(err)
			}
			want, got := js(plain, res.States), js(res.Engine, res.States)
			if !bytes.Equal(want, got) {
				i := 0
				for i < min(len(want), len(got)) && want[i] == got[i] {
					i++
				}
				t.Errorf("%s, %d workers: the report differs from the plain reading's from byte %d:\nplain:  %.200s\nreplay: %.200s", log, workers, i, want[i:], got[i:])
			}
		}
	}
}
