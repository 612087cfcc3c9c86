package sources

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkJournalExport measures decoding `journalctl -o export` into
// parsed records, the mxtop side of the journal path.
func BenchmarkJournalExport(b *testing.B) {
	var exp bytes.Buffer
	const n = 10000
	for i := 0; i < n; i++ {
		exportEntry(&exp, "__CURSOR", fmt.Sprintf("s=e70201f39cc44560b87733a296027167;i=%x;b=6b4b6a3c1b6e4f0e9d2a1c0b9a8f7e6d;m=f4240;t=6614e35e7f000;x=fdad0b9a49948d0b", i),
			"__REALTIME_TIMESTAMP", fmt.Sprint(1795838400000000+int64(i)*170000), "__MONOTONIC_TIMESTAMP", fmt.Sprint(1000000+i),
			"_BOOT_ID", "6b4b6a3c1b6e4f0e9d2a1c0b9a8f7e6d", "_HOSTNAME", "mx1", "SYSLOG_IDENTIFIER", "postfix/smtp", "SYSLOG_PID", "11867", "_PID", "11867",
			"MESSAGE", fmt.Sprintf("%08X: to=<user%d@example.com>, relay=mx.example.com[192.0.2.7]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ABC)", i, i))
	}
	p := NewParser()
	b.SetBytes(int64(exp.Len()))
	b.ReportAllocs()
	for b.Loop() {
		ch := make(chan chunk, 1024)
		done := parseAll(p, ch)
		if err := produceExport(context.Background(), bytes.NewReader(exp.Bytes()), ch, false); err != nil {
			b.Fatal(err)
		}
		close(ch)
		<-done
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkJournalFile measures reading a journal file's entries into
// syslog lines and parsing them, the file reader's replay path; compare
// BenchmarkJournalExport (which leaves out journalctl's own cost).
func BenchmarkJournalFile(b *testing.B) {
	dir := b.TempDir()
	const n = 20000
	writeJournal(b, filepath.Join(dir, "system.journal"), mailExport(n, 1795864388000000, "mx1"), nil)
	files, _, err := openJournalFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer closeJournalFiles(files)
	p := NewParser()
	b.ReportAllocs()
	lines := 0
	for b.Loop() {
		ch := make(chan chunk, 1024)
		done := parseAll(p, ch)
		if err := produceJournalFiles(context.Background(), files, 0, ch); err != nil {
			b.Fatal(err)
		}
		close(ch)
		lines += <-done
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
	if lines != (n-n/10)*b.N {
		b.Fatalf("%d lines", lines)
	}
}

// parseAll parses every line of the chunks sent on ch until it is closed,
// then sends how many it parsed.
func parseAll(p *Parser, ch <-chan chunk) <-chan int {
	done := make(chan int, 1)
	go func() {
		var r Record
		n := 0
		for c := range ch {
			c.forEachLine(func(line string) {
				p.Parse(line, &r)
				n++
			})
		}
		done <- n
	}()
	return done
}

// pipeReader hands out at most 4 KiB a read, as a pipe from a busy
// journalctl does.
type pipeReader struct{ b []byte }

func (p *pipeReader) Read(b []byte) (int, error) {
	if len(p.b) == 0 {
		return 0, io.EOF
	}
	n := copy(b[:min(len(b), 4096)], p.b)
	p.b = p.b[n:]
	return n, nil
}

// BenchmarkStallReader measures the stall watch of a journal read once
// over 1 MiB of output in pipe-sized reads.
func BenchmarkStallReader(b *testing.B) {
	data := make([]byte, 1<<20)
	buf := make([]byte, 256*1024)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s := &stallReader{r: &pipeReader{b: data}, limit: time.Minute, first: time.Minute, onStall: func() {}}
		for {
			if _, err := s.Read(buf); err != nil {
				break
			}
		}
	}
}
