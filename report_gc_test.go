package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
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

// A state that outgrows half the bound (a log naming a new failing domain
// on every line fills every destination's slot) would have the collector
// run each time a few MB more are allocated under the limit: the report
// hands the heap back to GOGC's pacing then.
func TestReportGCLetsGoOfALargeState(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Skipf("the test runs under a memory limit already (%d)", limit)
	}
	pctBefore := debug.SetGCPercent(100)
	debug.SetGCPercent(pctBefore)
	undo := reportGC(5000)
	defer undo()
	state := make([][]byte, 0, 64)
	for len(state) < cap(state) {
		state = append(state, make([]byte, reportHeap/2/48)) // 2/3 of the bound, live
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) != math.MaxInt64 {
		if time.Now().After(deadline) {
			t.Fatalf("the heap's live %d MB is over half the bound and the report's limit still holds", len(state)*len(state[0])>>20)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if p := debug.SetGCPercent(pctBefore); p != pctBefore {
		t.Errorf("GOGC %d after the state outgrew the bound, want %d back", p, pctBefore)
	}
	runtime.KeepAlive(state)
}
