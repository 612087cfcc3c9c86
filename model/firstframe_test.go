package model

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
)

func deferredTo(t *testing.T, dom string) sources.Record {
	t.Helper()
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	var r sources.Record
	p.Parse("Nov 28 11:14:11 lab postfix/smtp[1]: ABCDEF123: to=<a@"+dom+">, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)", &r)
	if r.Time.IsZero() {
		t.Fatal("test line not parsed")
	}
	return r
}

func shows(m *Model, dom string) bool {
	for _, d := range m.Data().Dests {
		if d.Domain == dom {
			return true
		}
	}
	return false
}

// The first records of all are drawn as soon as they are analysed, not on
// the next tick (a --since window's first frame); later batches within a
// refresh interval wait for the tick, and a batch that comes a refresh
// interval after the last rebuild is drawn at once again.
func TestFirstRecordsAreDrawnWithoutTheTick(t *testing.T) {
	wall := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	var started int
	m := New(analyzers.NewEngine(0), Feeds{Started: func() { started++ }}, Settings{Clock: func() time.Time { return wall }})
	m.wall = func() time.Time { return wall }
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if m.Render(); started != 0 {
		t.Fatal("Started was called before any record was on screen")
	}
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{deferredTo(t, "first.example")}}, ok: true})
	if !shows(m, "first.example") || !strings.Contains(m.Render(), "first.example") {
		t.Fatal("the first records waited for the tick")
	}
	if started != 1 {
		t.Fatalf("Started called %d times after the first frame with data, want 1", started)
	}
	wall = wall.Add(m.set.Refresh / 2)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{deferredTo(t, "second.example")}}, ok: true})
	if shows(m, "second.example") {
		t.Fatal("a batch within the refresh interval was drawn before the tick")
	}
	m.Update(scheduledTick{m.tickGen, wall})
	if !shows(m, "second.example") {
		t.Fatal("the tick did not draw the batch it found")
	}
	wall = wall.Add(m.set.Refresh)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{deferredTo(t, "third.example")}}, ok: true})
	if !shows(m, "third.example") {
		t.Fatal("a batch a refresh interval after the last rebuild waited for the tick")
	}
	m.Render()
	if started != 1 {
		t.Fatalf("Started called %d times, want once", started)
	}
	// Paused, nothing is drawn at once.
	press(m, "p")
	wall = wall.Add(time.Minute)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{deferredTo(t, "paused.example")}}, ok: true})
	if shows(m, "paused.example") {
		t.Fatal("a paused screen drew new data")
	}
}
