package ui

import (
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// DestRow is one line of the destinations table, with its detail.
type DestRow struct {
	Domain                   string
	Transport                string
	Sent, Deferred, Bounced  int
	Suspended                int
	TopClass                 sources.Class
	Rate                     float64   // errors/min over 5 minutes
	Spark                    []float64 // errors per minute, oldest first
	LastReply                string
	Classes                  map[sources.Class]int
	Hops                     []analyzers.Hop
	Recent                   []string
	Snippet                  []string // transport_maps / master.cf lines for it
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
}

// Data is everything the screen shows, frozen at one tick (and kept while
// paused).
type Data struct {
	Now          time.Time
	Dests        []DestRow
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
	Progress     *sources.Progress
}

// ViewState is what the user chose: panes, focus, selection, filter.
type ViewState struct {
	Width, Height int
	Visible       [NumPanes]bool
	Focus         Pane
	Zoom          bool
	Filter        string
	Filtering     bool // the filter prompt is open
	FilterInput   string
	Paused        bool
	PausedNew     int
	Help          bool
	Detail        bool // destination detail open
	HintOpen      bool // selected hint expanded
	Selected      [NumPanes]int
	Scroll        [NumPanes]int
	Flash         string
	SnapshotPath  string
}
