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
	_, cmd := m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{deferredTo(t, "first.example")}}, ok: true})
	if !shows(m, "first.example") || !strings.Contains(m.Render(), "first.example") {
		t.Fatal("the first records waited for the tick")
	}
	// The sources that wait for the first frame hear of it once the
	// renderer has had time to write it: a command brings startedMsg.
	if started != 0 || cmd == nil {
		t.Fatalf("Started called %d times as the frame was built, command %v", started, cmd != nil)
	}
	m.Update(startedMsg{})
	m.Update(startedMsg{})
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

// A log that grows once a second is drawn once a second: the batch is
// drawn when it comes, with the events rate, and the ticks between add no
// rebuild of their own. When the lines stop, the rate falls to zero
// within rateQuiet and a tick, and is drawn.
func TestSteadyLogRebuildsOncePerBatch(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	m := New(analyzers.NewEngine(0), Feeds{}, Settings{Clock: func() time.Time { return now }})
	m.wall = func() time.Time { return now }
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	batch := make([]sources.Record, 200)
	for i := range batch {
		batch[i] = deferredTo(t, "steady.example")
	}
	rebuilds := 0
	step := func(msg tea.Msg) {
		before := m.builtWall
		m.Update(msg)
		if !m.builtWall.Equal(before) {
			rebuilds++
		}
	}
	for sec := 0; sec < 6; sec++ {
		step(logMsg{b: sources.LogBatch{Records: batch}, ok: true})
		for i := 0; i < 4; i++ {
			now = now.Add(m.set.Refresh)
			step(scheduledTick{m.tickGen, now})
		}
	}
	if rebuilds != 6 {
		t.Fatalf("%d rebuilds for 6 batches a second apart, want 6", rebuilds)
	}
	if r := m.Data().EventsPerSec; r != 200 {
		t.Fatalf("events rate %v on screen, want 200", r)
	}
	for i := 0; i < int((rateQuiet+m.set.Refresh)/m.set.Refresh); i++ {
		now = now.Add(m.set.Refresh)
		m.Update(scheduledTick{m.tickGen, now})
	}
	if r := m.Data().EventsPerSec; r != 0 {
		t.Fatalf("events rate %v on screen %v after the last line, want 0", r, rateQuiet+m.set.Refresh)
	}
}

func load(m *Model) float64 {
	if r := m.Data().Load.Machine; r != nil {
		return r.Load1
	}
	return -1
}

// A machine reading is drawn with the next rebuild and does not cause
// one, unless the source's health changed.
func TestMachineReadingsWaitForTheNextRebuild(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	m := New(analyzers.NewEngine(0), Feeds{}, Settings{Clock: func() time.Time { return now }})
	m.wall = func() time.Time { return now }
	reading := func(load float64, h sources.Health) tea.Msg {
		return machineMsg{ev: sources.MachineEvent{Reading: sources.MachineReading{Time: now, CPUs: 2, Load1: load},
			State: sources.SourceState{Source: "machine", Health: h}}, ok: true}
	}
	m.Update(reading(0.5, sources.HealthOK))
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{deferredTo(t, "a.example")}}, ok: true})
	if load(m) != 0.5 {
		t.Fatalf("load %v on screen after a rebuild, want 0.5", load(m))
	}
	m.Update(reading(1.5, sources.HealthOK))
	now = now.Add(m.set.Refresh)
	m.Update(scheduledTick{m.tickGen, now})
	if load(m) != 0.5 {
		t.Fatal("a machine reading caused a rebuild")
	}
	now = now.Add(m.set.Refresh)
	m.Update(logMsg{b: sources.LogBatch{Records: []sources.Record{deferredTo(t, "b.example")}}, ok: true})
	if load(m) != 1.5 {
		t.Fatalf("load %v on screen after the next rebuild, want 1.5", load(m))
	}
	m.Update(reading(1.5, sources.HealthDegraded))
	now = now.Add(m.set.Refresh)
	m.Update(scheduledTick{m.tickGen, now})
	found := false
	for _, s := range m.Data().States {
		found = found || (s.Source == "machine" && s.Health == sources.HealthDegraded)
	}
	if !found {
		t.Fatal("a machine source turned degraded was not drawn on the next tick")
	}
}
