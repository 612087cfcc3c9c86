package ui

import (
	"fmt"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// DestRow is one line of the destinations table, with its detail.
type DestRow struct {
	Domain                  string
	Transport               string
	Sent, Deferred, Bounced int
	Suspended               int
	TopClass                sources.Class
	Rate                    float64   // errors/min over 5 minutes
	Spark                   []float64 // errors per minute, oldest first
	LastReply               string
	Classes                 map[sources.Class]int
	Hops                    []analyzers.Hop
	Recent                  []string
	Snippet                 []analyzers.Action // transport_maps / master.cf steps for it
	// Drain estimates how long its deferred mail needs (the detail's
	// row only); Effect compares its deferrals before and after a change
	// applied from the screen.
	Drain                    []string
	Effect                   string
	Concurrency, Peak, Limit int
	Estimate                 bool
}

// ConcRow is one bar of the concurrency pane.
type ConcRow struct {
	Name     string
	Used     int
	Peak     int
	Limit    int
	Estimate bool
	Note     string
}

// LoadData is the load pane's content.
type LoadData struct {
	Machine  *sources.MachineReading
	History  []sources.MachineReading // the last two readings, for rates
	LoadHist []float64
	CPUHist  []float64
	MemHist  []float64
}

// QueueData is the queue pane's content.
type QueueData struct {
	Snapshot *sources.QueueSnapshot
	Growth   float64
	HasGrow  bool
	Trend    []float64 // deferred over time
	Clog     []string
	// Failed, when set, is why the queue could not be read since
	// Snapshot was taken, ReadAgo before now: the pane shows it as old.
	Failed  string
	ReadAgo time.Duration
}

// Data is everything the screen shows, frozen at one tick (and kept while
// paused).
type Data struct {
	Now   time.Time
	Dests []DestRow
	// DestsTotal is how many destinations the engine tracks that the
	// filter matches: Dests holds at most a screen's worth of them.
	DestsTotal   int
	SortKey      analyzers.SortKey
	Outbound     []ConcRow
	Services     []ConcRow
	Inbound      []ConcRow
	Load         LoadData
	Queue        QueueData
	Hints        []analyzers.Hint
	Log          []analyzers.LogEntry
	States       []sources.SourceState
	EventsPerSec float64
	Version      string
	Dropped      uint64
	Failed       int64 // log lines mxtop failed on
	HintsFailed  int64 // hint evaluations that failed
	Progress     *sources.Progress
	// LogEnded, when set, is the last line's time of a log that ended
	// before the rate window: Now is that time, not the wall's, and the
	// status bar says so. LogEndedAgo is how long before the wall's now.
	LogEnded    time.Time
	LogEndedAgo time.Duration
	// HostApart, when set, says why the Queue and Load panes show no
	// reading: the log is too old for this host's state now to describe
	// it, and the report of it would leave them out.
	HostApart string
	// LeftOut names the sources whose readings HostApart leaves out: the
	// status bar does not list their state (the help does, saying so).
	LeftOut []string
}

// ViewState is what the user chose: panes, focus, filter. Each pane keeps
// its own state (selection, scroll, an open detail) in Panes.
type ViewState struct {
	Width, Height int
	Panes         [NumPanes]Pane
	Visible       [NumPanes]bool
	Focus         PaneID
	Zoom          bool
	Filter        string
	Filtering     bool // the filter prompt is open
	FilterInput   string
	Paused        bool
	PausedNew     int
	Help          bool
	HelpTop       int // the first help line shown when the help is taller than the screen
	Flash         string
	// FlashHead, when set, is how many bytes of the flash stay when the
	// status bar cuts it; the rest (a path, whose end is the file's name)
	// is cut from its left.
	FlashHead    int
	SnapshotPath string
	// Confirm, when set, is the confirmation screen of an action: it takes
	// every key until answered.
	Confirm *Confirm
	// ReadOnly is --read-only: no action runs, and the status bar says so.
	ReadOnly bool
}

// NewViewState is the start: every pane of the Registry built and shown,
// the first focused.
func NewViewState(w, h int) ViewState {
	v := ViewState{Width: w, Height: h, Panes: NewPanes()}
	for id := range v.Panes {
		v.Show(PaneID(id), true)
	}
	return v
}

// Pane is the pane with that id, failing loudly on an id outside the
// Registry or a ViewState not made by NewViewState.
func (v *ViewState) Pane(id PaneID) Pane {
	if id < 0 || id >= NumPanes || v.Panes[id] == nil {
		panic(fmt.Sprintf("ui: no pane %d in this view (the Registry has %d; build views with NewViewState)", id, NumPanes))
	}
	return v.Panes[id]
}

// Focused is the pane that has focus.
func (v *ViewState) Focused() Pane { return v.Pane(v.Focus) }

// Show shows or hides a pane, enabling its key bindings only while it
// shows, so that help lists only the keys of the panes on screen.
func (v *ViewState) Show(id PaneID, on bool) {
	for _, b := range v.Pane(id).Keys() {
		b.SetEnabled(on)
	}
	v.Visible[id] = on
}
