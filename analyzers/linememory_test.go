package analyzers

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"mxtop/sources"
)

// lineMemoryLogs are the logs TestEngineKeepsNoLineMemory replays: the
// repository's own and, when present beside the checkout, the shared
// corpus and real cases.
func lineMemoryLogs(t *testing.T) []string {
	logs := []string{"../testdata/lab/postfix-lab.log", "testdata/everyday.log", "../sources/testdata/bench-mix.log.gz"}
	for _, dir := range []string{"../../shared", "../../../shared"} {
		corpus, _ := filepath.Glob(filepath.Join(dir, "corpus", "*", "*"))
		if len(corpus) == 0 {
			continue
		}
		cases, _ := filepath.Glob(filepath.Join(dir, "real-cases", "*", "maillog"))
		return append(append(logs, corpus...), cases...)
	}
	t.Log("shared corpus not present")
	return logs
}

func readLog(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// The engine copies whatever it keeps of a record: a replay reads new
// text into the memory of batches already fed (sources.LogBatch.Release),
// so the report of a log whose line memory is overwritten after every
// batch must be the report of the same log read without reuse.
func TestEngineKeepsNoLineMemory(t *testing.T) {
	for _, path := range lineMemoryLogs(t) {
		text := readLog(t, path)
		report := func(reuse bool) []byte {
			e := NewEngine(0)
			p := newParser()
			buf := make([]byte, 0, 64*1024)
			var recs []sources.Record
			flush := func() {
				e.FeedAll(recs, nil)
				recs = recs[:0]
				if reuse {
					for i := range buf {
						buf[i] = 'X'
					}
				}
				buf = buf[:0]
			}
			sc := bufio.NewScanner(bytes.NewReader(text))
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				line := sc.Bytes()
				if reuse {
					if len(buf)+len(line) > cap(buf) {
						flush()
					}
					if len(line) > cap(buf) {
						buf = make([]byte, 0, len(line))
					}
					start := len(buf)
					buf = append(buf, line...)
					recs = append(recs, sources.Record{})
					s := ""
					if len(line) > 0 {
						s = unsafe.String(&buf[start], len(line))
					}
					p.Parse(s, &recs[len(recs)-1])
					continue
				}
				recs = append(recs, sources.Record{})
				p.Parse(string(line), &recs[len(recs)-1])
			}
			flush()
			rep := e.Report(ReportOptions{Whole: true, LogLines: 500, GeneratedAt: t0})
			js, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			return js
		}
		clean, reused := report(false), report(true)
		if !bytes.Equal(clean, reused) {
			i := 0
			for i < min(len(clean), len(reused)) && clean[i] == reused[i] {
				i++
			}
			t.Errorf("%s: the reports differ from byte %d:\nclean:  %.200s\nreused: %.200s", path, i, clean[i:], reused[i:])
		}
	}
}
