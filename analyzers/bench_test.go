package analyzers

import (
	"compress/gzip"
	"io"
	"os"
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
