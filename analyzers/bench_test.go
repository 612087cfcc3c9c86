package analyzers

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"mxtop/sources"
)

// BenchmarkEngineFeed feeds the realistic mix (see sources' BenchmarkParse)
// to every analyzer; one iteration is one record.
func BenchmarkEngineFeed(b *testing.B) {
	f, err := os.Open("../sources/testdata/bench-mix.log.gz")
	if err != nil {
		b.Fatal(err)
	}
	zr, _ := gzip.NewReader(f)
	data, _ := io.ReadAll(zr)
	f.Close()
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	p := sources.NewParser()
	recs := make([]sources.Record, len(lines))
	for i, l := range lines {
		p.Parse(l, &recs[i])
	}
	e := NewEngine(0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Feed(&recs[i%len(recs)])
	}
}

// BenchmarkHints evaluates every rule over the lab's state.
func BenchmarkHints(b *testing.B) {
	e := labEngine(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Hints(false)
	}
}

// BenchmarkDistinctDomains feeds deliveries to 1,000,000 distinct domains
// (one iteration is 1,000,000 records) and reports the live heap after:
// the destination table stays bounded, the rest folds into (other).
func BenchmarkDistinctDomains(b *testing.B) {
	p := &sources.Parser{Year: 2026}
	var r sources.Record
	var heap uint64
	for i := 0; i < b.N; i++ {
		e := NewEngine(0)
		for d := 0; d < 1_000_000; d++ {
			p.Parse(fmt.Sprintf("Nov 28 10:%02d:%02d mx postfix/smtp[%d]: %010X: to=<u@d%d.example>, relay=mx.d%d.example[192.0.2.%d]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx said: 421 4.7.0 too many connections)",
				d/60%60, d%60, 1000+d%50, d, d, d, d%250), &r)
			e.Feed(&r)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapAlloc
		if e.Dest.Len() != 5000 || e.Dest.Evicted != 1_000_000-5000 {
			b.Fatalf("tracked %d, evicted %d", e.Dest.Len(), e.Dest.Evicted)
		}
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MiB")
}

// BenchmarkHintsManyRefusingDomains evaluates every rule with a full
// destination table of domains that each refused from a next hop of its
// own (a wide spam run, or a large bulk sender).
func BenchmarkHintsManyRefusingDomains(b *testing.B) {
	p := &sources.Parser{Year: 2026}
	var r sources.Record
	e := NewEngine(0)
	for d := range 5000 {
		p.Parse(fmt.Sprintf("Nov 28 10:%02d:%02d mx postfix/smtp[%d]: %010X: to=<u@d%d.example>, relay=mx.d%d.example[192.0.2.%d]:25, delay=1, delays=1/0/0/0, dsn=4.7.0, status=deferred (host mx.d%d.example[192.0.2.%d] said: 421 4.7.0 too many connections)",
			d/60%60, d%60, 1000+d%50, d, d, d, d%250, d, d%250), &r)
		e.Feed(&r)
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Hints(false)
	}
}
