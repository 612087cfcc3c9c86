package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// A report bounds its heap at the default number of destinations, and
// leaves the collector alone when told how to run it or when it may hold
// more; the bound is undone afterwards.
func TestReportGCBoundsTheHeap(t *testing.T) {
	current := func() int64 { return debug.SetMemoryLimit(-1) }
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := current()
	if before != math.MaxInt64 {
		t.Skipf("the test runs under a memory limit already (%d)", before)
	}
	percent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	pctBefore := percent()
	undo := reportGC(5000)
	if got := current(); got != reportHeap {
		t.Errorf("limit %d during a report, want %d", got, reportHeap)
	}
	if got := percent(); got >= 0 {
		t.Errorf("GOGC %d during a report, want the collector left to the limit", got)
	}
	undo()
	if got := current(); got != before {
		t.Errorf("limit %d after the report, want %d back", got, before)
	}
	if got := percent(); got != pctBefore {
		t.Errorf("GOGC %d after the report, want %d back", got, pctBefore)
	}
	undo = reportGC(100000)
	if got := current(); got != before {
		t.Errorf("limit %d with more destinations, want it untouched", got)
	}
	undo()
	t.Setenv("GOGC", "200")
	undo = reportGC(5000)
	if got := current(); got != before {
		t.Errorf("limit %d with GOGC set, want it untouched", got)
	}
	undo()
}
